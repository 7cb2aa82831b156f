"""Scoring the classifier and linker on a labeled corpus (the ``corpus/`` schema).

The path is the production one: record → RFC 5322 bytes (:mod:`mailsync.corpus`)
→ :func:`mailsync.parse.parse_message` → :func:`mailsync.classify.classify` →
:func:`mailsync.link.link`, messages in date order, each reply linked with the
links *predicted* for its thread so far (never the gold ones).

:func:`evaluate` is pure (records and predictions in, :class:`EvalReport` out);
:func:`run_eval` does the file reading for the CLI.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mailsync.classify import Feedback, classify
from mailsync.classify.context import FREEMAIL, NATIONAL_DOMAINS, PLATFORM_DOMAINS, domain_matches
from mailsync.corpus import convert_all, load_records, message_id_for
from mailsync.link import LinkCorrections, linker_for
from mailsync.message import ParsedMessage
from mailsync.programs import Program, parse_programs_csv
from mailsync.taxonomy import RED_FLAGS, Flag, Kind

Prediction = Mapping[str, Any]  # {"kind": str, "flags": [str], "program_id": str | None}


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall, F1 and the gold count for one label."""

    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True, slots=True)
class EvalReport:
    """Per-kind and per-flag scores, macro-F1, linking accuracy, confusion matrix, errors."""

    n: int
    kinds: dict[str, PRF]
    macro_f1: float
    flags: dict[str, PRF]
    linking_accuracy: float
    confusion: dict[str, dict[str, int]]
    errors: tuple[str, ...] = field(default=())

    def meets(self, *, macro_f1: float, red_recall: float, linking: float) -> bool:
        """True when macro-F1, every red flag's recall and linking accuracy reach the bars."""
        reds = [self.flags[f.value].recall for f in RED_FLAGS if self.flags[f.value].support]
        return (self.macro_f1 >= macro_f1 and all(r >= red_recall for r in reds)
                and self.linking_accuracy >= linking)


def _prf(tp: int, fp: int, fn: int) -> PRF:
    p = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return PRF(round(p, 4), round(r, 4), round(f, 4), tp + fn)


def evaluate(records: Sequence[Mapping[str, Any]], predictions: Sequence[Prediction]) -> EvalReport:
    """Score ``predictions`` (same order as ``records``) against the records' labels."""
    gold_kinds = [r["labels"]["kind"] for r in records]
    pred_kinds = [p["kind"] for p in predictions]
    kinds = {k.value: _prf(*_counts(gold_kinds, pred_kinds, k.value)) for k in Kind}
    present = [k for k in kinds.values() if k.support]
    macro = round(sum(k.f1 for k in present) / len(present), 4) if present else 0.0
    flags = {}
    for f in Flag:
        gold = [f.value in r["labels"]["flags"] for r in records]
        pred = [f.value in p["flags"] for p in predictions]
        tp = sum(g and q for g, q in zip(gold, pred, strict=True))
        flags[f.value] = _prf(tp, sum(q and not g for g, q in zip(gold, pred, strict=True)),
                              sum(g and not q for g, q in zip(gold, pred, strict=True)))
    linked = sum(r["labels"].get("program_id") == p.get("program_id")
                 for r, p in zip(records, predictions, strict=True))
    confusion: dict[str, dict[str, int]] = {k.value: dict.fromkeys((x.value for x in Kind), 0)
                                            for k in Kind}
    for g, q in zip(gold_kinds, pred_kinds, strict=True):
        confusion[g][q] += 1
    return EvalReport(n=len(records), kinds=kinds, macro_f1=macro, flags=flags,
                      linking_accuracy=round(linked / len(records), 4) if records else 0.0,
                      confusion=confusion, errors=tuple(_errors(records, predictions)))


def _counts(gold: list[str], pred: list[str], label: str) -> tuple[int, int, int]:
    tp = sum(g == label and p == label for g, p in zip(gold, pred, strict=True))
    fp = sum(g != label and p == label for g, p in zip(gold, pred, strict=True))
    fn = sum(g == label and p != label for g, p in zip(gold, pred, strict=True))
    return tp, fp, fn


def _errors(records: Sequence[Mapping[str, Any]], predictions: Sequence[Prediction]) -> list[str]:
    out = []
    for r, p in zip(records, predictions, strict=True):
        lab = r["labels"]
        problems = []
        if lab["kind"] != p["kind"]:
            problems.append(f"kind {lab['kind']} -> {p['kind']}")
        if set(lab["flags"]) != set(p["flags"]):
            problems.append(f"flags {sorted(lab['flags'])} -> {sorted(p['flags'])}")
        if lab.get("program_id") != p.get("program_id"):
            problems.append(f"program {lab.get('program_id')} -> {p.get('program_id')}")
        if problems:
            out.append(f"{r['id']}: " + "; ".join(problems))
    return out


def render(report: EvalReport, *, title: str = "", show_errors: bool = False) -> str:
    """A plain-text report: kinds table, flags table, linking, confusion matrix."""
    lines = [title] if title else []
    lines.append(f"messages: {report.n}   macro-F1: {report.macro_f1:.3f}   "
                 f"linking accuracy: {report.linking_accuracy:.3f}")
    lines.append(f"{'kind':<22}{'P':>7}{'R':>7}{'F1':>7}{'n':>5}")
    for k, s in report.kinds.items():
        lines.append(f"{k:<22}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{s.support:>5}")
    lines.append(f"{'flag':<22}{'P':>7}{'R':>7}{'F1':>7}{'n':>5}")
    for f, s in report.flags.items():
        lines.append(f"{f:<22}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{s.support:>5}")
    abbrev = {k.value: "".join(w[0] for w in k.value.split("_")).upper() for k in Kind}
    lines.append("confusion (rows gold, columns predicted): "
                 + " ".join(f"{v}={k}" for k, v in abbrev.items()))
    lines.append(" " * 6 + "".join(f"{abbrev[k]:>5}" for k in report.confusion))
    for g, row in report.confusion.items():
        lines.append(f"{abbrev[g]:<6}" + "".join(f"{n:>5}" for n in row.values()))
    if show_errors and report.errors:
        lines.append("errors:")
        lines.extend("  " + e for e in report.errors)
    return "\n".join(lines)


def predict(messages: Sequence[ParsedMessage], programs: Sequence[Program], *,
            feedback: Feedback | None = None,
            corrections: LinkCorrections | None = None) -> list[dict[str, Any]]:
    """Classify and link messages in order, threading with the links predicted so far."""
    linker = linker_for(programs)
    thread_links: dict[str, str] = {}
    out = []
    for msg in messages:
        c = classify(msg, programs=programs, feedback=feedback)
        lk = linker.link(msg, corrections=corrections, thread_links=thread_links, kind=c.kind)
        if lk.program_id:
            thread_links[msg.message_id] = lk.program_id
        out.append({"message_id": msg.message_id, "kind": c.kind.value,
                    "flags": c.sorted_flags, "program_id": lk.program_id,
                    "confidence": c.confidence})
    return out


def parse_corpus(records: Sequence[Mapping[str, Any]]) -> list[ParsedMessage]:
    """Records → bytes → ParsedMessage, through the real parser."""
    from mailsync.parse import parse_message

    return [parse_message(raw) for raw in convert_all(records)]


def load_feedback(path: str | Path, messages: Mapping[str, ParsedMessage]
                  ) -> tuple[Feedback, LinkCorrections]:
    """A feedback file (jsonl of {message_id or id, kind, flags, program_id}) as corrections."""
    items, by_thread, by_sender = [], {}, {}
    for row in _jsonl(path):
        mid = row.get("message_id") or message_id_for(row["id"])
        msg = messages.get(mid)
        if msg is None:
            continue
        if row.get("kind"):
            items.append((msg, Kind(row["kind"]), frozenset(Flag(f) for f in row.get("flags", ()))))
        if row.get("program_id"):
            by_thread[mid] = row["program_id"]
            if _personal_sender(msg.sender):
                by_sender[msg.sender] = row["program_id"]
    return Feedback.from_corrections(items), LinkCorrections(by_sender=by_sender,
                                                             by_thread=by_thread)


def _personal_sender(address: str) -> bool:
    """A correction by sender only makes sense for a person, not a platform or service."""
    domain = address.rpartition("@")[2]
    shared = (*NATIONAL_DOMAINS, *PLATFORM_DOMAINS)
    return bool(address) and domain not in FREEMAIL and not any(
        domain_matches(domain, d) for d in shared)


def _jsonl(path: str | Path) -> Iterable[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def run_eval(corpus_path: str | Path, programs_path: str | Path | None = None,
             feedback_path: str | Path | None = None) -> tuple[EvalReport, EvalReport | None]:
    """Score a corpus file; with a feedback file, also the score after applying it."""
    records = load_records(corpus_path)
    programs = (parse_programs_csv(Path(programs_path).read_text(encoding="utf-8"))
                if programs_path else [])
    messages = parse_corpus(records)
    report = evaluate(records, predict(messages, programs))
    if not feedback_path:
        return report, None
    feedback, corrections = load_feedback(feedback_path, {m.message_id: m for m in messages})
    after = evaluate(records, predict(messages, programs, feedback=feedback,
                                      corrections=corrections))
    return report, after


def split_records(records: Sequence[Mapping[str, Any]], parity: int) -> list[int]:
    """Indices of records whose numeric id has the given parity (odd=1 tune, even=0 check)."""
    return [i for i, r in enumerate(records)
            if int("".join(ch for ch in r["id"] if ch.isdigit()) or 0) % 2 == parity]


def compare_methods(records: Sequence[Mapping[str, Any]], messages: Sequence[ParsedMessage],
                    programs: Sequence[Program]) -> dict[str, float]:
    """Macro-F1 of the cue registry vs a naive Bayes baseline trained on the other half
    (odd ids train / even ids test and the reverse): the measurement behind the method."""
    from mailsync.classify.baseline import train_and_predict

    rules = predict(messages, programs)
    out: dict[str, float] = {}
    for train_parity, name in ((1, "even"), (0, "odd")):
        train = split_records(records, train_parity)
        test = split_records(records, 1 - train_parity)
        nb = train_and_predict([(messages[i], Kind(records[i]["labels"]["kind"])) for i in train],
                               [messages[i] for i in test])
        gold = [records[i] for i in test]
        out[f"naive_bayes_{name}"] = evaluate(gold, [
            {"kind": k.value, "flags": [], "program_id": None} for k in nb]).macro_f1
        out[f"rules_{name}"] = evaluate(gold, [rules[i] for i in test]).macro_f1
    return out
