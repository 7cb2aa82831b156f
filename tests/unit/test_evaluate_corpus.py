"""The dev-corpus bars, measured through the production path:
record → RFC 5322 bytes → parse_message → classify → link.

Also reports the figures on an internal split (odd ids / even ids) and after feedback.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mailsync.corpus import load_records
from mailsync.evaluate import (
    evaluate,
    load_feedback,
    parse_corpus,
    predict,
    render,
    run_eval,
    split_records,
)
from mailsync.programs import parse_programs_csv
from mailsync.taxonomy import RED_FLAGS
from tests.support import CORPUS as SHARED_CORPUS

CORPUS = SHARED_CORPUS / "messages.jsonl"
PROGRAMS = SHARED_CORPUS / "programs.csv"


@pytest.fixture(scope="module")
def dev():  # type: ignore[no-untyped-def]
    records = load_records(CORPUS)
    programs = parse_programs_csv(PROGRAMS.read_text(encoding="utf-8"))
    messages = parse_corpus(records)
    return records, programs, messages, predict(messages, programs)


def test_dev_corpus_meets_the_bars(dev) -> None:  # type: ignore[no-untyped-def]
    records, _, _, preds = dev
    report = evaluate(records, preds)
    print(render(report, title="dev corpus", show_errors=True))
    assert report.macro_f1 >= 0.95
    for flag in RED_FLAGS:
        assert report.flags[flag.value].recall >= 0.98, flag
    assert report.linking_accuracy >= 0.95
    assert report.meets(macro_f1=0.95, red_recall=0.98, linking=0.95)


def test_split_halves_are_reported(dev) -> None:  # type: ignore[no-untyped-def]
    records, _, _, preds = dev
    for parity, name in ((1, "odd ids"), (0, "even ids")):
        idx = split_records(records, parity)
        report = evaluate([records[i] for i in idx], [preds[i] for i in idx])
        print(render(report, title=name))
        assert report.macro_f1 >= 0.90 and report.linking_accuracy >= 0.90


def test_run_eval_with_feedback_file(tmp_path: Path, dev) -> None:  # type: ignore[no-untyped-def]
    records, _, messages, _ = dev
    # Relabel two messages the way an applicant would, then score again.
    picked = [records[0], next(r for r in records if r["labels"]["program_id"])]
    rows = [{"id": r["id"], **r["labels"]} for r in picked]
    path = tmp_path / "feedback.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    before, after = run_eval(CORPUS, PROGRAMS, path)
    assert after is not None
    assert after.macro_f1 >= before.macro_f1 - 0.01
    feedback, corrections = load_feedback(path, {m.message_id: m for m in messages})
    assert len(feedback.examples) == 2 and corrections.by_thread


def test_method_comparison_is_measured(dev) -> None:  # type: ignore[no-untyped-def]
    from mailsync.evaluate import compare_methods

    records, programs, messages, _ = dev
    scores = compare_methods(records, messages, programs)
    print(scores)
    assert scores["rules_even"] > scores["naive_bayes_even"]
    assert scores["rules_odd"] > scores["naive_bayes_odd"]
