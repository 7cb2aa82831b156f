"""The daemon in-process with an injected clock: sleep/wake detection, wake-up times, stop.

Moving a FixedClock forward while the monotonic clock does not is exactly what
a laptop sees after a suspend, so the jump can be tested without sleeping.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from mailsync.clock import FixedClock
from mailsync.config import load_settings
from mailsync.daemon import Daemon, Tuning
from mailsync.service import open_store
from mailsync.store.schema import AccountRow, MessageRow, OutboxRow
from tests.integration.test_daemon import wait_until
from tests.support import bulk_append, make_mail, write_config

FAST = Tuning(socket_timeout=5, tick=0.05, safety=5, jump=30, backoff_base=0.05,
              backoff_cap=0.5, auth_retry=5, stop_grace=5, store_retry=0.1)


class Recorder:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    def send(self, title: str, body: str) -> None:
        self.sent.append((title, body))


@pytest.fixture
def running(imap_account, imap_proxy, tmp_path) -> Iterator[tuple[Daemon, FixedClock, object]]:
    via_proxy = type(imap_account)(host=imap_proxy.host, port=imap_proxy.port,
                                   user=imap_account.user, password=imap_account.password,
                                   server=imap_account.server)
    settings = load_settings(write_config(tmp_path, imap=via_proxy))
    db = open_store(settings)
    clock = FixedClock(datetime.now(UTC))
    daemon = Daemon(settings, db, clock, notifier=Recorder(), tuning=FAST)
    thread = threading.Thread(target=daemon.run, daemon=True)
    thread.start()
    wait_until(lambda: _state(daemon) == "idle" and daemon.cycles >= 1, 20, "connected")
    daemon.kick()  # The second cycle starts only once the first (and its review scan) ended.
    wait_until(lambda: daemon.cycles >= 2, 20, "the first cycle done")
    yield daemon, clock, imap_proxy
    daemon.stop()
    thread.join(20)
    assert not thread.is_alive()
    assert _state(daemon) == "stopped"
    db.dispose()


def _state(daemon: Daemon) -> str | None:
    with daemon.db.reading() as s:
        return s.scalar(select(AccountRow.state).where(AccountRow.name == "main"))


def _messages(daemon: Daemon) -> int:
    with daemon.db.reading() as s:
        return s.scalar(select(func.count(MessageRow.id))) or 0


def test_wall_clock_jump_forces_reconnect_and_resync(running, imap_account):
    daemon, clock, proxy = running
    accepted = proxy.accepted
    clock.advance(timedelta(hours=3))  # The lid was closed for three hours.
    wait_until(lambda: proxy.accepted > accepted, 10, "a fresh connection after the jump")
    wait_until(lambda: _state(daemon) == "idle", 10, "idle again")
    bulk_append(imap_account.host, imap_account.port, imap_account.user, imap_account.password,
                "INBOX", [make_mail(1)])
    wait_until(lambda: _messages(daemon) == 1, 10, "mail after the wake-up")


def test_no_jump_no_reconnect(running):
    daemon, _clock, proxy = running
    accepted = proxy.accepted
    cycles = daemon.cycles
    daemon.kick()
    wait_until(lambda: daemon.cycles > cycles, 5, "a kicked cycle")
    assert proxy.accepted == accepted


def test_wakes_for_the_next_scheduled_send(running):
    daemon, clock, _proxy = running
    now = clock.now()
    with daemon.db.transaction() as s:
        s.add(OutboxRow(type="thank_you", message_id="<wake@test>", state="scheduled",
                        scheduled_at=now + timedelta(seconds=2), created_at=now, updated_at=now))
    assert daemon._next_wake(deferred=False) == pytest.approx(2, abs=0.01)
    assert daemon._next_wake(deferred=True) == pytest.approx(2, abs=0.01)
    with daemon.db.transaction() as s:
        s.query(OutboxRow).delete()
    assert daemon._next_wake(deferred=False) == FAST.safety


def test_locked_database_is_logged_retried_and_loses_nothing(running, imap_account, caplog):
    """Another process holds SQLite's write lock past busy_timeout (10 s): nothing is lost."""
    import sqlite3

    daemon, _clock, _proxy = running
    caplog.set_level("WARNING", logger="mailsync.daemon")
    path = daemon.db.url.removeprefix("sqlite:///")
    blocker = sqlite3.connect(path, timeout=1, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        bulk_append(imap_account.host, imap_account.port, imap_account.user,
                    imap_account.password, "INBOX", [make_mail(1), make_mail(2)])
        wait_until(lambda: "event=store_busy" in caplog.text, 30, "the busy store logged")
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    wait_until(lambda: _messages(daemon) == 2, 20, "both messages stored after the lock")


def test_cycle_survives_a_busy_store(tmp_path, monkeypatch, caplog):
    from mailsync import daemon as daemon_module
    from mailsync.errors import StoreError

    settings = load_settings(write_config(tmp_path))
    db = open_store(settings)
    daemon = Daemon(settings, db, FixedClock(datetime.now(UTC)), tuning=FAST)
    calls = []

    def flaky(*args: object, **kw: object) -> int:
        calls.append(1)
        if len(calls) == 1:
            raise StoreError("database is locked by another process; try again")
        return 0

    monkeypatch.setattr(daemon_module.service, "analyze_pending", flaky)
    assert daemon._cycle_safely() == FAST.store_retry
    assert "event=store_busy step=cycle" in caplog.text
    assert daemon._cycle_safely() == FAST.safety
    db.dispose()


def test_a_new_account_is_connecting_until_it_has_connected(tmp_path):
    """Nothing may read "idle" off an account the daemon has not yet connected."""
    from mailsync.watch import CONNECTING, AccountBook

    settings = load_settings(write_config(tmp_path))
    db = open_store(settings)
    book = AccountBook(db, FixedClock(datetime.now(UTC)))
    book.account_id("main")
    with db.transaction() as s:
        assert s.scalar(select(AccountRow.state).where(AccountRow.name == "main")) == CONNECTING
    db.dispose()


def test_polls_where_the_server_has_no_idle(tmp_path):
    """A server without IDLE (RFC 2177) is polled every poll_seconds instead."""
    import dataclasses
    from types import SimpleNamespace

    from mailsync.config import SyncSettings
    from tests.fixtures.dovecot import DovecotServer

    caps = "IMAP4rev1 LITERAL+ SASL-IR ID ENABLE UIDPLUS NAMESPACE SPECIAL-USE UNSELECT"
    with DovecotServer(tls=False, extra_config=f"imap_capability = {caps}") as server:
        server.add_user("old", "old-secret")
        acct = SimpleNamespace(host=server.host, port=server.port, user="old",
                               password="old-secret")
        settings = load_settings(write_config(tmp_path, imap=acct))
        settings = dataclasses.replace(settings, sync=SyncSettings(poll_seconds=1))
        db = open_store(settings)
        daemon = Daemon(settings, db, FixedClock(datetime.now(UTC)), tuning=FAST)
        thread = threading.Thread(target=daemon.run, daemon=True)
        thread.start()
        try:
            wait_until(lambda: _state(daemon) == "polling", 20, "polling")
            server.append("old", "INBOX", make_mail(1))
            wait_until(lambda: _messages(daemon) == 1, 20, "the polled message")
        finally:
            daemon.stop()
            thread.join(20)
            db.dispose()
        assert not thread.is_alive()


def test_scheduled_send_goes_out_once_across_a_restart(dovecot_server, smtp_server, tmp_path):
    """The outbox is the schedule: the daemon wakes at scheduled_at, sends once, never again."""
    from types import SimpleNamespace

    # One secret for both servers, as with most providers.
    dovecot_server.add_user(smtp_server.user, smtp_server.password)
    acct = SimpleNamespace(host=dovecot_server.host, port=dovecot_server.port,
                           user=smtp_server.user, password=smtp_server.password)
    settings = load_settings(write_config(tmp_path, imap=acct, smtp=smtp_server))
    db = open_store(settings)
    clock = FixedClock(datetime(2026, 12, 1, 15, 0, tzinfo=UTC))  # 10:00 in New York
    now = clock.now()
    with db.transaction() as s:
        s.add(OutboxRow(account_name="main", type="update_letter", message_id="<once@test>",
                        subject="Update", to_addrs=["coordinator@program.example"],
                        body="Dear Dr. Smith,\n\nI passed Step 2 CK.\n\nSincerely,\nAmara\n",
                        state="scheduled", scheduled_at=now + timedelta(seconds=1),
                        created_at=now, updated_at=now, approved_at=now))
    for _ in range(2):  # Run, stop, run again on the same store.
        daemon = Daemon(settings, db, clock, notifier=Recorder(), tuning=FAST)
        assert 0 < daemon._next_wake(deferred=False) <= 1 or _sent_state(db) == "sent"
        thread = threading.Thread(target=daemon.run, daemon=True)
        thread.start()
        clock.advance(timedelta(seconds=2))
        wait_until(lambda: _sent_state(db) not in ("scheduled", "sending"), 20, "the send")
        daemon.stop()
        thread.join(20)
    assert _sent_state(db) == "sent", SimpleNamespace(state=_sent_state(db))
    assert len(smtp_server.messages) == 1
    db.dispose()


def _sent_state(db) -> str | None:
    with db.reading() as s:
        return s.scalar(select(OutboxRow.state).where(OutboxRow.message_id == "<once@test>"))


def test_silent_dead_connection_is_detected(imap_account, imap_proxy, tmp_path):
    """A socket that stops answering (dead Wi-Fi) ends the IDLE at renewal: DONE+NOOP time out."""
    import dataclasses

    from mailsync.config import SyncSettings

    via_proxy = type(imap_account)(host=imap_proxy.host, port=imap_proxy.port,
                                   user=imap_account.user, password=imap_account.password,
                                   server=imap_account.server)
    settings = load_settings(write_config(tmp_path, imap=via_proxy))
    settings = dataclasses.replace(settings, sync=SyncSettings(idle_renew_seconds=1))
    db = open_store(settings)
    tuning = dataclasses.replace(FAST, socket_timeout=1)
    daemon = Daemon(settings, db, FixedClock(datetime.now(UTC)), tuning=tuning)
    thread = threading.Thread(target=daemon.run, daemon=True)
    thread.start()
    try:
        wait_until(lambda: _state(daemon) == "idle", 20, "connected")
        imap_proxy.stall()
        wait_until(lambda: _state(daemon) == "reconnecting", 20, "the dead socket noticed")
        imap_proxy.resume()
        bulk_append(imap_account.host, imap_account.port, imap_account.user,
                    imap_account.password, "INBOX", [make_mail(1)])
        wait_until(lambda: _messages(daemon) == 1, 20, "mail after the reconnect")
    finally:
        imap_proxy.resume()
        daemon.stop()
        thread.join(20)
        db.dispose()
    assert not thread.is_alive()


def test_label_keywords_written_back_when_opted_in(imap_account, tmp_path):
    import dataclasses

    settings = load_settings(write_config(tmp_path, imap=imap_account))
    account = dataclasses.replace(settings.accounts[0], write_keywords=True)
    settings = dataclasses.replace(settings, accounts=(account,))
    db = open_store(settings)
    daemon = Daemon(settings, db, FixedClock(datetime.now(UTC)), tuning=FAST)
    thread = threading.Thread(target=daemon.run, daemon=True)
    thread.start()
    server = imap_account.server
    try:
        wait_until(lambda: _state(daemon) == "idle", 20, "connected")
        body = ("Dear Dr. Okonkwo-Reyes,\n\nWe are pleased to invite you to interview for our "
                "Internal Medicine residency program. Please select an interview date.\n")
        uid = server.append(imap_account.user, "INBOX",
                            make_mail(1, subject="Interview invitation", body=body))
        wait_until(lambda: "$Mailsync_interview_invite"
                   in server.flags(imap_account.user, "INBOX").get(uid, ()), 20, "the keyword")
        assert "\\Seen" not in server.flags(imap_account.user, "INBOX")[uid]
    finally:
        daemon.stop()
        thread.join(20)
        db.dispose()
    assert not thread.is_alive()
