"""The few writes mailsync makes: APPEND, flag changes and MOVE; never a deletion.

The applicant's mail is not ours, so nothing here can lose it: there is no
EXPUNGE, :meth:`Writing.add_flags` refuses ``\\Deleted``, and
:meth:`Writing.move` falls back to COPY alone where MOVE (RFC 6851) is not
offered. A folder is selected read-write only for these commands and
re-examined read-only before the next read.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from datetime import datetime

from mailsync.errors import ImapError
from mailsync.imap.connection import ImapConnection
from mailsync.imap.values import _batches

log = logging.getLogger(__name__)

_APPENDUID = re.compile(rb"\[APPENDUID (\d+) (\d+)\]")


class Writing(ImapConnection):
    """APPEND (Drafts, Sent, notes), keyword flags, and moving a message."""

    def append(
        self,
        folder: str,
        raw: bytes,
        *,
        flags: Sequence[str] = (),
        when: datetime | None = None,
    ) -> int | None:
        """APPEND ``raw`` to ``folder``; the new UID from APPENDUID (RFC 4315) or None.

        ``when`` sets INTERNALDATE; give an aware datetime (a naive one is read
        as local time by imapclient).
        """
        with self._translate(f"APPEND to {folder!r}"):
            response = self._imap.append(folder, raw, flags=tuple(flags), msg_time=when)
        match = _APPENDUID.search(response if isinstance(response, bytes) else b"")
        return int(match.group(2)) if match else None

    def add_flags(self, folder: str, uids: Sequence[int], flags: Sequence[str]) -> None:
        """Add ``flags`` (e.g. a ``$Approved`` keyword); ``\\Deleted`` is refused."""
        if any(flag.lower() == "\\deleted" for flag in flags):
            raise ImapError("mailsync never marks mail \\Deleted")
        self._store(folder, uids, flags, add=True)

    def remove_flags(self, folder: str, uids: Sequence[int], flags: Sequence[str]) -> None:
        """Remove ``flags`` from ``uids``."""
        self._store(folder, uids, flags, add=False)

    def _store(self, folder: str, uids: Sequence[int], flags: Sequence[str], *, add: bool) -> None:
        if not uids or not flags:
            return
        self._ensure_selected(folder, readonly=False)
        method = self._imap.add_flags if add else self._imap.remove_flags
        for batch in _batches(uids, 1000):
            with self._translate(f"UID STORE in {folder!r}"):
                # .SILENT: the new flags are not needed back (RFC 3501 section 6.4.6).
                method(batch, list(flags), silent=True)

    def move(self, folder: str, uid: int, dest: str) -> bool:
        """Move one message; True if moved, False if only copied.

        Uses MOVE (RFC 6851) when offered. Otherwise the message is only COPYed:
        the classic COPY + ``\\Deleted`` + EXPUNGE would delete, which mailsync
        never does, so the original stays and a warning is logged.
        """
        self._ensure_selected(folder, readonly=False)
        if "MOVE" in self.capabilities():
            with self._translate(f"UID MOVE {uid} to {dest!r}"):
                self._imap.move([uid], dest)
            return True
        with self._translate(f"UID COPY {uid} to {dest!r}"):
            self._imap.copy([uid], dest)
        log.warning("IMAP server lacks MOVE; copied uid %s from %r to %r", uid, folder, dest)
        return False
