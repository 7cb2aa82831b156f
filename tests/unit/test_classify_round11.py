"""Round 11: families generalized from two more tuning corpora by other writers
(tests/data/heldout33 and heldout34).

These writers made a declaration the price of an interview ("by confirming a date you
affirm that we are among your top three"), promised a reward after a first-choice
question ("If so, you'll be ranked to match"), asked for a signed letter in passing,
sent intent forms named only in the subject, put a question about other programs in a
numbered list under a lead-in, and set deadlines by a meeting ("before our committee
meets on the 17th") or a clock time today. Their look-alikes: a program's own rank
list, a question about other programs beside an assurance. taxonomy.md also counts a
contract from a program in the Match, signed before Match Day, as a withdrawal request,
which no wording says: the program records do. Every text here is written for this test.
"""

from __future__ import annotations

import pytest

from mailsync.classify import classify
from mailsync.programs import Program
from mailsync.taxonomy import Flag, Kind

from .test_classify_helpers import msg, red_flags

R, C, W = Flag.RANK_INQUIRY, Flag.COMMITMENT_REQUEST, Flag.WITHDRAWAL_REQUEST
SIG = "\n\nMarisol Okeke\nProgram Coordinator, Anesthesiology\nHalloran Valley Hospital"
SENDER = "mokeke@halloranvalley.org"


def _flags(body: str, subject: str = "Halloran Valley Anesthesiology") -> tuple[set, list[str]]:
    return red_flags(body + SIG, subject=subject, sender=SENDER)


@pytest.mark.parametrize(("body", "flags"), [
    # a declaration as the price of an interview date
    ("Dear Dr. Adeyemi, we invite you to interview on November 12 or December 3. Scheduling "
     "a date means you certify that Halloran Valley is one of your top two programs.", {C}),
    # a reward after the first-choice question
    ("Dr. Adeyemi, one question: is Halloran Valley your first choice? If so, you'll be ranked "
     "to match here, and I can promise you that.", {R, C}),
    # "if we're your #1, email him saying so": a conditional bargain, commitment pressure
    # (the development corpus's convention; the rank question it implies came only from
    # the learned flag model of rounds 15-21, whose retraining no longer adds it)
    ("Between us, Dr. Pratt ranks the people who tell him they're coming near the top. If "
     "we're your number one, drop him a short email saying so before the committee meets.",
     {C}),
    # an interview only for those who will rank the program high
    ("We are a small department, so we ask candidates to accept an interview only if they are "
     "prepared to rank Halloran Valley near the top of their list.", {C}),
    # an outcome promised for the top of the list
    ("I'll be direct: if Halloran Valley ends up at the top of your list, I promise you will "
     "be here in July.", {C}),
    # a promise asked in one sentence: its first place is the promise's terms
    ("Give us your word that Halloran Valley is your #1 and we will take care of the rest.",
     {C}),
    # the same sentence also asks about the other programs: still a question
    ("Dr. Pratt would like to know how many programs you will rank ahead of us, and he would "
     "appreciate your assurance that we will be near the top.", {R, C}),
    # a question about other programs in a numbered list under its lead-in
    ("Before Dr. Pratt decides on interviews, he asks each applicant to send us:\n"
     "1) your visa status;\n2) any other anesthesiology programs that have invited you;\n"
     "3) your Step 3 plans.", {R}),
    # "cancel whatever is still on your calendar"
    ("Our best residents stopped interviewing once they found us. If you feel the same, "
     "cancel whatever is still on your calendar and be sure.", {W}),
])
def test_round11_red_flags(body: str, flags: set[Flag]) -> None:
    found, why = _flags(body)
    assert found == flags, why


@pytest.mark.parametrize("body", [
    # the program's own rank list is no question about the applicant's
    "Before the program certifies its rank list, please confirm by reply that you would accept "
    "J-1 sponsorship if matched.",
    # the applicant may decline; nothing is the price of the interview
    "We invite you to interview on November 12. Please confirm a date within 72 hours.",
    # a report about confirming a date, not a demand
    "Thank you for confirming that December 3 is your first choice of interview date.",
])
def test_round11_look_alikes_carry_no_red_flag(body: str) -> None:
    found, why = _flags(body)
    assert found == set(), why


def test_an_intent_form_named_in_the_subject_asks_for_a_commitment() -> None:
    found, why = _flags("Dr. Pratt asked me to share the attached form with the candidates "
                        "we interviewed. If you'd like to return it, please do so by Monday.",
                        subject="Optional: Candidate Intent Form (due 2/15)")
    assert C in found, why


def test_a_signed_letter_still_needed_is_an_ask_to_accept() -> None:
    c = classify(msg("Dr. Adeyemi, the position is ACGME-accredited and we sponsor the J-1. We "
                     "would like to offer you this PGY-1 position outside the Match. I still "
                     "need the signed letter by Friday, 5:00 PM." + SIG,
                     subject="RE: Offer - PGY-1 Anesthesiology", sender=SENDER))
    assert c.kind is Kind.PRE_MATCH_OFFER and C in c.flags, c.reasons


def _program(in_match: bool) -> Program:
    return Program(program_id="HV1", name="Halloran Valley Anesthesiology",
                   timezone="America/Chicago", nrmp_participating=in_match,
                   email_domains=("halloranvalley.org",))


_CONTRACT = ("Dear Dr. Adeyemi,\n\nAt the request of Dr. Pratt, please find attached your "
             "Resident Agreement for the PGY-1 Anesthesiology position, appointment year July "
             "1, 2027. Please review, sign and return the agreement by Friday, January 15."
             + SIG)


@pytest.mark.parametrize(("in_match", "date", "withdrawal"), [
    (True, "2027-01-04T09:00:00-06:00", True),  # in the Match, before Match Day
    (False, "2027-01-04T09:00:00-06:00", False),  # outside the Match: a lawful offer
    (True, "2027-03-22T09:00:00-05:00", False),  # after Match Day: the Match's own contract
])
def test_a_contract_from_a_program_in_the_match_before_match_day_asks_a_withdrawal(
        in_match: bool, date: str, withdrawal: bool) -> None:
    c = classify(msg(_CONTRACT, subject="Resident Agreement - PGY-1 Anesthesiology",
                     sender="gme@halloranvalley.org", date=date),
                 programs=[_program(in_match)])
    assert (W in c.flags) is withdrawal, c.reasons
    assert ("withdraw.match_contract" in [r.cue for r in c.reasons]) is withdrawal


def test_an_off_cycle_vacancy_from_a_program_in_the_match_asks_no_withdrawal() -> None:
    body = ("Dear Dr. Adeyemi, one of our residents has left, and we have an off-cycle PGY-1 "
            "position starting February 1. If you are interested in accepting, please let me "
            "know by December 17; we will then send the appointment letter for signature." + SIG)
    c = classify(msg(body, subject="Off-cycle PGY-1 position", sender=SENDER,
                     date="2026-12-07T09:00:00-06:00"), programs=[_program(True)])
    assert c.kind is Kind.PRE_MATCH_OFFER and W not in c.flags, c.reasons


@pytest.mark.parametrize(("sentence", "when"), [
    ("Please email the form back to me by 5:00 PM Eastern today.", "2026-10-20T17:00:00-04:00"),
    ("I'd appreciate hearing from you about your plans before our committee meets on the 27th.",
     "2026-10-27T23:59:00-05:00"),
    ("I need to know before our rank meeting on Tuesday, February 16.",
     "2027-02-16T23:59:00-06:00"),
])
def test_round11_deadlines(sentence: str, when: str) -> None:
    date = "2027-01-20T09:00:00-06:00" if "February" in sentence else "2026-10-20T09:00:00-05:00"
    c = classify(msg(sentence + SIG, subject="Halloran Valley", sender=SENDER, date=date),
                 programs=[_program(True)])
    assert [d.when for d in c.deadlines][:1] == [when], c.reasons


def test_today_without_a_tie_is_no_deadline() -> None:
    c = classify(msg("Thank you for interviewing with us today! It was a pleasure." + SIG,
                     subject="Thank you", sender=SENDER), programs=[_program(True)])
    assert c.deadlines == ()
