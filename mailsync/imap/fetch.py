"""Reading mail without changing it: EXAMINE, UID SEARCH, ``BODY.PEEK[]`` and flags.

Every read opens its folder read-only (EXAMINE, RFC 3501 section 6.3.2) and
fetches bodies with ``BODY.PEEK[]``, which unlike ``BODY[]`` never sets
``\\Seen`` (section 6.4.5); either alone would do, both together survive a
mistake in one of them. UIDs travel in bounded batches, so a 50,000-message
folder never becomes one command line the server refuses.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from mailsync.errors import ImapError
from mailsync.imap.connection import ImapConnection
from mailsync.imap.values import FetchedMessage, FolderSnapshot, _batches, _flags

#: What a sync needs of each message. INTERNALDATE (and the size, which is the
#: bytes' length) cost a tenth more of the fetch's parsing and nothing reads them
#: during a sync, so they are fetched only on request.
_FETCH_ITEMS = [b"BODY.PEEK[]", b"FLAGS"]
_WITH_DATE = [*_FETCH_ITEMS, b"INTERNALDATE"]


class Reading(ImapConnection):
    """Folder counters, UID lists, message bytes, flags and header searches."""

    def snapshot(self, folder: str) -> FolderSnapshot:
        """EXAMINE ``folder`` (leaving it selected) and return its counters."""
        info = self._select(folder, readonly=True)
        try:
            uidvalidity = int(info[b"UIDVALIDITY"])
            uidnext = int(info[b"UIDNEXT"])
        except KeyError as exc:
            # RFC 3501 makes both mandatory in the SELECT/EXAMINE response.
            raise ImapError(f"EXAMINE {folder!r} gave no {exc.args[0]!r}: {self._where}") from exc
        modseq = info.get(b"HIGHESTMODSEQ")
        return FolderSnapshot(
            name=folder,
            uidvalidity=uidvalidity,
            uidnext=uidnext,
            exists=int(info.get(b"EXISTS", 0)),
            highestmodseq=int(modseq) if modseq is not None else None,
        )

    def uids_since(self, folder: str, after_uid: int) -> list[int]:
        """UIDs greater than ``after_uid`` in ``folder``, ascending."""
        self._fresh(folder)
        # RFC 3501 section 6.4.8: "n:*" always includes the highest UID, even when it is
        # below n, so the answer is filtered.
        found = self._search(["UID", f"{after_uid + 1}:*"])
        return [uid for uid in found if uid > after_uid]

    def all_uids(self, folder: str) -> list[int]:
        """Every UID in ``folder``, ascending."""
        self._fresh(folder)
        return self._search(["ALL"])

    def fetch_raw(self, uids: Sequence[int], *, batch_size: int = 500,
                  internaldate: bool = False) -> Iterator[FetchedMessage]:
        """Yield the selected folder's messages for ``uids`` in UID order, in batches.

        Uses ``BODY.PEEK[]`` so ``\\Seen`` is never set. UIDs that no longer exist
        (expunged meanwhile) are skipped silently. ``internaldate`` also asks for the
        server's arrival time of each message.
        """
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        if self._selected is None:
            raise ImapError(f"fetch_raw needs a selected folder ({self._where})")
        folder = self._selected[0]
        self._ensure_selected(folder)
        for batch in _batches(uids, batch_size):
            with self._translate(f"UID FETCH in {folder!r}"):
                response = self._imap.fetch(batch, _WITH_DATE if internaldate else _FETCH_ITEMS)
            for uid in batch:
                item = response.get(uid)
                if item is not None and b"BODY[]" in item:
                    yield self._fetched(uid, item)

    @staticmethod
    def _fetched(uid: int, item: dict[bytes, Any]) -> FetchedMessage:
        raw = bytes(item[b"BODY[]"] or b"")
        when = item.get(b"INTERNALDATE")
        if isinstance(when, datetime) and when.tzinfo is not None:
            when = when.astimezone(UTC)
        return FetchedMessage(
            uid=uid,
            raw=raw,
            flags=_flags(item.get(b"FLAGS", ())),
            internaldate=when if isinstance(when, datetime) else None,
            size=len(raw),
        )

    def fetch_flags(self, folder: str, uids: Sequence[int]) -> dict[int, frozenset[str]]:
        """Current flags of ``uids`` in ``folder``; missing UIDs are absent."""
        self._fresh(folder)
        return self._flags_of(uids)

    def _flags_of(self, uids: Sequence[int]) -> dict[int, frozenset[str]]:
        result: dict[int, frozenset[str]] = {}
        for batch in _batches(uids, 1000):
            with self._translate("UID FETCH FLAGS"):
                response = self._imap.fetch(batch, [b"FLAGS"])
            result.update({uid: _flags(item.get(b"FLAGS", ())) for uid, item in response.items()})
        return result

    def changed_since(self, folder: str, modseq: int) -> dict[int, frozenset[str]]:
        """Flags of messages whose metadata changed after ``modseq``.

        With CONDSTORE this asks ``UID SEARCH MODSEQ`` (RFC 7162 section 3.1.5,
        which matches mod-sequences >= the value, hence ``modseq + 1``). Without
        it every message's flags are returned, so the caller compares itself.
        Expunges are not reported (that needs QRESYNC, RFC 7162 section 3.2).
        """
        self._fresh(folder)
        if "CONDSTORE" in self.capabilities():
            uids = self._search(["MODSEQ", str(modseq + 1)])
        else:
            uids = self._search(["ALL"])
        return self._flags_of(uids)

    def search_header(self, folder: str, header: str, value: str) -> list[int]:
        """UIDs in ``folder`` whose ``header`` contains ``value`` (RFC 3501 HEADER search)."""
        self._fresh(folder)
        charset = None if value.isascii() else "UTF-8"
        return self._search(["HEADER", header, value], charset)
