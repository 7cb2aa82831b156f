"""A sync pass with nothing to do, done without loading the store's ORM.

``mailsync sync`` run from a timer every few minutes mostly finds nothing new. The
full pass imports SQLAlchemy and the analysis pipeline (most of a second on a slow
machine) only to learn that. This pass learns it with the standard library's sqlite3:
one SELECT per folder against the server's EXAMINE answer (UIDVALIDITY, UIDNEXT,
HIGHESTMODSEQ), and records it as the full pass would (each folder's ``last_sync_at``
and HIGHESTMODSEQ, the account's state and ``last_sync_at``).

Anything out of the ordinary and it steps aside, having written nothing, for the full
pass: a PostgreSQL store, a store file that does not exist or is not at the bundled
migration, an account or folder never synced, new UIDs, a changed UIDVALIDITY, flag
changes to mirror (CONDSTORE), messages still waiting for analysis, or any error
other than a refused login (which the full pass would only meet again).
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from mailsync.clock import Clock
from mailsync.config import AccountSettings, Settings
from mailsync.errors import AuthenticationError, CredentialError
from mailsync.imap import ImapSession
from mailsync.login import connect
from mailsync.schema_version import bundled_head
from mailsync.sync import Cursor, plan_fetch

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Unchanged:
    """One folder the server reports as it was: what the pass writes back."""

    folder_id: int
    last_uid: int
    highestmodseq: int | None


def quick_pass(settings: Settings, accounts: Sequence[AccountSettings],
               clock: Clock) -> list[str] | None:
    """The report lines of a pass over ``accounts`` in which nothing changed, after
    recording it; None when the full pass is needed (nothing was written then)."""
    path = sqlite_path(settings.store_url)
    if path is None or not path.is_file():
        return None
    try:
        with contextlib.closing(sqlite3.connect(path, timeout=10)) as db:
            if not _ready(db):
                return None
            found = [(acct, _unchanged(db, acct)) for acct in accounts]
            if any(folders is None for _, folders in found):
                return None
            _record(db, found, clock.now())  # type: ignore[arg-type]
    except (AuthenticationError, CredentialError):
        raise
    except Exception as exc:  # the full pass meets it again and reports it properly
        log.debug("event=quick_pass_skipped error=%r", str(exc))
        return None
    lines = [f"{acct.name}/{folder}: 0 fetched, 0 new"
             for acct, _ in found for folder in acct.folders]
    lines += [f"{acct.name}: 0 analyzed" for acct, _ in found]
    return lines


def sqlite_path(url: str) -> Path | None:
    """The file of a ``sqlite:///`` store URL; None for any other store."""
    if not url.startswith("sqlite:///"):
        return None
    name = url.removeprefix("sqlite:///")
    return Path(name) if name and name != ":memory:" else None


def _ready(db: sqlite3.Connection) -> bool:
    """At the bundled migration, and no stored message waits for analysis."""
    version = db.execute("SELECT version_num FROM alembic_version").fetchone()
    if version is None or version[0] != bundled_head():
        return False
    return db.execute("SELECT 1 FROM messages WHERE parse_state = 'pending' LIMIT 1"
                      ).fetchone() is None


def _unchanged(db: sqlite3.Connection, account: AccountSettings) -> list[_Unchanged] | None:
    """Each folder of ``account`` if the server shows nothing to fetch or mirror."""
    row = db.execute("SELECT id FROM accounts WHERE name = ?", (account.name,)).fetchone()
    if row is None:
        return None
    imap: ImapSession = connect(account)
    try:
        out = []
        for folder in account.folders:
            found = _folder(db, row[0], folder, imap)
            if found is None:
                return None
            out.append(found)
        return out
    finally:
        imap.logout()


def _folder(db: sqlite3.Connection, account_id: int, folder: str,
            imap: ImapSession) -> _Unchanged | None:
    row = db.execute("SELECT id, uidvalidity, last_uid, highestmodseq FROM folders "
                     "WHERE account_id = ? AND name = ?", (account_id, folder)).fetchone()
    if row is None:
        return None
    folder_id, uidvalidity, last_uid, modseq = row
    snap = imap.snapshot(folder)
    plan = plan_fetch(Cursor(uidvalidity=uidvalidity, last_uid=last_uid, highestmodseq=modseq),
                      uidvalidity=snap.uidvalidity, uidnext=snap.uidnext, exists=snap.exists)
    if plan.reset or not plan.nothing_new:
        return None
    if modseq and snap.highestmodseq and snap.highestmodseq > modseq:
        return None  # flags changed elsewhere: the full pass mirrors them
    return _Unchanged(folder_id, last_uid, snap.highestmodseq)


def _record(db: sqlite3.Connection, found: list[tuple[AccountSettings, list[_Unchanged]]],
            now: datetime) -> None:
    """What the full pass writes when nothing is new, in one transaction. Times are naive
    UTC text, as the store's UTCDateTime keeps them on SQLite."""
    when = now.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    with db:
        for acct, folders in found:
            for f in folders:
                db.execute("UPDATE folders SET last_uid = ?, highestmodseq = ?, last_sync_at = ? "
                           "WHERE id = ?", (f.last_uid, f.highestmodseq, when, f.folder_id))
            db.execute("UPDATE accounts SET last_sync_at = ?, updated_at = ?, state = 'ok', "
                       "last_error = '' WHERE name = ?", (when, when, acct.name))
