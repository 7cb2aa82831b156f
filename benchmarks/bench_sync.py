"""Sync throughput against a local Dovecot, with the bare-fetch baseline in the same run.

    python benchmarks/bench_sync.py [--sizes 1000 10000]

For each size N: seeds a fresh Dovecot user with N messages (2–30 KB; text,
HTML, attachments), then measures
  (a) bare imapclient: UID FETCH BODY.PEEK[] of every message in batches of 500;
  (b) mailsync raw store: the same fetch, committed durably to SQLite (no parsing);
  (c) ``mailsync sync`` as a process on a fresh store (fetch, store, parse, classify,
      link on both cores) followed by ``mailsync inbox --format jsonl``;
  (d) a second, no-op ``mailsync sync`` (process start included).
Prints messages/s, peak RSS, and the ratios to the baseline.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from imapclient import IMAPClient  # noqa: E402

from benchmarks.mailgen import messages  # noqa: E402
from mailsync.clock import SystemClock  # noqa: E402
from mailsync.config import load_settings  # noqa: E402
from mailsync.service import open_store, sync_account  # noqa: E402
from tests.fixtures.dovecot import DovecotServer  # noqa: E402
from tests.support import write_config  # noqa: E402


class Account:
    def __init__(self, server: DovecotServer, user: str, password: str) -> None:
        self.host, self.port, self.user, self.password = server.host, server.port, user, password


def seed(server: DovecotServer, user: str, n: int) -> int:
    server.add_user(user, "bench")
    raws = messages(n)
    with IMAPClient(server.host, server.port, ssl=False, timeout=60) as imap:
        imap.login(user, "bench")
        for raw in raws:
            imap.append("INBOX", raw)
    return sum(len(r) for r in raws)


def bare_fetch(acct: Account) -> tuple[float, int]:
    start = time.perf_counter()
    total = 0
    with IMAPClient(acct.host, acct.port, ssl=False, timeout=60) as imap:
        imap.login(acct.user, acct.password)
        imap.select_folder("INBOX", readonly=True)
        uids = imap.search(["UID", "1:*"])
        for i in range(0, len(uids), 500):
            for data in imap.fetch(uids[i:i + 500], [b"BODY.PEEK[]"]).values():
                total += len(data[b"BODY[]"])
    return time.perf_counter() - start, len(uids)


def raw_store(acct: Account, workdir: Path) -> float:
    config = write_config(workdir, imap=acct)
    settings = load_settings(config)
    db = open_store(settings)
    start = time.perf_counter()
    sync_account(settings, settings.accounts[0], db, SystemClock(), analyze=False)
    elapsed = time.perf_counter() - start
    db.dispose()
    return elapsed


def run_process(args: list[str], config: Path) -> tuple[float, int]:
    """Wall time and peak RSS (MB) of one mailsync process."""
    env = dict(os.environ, MAILSYNC_CONFIG=str(config))
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "mailsync", *args], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"mailsync {' '.join(args)} failed: {proc.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss // 1024


def bench(server: DovecotServer, n: int) -> dict[str, float]:
    user = f"bench{n}_{os.getpid()}"
    size = seed(server, user, n)
    acct = Account(server, user, "bench")
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        base_t, count = bare_fetch(acct)
        raw_t = raw_store(acct, Path(a))
        config = write_config(Path(b), imap=acct)
        sync_t, sync_rss = run_process(["sync"], config)
        inbox_t, _ = run_process(["inbox", "--format", "jsonl"], config)
        noop_t, _ = run_process(["sync"], config)
    return {"n": count, "mb": size / 1e6, "base": count / base_t, "raw": count / raw_t,
            "full": count / (sync_t + inbox_t), "rss": sync_rss, "noop": noop_t}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args()
    print(f"{'N':>6} {'MB':>6} {'bare fetch/s':>13} {'raw store/s':>12} {'ratio':>6} "
          f"{'full sync+inbox/s':>18} {'peak RSS MB':>12} {'no-op sync s':>13}")
    with DovecotServer(tls=False) as server:
        for n in args.sizes:
            r = bench(server, n)
            print(f"{r['n']:>6} {r['mb']:>6.1f} {r['base']:>13.0f} {r['raw']:>12.0f} "
                  f"{r['raw'] / r['base']:>6.2f} {r['full']:>18.0f} {r['rss']:>12} "
                  f"{r['noop']:>13.2f}", flush=True)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"(benchmark driver peak RSS {own} MB)")


if __name__ == "__main__":
    main()
