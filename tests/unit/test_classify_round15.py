"""Round 15: families generalized from two more tuning corpora by other writers
(tests/data/heldout45 and heldout46).

The first writer set rank talk that asks nothing beside rank questions in modern wording:
programs asking the applicant to put the program's own pathways or clinic sites in order,
bulleted policy notes ("you are under no obligation to tell us anything about your rank
list"), interview dates to choose from ("reply with your first choice"), mutual-commitment
talk ("we can count on each other"), and a friend reporting another program's ask. The
second wrote offers, contracts and withdrawal pressure: "clear your remaining interview
calendar", "I can't drop the withdrawal requirement", interviews for off-cycle positions,
a SOAP acceptance, and phishing from a look-alike of the NRMP's domain. Every text here is
written for this test.
"""

from __future__ import annotations

import pytest

from mailsync.classify import classify
from mailsync.taxonomy import Flag, Kind

from .test_classify_helpers import msg, red_flags

R, C, W = Flag.RANK_INQUIRY, Flag.COMMITMENT_REQUEST, Flag.WITHDRAWAL_REQUEST
SENDER = "mhale@orchardvale.org"
SIG = "\n\nMarta Hale, MD\nProgram Director, Psychiatry\nOrchard Vale Medical Center"


def _flags(body: str) -> tuple[set, list[str]]:
    return red_flags(body + SIG, subject="Orchard Vale", sender=SENDER)


@pytest.mark.parametrize(("body", "flags"), [
    # the program's own options, a date choice, policy notes: no rank question
    ("Residents choose a scholarly pathway in PGY-2. Please rank the three pathways below "
     "from 1 to 3 so we can pair you with an interviewer:\n\n- Education\n- Research\n"
     "- Policy\n\nPlease send your ranking by Friday, December 4.", set()),
    ("Our residents keep one clinic site for three years. Could you rank the sites 1-3? This "
     "is only for clinic planning.", set()),
    ("We hold interviews on the following Thursdays: December 3, December 10 and January 7. "
     "Please reply with your first choice by Monday.", set()),
    ("A note we send to every interviewee:\n- No one here will ask how you plan to rank us.\n"
     "- You are under no obligation to tell us anything about your rank list.", set()),
    ("We will not contact applicants about our rank list, and we ask that you rank programs "
     "by your own true preferences.", set()),
    ("If you're also interviewing with our child psychiatry program, tell me and I'll pair "
     "your dates.", set()),
    # asks in other words
    ("I would like us to have a simple understanding: you put Orchard Vale first, and we put "
     "you first.", {C}),
    ("We do best with people who want to be here. We'd love to know we can count on each "
     "other when March comes around.", {C}),
    ("A heads-up: at the end of the day Dr. Hale meets you one on one. She asks every "
     "candidate which programs they signaled, so have that ready.", {R}),
    ("If you feel the same pull we do, I'd encourage you to clear your remaining interview "
     "calendar and save yourself the stress.", {W}),
    ("I would not spend more money on psychiatry interviews if I were you.", {W}),
])
def test_round15_red_flags(body: str, flags: set[Flag]) -> None:
    found, why = _flags(body)
    assert found == flags, why


def test_a_demand_to_release_other_programs_is_not_a_rank_question() -> None:
    c = classify(msg("We are pleased to offer you a PGY-1 position outside the Match. To "
                     "accept, please sign the attached letter and release the other programs "
                     "you've interviewed with by Friday, February 12." + SIG,
                     subject="Offer of a PGY-1 position", sender=SENDER,
                     date="2027-02-08T09:00:00-06:00"))
    assert R not in c.flags and W in c.flags, c.reasons


def test_a_restated_withdrawal_condition_is_a_withdrawal_request() -> None:
    c = classify(msg("I can give you a few more days, but I can't drop the withdrawal "
                     "requirement for the off-cycle position." + SIG,
                     subject="RE: Written offer", sender=SENDER, date="2026-11-04T09:00:00-06:00"))
    assert W in c.flags, c.reasons


def test_a_reported_contract_is_no_withdrawal_request() -> None:
    found, why = red_flags("Well done on certifying! The one that wanted you to sign something "
                           "before Match Day - you handled it exactly right.\n\nIbi",
                           subject="Re: Certified", sender="ibi.adeleke@gmail.com")
    assert found == set(), why


def test_an_interview_for_an_off_cycle_position_is_an_invitation() -> None:
    c = classify(msg("We have an unexpected off-cycle PGY-1 opening starting in February. "
                     "Positions like this are filled outside the NRMP Match. Dr. Hale reviewed "
                     "your application and would like to do a phone interview on Thursday, "
                     "December 10." + SIG, subject="Off-cycle position", sender=SENDER))
    assert c.kind is Kind.INTERVIEW_INVITE, c.reasons


def test_a_soap_acceptance_is_no_offer_outside_the_match() -> None:
    c = classify(msg("We just saw your acceptance in R3. Welcome! You'll hear from us about "
                     "your resident agreement soon; the visa work starts as soon as the "
                     "agreement is signed." + SIG, subject="Welcome", sender=SENDER,
                     date="2027-03-17T09:00:00-07:00"))
    assert c.kind is not Kind.PRE_MATCH_OFFER and W not in c.flags, c.reasons


def test_a_look_alike_of_a_national_domain_is_phishing() -> None:
    c = classify(msg("Dear Applicant,\n\nView your 2027 Match result before Match Day for a "
                     "one-time fee of $49. This offer expires in 24 hours.",
                     subject="Your Match result is ready", sender="results@nrmp-earlyresults.com"))
    assert c.kind is Kind.OTHER and not c.flags
    assert c.reasons[0].cue == "other.scam.impostor_domain"


def test_saying_all_there_is_to_say_asks_nothing() -> None:
    c = classify(msg("The committee met yesterday to build the rank list for our advanced "
                     "track, and you are ranked to match with us. The rules say that's all I "
                     "should say, and it's all I need to say." + SIG, subject="Advanced track",
                     sender=SENDER, date="2027-02-05T09:00:00-06:00"))
    assert c.kind is Kind.INTEREST_SIGNAL, c.reasons
