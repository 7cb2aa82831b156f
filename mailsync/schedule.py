"""Scheduling: when the coordinator wakes, what its outbox step does, and ``--once``.

Nothing is scheduled in memory. The outbox in the store is the single source
of truth for sending, so the coordinator computes its next wake from the
earliest ``scheduled_at`` (and the next deadline warning) each cycle, with a
safety interval on top; a restart therefore neither loses nor repeats a send.
:class:`OutgoingStep` is the outbox part of each cycle: the review-folder scan
(mailbox approvals) and :func:`mailsync.outgoing.send_due`. :func:`once` is
the single cycle behind ``mailsync run --once``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from mailsync import notify, service
from mailsync.clock import Clock
from mailsync.config import AccountSettings
from mailsync.errors import AuthenticationError, CredentialError, ImapError
from mailsync.imap import ImapSession
from mailsync.store import Database
from mailsync.store.schema import OutboxRow
from mailsync.watch import DISABLED, RECONNECTING, STOPPED

if TYPE_CHECKING:
    from mailsync.daemon import Daemon

log = logging.getLogger(__name__)

#: When delivering an alert was deferred, the coordinator retries at least this often.
DEFERRED_RETRY = 60.0


def next_wake(db: Database, clock: Clock, *, safety: float, deferred: bool) -> float:
    """Seconds until the coordinator is next needed: the earliest due send or
    deadline warning, at most ``safety``; at most a minute while an alert waits."""
    now = clock.now()
    wake = safety
    with db.reading() as s:
        due = s.scalar(select(func.min(OutboxRow.scheduled_at))
                       .where(OutboxRow.state.in_(("scheduled", "retry"))))
        warn = notify.next_deadline_warning(s, now)
    for when in (due, warn):
        if when is not None:
            wake = min(wake, max((when - now).total_seconds(), 0.0))
    return min(wake, DEFERRED_RETRY) if deferred else wake


# ------------------------------------------------------------ the outbox step


def _outgoing_module() -> Any | None:
    try:
        from mailsync import outgoing
    except ModuleNotFoundError as exc:
        if exc.name != "mailsync.outgoing":
            raise
        return None
    return outgoing


class OutgoingStep:
    """Review-folder scan and ``send_due``, from :mod:`mailsync.outgoing` when present.

    Guarded so the daemon runs (without sending) before that module exists.
    The review folders are scanned at most every ``review_every`` seconds, and
    only while some draft awaits a verdict: a scan costs a login per account,
    and approval is a human action anyway.
    """

    def __init__(self, daemon: Daemon, review_every: float = 60.0) -> None:
        self.d = daemon
        self.review_every = review_every
        self._last_review: float | None = None
        self.module = _outgoing_module()

    def run(self) -> None:
        if self.module is None:
            return
        env = self.module.Outgoing(settings=self.d.settings, db=self.d.db, clock=self.d.clock)
        if self._review_due() and self._drafts_waiting():
            for account in self.d.settings.accounts:
                if account.enabled and not self.d.is_paused(account.name):
                    self._review(env, account)
        self._send(env)

    def _review_due(self) -> bool:
        mono = self.d.monotonic()
        if self._last_review is not None and mono - self._last_review < self.review_every:
            return False
        self._last_review = mono
        return True

    def _send(self, env: Any) -> None:
        report = self.module.send_due(env)  # type: ignore[union-attr]
        if getattr(report, "notes", None):
            log.info("event=send_due notes=%r", list(report.notes)[:5])

    def _drafts_waiting(self) -> bool:
        """Only drafts await a verdict from the mail client; without any, no scan."""
        with self.d.db.reading() as s:
            return s.scalar(select(func.count(OutboxRow.id)).where(
                OutboxRow.state == "draft")) != 0

    def _review(self, env: Any, account: AccountSettings) -> None:
        session: ImapSession | None = None
        try:
            session = env.imap(account)
            self.module.scan_review_folders(env, session, account)  # type: ignore[union-attr]
        except (AuthenticationError, CredentialError) as exc:
            self.d.paused(account, exc)
        except ImapError as exc:
            log.warning("event=review_scan_failed account=%s error=%r", account.name, str(exc))
        finally:
            if session is not None:
                session.logout()


def once(daemon: Daemon) -> int:
    """``mailsync run --once``: sync every enabled account without IDLE, then one cycle.

    The cycle is the daemon's own (analyze, outbox, alerts), so ``--once``
    from cron does exactly what the long-running service does per wake.
    Returns 0 when every account synced, 1 when one could not (it is recorded).
    """
    problems = 0
    for account in daemon.settings.accounts:
        if not account.enabled:
            daemon.book.set(account.name, DISABLED)
            continue
        problems += not _sync_once(daemon, account)
    daemon.cycle()
    return 1 if problems else 0


def _sync_once(daemon: Daemon, account: AccountSettings) -> bool:
    try:
        service.sync_account(daemon.settings, account, daemon.db, daemon.clock, analyze=False)
    except (AuthenticationError, CredentialError) as exc:
        daemon.paused(account, exc)
        return False
    except ImapError as exc:
        log.warning("event=sync_failed account=%s error=%r", account.name, str(exc))
        daemon.book.set(account.name, RECONNECTING, error=str(exc))
        return False
    daemon.book.set(account.name, STOPPED, error="", synced=True)
    daemon.resumed(account.name)
    log.info("event=synced account=%s", account.name)
    return True

