"""Held-out corpora by other writers, each with bars a little below what it scores, so
that a change which generalizes worse fails here even while the tuned sets stay perfect.

* ``heldout3`` (200) is the tuning set for generalization: written from the spec and the
  corpus README only, its misses were read and the family behind each (not the
  sentence) was written down as cues, with look-alikes, in
  tests/unit/test_classify_round3.py; the learned models train on it too. Before that
  round: macro-F1 0.828, linking 0.995; rank_inquiry P/R 0.68/0.72, commitment_request
  0.84/0.94, withdrawal_request 1.00/0.75, response_deadline 0.89/0.86. Now: macro-F1
  0.994, rank 1.00/1.00, commitment 0.85/1.00, withdrawal 1.00/1.00, deadline 0.97/1.00.
* ``heldout2`` (140) and ``heldout4`` (160) are unseen: nobody reads their messages; only
  their aggregate scores are read (``mailsync eval``, this test). heldout2 before the
  frame detector and round 3: macro-F1 0.808, rank 0.65/0.88, commitment 0.83/0.67,
  withdrawal 0.88/0.78, deadline 0.91/0.82. Now (cues plus the learned kind and
  withdrawal models of mailsync/classify/model.py and flag_model.py): macro-F1 0.918,
  linking 0.986; rank 0.79/0.88, commitment 0.83/0.67, withdrawal 0.90/1.00, deadline
  0.95/0.90. heldout4 before round 3: macro-F1 0.813; now 0.932, linking 0.981; rank
  0.88/0.94, commitment 0.77/0.71, withdrawal 1.00/0.82, deadline 0.92/0.88.

The red-flag recalls on the unseen sets are still short of the issue's bar (0.95).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from mailsync.evaluate import EvalReport, run_eval

DATA = Path(__file__).resolve().parents[1] / "data"


@dataclass(frozen=True)
class Bars:
    n: int
    macro_f1: float
    linking: float
    flags: dict[str, tuple[float, float]]  # flag → (recall, precision) at least


BARS = {
    "heldout3": Bars(200, 0.97, 0.98, {
        "rank_inquiry": (0.95, 0.95), "commitment_request": (0.95, 0.8),
        "withdrawal_request": (0.95, 0.95), "response_deadline": (0.95, 0.93)}),
    "heldout2": Bars(140, 0.9, 0.97, {
        "rank_inquiry": (0.85, 0.7), "commitment_request": (0.6, 0.8),
        "withdrawal_request": (0.95, 0.85), "response_deadline": (0.85, 0.9)}),
    "heldout4": Bars(160, 0.9, 0.96, {
        "rank_inquiry": (0.9, 0.85), "commitment_request": (0.65, 0.7),
        "withdrawal_request": (0.8, 0.85), "response_deadline": (0.85, 0.85)}),
}
_REPORTS: dict[str, EvalReport] = {}


def _report(name: str) -> EvalReport:
    if name not in _REPORTS:
        _REPORTS[name] = run_eval(DATA / name / "messages.jsonl", DATA / name / "programs.csv")[0]
    return _REPORTS[name]


@pytest.mark.parametrize("name", sorted(BARS))
def test_kinds_and_links_generalize(name: str) -> None:
    report, bars = _report(name), BARS[name]
    assert report.n == bars.n
    assert report.macro_f1 >= bars.macro_f1
    assert report.linking_accuracy >= bars.linking


@pytest.mark.parametrize(("name", "flag"), [(n, f) for n in sorted(BARS) for f in BARS[n].flags])
def test_red_flags_generalize(name: str, flag: str) -> None:
    score = _report(name).flags[flag]
    recall, precision = BARS[name].flags[flag]
    assert score.recall >= recall, score
    assert score.precision >= precision, score
