"""Broken mail is kept and listed, never dropped, by import and by sync after APPEND."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from mailsync.clock import SystemClock
from mailsync.config import load_settings
from mailsync.service import analyze_pending, import_messages, open_store, sync_account
from mailsync.store.schema import LabelRow, MessageRow
from tests.support import bulk_append, jsonl, malformed_set, run_cli, write_config


@pytest.fixture(scope="module")
def broken() -> dict[str, bytes]:
    return malformed_set()


def _check_store(config) -> None:
    db = open_store(load_settings(config))
    with db.reading() as s:
        rows = s.scalar(select(func.count(MessageRow.id)))
        labeled = s.scalar(select(func.count(LabelRow.message_pk)))
        pending = s.scalar(select(func.count()).where(MessageRow.parse_state == "pending"))
        big = s.scalar(select(func.max(MessageRow.size)))
        dup = s.scalar(select(func.count()).where(MessageRow.message_id == "<dup@x.example>"))
    db.dispose()
    assert rows == labeled == 9 and pending == 0
    assert big > 20 * 1024 * 1024
    assert dup == 2
    listed = jsonl(run_cli("inbox", "--format", "jsonl", config=config).stdout)
    assert len(listed) == 9 and all(r["kind"] for r in listed)


def test_import_keeps_every_broken_message(broken, tmp_path):
    config = write_config(tmp_path)
    settings = load_settings(config)
    db = open_store(settings)
    seen, new = import_messages(db, broken.values(), SystemClock())
    analyze_pending(db, settings, SystemClock())
    db.dispose()
    assert (seen, new) == (9, 9)
    _check_store(config)


def test_sync_after_append_keeps_every_broken_message(broken, imap_account, tmp_path):
    bulk_append(imap_account.host, imap_account.port, imap_account.user, imap_account.password,
                "INBOX", list(broken.values()))
    config = write_config(tmp_path, imap=imap_account)
    settings = load_settings(config)
    db = open_store(settings)
    report = sync_account(settings, settings.accounts[0], db, SystemClock())
    db.dispose()
    assert report.folders[0].fetched == 9 and report.new == 9
    _check_store(config)
