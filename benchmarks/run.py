"""Every benchmark, one after the other: ``make bench`` (or ``python benchmarks/run.py``).

Each prints its own throughput or latency, peak memory, and the same run's
baseline (a bare imapclient fetch, a bare IDLE loop), so a figure is always read
against the machine it was measured on.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = (
    ("sync: Dovecot → store, parsed, classified, listed", ["bench_sync.py"]),
    ("classify + link on one core", ["bench_classify.py"]),
    ("arrival → alert latency under IDLE", ["bench_latency.py"]),
    ("lint on held-out drafts", ["lint_eval.py", "--split", "all"]),
    ("classifier per corpus (all tuned on)", ["eval_split.py"]),
)
#: The corpora nothing was tuned on: the classifier's generalization figures.
UNSEEN = tuple(HERE.parent / "tests" / "data" / name
               for name in ("heldout2", "heldout4", "heldout7", "heldout10", "heldout11",
                            "heldout16", "heldout20", "heldout23", "heldout26", "heldout29",
                            "heldout32", "heldout35", "heldout38", "heldout41", "heldout44",
                            "heldout47", "heldout50", "heldout53", "heldout56",
                            "heldout59", "heldout62", "heldout65", "heldout68", "heldout71",
                            "heldout74", "heldout77", "heldout80", "heldout83",
                            "heldout86", "heldout89", "heldout92",
                            "heldout95", "heldout98", "heldout101", "heldout104", "heldout107",
                            "heldout110", "heldout113", "heldout116",
                            "heldout119", "heldout122",
                            "heldout125"))


def main() -> int:
    failed = 0
    for title, args in BENCHMARKS:
        print(f"\n== {title}", flush=True)
        done = subprocess.run([sys.executable, str(HERE / args[0]), *args[1:]], check=False)
        failed += done.returncode != 0
    for corpus in UNSEEN:
        print(f"\n== classifier on an unseen held-out set (tests/data/{corpus.name})",
              flush=True)
        done = subprocess.run([sys.executable, "-m", "mailsync", "eval",
                               str(corpus / "messages.jsonl"),
                               "--programs", str(corpus / "programs.csv")], check=False)
        failed += done.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
