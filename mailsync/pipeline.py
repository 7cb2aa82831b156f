"""From stored bytes to labeled messages: parse, classify and link, on every core.

Raw messages are already durable when this runs, so it can be repeated at any
time (after a crash, after an upgrade with ``reclassify``). Parsing is the
costly step (~1 ms a message with mail-parser), so chunks of pending messages
are spread over a process pool; each worker gets the program records and the
applicant's corrections once, at start-up.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from mailsync.clock import Clock
from mailsync.labels import Classification, Link, Reason
from mailsync.message import ParsedMessage
from mailsync.programs import Program
from mailsync.store import Database
from mailsync.store import messages as repo
from mailsync.taxonomy import Kind

if TYPE_CHECKING:  # the decisions are imported when first needed: a no-op sync skips them
    from mailsync.classify import Feedback
    from mailsync.link import LinkCorrections

log = logging.getLogger(__name__)

#: Below this many pending messages a process pool costs more than it saves.
POOL_THRESHOLD = 200
CHUNK = 1000


@dataclass(frozen=True)
class AnalysisContext:
    """Everything the pure decisions need besides the message itself."""

    programs: tuple[Program, ...] = ()
    corrections: LinkCorrections | None = None
    feedback: Feedback | None = None
    thread_links: dict[str, str] = field(default_factory=dict)
    default_tz: str = "America/New_York"


_worker_ctx: AnalysisContext | None = None


def _init_worker(ctx: AnalysisContext) -> None:
    global _worker_ctx
    _worker_ctx = ctx


def _analyze_in_worker(item: tuple[int, bytes]) -> tuple[dict[str, Any], dict[str, Any]]:
    assert _worker_ctx is not None
    return analyze(item[0], item[1], _worker_ctx)


def analyze(pk: int, raw: bytes, ctx: AnalysisContext) -> tuple[dict[str, Any], dict[str, Any]]:
    """Parse, classify and link one message; returns (message columns, label columns).

    Never raises: a message that breaks a decision is stored with the error and
    labeled ``other`` so it is still listed, never dropped.
    """
    from mailsync.classify import classify
    from mailsync.link import link
    from mailsync.parse import parse_message

    try:
        msg = parse_message(raw)
    except Exception as exc:  # parse_message is total; this guards against bugs
        return _failed(pk, f"parse failed: {type(exc).__name__}: {exc}")
    columns = parsed_columns(pk, msg)
    try:
        cls = classify(msg, programs=ctx.programs, feedback=ctx.feedback,
                       default_tz=ctx.default_tz)
        lnk = link(msg, ctx.programs, corrections=ctx.corrections,
                   thread_links=ctx.thread_links, kind=cls.kind)
    except Exception as exc:
        log.exception("classifying message %s failed", pk)
        columns["parse_error"] = f"classify failed: {type(exc).__name__}: {exc}"[:500]
        cls = Classification(kind=Kind.OTHER, reasons=(Reason(cue="error", detail=str(exc)),))
        lnk = Link(program_id=None)
    return columns, label_columns(pk, cls, lnk)


def _failed(pk: int, error: str) -> tuple[dict[str, Any], dict[str, Any]]:
    cls = Classification(kind=Kind.OTHER, reasons=(Reason(cue="error", detail=error),))
    return ({"id": pk, "parse_state": "error", "parse_error": error[:500]},
            label_columns(pk, cls, Link(program_id=None)))


def parsed_columns(pk: int, msg: ParsedMessage) -> dict[str, Any]:
    return {
        "id": pk,
        "parse_state": "parsed",
        "parse_error": "; ".join(msg.defects)[:2000],
        "in_reply_to": msg.in_reply_to[:998],
        "references": list(msg.references[-50:]),
        "thread_id": (msg.references[0] if msg.references else msg.in_reply_to
                      or msg.message_id)[:998],
        "from_addr": msg.sender[:500],
        "from_name": (msg.from_.name if msg.from_ else "")[:500],
        "to_addrs": [str(a) for a in msg.to],
        "cc_addrs": [str(a) for a in msg.cc],
        "subject": msg.subject,
        "date": msg.date,
        "text_body": msg.text,
        "body_format": msg.body_format,
        "attachments": [
            {"filename": a.filename, "content_type": a.content_type, "size": a.size}
            for a in msg.attachments
        ],
        "events": [
            {"summary": e.summary, "start": e.start.isoformat() if e.start else None,
             "end": e.end.isoformat() if e.end else None, "location": e.location}
            for e in msg.events
        ],
        "defects": list(msg.defects),
    }


def label_columns(pk: int, cls: Classification, lnk: Link) -> dict[str, Any]:
    return {
        "message_pk": pk,
        "kind": cls.kind.value,
        "flags": cls.sorted_flags,
        "confidence": round(cls.confidence, 3),
        "reasons": [r.as_dict() for r in cls.reasons],
        "deadlines": [{"when": d.when, "span": d.span} for d in cls.deadlines],
        "program_id": lnk.program_id,
        "link_score": round(lnk.score, 3),
        "link_reasons": [r.as_dict() for r in lnk.reasons],
        "source": "auto",
    }


def link_by_thread(
    results: Sequence[tuple[dict[str, Any], dict[str, Any]]], known: dict[str, str]
) -> None:
    """Link replies to messages linked earlier in the same chunk (workers cannot see those)."""
    ids = {cols["id"]: cols for cols, _ in results}
    for cols, label in results:
        if label["program_id"] or label["kind"] == Kind.OTHER.value:
            continue
        parents = [cols.get("in_reply_to", ""), *reversed(cols.get("references", []))]
        for parent in parents:
            if parent and parent in known:
                label["program_id"] = known[parent]
                label["link_score"] = 0.9
                label["link_reasons"] = [Reason(
                    cue="link.thread", detail=f"reply in a thread linked to {known[parent]}",
                    span=parent).as_dict()]
                break
    for cols, label in results:
        msg_id = ids[cols["id"]].get("message_id")
        if msg_id and label["program_id"]:
            known[msg_id] = label["program_id"]


def process_pending(
    db: Database,
    ctx_factory: Callable[[], AnalysisContext],
    clock: Clock,
    *,
    workers: int = 0,
    progress: Callable[[int], None] | None = None,
    on_labeled: Callable[[Sequence[dict[str, Any]]], None] | None = None,
) -> int:
    """Analyze every pending message; returns how many were processed."""
    with db.reading() as s:
        from sqlalchemy import func, select

        from mailsync.store.schema import MessageRow

        total = s.scalar(select(func.count()).where(MessageRow.parse_state == "pending")) or 0
    if total == 0:
        return 0
    ctx = ctx_factory()
    known = dict(ctx.thread_links)
    done = 0
    pool = _pool(ctx, workers) if total >= POOL_THRESHOLD else None
    try:
        batch = _read(db, after=0)
        running = _start(batch, ctx, pool)
        while batch:
            results = _finish(running)
            # The workers start on the next chunk while this one is saved.
            upcoming = _read(db, after=batch[-1][0])
            running = _start(upcoming, ctx, pool)
            _attach_message_ids(results, batch)
            link_by_thread(results, known)
            _save(db, results, clock.now())
            if on_labeled:
                on_labeled([label for _, label in results])
            done += len(batch)
            if progress:
                progress(len(batch))
            batch = upcoming
    finally:
        if pool:
            pool.shutdown()
    return done


def _read(db: Database, *, after: int) -> list[tuple[int, bytes]]:
    with db.reading() as s:
        return repo.pending(s, CHUNK, after=after)


def _start(batch: list[tuple[int, bytes]], ctx: AnalysisContext,
           pool: ProcessPoolExecutor | None) -> Any:
    """Hand a chunk to the workers (slices of 25); without a pool, analyze it now."""
    if pool is None:
        return [analyze(pk, raw, ctx) for pk, raw in batch]
    return [pool.submit(_analyze_slice, batch[i:i + 25]) for i in range(0, len(batch), 25)]


def _finish(running: Any) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    if running and isinstance(running[0], Future):
        return [item for future in running for item in future.result()]
    return list(running)


def _analyze_slice(items: list[tuple[int, bytes]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return [_analyze_in_worker(item) for item in items]


def _pool(ctx: AnalysisContext, workers: int) -> ProcessPoolExecutor:
    n = workers or os.cpu_count() or 1
    return ProcessPoolExecutor(max_workers=n, initializer=_init_worker, initargs=(ctx,))


def _attach_message_ids(results: Iterable[tuple[dict[str, Any], dict[str, Any]]],
                        batch: list[tuple[int, bytes]]) -> None:
    from mailsync.ingest import quick_identity

    raw_by_pk = dict(batch)
    for cols, _ in results:
        cols["message_id"] = quick_identity(raw_by_pk[cols["id"]])[0]


def _save(db: Database, results: list[tuple[dict[str, Any], dict[str, Any]]],
          now: datetime) -> None:
    with db.transaction() as s:
        repo.save_parsed(s, [_without(cols, "message_id") for cols, _ in results])
        repo.save_labels(s, [dict(label, labeled_at=now) for _, label in results])


def _without(d: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in d.items() if k != key}
