"""The store on SQLite and PostgreSQL: idempotent ingest, UTC times, one-per-season claims."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from mailsync.ingest import raw_message
from mailsync.store import messages as repo
from mailsync.store import open_database
from mailsync.store.db import current_revision
from mailsync.store.schema import ClaimRow, LocationRow, MessageRow, OutboxRow
from tests.support import make_mail

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def _ingest(db, raws, *, uids=None, folder_name="INBOX", uidvalidity=1):
    with db.transaction() as s:
        acct = repo.ensure_account(s, "main")
        folder = repo.ensure_folder(s, acct, folder_name)
        folder.uidvalidity = uidvalidity
        s.flush()
        batch = [raw_message(r, uid=(uids[i] if uids else i + 1)) for i, r in enumerate(raws)]
        return repo.store_batch(s, account_id=acct, messages=batch, source="imap", now=NOW,
                                folder=folder)


def _count(db, model):
    with db.reading() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_migrated_to_head(database):
    assert current_revision(database.engine) is not None
    again = open_database(database.url)  # a second open is a no-op
    assert current_revision(again.engine) == current_revision(database.engine)
    again.dispose()


def test_quick_head_check_agrees_with_alembic(database):
    """The start-up shortcut that skips importing alembic must name alembic's own head."""
    from alembic.script import ScriptDirectory

    from mailsync.store.db import _alembic_config, bundled_head

    head = ScriptDirectory.from_config(_alembic_config(database.engine)).get_current_head()
    assert bundled_head() == head == current_revision(database.engine)


def test_repeated_ingest_is_idempotent(database):
    raws = [make_mail(i) for i in range(20)]
    assert _ingest(database, raws) == 20
    assert _ingest(database, raws) == 0
    assert _count(database, MessageRow) == 20 and _count(database, LocationRow) == 20


def test_same_message_id_different_content_both_kept(database):
    head = b"From: a@b.example\r\nMessage-ID: <same@b.example>\r\nSubject: s\r\n\r\n"
    a, b = head + b"first version\r\n", head + b"second version\r\n"
    assert _ingest(database, [a, b]) == 2
    with database.reading() as s:
        ids = s.scalars(select(MessageRow.message_id)).all()
    assert len(ids) == 2 and ids[0] == ids[1]


def test_uidvalidity_reset_adds_locations_not_rows(database):
    raws = [make_mail(i) for i in range(5)]
    _ingest(database, raws, uidvalidity=1)
    _ingest(database, raws, uids=[10, 11, 12, 13, 14], uidvalidity=2)
    assert _count(database, MessageRow) == 5 and _count(database, LocationRow) == 10


def test_times_come_back_aware_utc(database):
    eastern = timezone(timedelta(hours=-5))
    with database.transaction() as s:
        acct = repo.ensure_account(s, "main")
        s.add(MessageRow(account_id=acct, message_id="<t@x>", content_hash="h", size=1,
                         raw=b"x", stored_at=datetime(2026, 11, 23, 7, tzinfo=eastern),
                         date=datetime(2026, 11, 23, 7, tzinfo=eastern)))
    with database.reading() as s:
        row = s.scalar(select(MessageRow))
    assert row.stored_at == datetime(2026, 11, 23, 12, tzinfo=UTC)
    assert row.stored_at.tzinfo is not None


def _outbox(s, n):
    row = OutboxRow(type="letter_of_intent", message_id=f"<loi{n}@x>", program_id=f"P{n}",
                    created_at=NOW, updated_at=NOW)
    s.add(row)
    s.flush()
    return row.id


def test_one_letter_of_intent_claim_per_season(database):
    with database.transaction() as s:
        first = _outbox(s, 1)
        second = _outbox(s, 2)
    with database.transaction() as s:
        s.add(ClaimRow(season="2027", claim="letter_of_intent", outbox_id=first,
                       program_id="P1", claimed_at=NOW))
    with pytest.raises(IntegrityError), database.transaction() as s:
        s.add(ClaimRow(season="2027", claim="letter_of_intent", outbox_id=second,
                       program_id="P2", claimed_at=NOW))
    assert _count(database, ClaimRow) == 1


def test_concurrent_claims_exactly_one_wins(store_url):
    db = open_database(store_url)
    with db.transaction() as s:
        ids = [_outbox(s, n) for n in range(6)]
    db.dispose()
    wins, losses = [], []
    barrier = threading.Barrier(len(ids))

    def claim(outbox_id: int) -> None:
        own = open_database(store_url, migrate=False)
        barrier.wait()
        try:
            with own.transaction() as s:
                s.add(ClaimRow(season="2027", claim="letter_of_intent", outbox_id=outbox_id,
                               claimed_at=NOW))
            wins.append(outbox_id)
        except Exception:
            losses.append(outbox_id)
        finally:
            own.dispose()

    threads = [threading.Thread(target=claim, args=(i,)) for i in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert len(wins) == 1 and len(losses) == len(ids) - 1
