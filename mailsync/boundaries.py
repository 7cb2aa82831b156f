"""MIME boundary lines recognized without compiling a regular expression per message.

``email.feedparser`` compiles one pattern per multipart message, built from its
boundary string; boundaries are unique, so ``re``'s cache never helps, and the
compile costs about a sixth of parsing a typical multipart message (0.58 → 0.50 ms a
message on the sync benchmark's mail). :func:`install` gives the feedparser a
``re`` whose ``compile`` recognizes exactly that pattern and answers it with
:class:`BoundaryPattern`, which matches the same lines with string operations; every
other pattern, and any future form of this one, goes to the real ``re``. The tests
check the two against each other on generated lines.
"""

from __future__ import annotations

import email.feedparser
import re
from typing import Any

#: The pattern feedparser builds: ``_HEAD + re.escape("--" + boundary) + _TAIL``.
_HEAD = "(?P<sep>"
_TAIL = r")(?P<end>--)?(?P<ws>[ \t]*)(?P<linesep>\r\n|\r|\n)?$"
_UNESCAPE = re.compile(r"\\(.)", re.DOTALL)
#: After the separator, its optional "--" and blanks: a line break, then the end of the
#: line or one more "\n" (``$`` also matches before a final newline).
_BREAKS = ("\r\n", "\r", "\n")
_ENDS = ("", "\n")


class BoundaryMatch:
    """The part of ``re.Match`` the feedparser reads: ``group(name)`` and ``group(0)``."""

    __slots__ = ("_groups",)

    def __init__(self, groups: dict[int | str, str | None]) -> None:
        self._groups = groups

    def group(self, name: int | str = 0) -> str | None:
        return self._groups[name]


class BoundaryPattern:
    """``re.compile(_HEAD + re.escape(sep) + _TAIL)``, for its ``match(line)``."""

    __slots__ = ("sep",)

    def __init__(self, sep: str) -> None:
        self.sep = sep

    def match(self, line: str) -> BoundaryMatch | None:
        if not line.startswith(self.sep):
            return None  # nearly every line: one C call
        i = len(self.sep)
        end = None
        if line.startswith("--", i):
            end, i = "--", i + 2
        j = i
        while j < len(line) and line[j] in " \t":
            j += 1
        rest = line[j:]
        for nl in _BREAKS:
            if rest.startswith(nl) and rest[len(nl):] in _ENDS:
                return self._found(line, end, i, j, j + len(nl), nl)
        if rest in _ENDS:
            return self._found(line, end, i, j, j, None)
        return None

    def _found(self, line: str, end: str | None, i: int, j: int, k: int,
               nl: str | None) -> BoundaryMatch:
        return BoundaryMatch({0: line[:k], "sep": self.sep, "end": end, "ws": line[i:j],
                              "linesep": nl})


class _FeedparserRe:
    """The ``re`` module, except ``compile`` of feedparser's boundary pattern."""

    def __getattr__(self, name: str) -> Any:
        return getattr(re, name)

    @staticmethod
    def compile(pattern: Any, flags: int = 0) -> Any:
        return boundary_pattern(pattern, flags) or re.compile(pattern, flags)


def boundary_pattern(pattern: Any, flags: int = 0) -> BoundaryPattern | None:
    """The string matcher for feedparser's boundary pattern; None for any other pattern."""
    if flags or not isinstance(pattern, str):
        return None
    if not (pattern.startswith(_HEAD) and pattern.endswith(_TAIL)):
        return None
    escaped = pattern[len(_HEAD):-len(_TAIL)]
    if re.escape(sep := _UNESCAPE.sub(r"\1", escaped)) != escaped:
        return None  # not a plain escaped literal: leave it to re
    return BoundaryPattern(sep)


def install() -> None:
    """Give ``email.feedparser`` the boundary-aware ``re`` (idempotent)."""
    if not isinstance(email.feedparser.re, _FeedparserRe):
        email.feedparser.re = _FeedparserRe()  # type: ignore[assignment]
