"""Scoring arithmetic, rendering, and the feedback file."""

from __future__ import annotations

import json
from pathlib import Path

from mailsync.evaluate import evaluate, load_feedback, render, split_records

from .test_classify_helpers import msg


def rec(rid: str, kind: str, flags: list[str], pid: str | None) -> dict:
    return {"id": rid, "labels": {"kind": kind, "flags": flags, "program_id": pid}}


def test_scores_and_confusion() -> None:
    records = [rec("d1", "rejection", [], "P1"), rec("d2", "rejection", ["rank_inquiry"], None),
               rec("d3", "other", [], None), rec("d4", "waitlist", [], "P2")]
    preds = [{"kind": "rejection", "flags": [], "program_id": "P1"},
             {"kind": "waitlist", "flags": ["rank_inquiry"], "program_id": None},
             {"kind": "other", "flags": ["rank_inquiry"], "program_id": None},
             {"kind": "waitlist", "flags": [], "program_id": "P9"}]
    report = evaluate(records, preds)
    assert report.kinds["rejection"].precision == 1.0
    assert report.kinds["rejection"].recall == 0.5
    assert report.kinds["waitlist"].precision == 0.5
    assert report.flags["rank_inquiry"].recall == 1.0
    assert report.flags["rank_inquiry"].precision == 0.5
    assert report.linking_accuracy == 0.75
    assert report.confusion["rejection"]["waitlist"] == 1
    assert round(report.macro_f1, 4) == round((2 / 3 + 2 / 3 + 1.0) / 3, 4)
    text = render(report, title="toy", show_errors=True)
    assert "macro-F1" in text and "d2: kind rejection -> waitlist" in text
    assert not report.meets(macro_f1=0.9, red_recall=0.9, linking=0.9)


def test_split_by_parity() -> None:
    records = [{"id": f"d{i:03d}"} for i in range(1, 7)]
    assert split_records(records, 1) == [0, 2, 4]
    assert split_records(records, 0) == [1, 3, 5]


def test_feedback_file(tmp_path: Path) -> None:
    m = msg("hello", sender="tford@ridgeway.org", message_id="<d005@corpus.mailsync.test>")
    path = tmp_path / "fb.jsonl"
    path.write_text(json.dumps({"id": "d005", "kind": "waitlist", "flags": [],
                                "program_id": "A2"}) + "\n")
    feedback, corrections = load_feedback(path, {m.message_id: m})
    assert feedback.examples[0].kind.value == "waitlist"
    assert corrections.by_thread == {m.message_id: "A2"}
    assert corrections.by_sender == {"tford@ridgeway.org": "A2"}
