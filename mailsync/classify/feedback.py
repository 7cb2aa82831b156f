"""Per-user corrections, used as nearest-example overrides.

When the applicant relabels a message, the same sender tends to send the same
kind of message again (a platform's "interview scheduled" notices, a program's
newsletter). An example matches a new message when it comes from the same
address (or, more weakly, the same domain) and the subjects share most of their
words; the example's labels then replace the cue decision, and the reasons say so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from mailsync.message import ParsedMessage
from mailsync.taxonomy import Flag, Kind

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset({"re", "fw", "fwd", "the", "a", "an", "and", "of", "to", "for", "your", "you",
                   "in", "on", "at", "with", "from", "is", "our"})
MIN_SIMILARITY = 0.75


def subject_tokens(subject: str) -> frozenset[str]:
    """Content words of a subject, lower-cased, reply prefixes and stop words removed."""
    return frozenset(w for w in _WORD.findall(subject.lower()) if w not in _STOP and
                     not w.isdigit())


@dataclass(frozen=True, slots=True)
class FeedbackExample:
    """One relabeled message reduced to what generalizes: sender, domain, subject words."""

    sender: str
    domain: str
    subject_tokens: frozenset[str]
    kind: Kind
    flags: frozenset[Flag]


@dataclass(frozen=True, slots=True)
class Feedback:
    """The applicant's corrections. Build with :meth:`from_corrections`."""

    examples: tuple[FeedbackExample, ...] = ()

    @classmethod
    def from_corrections(
        cls, items: Iterable[tuple[ParsedMessage, Kind, frozenset[Flag]]]
    ) -> Feedback:
        examples = tuple(
            FeedbackExample(sender=m.sender, domain=m.sender.rpartition("@")[2],
                            subject_tokens=subject_tokens(m.subject), kind=Kind(k),
                            flags=frozenset(Flag(f) for f in flags))
            for m, k, flags in items
        )
        return cls(examples=examples)

    def nearest(self, msg: ParsedMessage) -> tuple[FeedbackExample, float] | None:
        """The most similar example at or above :data:`MIN_SIMILARITY`, with its score."""
        best: tuple[FeedbackExample, float] | None = None
        tokens = subject_tokens(msg.subject)
        domain = msg.sender.rpartition("@")[2]
        for ex in self.examples:
            score = _similarity(ex, msg.sender, domain, tokens)
            if score >= MIN_SIMILARITY and (best is None or score > best[1]):
                best = (ex, score)
        return best


def _similarity(ex: FeedbackExample, sender: str, domain: str, tokens: frozenset[str]) -> float:
    if not sender:
        return 0.0
    union = ex.subject_tokens | tokens
    jaccard = len(ex.subject_tokens & tokens) / len(union) if union else 1.0
    if ex.sender == sender:
        return 0.4 + 0.6 * jaccard
    if ex.domain == domain:
        return 0.2 + 0.6 * jaccard
    return 0.0
