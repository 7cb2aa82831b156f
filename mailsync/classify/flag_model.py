"""A learned second opinion on red flags, for requests the cues do not know the wording of.

The cues decide the red flags and say exactly which words asked; on mail by writers they
were not written from they still miss some requests. For each flag the weights file
holds, a logistic regression scores every sentence of the text the cues read (attachments
included) that holds one of the flag's topic words, over the sentence's words, word pairs
and triples, a negation/policy marker, a question marker and the message's kind; the
message's score is its best sentence's. :func:`add_flags` only ever *adds* a flag the
cues did not set (union), only to mail that is not ``other``, only at or above a
threshold fit on leave-one-corpus-out predictions for precision 0.9, and always with a
``model.flag`` reason quoting the sentence that weighed most.

Which flags ship is a measurement (``benchmarks/train_flag_model.py``). Trained on the
first seven corpora, only the withdrawal model added requests without costing precision;
trained on the 28 tuning corpora, all three do. Pooled over the 15 unseen held-out sets:
rank inquiry recall 0.88 → 0.92 (precision 0.89 → 0.87), commitment request 0.83 →
0.90 (0.75 → 0.76), withdrawal request 0.91 → 0.96 (0.96 → 0.98).

Pure Python: the weights are a JSON file in ``mailsync/data`` regenerated
deterministically by the trainer; mail without a topic word costs one regex search.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

import ahocorasick

from mailsync.classify.cues import negated
from mailsync.classify.engine import View, retracted_sentences
from mailsync.classify.frames import applicants_question, looks_alike
from mailsync.classify.text import sentences
from mailsync.labels import Classification, Reason
from mailsync.message import ParsedMessage
from mailsync.taxonomy import Flag, Kind

__all__ = ["TOPICS", "WEIGHTS_PATH", "FlagModel", "add_flags", "flag_scores", "load",
           "sentence_features", "topic_sentences"]

#: Shipped as package data (``mailsync/data/*`` in pyproject.toml).
WEIGHTS_PATH = Path(__file__).resolve().parents[1] / "data" / "flag_model.json"

#: The words a sentence must hold (as lower-case substrings, which C-level ``in`` finds
#: far faster than a regex alternation) for a flag's model to read it. A message with none
#: of them is skipped after a few substring searches.
TOPICS: dict[Flag, tuple[str, ...]] = {
    Flag.RANK_INQUIRY: ("rank", "list", "first", "#1", "choice", "top", "number one", "prefer",
                        "elsewhere", "where else", "other program", "interviewing", "applied",
                        "other places"),
    Flag.COMMITMENT_REQUEST: ("commit", "promis", "pledge", "assur", "guarant", "intend",
                              "intent", "sign", "rank", "#1", "first", "match"),
    Flag.WITHDRAWAL_REQUEST: ("withdraw", "cancel", "declin", "match", "nrmp", "contract",
                              "sign", "elsewhere", "other interview", "outside"),
}
_CUE = "model.flag"
_SPAN = 120
#: A position held outside the Match is no withdrawal request by itself (taxonomy: the
#: flag needs an ask to leave the Match, drop interviews or sign for a Match position);
#: such a sentence counts only when it also asks to withdraw, cancel or decline.
_OUTSIDE = re.compile(r"\boutside (?:of )?the (?:nrmp |main )?(?:residency )?match\b")
_LEAVE = re.compile(r"\b(?:withdraw\w*|cancel\w*|declin\w*|pull out|back out|release|"
                    r"out of the (?:\w+ )?match|off the market|stop interviewing|"
                    r"remov\w* (?:yourself|your name|your registration)|"
                    r"no (?:more|further|other) (?:\w+ )?interviews|"
                    r"not (?:pursue|attend|accept|consider) (?:any )?(?:other|further|more))\b")

_TOKEN = re.compile(r"[a-z][a-z0-9']*[a-z0-9]|#1|\?|[a-z]")
#: Negation and policy context: "we will never ask", "NRMP rules prohibit ...".
_NEG = re.compile(r"\b(?:never|not|no|don't|won't|nor|cannot|can't|prohibit\w*|forbid\w*|"
                  r"violat\w*|polic\w*|code of conduct|communication code|rules?)\b", re.I)


@lru_cache(maxsize=32)  # the flags' topics share sentences ("rank us first", "commit")
def sentence_features(sentence: str, kind: Kind) -> frozenset[str]:
    """Lower-case words, word pairs and triples of one sentence, ``_neg`` for negation or
    policy words, ``_q`` for a question, and ``k:<kind>`` for the message's kind."""
    toks = _TOKEN.findall(sentence.lower())
    out = set(toks)
    out.update(map(" ".join, pairwise(toks)))
    out.update(" ".join(toks[i:i + 3]) for i in range(len(toks) - 2))
    if _NEG.search(sentence):
        out.add("_neg")
    if sentence.rstrip().endswith("?"):
        out.add("_q")
    out.add("k:" + kind.value)
    return frozenset(out)


def topic_sentences(view: View, topic: tuple[str, ...]) -> Iterator[str]:
    """The sentences of the body and attachments the cues read that hold a topic word."""
    for text in (view.body, view.attachments):
        spans, where = _topic_index(text)
        picked = sorted({n for word in topic for n in where.get(word, ())})
        for n in picked:
            start, end = spans[n]
            chunk = text[start:end].strip()
            if chunk:
                yield chunk


def _topic_automaton() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for word in {w for words in TOPICS.values() for w in words}:
        auto.add_word(word, word)
    auto.make_automaton()
    return auto


_TOPIC_WORDS = _topic_automaton()


@lru_cache(maxsize=4)  # the three flags read the same body and attachments in turn
def _topic_index(text: str) -> tuple[tuple[tuple[int, int], ...], dict[str, set[int]]]:
    """The sentences of ``text`` and, for each topic word it holds, the sentences holding
    it: one Aho–Corasick pass (in C) serves every flag's topic."""
    where: dict[str, set[int]] = {}
    if not text:
        return (), where
    spans = sentences(text)
    starts = [a for a, _ in spans]
    for end, word in _TOPIC_WORDS.iter(text.lower()):
        n = bisect_right(starts, end - len(word) + 1) - 1
        where.setdefault(word, set()).add(n if n > 0 else 0)
    return spans, where


@dataclass(frozen=True, slots=True)
class FlagScorer:
    """Logistic regression over sentence features for one flag, and its threshold."""

    flag: Flag
    bias: float
    weights: dict[str, float]
    threshold: float

    def probability(self, feats: frozenset[str]) -> float:
        weights = self.weights  # most features have no weight: sum over the known ones
        z = self.bias + sum(map(weights.__getitem__, feats & weights.keys()))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True, slots=True)
class FlagModel:
    """The shipped per-flag scorers (only the flags the measurement kept)."""

    scorers: tuple[FlagScorer, ...]

    @classmethod
    def from_dict(cls, data: dict) -> FlagModel:
        return cls(tuple(FlagScorer(flag=Flag(name), bias=float(row["bias"]),
                                    weights={f: float(w) for f, w in row["weights"].items()},
                                    threshold=float(row["threshold"]))
                         for name, row in sorted(data["flags"].items())))

    def best(self, view: View, kind: Kind, scorer: FlagScorer,
             skip: frozenset[str] = frozenset()) -> tuple[float, str]:
        """The highest sentence probability for ``scorer``'s flag, and that sentence;
        the sentences in ``skip`` (taken back by the program) are not read."""
        p, span = 0.0, ""
        for s in topic_sentences(view, TOPICS[scorer.flag]):
            if s in skip:
                continue
            q = scorer.probability(sentence_features(s, kind))
            if q > p:
                p, span = q, s
        return p, span


def load(path: str | Path = WEIGHTS_PATH) -> FlagModel:
    """The model stored at ``path``."""
    return FlagModel.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def _default() -> FlagModel:
    return load()


def flag_scores(view: View, kind: Kind, model: FlagModel | None = None
                ) -> dict[Flag, tuple[float, str]]:
    """Flag → (probability, sentence that weighed most) for each shipped flag."""
    m = model or _default()
    return {s.flag: m.best(view, kind, s) for s in m.scorers}


def _outside_offer(flag: Flag, sentence: str, outside_match: bool) -> bool:
    """A position outside the Match, with no ask to leave it: no withdrawal request."""
    low = sentence.lower()
    return (flag is Flag.WITHDRAWAL_REQUEST and _LEAVE.search(low) is None
            and (outside_match or _OUTSIDE.search(low) is not None))


def _leave_only_negated(sentence: str) -> bool:
    """The sentence names leaving the Match or other interviews only to say it is not asked
    for; the model, which reads words, takes it for the ask itself."""
    low = sentence.lower()
    found = False
    for m in _LEAVE.finditer(low):
        found = True
        # "does not require you to withdraw", "you do NOT need to withdraw"
        if not negated(low[:m.start()], 40):
            return False
    return found


def _applicants_line(view: View, sentence: str) -> bool:
    """The sentence sits on a line of the applicant's question (an FAQ's "Q:", a quoted
    line answered between): the model reads the sentence without its line's lead."""
    i = view.body.find(sentence)
    return applicants_question(sentence) or (i >= 0 and applicants_question(view.body, i))


def add_flags(result: Classification, view: View, msg: ParsedMessage | None = None, *,
              model: FlagModel | None = None, outside_match: bool = False,
              past_match_day: bool = False) -> Classification:
    """``result`` plus the red flags the model is sure of and the cues did not set, each
    with a ``model.flag`` reason; ``result`` itself when there are none. Never touches
    ``other`` mail (flags belong only to mail about the applicant's applications).
    ``msg`` is accepted for symmetry with :func:`mailsync.classify.model.combine`.

    ``outside_match``: the sender's program is outside the NRMP, the mail says its
    position is, or Match Day has passed. Signing then leaves no Match, so a withdrawal
    request needs a sentence that asks to withdraw, cancel or decline; the model, which
    learned that a signature line on an offer from a Match program is one, does not know
    the difference. ``past_match_day``: no rank list is pending, so no rank inquiry is
    added (a program's post-Match survey asks what shaped the list)."""
    if result.kind is Kind.OTHER:
        return result
    m = model or _default()
    skip: frozenset[str] | None = None  # the sentences taken back, read only when needed
    added: list[Flag] = []
    reasons: list[Reason] = []
    for scorer in m.scorers:
        if scorer.flag in result.flags or (past_match_day and scorer.flag is Flag.RANK_INQUIRY):
            continue
        p, span = m.best(view, result.kind, scorer)
        if p >= scorer.threshold:
            skip = retracted_sentences(view.body) if skip is None else skip
            if span in skip:
                p, span = m.best(view, result.kind, scorer, skip)
        if scorer.flag is Flag.WITHDRAWAL_REQUEST and p >= scorer.threshold \
                and _leave_only_negated(span):
            p, span = m.best(view, result.kind, scorer, (skip or frozenset()) | {span})
        if p >= scorer.threshold and _applicants_line(view, span):
            p, span = m.best(view, result.kind, scorer, (skip or frozenset()) | {span})
        if p >= scorer.threshold and not _outside_offer(scorer.flag, span, outside_match) \
                and not (scorer.flag is Flag.RANK_INQUIRY and looks_alike(scorer.flag, span)):
            added.append(scorer.flag)
            span = " ".join(span.split())
            reasons.append(Reason(cue=_CUE, detail=f"learned {scorer.flag.value} model p={p:.2f}",
                                  span=span if len(span) <= _SPAN else span[:_SPAN - 1] + "…"))
    if not added:
        return result
    return Classification(kind=result.kind, flags=result.flags | frozenset(added),
                          confidence=result.confidence, reasons=(*result.reasons, *reasons),
                          deadlines=result.deadlines)
