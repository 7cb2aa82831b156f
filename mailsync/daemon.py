"""``mailsync run``: one process that keeps every mailbox in sync and acts on what arrives.

Shape (threads)::

    main thread (coordinator)          one FolderWatcher per account x folder
    ─────────────────────────          ──────────────────────────────────────
    signals → stop                     connect → sync_folder → IDLE (or poll) → ...
    clock-jump check every tick        on a change: sync, then kick the coordinator
    on a kick or when due:             on a lost connection: jittered backoff, reconnect
      analyze → outgoing → alerts      on a refused password: pause this account, alert

Only the coordinator parses, classifies, sends and alerts, so those steps never
race each other; watchers (:mod:`mailsync.watch`) only fetch raw mail and
commit it with the folder cursor (one transaction per batch), which is what
makes a kill at any moment safe. The outbox in the store is the single source
of truth for sending: the coordinator wakes at the next ``scheduled_at`` and on
a safety interval (:mod:`mailsync.schedule`), so nothing is scheduled in
memory and a restart duplicates nothing.

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
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from types import FrameType

from sqlalchemy import select

from mailsync import alerts, notify, schedule, service
from mailsync.clock import Clock
from mailsync.config import AccountSettings, Settings
from mailsync.errors import AuthenticationError, StoreError
from mailsync.store import Database
from mailsync.store.schema import AccountRow
from mailsync.watch import (
    AUTH_FAILED,
    CONNECTING,
    CREDENTIAL_ERROR,
    DISABLED,
    IDLE,
    PAUSED,
    POLLING,
    RECONNECTING,
    STOPPED,
    AccountBook,
    FolderWatcher,
)

__all__ = [
    "AUTH_FAILED", "CONNECTING", "CREDENTIAL_ERROR", "DISABLED", "IDLE", "PAUSED",
    "POLLING", "RECONNECTING", "STOPPED", "AccountBook", "Daemon", "FolderWatcher",
    "Tuning", "backoff_delay", "run_once",
]

log = logging.getLogger(__name__)


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
        self.outgoing = schedule.OutgoingStep(self)

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
        return schedule.next_wake(self.db, self.clock, safety=self.tuning.safety,
                                  deferred=deferred)

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



def run_once(settings: Settings, db: Database, clock: Clock,
             notifier: notify.Notifier | None) -> int:
    """One full cycle without IDLE (``mailsync run --once``); see :func:`mailsync.schedule.once`.

    Returns 0 when every account synced, 1 when one could not (it is recorded).
    """
    return schedule.once(Daemon(settings, db, clock, notifier=notifier))
