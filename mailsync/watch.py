"""Watching mailboxes: one thread per account and folder, and the live state they report.

A :class:`FolderWatcher` keeps one folder in sync: connect, sync, then IDLE
where the server offers it (polling elsewhere), and on a lost connection a
jittered backoff before reconnecting. A refused password pauses only that
account. Watchers only fetch raw mail and commit it with the folder cursor
(one transaction per batch), so a stop or a kill between two batches loses
nothing; parsing, classifying and sending stay with the coordinator in
:mod:`mailsync.daemon`.

:class:`AccountBook` writes each account's connection state to ``accounts``
so ``mailsync status`` in another process can show it.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from mailsync import service
from mailsync.clock import Clock
from mailsync.config import AccountSettings
from mailsync.errors import (
    AuthenticationError,
    ConnectionLostError,
    CredentialError,
    ImapError,
    StoreError,
)
from mailsync.imap import ImapSession
from mailsync.store import Database
from mailsync.store import messages as repo
from mailsync.store.schema import AccountRow

if TYPE_CHECKING:
    from mailsync.daemon import Daemon

log = logging.getLogger(__name__)

#: States written to ``accounts.state``; ``status`` shows them as they are.
IDLE, POLLING, CONNECTING, RECONNECTING = "idle", "polling", "connecting", "reconnecting"
AUTH_FAILED, CREDENTIAL_ERROR, STOPPED, DISABLED = (
    "auth_failed", "credential_error", "stopped", "disabled")
PAUSED = frozenset({AUTH_FAILED, CREDENTIAL_ERROR})


class _Stopping(Exception):
    """Raised between two committed batches when the daemon is asked to stop."""


class AccountBook:
    """Writes each account's live state to the store, once per change that matters."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db, self.clock = db, clock
        self._lock = threading.Lock()
        self._ids: dict[str, int] = {}

    def account_id(self, name: str) -> int:
        with self._lock:
            if name not in self._ids:
                with self.db.transaction() as s:
                    self._ids[name] = repo.ensure_account(s, name, CONNECTING)
            return self._ids[name]

    def set(self, name: str, state: str, *, error: str | None = None,
            synced: bool = False) -> str:
        """Record ``state``; returns the state it replaces. Never raises on a busy store."""
        self.account_id(name)
        now = self.clock.now()
        try:
            with self._lock, self.db.transaction() as s:
                row = s.scalar(select(AccountRow).where(AccountRow.name == name))
                assert row is not None
                previous = row.state
                row.state, row.updated_at = state, now
                if error is not None:
                    row.last_error = error[:1000]
                if synced:
                    row.last_sync_at = now
                return previous
        except StoreError as exc:
            log.warning("event=state_not_saved account=%s state=%s error=%r", name, state, str(exc))
            return ""


class FolderWatcher(threading.Thread):
    """Keeps one folder of one account in sync: IDLE where offered, polling elsewhere."""

    def __init__(self, daemon: Daemon, account: AccountSettings, folder: str) -> None:
        super().__init__(name=f"watch:{account.name}:{folder}", daemon=True)
        self.d, self.account, self.folder = daemon, account, folder
        self.wake = threading.Event()
        self.session: ImapSession | None = None
        self.in_idle = False
        self._hurry = False  # reconnect at once (after a clock jump), no backoff

    # ---------------------------------------------------------------- control

    def interrupt(self, *, hurry: bool = False) -> None:
        """End an IDLE or poll wait now: to stop, or (``hurry``) to resync after a sleep.

        A plain interrupt wakes the IDLE through the session's wake channel, so
        the watcher leaves it with DONE and logs out politely. ``hurry`` cuts
        the connection instead and reconnects at once: one that lived through
        a suspend is usually dead without knowing it, and a sync stuck on a
        silent server would otherwise wait for the socket timeout.
        """
        self._hurry = self._hurry or hurry
        self.wake.set()
        session = self.session
        if session is None:
            return
        if hurry:
            session.abort()
        elif self.in_idle:
            session.interrupt()

    def _wait(self, seconds: float) -> None:
        self.wake.wait(max(seconds, 0.0))
        self.wake.clear()

    @property
    def _stopping(self) -> bool:
        return self.d.stopping.is_set()

    # ------------------------------------------------------------------ loop

    def run(self) -> None:
        attempt = 0
        while not self._stopping:
            try:
                self._connected_loop()
                attempt = 0
            except _Stopping:
                break
            except (AuthenticationError, CredentialError) as exc:
                self.d.paused(self.account, exc)
                self._wait(self.d.tuning.auth_retry)
            except StoreError as exc:
                log.warning("event=store_busy account=%s folder=%s retry_in=%.1fs error=%r",
                            self.account.name, self.folder, self.d.tuning.store_retry, str(exc))
                self._wait(self.d.tuning.store_retry)
            except (ImapError, OSError) as exc:
                if self._stopping:
                    break
                attempt += 1
                self._backoff(attempt, exc)
            except Exception:  # A bug must not end the watch; it is logged and retried.
                log.exception("event=watcher_error account=%s folder=%s",
                              self.account.name, self.folder)
                attempt += 1
                self._wait(self.d.delay(attempt))
        log.info("event=watcher_stopped account=%s folder=%s", self.account.name, self.folder)

    def _backoff(self, attempt: int, exc: BaseException) -> None:
        delay = 0.0 if self._hurry else self.d.delay(attempt)
        self._hurry = False
        kind = "connection_lost" if isinstance(exc, ConnectionLostError) else "imap_error"
        log.warning("event=%s account=%s folder=%s attempt=%d retry_in=%.1fs error=%r",
                    kind, self.account.name, self.folder, attempt, delay, str(exc))
        self.d.book.set(self.account.name, RECONNECTING, error=str(exc))
        self._wait(delay)

    def _connected_loop(self) -> None:
        if not self.d.is_paused(self.account.name):  # Keep auth_failed visible meanwhile.
            self.d.book.set(self.account.name, CONNECTING)
        session = service.connect(self.account, timeout=self.d.tuning.socket_timeout)
        self.session, self._hurry = session, False
        try:
            idle = self.d.settings.sync.idle and "IDLE" in session.capabilities()
            log.info("event=connected account=%s folder=%s mode=%s", self.account.name,
                     self.folder, "idle" if idle else "poll")
            while not self._stopping:
                self._sync(session, IDLE if idle else POLLING)
                if idle:
                    self._idle(session)
                else:
                    self._wait(self.d.settings.sync.poll_seconds)
        finally:
            self.session = None
            session.logout()

    def _idle(self, session: ImapSession) -> None:
        # Re-issued every idle_renew_seconds (default 10 min): Gmail and GMX drop an
        # IDLE well before RFC 2177's 29 minutes. idle_wait ends with DONE and a NOOP
        # under the socket timeout, so a dead connection raises instead of looking idle.
        self.in_idle = True
        try:
            if self._stopping:
                return
            events = session.idle_wait(self.folder, self.d.settings.sync.idle_renew_seconds)
        finally:
            self.in_idle = False
        if events:
            log.debug("event=idle_wake account=%s folder=%s changes=%d", self.account.name,
                      self.folder, len(events))

    def _sync(self, session: ImapSession, mode: str) -> None:
        account_id = self.d.book.account_id(self.account.name)
        report = service.sync_folder(
            session, self.d.db, account_id, self.folder, self.d.clock,
            self.d.settings.sync.batch_size, on_plan=lambda _folder, _n: self._after_batch)
        self.d.book.set(self.account.name, mode, error="", synced=True)
        self.d.resumed(self.account.name)
        if report.new:
            log.info("event=synced account=%s folder=%s new=%d", self.account.name,
                     self.folder, report.new)
            self.d.kick()
        if getattr(report, "uids", None) and self.account.write_keywords:
            self._write_keywords(session, account_id, report)

    def _write_keywords(self, session: ImapSession, account_id: int, report: Any) -> None:
        """Opt-in label keywords, once the coordinator has labeled what was just fetched."""
        if not self.d.wait_for_analysis(timeout=60.0):
            log.warning("event=keywords_skipped account=%s folder=%s reason=analysis_slow",
                        self.account.name, self.folder)
            return
        written = service.write_keywords(session, self.d.db, account_id, report)
        log.info("event=keywords_written account=%s folder=%s messages=%d",
                 self.account.name, self.folder, written)

    def _after_batch(self, _count: int) -> None:
        # Called after each batch and its cursor are committed: the safe place to stop.
        if self._stopping:
            raise _Stopping

