"""Lint generalization: per-rule recall and precision on hand-written outgoing drafts.

The set is ``tests/data/drafts`` (README there): good drafts must have no blocking
finding; bad drafts list the findings that must fire. Odd ids are the TUNE half
(patterns may be improved looking at them), even ids the CHECK half (held out).

    python benchmarks/lint_eval.py [--split tune|check|all] [--verbose] [--json]

Recall per rule: expected (draft, rule) pairs met (a ``blocking`` expectation needs a
blocking finding, a ``warning`` one any finding). Precision per rule: drafts where the
rule fired and was expected, over drafts where it fired. Blocking false positives:
good drafts with any blocking finding.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mailsync.lint import Finding, lint  # noqa: E402
from mailsync.programs import Program, parse_programs_csv  # noqa: E402
from mailsync.taxonomy import OutgoingType  # noqa: E402

DATA = ROOT / "tests" / "data" / "drafts"
RULES = ("placeholder", "other_program", "rank_language", "standing_inquiry", "reciprocity",
         "promise", "withdrawal", "pleading", "criticism", "flattery", "length", "attachment",
         "signature", "salutation", "visa_tense")


@dataclass
class Draft:
    id: str
    type: OutgoingType | None
    program_id: str
    subject: str
    body: str
    attachments: tuple[str, ...]
    expected: dict[str, str]  # rule -> "blocking" | "warning"
    forbidden_blocking: bool

    @property
    def number(self) -> int:
        return int(re.sub(r"\D", "", self.id))

    @property
    def text(self) -> str:
        return f"Subject: {self.subject}\n\n{self.body}\n"


@dataclass
class Scores:
    drafts: int = 0
    good: int = 0
    bad: int = 0
    tp: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    fn: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    fired: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    fired_ok: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # id, rule, why
    false_fires: list[tuple[str, str, str, str]] = field(default_factory=list)
    blocking_fp: list[tuple[str, list[Finding]]] = field(default_factory=list)
    good_warnings: int = 0

    def recall(self, rule: str | None = None) -> float | None:
        tp = sum(self.tp.values()) if rule is None else self.tp[rule]
        fn = sum(self.fn.values()) if rule is None else self.fn[rule]
        return None if tp + fn == 0 else tp / (tp + fn)

    def precision(self, rule: str | None = None) -> float | None:
        ok = sum(self.fired_ok.values()) if rule is None else self.fired_ok[rule]
        fired = sum(self.fired.values()) if rule is None else self.fired[rule]
        return None if fired == 0 else ok / fired

    def as_dict(self) -> dict[str, object]:
        return {
            "drafts": self.drafts, "good": self.good, "bad": self.bad,
            "recall": self.recall(), "precision": self.precision(),
            "blocking_fp": [d for d, _ in self.blocking_fp], "good_warnings": self.good_warnings,
            "rules": {r: {"recall": self.recall(r), "precision": self.precision(r),
                          "tp": self.tp[r], "fn": self.fn[r], "fired": self.fired[r]}
                      for r in RULES},
            "misses": self.misses,
        }


def load_profile(readme: Path = DATA / "README.md") -> dict[str, str]:
    """The applicant profile: the JSON block under "## Profile" in the README."""
    m = re.search(r"## Profile.*?```json\n(.*?)```", readme.read_text(encoding="utf-8"), re.S)
    if not m:
        raise ValueError(f"no profile block in {readme}")
    return json.loads(m.group(1))


def load_drafts(path: Path = DATA / "drafts.jsonl") -> list[Draft]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        out.append(Draft(
            id=r["id"], type=OutgoingType(r["type"]) if r["type"] else None,
            program_id=r["program_id"], subject=r["subject"], body=r["body"],
            attachments=tuple(r.get("attachments", ())),
            expected={e["rule"]: e["severity"] for e in r["expected"]},
            forbidden_blocking=bool(r["forbidden_blocking"])))
    return out


def load_programs(path: Path = DATA / "programs.csv") -> list[Program]:
    return parse_programs_csv(path.read_text(encoding="utf-8"))


def in_split(draft: Draft, split: str) -> bool:
    if split == "all":
        return True
    return (draft.number % 2 == 1) == (split == "tune")


def run_draft(draft: Draft, programs: list[Program], profile: dict[str, str]) -> list[Finding]:
    by_id = {p.program_id: p for p in programs}
    return lint(draft.text, type=draft.type, program=by_id.get(draft.program_id),
                programs=programs, profile=profile, attachments=draft.attachments)


def evaluate(split: str = "all", drafts: list[Draft] | None = None,
             programs: list[Program] | None = None,
             profile: dict[str, str] | None = None) -> Scores:
    drafts = load_drafts() if drafts is None else drafts
    programs = load_programs() if programs is None else programs
    profile = load_profile() if profile is None else profile
    s = Scores()
    for d in drafts:
        if not in_split(d, split):
            continue
        found = run_draft(d, programs, profile)
        s.drafts += 1
        if d.forbidden_blocking:
            s.good += 1
            blocking = [f for f in found if f.blocking]
            if blocking:
                s.blocking_fp.append((d.id, blocking))
            s.good_warnings += sum(1 for f in found if not f.blocking)
        else:
            s.bad += 1
        by_rule: dict[str, list[Finding]] = defaultdict(list)
        for f in found:
            by_rule[f.rule].append(f)
        for rule, severity in d.expected.items():
            hits = by_rule.get(rule, [])
            ok = any(f.blocking for f in hits) if severity == "blocking" else bool(hits)
            if ok:
                s.tp[rule] += 1
            else:
                s.fn[rule] += 1
                why = "fired only as warning" if hits else "did not fire"
                s.misses.append((d.id, rule, why))
        for rule, hits in by_rule.items():
            s.fired[rule] += 1
            if rule in d.expected:
                s.fired_ok[rule] += 1
            else:
                f = max(hits, key=lambda f: f.blocking)
                s.false_fires.append((d.id, rule, f.severity, f.span.text if f.span else ""))
    return s


def _pct(x: float | None) -> str:
    return "   -" if x is None else f"{x * 100:4.0f}"


def report(s: Scores, split: str, verbose: bool = False) -> str:
    lines = [f"lint eval — split {split}: {s.drafts} drafts ({s.good} good, {s.bad} bad)", "",
             f"{'rule':<18}{'recall':>7}{'  (n)':>7}{'prec':>7}{'fired':>7}"]
    for r in RULES:
        n = s.tp[r] + s.fn[r]
        lines.append(f"{r:<18}{_pct(s.recall(r)):>7}{f'({s.tp[r]}/{n})':>7}"
                     f"{_pct(s.precision(r)):>7}{s.fired[r]:>7}")
    lines += ["", f"overall recall {_pct(s.recall())}%   precision {_pct(s.precision())}%",
              f"blocking false positives on good drafts: {len(s.blocking_fp)}/{s.good}   "
              f"(warnings on good drafts: {s.good_warnings})"]
    for did, fs in s.blocking_fp:
        lines.append(f"  BLOCKED {did}: " + "; ".join(
            f"{f.rule} {f.span.text!r}" if f.span else f.rule for f in fs))
    if verbose:
        lines.append("")
        lines += [f"  MISS {d} {r}: {why}" for d, r, why in s.misses]
        lines += [f"  EXTRA {d} {r} ({sev}) {txt!r}" for d, r, sev, txt in s.false_fires]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("tune", "check", "all"), default="all")
    ap.add_argument("--verbose", "-v", action="store_true", help="list misses and extra hits")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = ap.parse_args(argv)
    s = evaluate(args.split)
    print(json.dumps(s.as_dict(), indent=2) if args.json else report(s, args.split, args.verbose))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
