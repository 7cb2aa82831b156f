"""`mailsync run` against a real Dovecot, with alerts delivered to a local Apprise JSON sink.

The daemon runs as a real subprocess (``python -m mailsync run``) except where a
test needs to move the injected clock; waits are bounded polls on the store or
the sink, never sleeps standing in for time.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import func, select

from mailsync.config import load_settings
from mailsync.service import open_store
from mailsync.store.schema import AccountRow, AlertRow, MessageRow
from tests.support import MAILSYNC, REPO, bulk_append, jsonl, make_mail, run_cli, write_config

INVITE_BODY = ("Dear Dr. Okonkwo-Reyes,\n\nWe are pleased to invite you to interview for our "
               "Internal Medicine residency program. Please select an interview date.\n\n"
               "Program Coordinator\n")
RED_FLAG_BODY = ("Dear Dr. Okonkwo-Reyes,\n\nThank you for interviewing with our Internal "
                 "Medicine residency program. Will you rank us #1? Please let us know where we "
                 "are on your rank order list.\n\nProgram Director\n")


class JsonSink:
    """A tiny HTTP server that records what Apprise's ``json://`` posts to it."""

    def __init__(self) -> None:
        self.received: list[dict] = []
        self.arrived = threading.Condition()
        sink = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with sink.arrived:
                    sink.received.append(json.loads(body or b"{}"))
                    sink.arrived.notify_all()
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"json://127.0.0.1:{self.port}/"

    def wait_for(self, predicate: Callable[[list[dict]], bool], timeout: float) -> bool:
        with self.arrived:
            return self.arrived.wait_for(lambda: predicate(self.received), timeout)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def sink() -> Iterator[JsonSink]:
    s = JsonSink()
    yield s
    s.close()


def _config(tmp_path: Path, imap: object, sink: JsonSink, extra: str = "") -> Path:
    notify = f'\n[notify]\nurls = ["{sink.url}"]\nmax_per_minute = 30\n'
    return write_config(tmp_path, imap=imap, extra=notify + extra)


class Running:
    """A ``mailsync run`` subprocess, logging to a file the test can read."""

    def __init__(self, config: Path, tmp_path: Path) -> None:
        self.log_path = tmp_path / f"daemon-{time.monotonic_ns()}.log"
        env = dict(os.environ)
        env.pop("MAILSYNC_CONFIG", None)
        self.proc = subprocess.Popen(
            [*MAILSYNC, "--config", str(config), "-v", "run"], cwd=REPO, env=env,
            stdout=subprocess.DEVNULL, stderr=open(self.log_path, "wb"))  # noqa: SIM115

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self, timeout: float = 30) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)


@pytest.fixture
def daemons() -> Iterator[list[Running]]:
    started: list[Running] = []
    yield started
    for d in started:
        d.kill()


def _start(daemons: list[Running], config: Path, tmp_path: Path) -> Running:
    d = Running(config, tmp_path)
    daemons.append(d)
    return d


def _count(config: Path, model=MessageRow) -> int:
    db = open_store(load_settings(config))
    try:
        with db.reading() as s:
            return s.scalar(select(func.count()).select_from(model)) or 0
    finally:
        db.dispose()


def _account_state(config: Path, name: str) -> str | None:
    db = open_store(load_settings(config))
    try:
        with db.reading() as s:
            return s.scalar(select(AccountRow.state).where(AccountRow.name == name))
    finally:
        db.dispose()


def wait_until(check: Callable[[], bool], timeout: float, what: str,
               daemon: Running | None = None) -> None:
    """Poll ``check`` until true; fail with the daemon's log after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        if daemon is not None and daemon.proc.poll() is not None:
            break
        threading.Event().wait(0.1)
    log = daemon.log()[-4000:] if daemon else ""
    pytest.fail(f"timed out waiting for {what}\n--- daemon log ---\n{log}")


def _now_mail(n: int, **kw: object) -> bytes:
    return make_mail(n, when=datetime.now(UTC) - timedelta(minutes=5), **kw)  # type: ignore[arg-type]


def _append(acct: object, messages: list[bytes]) -> None:
    bulk_append(acct.host, acct.port, acct.user, acct.password, "INBOX", messages)  # type: ignore[attr-defined]


def _wait_connected(config: Path, daemon: Running, name: str = "main") -> None:
    wait_until(lambda: _account_state(config, name) in ("idle", "polling"), 30,
               f"account {name} connected", daemon)


# ---------------------------------------------------------------------- tests


def test_idle_picks_up_new_mail_and_alerts_once(imap_account, tmp_path, sink, daemons):
    config = _config(tmp_path, imap_account, sink)
    d = _start(daemons, config, tmp_path)
    _wait_connected(config, d)
    _append(imap_account, [_now_mail(1, subject="Interview invitation", body=INVITE_BODY)])
    wait_until(lambda: _count(config) == 1, 20, "the message stored", d)
    assert sink.wait_for(lambda r: any("Interview invite" in x.get("title", "") for x in r), 20)
    invite = next(x for x in sink.received if "Interview invite" in x["title"])
    assert "mailsync draft --reply-to" in invite["message"]
    assert d.stop() == 0
    assert "event=stopped" in d.log()

    # A restart re-reads the same store: the alert must not repeat.
    before = len(sink.received)
    d2 = _start(daemons, config, tmp_path)
    _wait_connected(config, d2)
    _append(imap_account, [_now_mail(2, subject="Newsletter", body="Our open house news.\n")])
    wait_until(lambda: _count(config) == 2, 20, "the second message stored", d2)
    assert d2.stop() == 0
    assert len(sink.received) == before
    assert _count(config, AlertRow) == before


def test_red_flag_alert_delivered_once(imap_account, tmp_path, sink, daemons):
    config = _config(tmp_path, imap_account, sink)
    _append(imap_account, [_now_mail(1, subject="Following up", body=RED_FLAG_BODY)])
    d = _start(daemons, config, tmp_path)
    assert sink.wait_for(lambda r: any("Red flag" in x.get("title", "") for x in r), 30), d.log()
    assert d.stop() == 0
    d2 = _start(daemons, config, tmp_path)
    _wait_connected(config, d2)
    assert d2.stop() == 0
    assert sum("Red flag" in x["title"] for x in sink.received) == 1


def test_server_restart_recovers_nothing_lost(imap_account, tmp_path, sink, daemons):
    config = _config(tmp_path, imap_account, sink)
    d = _start(daemons, config, tmp_path)
    _wait_connected(config, d)
    _append(imap_account, [_now_mail(i) for i in range(3)])
    wait_until(lambda: _count(config) == 3, 20, "first three stored", d)
    server = imap_account.server
    server.stop()
    wait_until(lambda: _account_state(config, "main") == "reconnecting", 20,
               "the daemon noticing", d)
    server.start()
    _append(imap_account, [_now_mail(i) for i in range(3, 8)])
    wait_until(lambda: _count(config) == 8, 40, "all eight stored after the restart", d)
    assert d.stop() == 0
    assert "event=connection_lost" in d.log()


def test_connection_cut_by_proxy(imap_account, imap_proxy, tmp_path, sink, daemons):
    via_proxy = type(imap_account)(host=imap_proxy.host, port=imap_proxy.port,
                                   user=imap_account.user, password=imap_account.password,
                                   server=imap_account.server)
    config = _config(tmp_path, via_proxy, sink)
    d = _start(daemons, config, tmp_path)
    _wait_connected(config, d)
    accepted = imap_proxy.accepted
    assert imap_proxy.drop_all() >= 1
    _append(imap_account, [_now_mail(1)])
    wait_until(lambda: _count(config) == 1, 30, "the message stored after the cut", d)
    assert imap_proxy.accepted > accepted
    assert d.stop() == 0


def test_sigterm_during_sync_is_clean(imap_account, tmp_path, sink, daemons):
    _append(imap_account, [make_mail(i, size=20000) for i in range(400)])
    config = write_config(tmp_path, imap=imap_account, batch_size=20,
                          extra=f'\n[notify]\nurls = ["{sink.url}"]\n')
    d = _start(daemons, config, tmp_path)
    wait_until(lambda: _count(config) > 0, 30, "the sync to start", d)
    assert d.stop() == 0
    stored = _count(config)
    assert 0 < stored <= 400
    print(f"stopped after {stored} of 400 messages")
    assert "event=stopped" in d.log()
    result = run_cli("sync", config=config)
    assert result.returncode == 0, result.stderr
    assert _count(config) == 400  # Completed, and nothing stored twice.


def test_wrong_password_pauses_only_that_account(imap_account, dovecot_server, tmp_path,
                                                  sink, daemons):
    secret = tmp_path / "wrong.txt"
    secret.write_text("not-the-password\n")
    bad = (f'\n[accounts.bad]\nuser = "{imap_account.user}"\nimap_host = "{imap_account.host}"\n'
           f'imap_port = {imap_account.port}\nimap_tls = "none"\nsmtp_host = "127.0.0.1"\n'
           f'smtp_tls = "none"\npassword_command = "cat {secret}"\n')
    config = _config(tmp_path, imap_account, sink, extra=bad)
    d = _start(daemons, config, tmp_path)
    _wait_connected(config, d)
    wait_until(lambda: _account_state(config, "bad") == "auth_failed", 20, "bad paused", d)
    _append(imap_account, [_now_mail(1)])
    wait_until(lambda: _count(config) == 1, 20, "the good account still syncing", d)
    assert sink.wait_for(lambda r: any("password refused" in x.get("title", "") for x in r), 20)
    status = run_cli("status", "--format", "jsonl", config=config)
    assert status.returncode == 0, status.stderr
    rows = {r["account"]: r for r in jsonl(status.stdout)}
    assert rows["bad"]["state"] == "auth_failed"
    assert rows["bad"]["last_error"]
    assert rows["main"]["state"] == "idle" and rows["main"]["last_sync"]
    assert d.stop() == 0
    assert sum("password refused" in x["title"] for x in sink.received) == 1


def test_run_once_and_status_table(imap_account, tmp_path, sink):
    config = _config(tmp_path, imap_account, sink)
    _append(imap_account, [_now_mail(1, subject="Interview invitation", body=INVITE_BODY)])
    result = run_cli("run", "--once", config=config)
    assert result.returncode == 0, result.stderr
    assert _count(config) == 1
    assert any("Interview invite" in x["title"] for x in sink.received)
    table = run_cli("status", config=config)
    assert table.returncode == 0 and "main" in table.stdout


def test_status_reports_queues_and_next_send(imap_account, tmp_path, sink):
    from mailsync.store.schema import OutboxRow

    config = _config(tmp_path, imap_account, sink)
    db = open_store(load_settings(config))
    now = datetime.now(UTC)
    soon, later = now + timedelta(hours=1), now + timedelta(hours=5)
    with db.transaction() as s:
        s.add(AccountRow(name="main", state="idle", last_error="", last_sync_at=now))
        for i, (state, at) in enumerate([("draft", None), ("draft", None), ("scheduled", later),
                                         ("retry", soon), ("failed", None),
                                         ("uncertain", None), ("sent", None)]):
            s.add(OutboxRow(account_name="main" if i % 2 else "", type="thank_you",
                            message_id=f"<s{i}@t>", state=state, scheduled_at=at,
                            created_at=now, updated_at=now))
    db.dispose()
    result = run_cli("status", "--format", "jsonl", config=config)
    assert result.returncode == 0, result.stderr
    [row] = jsonl(result.stdout)
    assert (row["drafts"], row["scheduled"], row["failed"], row["uncertain"]) == (2, 2, 1, 1)
    assert datetime.fromisoformat(row["next_send"]) == soon
    assert row["state"] == "idle" and row["last_sync"]
