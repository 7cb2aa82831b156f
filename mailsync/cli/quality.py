"""``classify`` and ``eval``: stateless labeling and scoring; no account or database."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from mailsync.cli.programs import read_programs_file
from mailsync.cli.render import format_option, jsonl, table
from mailsync.ingest import iter_local
from mailsync.parse import parse_message
from mailsync.programs import Program


def classify_paths(paths: tuple[Path, ...], programs: list[Program]) -> Iterator[dict[str, Any]]:
    """Label every message under ``paths``; replies inherit the link of their thread."""
    from mailsync.classify import classify
    from mailsync.link import link

    thread_links: dict[str, str] = {}
    for path in paths:
        for raw in iter_local(path):
            msg = parse_message(raw)
            cls = classify(msg, programs=programs)
            lnk = link(msg, programs, thread_links=thread_links, kind=cls.kind)
            if lnk.program_id:
                thread_links[msg.message_id] = lnk.program_id
            yield {
                "message_id": msg.message_id,
                "kind": cls.kind.value,
                "flags": cls.sorted_flags,
                "program_id": lnk.program_id,
                "confidence": round(cls.confidence, 3),
                "reasons": [str(r) for r in cls.reasons] + [str(r) for r in lnk.reasons],
                "subject": msg.subject,
                "deadlines": [d.when for d in cls.deadlines],
            }


@click.command("classify")
@click.option("--programs", "programs_file", type=click.Path(exists=True, dir_okay=False,
              path_type=Path), default=None, help="Program records to link against.")
@format_option(default="jsonl")
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
def classify_cmd(programs_file: Path | None, fmt: str, paths: tuple[Path, ...]) -> None:
    """Classify .eml files, mbox files or Maildirs; one JSON object per message."""
    programs = read_programs_file(programs_file) if programs_file else []
    rows = classify_paths(paths, programs)
    if fmt == "jsonl":
        jsonl(rows)
    else:
        table(list(rows), ("message_id", "kind", "flags", "program_id", "confidence",
                           "subject"), title="classification")


@click.command("eval")
@click.argument("corpus", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--programs", "programs_file", type=click.Path(exists=True, dir_okay=False,
              path_type=Path), default=None)
@click.option("--feedback", "feedback_file", type=click.Path(exists=True, dir_okay=False,
              path_type=Path), default=None,
              help="Corrections (jsonl: id, kind, flags, program_id) for an after-feedback figure.")
@click.option("--min-macro-f1", type=float, default=None, help="Exit 1 below this macro-F1.")
@click.option("--min-flag-recall", type=float, default=None,
              help="Exit 1 if any red flag's recall is below this.")
@click.option("--min-link-accuracy", type=float, default=None,
              help="Exit 1 below this linking accuracy.")
@format_option()
def eval_cmd(corpus: Path, programs_file: Path | None, feedback_file: Path | None,
             min_macro_f1: float | None, min_flag_recall: float | None,
             min_link_accuracy: float | None, fmt: str) -> None:
    """Score the classifier and linker on a labeled corpus (corpus/ schema)."""
    from mailsync.evaluate import render, run_eval

    report, after = run_eval(corpus, programs_file, feedback_file)
    if fmt == "jsonl":
        rows = [dict(asdict(report), label="as shipped")]
        if after is not None:
            rows.append(dict(asdict(after), label="after feedback"))
        jsonl(rows)
    else:
        click.echo(render(report, title=f"{corpus.name}: as shipped"))
        if after is not None:
            click.echo("")
            click.echo(render(after, title=f"{corpus.name}: after feedback"))
    failures = below_bars(report, min_macro_f1=min_macro_f1, min_flag_recall=min_flag_recall,
                          min_link_accuracy=min_link_accuracy)
    for line in failures:
        click.echo(f"below bar: {line}", err=True)
    if failures:
        raise SystemExit(1)


def below_bars(report: Any, *, min_macro_f1: float | None, min_flag_recall: float | None,
               min_link_accuracy: float | None) -> list[str]:
    """Which requested bars the report misses, one human line each."""
    from mailsync.taxonomy import RED_FLAGS

    misses = []
    if min_macro_f1 is not None and report.macro_f1 < min_macro_f1:
        misses.append(f"macro-F1 {report.macro_f1:.3f} < {min_macro_f1}")
    if min_flag_recall is not None:
        for flag in sorted(f.value for f in RED_FLAGS):
            prf = report.flags.get(flag)
            if prf is not None and prf.support and prf.recall < min_flag_recall:
                misses.append(f"{flag} recall {prf.recall:.3f} < {min_flag_recall}")
    if min_link_accuracy is not None and report.linking_accuracy < min_link_accuracy:
        misses.append(f"linking accuracy {report.linking_accuracy:.3f} < {min_link_accuracy}")
    return misses
