"""``mailsync run``: one process that keeps every mailbox in sync and acts on what arrives.

Shape (threads)::

    main thread (coordinator)          one FolderWatcher per account x folder
    ─────────────────────────          ──────────────────────────────────────
    signals → stop                     connect → sync_folder → IDLE (or poll) → ...
    clock-jump check every tick        on a change: sync, then kick the coordinator
    on a kick or when due:             on a lost connection: jittered backoff, reconnect
      analyze → outgoing → alerts      on a refused password: pause this account, alert

Only the coordinator parses, classifies, sends and alerts, so those steps never
race each other; watchers only fetch raw mail and commit it with the folder
cursor (one transaction per batch), which is what makes a kill at any moment
safe. The outbox in the store is the single source of truth for sending: the
coordinator wakes at the next ``scheduled_at`` and on a safety interval, so
nothing is scheduled in memory and a restart duplicates nothing.

The daemon's live state (per account: connection state, last sync, last
error) is written to ``accounts`` so ``mailsync status`` in another process
can read it. Logs are ``event=... key=value`` lines; they carry no secrets and
no mail bodies.
"""

from __future__ import annotations

import contextlib
import logging
import random
import signal
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from types import FrameType
from typing import Any

from sqlalchemy import func, select

from mailsync import alerts, notify, service
from mailsync.clock import Clock
from mailsync.config import AccountSettings, Settings
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
from mailsync.store.schema import AccountRow, OutboxRow

log = logging.getLogger(__name__)

#: States written to ``accounts.state``; ``status`` shows them as they are.
IDLE, POLLING, CONNECTING, RECONNECTING = "idle", "polling", "connecting", "reconnecting"
AUTH_FAILED, CREDENTIAL_ERROR, STOPPED, DISABLED = (
    "auth_failed", "credential_error", "stopped", "disabled")
PAUSED = frozenset({AUTH_FAILED, CREDENTIAL_ERROR})


@dataclass(frozen=True, kw_only=True)
class Tuning:
    """Timings of the daemon; the defaults suit a laptop, tests shorten them."""

    socket_timeout: float = 30.0  # a silent server is declared dead after this
    tick: float = 2.0  # clock-jump check and shutdown responsiveness
    safety: float = 60.0  # the coordinator runs at least this often
    jump: float = 30.0  # wall clock ahead of the monotonic clock by this much: we slept
    backoff_base: float = 1.0
    backoff_cap: float = 300.0
    auth_retry: float = 900.0  # a refused password is tried again this often
    stop_grace: float = 10.0  # how long a sync in progress may take to finish on stop
    store_retry: float = 2.0  # after "database is locked"


def backoff_delay(attempt: int, *, base: float, cap: float, rand: float) -> float:
    """Exponential backoff with jitter: ``base * 2**(attempt-1)`` capped, times 0.5..1.

    The jitter spreads reconnects of many folders (and many applicants on one
    server) so a restarted server is not hit by all of them in the same second.
    """
    raw = min(cap, base * (2 ** max(attempt - 1, 0)))
    return raw * (0.5 + rand / 2)


class _Stopping(Exception):
    """Raised between two committed batches when the daemon is asked to stop."""


def _interrupt_socket(session: ImapSession | None) -> None:
    """Wake a thread blocked in IDLE on ``session`` from another thread.

    imapclient's ``idle_check`` waits in ``poll()`` on its socket and nothing
    else, so the only way to end the wait early (to stop, or to resync after
    a sleep) is to shut the socket's read side: ``idle_wait`` then sends DONE,
    its NOOP fails, and the watcher sees ConnectionLostError. No mail is in
    flight while idling, so nothing is half-written.
    """
    if session is None:
        return
    hook = getattr(session, "interrupt", None)  # Preferred if the adapter grows one.
    if callable(hook):
        hook()
        return
    client = getattr(session, "_client", None)
    sock = client.socket() if client is not None else None
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RD)


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
                    self._ids[name] = repo.ensure_account(s, name)
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
        """End an IDLE or poll wait now (stop, or resync after a sleep)."""
        self._hurry = self._hurry or hurry
        self.wake.set()
        if self.in_idle or hurry:
            _interrupt_socket(self.session)

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


class Daemon:
    """The whole service. ``run()`` blocks until ``stop()`` (or SIGTERM/SIGINT)."""

    def __init__(self, settings: Settings, db: Database, clock: Clock, *,
                 notifier: notify.Notifier | None = None, tuning: Tuning | None = None,
                 monotonic: Callable[[], float] = time.monotonic,
                 rng: random.Random | None = None) -> None:
        self.settings, self.db, self.clock = settings, db, clock
        self.notifier = notifier
        self.tuning = tuning or Tuning()
        self.monotonic = monotonic
        self.rng = rng or random.Random()
        self.book = AccountBook(db, clock)
        self.stopping = threading.Event()
        self._kick = threading.Event()
        self._pause_lock = threading.Lock()
        self._paused = self._already_paused()
        self.watchers: list[FolderWatcher] = []
        self.cycles = 0  # started
        self.cycles_done = 0
        self._cycle_done = threading.Condition()
        self.outgoing = OutgoingStep(self)

    # ---------------------------------------------------------- shared API

    def delay(self, attempt: int) -> float:
        return backoff_delay(attempt, base=self.tuning.backoff_base, cap=self.tuning.backoff_cap,
                             rand=self.rng.random())

    def kick(self) -> None:
        """Ask the coordinator for a cycle now (new mail arrived)."""
        self._kick.set()

    def wait_for_analysis(self, timeout: float) -> bool:
        """Kick, then wait until a cycle that *started after this call* has finished.

        A cycle already running may have read the pending list before the
        caller's batch was committed, so it is the next one that counts.
        """
        with self._cycle_done:
            target = self.cycles + 1
            self.kick()
            return self._cycle_done.wait_for(
                lambda: self.cycles_done >= target or self.stopping.is_set(), timeout
            ) and not self.stopping.is_set()

    def stop(self) -> None:
        """Begin a clean stop; safe from a signal handler and from any thread."""
        self.stopping.set()
        self._kick.set()

    def _already_paused(self) -> set[str]:
        """Accounts paused before a restart were alerted then; do not alert again."""
        try:
            with self.db.reading() as s:
                rows = s.execute(select(AccountRow.name, AccountRow.state)).all()
        except StoreError:
            return set()
        return {name for name, state in rows if state in PAUSED}

    def is_paused(self, name: str) -> bool:
        with self._pause_lock:
            return name in self._paused

    def resumed(self, name: str) -> None:
        with self._pause_lock:
            self._paused.discard(name)

    def paused(self, account: AccountSettings, exc: Exception) -> None:
        """A refused password pauses this account only, with one alert per episode."""
        state = AUTH_FAILED if isinstance(exc, AuthenticationError) else CREDENTIAL_ERROR
        with self._pause_lock:
            first = account.name not in self._paused
            self._paused.add(account.name)
        self.book.set(account.name, state, error=str(exc))
        log.error("event=%s account=%s retry_in=%.0fs error=%r", state, account.name,
                  self.tuning.auth_retry, str(exc))
        if first:
            alert = alerts.auth_failed_alert(account.name, str(exc), self.clock.now())
            with contextlib.suppress(StoreError):
                notify.enqueue(self.db, self.settings, self.clock.now(), [alert])
            self.kick()  # The coordinator delivers it.

    # ----------------------------------------------------------------- run

    def run(self) -> int:
        """Watch every enabled account until stopped; returns the exit code (0)."""
        restore = self._install_signals()
        try:
            self._start_watchers()
            self._coordinate()
        finally:
            self._shutdown()
            restore()
        return 0

    def _install_signals(self) -> Callable[[], None]:
        if threading.current_thread() is not threading.main_thread():
            return lambda: None

        def handler(signum: int, _frame: FrameType | None) -> None:
            log.info("event=signal name=%s", signal.Signals(signum).name)
            self.stop()

        old = {sig: signal.signal(sig, handler) for sig in (signal.SIGTERM, signal.SIGINT)}

        def restore() -> None:
            for sig, previous in old.items():
                signal.signal(sig, previous)

        return restore

    def _start_watchers(self) -> None:
        for account in self.settings.accounts:
            if not account.enabled:
                self.book.set(account.name, DISABLED)
                continue
            for folder in account.folders:
                watcher = FolderWatcher(self, account, folder)
                self.watchers.append(watcher)
                watcher.start()
        log.info("event=started accounts=%d watchers=%d",
                 sum(a.enabled for a in self.settings.accounts), len(self.watchers))

    def _coordinate(self) -> None:
        last_wall, last_mono = self.clock.now(), self.monotonic()
        next_cycle = last_mono  # A first cycle at once: mail may have arrived while down.
        while not self.stopping.is_set():
            wall, mono = self.clock.now(), self.monotonic()
            if (wall - last_wall).total_seconds() - (mono - last_mono) > self.tuning.jump:
                self._woke_up(wall - last_wall, mono - last_mono)
                next_cycle = mono
            last_wall, last_mono = wall, mono
            if self._kick.is_set() or mono >= next_cycle:
                self._kick.clear()
                next_cycle = self.monotonic() + self._cycle_safely()
            if self.stopping.is_set():
                break
            self._kick.wait(max(0.0, min(self.tuning.tick, next_cycle - self.monotonic())))

    def _woke_up(self, wall: timedelta, mono: float) -> None:
        """Wall time ran ahead of monotonic time: the machine slept. Resync everything now.

        Connections that lived through a suspend are usually dead without
        knowing it, and an IDLE could sit on one until the socket timeout.
        """
        log.warning("event=clock_jump wall=%.0fs monotonic=%.0fs action=resync",
                    wall.total_seconds(), mono)
        for watcher in self.watchers:
            watcher.interrupt(hurry=True)

    def _cycle_safely(self) -> float:
        """One coordinator cycle; returns seconds until the next one is wanted."""
        try:
            return self._cycle_logged()
        finally:
            with self._cycle_done:
                self.cycles_done += 1
                self._cycle_done.notify_all()

    def _cycle_logged(self) -> float:
        try:
            return self.cycle()
        except StoreError as exc:
            log.warning("event=store_busy step=cycle retry_in=%.1fs error=%r",
                        self.tuning.store_retry, str(exc))
            return self.tuning.store_retry
        except Exception:  # The coordinator must outlive a bug in one step.
            log.exception("event=cycle_error")
            return self.tuning.safety

    def cycle(self) -> float:
        """Analyze what is new, run the outbox, alert; returns seconds to the next cycle."""
        self.cycles += 1
        analyzed = service.analyze_pending(self.db, self.settings, self.clock)
        if analyzed:
            log.info("event=analyzed messages=%d", analyzed)
        try:
            self.outgoing.run()
        except StoreError:
            raise
        except Exception:  # Sending trouble must not keep alerts from going out.
            log.exception("event=outgoing_error")
        report = notify.process(self.db, self.settings, self.clock.now(), self.notifier)
        return self._next_wake(deferred=report.deferred > 0)

    def _next_wake(self, *, deferred: bool) -> float:
        now = self.clock.now()
        wake = self.tuning.safety
        with self.db.reading() as s:
            due = s.scalar(select(func.min(OutboxRow.scheduled_at))
                           .where(OutboxRow.state.in_(("scheduled", "retry"))))
            warn = notify.next_deadline_warning(s, now)
        for when in (due, warn):
            if when is not None:
                wake = min(wake, max((when - now).total_seconds(), 0.0))
        return min(wake, 60.0) if deferred else wake

    def _shutdown(self) -> None:
        """Let syncs finish their batch, end IDLEs, log out; then mark accounts stopped."""
        self.stopping.set()
        with self._cycle_done:
            self._cycle_done.notify_all()  # Watchers waiting for an analysis give up.
        for watcher in self.watchers:
            watcher.interrupt()
        deadline = self.monotonic() + self.tuning.stop_grace
        for watcher in self.watchers:
            watcher.join(max(0.0, deadline - self.monotonic()))
        for watcher in self.watchers:
            if watcher.is_alive():  # A sync stuck on a silent server: cut it.
                watcher.interrupt(hurry=True)
                watcher.join(2.0)
        for account in self.settings.accounts:
            if account.enabled:
                self._mark_stopped(account.name)
        log.info("event=stopped")

    def _mark_stopped(self, name: str) -> None:
        with self.db.reading() as s:
            state = s.scalar(select(AccountRow.state).where(AccountRow.name == name))
        if state not in PAUSED:  # Keep auth_failed visible to `status`.
            self.book.set(name, STOPPED)


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


# ------------------------------------------------------------------- --once


def run_once(settings: Settings, db: Database, clock: Clock,
             notifier: notify.Notifier | None) -> int:
    """One full cycle without IDLE: sync every enabled account, analyze, send, alert.

    Returns 0 when every account synced, 1 when one could not (it is recorded).
    """
    daemon = Daemon(settings, db, clock, notifier=notifier)
    problems = 0
    for account in settings.accounts:
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

