"""Compliance lint for outgoing mail: pure text in, findings with reasons out.

Every rule comes from spec/policy.md: the playbook's Use/Avoid columns (b),
the red flags to block or warn in outgoing drafts (d), R4 (no asking where one
stands, no bargaining), R10 (state *current* visa status) and the "Dr.
Lastname" / AAMC and ECFMG ID conventions. Rule ids are stable::

    placeholder  other_program  rank_language  standing_inquiry  reciprocity
    promise  withdrawal  pleading  criticism  flattery  length  attachment
    signature  salutation  visa_tense

Patterns are deliberately phrase-level and skip quoted text (``>`` lines and
anything under "On ... wrote:"), questions where a question is the fine form
(asking whether a position is in the Match), and negated statements ("I can't
commit before the Match").

This package runs every rule family over one message (:func:`lint`); the
families live in their own modules:

* :mod:`~mailsync.lint.findings`: ``Finding``, ``Span``, severities.
* :mod:`~mailsync.lint.document`: the text cut into subject, body, signature, quotes.
* :mod:`~mailsync.lint.patterns`: phrase-table rules and how they match.
* :mod:`~mailsync.lint.language`: rank talk, standing, reciprocity, promises,
  withdrawal, pleading, criticism, flattery.
* :mod:`~mailsync.lint.structure`: placeholders, length, attachments,
  signature, salutation.
* :mod:`~mailsync.lint.names`: another program named in the letter.
* :mod:`~mailsync.lint.visa`: visa status stated in the right tense.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence

from mailsync.lint.document import Doc, is_question, negated, parse_doc, sentence_bounds
from mailsync.lint.findings import BLOCKING, WARNING, Finding, Severity, Span
from mailsync.lint.language import LANGUAGE_RULES
from mailsync.lint.names import other_programs
from mailsync.lint.patterns import PatternRule, pattern_findings
from mailsync.lint.structure import (
    ATTACHMENT_MENTION,
    PD_TYPES,
    WORD_LIMITS,
    attachment_files,
    length,
    placeholders,
    salutation,
    signature,
)
from mailsync.lint.visa import visa_tense
from mailsync.programs import Program
from mailsync.taxonomy import OutgoingType as T

__all__ = [
    "BLOCKING", "PATTERN_RULES", "PD_TYPES", "WARNING", "WORD_LIMITS", "Doc", "Finding",
    "PatternRule", "Severity", "Span", "has_blocking", "is_question", "lint", "negated",
    "parse_doc", "sentence_bounds",
]

# Every phrase rule, in the order findings are produced.
PATTERN_RULES: tuple[PatternRule, ...] = (*LANGUAGE_RULES, ATTACHMENT_MENTION)


def lint(
    text: str,
    *,
    type: T | None,
    program: Program | None,
    programs: Sequence[Program],
    profile: Mapping[str, str],
    attachments: Sequence[str] = (),
) -> list[Finding]:
    """All findings for one outgoing message, in text order (span-less ones last).

    ``text`` is a plain body, or a message with a header block (a ``Subject:``
    line, optionally other headers) and a blank line before the body.
    """
    doc = parse_doc(text)
    checks: list[Callable[[], Iterator[Finding]]] = [
        lambda: placeholders(doc),
        lambda: other_programs(doc, program, programs, profile),
        lambda: pattern_findings(doc, type, PATTERN_RULES),
        lambda: visa_tense(doc, profile),
        lambda: salutation(doc, program, type),
        lambda: signature(doc, profile),
        lambda: length(doc, type),
        lambda: attachment_files(attachments, type),
    ]
    findings = _dedupe([f for check in checks for f in check()])
    return sorted(findings, key=lambda f: (f.span is None, f.span.start if f.span else 0))


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per rule and span (overlapping patterns of one rule count once)."""
    out: list[Finding] = []
    for f in findings:
        if f.span is not None and any(
            g.rule == f.rule and g.span is not None and g.span.start < f.span.end
            and f.span.start < g.span.end for g in out
        ):
            continue
        out.append(f)
    return out


def has_blocking(findings: Sequence[Finding]) -> bool:
    return any(f.blocking for f in findings)
