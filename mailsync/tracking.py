"""Timeline events gathered from the store; the folding itself is :mod:`mailsync.timeline`.

Nothing here is stored twice: a program's history is derived each time from the
labels of its mail, the messages sent to it, and the few events only the
applicant can tell (``events`` rows, e.g. "rank list certified").
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select

from mailsync.programs import Program
from mailsync.season import season_for
from mailsync.store import Database
from mailsync.store.schema import EventRow, LabelRow, MessageRow, OutboxRow
from mailsync.taxonomy import Kind, OutgoingType
from mailsync.timeline import EVENT_KINDS, KIND_EVENTS, OUTGOING_EVENTS, TimelineEvent


def collect_events(db: Database, *, season: Mapping[str, Any] | None = None,
                   now: datetime | None = None) -> list[TimelineEvent]:
    """Every timeline event the store implies, de-duplicated by (program, kind, source)."""
    events: dict[tuple[str, str, str, str], TimelineEvent] = {}

    def add(event: TimelineEvent) -> None:
        key = (event.program_id, event.kind, event.source,
               event.when.isoformat() if event.when else "")
        events.setdefault(key, event)

    with db.reading() as s:
        for msg, label in s.execute(
            select(MessageRow, LabelRow)
            .join(LabelRow, LabelRow.message_pk == MessageRow.id)
            .where(LabelRow.program_id.is_not(None))
        ):
            for event in _from_message(msg, label):
                add(event)
        for row in s.scalars(select(OutboxRow).where(OutboxRow.state == "sent")):
            event = _from_outbox(row)
            if event:
                add(event)
        for row in s.scalars(select(EventRow)):
            kind = row.kind if row.kind in EVENT_KINDS else "note"
            detail = row.detail if kind == row.kind else f"{row.kind}: {row.detail}"
            add(TimelineEvent(at=row.at, program_id=row.program_id, kind=kind,
                              detail=detail, source=row.source))
    certified = _certified(season, now)
    if certified:
        add(certified)
    return sorted(events.values(), key=lambda e: e.at)


def _from_message(msg: MessageRow, label: LabelRow) -> list[TimelineEvent]:
    at = msg.date or msg.stored_at
    source = f"message:{msg.id}"
    pid = label.program_id or ""
    out = []
    kind = Kind(label.kind) if label.kind in Kind._value2member_map_ else Kind.OTHER
    if kind in KIND_EVENTS:
        out.append(TimelineEvent(at=at, program_id=pid, kind=KIND_EVENTS[kind],
                                 detail=msg.subject[:200], source=source))
    if kind in (Kind.INTERVIEW_INVITE, Kind.INTERVIEW_LOGISTICS):
        for ev in msg.events or []:
            start = _parse(ev.get("start"))
            if start:
                out.append(TimelineEvent(at=at, program_id=pid, kind="interview_scheduled",
                                         detail=ev.get("summary") or msg.subject[:200],
                                         source=source, when=start))
    for dl in label.deadlines or []:
        when = _parse(dl.get("when"))
        if when:
            out.append(TimelineEvent(at=at, program_id=pid, kind="deadline",
                                     detail=dl.get("span") or msg.subject[:200],
                                     source=source, when=when))
    return out


def _from_outbox(row: OutboxRow) -> TimelineEvent | None:
    try:
        kind = OUTGOING_EVENTS.get(OutgoingType(row.type))
    except ValueError:
        return None
    if not kind or not row.program_id or not row.sent_at:
        return None
    return TimelineEvent(at=row.sent_at, program_id=row.program_id, kind=kind,
                         detail=row.subject[:200], source=f"outbox:{row.id}")


def _certified(season: Mapping[str, Any] | None, now: datetime | None) -> TimelineEvent | None:
    if not season or "rol_certified_at" not in season or now is None:
        return None
    at = season_for(now, season).rol_certified_at
    if at is None:
        return None
    return TimelineEvent(at=at, program_id="", kind="rank_list_certified",
                         detail="rank order list certified", source="config")


def _parse(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        when = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return when if when.tzinfo else None


def program_names(programs: list[Program]) -> dict[str, str]:
    return {p.program_id: p.name for p in programs}
