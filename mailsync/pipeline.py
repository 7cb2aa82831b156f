"""From stored bytes to labeled messages: parse, classify and link, on every core.

Raw messages are already durable when this runs, so it can be repeated at any
time (after a crash, after an upgrade with ``reclassify``). Parsing and
classifying cost about 1.5 ms of CPU a message, so chunks of pending messages
are spread over a process pool; each worker gets the program records and the
applicant's corrections once, at start-up, and reads the raw bytes from the
store itself. A big first sync starts the pool before it fetches
(:class:`Background`), so each batch is analyzed as soon as its commit lands.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections import deque
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
_worker_db: Database | None = None


def _init_worker(ctx: AnalysisContext, url: str) -> None:
    """Each worker opens the store itself: the raw bytes (most of a message's size)
    then go from the database straight to the process that parses them, instead of
    through the coordinating process and a pipe."""
    global _worker_ctx, _worker_db
    from mailsync.store import open_database

    exit_with_parent()
    _worker_ctx = ctx
    _worker_db = open_database(url, migrate=False)


def exit_with_parent(poll: float = 1.0) -> None:
    """Make this pool process end when the process that started it is gone.

    A coordinator killed with SIGKILL (or the OOM killer) cannot stop its pool, and an
    idle pool process waits on its task queue forever, since it holds that queue's
    write end itself: without this, every kill -9 of a sync left its workers behind.
    A daemon thread notices the re-parenting within ``poll`` seconds and exits.
    """
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(poll)
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


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
    """Link replies to messages linked earlier in this run, this chunk included (the
    workers see only the links stored before the run). ``results`` are in id order,
    so a reply is reached after the message it answers, and each linked message
    joins ``known`` before the next is looked at."""
    for cols, label in results:
        if not label["program_id"] and label["kind"] != Kind.OTHER.value:
            _link_to_parent(cols, label, known)
        msg_id = cols.get("message_id")
        if msg_id and label["program_id"]:
            known[msg_id] = label["program_id"]


def _link_to_parent(cols: dict[str, Any], label: dict[str, Any], known: dict[str, str]) -> None:
    for parent in (cols.get("in_reply_to", ""), *reversed(cols.get("references", []))):
        if parent and parent in known:
            label["program_id"] = known[parent]
            label["link_score"] = 0.9
            label["link_reasons"] = [Reason(
                cue="link.thread", detail=f"reply in a thread linked to {known[parent]}",
                span=parent).as_dict()]
            return


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
    total = _count_pending(db)
    if total == 0:
        return 0
    ctx = ctx_factory()
    pool = _pool(ctx, workers, db) if total >= POOL_THRESHOLD else None
    try:
        return _drain(db, ctx, clock, pool, None, progress, on_labeled)
    finally:
        if pool:
            pool.shutdown()


class Arrivals:
    """What a fetch in progress tells the analysis: one more batch is stored, or no more."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._stored = 0
        self._open = True
        self.aborted = False

    def ticket(self) -> int:
        with self._cond:
            return self._stored

    def stored(self) -> None:
        with self._cond:
            self._stored += 1
            self._cond.notify_all()

    def close(self, *, abort: bool = False) -> None:
        """No more batches; with ``abort``, stop after the chunks already handed out
        (what is left stays pending for the next pass)."""
        with self._cond:
            self._open = False
            self.aborted = self.aborted or abort
            self._cond.notify_all()

    def wait_beyond(self, ticket: int) -> bool:
        """Wait for a batch stored after ``ticket``; False once none can come any more."""
        with self._cond:
            self._cond.wait_for(lambda: self._stored > ticket or not self._open)
            return self._stored > ticket


class Background:
    """Analysis of a big fetch that starts while the fetch is still on the wire.

    A first sync of a big mailbox spends a few seconds fetching, with the second
    core half idle, before analysis (several times longer) could begin. Started
    here, the workers take each batch as soon as its commit lands. The context is
    built and the workers are forked in the calling thread, before the writer
    process and the coordinating thread exist; only that loop runs in a thread.
    """

    def __init__(self, db: Database, ctx_factory: Callable[[], AnalysisContext],
                 clock: Clock, *, workers: int = 0,
                 progress: Callable[[int], None] | None = None) -> None:
        self.arrivals = Arrivals()
        self.done = 0
        self._error: BaseException | None = None
        ctx = ctx_factory()
        self._pool = _pool(ctx, workers, db)
        if self._pool is not None:
            self._pool.submit(int).result()  # fork the workers now, from this thread
        self._thread = threading.Thread(target=self._run, args=(db, ctx, clock, progress),
                                        name="analysis", daemon=True)
        self._thread.start()

    def _run(self, db: Database, ctx: AnalysisContext, clock: Clock,
             progress: Callable[[int], None] | None) -> None:
        try:
            self.done = _drain(db, ctx, clock, self._pool, self.arrivals, progress, None)
        except BaseException as exc:  # re-raised in the caller's thread by finish()
            self._error = exc

    def finish(self, *, abort: bool = False) -> int:
        """No more arrivals: analyze what is left (or, with ``abort``, only what is in
        hand), stop the workers; returns the count."""
        self.arrivals.close(abort=abort)
        self._thread.join()
        if self._pool is not None:
            self._pool.shutdown()
        if self._error is not None:
            raise self._error
        return self.done


def _count_pending(db: Database) -> int:
    from sqlalchemy import func, select

    from mailsync.store.schema import MessageRow

    with db.reading() as s:
        return s.scalar(select(func.count()).where(MessageRow.parse_state == "pending")) or 0


class _Reader:
    """Pending messages in id order, a chunk at a time; with ``arrivals``, also those
    stored while the analysis runs, until the fetch says it is done."""

    def __init__(self, db: Database, arrivals: Arrivals | None) -> None:
        self._db, self._arrivals = db, arrivals
        self._after = 0
        self._ticket = 0

    def read(self) -> list[tuple[int, str]]:
        """The next chunk, or [] for now; never waits."""
        if self._arrivals is not None:
            if self._arrivals.aborted:
                return []
            self._ticket = self._arrivals.ticket()
        batch = _read(self._db, after=self._after)
        if batch:
            self._after = batch[-1][0]
        return batch

    def wait(self) -> bool:
        """Wait for more to be stored; False when nothing more can come."""
        if self._arrivals is None or self._arrivals.aborted:
            return False
        return self._arrivals.wait_beyond(self._ticket)


def _drain(db: Database, ctx: AnalysisContext, clock: Clock, pool: ProcessPoolExecutor | None,
           arrivals: Arrivals | None, progress: Callable[[int], None] | None,
           on_labeled: Callable[[Sequence[dict[str, Any]]], None] | None) -> int:
    """Analyze and save chunk after chunk, in id order (threads link through earlier
    chunks). Two chunks are in flight, so no worker idles at a boundary while the
    slowest slice finishes or a chunk is saved; waiting for arrivals happens only
    with nothing in flight, so every chunk is saved as soon as it is analyzed."""
    known = dict(ctx.thread_links)
    reader = _Reader(db, arrivals)
    in_flight: deque[tuple[list[tuple[int, str]], Any]] = deque()
    done = 0
    while True:
        while len(in_flight) < 2 and (batch := reader.read()):
            in_flight.append((batch, _start(batch, ctx, pool, db)))
        if not in_flight:
            if reader.wait():
                continue
            return done
        batch, running = in_flight.popleft()
        results = _finish(running)
        _attach_message_ids(results, batch)
        link_by_thread(results, known)
        _save(db, results, clock.now())
        if on_labeled:
            on_labeled([label for _, label in results])
        done += len(batch)
        if progress:
            progress(len(batch))


def _read(db: Database, *, after: int) -> list[tuple[int, str]]:
    with db.reading() as s:
        return repo.pending(s, CHUNK, after=after)


def _start(batch: list[tuple[int, str]], ctx: AnalysisContext,
           pool: ProcessPoolExecutor | None, db: Database) -> Any:
    """Hand a chunk to the workers (slices of 25); without a pool, analyze it now."""
    pks = [pk for pk, _ in batch]
    if pool is None:
        return _analyze_stored(db, pks, ctx)
    return [pool.submit(_analyze_slice, pks[i:i + 25]) for i in range(0, len(pks), 25)]


def _analyze_stored(db: Database, pks: list[int],
                    ctx: AnalysisContext) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    if not pks:
        return []
    with db.reading() as s:
        raws = repo.raws(s, pks)
    return [analyze(pk, raws[pk], ctx) for pk in pks if pk in raws]


def _finish(running: Any) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    if running and isinstance(running[0], Future):
        return [item for future in running for item in future.result()]
    return list(running)


def _analyze_slice(pks: list[int]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    assert _worker_ctx is not None and _worker_db is not None
    return _analyze_stored(_worker_db, pks, _worker_ctx)


def _pool(ctx: AnalysisContext, workers: int, db: Database) -> ProcessPoolExecutor | None:
    """Worker processes, or None where they could not open the store (in memory)."""
    if db.url.startswith("sqlite") and db.url.rstrip("/").endswith(("sqlite:", ":memory:")):
        return None
    n = workers or os.cpu_count() or 1
    from mailsync.classify import warm

    warm()  # the workers fork from this process and inherit the loaded models
    return ProcessPoolExecutor(max_workers=n, initializer=_init_worker, initargs=(ctx, db.url))


def _attach_message_ids(results: Iterable[tuple[dict[str, Any], dict[str, Any]]],
                        batch: list[tuple[int, str]]) -> None:
    """The stored Message-ID (what replies point at) of each result, for thread links."""
    mid_by_pk = dict(batch)
    for cols, _ in results:
        cols["message_id"] = mid_by_pk[cols["id"]]


def _save(db: Database, results: list[tuple[dict[str, Any], dict[str, Any]]],
          now: datetime) -> None:
    with db.transaction() as s:
        repo.save_parsed(s, [_without(cols, "message_id") for cols, _ in results])
        repo.save_labels(s, [dict(label, labeled_at=now) for _, label in results])


def _without(d: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in d.items() if k != key}
