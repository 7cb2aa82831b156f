"""The composition root: the I/O adapters and the pure decisions, sequenced.

``sync_account`` is the heart of the foundation: for each watched folder it
takes a snapshot, asks :mod:`mailsync.sync` what to fetch, pulls raw bytes with
``BODY.PEEK[]`` in batches, and commits each batch together with the folder
cursor. Only after the raw mail is durable does :mod:`mailsync.pipeline` parse,
classify and link it.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mailsync import pipeline
from mailsync.clock import Clock
from mailsync.config import AccountSettings, Settings
from mailsync.errors import ConnectionLostError
from mailsync.imap import ImapSession
from mailsync.ingest import iter_local, raw_message
from mailsync.login import connect
from mailsync.programs import Program
from mailsync.store import Database, open_database
from mailsync.store import messages as repo
from mailsync.store.schema import (
    AccountRow,
    CorrectionRow,
    LocationRow,
    MessageRow,
)
from mailsync.sync import Cursor, plan_fetch

if TYPE_CHECKING:
    from mailsync.classify import Feedback
    from mailsync.link import LinkCorrections

log = logging.getLogger(__name__)

LOCAL_ACCOUNT = "local"
Progress = Callable[[int], None]


@dataclass
class FolderReport:
    folder: str
    fetched: int = 0
    new: int = 0
    reset: bool = False
    note: str = ""
    flag_changes: int = 0
    uids: list[int] = field(default_factory=list)


@dataclass
class SyncReport:
    account: str
    folders: list[FolderReport] = field(default_factory=list)
    analyzed: int = 0

    @property
    def new(self) -> int:
        return sum(f.new for f in self.folders)


def open_store(settings: Settings) -> Database:
    return open_database(settings.store_url)


def load_programs(db: Database) -> list[Program]:
    from mailsync.store.programs import load_programs as load

    with db.reading() as s:
        return load(s)


def load_corrections(db: Database) -> tuple[LinkCorrections, Feedback | None]:
    """The applicant's links (by sender and thread) and relabels, for the decisions."""
    from mailsync.link import LinkCorrections

    by_sender: dict[str, str] = {}
    by_thread: dict[str, str] = {}
    with db.reading() as s:
        rows = s.scalars(select(CorrectionRow).order_by(CorrectionRow.id)).all()
        relabels = [r for r in rows if r.what == "relabel"]
        for r in rows:
            if r.what == "link" and r.program_id:
                if r.sender:
                    by_sender[r.sender] = r.program_id
                if r.thread_id:
                    by_thread[r.thread_id] = r.program_id
        feedback = _feedback(s, relabels) if relabels else None
    return LinkCorrections(by_sender=by_sender, by_thread=by_thread), feedback


def _feedback(session: Session, relabels: list[CorrectionRow]) -> Feedback:
    """Relabels as examples: the stored sender and subject are all the classifier uses."""
    from mailsync.classify import Feedback
    from mailsync.message import Address, ParsedMessage
    from mailsync.taxonomy import Flag, Kind

    examples = []
    for r in relabels:
        row = session.execute(select(MessageRow.message_id, MessageRow.subject,
                                     MessageRow.from_addr).where(MessageRow.id == r.message_pk)
                              ).first()
        if row is not None:
            msg = ParsedMessage(message_id=row[0], subject=row[1],
                                from_=Address(name="", addr=row[2]))
            examples.append((msg, Kind(r.kind), frozenset(Flag(f) for f in r.flags)))
    return Feedback.from_corrections(examples)


def analysis_context(db: Database, settings: Settings) -> pipeline.AnalysisContext:
    corrections, feedback = load_corrections(db)
    with db.reading() as s:
        links = repo.thread_links(s)
    links.update(corrections.by_thread)
    return pipeline.AnalysisContext(
        programs=tuple(load_programs(db)), corrections=corrections, feedback=feedback,
        thread_links=links, default_tz=settings.applicant_timezone,
    )


def analyze_pending(db: Database, settings: Settings, clock: Clock,
                    progress: Progress | None = None) -> int:
    return pipeline.process_pending(
        db, lambda: analysis_context(db, settings), clock,
        workers=settings.sync.parse_workers, progress=progress,
    )


def sync_account(
    settings: Settings,
    account: AccountSettings,
    db: Database,
    clock: Clock,
    *,
    session: ImapSession | None = None,
    on_plan: Callable[[str, int], Progress | None] | None = None,
    analyze: bool = True,
    on_analyze: Callable[[int], Progress | None] | None = None,
) -> SyncReport:
    """One incremental pass over the account's folders, then analysis of what is new.

    ``on_plan(folder, n)`` and ``on_analyze(n)`` may return a progress callback for
    the fetch of a folder and for the analysis of a big first sync."""
    report = SyncReport(account=account.name)
    own = session is None
    imap = session or connect(account)
    early = _EarlyAnalysis(db, settings, clock, on_analyze) if analyze else None
    try:
        with db.transaction() as s:
            account_id = repo.ensure_account(s, account.name)
        for folder in account.folders:
            report.folders.append(
                sync_folder(imap, db, account_id, folder, clock, settings.sync.batch_size,
                            on_plan, early)
            )
        _mark_synced(db, account.name, clock)
        if analyze:
            done_early = early.finish() if early is not None else 0
            report.analyzed = done_early + analyze_pending(db, settings, clock)
        if analyze and account.write_keywords:
            for folder_report in report.folders:
                write_keywords(imap, db, account_id, folder_report)
    finally:
        if early is not None:
            early.finish(quietly=True)
        if own:
            imap.logout()
    return report


class _EarlyAnalysis:
    """Analysis started during a big fetch (:class:`pipeline.Background`), or never."""

    def __init__(self, db: Database, settings: Settings, clock: Clock,
                 on_analyze: Callable[[int], Progress | None] | None = None) -> None:
        self._args = (db, settings, clock)
        self._on_analyze = on_analyze
        self._running: pipeline.Background | None = None

    def start(self, expected: int) -> None:
        if self._running is None:
            db, settings, clock = self._args
            self._running = pipeline.Background(
                db, lambda: analysis_context(db, settings), clock,
                workers=settings.sync.parse_workers,
                progress=self._on_analyze(expected) if self._on_analyze else None)

    def stored(self) -> None:
        if self._running is not None:
            self._running.arrivals.stored()

    def finish(self, *, quietly: bool = False) -> int:
        """How many it analyzed. On the way out of a failed sync (``quietly``) it stops
        after the chunks in hand, and its errors are only logged: the fetch's own error
        is the one to report, and what is left stays pending for the next pass."""
        running, self._running = self._running, None
        if running is None:
            return 0
        try:
            return running.finish(abort=quietly)
        except Exception:
            if not quietly:
                raise
            log.exception("analysis during the fetch failed; the mail stays pending")
            return 0


KEYWORD_PREFIX = "$Mailsync_"


def label_keywords(kind: str, flags: Iterable[str]) -> tuple[str, ...]:
    """IMAP keywords for a label, e.g. ``$Mailsync_interview_invite`` (RFC 3501 atoms)."""
    return (f"{KEYWORD_PREFIX}{kind}", *(f"{KEYWORD_PREFIX}{f}" for f in sorted(flags)))


def write_keywords(imap: ImapSession, db: Database, account_id: int,
                   folder: FolderReport) -> int:
    """Label the newly fetched messages on the server, so any mail client can show them.

    Off by default (``write_keywords``): it is the one write mailsync makes to
    incoming mail, and it touches flags only, never content.
    """
    if not folder.uids:
        return 0
    from mailsync.store.schema import FolderRow, LabelRow

    groups: dict[tuple[str, ...], list[int]] = {}
    with db.reading() as s:
        row = s.scalar(select(FolderRow).where(FolderRow.account_id == account_id,
                                               FolderRow.name == folder.folder))
        for uid, kind, flags in s.execute(
            select(LocationRow.uid, LabelRow.kind, LabelRow.flags)
            .join(LabelRow, LabelRow.message_pk == LocationRow.message_pk)
            .where(LocationRow.folder_id == row.id, LocationRow.uidvalidity == row.uidvalidity,
                   LocationRow.uid.in_(folder.uids))
        ):
            groups.setdefault(label_keywords(kind, flags), []).append(uid)
    for keywords, uids in groups.items():
        imap.add_flags(folder.folder, uids, keywords)
    return sum(len(u) for u in groups.values())


def sync_folder(
    imap: ImapSession,
    db: Database,
    account_id: int,
    folder: str,
    clock: Clock,
    batch_size: int,
    on_plan: Callable[[str, int], Progress | None] | None = None,
    early: _EarlyAnalysis | None = None,
) -> FolderReport:
    """Fetch what is new in one folder; every batch is committed with the cursor."""
    snap = imap.snapshot(folder)
    with db.transaction() as s:
        row = repo.ensure_folder(s, account_id, folder)
        cursor = Cursor(uidvalidity=row.uidvalidity, last_uid=row.last_uid,
                        highestmodseq=row.highestmodseq)
        plan = plan_fetch(cursor, uidvalidity=snap.uidvalidity, uidnext=snap.uidnext,
                          exists=snap.exists)
        if plan.reset:
            if cursor.uidvalidity:
                log.warning("folder %s: %s; re-syncing", folder, plan.reason)
            repo.reset_folder(s, row.id, uidvalidity=snap.uidvalidity)
    report = FolderReport(folder=folder, reset=plan.reset and bool(cursor.uidvalidity),
                          note=plan.reason)
    if not plan.reset and cursor.highestmodseq and snap.highestmodseq \
            and snap.highestmodseq > cursor.highestmodseq:
        report.flag_changes = _sync_flags(imap, db, row.id, snap.uidvalidity, folder,
                                          cursor.highestmodseq)
    if plan.nothing_new:
        _touch(db, row.id, cursor.last_uid if not plan.reset else 0, snap.highestmodseq, clock)
        return report
    uids = imap.uids_since(folder, plan.after_uid)
    report.uids = uids
    if early is not None and len(uids) >= pipeline.POOL_THRESHOLD:
        early.start(len(uids))  # before the writer exists: workers fork from this thread alone
    progress = on_plan(folder, len(uids)) if on_plan else None
    # The commit of batch k (fsync included) runs while batch k+1 is on the
    # wire. At most one commit is in flight and each is awaited before the
    # next is queued, so batches and their cursors still land in order. A big
    # first sync commits from a separate process: parsing IMAP responses and
    # writing rows are both CPU work, and in one process the GIL runs them in turn.
    with _writer(db, len(uids)) as (writer, commit):
        pending: Future[int] | None = None
        for start in range(0, len(uids), batch_size):
            chunk = uids[start:start + batch_size]
            fetched = [(m.raw, m.uid, tuple(sorted(m.flags)))
                       for m in imap.fetch_raw(chunk, batch_size=batch_size)]
            report.fetched += len(fetched)
            if pending is not None:
                report.new += pending.result()
                if early is not None:
                    early.stored()
            pending = writer.submit(commit, account_id, row.id, fetched, max(chunk),
                                    snap.highestmodseq, clock.now())
            if progress:
                progress(len(chunk))
        if pending is not None:
            report.new += pending.result()
            if early is not None:
                early.stored()
    return report


def _sync_flags(imap: ImapSession, db: Database, folder_id: int, uidvalidity: int,
                folder: str, modseq: int) -> int:
    """Flag changes since the last pass (CONDSTORE, RFC 7162), e.g. mail read elsewhere.

    Only what the server reports as changed is asked for, so this stays cheap
    on a big folder; flags are mirrored, never written back.
    """
    changed = imap.changed_since(folder, modseq)
    if not changed:
        return 0
    with db.transaction() as s:
        rows = s.scalars(select(LocationRow).where(
            LocationRow.folder_id == folder_id, LocationRow.uidvalidity == uidvalidity,
            LocationRow.uid.in_(list(changed)))).all()
        for loc in rows:
            loc.flags = sorted(changed[loc.uid])
    return len(rows)


def sync_with_retry(
    settings: Settings, account: AccountSettings, db: Database, clock: Clock, *,
    attempts: int = 5, sleep: Callable[[float], None] = time.sleep,
    jitter: Callable[[], float] = random.random, **kwargs: Any,
) -> SyncReport:
    """:func:`sync_account`, reconnecting with jittered backoff when the link drops.

    Each attempt resumes from the committed cursor, so a retry fetches only
    what the broken attempt had not stored. Wrong passwords are not retried.
    """
    for attempt in range(1, attempts + 1):
        try:
            return sync_account(settings, account, db, clock, **kwargs)
        except ConnectionLostError as exc:
            if attempt == attempts:
                raise
            delay = min(60.0, 2.0 ** attempt) * (0.5 + jitter())
            log.warning("account %s: %s; reconnecting in %.1f s (attempt %d of %d)",
                        account.name, exc, delay, attempt + 1, attempts)
            sleep(delay)
    raise AssertionError("unreachable")


#: Above this many new messages a writer process pays for its start-up.
PROCESS_WRITER_THRESHOLD = 2000
_writer_db: Database | None = None


@contextmanager
def _writer(db: Database, count: int) -> Iterator[tuple[Executor, Callable[..., int]]]:
    """One serial committer: a thread for small syncs, a process for big ones."""
    if count < PROCESS_WRITER_THRESHOLD:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="store") as pool:
            yield pool, partial(commit_batch, db)
        return
    with ProcessPoolExecutor(max_workers=1, initializer=_open_writer_db,
                             initargs=(db.url,)) as pool:
        yield pool, _commit_in_writer


def _open_writer_db(url: str) -> None:
    global _writer_db
    pipeline.exit_with_parent()
    _writer_db = open_database(url, migrate=False)


def _commit_in_writer(*args: Any) -> int:
    assert _writer_db is not None
    return commit_batch(_writer_db, *args)


def commit_batch(db: Database, account_id: int, folder_id: int,
                 fetched: list[tuple[bytes, int, tuple[str, ...]]], last_uid: int,
                 modseq: int | None, now: datetime) -> int:
    """Store one fetched batch and move the folder cursor past it, in one transaction."""
    from mailsync.store.schema import FolderRow

    batch = [raw_message(raw, uid=uid, flags=flags) for raw, uid, flags in fetched]
    with db.transaction() as s:
        folder = s.get(FolderRow, folder_id)
        new = repo.store_batch(s, account_id=account_id, messages=batch, source="imap",
                               now=now, folder=folder)
        repo.advance_cursor(s, folder_id, last_uid=last_uid, highestmodseq=modseq, now=now)
    return new


def _touch(db: Database, folder_id: int, last_uid: int, modseq: int | None,
           clock: Clock) -> None:
    with db.transaction() as s:
        repo.advance_cursor(s, folder_id, last_uid=last_uid, highestmodseq=modseq,
                            now=clock.now())


def _mark_synced(db: Database, name: str, clock: Clock) -> None:
    with db.transaction() as s:
        row = s.scalar(select(AccountRow).where(AccountRow.name == name))
        if row is not None:
            row.last_sync_at = clock.now()
            row.updated_at = clock.now()
            row.state = "ok"
            row.last_error = ""


def import_messages(
    db: Database, sources: Iterable[bytes], clock: Clock, *, account: str = LOCAL_ACCOUNT,
    progress: Progress | None = None, batch_size: int = 500,
) -> tuple[int, int]:
    """Store messages from a local source; returns (seen, new). Analysis is separate."""
    with db.transaction() as s:
        account_id = repo.ensure_account(s, account)
    seen = new = 0
    batch = []
    for raw in sources:
        batch.append(raw_message(raw))
        if len(batch) >= batch_size:
            new += _store_local(db, account_id, batch, clock)
            seen += len(batch)
            if progress:
                progress(len(batch))
            batch = []
    if batch:
        new += _store_local(db, account_id, batch, clock)
        seen += len(batch)
        if progress:
            progress(len(batch))
    return seen, new


def _store_local(db: Database, account_id: int, batch: list, clock: Clock) -> int:
    with db.transaction() as s:
        return repo.store_batch(s, account_id=account_id, messages=batch, source="import",
                                now=clock.now())


def import_path(db: Database, path: Path, clock: Clock,
                progress: Progress | None = None) -> tuple[int, int]:
    return import_messages(db, iter_local(path), clock, progress=progress)
