"""Round 7: red-flag families generalized from two more tuning corpora by other writers
(tests/data/heldout21 and heldout22).

These writers hid commitment pressure in rewards promised to whoever puts the program
first ("the ones who tell us we're their first choice end up where they want to be"),
in forms to tick ("[ ] I intend to rank … as my first choice"), and in the program's
advocacy offered after a rank question ("If it is, I can advocate for you"); they asked
about the rank through heads-ups ("she'll probably ask where else…"), choices between
two departments, and "which programs will you pair with our prelim year". Every text
here is written for this test, each family next to its closest look-alike.
"""

from __future__ import annotations

import pytest

from mailsync.classify import classify
from mailsync.taxonomy import Flag

from .test_classify_helpers import msg, red_flags

R, C, W = Flag.RANK_INQUIRY, Flag.COMMITMENT_REQUEST, Flag.WITHDRAWAL_REQUEST
RED = {R, C, W}
SIG = "\n\nDr. Imogen Castellanos\nProgram Director, Neurology Residency\nWrenfield Medical Center"
_NOTE = "Dear Dr. Okafor,\n\nThank you for visiting Wrenfield last week. {}" + SIG


def _flags(body: str, subject: str = "Wrenfield Neurology") -> tuple[set[Flag], list[str]]:
    return red_flags(body, subject=subject, sender="office@wrenfieldmc.org")


@pytest.mark.parametrize(("sentence", "flags"), [
    # a reward promised to whoever puts the program first
    ("Whoever tells Dr. Castellanos that Wrenfield is their first choice ends up where they "
     "want to be.", {C}),
    ("If Wrenfield is at the top of her list, she'll be in great shape with us.", {C}),
    ("Anyone who puts Wrenfield first on their list, I will see to it that they are ranked "
     "where they'll match.", {C}),
    # advocacy offered for the answer to a rank question
    ("Would you let me know if Wrenfield is your first choice? If it is, I can advocate for "
     "you at our meeting.", {R, C}),
    ("If you can tell me yes, I'll put you at the very top of our list.", {C}),
    # a promise not to rank the others
    ("Please send a short note confirming you won't be ranking other neurology programs.",
     {C}),
    # whether, not a demand: a question about the rank
    ("Could you let me know if you're going to be ranking us first?", {R}),
    # heads-ups and choices
    ("He will probably ask where else in the Midwest you are interviewing.", {R}),
    ("Dr. Castellanos likes to end the day by asking each candidate where Wrenfield falls on "
     "their list.", {R}),
    ("It would help us both to know which you'd choose: neurology or medicine here.", {R}),
    ("She asked me to check which specialty you are leaning toward.", {R}),
    ("Which categorical or advanced programs are you planning to pair with our prelim year?",
     {R}),
])
def test_round7_red_flags(sentence: str, flags: set[Flag]) -> None:
    found, why = _flags(_NOTE.format(sentence))
    assert found == flags, (sentence, why)


def test_a_form_to_tick_a_first_choice_asks_the_rank_and_a_promise() -> None:
    body = ("Dear Dr. Okafor,\n\nPlease return the short form below by Friday.\n\n"
            "[ ] I intend to rank Wrenfield Neurology as my first choice.\n"
            "[ ] I have not yet decided how I will rank Wrenfield.\n" + SIG)
    found, why = _flags(body)
    assert found == {R, C}, why


@pytest.mark.parametrize("sentence", [
    "We will not contact you to ask how you plan to rank us.",
    "If Wrenfield is at the top of your list, that is lovely, but it does not change how we "
    "rank.",
    "Our residents who ranked us first all say they ended up where they wanted to be.",
    "Applicants who matched here as their first choice tend to stay for fellowship.",
    "Let me know if you're able to join the second look on Friday.",
])
def test_round7_look_alikes(sentence: str) -> None:
    found, why = _flags(_NOTE.format(sentence))
    assert not found, (sentence, why)


def test_a_form_without_a_rank_line_asks_nothing() -> None:
    body = ("Dear Dr. Okafor,\n\nPlease return the form below by Friday.\n\n"
            "[ ] I will attend the resident dinner.\n[ ] I will join the hospital tour.\n" + SIG)
    found, why = _flags(body)
    assert not found, why


def test_a_programs_own_contact_may_mention_identity_checks() -> None:
    """"verify your identity" reads as phishing from strangers, not from the program's own
    coordinator (a logistics note before a video interview)."""
    from mailsync.programs import Program

    program = Program(program_id="W01", name="Wrenfield Neurology", institution="Wrenfield "
                      "Medical Center", specialty="Neurology", track="Categorical",
                      timezone="America/Chicago", email_domains=("wrenfieldmc.org",),
                      coordinator_email="office@wrenfieldmc.org")
    body = ("Dear Dr. Okafor,\n\nWe have you confirmed for Thursday at 9 AM. Have your passport "
            "nearby in case GME needs to verify your identity on camera.\n" + SIG)
    c = classify(msg(body, subject="Thursday interview", sender="office@wrenfieldmc.org"),
                 programs=[program])
    assert c.kind.value != "other", [r.cue for r in c.reasons]


def test_a_contract_after_the_applicant_matched_here_is_no_offer() -> None:
    """After the Match the program's contract is the Match's: no pre-Match offer, no
    commitment or withdrawal request, even when the learned models lean that way."""
    body = ("Dear Dr. Okafor,\n\nCongratulations! We are thrilled that you matched with us. "
            "Please sign and return the attached Resident Agreement by Friday, April 2, and "
            "send us a copy of your passport for the visa file." + SIG)
    c = classify(msg(body, subject="Welcome to Wrenfield Neurology!",
                     sender="office@wrenfieldmc.org"))
    assert c.kind.value != "pre_match_offer", [r.cue for r in c.reasons]
    assert not set(c.flags) & RED, [r.cue for r in c.reasons]


def test_an_onboarding_portal_before_the_match_still_asks_to_sign_early() -> None:
    body = ("Welcome, Dr. Okafor!\n\nYour program has identified you as an incoming resident. "
            "Please log in to the onboarding portal and e-sign your Resident Employment "
            "Agreement by February 12 so that your position can be held. Once signed, you "
            "will not need to take part in the Match." + SIG)
    c = classify(msg(body, subject="Next steps for your appointment",
                     sender="office@wrenfieldmc.org"))
    assert c.kind.value == "pre_match_offer", [r.cue for r in c.reasons]
