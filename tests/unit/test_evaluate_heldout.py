"""Generalization bars on the CHECK side (never tuned on): the even-numbered held-out
messages plus the 36 bundled sample messages, scored through the production path by
benchmarks/eval_split.py. The TUNE side (dev corpus + odd held-out ids) is reported too.

Bars sit a little below what was measured when the cue families of cues_kinds.py and
cues_flags.py were written (CHECK: macro-F1 0.843, linking 1.000, red-flag recall
rank 0.67 / commitment 0.64 / withdrawal 1.00); they guard against regressions, they are
not the product bars (macro-F1 0.90, red-flag recall 0.95), which CHECK does not reach yet.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.eval_split import sides, summary
from mailsync.evaluate import evaluate

HELDOUT = Path(__file__).resolve().parents[1] / "data" / "heldout" / "messages.jsonl"
pytestmark = pytest.mark.skipif(not HELDOUT.exists(), reason="held-out corpus not available")


@pytest.fixture(scope="module")
def reports():  # type: ignore[no-untyped-def]
    return {name: evaluate(*pair) for name, pair in sides().items() if pair[0]}


def test_check_side_bars(reports) -> None:  # type: ignore[no-untyped-def]
    check = reports["check"]
    print("CHECK", summary(check))
    assert check.macro_f1 >= 0.82
    assert check.linking_accuracy >= 0.95
    assert check.flags["withdrawal_request"].recall >= 0.95
    assert check.flags["rank_inquiry"].recall >= 0.6
    assert check.flags["commitment_request"].recall >= 0.6
    assert check.flags["response_deadline"].recall >= 0.85


def test_check_parts(reports) -> None:  # type: ignore[no-untyped-def]
    assert reports["check/heldout-even"].macro_f1 >= 0.84
    assert reports["check/sample"].macro_f1 >= 0.77


def test_tune_side_stays_fitted(reports) -> None:  # type: ignore[no-untyped-def]
    tune = reports["tune"]
    print("TUNE", summary(tune))
    assert tune.macro_f1 >= 0.97 and tune.linking_accuracy >= 0.97
    for flag in ("rank_inquiry", "commitment_request", "withdrawal_request"):
        assert tune.flags[flag].recall >= 0.95, flag
