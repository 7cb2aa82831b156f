"""One sender at a time, across processes, released by the operating system.

Exactly-once sending depends on it: crash recovery treats every ``sending``
row as left behind by a dead process, which is only true when no other
process can be sending at that moment. The lock is held by the OS (``flock``
or a PostgreSQL session lock), so a ``kill -9`` releases it and no stale lock
file ever needs cleaning up.
"""

from __future__ import annotations

import contextlib
import fcntl
from collections.abc import Iterator

from sqlalchemy import text

from mailsync.store import Database


@contextlib.contextmanager
def sender_lock(db: Database) -> Iterator[bool]:
    """Only one send pass at a time, released by the OS even after kill -9.

    SQLite: ``flock`` on a file beside the database. PostgreSQL: a
    session-level advisory lock, released when the connection dies. Yields
    False when another sender holds it.
    """
    if db.is_sqlite:
        path = db.url.removeprefix("sqlite:///")
        if path in ("", ":memory:"):
            yield True
            return
        with open(f"{path}.send-lock", "a+") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
        return
    with db.engine.connect() as conn:
        key = 0x6D61696C73796E63  # "mailsync"
        got = bool(conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar())
        conn.commit()
        try:
            yield got
        finally:
            if got:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                conn.commit()
