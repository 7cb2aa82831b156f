"""Latency from a message's arrival to the applicant's alert, against a bare IDLE baseline.

Starts a private Dovecot on 127.0.0.1 (tests.fixtures.dovecot.DovecotServer) and a
tiny HTTP server that plays the Apprise ``json://`` target. Then, 50 times each:

* baseline: APPEND one message, and time until a plain imapclient IDLE loop on
  another connection sees its EXISTS;
* mailsync: APPEND one interview invitation while ``mailsync run`` (the real
  Daemon, in-process, SystemClock) is watching, and time until the alert POST
  arrives: IDLE wake, fetch, commit, parse, classify, link, dedupe, Apprise.

Both clocks start just before the APPEND, so the difference is what mailsync
adds on top of the server's own notification. Run: ``python benchmarks/bench_latency.py``.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from imapclient import IMAPClient

from mailsync.clock import SystemClock
from mailsync.config import load_settings
from mailsync.daemon import Daemon, Tuning
from mailsync.notify import AppriseNotifier
from mailsync.service import open_store
from tests.fixtures.dovecot import DovecotServer
from tests.support import make_mail, write_config

INVITE = ("Dear Dr. Okonkwo-Reyes,\n\nWe are pleased to invite you to interview for our "
          "Internal Medicine residency program. Please select an interview date.\n")
TIMEOUT = 15.0


class Sink:
    """Records when each alert (by its ``#n`` marker) reached the JSON endpoint."""

    def __init__(self) -> None:
        self.seen: dict[int, float] = {}
        self.cond = threading.Condition()
        sink = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                data = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                now = time.perf_counter()
                with sink.cond:
                    for n in re.findall(r"#(\d+)", data.get("message", "")):
                        sink.seen.setdefault(int(n), now)
                    sink.cond.notify_all()
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"json://127.0.0.1:{self.server.server_address[1]}/"

    def wait(self, n: int) -> float | None:
        with self.cond:
            self.cond.wait_for(lambda: n in self.seen, TIMEOUT)
            return self.seen.get(n)


class IdleWatcher:
    """The baseline: a bare imapclient IDLE loop noting when EXISTS arrives."""

    def __init__(self, host: str, port: int, user: str, password: str) -> None:
        self.client = IMAPClient(host, port, ssl=False, timeout=30)
        self.client.login(user, password)
        self.client.select_folder("INBOX", readonly=True)
        self.exists = 0
        self.at: dict[int, float] = {}
        self.cond = threading.Condition()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.client.idle()
        self.thread.start()

    def _loop(self) -> None:
        while not self.stop.is_set():
            for item in self.client.idle_check(timeout=0.5):
                if len(item) >= 2 and item[1] == b"EXISTS":
                    with self.cond:
                        self.at.setdefault(int(item[0]), time.perf_counter())
                        self.cond.notify_all()

    def wait(self, count: int) -> float | None:
        with self.cond:
            self.cond.wait_for(lambda: count in self.at, TIMEOUT)
            return self.at.get(count)

    def close(self) -> None:
        self.stop.set()
        self.thread.join(5)
        self.client.idle_done()
        self.client.logout()


def _appender(server: DovecotServer, user: str, password: str) -> IMAPClient:
    client = IMAPClient(server.host, server.port, ssl=False, timeout=30)
    client.login(user, password)
    return client


def baseline(server: DovecotServer, user: str, password: str, rounds: int) -> list[float]:
    watcher = IdleWatcher(server.host, server.port, user, password)
    writer = _appender(server, user, password)
    samples = []
    try:
        for n in range(1, rounds + 1):
            start = time.perf_counter()
            writer.append("INBOX", make_mail(n, subject="Baseline"))
            seen = watcher.wait(n)
            if seen is not None:
                samples.append(seen - start)
    finally:
        watcher.close()
        writer.logout()
    return samples


def with_mailsync(server: DovecotServer, user: str, password: str, rounds: int,
                  workdir: Path) -> list[float]:
    sink = Sink()
    account = SimpleNamespace(host=server.host, port=server.port, user=user, password=password)
    # The per-minute limit is raised: 50 invitations in a minute would otherwise be
    # folded into summaries by design, which is not what is measured here.
    config = write_config(workdir, imap=account, extra=(
        f'\n[notify]\nurls = ["{sink.url}"]\nmax_per_minute = 1000\n'))
    settings = load_settings(config)
    db = open_store(settings)
    daemon = Daemon(settings, db, SystemClock(), notifier=AppriseNotifier(settings.notify.urls),
                    tuning=Tuning(tick=0.5))
    thread = threading.Thread(target=daemon.run, daemon=True)
    thread.start()
    writer = _appender(server, user, password)
    samples = []
    try:
        _wait_idle(daemon)
        for n in range(1, rounds + 1):
            raw = make_mail(n, subject="Interview invitation", body=INVITE,
                            when=datetime.now(UTC))
            start = time.perf_counter()
            writer.append("INBOX", raw)
            seen = sink.wait(n)
            if seen is not None:
                samples.append(seen - start)
    finally:
        writer.logout()
        daemon.stop()
        thread.join(30)
        db.dispose()
        sink.server.shutdown()
    return samples


def _wait_idle(daemon: Daemon) -> None:
    """Until the watcher has synced and is about to IDLE (bounded)."""
    from sqlalchemy import select

    from mailsync.store.schema import AccountRow

    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        with daemon.db.reading() as s:
            if s.scalar(select(AccountRow.state).where(AccountRow.name == "main")) == "idle":
                return
        threading.Event().wait(0.05)
    raise RuntimeError("the daemon did not reach IDLE")


def _report(name: str, samples: list[float], rounds: int) -> str:
    if not samples:
        return f"{name:<22} no samples (0/{rounds} arrived)"
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, round(0.95 * len(ms)) - 1)]
    return (f"{name:<22} n={len(ms)}/{rounds}  median={statistics.median(ms):7.1f} ms  "
            f"p95={p95:7.1f} ms  max={ms[-1]:7.1f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    with DovecotServer(tls=False) as server, tempfile.TemporaryDirectory() as tmp:
        server.add_user("bench-base", "pw-base")
        server.add_user("bench-ms", "pw-ms")
        base = baseline(server, "bench-base", "pw-base", args.rounds)
        ours = with_mailsync(server, "bench-ms", "pw-ms", args.rounds, Path(tmp))
    print("arrival -> notice latency, local Dovecot on 127.0.0.1")
    print(_report("bare IDLE (EXISTS)", base, args.rounds))
    print(_report("mailsync (alert POST)", ours, args.rounds))
    if base and ours:
        extra = statistics.median(ours) - statistics.median(base)
        print(f"mailsync adds {extra * 1000:.1f} ms at the median")
    return 0 if len(ours) == args.rounds else 1


if __name__ == "__main__":
    raise SystemExit(main())
