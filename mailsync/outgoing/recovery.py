"""Crash recovery: settle what a dead process left in flight, without sending twice.

A restart finds ``sending`` rows and asks :func:`mailsync.outbox.recovery_action`:
DATA never started → retry; otherwise look in Sent by Message-ID, and if it
is not there → ``uncertain``. Nothing resends an uncertain message on its own:
only the applicant can settle it (:func:`resolve_uncertain`), because they
can ask the program or check their provider's web mail.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select

from mailsync import outbox
from mailsync.errors import ImapError
from mailsync.outgoing.context import Outgoing, S, SendReport
from mailsync.outgoing.mailbox import _ImapLink, sent_folder
from mailsync.outgoing.records import _add_send_alert, _mark_sent, _not_now, get_row
from mailsync.store.schema import OutboxRow

log = logging.getLogger(__name__)

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
            _add_send_alert(s, current, S.UNCERTAIN, decision.reason,
                            f"send_uncertain:outbox:{row.id}", now)
        elif action is outbox.RecoveryAction.MARK_FAILED:
            current.state = S.FAILED.value
        current.last_error = decision.reason
        current.updated_at = now
    report.recovered.append(f"{row.id}: {action.value} ({decision.reason})")
    if action is outbox.RecoveryAction.MARK_UNCERTAIN:
        report.uncertain.append(row.id)
    elif action is outbox.RecoveryAction.MARK_FAILED:
        report.failed.append(row.id)


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
