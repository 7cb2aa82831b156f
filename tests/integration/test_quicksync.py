"""The no-op pass without the ORM (mailsync.quicksync), against a real Dovecot: it records
exactly what the full pass records, and steps aside, writing nothing, whenever the
full pass has work to do."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mailsync.clock import FixedClock
from mailsync.config import load_settings
from mailsync.errors import AuthenticationError
from mailsync.quicksync import quick_pass, sqlite_path
from mailsync.service import open_store, sync_account
from tests.support import bulk_append, make_mail, run_cli, write_config

T0 = datetime(2026, 12, 1, 14, 0, tzinfo=UTC)
T1 = T0 + timedelta(minutes=5)


def _append(acct, start: int, n: int) -> None:  # type: ignore[no-untyped-def]
    bulk_append(acct.host, acct.port, acct.user, acct.password, "INBOX",
                [make_mail(i) for i in range(start, start + n)])


def _full(config: Path, when: datetime, *, analyze: bool = True):  # type: ignore[no-untyped-def]
    settings = load_settings(config)
    db = open_store(settings)
    try:
        return sync_account(settings, settings.accounts[0], db, FixedClock(when),
                            analyze=analyze)
    finally:
        db.dispose()


def _quick(config: Path, when: datetime) -> list[str] | None:
    settings = load_settings(config)
    return quick_pass(settings, settings.accounts, FixedClock(when))


def _recorded(config: Path) -> tuple[list[tuple], list[tuple]]:
    """What a pass writes: the folder cursors and the account's state."""
    path = sqlite_path(load_settings(config).store_url)
    assert path is not None
    with sqlite3.connect(path) as db:
        folders = db.execute("SELECT name, uidvalidity, last_uid, highestmodseq, last_sync_at "
                             "FROM folders ORDER BY name").fetchall()
        accounts = db.execute("SELECT name, state, last_error, last_sync_at, updated_at "
                              "FROM accounts ORDER BY name").fetchall()
    return folders, accounts


def test_nothing_new_is_recorded_as_the_full_pass_records_it(imap_account, tmp_path):
    _append(imap_account, 0, 5)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    quick_cfg = write_config(tmp_path / "a", imap=imap_account)
    full_cfg = write_config(tmp_path / "b", imap=imap_account)
    for config in (quick_cfg, full_cfg):
        assert _full(config, T0).new == 5

    assert _quick(quick_cfg, T1) == ["main/INBOX: 0 fetched, 0 new", "main: 0 analyzed"]
    report = _full(full_cfg, T1)
    assert report.folders[0].fetched == 0 and report.analyzed == 0
    assert _recorded(quick_cfg) == _recorded(full_cfg)
    folders, accounts = _recorded(quick_cfg)
    assert folders[0][4].startswith("2026-12-01 14:05:00") and accounts[0][1] == "ok"


def test_new_mail_steps_aside_and_writes_nothing(imap_account, tmp_path):
    _append(imap_account, 0, 3)
    config = write_config(tmp_path, imap=imap_account)
    _full(config, T0)
    before = _recorded(config)
    _append(imap_account, 3, 1)
    assert _quick(config, T1) is None
    assert _recorded(config) == before
    done = run_cli("sync", config=config)
    assert done.returncode == 0, done.stderr
    assert "main/INBOX: 1 fetched, 1 new" in done.stdout


def test_mail_waiting_for_analysis_steps_aside(imap_account, tmp_path):
    _append(imap_account, 0, 2)
    config = write_config(tmp_path, imap=imap_account)
    _full(config, T0, analyze=False)  # stored, not yet parsed or classified
    assert _quick(config, T1) is None
    done = run_cli("sync", config=config)
    assert done.returncode == 0, done.stderr
    assert "main: 2 analyzed" in done.stdout


def test_a_store_never_synced_or_not_sqlite_steps_aside(imap_account, tmp_path):
    config = write_config(tmp_path, imap=imap_account)
    assert _quick(config, T0) is None  # no store file yet
    assert sqlite_path("postgresql://u@127.0.0.1/db") is None
    assert sqlite_path("sqlite:///:memory:") is None
    assert sqlite_path("sqlite:////tmp/s.sqlite3") == Path("/tmp/s.sqlite3")


def test_a_refused_login_is_reported_not_retried(imap_account, tmp_path):
    config = write_config(tmp_path, imap=imap_account)
    _full(config, T0)
    (tmp_path / "secret.txt").write_text("not-the-password\n")
    with pytest.raises(AuthenticationError):
        _quick(config, T1)
    done = run_cli("sync", config=config)
    assert done.returncode == 2
    assert "not-the-password" not in done.stderr + done.stdout


def test_the_cli_prints_the_same_report_either_way(imap_account, tmp_path):
    _append(imap_account, 0, 2)
    config = write_config(tmp_path, imap=imap_account)
    first = run_cli("sync", config=config)
    assert first.returncode == 0, first.stderr
    second = run_cli("sync", config=config)
    assert second.returncode == 0, second.stderr
    assert second.stdout.splitlines() == ["main/INBOX: 0 fetched, 0 new", "main: 0 analyzed"]
