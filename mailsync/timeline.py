"""Per-program timeline: events in, status, interview dates and deadlines out.

Pure (design.md "Track"): the store records :class:`TimelineEvent` values; this
module folds them into a :class:`ProgramStatus` and renders the tracking
spreadsheet (CSV, one row per program) and the interview calendar (iCalendar,
through the ``icalendar`` library).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar

from mailsync.programs import Program
from mailsync.taxonomy import Kind, OutgoingType

# The progress ladder of design.md "Track", in order.
STAGES = ("applied", "invited", "interview_scheduled", "interviewed", "thanked",
          "letter_of_interest", "letter_of_intent", "rank_list_certified", "matched")
# Side states that can replace the ladder position while they last.
SIDE_STATES = ("rejected", "waitlisted", "offer")
# Events that carry a date in ``when`` but do not move the status.
DATED = ("deadline", "interview_cancelled", "offer_declined", "offer_accepted")
EVENT_KINDS = frozenset((*STAGES, *SIDE_STATES, *DATED, "note"))

# Incoming kinds and outgoing types that become timeline events.
KIND_EVENTS: dict[Kind, str] = {
    Kind.INTERVIEW_INVITE: "invited",
    Kind.REJECTION: "rejected",
    Kind.WAITLIST: "waitlisted",
    Kind.PRE_MATCH_OFFER: "offer",
}
OUTGOING_EVENTS: dict[OutgoingType, str] = {
    OutgoingType.THANK_YOU: "thanked",
    OutgoingType.LETTER_OF_INTEREST: "letter_of_interest",
    OutgoingType.LETTER_OF_INTENT: "letter_of_intent",
    OutgoingType.OFFER_DECLINE: "offer_declined",
    OutgoingType.OFFER_ACCEPT: "offer_accepted",
}

INTERVIEW_HOURS = 4  # calendar length of an interview day when the end is unknown


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelineEvent:
    """One thing that happened to one program.

    ``at`` is when it happened (or was learned); ``when`` is the date it refers
    to (the interview for ``interview_scheduled``, the cut-off for
    ``deadline``). A ``program_id`` of "" is season-wide (``rank_list_certified``).
    ``source`` names the message or draft it came from.
    """

    at: datetime
    program_id: str
    kind: str
    detail: str = ""
    source: str = ""
    when: datetime | None = None

    def __post_init__(self) -> None:
        if self.kind not in EVENT_KINDS:
            raise ValueError(f"unknown timeline event kind {self.kind!r}")


@dataclass(frozen=True, slots=True, kw_only=True)
class Dated:
    """An interview or a deadline: when, and what it is."""

    when: datetime
    detail: str
    source: str = ""
    learned_at: datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ProgramStatus:
    """Where one program stands for the applicant, with its history."""

    program_id: str
    status: str
    reached: frozenset[str]
    interviews: tuple[Dated, ...]
    deadlines: tuple[Dated, ...]
    history: tuple[TimelineEvent, ...]

    @property
    def last_event(self) -> datetime | None:
        return self.history[-1].at if self.history else None

    def first(self, kind: str) -> datetime | None:
        """When an event of ``kind`` first happened."""
        return next((e.at for e in self.history if e.kind == kind), None)

    def next_deadline(self, now: datetime) -> Dated | None:
        return next((d for d in self.deadlines if d.when >= now), None)


def _rank(stage: str) -> int:
    return STAGES.index(stage) if stage in STAGES else -1


def _step(status: str, best: str, event: TimelineEvent) -> tuple[str, str]:
    """Fold one event into (status, best ladder stage reached)."""
    kind = event.kind
    if kind in STAGES:
        if kind == "rank_list_certified" and (
                _rank(best) < _rank("interviewed") or status in SIDE_STATES):
            return status, best  # only interviewed, live programs are on the list
        best = kind if _rank(kind) > _rank(best) else best
        if status in SIDE_STATES and _rank(kind) <= _rank("applied"):
            return status, best
        return best, best
    if kind in SIDE_STATES:
        if status == "matched":
            return status, best
        if kind == "waitlisted" and _rank(best) >= _rank("interview_scheduled"):
            return status, best
        return kind, best
    if kind in ("offer_declined",) and status == "offer":
        return best, best
    if kind == "interview_cancelled" and best == "interview_scheduled":
        return "invited", "invited"
    return status, best


def program_status(events: Iterable[TimelineEvent], program_id: str | None = None
                   ) -> ProgramStatus:
    """Fold one program's events (plus season-wide ones) into its status.

    Events are sorted by ``at``; the status is the furthest ladder stage, unless
    a later rejection, waitlist or offer replaces it (a later invitation after a
    rejection sent by mistake moves it on again).
    """
    items = sorted(events, key=lambda e: e.at)
    pid = program_id or next((e.program_id for e in items if e.program_id), "")
    mine = tuple(e for e in items if e.program_id in (pid, ""))
    status, best = "", ""
    for event in mine:
        status, best = _step(status, best, event)
    return ProgramStatus(
        program_id=pid, status=status or "applied", reached=frozenset(
            e.kind for e in mine if e.kind in STAGES or e.kind in SIDE_STATES),
        interviews=_interviews(mine), deadlines=_dated(mine, "deadline"), history=mine,
    )


def _dated(events: Sequence[TimelineEvent], kind: str) -> tuple[Dated, ...]:
    items = {(e.when, e.detail): Dated(when=e.when, detail=e.detail, source=e.source,
                                       learned_at=e.at)
             for e in events if e.kind == kind and e.when is not None}
    return tuple(sorted(items.values(), key=lambda d: d.when))


def _interviews(events: Sequence[TimelineEvent]) -> tuple[Dated, ...]:
    """Scheduled interviews, minus any cancelled afterwards (same ``when``)."""
    live: dict[datetime, Dated] = {}
    for e in events:
        if e.when is None:
            continue
        if e.kind == "interview_scheduled":
            live[e.when] = Dated(when=e.when, detail=e.detail, source=e.source, learned_at=e.at)
        elif e.kind == "interview_cancelled":
            live.pop(e.when, None)
    return tuple(sorted(live.values(), key=lambda d: d.when))


def program_statuses(events: Iterable[TimelineEvent]) -> dict[str, ProgramStatus]:
    """Statuses for every program named in ``events``."""
    items = list(events)
    ids = sorted({e.program_id for e in items if e.program_id})
    return {pid: program_status(items, pid) for pid in ids}


# ---------------------------------------------------------------- CSV

CSV_FIELDS = ("program_id", "name", "institution", "specialty", "track", "city", "state",
              "status", "invited", "interview_dates", "interviewed", "thanked",
              "letter_of_interest", "letter_of_intent", "next_deadline", "deadline_detail",
              "last_event")


def _iso(value: datetime | None) -> str:
    return value.isoformat(timespec="minutes") if value else ""


def _csv_row(program: Program, st: ProgramStatus | None) -> dict[str, str]:
    row = {"program_id": program.program_id, "name": program.name,
           "institution": program.institution, "specialty": program.specialty,
           "track": program.track, "city": program.city, "state": program.state}
    if st is None:
        return {**{k: "" for k in CSV_FIELDS}, **row, "status": ""}
    upcoming = st.deadlines[-1] if st.deadlines else None
    row.update({
        "status": st.status,
        "invited": _iso(st.first("invited")),
        "interview_dates": "; ".join(_iso(d.when) for d in st.interviews),
        "interviewed": _iso(st.first("interviewed")),
        "thanked": _iso(st.first("thanked")),
        "letter_of_interest": _iso(st.first("letter_of_interest")),
        "letter_of_intent": _iso(st.first("letter_of_intent")),
        "next_deadline": _iso(upcoming.when) if upcoming else "",
        "deadline_detail": upcoming.detail if upcoming else "",
        "last_event": _iso(st.last_event),
    })
    return row


def timeline_csv(programs: Sequence[Program], statuses: Mapping[str, ProgramStatus]) -> str:
    """The tracking spreadsheet: one row per program, in the programs' order.

    ``next_deadline`` is the latest recorded deadline (the caller filters by
    ``now`` with :meth:`ProgramStatus.next_deadline` when it needs "upcoming").
    """
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for program in programs:
        writer.writerow(_csv_row(program, statuses.get(program.program_id)))
    return out.getvalue()


# ---------------------------------------------------------------- iCalendar

PRODID = "-//mailsync//Match season timeline//EN"


def _as_statuses(statuses: Mapping[str, ProgramStatus] | Iterable[ProgramStatus]
                 | Iterable[TimelineEvent]) -> dict[str, ProgramStatus]:
    if isinstance(statuses, Mapping):
        return dict(statuses)
    items = list(statuses)
    if items and isinstance(items[0], TimelineEvent):
        return program_statuses(items)  # type: ignore[arg-type]
    return {s.program_id: s for s in items}  # type: ignore[union-attr]


def _portable(when: datetime) -> datetime:
    """UTC unless the zone is a named IANA zone.

    A fixed offset (what a Date header gives) would be written as
    ``TZID="UTC-04:00"`` with no VTIMEZONE, which common calendar apps reject
    (RFC 5545 §3.2.19); UTC ("...Z") is read by all of them.
    """
    return when if isinstance(when.tzinfo, ZoneInfo) else when.astimezone(UTC)


def _vevent(uid: str, summary: str, start: datetime, end: datetime, stamp: datetime,
            description: str, location: str = "") -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", _portable(stamp))
    event.add("dtstart", _portable(start))
    event.add("dtend", _portable(end))
    event.add("summary", summary)
    if description:
        event.add("description", description)
    if location:
        event.add("location", location)
    return event


def _uid(program_id: str, what: str, when: datetime) -> str:
    return f"{program_id}-{what}-{when.strftime('%Y%m%dT%H%M%S%z')}@mailsync"


def interviews_ics(
    programs: Sequence[Program],
    statuses: Mapping[str, ProgramStatus] | Iterable[ProgramStatus] | Iterable[TimelineEvent],
) -> bytes:
    """A VCALENDAR with one VEVENT per interview and per deadline.

    UIDs are stable (program, kind, start), so re-importing updates events
    instead of duplicating them; DTSTAMP is when the date was learned (pure: no
    clock).
    """
    by_id = {p.program_id: p for p in programs}
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    for pid, st in sorted(_as_statuses(statuses).items()):
        program = by_id.get(pid)
        name = program.name if program else pid
        place = ", ".join(x for x in (program.city, program.state) if x) if program else ""
        for iv in st.interviews:
            cal.add_component(_vevent(
                _uid(pid, "interview", iv.when), f"Interview: {name}", iv.when,
                iv.when + timedelta(hours=INTERVIEW_HOURS), iv.learned_at or iv.when,
                iv.detail, place))
        for dl in st.deadlines:
            cal.add_component(_vevent(
                _uid(pid, "deadline", dl.when), f"Deadline: {name}", dl.when,
                dl.when + timedelta(minutes=30), dl.learned_at or dl.when, dl.detail))
    return cal.to_ical()
