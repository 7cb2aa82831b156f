"""The outbox: what may happen to an outgoing message, decided without any I/O.

Life of one outgoing message::

    draft ──approve──▶ approved ──schedule──▶ scheduled ──claim──▶ sending ──▶ sent
      ▲                   │                      │                  │  │  │
      └──────edit─────────┴──────────────────────┘                  │  │  └──▶ failed (5xx)
                                                    retry ◀─ 4xx ───┘  └──▶ uncertain
                                                      └──claim──▶ sending       │
    cancel: from draft, approved, scheduled, retry, uncertain              found / confirmed
                                                                            ──▶ sent

Three rules carry the "exactly once" promise:

* The Message-ID is fixed (:func:`make_message_id`) before the first attempt,
  so the message can be recognised in Sent after a crash.
* ``sending`` is committed before talking to the server, and "DATA started"
  is committed just before the content is written (see :mod:`mailsync.smtp`).
* After DATA may have been transmitted, nothing resends automatically
  (:func:`recovery_action`); only the applicant can release an ``uncertain``
  message (RFC 5321 §6.1: once a server answers 250 it owns the message, and a
  lost reply leaves us unable to know).

Everything here is pure: times and jitter are arguments, never read from a
clock or a random source. The message builder uses only the standard
``email`` package (RFC 5322).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.headerregistry import Address as HeaderAddress
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, getaddresses
from enum import StrEnum

from mailsync.errors import IllegalTransition  # Raised here; importable from here too.
from mailsync.message import Address, ParsedMessage


class SendState(StrEnum):
    """Where an outgoing message is; stored as these strings."""

    DRAFT = "draft"
    APPROVED = "approved"
    SCHEDULED = "scheduled"
    SENDING = "sending"
    RETRY = "retry"  # a temporary failure; due again at ``next_attempt_at``
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"
    UNCERTAIN = "uncertain"  # may have left; waiting for Sent or the applicant


class SendEvent(StrEnum):
    """What can happen to an outgoing message."""

    APPROVE = "approve"
    EDIT = "edit"  # the text changed: approval is void
    SCHEDULE = "schedule"
    CLAIM = "claim"  # due now: committed before connecting
    ACCEPTED = "accepted"  # final 250 after DATA
    TEMPORARY_FAILURE = "temporary_failure"  # 4xx / network, message did not leave
    PERMANENT_FAILURE = "permanent_failure"  # 5xx or attempts exhausted
    CUT_OFF = "cut_off"  # no final reply after DATA started
    RECOVER_RETRY = "recover_retry"  # restart: DATA never started
    FOUND_IN_SENT = "found_in_sent"
    CONFIRM_SENT = "confirm_sent"  # the applicant says it arrived
    CONFIRM_RESEND = "confirm_resend"  # the applicant says send it again
    CANCEL = "cancel"


S, E = SendState, SendEvent

TRANSITIONS: dict[tuple[SendState, SendEvent], SendState] = {
    (S.DRAFT, E.APPROVE): S.APPROVED,
    (S.DRAFT, E.EDIT): S.DRAFT,
    (S.DRAFT, E.CANCEL): S.CANCELLED,
    (S.APPROVED, E.SCHEDULE): S.SCHEDULED,
    (S.APPROVED, E.EDIT): S.DRAFT,
    (S.APPROVED, E.CANCEL): S.CANCELLED,
    (S.SCHEDULED, E.SCHEDULE): S.SCHEDULED,  # moved to another time
    (S.SCHEDULED, E.CLAIM): S.SENDING,
    (S.SCHEDULED, E.EDIT): S.DRAFT,
    (S.SCHEDULED, E.CANCEL): S.CANCELLED,
    (S.SENDING, E.ACCEPTED): S.SENT,
    (S.SENDING, E.TEMPORARY_FAILURE): S.RETRY,
    (S.SENDING, E.PERMANENT_FAILURE): S.FAILED,
    (S.SENDING, E.CUT_OFF): S.UNCERTAIN,
    (S.SENDING, E.RECOVER_RETRY): S.RETRY,
    (S.SENDING, E.FOUND_IN_SENT): S.SENT,
    (S.RETRY, E.CLAIM): S.SENDING,
    (S.RETRY, E.PERMANENT_FAILURE): S.FAILED,  # attempts exhausted
    (S.RETRY, E.CANCEL): S.CANCELLED,
    (S.RETRY, E.EDIT): S.DRAFT,
    (S.UNCERTAIN, E.FOUND_IN_SENT): S.SENT,
    (S.UNCERTAIN, E.CONFIRM_SENT): S.SENT,
    (S.UNCERTAIN, E.CONFIRM_RESEND): S.SCHEDULED,
    (S.UNCERTAIN, E.CANCEL): S.CANCELLED,
    # The server refused it, so it never left: the applicant may fix and re-approve.
    (S.FAILED, E.EDIT): S.DRAFT,
}

TERMINAL: frozenset[SendState] = frozenset({S.SENT, S.CANCELLED})
DUE_STATES: frozenset[SendState] = frozenset({S.SCHEDULED, S.RETRY})


def next_state(state: SendState, event: SendEvent) -> SendState:
    """The state after ``event``; raises :class:`IllegalTransition` if it is not allowed."""
    try:
        return TRANSITIONS[(SendState(state), SendEvent(event))]
    except KeyError:
        raise IllegalTransition(SendState(state), SendEvent(event)) from None


def can_move(src: SendState, dst: SendState) -> bool:
    """Whether some event leads from ``src`` to ``dst`` (for store-level guards)."""
    return any(s == src and d == dst for (s, _), d in TRANSITIONS.items())


def allowed_events(state: SendState) -> frozenset[SendEvent]:
    """The events that are legal in ``state`` (what the CLI may offer)."""
    return frozenset(e for (s, e) in TRANSITIONS if s == state)


def is_due(state: SendState, at: datetime | None, now: datetime) -> bool:
    """A scheduled or retrying message is due once its time has come."""
    return state in DUE_STATES and at is not None and at <= now


# Backoff -------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Backoff:
    """Exponential backoff for temporary failures, capped, with a bounded number of tries.

    Defaults follow the spirit of RFC 5321 §4.5.4.1 (retry after at least 30
    minutes for an MTA); a submission client retries sooner at first because
    an interview slot may be first come, first served. ``spread`` is the share
    of each delay that jitter may remove, so many queued messages do not all
    hit the server at once.
    """

    base: timedelta = timedelta(minutes=1)
    factor: float = 2.0
    cap: timedelta = timedelta(hours=1)
    max_attempts: int = 8
    spread: float = 0.25

    def __post_init__(self) -> None:
        if self.base <= timedelta(0) or self.cap < self.base:
            raise ValueError("need 0 < base <= cap")
        if self.factor < 1 or self.max_attempts < 1 or not 0 <= self.spread < 1:
            raise ValueError("need factor >= 1, max_attempts >= 1 and 0 <= spread < 1")


DEFAULT_BACKOFF = Backoff()


def backoff_delay(
    attempts: int, policy: Backoff = DEFAULT_BACKOFF, jitter: float = 0.0
) -> timedelta:
    """Delay after the ``attempts``-th failed attempt (1-based).

    ``jitter`` in [0, 1] comes from the caller (``random.random()`` in the
    service, a constant in tests); 0 gives the full, deterministic delay.
    """
    if attempts < 1:
        raise ValueError("attempts counts failed attempts and starts at 1")
    if not 0.0 <= jitter <= 1.0:
        raise ValueError("jitter must be within [0, 1]")
    seconds = policy.base.total_seconds() * policy.factor ** min(attempts - 1, 64)
    capped = min(seconds, policy.cap.total_seconds())
    return timedelta(seconds=capped * (1 - policy.spread * jitter))


@dataclass(frozen=True)
class RetryDecision:
    """What to do after a temporary failure: retry at ``at``, or give up (``state`` failed)."""

    state: SendState
    at: datetime | None
    reason: str


def after_temporary_failure(
    attempts: int, now: datetime, policy: Backoff = DEFAULT_BACKOFF, jitter: float = 0.0
) -> RetryDecision:
    """Retry later, or fail for good once ``policy.max_attempts`` attempts have failed."""
    if attempts >= policy.max_attempts:
        return RetryDecision(S.FAILED, None, f"gave up after {attempts} temporary failures")
    at = now + backoff_delay(attempts, policy, jitter)
    return RetryDecision(S.RETRY, at, f"temporary failure {attempts}; retry at {at.isoformat()}")


# Recovery after a restart ------------------------------------------------------------


class RecoveryAction(StrEnum):
    """What a restart does with an outbox item."""

    NOTHING = "nothing"  # not in flight: leave it alone
    CHECK_SENT = "check_sent"  # look for the Message-ID in Sent, then decide again
    MARK_SENT = "mark_sent"
    RETRY = "retry"  # provably never left
    MARK_FAILED = "mark_failed"  # the server refused it (a recorded 5xx)
    MARK_UNCERTAIN = "mark_uncertain"  # may have left: ask the applicant


@dataclass(frozen=True, kw_only=True)
class AttemptInfo:
    """What the store knows about the last attempt.

    ``data_started``: "DATA started" was committed (content may have been
    written). ``found_in_sent``: None when Sent has not been searched (or could
    not be), else whether the Message-ID was found there. ``final_code``: the
    server's final reply after DATA, if it was recorded before the crash.
    """

    data_started: bool = False
    found_in_sent: bool | None = None
    final_code: int | None = None


@dataclass(frozen=True)
class Recovery:
    action: RecoveryAction
    reason: str


def recovery_action(state: SendState, info: AttemptInfo) -> Recovery:
    """Decide what a restart does with an item, never resending after DATA may have gone.

    Only ``sending`` is in flight (and ``uncertain`` can still be settled by
    finding it in Sent). Order of evidence: Sent wins; then a recorded final
    reply; then "DATA never started" proves the message did not leave; else
    the answer is in Sent, and if it is not there the applicant must decide.
    """
    if state == S.UNCERTAIN:
        if info.found_in_sent:
            return Recovery(RecoveryAction.MARK_SENT, "found in Sent by Message-ID")
        return Recovery(RecoveryAction.NOTHING, "still uncertain: waiting for the applicant")
    if state != S.SENDING:
        return Recovery(RecoveryAction.NOTHING, f"{state.value} is not in flight")
    if info.found_in_sent:
        return Recovery(RecoveryAction.MARK_SENT, "found in Sent by Message-ID")
    code = info.final_code
    if code is not None and 200 <= code < 300:
        return Recovery(RecoveryAction.MARK_SENT, f"the server accepted it ({code})")
    if code is not None and 500 <= code < 600:
        return Recovery(RecoveryAction.MARK_FAILED, f"the server refused it ({code})")
    if code is not None and 400 <= code < 500:
        return Recovery(RecoveryAction.RETRY, f"the server deferred it ({code}); it did not leave")
    if not info.data_started:
        return Recovery(RecoveryAction.RETRY, "DATA never started, so it cannot have left")
    if info.found_in_sent is None:
        return Recovery(RecoveryAction.CHECK_SENT, "DATA started: look in Sent before deciding")
    return Recovery(
        RecoveryAction.MARK_UNCERTAIN,
        "DATA started, no final reply and not in Sent: it may have left; ask the applicant",
    )


# Message-ID ----------------------------------------------------------------------------

_DOMAIN = re.compile(r"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                     r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")
_MSG_ID = re.compile(r"^<[^<>\s@]+@[^<>\s@]+>$")


def make_message_id(domain: str, key: str) -> str:
    """A Message-ID that depends only on ``(domain, key)`` (RFC 5322 §3.6.4).

    ``key`` names the outbox item (e.g. ``account/draft-id``); hashing it
    gives a dot-atom ``id-left`` whatever the key contains, and the same key
    always gives the same id, so a retried or recovered send carries the id
    that Sent can be searched for. ``domain`` should be the sender's domain
    (RFC 5322 §3.6.4 asks for global uniqueness).
    """
    if not _DOMAIN.match(domain):
        raise ValueError(f"not a usable domain for a Message-ID: {domain!r}")
    if not key:
        raise ValueError("the Message-ID key must not be empty")
    digest = hashlib.sha256(f"{domain.lower()}\0{key}".encode()).hexdigest()[:32]
    return f"<mailsync.{digest}@{domain.lower()}>"


def normalize_msgid(value: str) -> str:
    """``<id>`` with surrounding whitespace and folding removed; '' when not a msg-id."""
    value = "".join(value.split())
    if value and not value.startswith("<"):
        value = f"<{value}>"
    return value if _MSG_ID.match(value) else ""


# Building the message -------------------------------------------------------------------

_RE_PREFIX = re.compile(r"^\s*re\s*(?:\[\d+\])?\s*:", re.IGNORECASE)
MAX_REFERENCES = 20


def reply_subject(subject: str) -> str:
    """``Re: subject`` unless it already starts with a reply prefix (no "Re: Re:")."""
    subject = " ".join(subject.split())
    if _RE_PREFIX.match(subject):
        return subject
    return f"Re: {subject}" if subject else "Re:"


@dataclass(frozen=True, kw_only=True)
class ThreadParent:
    """The message being answered: its id, its References and its In-Reply-To."""

    message_id: str
    references: tuple[str, ...] = ()
    in_reply_to: str = ""


def parent_of(parsed: ParsedMessage) -> ThreadParent:
    """The threading facts of a received message, for :func:`build_outgoing`."""
    return ThreadParent(
        message_id=parsed.message_id,
        references=tuple(parsed.references),
        in_reply_to=parsed.in_reply_to,
    )


def thread_headers(parent: ThreadParent) -> tuple[str, tuple[str, ...]]:
    """``(In-Reply-To, References)`` for a reply to ``parent`` (RFC 5322 §3.6.4).

    References is the parent's References (or, lacking those, its single
    In-Reply-To) followed by the parent's Message-ID. Long chains keep the
    thread root and the newest ids, as common clients do, so headers stay sane.
    """
    parent_id = normalize_msgid(parent.message_id)
    if not parent_id:
        return "", ()
    earlier = [normalize_msgid(r) for r in parent.references]
    if not any(earlier) and parent.in_reply_to:
        earlier = [normalize_msgid(parent.in_reply_to)]
    chain = _dedupe([r for r in earlier if r and r != parent_id] + [parent_id])
    if len(chain) > MAX_REFERENCES:
        chain = [chain[0], *chain[-(MAX_REFERENCES - 1):]]
    return parent_id, tuple(chain)


def _dedupe(ids: Iterable[str]) -> list[str]:
    """First occurrence wins, order kept."""
    return list(dict.fromkeys(ids))


def _header_address(address: Address | str) -> HeaderAddress:
    if isinstance(address, str):
        [(name, addr)] = getaddresses([address]) or [("", address)]
        address = Address(name, addr)
    if "@" not in address.addr or any(c.isspace() for c in address.addr):
        raise ValueError(f"not an email address: {address.addr!r}")
    return HeaderAddress(display_name=address.name, addr_spec=address.addr)


def build_outgoing(
    *,
    from_: Address | str,
    to: Sequence[Address | str],
    subject: str,
    body: str,
    date: datetime,
    message_id: str,
    cc: Sequence[Address | str] = (),
    parent: ThreadParent | None = None,
) -> EmailMessage:
    """The RFC 5322 message to submit, as an ``EmailMessage`` with the SMTP policy.

    Headers: From, To, Cc, Subject ("Re: " added once when ``parent`` is
    given), Date (``date``, which must be timezone-aware), Message-ID,
    In-Reply-To and References (threading, RFC 5322 §3.6.4), MIME-Version and
    a text/plain UTF-8 body. Non-ASCII subjects and names are RFC 2047
    encoded and non-ASCII bodies quoted-printable, so the result is 7-bit and
    needs no 8BITMIME. Get the bytes with ``msg.as_bytes()``.
    """
    if date.tzinfo is None:
        raise ValueError("date must be timezone-aware")
    msgid = normalize_msgid(message_id)
    if not msgid:
        raise ValueError(f"not a Message-ID: {message_id!r}")
    if not to:
        raise ValueError("a message needs at least one To address")
    msg = EmailMessage(policy=SMTP)
    msg["From"] = _header_address(from_)
    msg["To"] = [_header_address(a) for a in to]
    if cc:
        msg["Cc"] = [_header_address(a) for a in cc]
    msg["Subject"] = reply_subject(subject) if parent else " ".join(subject.split())
    msg["Date"] = format_datetime(date)
    msg["Message-ID"] = msgid
    _add_thread_headers(msg, parent)
    msg.set_content(_normalize_body(body), charset="utf-8", cte=_body_cte(body))
    return msg


def _add_thread_headers(msg: EmailMessage, parent: ThreadParent | None) -> None:
    if parent is None:
        return
    in_reply_to, references = thread_headers(parent)
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
        msg["References"] = " ".join(references)


def _normalize_body(body: str) -> str:
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    return text if text.endswith("\n") else text + "\n"


def _body_cte(body: str) -> str | None:
    """7bit for plain ASCII (the library picks); quoted-printable keeps UTF-8 7-bit-safe."""
    return None if body.isascii() else "quoted-printable"


def envelope(msg: EmailMessage) -> tuple[str, tuple[str, ...]]:
    """``(mail_from, rcpt_to)`` for SMTP: the From address and every To and Cc address."""
    sender = getaddresses([str(msg["From"])])[0][1]
    rcpts = [addr for _, addr in getaddresses(msg.get_all("To", []) + msg.get_all("Cc", []))]
    return sender, tuple(_dedupe(r for r in rcpts if r))
