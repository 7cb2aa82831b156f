"""Throughput of classify + link on one core, over the dev corpus repeated to 20,000 messages.

Parsing happens once, outside the timed loop (the daemon parses each message once
as well); the timed part is exactly what runs per message after parsing. Prints
messages per second and peak memory (tracemalloc for the timed loop, ru_maxrss
for the process).

    python benchmarks/bench_classify.py [--n 20000] [--corpus PATH] [--programs PATH]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mailsync.classify import classify  # noqa: E402
from mailsync.corpus import load_records  # noqa: E402
from mailsync.evaluate import parse_corpus  # noqa: E402
from mailsync.link import linker_for  # noqa: E402
from mailsync.programs import parse_programs_csv  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "messages.jsonl"
DEFAULT_PROGRAMS = ROOT.parent / "shared" / "corpus" / "programs.csv"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20_000)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--programs", type=Path, default=DEFAULT_PROGRAMS)
    ap.add_argument("--repeat", type=int, default=3,
                    help="timed runs; the best is reported, as timeit does, since other load "
                         "on the machine only ever slows a run down")
    args = ap.parse_args()
    programs = parse_programs_csv(args.programs.read_text(encoding="utf-8"))
    base = parse_corpus(load_records(args.corpus))
    messages = (base * (args.n // len(base) + 1))[: args.n]
    linker = linker_for(programs)
    tracemalloc.start()
    start = time.perf_counter()
    for msg in messages:
        c = classify(msg, programs=programs)
        linker.link(msg, kind=c.kind)
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # Timing under tracemalloc is slower; time once more without it for the headline figure.
    # CPU time of this process is the one-core figure; wall time also counts other load.
    runs = []
    for _ in range(max(1, args.repeat)):
        start, cpu0 = time.perf_counter(), time.process_time()
        for msg in messages:
            c = classify(msg, programs=programs)
            linker.link(msg, kind=c.kind)
        runs.append((time.process_time() - cpu0, time.perf_counter() - start))
    cpu, clean = min(runs)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"messages: {len(messages)} (best of {len(runs)} runs)")
    print(f"classify+link: {len(messages) / cpu:,.0f} messages/s of CPU time on one core "
          f"({cpu:.2f} s CPU; wall {clean:.2f} s = {len(messages) / clean:,.0f} msg/s; "
          f"{len(messages) / elapsed:,.0f} msg/s under tracemalloc)")
    print(f"peak traced memory in loop: {peak / 1e6:.1f} MB; process max RSS: {rss_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
