"""Outgoing mail, orchestrated: draft → review → approve → scheduled send → Sent.

This module sequences the pure decisions (:mod:`mailsync.playbook`,
:mod:`mailsync.lint`, :mod:`mailsync.policy`, :mod:`mailsync.outbox`) with the
adapters (store, IMAP, SMTP, clock). The promises it keeps, and how:

* **Nothing unapproved leaves.** Only rows in ``scheduled``/``retry`` are
  sent, a row gets there only through :func:`approve` (lint + policy with
  ``clock.now()``), and policy is checked once more just before sending,
  because a program may have written meanwhile.
* **Exactly once, across crashes.** The Message-ID is fixed when the draft is
  created. ``sending`` (with the attempt count) is committed before
  connecting, and ``data_started_at`` is committed by the SMTP adapter's
  ``on_data_start`` callback before the first content byte is written. A
  restart finds ``sending`` rows and asks :func:`mailsync.outbox.recovery_action`:
  DATA never started → retry; otherwise look in Sent by Message-ID, and if it
  is not there → ``uncertain``: the applicant decides, nothing resends. A
  failed APPEND to Sent never causes a resend. Only one sender runs at a time
  (:func:`sender_lock`), so a pass never "recovers" another process's
  in-flight message.
* **One letter of intent per season** is a row in ``claims`` inserted in the
  same transaction as the approval: the primary key makes a second approval
  fail even when two processes approve at the same instant.

Review from the mail client (:func:`scan_review_folders`): drafts are APPENDed
to Drafts with ``\\Draft`` and an ``X-Mailsync-Draft`` header carrying the
fixed Message-ID. Real clients (Thunderbird, Apple Mail, Outlook) save an
edited draft as a *new* message and expunge the old one; Thunderbird and
Apple Mail keep the Message-ID, Gmail may drop custom headers, so a review
copy is matched by its Message-ID *or* by ``X-Mailsync-Draft``. The applicant
approves by moving the draft to ``mailsync/Approve`` (or setting the approve
keyword on it) and rejects by moving it to ``mailsync/Reject`` or deleting it;
the text found there, edited or not, is what is linted, checked and sent.
Recipients are never taken from the edited copy: a changed address would
escape the per-program policy, so the stored recipients are used.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import fcntl
import hashlib
import inspect
import logging
import random
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, getaddresses, make_msgid
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mailsync import outbox
from mailsync.clock import Clock
from mailsync.config import AccountSettings, Settings
from mailsync.errors import (
    ConfigError,
    CredentialError,
    ImapError,
    PermanentSendError,
    TemporarySendError,
    UncertainSendError,
    UnknownRecordError,
)
from mailsync.imap import ImapSession
from mailsync.message import Address
from mailsync.outbox import SendState, ThreadParent
from mailsync.parse import parse_message
from mailsync.playbook import Draft, MissingFacts, ReplyContext, render_draft
from mailsync.policy import Decision, PolicyRules, Proposal, SentRecord, evaluate_policy
from mailsync.programs import Program, program_from_row
from mailsync.season import Season, season_for
from mailsync.store import Database
from mailsync.store.schema import (
    AccountRow,
    AlertRow,
    ClaimRow,
    EventRow,
    LabelRow,
    MessageRow,
    OutboxRow,
    ProgramRow,
)
from mailsync.taxonomy import Flag, Kind, OutgoingType

log = logging.getLogger(__name__)

S = SendState
T = OutgoingType

DRAFT_HEADER = "X-Mailsync-Draft"
NOTE_HEADER = "X-Mailsync-Note"
LETTER_OF_INTENT_CLAIM = "letter_of_intent"
# Rows that count as "sent or on the way" for the policy's history.
ACTIVE_STATES = (S.APPROVED, S.SCHEDULED, S.SENDING, S.RETRY, S.SENT, S.UNCERTAIN)
CANCELLABLE = (S.DRAFT, S.APPROVED, S.SCHEDULED, S.RETRY, S.UNCERTAIN, S.FAILED)
EDITABLE = (S.DRAFT, S.APPROVED, S.SCHEDULED, S.RETRY, S.FAILED)
# Providers whose SMTP submission files the message in Sent by itself; an
# APPEND there would make a second copy (Gmail, Microsoft 365 / Outlook.com, iCloud).
SELF_FILING_HOSTS = ("gmail.com", "googlemail.com", "office365.com", "outlook.com",
                     "hotmail.com", "live.com", "icloud.com", "me.com")
DRAFTS_NAMES = ("Drafts", "Draft", "INBOX.Drafts", "[Gmail]/Drafts")
SENT_NAMES = ("Sent", "Sent Items", "Sent Messages", "Sent Mail", "INBOX.Sent",
              "[Gmail]/Sent Mail")
# Timeline event written when a message of this type has been sent.
EVENT_FOR_TYPE: dict[T, str] = {
    T.THANK_YOU: "thanked",
    T.LETTER_OF_INTEREST: "letter_of_interest",
    T.LETTER_OF_INTENT: "letter_of_intent",
    T.UPDATE_LETTER: "update_sent",
    T.PRE_INTERVIEW_INTEREST: "interest_sent",
    T.INVITE_REPLY: "invite_answered",
    T.RESCHEDULE_REQUEST: "reschedule_requested",
    T.VISA_UPDATE: "visa_update_sent",
    T.OFFER_ACCEPT: "offer_accepted",
    T.OFFER_DECLINE: "offer_declined",
}
FILING_RETRY_WINDOW = timedelta(days=7)


# ---------------------------------------------------------------- context and results


@dataclass
class Outgoing:
    """Everything the outgoing side needs; tests pass a FixedClock and their own connect.

    ``connect`` opens an authenticated IMAP session for an account (default:
    :func:`mailsync.service.connect`); ``password`` reads the account secret
    for SMTP; ``jitter`` spreads retries (a constant in tests).
    """

    settings: Settings
    db: Database
    clock: Clock
    connect: Callable[[AccountSettings], ImapSession] | None = None
    password: Callable[[AccountSettings], str] | None = None
    jitter: Callable[[], float] = random.random
    backoff: outbox.Backoff = outbox.DEFAULT_BACKOFF
    smtp_timeout: float = 60.0

    def imap(self, account: AccountSettings) -> ImapSession:
        if self.connect is not None:
            return self.connect(account)
        from mailsync.service import connect

        return connect(account)

    def secret(self, account: AccountSettings) -> str:
        if self.password is not None:
            return self.password(account)
        from mailsync.credentials import get_password

        return get_password(account)

    @property
    def rules(self) -> PolicyRules:
        return PolicyRules.from_toml("", overrides=dict(self.settings.policy))

    def season(self, now: datetime) -> Season:
        return season_for(now, self.settings.season)


@dataclass(frozen=True)
class DraftResult:
    """A stored draft; ``imap_note`` says why it is not in Drafts, when it is not."""

    outbox_id: int
    message_id: str
    draft: Draft
    findings: list[dict[str, Any]]
    drafts_uid: int | None = None
    imap_note: str = ""


@dataclass(frozen=True)
class ApprovalResult:
    """Outcome of one approval: scheduled at ``scheduled_at``, or blocked by ``blocks``.

    ``waits`` are the time-bound policy reasons that moved the send time later.
    """

    outbox_id: int
    approved: bool
    scheduled_at: datetime | None = None
    blocks: list[dict[str, Any]] = field(default_factory=list)
    waits: list[dict[str, Any]] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class SendReport:
    """What one send pass did, per outbox id."""

    sent: list[int] = field(default_factory=list)
    retry: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    uncertain: list[int] = field(default_factory=list)
    held: list[int] = field(default_factory=list)  # policy blocked it at send time
    recovered: list[str] = field(default_factory=list)
    filed: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    busy: bool = False  # another sender holds the lock

    @property
    def ok(self) -> bool:
        return not (self.failed or self.uncertain)


@dataclass
class ReviewReport:
    """What one scan of the review folders did."""

    scheduled: list[int] = field(default_factory=list)
    blocked: list[int] = field(default_factory=list)
    rejected: list[int] = field(default_factory=list)
    notes_appended: int = 0


# ---------------------------------------------------------------- lint adapter


def run_lint(text_: str, *, type_: T | None, program: Program | None,
             programs: Sequence[Program] = (), profile: Mapping[str, str] | None = None
             ) -> list[dict[str, Any]]:
    """Lint ``Subject: ...\\n\\nbody`` text; findings as dicts (code, blocking, reason).

    Fails closed: without the lint module every message is blocked, because
    an unchecked message must never leave.
    """
    try:
        from mailsync import lint as lint_module
    except ModuleNotFoundError as exc:
        if exc.name != "mailsync.lint":
            raise
        return [{"code": "lint_unavailable", "blocking": True,
                 "reason": "the compliance lint is not installed; nothing can be approved"}]
    lint_fn = lint_module.lint
    params = inspect.signature(lint_fn).parameters
    offered: dict[str, Any] = {"type": type_, "type_": type_, "outgoing_type": type_,
                               "program": program, "programs": tuple(programs),
                               "profile": dict(profile or {})}
    kwargs = {k: v for k, v in offered.items() if k in params}
    return [_finding_dict(f) for f in lint_fn(text_, **kwargs)]


def _finding_dict(finding: Any) -> dict[str, Any]:
    """``code``, ``blocking`` and ``reason`` always; the lint's own fields when it has them."""
    if isinstance(finding, Mapping):
        return dict(finding)
    base = dict(finding.as_dict()) if hasattr(finding, "as_dict") else {}
    out = {**base, "code": str(getattr(finding, "code", "")),
           "blocking": bool(getattr(finding, "blocking", False)),
           "reason": str(getattr(finding, "reason", ""))}
    if "span" not in out and getattr(finding, "span", None):
        out["span"] = str(finding.span)
    return out


def blocking(findings: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    return [f for f in findings if f.get("blocking")]


# ---------------------------------------------------------------- store helpers


def load_programs(session: Session) -> list[Program]:
    return [program_from_row(r.record) for r in session.scalars(select(ProgramRow))]


def get_program(session: Session, program_id: str | None) -> Program | None:
    if not program_id:
        return None
    row = session.get(ProgramRow, program_id)
    if row is None:
        raise UnknownRecordError(f"no program {program_id!r}; see `mailsync programs list`")
    return program_from_row(row.record)


def get_row(session: Session, draft_id: int | str) -> OutboxRow:
    """An outbox row by its numeric id (or its Message-ID); UnknownRecordError if absent."""
    ref = str(draft_id).strip()
    row = session.get(OutboxRow, int(ref)) if ref.isdigit() else session.scalar(
        select(OutboxRow).where(OutboxRow.message_id == outbox.normalize_msgid(ref)))
    if row is None:
        raise UnknownRecordError(f"no draft {ref!r}; see `mailsync drafts`")
    return row


def row_text(row: OutboxRow) -> str:
    """The form lint reads: a Subject line, a blank line, the body."""
    return f"Subject: {row.subject}\n\n{row.body}"


def _account_for(settings: Settings, name: str) -> AccountSettings | None:
    if not name:
        return None
    try:
        return settings.account(name)
    except ConfigError:
        return None


def _default_account(settings: Settings, session: Session,
                     reply: MessageRow | None) -> AccountSettings | None:
    """The account that received the message being answered, else the first enabled one."""
    if reply is not None:
        name = session.scalar(select(AccountRow.name).where(AccountRow.id == reply.account_id))
        found = _account_for(settings, name or "")
        if found is not None:
            return found
    return next((a for a in settings.accounts if a.enabled), None)


def _sender(settings: Settings, account: AccountSettings | None) -> Address:
    addr = (account.email if account else "") or settings.applicant.get("email", "")
    return Address(settings.applicant.get("name", ""), addr)


def _msgid_domain(sender: Address) -> str:
    domain = sender.addr.rpartition("@")[2].lower()
    return domain if outbox._DOMAIN.match(domain or "-") else "mailsync.invalid"


def _add_event(session: Session, program_id: str | None, kind: str, at: datetime,
               detail: str, source: str) -> None:
    """A timeline event, once per (program, kind, source)."""
    if not program_id:
        return
    exists = session.scalar(select(EventRow.id).where(
        EventRow.program_id == program_id, EventRow.kind == kind, EventRow.source == source))
    if exists is None:
        session.add(EventRow(program_id=program_id, at=at, kind=kind, detail=detail,
                             source=source))


def _add_alert(session: Session, key: str, title: str, body: str, now: datetime) -> None:
    """An alert row for the notifier, once per key."""
    if session.scalar(select(AlertRow.id).where(AlertRow.key == key)) is None:
        session.add(AlertRow(key=key, event="send_failure", title=title, body=body,
                             created_at=now))


def _release_claim(session: Session, row: OutboxRow) -> None:
    """Free a letter-of-intent claim when its message provably never left."""
    if row.data_started_at is None and row.sent_at is None:
        for claim in session.scalars(select(ClaimRow).where(ClaimRow.outbox_id == row.id)):
            session.delete(claim)


# ---------------------------------------------------------------- creating drafts


@dataclass(frozen=True)
class DraftRequest:
    """What ``mailsync draft`` asks for: a reply to a message, or a letter to a program."""

    reply_to: str | None = None
    program_id: str | None = None
    type: T | None = None
    facts: Mapping[str, str] = field(default_factory=dict)


def _flags(values: Sequence[str]) -> frozenset[Flag]:
    known = {f.value for f in Flag}
    return frozenset(Flag(v) for v in values if v in known)


def _reply_context(session: Session, msg: MessageRow) -> tuple[ReplyContext, LabelRow | None]:
    label = session.get(LabelRow, msg.id)
    flags = _flags(label.flags if label else [])
    dates = tuple(str(e.get("start", ""))[:10] for e in (msg.events or [])
                  if isinstance(e, dict) and e.get("start"))
    return ReplyContext(subject=msg.subject, sender_name=msg.from_name,
                        sender_email=msg.from_addr, interview_dates=dates,
                        message_id=msg.message_id, flags=flags), label


def choose_reply_type(label: LabelRow | None, msg: MessageRow) -> T:
    """The playbook's first choice for a message; ValueError when none fits."""
    from mailsync.playbook import choose_type

    if label is None:
        raise ValueError("the message is not classified yet; give --type")
    types = choose_type(Kind(label.kind), _flags(label.flags), text=msg.text_body)
    if not types:
        raise ValueError(f"no reply type fits a {label.kind} message; give --type")
    return types[0]


def create_draft(env: Outgoing, request: DraftRequest, *,
                 append: bool = True) -> DraftResult | MissingFacts:
    """Fill the playbook, store the draft with its fixed Message-ID, APPEND it to Drafts.

    Raises UnknownRecordError for an unknown message or program, ValueError
    when no type is given and none fits. MissingFacts is returned, not raised:
    the caller asks for the facts.
    """
    with env.db.reading() as s:
        msg = _find_message(s, request.reply_to) if request.reply_to else None
        reply, label = _reply_context(s, msg) if msg else (None, None)
        type_ = request.type or choose_reply_type(label, msg)  # type: ignore[arg-type]
        program_id = request.program_id or (label.program_id if label else None)
        program = get_program(s, program_id)
        programs = load_programs(s)
        account = _default_account(env.settings, s, msg)
    template_dir = Path(env.settings.templates_dir) if env.settings.templates_dir else None
    filled = render_draft(type_, profile=env.settings.applicant, program=program,
                          facts=request.facts, reply_to=reply, template_dir=template_dir)
    if isinstance(filled, MissingFacts):
        return filled
    findings = run_lint(filled.text, type_=type_, program=program, programs=programs,
                        profile=env.settings.applicant)
    row_id, message_id = _store_draft(env, filled, msg, account, request.facts, findings)
    uid, note = (None, "no account configured") if account is None else (None, "")
    if account is not None and append:
        uid, note = _append_draft(env, account, row_id)
    return DraftResult(outbox_id=row_id, message_id=message_id, draft=filled,
                       findings=findings, drafts_uid=uid, imap_note=note)


def _find_message(session: Session, ref: str) -> MessageRow:
    """A received message by numeric id or Message-ID."""
    ref = ref.strip()
    msg = session.get(MessageRow, int(ref)) if ref.isdigit() else session.scalar(
        select(MessageRow).where(MessageRow.message_id == outbox.normalize_msgid(ref)))
    if msg is None:
        raise UnknownRecordError(f"no message {ref!r}; see `mailsync inbox`")
    return msg


def _store_draft(env: Outgoing, draft: Draft, parent: MessageRow | None,
                 account: AccountSettings | None, facts: Mapping[str, str],
                 findings: list[dict[str, Any]]) -> tuple[int, str]:
    now = env.clock.now()
    sender = _sender(env.settings, account)
    account_name = account.name if account else ""
    # A random key, fixed now: every later attempt and recovery uses this id.
    message_id = outbox.make_message_id(_msgid_domain(sender),
                                        f"{account_name}/{uuid.uuid4().hex}")
    in_reply_to, references = ("", ())
    if parent is not None:
        in_reply_to, references = outbox.thread_headers(ThreadParent(
            message_id=parent.message_id, references=tuple(parent.references or ()),
            in_reply_to=parent.in_reply_to))
    row = OutboxRow(
        account_name=account_name, program_id=draft.program_id, type=draft.type.value,
        reply_to_pk=parent.id if parent else None, message_id=message_id,
        subject=draft.subject, body=draft.body, to_addrs=[str(draft.to)],
        cc_addrs=[str(c) for c in draft.cc], in_reply_to=in_reply_to,
        references=list(references), facts=dict(facts), state=S.DRAFT.value,
        findings=findings, blocks=[], overrides=[], attempts=0, last_error="",
        created_at=now, updated_at=now,
    )
    with env.db.transaction() as s:
        s.add(row)
        s.flush()
        return row.id, message_id


# ---------------------------------------------------------------- RFC 5322 messages


def build_message(env: Outgoing, row: OutboxRow, *, date: datetime,
                  draft_header: bool = False) -> EmailMessage:
    """The message as it will be sent (and, with ``draft_header``, as placed in Drafts)."""
    account = _account_for(env.settings, row.account_name)
    parent = None
    if row.in_reply_to:
        refs = tuple(r for r in row.references if r != row.in_reply_to)
        parent = ThreadParent(message_id=row.in_reply_to, references=refs)
    msg = outbox.build_outgoing(
        from_=_sender(env.settings, account), to=list(row.to_addrs), cc=list(row.cc_addrs),
        subject=row.subject, body=row.body, date=date, message_id=row.message_id,
        parent=parent)
    if draft_header:
        msg[DRAFT_HEADER] = row.message_id
    return msg


def find_folder(session: ImapSession, configured: str, use: str,
                names: Sequence[str]) -> str:
    """A configured folder, else the SPECIAL-USE one, else a known name, else created."""
    if configured:
        return session.ensure_folder(configured)
    found = session.find_special_use(use, names)
    return found or session.ensure_folder(names[0])


def drafts_folder(session: ImapSession, account: AccountSettings) -> str:
    return find_folder(session, account.drafts_folder, "\\Drafts", DRAFTS_NAMES)


def sent_folder(session: ImapSession, account: AccountSettings) -> str:
    return find_folder(session, account.sent_folder, "\\Sent", SENT_NAMES)


def _append_draft(env: Outgoing, account: AccountSettings, row_id: int
                  ) -> tuple[int | None, str]:
    """APPEND the draft to Drafts with ``\\Draft``; a failure leaves the stored draft intact."""
    try:
        session = env.imap(account)
    except (ImapError, CredentialError) as exc:
        return None, f"not placed in Drafts: {exc}"
    try:
        return place_in_drafts(env, session, account, row_id), ""
    except ImapError as exc:
        return None, f"not placed in Drafts: {exc}"
    finally:
        session.logout()


def place_in_drafts(env: Outgoing, session: ImapSession, account: AccountSettings,
                    row_id: int) -> int | None:
    """APPEND one stored draft to the Drafts folder and remember where it went."""
    with env.db.reading() as s:
        row = get_row(s, row_id)
    folder = drafts_folder(session, account)
    raw = build_message(env, row, date=env.clock.now(), draft_header=True).as_bytes()
    uid = session.append(folder, raw, flags=("\\Draft", "\\Seen"))
    uidvalidity = session.snapshot(folder).uidvalidity
    with env.db.transaction() as s:
        s.execute(update(OutboxRow).where(OutboxRow.id == row_id).values(
            imap_draft_uid=uid, imap_draft_uidvalidity=uidvalidity))
    return uid


# ---------------------------------------------------------------- policy inputs


def _history(session: Session, exclude_id: int) -> list[SentRecord]:
    rows = session.scalars(select(OutboxRow).where(
        OutboxRow.state.in_([s.value for s in ACTIVE_STATES]), OutboxRow.id != exclude_id))
    return [SentRecord(type=T(r.type), program_id=r.program_id,
                       sent_at=r.sent_at or r.scheduled_at or r.approved_at or r.created_at,
                       recipient=_first_addr(r.to_addrs), topic=str(r.facts.get("topic", "")))
            for r in rows]


def _first_addr(addrs: Sequence[str]) -> str:
    parsed = getaddresses(list(addrs))
    return parsed[0][1].lower() if parsed else ""


def _sent_today(session: Session, now: datetime, tz: ZoneInfo) -> int:
    start = datetime.combine(now.astimezone(tz).date(), datetime.min.time(), tzinfo=tz)
    return session.scalar(select(func.count(OutboxRow.id)).where(
        OutboxRow.state == S.SENT.value, OutboxRow.sent_at >= start)) or 0


def _intent_taken_by(session: Session, season: Season, row_id: int) -> str | None:
    claim = session.scalar(select(ClaimRow).where(
        ClaimRow.season == str(season.match_year), ClaimRow.claim == LETTER_OF_INTENT_CLAIM,
        ClaimRow.outbox_id != row_id))
    return (claim.program_id or "?") if claim else None


def _interview_at(session: Session, row: OutboxRow, tz: ZoneInfo) -> datetime | None:
    """The interview a letter follows: a fact, else the program's latest interview event."""
    for key in ("interview_at", "interview_date"):
        value = str(row.facts.get(key, "")).strip()
        if value:
            with contextlib.suppress(ValueError):
                when = datetime.fromisoformat(value)
                return when if when.tzinfo else when.replace(tzinfo=tz)
    if not row.program_id:
        return None
    return session.scalar(select(func.max(EventRow.at)).where(
        EventRow.program_id == row.program_id, EventRow.kind.like("interview%")))


def _truthy(value: object) -> bool:
    return str(value).strip().lower() in {"1", "true", "yes", "y", "invited"}


def check_policy(env: Outgoing, session: Session, row: OutboxRow, now: datetime,
                 at: datetime | None, overrides: Sequence[str]) -> Decision:
    """Run the policy for one row against everything else that is sent or on its way."""
    program = get_program(session, row.program_id) if row.program_id else None
    season = env.season(now)
    tz = ZoneInfo(env.settings.applicant_timezone)
    proposal = Proposal(
        type=T(row.type), program_id=row.program_id, at=at,
        recipient=_first_addr(row.to_addrs), topic=str(row.facts.get("topic", "")),
        interview_at=_interview_at(session, row, tz),
        invited=_truthy(row.facts.get("invited", "")), overrides=frozenset(overrides))
    return evaluate_policy(
        proposal, history=_history(session, row.id), program=program, season=season,
        rules=env.rules, now=now, global_sent_today=_sent_today(session, now, tz),
        letter_of_intent_taken_by=_intent_taken_by(session, season, row.id))


def _block_dict(block: Any) -> dict[str, Any]:
    out = {"rule": block.rule, "reason": block.reason, "overridable": block.overridable}
    if block.not_before is not None:
        out["not_before"] = block.not_before.isoformat()
    return out


def _lint_blocks(findings: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [{"rule": f"lint:{f.get('code', '')}", "reason": f.get("reason", ""),
             "overridable": False} for f in blocking(findings)]


# ---------------------------------------------------------------- approval


class _StaleRow(Exception):
    """The row left the state the approval was computed for."""


def approve(env: Outgoing, draft_id: int | str, at: datetime | None = None,
            overrides: Sequence[str] = ()) -> ApprovalResult:
    """Lint and policy with ``clock.now()``, then ``approved → scheduled`` or the blocks.

    A draft (or a scheduled message being moved to another time) is
    scheduled at ``at``, or now, or — when the only blocks lift by waiting
    (quiet hours, weekend, spacing) — at the policy's suggested time. The
    blocks are stored on the row either way, so ``drafts`` can show them.
    """
    now = env.clock.now()
    with env.db.reading() as s:
        row = get_row(s, draft_id)
        state = S(row.state)
        if state not in (S.DRAFT, S.SCHEDULED):
            return ApprovalResult(outbox_id=row.id, approved=False, blocks=[{
                "rule": "state", "overridable": False,
                "reason": f"draft {row.id} is {state.value}; only a draft can be approved"}])
        program = get_program(s, row.program_id) if row.program_id else None
        findings = run_lint(row_text(row), type_=T(row.type), program=program,
                            programs=load_programs(s), profile=env.settings.applicant)
        decision = check_policy(env, s, row, now, at, overrides)
        row_id, program_id, type_ = row.id, row.program_id, T(row.type)
    lint_blocks = _lint_blocks(findings)
    policy_blocks = [_block_dict(b) for b in decision.reasons]
    when = _send_time(decision, at, now)
    if lint_blocks or when is None:
        blocks = lint_blocks + policy_blocks
        _record_blocks(env, row_id, findings, blocks, overrides, now)
        return ApprovalResult(outbox_id=row_id, approved=False, blocks=blocks,
                              findings=findings)
    claim = type_ is T.LETTER_OF_INTENT and state is S.DRAFT
    try:
        _commit_approval(env, row_id, state, when, findings, policy_blocks, overrides,
                         claim=(str(env.season(now).match_year), program_id) if claim else None)
    except IntegrityError:
        blocks = [_intent_block(env, now)]
        _record_blocks(env, row_id, findings, blocks, overrides, now)
        return ApprovalResult(outbox_id=row_id, approved=False, blocks=blocks,
                              findings=findings)
    except _StaleRow as exc:
        return ApprovalResult(outbox_id=row_id, approved=False, findings=findings, blocks=[
            {"rule": "state", "overridable": False, "reason": str(exc)}])
    return ApprovalResult(outbox_id=row_id, approved=True, scheduled_at=when,
                          waits=policy_blocks, findings=findings)


def _send_time(decision: Decision, at: datetime | None, now: datetime) -> datetime | None:
    if decision.allowed:
        return max(at, now) if at else now
    return decision.suggested_at


def _intent_block(env: Outgoing, now: datetime) -> dict[str, Any]:
    season = env.season(now)
    with env.db.reading() as s:
        taken = _intent_taken_by(s, season, -1) or "another program"
    return {"rule": "letter_of_intent_unique", "overridable": False,
            "reason": f"a letter of intent to {taken} was approved at the same time; only one "
                      "program may ever be told it is your #1 (policy.md (b))"}


def _record_blocks(env: Outgoing, row_id: int, findings: list[dict[str, Any]],
                   blocks: list[dict[str, Any]], overrides: Sequence[str],
                   now: datetime) -> None:
    with env.db.transaction() as s:
        s.execute(update(OutboxRow).where(OutboxRow.id == row_id).values(
            findings=findings, blocks=blocks, overrides=list(overrides), updated_at=now))


def _commit_approval(env: Outgoing, row_id: int, state: S, when: datetime,
                     findings: list[dict[str, Any]], waits: list[dict[str, Any]],
                     overrides: Sequence[str], *, claim: tuple[str, str | None] | None
                     ) -> None:
    """One transaction: the claim first (its primary key decides races), then the state.

    Writing first also means SQLite takes its write lock at once (waiting on
    ``busy_timeout``) instead of failing to upgrade a read snapshot.
    """
    now = env.clock.now()
    approved = outbox.next_state(state, outbox.SendEvent.APPROVE) if state is S.DRAFT else state
    target = outbox.next_state(approved, outbox.SendEvent.SCHEDULE)
    with env.db.transaction() as s:
        if claim is not None:
            s.add(ClaimRow(season=claim[0], claim=LETTER_OF_INTENT_CLAIM, outbox_id=row_id,
                           program_id=claim[1], claimed_at=now))
            s.flush()
        values: dict[str, Any] = dict(state=target.value, scheduled_at=when, findings=findings,
                                      blocks=waits, overrides=list(overrides), updated_at=now)
        if state is S.DRAFT:
            values["approved_at"] = now
        done = s.execute(update(OutboxRow).where(
            OutboxRow.id == row_id, OutboxRow.state == state.value).values(**values))
        if done.rowcount != 1:
            raise _StaleRow(f"draft {row_id} changed while it was being approved; try again")


def reject(env: Outgoing, draft_id: int | str, reason: str = "rejected") -> OutboxRow:
    """Cancel a draft or a not-yet-sent message; its letter-of-intent claim is freed."""
    now = env.clock.now()
    with env.db.transaction() as s:
        row = get_row(s, draft_id)
        state = S(row.state)
        if state not in CANCELLABLE:
            raise _not_now(row, "rejected")
        # A failed message never left; cancelling it only dismisses it.
        row.state = S.CANCELLED.value if state is S.FAILED else \
            outbox.next_state(state, outbox.SendEvent.CANCEL).value
        row.last_error = reason
        row.updated_at = now
        _release_claim(s, row)
        return row


def resolve_uncertain(env: Outgoing, draft_id: int | str, *, delivered: bool) -> OutboxRow:
    """The applicant's answer for a message that may or may not have left.

    Only the applicant can settle it (they can ask the program or check their
    provider's web mail): ``delivered`` marks it sent; otherwise it is scheduled
    again now, which is the one path to a second attempt after DATA started.
    """
    now = env.clock.now()
    with env.db.transaction() as s:
        row = get_row(s, draft_id)
        if S(row.state) is not S.UNCERTAIN:
            raise _not_now(row, "resolved (only an uncertain message can be)")
        event = outbox.SendEvent.CONFIRM_SENT if delivered else outbox.SendEvent.CONFIRM_RESEND
        row.state = outbox.next_state(S.UNCERTAIN, event).value
        if delivered:
            row.sent_at = row.sent_at or now
        else:
            row.scheduled_at, row.data_started_at = now, None
        row.last_error = "confirmed delivered by the applicant" if delivered else \
            "resend confirmed by the applicant"
        row.updated_at = now
        return row


def _not_now(row: OutboxRow, what: str) -> Exception:
    from mailsync.errors import PolicyBlocked

    return PolicyBlocked(f"draft {row.id} is {row.state} and cannot be {what}")


def edit(env: Outgoing, draft_id: int | str, subject: str, body: str
         ) -> tuple[OutboxRow, list[dict[str, Any]]]:
    """Replace the text; approval is void (back to ``draft``) and the text is linted again."""
    now = env.clock.now()
    with env.db.transaction() as s:
        row = get_row(s, draft_id)
        if S(row.state) not in EDITABLE:
            raise _not_now(row, "edited")
        program = get_program(s, row.program_id) if row.program_id else None
        findings = run_lint(f"Subject: {subject}\n\n{body}", type_=T(row.type),
                            program=program, programs=load_programs(s),
                            profile=env.settings.applicant)
        row.state = outbox.next_state(S(row.state), outbox.SendEvent.EDIT).value
        row.subject, row.body, row.findings, row.blocks = subject, body, findings, []
        row.updated_at = now
        _release_claim(s, row)
        return row, findings


# ---------------------------------------------------------------- review from the mail client


def _header(msg: Any, name: str) -> str:
    return " ".join(str(msg.get(name, "") or "").split())


def _match_rows(session: Session, raws: Mapping[int, bytes]) -> dict[int, tuple[OutboxRow, bytes]]:
    """UID → (outbox row, bytes) for review copies known by Message-ID or X-Mailsync-Draft."""
    found: dict[int, tuple[OutboxRow, bytes]] = {}
    for uid, raw in raws.items():
        headers = email.message_from_bytes(raw, policy=email.policy.compat32)
        if headers.get(NOTE_HEADER):
            continue
        ids = {outbox.normalize_msgid(_header(headers, h)) for h in ("Message-ID", DRAFT_HEADER)}
        ids.discard("")
        if not ids:
            continue
        row = session.scalar(select(OutboxRow).where(OutboxRow.message_id.in_(ids)))
        if row is not None:
            found[uid] = (row, raw)
    return found


def _edited_text(raw: bytes) -> tuple[str, str]:
    """Subject and plain-text body of a review copy, as the applicant left it."""
    parsed = parse_message(raw)
    body = parsed.text.replace("\r\n", "\n").strip("\n")
    return " ".join(parsed.subject.split()), body + "\n"


def _fetch_all(session: ImapSession, folder: str) -> dict[int, bytes]:
    uids = session.all_uids(folder)
    return {m.uid: m.raw for m in session.fetch_raw(uids)} if uids else {}


def scan_review_folders(env: Outgoing, session: ImapSession, account: AccountSettings, *,
                        note_folder: str | None = None) -> ReviewReport:
    """Pick up approvals and rejections made in the mail client (design.md, Review).

    Approve: the draft is in ``approve_folder`` or carries ``approve_keyword``
    in Drafts. Reject: it is in ``reject_folder``, or gone from Drafts and
    both review folders. A blocked approval gets an explanatory note in
    ``note_folder`` (default Drafts), once per text and set of reasons.
    """
    report = ReviewReport()
    approve_name = session.ensure_folder(account.approve_folder)
    reject_name = session.ensure_folder(account.reject_folder)
    drafts = drafts_folder(session, account)
    notes = note_folder or drafts
    seen: set[int] = set()
    draft_raws = _fetch_all(session, drafts)
    flags = session.fetch_flags(drafts, list(draft_raws)) if draft_raws else {}
    keyworded = {u: r for u, r in draft_raws.items()
                 if account.approve_keyword.lower() in {f.lower() for f in flags.get(u, ())}}
    with env.db.reading() as s:
        in_drafts = _match_rows(s, draft_raws)
        to_approve = {**_match_rows(s, keyworded), **_prefixed(_match_rows(
            s, _fetch_all(session, approve_name)))}
        to_reject = _match_rows(s, _fetch_all(session, reject_name))
    seen.update(r.id for r, _ in in_drafts.values())
    seen.update(r.id for r, _ in to_approve.values())
    seen.update(r.id for r, _ in to_reject.values())
    for row, _raw in to_reject.values():
        if S(row.state) in CANCELLABLE and S(row.state) is not S.FAILED:
            reject(env, row.id, "moved to the Reject folder in the mail client")
            report.rejected.append(row.id)
    rejected = set(report.rejected)
    for uid, (row, raw) in to_approve.items():
        if row.id not in rejected and S(row.state) is S.DRAFT:
            _review_approval(env, session, row, raw, notes, str(uid), report)
    _reject_deleted(env, account, seen, report)
    return report


def _prefixed(found: dict[int, tuple[OutboxRow, bytes]]) -> dict[Any, tuple[OutboxRow, bytes]]:
    """Keys distinct from Drafts UIDs (the two folders number independently)."""
    return {f"approve:{uid}": value for uid, value in found.items()}


def _review_approval(env: Outgoing, session: ImapSession, row: OutboxRow, raw: bytes,
                     notes: str, where: str, report: ReviewReport) -> None:
    subject, body = _edited_text(raw)
    if (subject, body.strip()) != (row.subject, row.body.strip()) and subject:
        edit(env, row.id, subject, body)
    result = approve(env, row.id, overrides=tuple(row.overrides or ()))
    if result.approved:
        report.scheduled.append(row.id)
        return
    report.blocked.append(row.id)
    if _append_note(env, session, row, subject or row.subject, body, result, notes):
        report.notes_appended += 1


def _append_note(env: Outgoing, session: ImapSession, row: OutboxRow, subject: str, body: str,
                 result: ApprovalResult, folder: str) -> bool:
    """APPEND a short note saying what blocks the draft, unless that note is already there."""
    rules = ",".join(sorted(b["rule"] for b in result.blocks))
    key = hashlib.sha256(f"{row.message_id}\0{subject}\0{body}\0{rules}".encode()).hexdigest()
    key = key[:24]
    if session.search_header(folder, NOTE_HEADER, key):
        return False
    session.append(folder, _note_message(env, row, subject, result, key).as_bytes(),
                   flags=("\\Draft",))
    return True


def _note_message(env: Outgoing, row: OutboxRow, subject: str, result: ApprovalResult,
                  key: str) -> EmailMessage:
    sender = _sender(env.settings, _account_for(env.settings, row.account_name))
    lines = [f"mailsync did not schedule your approved draft \"{subject}\" (draft {row.id}).",
             "", "What blocks it:"]
    lines += [f"- {b['rule']}: {b['reason']}" for b in result.blocks]
    lines += ["", "Edit the draft and move it to the Approve folder again, or approve it with",
              f"`mailsync approve {row.id} --override RULE` where the rule is overridable."]
    msg = EmailMessage(policy=email.policy.SMTP)
    msg["From"] = str(sender.addr) if sender.addr else "mailsync@localhost"
    msg["To"] = msg["From"]
    msg["Subject"] = f"[mailsync] blocked: {subject}"[:200]
    msg["Date"] = format_datetime(env.clock.now())
    msg["Message-ID"] = make_msgid("mailsync-note", _msgid_domain(sender))
    msg[NOTE_HEADER] = key
    msg.set_content("\n".join(lines) + "\n")
    return msg


def _reject_deleted(env: Outgoing, account: AccountSettings, seen: set[int],
                    report: ReviewReport) -> None:
    """A draft placed in Drafts and now found in none of the review folders was deleted."""
    with env.db.reading() as s:
        gone = [r.id for r in s.scalars(select(OutboxRow).where(
            OutboxRow.account_name == account.name, OutboxRow.state == S.DRAFT.value,
            OutboxRow.imap_draft_uid.is_not(None)))
            if r.id not in seen]
    for row_id in gone:
        reject(env, row_id, "deleted from Drafts in the mail client")
        report.rejected.append(row_id)


# ---------------------------------------------------------------- sending


@contextlib.contextmanager
def sender_lock(db: Database) -> Iterator[bool]:
    """Only one send pass at a time, released by the OS even after kill -9.

    SQLite: ``flock`` on a file beside the database. PostgreSQL: a
    session-level advisory lock, released when the connection dies. Yields
    False when another sender holds it.
    """
    if db.is_sqlite:
        path = db.url.removeprefix("sqlite:///")
        if path in ("", ":memory:"):
            yield True
            return
        with open(f"{path}.send-lock", "a+") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
        return
    with db.engine.connect() as conn:
        key = 0x6D61696C73796E63  # "mailsync"
        got = bool(conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar())
        conn.commit()
        try:
            yield got
        finally:
            if got:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                conn.commit()


class _ImapLink:
    """One lazily opened IMAP session per account for a send pass; None when unreachable."""

    def __init__(self, env: Outgoing, account: AccountSettings) -> None:
        self.env, self.account = env, account
        self._session: ImapSession | None = None
        self.error = ""

    def get(self) -> ImapSession | None:
        if self._session is None and not self.error:
            try:
                self._session = self.env.imap(self.account)
            except (ImapError, CredentialError) as exc:
                self.error = str(exc)
                log.warning("IMAP unavailable for %s: %s", self.account.name, exc)
        return self._session

    def close(self) -> None:
        if self._session is not None:
            self._session.logout()


def send_due(env: Outgoing, now: datetime | None = None) -> SendReport:
    """Recover what a crash left in flight, send what is due, file in Sent.

    ``now`` defaults to ``clock.now()``. Never raises for a single message's
    trouble: the report says what happened to each.
    """
    report = SendReport()
    with sender_lock(env.db) as held:
        if not held:
            report.busy = True
            report.notes.append("another mailsync is sending; nothing done")
            return report
        links: dict[str, _ImapLink] = {}
        try:
            _send_pass(env, now or env.clock.now(), report, links)
        finally:
            for link in links.values():
                link.close()
    return report


def _send_pass(env: Outgoing, now: datetime, report: SendReport,
               links: dict[str, _ImapLink]) -> None:
    def link(name: str) -> _ImapLink | None:
        account = _account_for(env.settings, name)
        if account is None:
            return None
        return links.setdefault(name, _ImapLink(env, account))

    recover(env, now, report, link)
    with env.db.reading() as s:
        due = [r.id for r in s.scalars(select(OutboxRow).where(
            OutboxRow.state.in_([S.SCHEDULED.value, S.RETRY.value]),
            OutboxRow.scheduled_at <= now).order_by(OutboxRow.scheduled_at, OutboxRow.id))]
    for row_id in due:
        _send_one(env, row_id, report, link)
    _file_pending(env, env.clock.now(), report, link)


def recover(env: Outgoing, now: datetime, report: SendReport,
            link: Callable[[str], _ImapLink | None]) -> None:
    """Settle ``sending`` rows left by a crash, and ``uncertain`` ones found in Sent."""
    with env.db.reading() as s:
        rows = list(s.scalars(select(OutboxRow).where(
            OutboxRow.state.in_([S.SENDING.value, S.UNCERTAIN.value]))))
    for row in rows:
        state, started = S(row.state), row.data_started_at is not None
        found = None
        if state is S.UNCERTAIN or started:
            found = _found_in_sent(env, row, link(row.account_name))
        decision = outbox.recovery_action(
            state, outbox.AttemptInfo(data_started=started, found_in_sent=found))
        if decision.action is outbox.RecoveryAction.CHECK_SENT:
            decision = outbox.Recovery(outbox.RecoveryAction.MARK_UNCERTAIN,
                                       "DATA started and Sent could not be searched; it may "
                                       "have left: ask the applicant")
        _apply_recovery(env, row, decision, now, report)


def _found_in_sent(env: Outgoing, row: OutboxRow, link: _ImapLink | None) -> bool | None:
    session = link.get() if link else None
    if session is None or link is None:
        return None
    try:
        return bool(session.search_header(sent_folder(session, link.account), "Message-ID",
                                          row.message_id))
    except ImapError as exc:
        log.warning("could not search Sent for %s: %s", row.message_id, exc)
        return None


def _apply_recovery(env: Outgoing, row: OutboxRow, decision: outbox.Recovery, now: datetime,
                    report: SendReport) -> None:
    action = decision.action
    if action is outbox.RecoveryAction.NOTHING:
        return
    with env.db.transaction() as s:
        current = s.get(OutboxRow, row.id)
        if current is None or current.state != row.state:
            return
        if action is outbox.RecoveryAction.MARK_SENT:
            _mark_sent(s, current, now, f"recovered: {decision.reason}")
            current.filed_at = current.filed_at or now  # it is in Sent already
        elif action is outbox.RecoveryAction.RETRY:
            current.state, current.scheduled_at = S.RETRY.value, now
        elif action is outbox.RecoveryAction.MARK_UNCERTAIN:
            current.state = S.UNCERTAIN.value
            _add_alert(s, f"send_uncertain:outbox:{row.id}", f"Did draft {row.id} leave?",
                       f"{decision.reason}. Check the recipient's reply or your provider's "
                       "Sent folder before sending it again.", now)
        elif action is outbox.RecoveryAction.MARK_FAILED:
            current.state = S.FAILED.value
        current.last_error = decision.reason
        current.updated_at = now
    report.recovered.append(f"{row.id}: {action.value} ({decision.reason})")
    if action is outbox.RecoveryAction.MARK_UNCERTAIN:
        report.uncertain.append(row.id)
    elif action is outbox.RecoveryAction.MARK_FAILED:
        report.failed.append(row.id)


def _mark_sent(s: Session, row: OutboxRow, now: datetime, note: str = "") -> None:
    row.state, row.sent_at, row.last_error, row.updated_at = S.SENT.value, now, note, now
    kind = EVENT_FOR_TYPE.get(T(row.type), f"sent_{row.type}")
    _add_event(s, row.program_id, kind, now, row.subject, f"outbox:{row.id}")


def _send_one(env: Outgoing, row_id: int, report: SendReport,
              link: Callable[[str], _ImapLink | None]) -> None:
    now = env.clock.now()
    if not _still_allowed(env, row_id, now, report):
        return
    claimed = _claim(env, row_id, now)
    if claimed is None:
        return
    row, account = claimed
    raw = build_message(env, row, date=now).as_bytes()
    try:
        result = _submit(env, account, row, raw)
    except UncertainSendError as exc:
        _finish(env, row_id, S.UNCERTAIN, str(exc), alert=True)
        report.uncertain.append(row_id)
    except PermanentSendError as exc:
        _finish(env, row_id, S.FAILED, str(exc), alert=True)
        report.failed.append(row_id)
    except (TemporarySendError, CredentialError) as exc:
        _temporary(env, row_id, row.attempts, str(exc), report)
    else:
        _finish(env, row_id, S.SENT, result)
        report.sent.append(row_id)
        _file_one(env, row_id, raw, report, link(row.account_name))


def _still_allowed(env: Outgoing, row_id: int, now: datetime, report: SendReport) -> bool:
    """Policy again at send time; a block that waiting lifts moves the time, else back to draft."""
    with env.db.reading() as s:
        row = s.get(OutboxRow, row_id)
        if row is None or row.state not in (S.SCHEDULED.value, S.RETRY.value):
            return False
        decision = check_policy(env, s, row, now, None, row.overrides or ())
    if decision.allowed:
        return True
    blocks = [_block_dict(b) for b in decision.reasons]
    with env.db.transaction() as s:
        row = s.get(OutboxRow, row_id)
        assert row is not None
        row.blocks, row.updated_at = blocks, now
        if decision.suggested_at is not None:
            row.scheduled_at = decision.suggested_at
        else:
            row.state = outbox.next_state(S(row.state), outbox.SendEvent.EDIT).value
            row.last_error = "held at send time: " + "; ".join(b["reason"] for b in blocks)
            _release_claim(s, row)
    report.held.append(row_id)
    return False


def _claim(env: Outgoing, row_id: int, now: datetime) -> tuple[OutboxRow, AccountSettings] | None:
    """Commit ``sending`` (attempt counted, DATA not started) before any connection."""
    with env.db.transaction() as s:
        row = s.get(OutboxRow, row_id)
        if row is None or row.state not in (S.SCHEDULED.value, S.RETRY.value):
            return None
        account = _account_for(env.settings, row.account_name)
        if account is None:
            row.state = outbox.next_state(S(row.state), outbox.SendEvent.EDIT).value
            row.last_error = f"no configured account {row.account_name!r} to send from"
            row.updated_at = now
            return None
        row.state = outbox.next_state(S(row.state), outbox.SendEvent.CLAIM).value
        row.attempts += 1
        row.data_started_at = None
        row.updated_at = now
        s.flush()
        s.expunge(row)
    return row, account


def _submit(env: Outgoing, account: AccountSettings, row: OutboxRow, raw: bytes) -> str:
    from mailsync.smtp import SmtpSettings, send_message_sync

    settings = SmtpSettings(host=account.smtp_host, port=account.smtp_port,
                            tls=account.smtp_tls,  # type: ignore[arg-type]
                            user=account.user, password=env.secret(account),
                            timeout=env.smtp_timeout)
    mail_from, rcpts = outbox.envelope(email.message_from_bytes(raw, policy=email.policy.SMTP))  # type: ignore[arg-type]

    def data_started() -> None:
        # Durable before the first content byte: after this, never resend blindly.
        with env.db.transaction() as s:
            s.execute(update(OutboxRow).where(OutboxRow.id == row.id).values(
                data_started_at=env.clock.now()))

    result = send_message_sync(settings, raw, mail_from=mail_from, rcpt_to=rcpts,
                               on_data_start=data_started)
    refused = "; ".join(f"{r}: {c} {t}" for r, (c, t) in result.refused.items())
    return result.response + (f" (refused: {refused})" if refused else "")


def _finish(env: Outgoing, row_id: int, state: S, note: str, *, alert: bool = False) -> None:
    now = env.clock.now()
    with env.db.transaction() as s:
        row = s.get(OutboxRow, row_id)
        assert row is not None
        if state is S.SENT:
            _mark_sent(s, row, now, note)
            return
        row.state, row.last_error, row.updated_at = state.value, note, now
        if state is S.FAILED:
            _release_claim(s, row)
        if alert:
            _add_alert(s, f"send_{state.value}:outbox:{row_id}:{row.attempts}",
                       f"Draft {row_id} was not sent ({state.value})", note, now)


def _temporary(env: Outgoing, row_id: int, attempts: int, error: str,
               report: SendReport) -> None:
    now = env.clock.now()
    decision = outbox.after_temporary_failure(attempts, now, env.backoff, env.jitter())
    if decision.state is S.FAILED:
        _finish(env, row_id, S.FAILED, f"{decision.reason}; last: {error}", alert=True)
        report.failed.append(row_id)
        return
    with env.db.transaction() as s:
        row = s.get(OutboxRow, row_id)
        assert row is not None
        row.state, row.scheduled_at = S.RETRY.value, decision.at
        row.last_error, row.updated_at = f"{error} ({decision.reason})", now
    report.retry.append(row_id)


# ---------------------------------------------------------------- filing in Sent


def provider_files_sent(host: str) -> bool:
    """Gmail, Microsoft 365 / Outlook.com and iCloud put submitted mail in Sent themselves."""
    host = host.lower().rstrip(".")
    return any(host == h or host.endswith("." + h) for h in SELF_FILING_HOSTS)


def needs_filing(account: AccountSettings) -> bool:
    if account.file_sent == "never":
        return False
    return account.file_sent == "always" or not provider_files_sent(account.smtp_host)


def _file_one(env: Outgoing, row_id: int, raw: bytes, report: SendReport,
              link: _ImapLink | None) -> None:
    """APPEND the sent message to Sent once; failure is logged, never a resend."""
    if link is None or not needs_filing(link.account):
        return
    session = link.get()
    if session is None:
        report.notes.append(f"{row_id}: not filed in Sent ({link.error})")
        return
    with env.db.reading() as s:
        message_id = get_row(s, row_id).message_id
    try:
        folder = sent_folder(session, link.account)
        if not session.search_header(folder, "Message-ID", message_id):
            session.append(folder, raw, flags=("\\Seen",), when=env.clock.now())
    except ImapError as exc:
        report.notes.append(f"{row_id}: not filed in Sent ({exc})")
        with env.db.transaction() as s:
            get_row(s, row_id).last_error = f"sent; filing in Sent failed: {exc}"
        return
    with env.db.transaction() as s:
        get_row(s, row_id).filed_at = env.clock.now()
    report.filed.append(row_id)


def _file_pending(env: Outgoing, now: datetime, report: SendReport,
                  link: Callable[[str], _ImapLink | None]) -> None:
    """Retry filing for recent sent messages whose APPEND failed (searched first: no copies)."""
    with env.db.reading() as s:
        rows = list(s.scalars(select(OutboxRow).where(
            OutboxRow.state == S.SENT.value, OutboxRow.filed_at.is_(None),
            OutboxRow.sent_at >= now - FILING_RETRY_WINDOW)))
    for row in rows:
        if row.id in report.sent:  # attempted (or done) in this pass already
            continue
        target = link(row.account_name)
        if target is None or not needs_filing(target.account):
            continue
        sent_at = row.sent_at or now
        _file_one(env, row.id, build_message(env, row, date=sent_at).as_bytes(), report, target)
