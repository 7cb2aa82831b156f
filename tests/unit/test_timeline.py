"""Timeline: events fold into statuses; CSV and iCalendar exports."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest

from mailsync.programs import Program
from mailsync.timeline import (
    TimelineEvent,
    interviews_ics,
    program_status,
    program_statuses,
    timeline_csv,
)

ET = ZoneInfo("America/New_York")
T0 = datetime(2026, 10, 1, 9, tzinfo=ET)
PROGRAMS = [Program(program_id="P1", name="Coral Ridge Pediatrics", city="Tampa", state="FL"),
            Program(program_id="P2", name="Tallgrass IM"),
            Program(program_id="P3", name="Never Heard Back")]


def ev(days: float, kind: str, pid: str = "P1", when: datetime | None = None,
       detail: str = "") -> TimelineEvent:
    return TimelineEvent(at=T0 + timedelta(days=days), program_id=pid, kind=kind,
                         detail=detail, source=f"msg-{kind}", when=when)


INTERVIEW = datetime(2026, 12, 8, 9, tzinfo=ET)
EVENTS = [
    ev(0, "applied"), ev(10, "invited"),
    ev(11, "interview_scheduled", when=INTERVIEW, detail="Zoom"),
    ev(10, "deadline", when=T0 + timedelta(days=12), detail="select a date"),
    ev(68, "interviewed"), ev(69, "thanked"), ev(100, "letter_of_interest"),
    ev(0, "applied", "P2"), ev(20, "rejected", "P2"),
    ev(140, "rank_list_certified", ""),
]


@pytest.mark.parametrize(("events", "status"), [
    ([], "applied"),
    ([ev(0, "applied"), ev(3, "invited")], "invited"),
    ([ev(0, "applied"), ev(3, "waitlisted")], "waitlisted"),
    ([ev(0, "applied"), ev(3, "waitlisted"), ev(5, "invited")], "invited"),
    ([ev(0, "applied"), ev(3, "rejected")], "rejected"),
    ([ev(3, "rejected"), ev(4, "invited")], "invited"),  # a rejection sent by mistake
    ([ev(3, "interviewed"), ev(1, "invited")], "interviewed"),  # order by time, not input
    ([ev(3, "interviewed"), ev(4, "offer")], "offer"),
    ([ev(3, "interviewed"), ev(4, "offer"), ev(5, "offer_declined")], "interviewed"),
    ([ev(3, "interviewed"), ev(9, "rank_list_certified", "")], "rank_list_certified"),
    ([ev(3, "invited"), ev(9, "rank_list_certified", "")], "invited"),
    ([ev(3, "interviewed"), ev(9, "matched")], "matched"),
    ([ev(3, "interview_scheduled", when=INTERVIEW),
      ev(4, "interview_cancelled", when=INTERVIEW)], "invited"),
])
def test_status(events: list[TimelineEvent], status: str) -> None:
    assert program_status(events, "P1").status == status


def test_history_interviews_and_deadlines() -> None:
    st = program_status(EVENTS, "P1")
    assert st.status == "rank_list_certified"
    assert [d.when for d in st.interviews] == [INTERVIEW]
    assert st.deadlines[0].detail == "select a date"
    assert st.first("thanked") == T0 + timedelta(days=69)
    assert [e.at for e in st.history] == sorted(e.at for e in st.history)
    assert program_statuses(EVENTS)["P2"].status == "rejected"


def test_unknown_event_kind_is_rejected() -> None:
    with pytest.raises(ValueError):
        ev(0, "teleported")


def test_csv_one_row_per_program() -> None:
    text = timeline_csv(PROGRAMS, program_statuses(EVENTS))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["program_id"] for r in rows] == ["P1", "P2", "P3"]
    assert rows[0]["status"] == "rank_list_certified"
    assert rows[0]["interview_dates"].startswith("2026-12-08T09:00")
    assert rows[1]["status"] == "rejected" and rows[2]["status"] == ""


def test_ics_parses_back_with_required_properties() -> None:
    data = interviews_ics(PROGRAMS, program_statuses(EVENTS))
    cal = icalendar.Calendar.from_ical(data)
    assert cal.get("prodid") and str(cal.get("version")) == "2.0"
    events = list(cal.walk("VEVENT"))
    assert len(events) == 2
    uids = {str(e.get("uid")) for e in events}
    assert len(uids) == 2
    for e in events:
        assert e.get("dtstamp") is not None and e.get("dtstart") is not None
    interview = next(e for e in events if str(e.get("summary")).startswith("Interview"))
    assert interview.decoded("dtstart") == INTERVIEW
    assert "Tampa" in str(interview.get("location"))
    # Stable UIDs: the same input gives the same bytes, and events work as input too.
    assert interviews_ics(PROGRAMS, EVENTS) == data


def test_fixed_offset_times_are_written_as_utc():
    """A Date-header offset has no VTIMEZONE; calendar apps need UTC instead."""
    from datetime import timedelta, timezone

    from mailsync.timeline import TimelineEvent, interviews_ics, program_statuses

    eastern = timezone(timedelta(hours=-5))
    when = datetime(2027, 1, 12, 9, 0, tzinfo=eastern)
    events = [TimelineEvent(at=when - timedelta(days=20), program_id="P1",
                            kind="interview_scheduled", detail="Interview", when=when)]
    text = interviews_ics([], program_statuses(events)).decode()
    assert "DTSTART:20270112T140000Z" in text
    assert 'TZID="UTC' not in text
