"""Writing and reading messages: raw bytes first, parsed fields and labels after.

Ingest is one transaction per batch: the raw messages, their locations and the
folder cursor move together, so a crash between batches loses nothing and a
crash inside one repeats that batch harmlessly (every insert is
``ON CONFLICT DO NOTHING`` against the identity constraints).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, select, update
from sqlalchemy.orm import Session

from mailsync.store.schema import (
    AccountRow,
    FolderRow,
    LabelRow,
    LocationRow,
    MessageRow,
)


@dataclass(frozen=True, slots=True)
class RawMessage:
    """What ingest needs: the bytes and their identity, plus where they were seen."""

    raw: bytes
    message_id: str
    content_hash: str
    uid: int | None = None
    flags: tuple[str, ...] = ()


def insert_ignoring_duplicates(session: Session, table: Any) -> Any:
    """An INSERT that ignores rows violating a unique constraint, on either backend.

    The dialect is imported here, not at the top: SQLAlchemy's PostgreSQL package loads
    every PostgreSQL driver's module (a tenth of a second), which a sync on SQLite, and
    every short command, would otherwise pay at start."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql
        return postgresql.insert(table).on_conflict_do_nothing()
    from sqlalchemy.dialects import sqlite
    return sqlite.insert(table).on_conflict_do_nothing()




# Raw rows are the hot path of a first sync. They go in as one multi-row INSERT per
# chunk, with the parsed columns' empty values as literals: a single statement keeps
# SQLite working with the GIL released while the IMAP thread parses the next batch
# (executemany hands the GIL back and forth once per row, which stalls both), and
# skips the seven JSON defaults an ORM-style insert serializes per row.
_RAW_COLUMNS = (
    "account_id, message_id, content_hash, size, raw, source, stored_at, parse_state, "
    'parse_error, in_reply_to, "references", thread_id, from_addr, from_name, to_addrs, '
    "cc_addrs, subject, text_body, body_format, attachments, events, defects"
)
_RAW_LITERALS = "'pending', '', '', '[]', '', '', '', '[]', '[]', '', '', '', '[]', '[]', '[]'"
#: Rows per statement: 7 parameters each stays far below SQLite's oldest limit (999).
_CHUNK = 120


def _insert_raw(session: Session, rows: Sequence[tuple[Any, ...]]) -> None:
    conn = session.connection()
    mark = "?" if conn.dialect.name == "sqlite" else "%s"
    one = f"({', '.join([mark] * 7)}, {_RAW_LITERALS})"
    for i in range(0, len(rows), _CHUNK):
        chunk = rows[i:i + _CHUNK]
        sql = (f"INSERT INTO messages ({_RAW_COLUMNS}) VALUES {', '.join([one] * len(chunk))}"
               " ON CONFLICT DO NOTHING")
        conn.exec_driver_sql(sql, tuple(v for row in chunk for v in row))


def _when(session: Session, now: datetime) -> Any:
    """``now`` as the driver takes it: SQLite keeps naive UTC text (as UTCDateTime does)."""
    if session.get_bind().dialect.name == "sqlite":
        return now.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    return now


def ensure_account(session: Session, name: str, state: str = "idle") -> int:
    """The account's id, creating its row in ``state`` when it is new.

    The daemon creates rows as "connecting": a row that said "idle" before the
    first connection would tell ``status`` (and anyone waiting on it) a lie.
    """
    found = session.scalar(select(AccountRow.id).where(AccountRow.name == name))
    if found is not None:
        return found
    session.execute(insert_ignoring_duplicates(session, AccountRow).values(
        name=name, state=state, last_error=""))
    return session.scalar(select(AccountRow.id).where(AccountRow.name == name))  # type: ignore[return-value]


def ensure_folder(session: Session, account_id: int, name: str) -> FolderRow:
    row = session.scalar(
        select(FolderRow).where(FolderRow.account_id == account_id, FolderRow.name == name)
    )
    if row is None:
        session.execute(
            insert_ignoring_duplicates(session, FolderRow).values(
                account_id=account_id, name=name, uidvalidity=0, last_uid=0
            )
        )
        row = session.scalar(
            select(FolderRow).where(FolderRow.account_id == account_id, FolderRow.name == name)
        )
    assert row is not None
    return row


def store_batch(
    session: Session,
    *,
    account_id: int,
    messages: Sequence[RawMessage],
    source: str,
    now: datetime,
    folder: FolderRow | None = None,
) -> int:
    """Store raw messages and their locations; returns how many rows were new."""
    if not messages:
        return 0
    known = _identities(session, account_id, messages)
    fresh = {(m.message_id, m.content_hash) for m in messages} - set(known)
    when = _when(session, now)
    rows = [
        (account_id, m.message_id, m.content_hash, len(m.raw), m.raw, source, when)
        for m in messages
        if (m.message_id, m.content_hash) not in known
    ]
    if rows:
        _insert_raw(session, rows)
    if folder is not None:
        _store_locations(session, account_id, folder, messages)
    return len(fresh)


def _identities(
    session: Session, account_id: int, messages: Sequence[RawMessage]
) -> dict[tuple[str, str], int]:
    """(Message-ID, hash) → row id for the batch's messages already stored.

    Looked up by Message-ID, the leading column of the identity index, so the
    cost stays flat as the mailbox grows.
    """
    ids = list({m.message_id for m in messages})
    rows = session.execute(
        select(MessageRow.id, MessageRow.message_id, MessageRow.content_hash).where(
            MessageRow.account_id == account_id, MessageRow.message_id.in_(ids)
        )
    )
    return {(mid, h): pk for pk, mid, h in rows}


def _store_locations(
    session: Session, account_id: int, folder: FolderRow, messages: Sequence[RawMessage]
) -> None:
    ids = _identities(session, account_id, messages)
    rows = [
        {
            "message_pk": ids[(m.message_id, m.content_hash)], "folder_id": folder.id,
            "uidvalidity": folder.uidvalidity, "uid": m.uid, "flags": list(m.flags),
        }
        for m in messages
        if m.uid is not None
    ]
    if rows:
        session.execute(insert_ignoring_duplicates(session, LocationRow), rows)


def advance_cursor(
    session: Session, folder_id: int, *, last_uid: int, highestmodseq: int | None, now: datetime
) -> None:
    session.execute(
        update(FolderRow)
        .where(FolderRow.id == folder_id)
        .values(last_uid=last_uid, highestmodseq=highestmodseq, last_sync_at=now)
    )


def reset_folder(session: Session, folder_id: int, *, uidvalidity: int) -> None:
    """UIDVALIDITY changed: old UIDs mean nothing now, so fetch everything again.

    Stored messages stay; re-fetched ones de-duplicate on (Message-ID, content hash).
    """
    session.execute(
        update(FolderRow)
        .where(FolderRow.id == folder_id)
        .values(uidvalidity=uidvalidity, last_uid=0, highestmodseq=None)
    )


def pending(session: Session, limit: int, *, after: int = 0) -> list[tuple[int, str]]:
    """Messages stored but not yet parsed, oldest first (ids above ``after``), as
    (id, Message-ID): whoever parses them reads the bytes with :func:`raws`."""
    rows = session.execute(
        select(MessageRow.id, MessageRow.message_id)
        .where(MessageRow.parse_state == "pending", MessageRow.id > after)
        .order_by(MessageRow.id)
        .limit(limit)
    )
    return [(pk, mid) for pk, mid in rows]


def raws(session: Session, pks: Sequence[int]) -> dict[int, bytes]:
    """The stored bytes of these messages, by id."""
    rows = session.execute(select(MessageRow.id, MessageRow.raw).where(MessageRow.id.in_(pks)))
    return {pk: raw for pk, raw in rows}


def save_parsed(session: Session, results: Iterable[dict[str, Any]]) -> None:
    """Write parsed columns; each dict has ``id`` plus MessageRow column values."""
    rows = list(results)
    if rows:
        session.execute(update(MessageRow), rows)


def save_labels(session: Session, labels: Sequence[dict[str, Any]]) -> None:
    """Insert or replace the automatic labels; a user's own label (source=user) is kept."""
    if not labels:
        return
    pks = [lbl["message_pk"] for lbl in labels]
    user_owned = set(
        session.scalars(
            select(LabelRow.message_pk).where(
                LabelRow.message_pk.in_(pks), LabelRow.source == "user"
            )
        )
    )
    fresh = [lbl for lbl in labels if lbl["message_pk"] not in user_owned]
    existing = set(
        session.scalars(select(LabelRow.message_pk).where(LabelRow.message_pk.in_(pks)))
    )
    updates = [lbl for lbl in fresh if lbl["message_pk"] in existing]
    inserts = [lbl for lbl in fresh if lbl["message_pk"] not in existing]
    if updates:
        session.execute(update(LabelRow), updates)
    if inserts:
        session.execute(insert_ignoring_duplicates(session, LabelRow), inserts)


#: What a listing shows of each message: never the raw bytes or the body, which
#: are most of a row (a 10,000-message inbox would otherwise read 200 MB).
LISTED = (
    MessageRow.id, MessageRow.message_id, MessageRow.date, MessageRow.from_addr,
    MessageRow.subject, LabelRow.kind, LabelRow.flags, LabelRow.program_id,
    LabelRow.confidence, LabelRow.reasons,
)


def message_query() -> Select[Any]:
    """Messages with their labels as plain rows of :data:`LISTED`, oldest first (outer
    join: unparsed mail is listed too, with ``kind`` None)."""
    return (
        select(*LISTED)
        .outerjoin(LabelRow, LabelRow.message_pk == MessageRow.id)
        .order_by(MessageRow.date.is_(None), MessageRow.date, MessageRow.id)
    )


def thread_links(session: Session) -> dict[str, str]:
    """Message-ID → program for every linked message, for linking replies by thread."""
    rows = session.execute(
        select(MessageRow.message_id, LabelRow.program_id)
        .join(LabelRow, LabelRow.message_pk == MessageRow.id)
        .where(LabelRow.program_id.is_not(None))
    )
    return {mid: pid for mid, pid in rows}


def find_message(session: Session, ref: str) -> MessageRow:
    """A stored message by its numeric id or its Message-ID (brackets optional)."""
    from mailsync.errors import UnknownRecordError

    ref = ref.strip()
    if ref.isdigit():
        msg = session.get(MessageRow, int(ref))
    else:
        wanted = ref if ref.startswith("<") else f"<{ref}>"
        msg = session.scalar(select(MessageRow).where(MessageRow.message_id == wanted))
    if msg is None:
        raise UnknownRecordError(f"no message {ref!r}; see `mailsync inbox`")
    return msg
