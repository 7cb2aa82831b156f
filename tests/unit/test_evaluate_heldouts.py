"""Held-out corpora by other writers, each with bars a little below what it scores, so
that a change which generalizes worse fails here even while the tuned sets stay perfect.

* Tuning sets, written from the spec and the corpus README only: their misses were read
  and the family behind each (not the sentence) was written down as cues or frames, with
  look-alikes (tests/unit/test_classify_round3.py, test_classify_indirect.py); the learned
  models train on them too.
  - ``heldout3`` (200). Before round 3: macro-F1 0.828; rank_inquiry P/R 0.68/0.72,
    commitment_request 0.84/0.94, withdrawal_request 1.00/0.75. Now: 0.990; rank
    1.00/1.00, commitment 0.85/1.00, withdrawal 1.00/1.00.
  - ``heldout5``, ``heldout6``, ``heldout8``, ``heldout9``, ``heldout12``, ``heldout13``
    (150–170 each): red-flag heavy (20–31 of each red flag, most of them indirect; 13
    avoids the words "rank", "commit" and "withdraw"), by six writers. Before round 4,
    commitment recall was 0.63, 0.57, 0.48, 0.65, 0.62 and 0.55, withdrawal recall 0.91,
    0.78, 0.54, 0.70, 0.76 and 0.50; see BARS for now.
* Unseen sets: nobody reads their messages; only their aggregate scores are read
  (``mailsync eval``, this test).
  - ``heldout2`` (140): before round 3, macro-F1 0.808, rank 0.65/0.88, commitment
    0.83/0.67, withdrawal 0.88/0.78. Before round 4: 0.918, rank 0.79/0.88, commitment
    0.83/0.67, withdrawal 0.90/1.00. Now: 0.915, rank 0.80/0.94, commitment 0.93/0.87,
    withdrawal 1.00/1.00.
  - ``heldout4`` (160): before round 3, 0.813. Before round 4: 0.932, rank 0.88/0.94,
    commitment 0.77/0.71, withdrawal 1.00/0.82. Now: 0.940, rank 0.84/1.00, commitment
    0.75/0.86, withdrawal 1.00/0.73.
  - ``heldout7`` (180, mostly indirect red flags; its aggregates were watched while
    round 4 was written, so it is no longer quite unseen). Before round 4: 0.935, rank
    0.80/0.67, commitment 0.60/0.33, withdrawal 0.82/0.64. Now: 0.942, rank 0.89/0.89,
    commitment 0.75/0.67, withdrawal 0.85/0.79.
  - ``heldout10`` (170), written after round 4 began and scored before and after its
    first part: before, 0.892, rank 0.93/0.88, commitment 0.67/0.75, withdrawal
    0.91/0.77. Now: 0.886, rank 0.93/0.88, commitment 0.65/0.81, withdrawal 1.00/0.85.
  - ``heldout11`` (160), written during round 4 and scored once, at its end: 0.884,
    rank 1.00/0.87, commitment 0.75/0.80, withdrawal 0.92/0.92. The most honest row.

The red-flag recalls on the unseen sets are still short of the issue's bar (0.95), and
commitment precision is the weakest figure: half of these writers' offers that ask
only to "sign and return by Friday" carry no commitment_request, while every such
offer in the development corpus does, and the classifier follows the development
corpus.
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
    "heldout5": Bars(170, 0.95, 0.96, {
        "rank_inquiry": (0.8, 0.9), "commitment_request": (0.93, 0.85),
        "withdrawal_request": (0.95, 0.9), "response_deadline": (0.93, 0.93)}),
    "heldout6": Bars(170, 0.9, 0.96, {
        "rank_inquiry": (0.93, 0.9), "commitment_request": (0.8, 0.83),
        "withdrawal_request": (0.83, 0.9), "response_deadline": (0.8, 0.88)}),
    "heldout8": Bars(160, 0.91, 0.97, {
        "rank_inquiry": (0.92, 0.92), "commitment_request": (0.85, 0.72),
        "withdrawal_request": (0.88, 0.92), "response_deadline": (0.88, 0.88)}),
    "heldout9": Bars(160, 0.91, 0.97, {
        "rank_inquiry": (0.8, 0.75), "commitment_request": (0.92, 0.77),
        "withdrawal_request": (0.83, 0.9), "response_deadline": (0.8, 0.9)}),
    "heldout12": Bars(150, 0.93, 0.9, {
        "rank_inquiry": (0.8, 0.83), "commitment_request": (0.72, 0.95),
        "withdrawal_request": (0.9, 0.9), "response_deadline": (0.85, 0.9)}),
    "heldout13": Bars(150, 0.92, 0.95, {
        "rank_inquiry": (0.75, 0.95), "commitment_request": (0.72, 0.8),
        "withdrawal_request": (0.72, 0.95), "response_deadline": (0.8, 0.85)}),
    "heldout14": Bars(160, 0.93, 0.98, {
        "rank_inquiry": (0.85, 0.95), "commitment_request": (0.77, 0.9),
        "withdrawal_request": (0.78, 0.9), "response_deadline": (0.8, 0.88)}),
    "heldout15": Bars(160, 0.95, 0.98, {
        "rank_inquiry": (0.9, 0.95), "commitment_request": (0.9, 0.95),
        "withdrawal_request": (0.8, 0.9), "response_deadline": (0.75, 0.75)}),
    "heldout17": Bars(160, 0.92, 0.98, {
        "rank_inquiry": (0.78, 0.85), "commitment_request": (0.84, 0.95),
        "withdrawal_request": (0.86, 0.95), "response_deadline": (0.83, 0.95)}),
    "heldout18": Bars(160, 0.92, 0.96, {
        "rank_inquiry": (0.9, 0.78), "commitment_request": (0.9, 0.9),
        "withdrawal_request": (0.9, 0.95), "response_deadline": (0.72, 0.8)}),
    "heldout19": Bars(150, 0.93, 0.95, {
        "rank_inquiry": (0.75, 0.8), "commitment_request": (0.66, 0.9),
        "withdrawal_request": (0.85, 0.95), "response_deadline": (0.72, 0.78)}),
    "heldout2": Bars(140, 0.9, 0.97, {
        "rank_inquiry": (0.9, 0.75), "commitment_request": (0.8, 0.88),
        "withdrawal_request": (0.95, 0.95), "response_deadline": (0.85, 0.9)}),
    "heldout4": Bars(160, 0.92, 0.96, {
        "rank_inquiry": (0.95, 0.8), "commitment_request": (0.8, 0.7),
        "withdrawal_request": (0.7, 0.95), "response_deadline": (0.85, 0.85)}),
    "heldout7": Bars(180, 0.92, 0.97, {
        "rank_inquiry": (0.85, 0.85), "commitment_request": (0.62, 0.7),
        "withdrawal_request": (0.75, 0.8), "response_deadline": (0.93, 0.85)}),
    "heldout10": Bars(170, 0.87, 0.96, {
        "rank_inquiry": (0.85, 0.88), "commitment_request": (0.75, 0.6),
        "withdrawal_request": (0.8, 0.95), "response_deadline": (0.93, 0.9)}),
    "heldout16": Bars(170, 0.9, 0.96, {
        "rank_inquiry": (0.68, 0.78), "commitment_request": (0.6, 0.95),
        "withdrawal_request": (0.75, 0.83), "response_deadline": (0.88, 0.85)}),
    "heldout20": Bars(160, 0.86, 0.97, {
        "rank_inquiry": (0.75, 0.8), "commitment_request": (0.7, 0.75),
        "withdrawal_request": (0.75, 0.95), "response_deadline": (0.93, 0.78)}),
    "heldout11": Bars(160, 0.86, 0.96, {
        "rank_inquiry": (0.85, 0.95), "commitment_request": (0.75, 0.7),
        "withdrawal_request": (0.88, 0.88), "response_deadline": (0.88, 0.95)}),
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
