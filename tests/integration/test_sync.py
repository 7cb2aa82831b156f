"""Sync against a real Dovecot: complete, incremental, idempotent, and never marks mail read."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import time
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from mailsync.clock import SystemClock
from mailsync.config import load_settings
from mailsync.errors import ConnectionLostError
from mailsync.service import open_store, sync_account
from mailsync.store.schema import FolderRow, LocationRow, MessageRow
from tests.support import MAILSYNC, TORTURE, bulk_append, make_mail, run_cli, write_config


def _counts(config: Path) -> tuple[int, int, int]:
    db = open_store(load_settings(config))
    with db.reading() as s:
        rows = s.scalar(select(func.count(MessageRow.id))) or 0
        distinct = s.scalar(select(func.count()).select_from(
            select(MessageRow.message_id, MessageRow.content_hash).distinct().subquery())) or 0
        locations = s.scalar(select(func.count(LocationRow.id))) or 0
    db.dispose()
    return rows, distinct, locations


def _stored_rows(db_path: Path) -> int:
    if not db_path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM messages").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet, or busy
        return 0


def _children(pid: int) -> list[int]:
    """The live child processes of ``pid`` (Linux /proc)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found += [int(c) for c in (task / "children").read_text().split()]
    return found


def _alive(pid: int) -> bool:
    """Running and not a zombie (an orphan's zombie is reaped by init, not by us)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _sync(config: Path):
    settings = load_settings(config)
    db = open_store(settings)
    try:
        return sync_account(settings, settings.accounts[0], db, SystemClock())
    finally:
        db.dispose()


def _forty_big_messages_behind(proxy, imap_account, tmp_path) -> Path:
    """40 messages of ~20 KB, and a config that reaches them through ``proxy``."""
    bulk_append(imap_account.host, imap_account.port, imap_account.user, imap_account.password,
                "INBOX", [make_mail(i, size=20_000) for i in range(40)])
    proxied = replace(imap_account, host="127.0.0.1", port=proxy.port)
    return write_config(tmp_path, imap=proxied, batch_size=10)


def test_first_then_incremental_sync(imap_account, tmp_path):
    bulk_append(imap_account.host, imap_account.port, imap_account.user, imap_account.password,
                "INBOX", [make_mail(i) for i in range(30)])
    config = write_config(tmp_path, imap=imap_account, batch_size=7)
    first = _sync(config)
    assert first.new == 30 and first.analyzed == 30
    assert _counts(config) == (30, 30, 30)

    bulk_append(imap_account.host, imap_account.port, imap_account.user, imap_account.password,
                "INBOX", [make_mail(i) for i in range(30, 35)])
    second = _sync(config)
    assert second.folders[0].fetched == 5 and second.new == 5
    assert _counts(config) == (35, 35, 35)
    third = _sync(config)
    assert third.folders[0].fetched == 0


def test_sync_never_changes_flags(imap_account, tmp_path):
    server = imap_account.server
    for i in range(6):
        server.append(imap_account.user, "INBOX", make_mail(i),
                      flags=("\\Seen",) if i % 2 else ())
    before = server.flags(imap_account.user, "INBOX")
    _sync(write_config(tmp_path, imap=imap_account))
    assert server.flags(imap_account.user, "INBOX") == before
    assert sum("\\Seen" in f for f in before.values()) == 3


def test_uidvalidity_change_resyncs_without_duplicates(imap_account, tmp_path):
    bulk_append(imap_account.host, imap_account.port, imap_account.user, imap_account.password,
                "INBOX", [make_mail(i) for i in range(12)])
    config = write_config(tmp_path, imap=imap_account)
    _sync(config)
    old = imap_account.server.uidvalidity(imap_account.user, "INBOX")
    new = imap_account.server.force_uidvalidity_change(imap_account.user, "INBOX")
    assert new != old
    bulk_append(imap_account.host, imap_account.port, imap_account.user, imap_account.password,
                "INBOX", [make_mail(100)])
    report = _sync(config)
    assert report.folders[0].reset
    rows, distinct, locations = _counts(config)
    assert rows == distinct == 13  # nothing duplicated, the new one added
    assert locations >= 13
    db = open_store(load_settings(config))
    with db.reading() as s:
        assert s.scalar(select(FolderRow.uidvalidity)) == new
    db.dispose()


def test_connection_dropped_mid_batch_then_resumes(imap_account, imap_proxy, tmp_path):
    config = _forty_big_messages_behind(imap_proxy, imap_account, tmp_path)
    imap_proxy.cut_after(450_000)  # two batches of ~200 KB, then cut
    with pytest.raises(ConnectionLostError):
        _sync(config)
    partial = _counts(config)[0]
    assert 0 < partial < 40
    _sync(config)
    assert _counts(config) == (40, 40, 40)


def test_wrong_password_is_a_clear_error_exit_2(imap_account, tmp_path):
    wrong = type(imap_account)(host=imap_account.host, port=imap_account.port,
                               user=imap_account.user, password="not-the-password",
                               server=imap_account.server)
    config = write_config(tmp_path, imap=wrong)
    done = run_cli("sync", config=config)
    assert done.returncode == 2
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:")
    assert "not-the-password" not in done.stderr + done.stdout


def test_kill_9_mid_sync_then_sync_again(imap_account, tmp_path):
    total = 1500
    bulk_append(imap_account.host, imap_account.port, imap_account.user, imap_account.password,
                "INBOX", [make_mail(i, size=4000) for i in range(total)])
    config = write_config(tmp_path, imap=imap_account, batch_size=25)
    db_path = tmp_path / "mailsync.sqlite3"
    env = dict(os.environ, MAILSYNC_CONFIG=str(config))
    proc = subprocess.Popen([*MAILSYNC, "sync"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    killed_at = None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        rows = _stored_rows(db_path)  # read-only peek: never migrate under the process
        if rows >= 100:
            children = _children(proc.pid)
            proc.send_signal(signal.SIGKILL)
            killed_at = rows
            break
        time.sleep(0.005)
    proc.wait(timeout=30)
    assert killed_at is not None, f"sync ended before the kill: {proc.stderr.read()!r}"
    assert killed_at < total
    assert proc.returncode == -signal.SIGKILL
    # The analysis workers (forked before the fetch) and the writer must not outlive it.
    assert children, "the sync had started its analysis workers before the kill"
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(_alive(pid) for pid in children):
        time.sleep(0.05)
    assert not [pid for pid in children if _alive(pid)]
    done = run_cli("sync", config=config)
    assert done.returncode == 0, done.stderr
    assert _counts(config) == (total, total, total)


def test_torture_mail_synced_after_append(imap_account, tmp_path):
    files = sorted(p for p in TORTURE.rglob("*.eml"))
    assert len(files) > 90
    raws = [p.read_bytes() for p in files]
    bulk_append(imap_account.host, imap_account.port, imap_account.user, imap_account.password,
                "INBOX", raws)
    config = write_config(tmp_path, imap=imap_account)
    report = _sync(config)
    assert report.folders[0].fetched == len(files)
    db = open_store(load_settings(config))
    with db.reading() as s:
        states = dict(s.execute(select(MessageRow.parse_state, func.count())
                                .group_by(MessageRow.parse_state)).all())
        locations = s.scalar(select(func.count(LocationRow.id)))
    db.dispose()
    assert locations == len(files)
    assert "pending" not in states
    listed = run_cli("inbox", "--format", "jsonl", config=config)
    assert listed.returncode == 0, listed.stderr
    assert len([line for line in listed.stdout.splitlines() if line]) == sum(states.values())


def test_sync_with_retry_reconnects_and_completes(imap_account, imap_proxy, tmp_path):
    from mailsync.service import sync_with_retry

    config = _forty_big_messages_behind(imap_proxy, imap_account, tmp_path)
    settings = load_settings(config)
    db = open_store(settings)
    imap_proxy.cut_after(450_000)
    waits: list[float] = []
    report = sync_with_retry(settings, settings.accounts[0], db, SystemClock(),
                             sleep=waits.append, jitter=lambda: 0.5)
    db.dispose()
    assert len(waits) == 1 and waits[0] == 2.0  # one reconnect, no real sleeping
    assert report.folders[0].fetched < 40  # the retry fetched only what was missing
    assert _counts(config) == (40, 40, 40)


def test_big_sync_analyzing_during_the_fetch_survives_a_dropped_connection(
        imap_account, imap_proxy, tmp_path):
    """Past the pool threshold the analysis runs while the fetch is on the wire; a link
    that drops mid-fetch stops it cleanly, and the retry stores and labels everything."""
    from mailsync import pipeline
    from mailsync.service import sync_with_retry
    from mailsync.store.schema import LabelRow

    total = pipeline.POOL_THRESHOLD + 50
    bulk_append(imap_account.host, imap_account.port, imap_account.user, imap_account.password,
                "INBOX", [make_mail(i, size=3000) for i in range(total)])
    proxied = replace(imap_account, host="127.0.0.1", port=imap_proxy.port)
    settings = load_settings(write_config(tmp_path, imap=proxied, batch_size=20))
    db = open_store(settings)
    imap_proxy.cut_after(500_000)
    waits: list[float] = []
    expected: list[int] = []
    analyzed: list[int] = []

    def on_analyze(n: int):  # type: ignore[no-untyped-def]
        expected.append(n)
        return analyzed.append

    report = sync_with_retry(settings, settings.accounts[0], db, SystemClock(),
                             sleep=waits.append, jitter=lambda: 0.5, on_analyze=on_analyze)
    with db.reading() as s:
        labeled = s.scalar(select(func.count(LabelRow.message_pk)))
        pending = s.scalar(select(func.count()).where(MessageRow.parse_state == "pending"))
    db.dispose()
    assert len(waits) == 1
    assert report.folders[0].fetched < total  # the retry fetched only what was missing
    assert (labeled, pending) == (total, 0)
    assert expected[0] == total  # the progress bar's size: the whole first fetch
    assert 0 < sum(analyzed) <= total  # what ran during the fetch reported its progress


def test_flag_changes_mirrored_with_condstore(imap_account, tmp_path):
    server = imap_account.server
    bulk_append(imap_account.host, imap_account.port, imap_account.user, imap_account.password,
                "INBOX", [make_mail(i) for i in range(5)])
    config = write_config(tmp_path, imap=imap_account)
    _sync(config)
    with server.client(imap_account.user) as imap:  # the applicant reads two in their client
        imap.select_folder("INBOX")
        imap.add_flags(imap.search("ALL")[:2], [b"\\Seen"])
    report = _sync(config)
    assert report.folders[0].flag_changes == 2
    db = open_store(load_settings(config))
    with db.reading() as s:
        seen = [loc.flags for loc in s.scalars(select(LocationRow).order_by(LocationRow.uid))]
    db.dispose()
    assert ["\\Seen" in f for f in seen] == [True, True, False, False, False]


def test_keywords_written_back_only_when_asked(imap_account, tmp_path):
    server = imap_account.server
    invite = make_mail(1, subject="Interview Invitation",
                       body="Dear Dr. Reyes,\n\nWe are pleased to invite you to interview for "
                            "our Internal Medicine residency program. Please select an "
                            "interview date in the portal.\n")
    server.append(imap_account.user, "INBOX", invite)
    (tmp_path / "quiet").mkdir()
    (tmp_path / "loud").mkdir()
    _sync(write_config(tmp_path / "quiet", imap=imap_account))
    assert not any(k.startswith("$Mailsync") for f in server.flags(imap_account.user, "INBOX")
                   .values() for k in f)
    loud = write_config(tmp_path / "loud", imap=imap_account)
    loud.write_text(loud.read_text().replace("[accounts.main]",
                                             "[accounts.main]\nwrite_keywords = true"))
    _sync(loud)
    flags = next(iter(server.flags(imap_account.user, "INBOX").values()))
    assert "$Mailsync_interview_invite" in flags and "\\Seen" not in flags


def test_big_sync_commits_from_a_writer_process(imap_account, tmp_path, monkeypatch):
    """Above the threshold batches are committed by a separate process, still in order."""
    import mailsync.service as service

    monkeypatch.setattr(service, "PROCESS_WRITER_THRESHOLD", 10)
    bulk_append(imap_account.host, imap_account.port, imap_account.user, imap_account.password,
                "INBOX", [make_mail(i) for i in range(45)])
    config = write_config(tmp_path, imap=imap_account, batch_size=7)
    assert _sync(config).new == 45
    assert _counts(config) == (45, 45, 45)
    db = open_store(load_settings(config))
    with db.reading() as s:
        assert s.scalar(select(FolderRow.last_uid)) == 45
    db.dispose()
    bulk_append(imap_account.host, imap_account.port, imap_account.user, imap_account.password,
                "INBOX", [make_mail(i) for i in range(45, 60)])
    assert _sync(config).new == 15 and _counts(config) == (60, 60, 60)
