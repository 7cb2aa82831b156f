"""Phrase-level rules: a regular expression plus when a match is a finding.

Most lint rules are tables of phrases (policy.md (d): "Block or warn in
outgoing drafts"). A :class:`PatternRule` says where its phrase is fine (the
one letter of intent may say "#1"), which matches do not count (negated
statements, questions, rule-specific exemptions) and how severe a match is
for a given outgoing type. :func:`pattern_findings` applies a table of them
to the scanned parts of a document.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from mailsync.lint.document import Doc, is_question, negated
from mailsync.lint.findings import BLOCKING, Finding, Severity, Span
from mailsync.taxonomy import OutgoingType as T


@dataclass(frozen=True, slots=True, kw_only=True)
class PatternRule:
    """A regular expression and the conditions under which it is a finding.

    ``allowed_in``: types where the phrase is fine. ``exempt(text, match)``:
    a rule's own test for a match that is not what the rule is about.
    ``untyped_severity``: the severity when the caller did not give the type.
    ``blocking_in``: types where a match always blocks.
    """

    rule: str
    pattern: re.Pattern[str]
    reason: str
    fix: str
    severity: Severity = BLOCKING
    allowed_in: frozenset[T] = frozenset()
    skip_negated: bool = False
    skip_questions: bool = False
    exempt: Callable[[str, re.Match[str]], bool] | None = None
    untyped_severity: Severity | None = None
    blocking_in: frozenset[T] = frozenset()

    def severity_for(self, type_: T | None) -> Severity:
        if type_ is None and self.untyped_severity is not None:
            return self.untyped_severity
        if type_ is not None and type_ in self.blocking_in:
            return BLOCKING
        return self.severity


def any_of(*parts: str) -> re.Pattern[str]:
    """One case-insensitive pattern matching any of ``parts``."""
    return re.compile("|".join(f"(?:{p})" for p in parts), re.I)


def pattern_findings(doc: Doc, type_: T | None, rules: Sequence[PatternRule]
                     ) -> Iterator[Finding]:
    """Every counted match of every rule not allowed in ``type_``, rule by rule."""
    for rule in rules:
        if type_ is not None and type_ in rule.allowed_in:
            continue
        for m in doc.finditer(rule.pattern):
            if not _skip(rule, doc.text, m):
                yield Finding(rule=rule.rule, severity=rule.severity_for(type_), span=Span.of(m),
                              reason=rule.reason, fix=rule.fix)


def _skip(rule: PatternRule, text: str, m: re.Match[str]) -> bool:
    if rule.skip_negated and negated(text, m.start()):
        return True
    if rule.skip_questions and is_question(text, m.start()):
        return True
    return rule.exempt is not None and rule.exempt(text, m)
