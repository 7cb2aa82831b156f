"""Analyses of the cue patterns, remembered between runs.

Building the cue registry parses every pattern to find the literals each must
contain (its prefilter and gate clauses, see :mod:`.cues`). That analysis is
pure and depends only on the pattern and on the code that analyses it, yet it
is about half of the classifier's start-up: a second of a one-shot ``mailsync
classify`` or of a sync's first batch. So the results are kept in a JSON file in
the user's cache directory, named by a digest of that code and of the Python
version (whose regex parser it walks), and read back on the next start. A missing,
unreadable or corrupt file only means computing again; nothing is ever read from
it that the same code would not compute.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

#: The modules whose code decides the analyses: a change to either starts a new file.
_SOURCES = ("cues.py", "memo.py")


def _digest() -> str:
    here = Path(__file__).resolve().parent
    h = hashlib.sha256(sys.version.encode())
    for name in _SOURCES:
        h.update((here / name).read_bytes())
    return h.hexdigest()[:16]


def _cache_dir() -> Path:
    """``MAILSYNC_CACHE_DIR`` when set (tests, read-only homes), else the platform's."""
    override = os.environ.get("MAILSYNC_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("mailsync"))


class PatternMemo:
    """Results of pure functions of a pattern string, loaded from and saved to ``path``."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._known: dict[str, Any] = {}
        self._dirty = False
        if path is not None:
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                if isinstance(data, dict):
                    self._known = data
            except (OSError, ValueError):
                pass  # first run, or a file cut short: compute again

    def get(self, kind: str, pattern: str, compute: Callable[[str], Any],
            encode: Callable[[Any], Any], decode: Callable[[Any], Any]) -> Any:
        """``compute(pattern)``, or its remembered value (``kind`` names the function)."""
        key = f"{kind}\x00{pattern}"
        if key in self._known:
            try:
                return decode(self._known[key])
            except (TypeError, ValueError):
                pass
        value = compute(pattern)
        self._known[key] = encode(value)
        self._dirty = True
        return value

    def save(self) -> None:
        """Write what was computed this run (atomically: a concurrent start reads the old
        file or the new one, never half of one). Failing to write is not an error."""
        if not self._dirty or self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".cue-analysis-")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(self._known, f, separators=(",", ":"))
            os.replace(tmp, self.path)
            self._dirty = False
        except OSError as exc:
            log.debug("cue analysis not cached: %s", exc)


def default_memo() -> PatternMemo:
    try:
        return PatternMemo(_cache_dir() / f"cue-analysis-{_digest()}.json")
    except OSError:
        return PatternMemo(None)
