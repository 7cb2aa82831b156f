"""Alert delivery through the store: once per key (also across a restart), kinds, bursts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from mailsync import notify
from mailsync.config import settings_from_dict
from mailsync.store import open_database
from mailsync.store.schema import AccountRow, AlertRow, LabelRow, MessageRow, ProgramRow

NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


class Recorder:
    """A notifier that remembers what it was asked to send, or fails on demand."""

    def __init__(self, fail: bool = False) -> None:
        self.sent: list[tuple[str, str]] = []
        self.fail = fail

    def send(self, title: str, body: str) -> None:
        if self.fail:
            raise notify.NotifyError("target down")
        self.sent.append((title, body))


def _settings(**notify_keys: object):
    return settings_from_dict({"notify": {"urls": ["json://127.0.0.1:9/"], **notify_keys}})


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.sqlite3'}"


def _add_mail(db, pk: int, kind: str, flags=(), deadlines=(), when: datetime = NOW,
              program_id: str | None = "p1") -> None:
    with db.transaction() as s:
        if s.get(AccountRow, 1) is None:
            s.add(AccountRow(id=1, name="main", state="idle", last_error=""))
            s.add(ProgramRow(program_id="p1", name="Mercy Internal Medicine", record={},
                             imported_at=NOW))
            s.flush()
        s.add(MessageRow(id=pk, account_id=1, message_id=f"<m{pk}@x>", content_hash=str(pk),
                         size=1, raw=b"x", stored_at=when, parse_state="parsed",
                         subject=f"Subject {pk}", from_addr="coord@mercy.example", date=when))
        s.flush()
        s.add(LabelRow(message_pk=pk, kind=kind, flags=list(flags), program_id=program_id,
                       deadlines=[{"when": d.isoformat(), "span": ""} for d in deadlines],
                       labeled_at=when))


def _alert_rows(db) -> int:
    with db.reading() as s:
        return s.scalar(select(func.count(AlertRow.id))) or 0


def test_each_alert_once_even_after_restart(db_url):
    db = open_database(db_url)
    _add_mail(db, 1, "interview_invite")
    _add_mail(db, 2, "info_request", flags=("rank_inquiry",))
    _add_mail(db, 3, "program_update")
    rec = Recorder()
    report = notify.process(db, _settings(), NOW, rec)
    assert report.sent == 2 and len(rec.sent) == 2
    assert {t.split(":")[0] for t, _ in rec.sent} == {"Interview invite", "Red flag"}
    db.dispose()

    again = open_database(db_url)  # A restart: a new process on the same store.
    notify.process(again, _settings(), NOW + timedelta(minutes=5), rec)
    assert len(rec.sent) == 2 and _alert_rows(again) == 2
    with again.reading() as s:
        assert s.scalar(select(func.count()).where(LabelRow.notified_at.is_(None))) == 0


def test_only_configured_kinds(db_url):
    db = open_database(db_url)
    _add_mail(db, 1, "interview_invite")
    _add_mail(db, 2, "info_request", flags=("rank_inquiry",))
    rec = Recorder()
    notify.process(db, _settings(kinds=["red_flag"]), NOW, rec)
    assert [t.split(":")[0] for t, _ in rec.sent] == ["Red flag"]


def test_old_mail_from_a_first_sync_is_silent(db_url):
    db = open_database(db_url)
    _add_mail(db, 1, "interview_invite", when=NOW - timedelta(days=30))
    rec = Recorder()
    notify.process(db, _settings(), NOW, rec)
    assert rec.sent == [] and _alert_rows(db) == 0


def test_burst_folds_and_the_minute_budget_holds(db_url):
    db = open_database(db_url)
    for pk in range(1, 21):
        _add_mail(db, pk, "interview_invite")
    rec = Recorder()
    notify.process(db, _settings(max_per_minute=4), NOW, rec)
    assert len(rec.sent) == 4
    assert rec.sent[-1][0].startswith("mailsync: 17 urgent events")
    assert _alert_rows(db) == 20
    _add_mail(db, 21, "interview_invite")
    notify.process(db, _settings(max_per_minute=4), NOW + timedelta(seconds=10), rec)
    assert len(rec.sent) == 4  # No budget left this minute: it waits ...
    notify.process(db, _settings(max_per_minute=4), NOW + timedelta(minutes=2), rec)
    assert len(rec.sent) == 5 and "Subject 21" in rec.sent[-1][1]  # ... and is not lost.


def test_deadline_warnings_fire_once_per_window(db_url):
    db = open_database(db_url)
    due = NOW + timedelta(hours=30)
    _add_mail(db, 1, "admin_notice", flags=("response_deadline",), deadlines=(due,))
    rec = Recorder()
    notify.process(db, _settings(), NOW, rec)
    assert rec.sent == []
    with db.reading() as s:
        assert notify.next_deadline_warning(s, NOW) == due - timedelta(hours=24)
    for hours_left in (23, 20, 1.5, 1):
        notify.process(db, _settings(), due - timedelta(hours=hours_left), rec)
    assert [t.split(":")[0] for t, _ in rec.sent] == ["Deadline in 23 h", "Deadline in 1 h 30 min"]


def test_failed_delivery_is_retried_then_recorded(db_url):
    db = open_database(db_url)
    _add_mail(db, 1, "pre_match_offer")
    down = Recorder(fail=True)
    notify.process(db, _settings(), NOW, down)
    with db.reading() as s:
        row = s.scalar(select(AlertRow))
        assert row.delivered_at is None and "target down" in row.error
    up = Recorder()
    notify.process(db, _settings(), NOW + timedelta(minutes=1), up)
    assert [t.split(":")[0] for t, _ in up.sent] == ["Pre-match offer"]
    notify.process(db, _settings(), NOW + timedelta(minutes=2), up)
    assert len(up.sent) == 1


def test_queued_rows_from_other_parts_are_delivered(db_url):
    db = open_database(db_url)
    with db.transaction() as s:
        s.add(AlertRow(key="send_failed:outbox:3:1", event="send_failure", title="Draft 3 failed",
                       body="550", created_at=NOW))
    rec = Recorder()
    notify.process(db, _settings(), NOW, rec)
    notify.process(db, _settings(), NOW + timedelta(minutes=1), rec)
    assert rec.sent == [("Draft 3 failed", "550")]


def test_without_urls_nothing_is_sent_and_nothing_retried(db_url):
    db = open_database(db_url)
    _add_mail(db, 1, "interview_invite")
    settings = settings_from_dict({})
    notify.process(db, settings, NOW, notify.make_notifier(settings))
    with db.reading() as s:
        assert s.scalar(select(AlertRow.error)) == notify.NO_TARGET
