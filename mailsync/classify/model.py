"""A small learned second opinion on the kind, for mail whose wording the cues do not know.

The cue registry is precise on the wording it was written from and unsure elsewhere; its
confidence says which. On corpora the rules had not been tuned on (older rules on the
corpus added after them; the model trained on the other TRAIN corpora), a complement
naive Bayes over the words and word pairs of the same text the cues read agreed with the
gold kind more often than the rules whenever the rules were below 0.8-0.9 confidence.
So :func:`combine` lets the model change the kind only there (below ``RULES_SURE``: the
rules' fallbacks and single-cue decisions), only when the model is itself fairly sure,
and says so in a reason naming the words that weighed most. Red flags, deadlines and the
rules' reasons are kept. 0.8 rather than 0.9 halves how often the model is scored for
about the same accuracy on those corpora.

Pure Python: the features are sets of lower-case tokens; the weights are a JSON file
in ``mailsync/data``, regenerated deterministically by ``benchmarks/train_kind_model.py``
from the labeled corpora. Scoring is one sum of precomputed per-feature vectors, packed
into ints (see ``_pack``).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from mailsync.classify.engine import View
from mailsync.labels import Classification, Reason
from mailsync.message import ParsedMessage
from mailsync.taxonomy import Kind

__all__ = ["WEIGHTS_PATH", "KindModel", "combine", "features", "kind_votes", "load"]

#: Shipped as package data (``mailsync/data/*`` in pyproject.toml).
WEIGHTS_PATH = Path(__file__).resolve().parents[1] / "data" / "kind_model.json"

#: The rules decide alone at or above this confidence (several agreeing cues).
RULES_SURE = 0.8
#: The model changes the kind only when its own probability reaches this.
MODEL_SURE = 0.5
#: The model needs this many known words and pairs to outvote a cue: a one-liner
#: ("we are excited to extend an invitation") is all cue and no context, and a bag of
#: words cannot see the negation that separates it from a rejection.
MIN_FEATURES = 40
#: Rule decisions the model never overrides: safety calls and the applicant's own
#: corrections, not wording guesses; the gate's "not about residency at all"; and mail
#: addressed to applicants as a group ("Dear applicants"), which no personal note is.
_KEEP = frozenset({"other.scam", "other.off_topic", "update.audience", "feedback.nearest",
                   # the vocabulary of these says rejection, waitlist or a new invitation
                   # (open dates, reply with a preference); their frame does not
                   "logistics.released_at_request", "logistics.date_waitlist",
                   "logistics.change"})
_CUE = "model.kind"

_TOKEN = re.compile(r"[a-z][a-z0-9']*[a-z0-9]|#1|\?|[a-z]")
_PIECE = re.compile(r"[a-z]+")
_DOMAIN_SPLIT = re.compile(r"[.\-]")


def features(view: View, sender: str = "", attachment_names: Iterable[str] = ()) -> set[str]:
    """Words and adjacent word pairs of the body the cues read (subject included for new
    mail), ``s:`` subject words, ``d:`` sender-domain parts, ``a:`` attachment-name words,
    and ``_reply`` for replies."""
    toks = _TOKEN.findall(view.body.lower())
    out = set(toks)
    out.update(map(" ".join, pairwise(toks)))
    out.update(["s:" + t for t in _TOKEN.findall(view.subject.lower())])
    domain = sender.rpartition("@")[2].lower()
    if domain:
        out.update(["d:" + t for t in _DOMAIN_SPLIT.split(domain) if t])
    for name in attachment_names:
        out.update(["a:" + t for t in _PIECE.findall(name.lower())])
    if view.is_reply:
        out.add("_reply")
    return out


#: Fixed-point packing of a feature's per-kind vector (and its squared idf) into one int, so
#: that summing the vectors of a message's features is one C-level ``sum`` of ints. Field 0
#: counts features (1 each); field ``i + 1`` holds ``round(value * _SCALE) + _OFFSET`` in
#: ``_BITS`` bits. With fewer than ``_MAX_FEATURES`` features per sum no field can carry
#: into the next.
_SCALE = 1_000
_BITS = 40
_OFFSET = 1 << 20
_MASK = (1 << _BITS) - 1
_MAX_FEATURES = 1 << (_BITS - 21)


def _pack(values: Iterable[float]) -> int:
    out = 1
    for i, v in enumerate(values, 1):
        field = round(v * _SCALE) + _OFFSET
        if not 0 <= field < 2 * _OFFSET:
            raise ValueError(f"weight {v} out of range")
        out |= field << (_BITS * i)
    return out


def _field(total: int, i: int) -> float:
    """Value ``i`` of a sum of packed vectors."""
    return (((total >> (_BITS * (i + 1))) & _MASK) - (total & _MASK) * _OFFSET) / _SCALE


class _Packed(dict[str, int]):
    """Feature → packed vector, packed when first asked for. Packing all 40,000 features
    took two thirds of loading the model (0.17 of 0.27 s), which a sync pays before its
    first fetch; a message asks for a hundred of them."""

    def __init__(self, rows: dict[str, list[float]]) -> None:
        super().__init__()
        self._rows = rows

    def __missing__(self, feature: str) -> int:
        idf, *w = self._rows[feature]
        value = self[feature] = _pack([*(idf * x for x in w), idf * idf])
        return value

    def __contains__(self, feature: object) -> bool:
        return feature in self._rows

    def __len__(self) -> int:
        return len(self._rows)

    def keys(self):  # type: ignore[override]  # every feature, packed or not
        return self._rows.keys()

    def get(self, feature: str, default: int | None = None) -> int | None:  # type: ignore[override]
        return self[feature] if feature in self._rows else default


@dataclass(frozen=True, slots=True)
class KindModel:
    """Complement naive Bayes over idf-weighted, length-normalized binary features.

    Per feature, the packed int holds idf(f) times its per-kind weight for each kind, then
    idf(f)**2 (for the length normalization); a softmax with ``temperature`` turns the
    scores into probabilities (the temperature was fit on held-out-corpus predictions)."""

    kinds: tuple[Kind, ...]
    packed: dict[str, int]
    temperature: float

    @classmethod
    def from_dict(cls, data: dict) -> KindModel:
        kinds = tuple(Kind(k) for k in data["kinds"])
        rows = data["features"]
        if len(rows) >= _MAX_FEATURES:
            raise ValueError("too many features to pack")
        return cls(kinds=kinds, packed=_Packed(rows), temperature=float(data["temperature"]))

    def total(self, feats: Iterable[str]) -> int:
        """The packed sum of the vectors of the features the model knows (0 for none)."""
        return sum(filter(None, map(self.packed.get, feats)))

    def probabilities(self, total: int) -> dict[Kind, float]:
        """Kind → probability from a packed sum (see :meth:`total`; uniform for 0)."""
        size = len(self.kinds)
        if not total:
            return dict.fromkeys(self.kinds, 1.0 / size)
        *sums, sq = (_field(total, i) for i in range(size + 1))
        scale = self.temperature / math.sqrt(sq) if sq > 0 else 0.0
        top = max(sums)
        exps = [math.exp((s - top) * scale) for s in sums]
        total = sum(exps)
        return {k: e / total for k, e in zip(self.kinds, exps, strict=True)}

    def top_features(self, feats: Iterable[str], kind: Kind, n: int = 5) -> list[str]:
        """The known features that pushed most toward ``kind`` against the average kind."""
        # The stored weights are centered per feature, so a kind's own weight is its pull.
        i = self.kinds.index(kind)
        packed = self.packed
        pulls = sorted((-_field(packed[f], i), f) for f in feats if f in packed)
        return [f for pull, f in pulls[:n] if pull < 0]


def load(path: str | Path = WEIGHTS_PATH) -> KindModel:
    """The model stored at ``path``."""
    return KindModel.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def _default() -> KindModel:
    return load()


def kind_votes(view: View, sender: str = "", attachment_names: Iterable[str] = (),
               model: KindModel | None = None) -> dict[Kind, float]:
    """The model's probability for each kind, from the text the cues read."""
    m = model or _default()
    return m.probabilities(m.total(features(view, sender, attachment_names)))


def _ruled(result: Classification) -> bool:
    """Decisions the model leaves alone: see ``_KEEP``, and a question the cues found,
    including a personal note's own question (taxonomy: a non-scheduling question to the
    applicant makes the message an info request, whatever else its words are about;
    the model, reading the praise around it, took such notes for interest signals)."""
    return any(r.cue in _KEEP or r.cue == _CUE for r in result.reasons) or (
        result.kind is Kind.INFO_REQUEST and any(
            r.cue.startswith("info.") or r.cue == "fallback.personal_question"
            for r in result.reasons))


def _warm_invitation(result: Classification, kind: Kind) -> bool:
    """A PD's long, warm letter that invites ("we would very much like to invite you to
    interview") reads to the model like a personal note; taxonomy.md's precedence keeps
    it an invitation. (On the tuning corpora every such change of the model was wrong.)"""
    return kind is Kind.INTEREST_SIGNAL and result.kind is Kind.INTERVIEW_INVITE and any(
        r.cue.startswith("invite.") for r in result.reasons)


def combine(result: Classification, view: View, msg: ParsedMessage | None = None, *,
            model: KindModel | None = None, rules_sure: float = RULES_SURE,
            model_sure: float = MODEL_SURE) -> Classification:
    """``result`` with the model's kind when the rules are unsure (confidence below
    ``rules_sure``) and the model is sure (probability at least ``model_sure``) of a
    different kind; otherwise ``result`` itself. Flags, deadlines and the rules' reasons
    are kept; a ``model.kind`` reason naming the words that weighed most is appended.
    ``msg`` (a ParsedMessage) adds the sender domain and attachment names as evidence."""
    if result.confidence >= rules_sure or _ruled(result):
        return result
    m = model or _default()
    sender = msg.sender if msg is not None else ""
    names = [a.filename for a in msg.attachments if a.filename] if msg is not None else []
    feats = features(view, sender, names)
    packed = m.packed  # most words are unknown: keep the known ones in one set operation
    known = list(map(packed.__getitem__, feats & packed.keys()))
    if len(known) < MIN_FEATURES:
        return result
    probs = m.probabilities(sum(known))
    kind = max(m.kinds, key=lambda k: (probs[k], -k.precedence))
    p = probs[kind]
    if kind is result.kind or p < model_sure or _warm_invitation(result, kind):
        return result
    words = ", ".join(m.top_features(feats, kind))
    reason = Reason(cue=_CUE, detail=f"learned kind model: {kind.value} p={p:.2f} "
                    f"(rules said {result.kind.value} at {result.confidence:.2f})", span=words)
    # Flags belong only to mail about the applicant's applications, never to `other`.
    other = kind is Kind.OTHER
    return Classification(kind=kind, flags=frozenset() if other else result.flags,
                          confidence=round(p, 2), reasons=(*result.reasons, reason),
                          deadlines=() if other else result.deadlines)
