"""The analysis pipeline: worker processes label exactly as one process does.

A big first sync hands chunks of stored messages to a process pool whose workers
read the raw bytes from the store themselves. These tests force that path on a
few dozen messages (a low pool threshold, small chunks, so chunks overlap and
replies land in a later chunk than the mail they answer) and compare every
label, link and parsed column with an in-process run, on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import select

from mailsync import pipeline
from mailsync.clock import FixedClock
from mailsync.demo import sample_dir
from mailsync.programs import parse_programs_csv
from mailsync.service import import_messages
from mailsync.store import Database, open_database
from mailsync.store.schema import LabelRow, MessageRow
from tests.support import make_mail

CLOCK = FixedClock(datetime(2026, 11, 3, 9, tzinfo=UTC))


@cache  # one set of Message-IDs for both stores
def _mail() -> list[bytes]:
    sample = sorted((sample_dir() / "mail").glob("*.eml"))
    raws = [p.read_bytes() for p in sample]
    # A thread whose replies come chunks after the first message.
    first = make_mail(1, subject="Interview invitation", body="We would like to invite you "
                      "to interview. Please select a date by December 1.",
                      sender="marcus.treadwell@callowaybend.example")
    mid = first.split(b"Message-ID: ", 1)[1].split(b"\n", 1)[0].strip()
    replies = [make_mail(100 + i, subject="Re: Interview invitation",
                         body="Your interview is confirmed for December 4. Parking "
                         "and the Zoom link for the day are below.",
                         sender="interview.desk@scheduling.example")
               .replace(b"Message-ID:", b"In-Reply-To: " + mid + b"\nMessage-ID:", 1)
               for i in range(3)]
    return [first, *raws, *replies]



def _context() -> pipeline.AnalysisContext:
    programs = parse_programs_csv((sample_dir() / "programs.csv").read_text(encoding="utf-8"))
    return pipeline.AnalysisContext(programs=tuple(programs))


def _results(db: Database) -> list[tuple]:
    with db.reading() as s:
        rows = s.execute(
            select(MessageRow.message_id, MessageRow.parse_state, MessageRow.subject,
                   MessageRow.from_addr, MessageRow.text_body, LabelRow.kind, LabelRow.flags,
                   LabelRow.program_id, LabelRow.reasons, LabelRow.link_reasons)
            .join(LabelRow, LabelRow.message_pk == MessageRow.id)
            .order_by(MessageRow.id))
        return [tuple(r) for r in rows]


def _analyze(db: Database, monkeypatch: pytest.MonkeyPatch, *, pool: bool) -> int:
    import_messages(db, _mail(), CLOCK)
    monkeypatch.setattr(pipeline, "POOL_THRESHOLD", 1 if pool else 10**9)
    monkeypatch.setattr(pipeline, "CHUNK", 7)
    return pipeline.process_pending(db, _context, CLOCK, workers=2)


def test_workers_label_exactly_like_one_process(store_url: str, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    pooled = open_database(store_url)
    alone = open_database(f"sqlite:///{tmp_path / 'alone.sqlite3'}")
    try:
        n = len(_mail())
        assert _analyze(pooled, monkeypatch, pool=True) == n
        assert _analyze(alone, monkeypatch, pool=False) == n
        got, want = _results(pooled), _results(alone)
        assert len(got) == n
        assert all(r[1] == "parsed" for r in got)
        assert got == want
        # The replies were linked through the thread although other chunks held its start.
        thread = [r for r in got if r[2].endswith(("#1", "#100", "#101", "#102"))]
        assert len(thread) == 4
        assert [r[7] for r in thread] == ["S01"] * 4
        assert {r[9][0]["cue"] for r in thread[1:]} == {"link.thread"}
    finally:
        pooled.dispose()
        alone.dispose()


def test_nothing_pending_is_a_no_op(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    try:
        assert pipeline.process_pending(db, _context, CLOCK, workers=2) == 0
    finally:
        db.dispose()


def test_an_in_memory_store_is_analyzed_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers cannot open a private in-memory database, so it never gets a pool."""
    db = open_database("sqlite://")
    monkeypatch.setattr(pipeline, "POOL_THRESHOLD", 1)
    import_messages(db, _mail()[:5], CLOCK)
    assert pipeline.process_pending(db, _context, CLOCK, workers=2) == 5
    assert len(_results(db)) == 5


def _labeled(db: Database) -> int:
    with db.reading() as s:
        return len(s.execute(select(LabelRow.message_pk)).all())


def _until(check, timeout: float = 60.0) -> bool:  # type: ignore[no-untyped-def]
    """Poll a condition (not a clock): the workers finish when they finish."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.01)
    return check()


def test_background_analysis_keeps_up_with_arriving_batches(tmp_path: Path) -> None:
    """Started before the mail is stored, it labels each batch as its commit lands and
    ends, on finish, with everything labeled exactly as one process would label it."""
    mail = _mail()
    db = open_database(f"sqlite:///{tmp_path / 'bg.sqlite3'}")
    alone = open_database(f"sqlite:///{tmp_path / 'alone.sqlite3'}")
    try:
        bg = pipeline.Background(db, _context, CLOCK, workers=2)
        import_messages(db, mail[:20], CLOCK)
        bg.arrivals.stored()
        assert _until(lambda: _labeled(db) == 20)  # analyzed while the "fetch" is still open
        import_messages(db, mail[20:], CLOCK)
        bg.arrivals.stored()
        assert bg.finish() == len(mail)
        import_messages(alone, mail, CLOCK)
        pipeline.process_pending(alone, _context, CLOCK)
        assert _results(db) == _results(alone)
    finally:
        db.dispose()
        alone.dispose()


def test_aborted_background_leaves_the_rest_pending(tmp_path: Path) -> None:
    """A failed fetch stops the analysis after what it holds; the next pass does the rest."""
    mail = _mail()
    db = open_database(f"sqlite:///{tmp_path / 'abort.sqlite3'}")
    try:
        bg = pipeline.Background(db, _context, CLOCK, workers=2)
        import_messages(db, mail, CLOCK)
        done = bg.finish(abort=True)  # it may or may not have seen the rows yet
        assert _labeled(db) == done
        assert pipeline.process_pending(db, _context, CLOCK) == len(mail) - done
        assert _labeled(db) == len(mail)
    finally:
        db.dispose()


def test_a_reply_in_the_same_chunk_as_its_thread_start_is_linked(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'one.sqlite3'}")
    try:
        import_messages(db, _mail(), CLOCK)
        pipeline.process_pending(db, _context, CLOCK)  # one chunk, one process
        thread = [r for r in _results(db) if r[2].endswith(("#1", "#100", "#101", "#102"))]
        assert [r[7] for r in thread] == ["S01"] * 4
        assert {r[9][0]["cue"] for r in thread[1:]} == {"link.thread"}
    finally:
        db.dispose()
