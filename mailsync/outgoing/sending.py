"""Sending: due messages go out once, each step committed before the next can fail.

Only rows in ``scheduled``/``retry`` are sent, and the policy is checked once
more just before sending. ``sending`` (with the attempt count) is committed
before connecting, and ``data_started_at`` is committed by the SMTP adapter's
``on_data_start`` callback before the first content byte is written, so after
a crash :mod:`mailsync.outgoing.recovery` knows whether the text may have
left. A temporary failure becomes ``retry`` with backoff, a permanent one
``failed`` with an alert. After a send the message is filed in Sent once
(searched first, so a retried filing never makes a copy); a failed APPEND to
Sent never causes a resend.
"""

from __future__ import annotations

import email
import email.policy
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select, update

from mailsync import outbox
from mailsync.config import AccountSettings
from mailsync.errors import (
    CredentialError,
    ImapError,
    PermanentSendError,
    TemporarySendError,
    UncertainSendError,
)
from mailsync.outgoing.checks import _block_dict, check_policy
from mailsync.outgoing.context import Outgoing, S, SendReport
from mailsync.outgoing.locks import sender_lock
from mailsync.outgoing.mailbox import _ImapLink, build_message, needs_filing, sent_folder
from mailsync.outgoing.records import (
    _account_for,
    _add_send_alert,
    _mark_sent,
    _release_claim,
    get_row,
)
from mailsync.outgoing.recovery import recover
from mailsync.store.schema import OutboxRow

if TYPE_CHECKING:
    from mailsync.smtp import SmtpSettings

FILING_RETRY_WINDOW = timedelta(days=7)

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


_AUTH_REFUSED = 535


def smtp_settings(env: Outgoing, account: AccountSettings, secret: str) -> SmtpSettings:
    """Where and how ``account`` submits mail; ``secret`` is its password or OAuth2 token."""
    from mailsync.smtp import SmtpSettings

    oauth2 = account.auth == "oauth2"
    return SmtpSettings(host=account.smtp_host, port=account.smtp_port,
                        tls=account.smtp_tls,  # type: ignore[arg-type]
                        user=account.user, password=None if oauth2 else secret,
                        oauth2_token=secret if oauth2 else None, timeout=env.smtp_timeout)


def _submit(env: Outgoing, account: AccountSettings, row: OutboxRow, raw: bytes) -> str:
    from mailsync.smtp import send_message_sync

    secret = env.secret(account)
    settings = smtp_settings(env, account, secret)
    mail_from, rcpts = outbox.envelope(email.message_from_bytes(raw, policy=email.policy.SMTP))  # type: ignore[arg-type]

    def data_started() -> None:
        # Durable before the first content byte: after this, never resend blindly.
        with env.db.transaction() as s:
            s.execute(update(OutboxRow).where(OutboxRow.id == row.id).values(
                data_started_at=env.clock.now()))

    try:
        result = send_message_sync(settings, raw, mail_from=mail_from, rcpt_to=rcpts,
                                   on_data_start=data_started)
    except PermanentSendError as exc:
        # RFC 4954 §6: 535 is a refused credential, answered at AUTH, before any content.
        # A provider may revoke an OAuth2 token early, so refresh it once and try again.
        if account.auth != "oauth2" or exc.code != _AUTH_REFUSED:
            raise
        settings = smtp_settings(env, account, env.secret(account, rejected=secret))
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
            _add_send_alert(s, row, state, note,
                            f"send_{state.value}:outbox:{row_id}:{row.attempts}", now)


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
