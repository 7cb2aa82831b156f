"""Decisions about one incoming message, each carrying the reasons behind it."""

from __future__ import annotations

from dataclasses import dataclass

from mailsync.taxonomy import Flag, Kind


@dataclass(frozen=True, slots=True, kw_only=True)
class Reason:
    """One cue that fired: which rule, what it concluded, and the text it matched."""

    cue: str
    detail: str
    span: str = ""

    def __str__(self) -> str:
        return f"{self.cue}: {self.detail}" + (f' ("{self.span}")' if self.span else "")

    def as_dict(self) -> dict[str, str]:
        return {"cue": self.cue, "detail": self.detail, "span": self.span}


@dataclass(frozen=True, slots=True, kw_only=True)
class Deadline:
    """A response deadline found in the text, timezone-aware."""

    when: str  # ISO 8601 with offset
    span: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Classification:
    """Exactly one kind, zero or more flags, a confidence in [0, 1] and the reasons."""

    kind: Kind
    flags: frozenset[Flag] = frozenset()
    confidence: float = 0.0
    reasons: tuple[Reason, ...] = ()
    deadlines: tuple[Deadline, ...] = ()

    @property
    def sorted_flags(self) -> list[str]:
        return sorted(f.value for f in self.flags)


@dataclass(frozen=True, slots=True, kw_only=True)
class Link:
    """The program a message is about, or ``program_id=None`` when below threshold."""

    program_id: str | None
    score: float = 0.0
    reasons: tuple[Reason, ...] = ()
