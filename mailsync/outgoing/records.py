"""Outbox records in the store: lookups, the sender's identity, and the side rows a send writes.

Every step reads and writes ``outbox`` rows through these helpers, so the
rules that must hold everywhere live once: a draft is found by its number or
its Message-ID, a timeline event or an alert is written at most once per key,
and a letter-of-intent claim is released only when the message provably never
left (DATA never started, nothing sent).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from mailsync import alerts, outbox
from mailsync.config import AccountSettings, Settings
from mailsync.errors import ConfigError, PolicyBlocked, UnknownRecordError
from mailsync.message import Address
from mailsync.outgoing.context import S, T
from mailsync.store.programs import get_program, load_programs  # noqa: F401 (re-exported)
from mailsync.store.schema import (
    AccountRow,
    AlertRow,
    ClaimRow,
    EventRow,
    MessageRow,
    OutboxRow,
    ProgramRow,
)

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
        session.add(AlertRow(key=key, event=alerts.SEND_FAILURE, title=title, body=body,
                             created_at=now))


def _add_send_alert(session: Session, row: OutboxRow, state: S, error: str, key: str,
                    now: datetime) -> None:
    """Tell the applicant a message failed or may not have left, and what to do next.

    The wording is :func:`mailsync.alerts.send_failure_alert`'s, so every
    send alert reads alike and names the command to run. The key stays the
    caller's (per attempt for a send, once per row for a recovery): a message
    that is fixed, re-approved and fails again alerts again.
    """
    program = session.get(ProgramRow, row.program_id) if row.program_id else None
    alert = alerts.send_failure_alert(alerts.SendFailure(
        outbox_id=row.id, state=state.value, type=row.type,
        program_name=program.name if program else "", subject=row.subject, error=error))
    body = alert.body
    if state is S.UNCERTAIN:
        # The shared wording says where to look; the applicant also needs to know why,
        # and that only their answer sends it again.
        body += (f" Why: {error.rstrip('.')}. Once you know, run `mailsync resolve {row.id} "
                 "--delivered` or `--resend`; nothing is sent again until you do.")
    _add_alert(session, key, alert.title, body, now)


def _release_claim(session: Session, row: OutboxRow) -> None:
    """Free a letter-of-intent claim when its message provably never left."""
    if row.data_started_at is None and row.sent_at is None:
        for claim in session.scalars(select(ClaimRow).where(ClaimRow.outbox_id == row.id)):
            session.delete(claim)


def _mark_sent(s: Session, row: OutboxRow, now: datetime, note: str = "") -> None:
    row.state, row.sent_at, row.last_error, row.updated_at = S.SENT.value, now, note, now
    kind = EVENT_FOR_TYPE.get(T(row.type), f"sent_{row.type}")
    _add_event(s, row.program_id, kind, now, row.subject, f"outbox:{row.id}")


def _not_now(row: OutboxRow, what: str) -> Exception:
    """The error for an edit, rejection or resolution the row's state does not allow."""
    return PolicyBlocked(f"draft {row.id} is {row.state} and cannot be {what}")
