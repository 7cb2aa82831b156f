"""Round 22: families generalized from more tuning corpora by other writers
(tests/data/heldout69, commitment asked in every form, and heldout70, red flags in messy
mail: relays, second-language English, text-message shorthand, postscripts).

An offer of a position before Match Day asks the applicant to accept it, which the
taxonomy counts as a commitment request, and which the development corpus labels so on
every offer it holds (see ``classify._offer_asks_acceptance``); an offer that asks for no
decision yet ("no decision is needed today") does not. Bargains as people write them: the
applicant's word ("if you can give such word, I will put you in very good position on our
list"), an act for a place ("cancel the rest of your interviews and you'll be at the very
top of our list"), a note promising a first rank, "if we're number one on yours, you'll be
on ours", a perk for whoever pledges the program first. Where else, asked as a list ("the
names of other programmes which have given you interview call") or as "whether … and if
so, which ones". The question in the writer's first language ("¿somos su primera
opción?"). Interviews called needless ("no need of going for further interviews"), or to
be dropped ("withdrawing from the interviews you still have pending"). Look-alikes:
committing to an interview date, a service commitment after training, "lovely to hear that
we are one of your top choices". Every text here is written for this test.
"""

from __future__ import annotations

import pytest

from mailsync.classify import classify
from mailsync.classify.quoting import split_message
from mailsync.classify.text import normalize
from mailsync.taxonomy import Flag, Kind

from .test_classify_helpers import msg, red_flags

R, C, W = Flag.RANK_INQUIRY, Flag.COMMITMENT_REQUEST, Flag.WITHDRAWAL_REQUEST
SENDER = "tokafor@pinehollowmed.org"
SIG = "\n\nTheo Okafor, MD\nProgram Director, Family Medicine\nPine Hollow Medical Center"


def _flags(body: str) -> tuple[set, list[str]]:
    return red_flags(body + SIG, subject="Pine Hollow", sender=SENDER)


@pytest.mark.parametrize(("body", "flags"), [
    # commitment: bargains and promises
    ("Before your interview, Dr. Okafor asks you to confirm three points by email:\n\n"
     "(1) that if we make you an offer, you will accept it.", {C}),
    ("We much prefer residents who give us their word that they will join Pine Hollow.", {C}),
    ("If you could give us that assurance, the committee would be very pleased.", {C}),
    ("Skip the interviews you have left and you'll be at the top of our list.", {C, W}),
    ("Honestly, a two-line note telling her you'll rank Pine Hollow first would help a lot.",
     {C}),
    ("We finish our list on Monday. If we're number one on yours, you'll be on ours high "
     "enough to match.", {C}),
    ("Any applicant who pledges Pine Hollow as their #1 choice gets first pick of electives.",
     {C}),
    ("Is Pine Hollow your top pick? If it is, I'll make sure you're ranked where you'll "
     "match.", {R, C}),
    # rank: where else, and the first choice, asked in other ways
    ("Could you tell us whether you are also applying to rural programs, and if so, which "
     "ones?", {R}),
    ("Kindly include in your reply the names of other programmes which have given you "
     "interview calls.", {R}),
    ("Please list every program in Ohio and Indiana you applied to this season.", {R}),
    ("Una pregunta directa: ¿somos su primera opción?", {R}),
    # withdrawal: the other interviews called needless or to be dropped
    ("Once we interview you, we expect that you will not continue interviewing at other "
     "programs.", {W}),
    ("The committee likes you very much, there is no need of going for more interviews "
     "now.", {W}),
    ("Please consider withdrawing from the surgery interviews you still have pending.", {W}),
    ("did u cancel them yet? need to know by friday", {W}),
])
def test_round22_red_flags(body: str, flags: set[Flag]) -> None:
    found, why = _flags(body)
    assert found == flags, why


@pytest.mark.parametrize("body", [
    # an interview date, not the Match
    "Please select and commit to one interview date by Friday, November 5.",
    "Reply within 48 hours to confirm that you can commit to November 3.",
    # service after training
    "Our state's loan-repayment program asks graduates to commit to three years of practice "
    "in a rural county.",
    # the applicant said it; the program asks nothing
    "It was lovely to hear that Pine Hollow is one of your top choices. We enjoyed meeting "
    "you too.",
    # the program's own process
    "There is no need for further interviews with us; you have completed every step.",
])
def test_round22_look_alikes_carry_no_red_flag(body: str) -> None:
    found, why = _flags(body)
    assert found == set(), why


def _offer(body: str, date: str = "2026-12-01T09:00:00-05:00"):
    return classify(msg(body + SIG, subject="Offer of a PGY-1 position", sender=SENDER,
                        date=date))


def test_an_offer_with_a_deadline_asks_for_a_commitment_and_says_why() -> None:
    c = _offer("I am pleased to offer you a PGY-1 position in our program, which fills "
               "outside the Match. Please let us know your decision by Friday, December 11.")
    assert c.kind is Kind.PRE_MATCH_OFFER
    assert C in c.flags
    why = next(r for r in c.reasons if r.cue == "commit.offer_acceptance")
    assert "accept" in why.detail and why.span


def test_an_offer_that_asks_no_decision_yet_is_no_commitment_request() -> None:
    c = _offer("We would like to offer you a PGY-1 position; our program fills outside the "
               "Match. No decision is needed today: a formal letter will follow in a few weeks.")
    assert c.kind is Kind.PRE_MATCH_OFFER
    assert C not in c.flags, [r.cue for r in c.reasons]


def test_after_match_day_an_offer_is_not_read_as_a_commitment_request() -> None:
    # After Match Day no Match is at stake: accepting a position binds nothing else.
    c = _offer("We have an unexpected PGY-1 vacancy starting July 1 and I am pleased to offer "
               "it to you. Please let us know your decision by Friday, March 27.",
               date="2027-03-23T09:00:00-05:00")
    assert not any(r.cue == "commit.offer_acceptance" for r in c.reasons), c.reasons


def test_a_postscript_after_the_signature_is_read() -> None:
    body = ("Hope you had a lovely holiday.\n\n--\nTheo Okafor, MD\nPine Hollow\n\n"
            "P.S. Please cancel the remaining interviews on your calendar.\n\n"
            "CONFIDENTIALITY NOTICE: this message is for its addressee only.")
    parts = split_message(body)
    assert "P.S. Please cancel the remaining interviews" in parts.readable
    assert "CONFIDENTIALITY" not in parts.readable
    found, why = red_flags(body, subject="Happy new year", sender=SENDER)
    assert W in found, why


def test_a_signature_without_a_postscript_is_still_dropped() -> None:
    parts = split_message("See you soon.\n\n--\nTheo Okafor, MD\nPS Department, Room 4")
    assert parts.readable == "See you soon."


@pytest.mark.parametrize(("text", "expected"), [
    ("the names of other programmes", "the names of other programs"),
    ("Programme Director", "Program Director"),
    ("if ur putting us first pls send me a msg", "if you're putting us first please send me "
                                                 "a message"),
    ("loved ur story, did u like the tour", "loved your story, did you like the tour"),
    ("the U.S. and Ur of the Chaldees, u", "the U.S. and Ur of the Chaldees, you"),
])
def test_spelling_is_normalized(text: str, expected: str) -> None:
    assert normalize(text) == expected
