"""A learned baseline, kept to justify the rule-based method by measurement.

Multinomial naive Bayes over the words of the new part of a message (subject included)
and the sender's domain, trained on part of a labeled corpus. ``mailsync.evaluate``
compares it with the cue registry on a split of the dev corpus (train on odd ids, score
on even ids). It is not used by :func:`mailsync.classify.classify`.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mailsync.classify.quoting import split_message
from mailsync.message import ParsedMessage
from mailsync.taxonomy import Kind

_TOKEN = re.compile(r"[a-z][a-z0-9'#-]+|#1")


def features(msg: ParsedMessage) -> list[str]:
    """Lower-case words of subject and new text, plus the sender domain as a token."""
    parts = split_message(msg.text or "", msg.subject)
    words = _TOKEN.findall(f"{msg.subject}\n{parts.readable}".lower())
    return [*words, "domain=" + msg.sender.rpartition("@")[2]]


@dataclass(frozen=True, slots=True)
class NaiveBayes:
    """Trained class priors and per-class word log-probabilities (Laplace smoothing)."""

    priors: dict[Kind, float]
    logp: dict[Kind, dict[str, float]]
    unseen: dict[Kind, float]

    @classmethod
    def train(cls, examples: Iterable[tuple[ParsedMessage, Kind]], alpha: float = 1.0
              ) -> NaiveBayes:
        counts: dict[Kind, Counter[str]] = defaultdict(Counter)
        docs: Counter[Kind] = Counter()
        for msg, kind in examples:
            counts[kind].update(features(msg))
            docs[kind] += 1
        vocab = {w for c in counts.values() for w in c}
        total = sum(docs.values())
        priors = {k: math.log(n / total) for k, n in docs.items()}
        logp, unseen = {}, {}
        for k, c in counts.items():
            denom = sum(c.values()) + alpha * (len(vocab) + 1)
            logp[k] = {w: math.log((n + alpha) / denom) for w, n in c.items()}
            unseen[k] = math.log(alpha / denom)
        return cls(priors=priors, logp=logp, unseen=unseen)

    def predict(self, msg: ParsedMessage) -> Kind:
        words = features(msg)
        return max(self.priors, key=lambda k: self.priors[k] + sum(
            self.logp[k].get(w, self.unseen[k]) for w in words))


def train_and_predict(train: Sequence[tuple[ParsedMessage, Kind]],
                      test: Sequence[ParsedMessage]) -> list[Kind]:
    model = NaiveBayes.train(train)
    return [model.predict(m) for m in test]
