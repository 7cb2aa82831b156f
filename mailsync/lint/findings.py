"""What a lint hit is: a stable rule id, a severity, where it is, why, and the fix.

Kept apart from the rules so that callers (the outgoing pipeline, the CLI,
the demo) depend on the shape of a finding and not on any rule.
``blocking`` findings stop approval; ``warning`` ones are shown for review
(policy.md (d): "Block or warn in outgoing drafts").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Severity = Literal["blocking", "warning"]
BLOCKING: Severity = "blocking"
WARNING: Severity = "warning"


@dataclass(frozen=True, slots=True)
class Span:
    """Where a finding is: character offsets into the linted text, and the text."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, m: re.Match[str]) -> Span:
        """The span of a regular-expression match."""
        return cls(m.start(), m.end(), m.group(0))


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """One lint hit: stable rule id, severity, span, why, and how to fix it."""

    rule: str
    severity: Severity
    span: Span | None
    reason: str
    fix: str

    @property
    def blocking(self) -> bool:
        return self.severity == BLOCKING

    @property
    def code(self) -> str:
        return self.rule

    def as_dict(self) -> dict[str, object]:
        span = self.span
        return {
            "rule": self.rule, "severity": self.severity, "reason": self.reason, "fix": self.fix,
            "span": None if span is None else {"start": span.start, "end": span.end,
                                               "text": span.text},
        }
