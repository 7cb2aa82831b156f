"""What to fetch from one folder, decided from the stored cursor and a fresh snapshot.

Pure: the IMAP adapter supplies the snapshot, the store supplies the cursor.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class Cursor:
    """What the store remembers about a folder."""

    uidvalidity: int
    last_uid: int
    highestmodseq: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchPlan:
    """``reset``: UIDVALIDITY changed (RFC 3501 §2.3.1.1), so every stored UID is void."""

    reset: bool
    after_uid: int
    nothing_new: bool
    reason: str


def plan_fetch(cursor: Cursor, *, uidvalidity: int, uidnext: int, exists: int) -> FetchPlan:
    """Decide the fetch. UIDNEXT lets a no-op pass skip the SEARCH entirely."""
    if cursor.uidvalidity and cursor.uidvalidity != uidvalidity:
        return FetchPlan(reset=True, after_uid=0, nothing_new=exists == 0,
                         reason=f"UIDVALIDITY changed {cursor.uidvalidity} → {uidvalidity}")
    if not cursor.uidvalidity:
        return FetchPlan(reset=True, after_uid=0, nothing_new=exists == 0,
                         reason="first sync of this folder")
    if uidnext and uidnext <= cursor.last_uid + 1:
        return FetchPlan(reset=False, after_uid=cursor.last_uid, nothing_new=True,
                         reason="no new UIDs")
    return FetchPlan(reset=False, after_uid=cursor.last_uid, nothing_new=False,
                     reason=f"new UIDs after {cursor.last_uid}")
