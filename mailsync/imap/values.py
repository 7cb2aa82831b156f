"""What the IMAP adapter hands back, and how imapclient's parsed responses become it.

Callers never see imapclient's dicts and tuples: a folder's counters are a
:class:`FolderSnapshot`, a message a :class:`FetchedMessage`, a LIST entry a
:class:`FolderInfo`, an untagged response seen while idling an
:class:`ImapEvent`. The helpers here are pure (no socket), like imapclient's
own ``response_parser``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class FolderSnapshot:
    """What EXAMINE says about a folder. ``highestmodseq`` is None without CONDSTORE."""

    name: str
    uidvalidity: int
    uidnext: int
    exists: int
    highestmodseq: int | None


@dataclass(frozen=True, slots=True)
class FetchedMessage:
    """One message's bytes, exactly as stored on the server."""

    uid: int
    raw: bytes
    flags: frozenset[str]
    internaldate: datetime | None
    size: int


@dataclass(frozen=True, slots=True)
class FolderInfo:
    """One LIST entry; ``flags`` holds attributes and special-use flags like ``\\Drafts``."""

    name: str
    delimiter: str
    flags: frozenset[str]


@dataclass(frozen=True, slots=True)
class ImapEvent:
    """An untagged response seen while idling, e.g. ``ImapEvent("EXISTS", 4, "")``."""

    kind: str
    number: int | None
    detail: str


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _flags(raw: Sequence[Any]) -> frozenset[str]:
    # \Recent is per-session state (RFC 3501 section 2.3.2, gone in RFC 9051); dropping it
    # keeps flag sets comparable across connections.
    return frozenset(_text(f) for f in raw) - {"\\Recent"}


def _batches(uids: Sequence[int], size: int) -> Iterator[list[int]]:
    # Explicit UID lists in bounded batches: imapclient 4.1 cannot map "1:*" back to UIDs,
    # and Dovecot refuses command lines over imap_max_line_length (64 KiB).
    ordered = sorted(set(uids))
    for start in range(0, len(ordered), size):
        yield ordered[start : start + size]


def _event(response: Any) -> ImapEvent | None:
    """Turn one parsed untagged response into an ImapEvent; None for status lines."""
    if not isinstance(response, tuple) or len(response) < 2:
        return None
    first, second = response[0], response[1]
    if isinstance(first, int):
        detail = " ".join(_text(part) for part in response[2:])
        return ImapEvent(kind=_text(second).upper(), number=first, detail=detail)
    if _text(first).upper() in ("OK", "NO", "BAD"):
        return None
    return ImapEvent(kind=_text(first).upper(), number=None, detail=_text(second))
