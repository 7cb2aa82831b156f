"""The learned red-flag model (mailsync.classify.flag_model): weights, determinism,
add_flags() on requests and on their look-alikes, and a leave-one-corpus-out floor on the
training corpora."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from mailsync.classify import flag_model, message_view
from mailsync.labels import Classification, Reason
from mailsync.taxonomy import Flag, Kind
from tests.unit.test_classify_helpers import msg

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import train_flag_model as trainer  # noqa: E402
from train_kind_model import CORPORA  # noqa: E402

WITHDRAW = ("We are pleased to offer you a position outside the Match. To accept, you will "
            "need to withdraw from the NRMP Match and sign the enclosed contract by Friday.")
CANCEL = ("Before we finalize this, we need you to cancel your remaining interviews and "
          "withdraw your registration from the Match.")
LOOK_ALIKES = {
    "we will never ask": ("Per NRMP policy, we will never ask you to withdraw from the Match "
                          "or to sign a contract before Match Day.", Kind.PROGRAM_UPDATE),
    "review the policies": ("Congratulations on your offer. Please review the NRMP policies on "
                            "the Match Participation Agreement before you decide.",
                            Kind.PRE_MATCH_OFFER),
    "policy quotation": ("The NRMP Match Participation Agreement prohibits programs from "
                         "requiring applicants to withdraw from the Match or to sign a "
                         "contract before Match Day.", Kind.ADMIN_NOTICE),
    "we will rank you highly": ("Thank you for interviewing with us. We will rank you highly "
                                "and hope to see you in July.", Kind.INTEREST_SIGNAL),
    "cancel an interview": ("If you need to cancel your interview, please let us know at least "
                            "48 hours in advance so we can offer the slot to another applicant.",
                            Kind.INTERVIEW_LOGISTICS),
    "withdraw in ERAS": ("You may withdraw your application at any time through ERAS if you "
                         "are no longer interested.", Kind.ADMIN_NOTICE),
    "a position outside the Match": ("We have one categorical position outside of the Match "
                                     "this year and I would like to offer it to you.",
                                     Kind.PRE_MATCH_OFFER),
    "sign for a position outside the Match": ("We can hold a position for you outside the "
                                              "Match if you sign the agreement this week.",
                                              Kind.PRE_MATCH_OFFER),
}


def _cues_said(kind: Kind, *flags: Flag) -> Classification:
    return Classification(kind=kind, confidence=0.9, flags=frozenset(flags),
                          reasons=(Reason(cue="offer.position", detail="offer"),))


def _view(body: str):
    return message_view(msg(body, subject="Residency position"))[0]


def test_weights_ship_small_and_load() -> None:
    assert flag_model.WEIGHTS_PATH.parent == ROOT / "mailsync" / "data"  # package data
    # 1.0 MB trained on 48 corpora (about 20 KB a corpus); read once per process.
    assert flag_model.WEIGHTS_PATH.stat().st_size < 1_500_000
    m = flag_model.load()
    assert {s.flag for s in m.scorers} == set(trainer.SHIP) == {
        Flag.RANK_INQUIRY, Flag.COMMITMENT_REQUEST, Flag.WITHDRAWAL_REQUEST}
    for s in m.scorers:
        assert len(s.weights) > 100 and 0.5 <= s.threshold < 1.0


def test_adds_a_withdrawal_request_the_cues_missed_with_an_explaining_reason() -> None:
    result = _cues_said(Kind.PRE_MATCH_OFFER, Flag.RESPONSE_DEADLINE)
    out = flag_model.add_flags(result, _view(WITHDRAW))
    # (The classifier adds commitment to every such offer itself: see
    # classify._offer_asks_acceptance.)
    assert out.flags - {Flag.COMMITMENT_REQUEST} == {Flag.RESPONSE_DEADLINE,
                                                     Flag.WITHDRAWAL_REQUEST}
    assert out.kind is result.kind and out.reasons[:len(result.reasons)] == result.reasons
    reason = _learned(out, Flag.WITHDRAWAL_REQUEST)
    assert reason.cue == "model.flag"
    assert re.fullmatch(r"learned withdrawal_request model p=[01]\.\d\d", reason.detail)
    assert "withdraw from the NRMP Match" in reason.span and len(reason.span) <= 120
    assert flag_model.add_flags(result, _view(CANCEL)).flags >= {Flag.WITHDRAWAL_REQUEST}


def test_scores_are_deterministic_and_only_for_shipped_flags() -> None:
    view = _view(WITHDRAW)
    a = flag_model.flag_scores(view, Kind.PRE_MATCH_OFFER)
    assert set(a) == set(trainer.SHIP)
    assert flag_model.flag_scores(view, Kind.PRE_MATCH_OFFER, flag_model.load()) == a


@pytest.mark.parametrize("name", sorted(LOOK_ALIKES))
def test_look_alikes_stay_unflagged(name: str) -> None:
    body, kind = LOOK_ALIKES[name]
    result = _cues_said(kind)
    assert flag_model.add_flags(result, _view(body)) is result


def test_other_mail_and_flags_already_set_are_left_alone() -> None:
    spam = _cues_said(Kind.OTHER)
    assert flag_model.add_flags(spam, _view(WITHDRAW)) is spam
    flagged = _cues_said(Kind.PRE_MATCH_OFFER, Flag.WITHDRAWAL_REQUEST, Flag.COMMITMENT_REQUEST)
    assert flag_model.add_flags(flagged, _view(WITHDRAW)) is flagged


def test_no_match_at_stake_needs_an_ask_to_leave_it() -> None:
    """Outside the Match (or after Match Day) a signature line on an offer is no
    withdrawal request; "withdraw from the Match" still is."""
    form = ("We are delighted to offer you a PGY-1 position. Please sign and return the "
            "enclosed Resident Agreement by Friday.\n\nSignature: ______________ "
            "Date: __________")
    result = _cues_said(Kind.PRE_MATCH_OFFER, Flag.COMMITMENT_REQUEST)
    inside = flag_model.add_flags(result, _view(form))
    outside = flag_model.add_flags(result, _view(form), outside_match=True)
    assert Flag.WITHDRAWAL_REQUEST in inside.flags
    assert Flag.WITHDRAWAL_REQUEST not in outside.flags
    asked = flag_model.add_flags(result, _view(WITHDRAW), outside_match=True)
    assert Flag.WITHDRAWAL_REQUEST in asked.flags


def _learned(out: Classification, flag: Flag) -> Reason:
    return next(r for r in out.reasons
                if r.cue == "model.flag" and r.detail.startswith(f"learned {flag.value} "))


def test_mail_without_topic_words_is_skipped() -> None:
    view = _view("Your interview is on Tuesday at 9 am. Parking is in garage B.")
    assert all(p == 0.0 for p, _ in flag_model.flag_scores(view, Kind.INTERVIEW_LOGISTICS
                                                           ).values())


def test_threshold_is_fitted_in_half_hundredths() -> None:
    # precision 1.0 from 0.985 up, 0.5 below it: the lowest threshold that keeps 0.9 is
    # 0.985, which 0.01 steps would have rounded up to 0.99
    preds = [(0.99, True, False), (0.986, True, False), (0.982, False, False),
             (0.981, False, False)]
    assert trainer.fit_threshold(preds, precision=0.9) == 0.985
    assert trainer.fit_threshold([(0.999, False, False)], precision=0.9) == 0.995


def test_training_is_deterministic() -> None:
    rows = [(flag_model.sentence_features(s, Kind.PRE_MATCH_OFFER), y) for s, y in (
        ("please withdraw from the match", True), ("you must withdraw from the match", True),
        ("kindly withdraw from the match", True),
        ("we will never ask you to withdraw", False), ("we never ask you to sign", False),
        ("programs never ask this", False),
        ("review the match policies", False))]
    a = trainer.train_flag(rows)
    assert a == trainer.train_flag(list(rows))
    _, weights = a
    assert weights["withdraw from"] > 0 > weights["never"]
    json.dumps(weights)


@pytest.mark.skipif(not CORPORA["dev"].exists(), reason="dev corpus not present")
def test_leave_one_corpus_out_floor() -> None:
    corpora = trainer.load_train()
    results = trainer.loco(corpora, trainer.SHIP)
    m = flag_model.load()
    for scorer in m.scorers:
        preds = results[scorer.flag]
        precision, recall = trainer.prf(preds, scorer.threshold)
        # Alone the model finds a third to two thirds of the requests of corpora it never
        # saw (commitment 0.40, rank 0.51, withdrawal 0.64); its worth is the union.
        assert precision >= 0.85 and recall >= 0.35, (scorer.flag, precision, recall)
        union = trainer.prf(preds, scorer.threshold, union=True)
        cues = trainer.prf(preds, scorer.threshold, cues_only=True)
        # Commitment precision over these writers is about 0.76 with or without the model:
        # half of them label a plain offer to sign as a withdrawal request only, where the
        # development corpus (and classify._offer_asks_acceptance) adds commitment.
        floor = 0.75 if scorer.flag is Flag.COMMITMENT_REQUEST else 0.8
        assert union[0] >= floor and union[1] > cues[1], (scorer.flag, union, cues)
