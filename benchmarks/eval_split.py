"""Scores of the classifier and linker per corpus: dev, held-out (tests/data/heldout),
the bundled sample mail, and all of them together.

Since round 2 all three are tuned on (the cue families were generalized from their
misses); the fresh, unseen set is tests/data/heldout2, which this script never reads.
The old TUNE / CHECK split (dev + odd held-out ids vs even held-out ids + sample) is
still printed, because the CHECK side was the one measured blind before round 2.

Each corpus is predicted whole and in order (threads link through earlier
predictions), then split. ``--errors`` lists every error; ``--confusions`` the
confused (gold -> predicted) label pairs over everything.

    python benchmarks/eval_split.py [--errors] [--confusions] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mailsync.corpus import load_records  # noqa: E402
from mailsync.evaluate import EvalReport, evaluate, parse_corpus, predict, render  # noqa: E402
from mailsync.programs import parse_programs_csv  # noqa: E402
from mailsync.taxonomy import RED_FLAGS  # noqa: E402

DEV = ROOT.parent / "shared" / "corpus"
HELDOUT = ROOT / "tests" / "data" / "heldout"
SAMPLE = ROOT / "mailsync" / "sample"


def _programs(path: Path):  # type: ignore[no-untyped-def]
    return parse_programs_csv(path.read_text(encoding="utf-8"))


def _corpus(folder: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    records = load_records(folder / "messages.jsonl")
    return records, predict(parse_corpus(records), _programs(folder / "programs.csv"))


def _sample() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    from mailsync.parse import parse_message

    rows = [json.loads(x) for x in (SAMPLE / "labels.jsonl").read_text().splitlines() if x.strip()]
    msgs = [parse_message((SAMPLE / "mail" / r["file"]).read_bytes()) for r in rows]
    records = [{"id": r["file"], "labels": {"kind": r["kind"], "flags": r["flags"],
                                            "program_id": r["program_id"]}} for r in rows]
    return records, predict(msgs, _programs(SAMPLE / "programs.csv"))


def _num(rid: str) -> int:
    return int("".join(ch for ch in rid if ch.isdigit()) or 0)


def sides() -> dict[str, tuple[list[dict[str, Any]], list[dict[str, Any]]]]:
    """name → (records, predictions) for tune, check and their parts."""
    dev = _corpus(DEV) if (DEV / "messages.jsonl").exists() else ([], [])
    held = _corpus(HELDOUT)
    sample = _sample()

    def pick(pair, parity):  # type: ignore[no-untyped-def]
        idx = [i for i, r in enumerate(pair[0]) if _num(r["id"]) % 2 == parity]
        return [pair[0][i] for i in idx], [pair[1][i] for i in idx]

    odd, even = pick(held, 1), pick(held, 0)
    return {
        "dev": dev, "heldout": held, "sample": sample,
        "all": (dev[0] + held[0] + sample[0], dev[1] + held[1] + sample[1]),
        "tune": (dev[0] + odd[0], dev[1] + odd[1]),
        "check": (even[0] + sample[0], even[1] + sample[1]),
        "tune/dev": dev, "tune/heldout-odd": odd,
        "check/heldout-even": even, "check/sample": sample,
    }


def summary(report: EvalReport) -> str:
    flags = " ".join(f"{f.value.split('_')[0]} P{report.flags[f.value].precision:.2f}/"
                     f"R{report.flags[f.value].recall:.2f}" for f in RED_FLAGS)
    dl = report.flags["response_deadline"]
    return (f"n={report.n:<4} macroF1={report.macro_f1:.3f} link={report.linking_accuracy:.3f} "
            f"{flags} deadline P{dl.precision:.2f}/R{dl.recall:.2f}")


def confusions(records, preds) -> list[str]:  # type: ignore[no-untyped-def]
    out = []
    for r, p in zip(records, preds, strict=True):
        g = r["labels"]
        if g["kind"] != p["kind"]:
            out.append(f"kind {g['kind']} -> {p['kind']}")
        for f in set(g["flags"]) ^ set(p["flags"]):
            out.append(f"flag {f} {'missed' if f in g['flags'] else 'extra'}")
        if g.get("program_id") != p.get("program_id"):
            out.append("program " + ("missed" if g.get("program_id") and not p.get("program_id")
                                     else "wrong"))
    return sorted(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", action="store_true", help="list every error (ids)")
    ap.add_argument("--confusions", action="store_true", help="confused label pairs, all")
    ap.add_argument("--full", action="store_true", help="full tables for TUNE")
    args = ap.parse_args()
    data = sides()
    for name, (recs, preds) in data.items():
        print(f"{name:<20} {summary(evaluate(recs, preds))}")
    if args.full:
        print(render(evaluate(*data["tune"]), title="TUNE"))
    if args.errors:
        for part in ("dev", "heldout", "sample"):
            for e in evaluate(*data[part]).errors:
                print(f"  {part}: {e}")
    if args.confusions:
        from collections import Counter

        for k, n in sorted(Counter(confusions(*data["all"])).items()):
            print(f"  {n:>2} x {k}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
