"""Which urgent events deserve an alert, what each says, and how a burst is folded.

Pure decisions: labels, outbox failures and ``now`` go in; :class:`Alert`
values come out. Delivery (Apprise) and the record of what was sent (the
``alerts`` table) live in :mod:`mailsync.notify`.

Every alert answers three questions for an applicant reading it on a phone:
what arrived, from which program, and what to do next (with the exact
``mailsync`` command). Its ``key`` is stable across restarts, so the store's
unique constraint on it is what makes an alert go out once.

Events (the values of ``[notify] kinds``)::

    interview_invite   an invitation; slots often go within hours
    red_flag           rank_inquiry, commitment_request, withdrawal_request
    pre_match_offer    an offer outside the Match
    deadline           a response deadline 24 h and again 2 h away
    send_failure       an approved message failed or may not have left
    account_error      the server refused the password (always on: without it
                       the applicant would not learn that nothing else can alert)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

INVITE = "interview_invite"
RED_FLAG = "red_flag"
OFFER = "pre_match_offer"
DEADLINE = "deadline"
SEND_FAILURE = "send_failure"
ACCOUNT_ERROR = "account_error"
#: Events that alert whatever ``[notify] kinds`` says.
ALWAYS_ON = frozenset({ACCOUNT_ERROR})
#: Most urgent first: when a burst is folded, these stay individual longest.
PRIORITY = (ACCOUNT_ERROR, RED_FLAG, OFFER, INVITE, DEADLINE, SEND_FAILURE)
#: Warn this long before a response deadline, widest first.
DEADLINE_WINDOWS = (timedelta(hours=24), timedelta(hours=2))

_RED_FLAG_TEXT = {
    "rank_inquiry": "asks how you will rank them or where else you applied",
    "commitment_request": "asks for a commitment or a promise about ranking",
    "withdrawal_request": "asks you to withdraw from the Match or sign before Match Day",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Alert:
    """One notification-worthy event. ``key`` identifies it for good (dedupe)."""

    key: str
    event: str
    title: str
    body: str
    message_pk: int | None = None  # the message it is about, if any


@dataclass(frozen=True, slots=True, kw_only=True)
class LabeledMail:
    """What alert composition needs to know about one labeled message."""

    message_pk: int
    kind: str
    flags: tuple[str, ...] = ()
    deadlines: tuple[datetime, ...] = ()
    program_id: str | None = None
    program_name: str = ""
    sender: str = ""
    subject: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class SendFailure:
    """An outgoing message that failed (5xx) or is uncertain (cut off after DATA)."""

    outbox_id: int
    state: str  # failed | uncertain
    type: str
    program_name: str = ""
    subject: str = ""
    error: str = ""


@dataclass(frozen=True, slots=True)
class Notification:
    """One message to the applicant's channel; ``covers`` are the alerts it carries."""

    title: str
    body: str
    covers: tuple[Alert, ...]


@dataclass(frozen=True, slots=True)
class DeliveryPlan:
    """What to send now, and what waits for the rate limit's next minute."""

    notifications: tuple[Notification, ...]
    deferred: tuple[Alert, ...]


# ------------------------------------------------------------------ composition


def _who(mail: LabeledMail) -> str:
    if mail.program_name:
        return mail.program_name
    if mail.program_id:
        return mail.program_id
    return f"{mail.sender} (not linked to a program)" if mail.sender else "an unknown sender"


def _local(when: datetime, tz: str) -> str:
    return when.astimezone(ZoneInfo(tz)).strftime("%a %d %b %H:%M %Z")


def _hours(delta: timedelta) -> str:
    """Time left, as precise as it matters: minutes near the end, whole hours far out."""
    minutes = max(int(delta.total_seconds() // 60), 0)
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 180:
        hours, rest = divmod(minutes, 60)
        return f"{hours} h {rest} min" if rest else f"{hours} h"
    return f"{round(minutes / 60)} h"


def _next_deadline(mail: LabeledMail, now: datetime) -> datetime | None:
    future = [d for d in mail.deadlines if d > now]
    return min(future) if future else None


def _reply_by(mail: LabeledMail, now: datetime, tz: str) -> str:
    due = _next_deadline(mail, now)
    if due is None:
        return "Reply as soon as you can"
    return f"Reply within {_hours(due - now)} (by {_local(due, tz)})"


def _quote(mail: LabeledMail) -> str:
    return f"“{mail.subject}”" if mail.subject else "(no subject)"


def invite_alert(mail: LabeledMail, now: datetime, tz: str) -> Alert:
    """An invitation: slots are often first come, first served."""
    pk = mail.message_pk
    return Alert(
        key=f"{INVITE}:msg:{pk}", event=INVITE, message_pk=pk,
        title=f"Interview invite: {_who(mail)}",
        body=(f"An interview invitation arrived from {_who(mail)}: {_quote(mail)}. "
              f"Slots often go within hours. {_reply_by(mail, now, tz)}; "
              f"`mailsync draft --reply-to {pk} --type invite_reply`."),
    )


def red_flag_alert(mail: LabeledMail, flags: Sequence[str]) -> Alert:
    """A message NRMP rules forbid a program to send: answer non-binding, or not at all."""
    pk = mail.message_pk
    what = "; ".join(_RED_FLAG_TEXT.get(f, f) for f in flags)
    return Alert(
        key=f"{RED_FLAG}:msg:{pk}", event=RED_FLAG, message_pk=pk,
        title=f"Red flag: {_who(mail)} ({', '.join(flags)})",
        body=(f"{_who(mail)} {what}: {_quote(mail)}. Do not promise anything; NRMP rules "
              f"let you stay non-binding. Read it with `mailsync show {pk}`; a non-binding "
              f"reply: `mailsync draft --reply-to {pk} --type rank_inquiry_reply`."),
    )


def offer_alert(mail: LabeledMail, now: datetime, tz: str) -> Alert:
    """An offer outside the Match: never sign before checking the rules."""
    pk = mail.message_pk
    return Alert(
        key=f"{OFFER}:msg:{pk}", event=OFFER, message_pk=pk,
        title=f"Pre-match offer: {_who(mail)}",
        body=(f"{_who(mail)} sent an offer outside the Match: {_quote(mail)}. Do not sign "
              f"or accept before checking NRMP rules. {_reply_by(mail, now, tz)}; ask for "
              f"details with `mailsync draft --reply-to {pk} --type offer_clarify` or for "
              f"time with `--type offer_time_request`."),
    )


def mail_alerts(mail: LabeledMail, now: datetime, tz: str) -> list[Alert]:
    """The alerts one newly labeled message deserves (possibly none)."""
    found: list[Alert] = []
    if mail.kind == OFFER:
        found.append(offer_alert(mail, now, tz))
    elif mail.kind == INVITE:
        found.append(invite_alert(mail, now, tz))
    red = [f for f in sorted(mail.flags) if f in _RED_FLAG_TEXT]
    if red:
        found.append(red_flag_alert(mail, red))
    return found


def deadline_alerts(mail: LabeledMail, now: datetime, tz: str,
                    windows: Sequence[timedelta] = DEADLINE_WINDOWS) -> list[Alert]:
    """Warnings for deadlines that are now inside a window (24 h, then 2 h).

    Only the narrowest window that applies fires: a message arriving 90 minutes
    before its deadline gets the 2 h warning, not a stale 24 h one too.
    """
    found: list[Alert] = []
    for due in sorted(set(mail.deadlines)):
        if due <= now:
            continue
        inside = [w for w in windows if due - w <= now]
        if not inside:
            continue
        window = min(inside)
        found.append(_deadline_alert(mail, due, window, now, tz))
    return found


def _deadline_alert(mail: LabeledMail, due: datetime, window: timedelta, now: datetime,
                    tz: str) -> Alert:
    pk = mail.message_pk
    left = _hours(due - now)
    return Alert(
        key=f"{DEADLINE}:msg:{pk}:{due.isoformat()}:{int(window.total_seconds() // 3600)}h",
        event=DEADLINE, message_pk=pk,
        title=f"Deadline in {left}: {_who(mail)}",
        body=(f"The deadline set by {_who(mail)} in {_quote(mail)} is {_local(due, tz)}, "
              f"{left} from now. Read it with `mailsync show {pk}`; reply with "
              f"`mailsync draft --reply-to {pk}`."),
    )


def deadline_due_times(mail: LabeledMail, now: datetime,
                       windows: Sequence[timedelta] = DEADLINE_WINDOWS) -> list[datetime]:
    """When this message's next deadline warnings become due (for the daemon's wake-up)."""
    return sorted(due - w for due in mail.deadlines for w in windows if due - w > now)


def send_failure_alert(failure: SendFailure) -> Alert:
    """A failed send is not retried blindly: the applicant must know and decide."""
    who = failure.program_name or "a program"
    if failure.state == "uncertain":
        what = ("may or may not have left (the connection was cut after the text was sent). "
                "Check your Sent folder before anything else; `mailsync outbox`")
    else:
        detail = f": {failure.error}" if failure.error else ""
        what = f"was refused by the mail server{detail}. Fix and re-approve; `mailsync outbox`"
    return Alert(
        key=f"{SEND_FAILURE}:outbox:{failure.outbox_id}:{failure.state}", event=SEND_FAILURE,
        title=f"Send {failure.state}: {failure.type} to {who}",
        body=f"Your {failure.type} to {who} ({failure.subject or 'no subject'}) {what}.",
    )


def auth_failed_alert(account: str, error: str, since: datetime) -> Alert:
    """The password was refused: this account is paused until it is fixed."""
    return Alert(
        key=f"{ACCOUNT_ERROR}:{account}:auth_failed:{since.isoformat()}", event=ACCOUNT_ERROR,
        title=f"Mailbox {account}: password refused",
        body=(f"The mail server refused the login for account {account!r}, so mailsync has "
              f"paused it (other accounts go on). Fix the password in your keyring or "
              f"password_command; it is retried every few minutes. Server said: {error}"),
    )


# -------------------------------------------------------- selection and bursts


def select_kinds(alerts: Iterable[Alert], kinds: Iterable[str]) -> list[Alert]:
    """Only the events the applicant asked for (plus the always-on ones)."""
    wanted = set(kinds) | ALWAYS_ON
    return [a for a in alerts if a.event in wanted]


def by_priority(alerts: Iterable[Alert]) -> list[Alert]:
    """Most urgent first; stable within one event so arrival order is kept."""
    rank = {event: i for i, event in enumerate(PRIORITY)}
    return sorted(alerts, key=lambda a: rank.get(a.event, len(rank)))


def plan_delivery(pending: Sequence[Alert], *, sent_last_minute: int,
                  max_per_minute: int) -> DeliveryPlan:
    """Fit ``pending`` into the per-minute budget; fold the overflow into one summary.

    With budget ``b`` left this minute: up to ``b`` alerts go out one by one;
    more than that sends ``b - 1`` individually and one summary carrying the
    rest, so a burst (a first sync, a mass mailing) is one buzz, not fifty.
    With no budget left everything waits for the next minute.
    """
    ordered = by_priority(pending)
    budget = max(max_per_minute - sent_last_minute, 0)
    if not ordered:
        return DeliveryPlan((), ())
    if budget == 0:
        return DeliveryPlan((), tuple(ordered))
    if len(ordered) <= budget:
        return DeliveryPlan(tuple(Notification(a.title, a.body, (a,)) for a in ordered), ())
    single = [Notification(a.title, a.body, (a,)) for a in ordered[: budget - 1]]
    rest = ordered[budget - 1:]
    return DeliveryPlan((*single, summary(rest)), ())


def summary(alerts: Sequence[Alert]) -> Notification:
    """One notification standing for many: each line is one alert's title."""
    counts: dict[str, int] = {}
    for alert in alerts:
        counts[alert.event] = counts.get(alert.event, 0) + 1
    parts = ", ".join(f"{n} {event.replace('_', ' ')}" for event, n in counts.items())
    lines = "\n".join(f"- {a.title}" for a in alerts)
    return Notification(
        title=f"mailsync: {len(alerts)} urgent events ({parts})",
        body=f"{lines}\nSee them all with `mailsync inbox`.",
        covers=tuple(alerts),
    )
