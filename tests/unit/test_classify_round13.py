"""Round 13: families generalized from two more tuning corpora by other writers
(tests/data/heldout39 and heldout40).

The first writer never used the words "rank", "commit", "first choice" or "#1" in a red
flag: heads-ups that the director always asks which other hospitals the candidates have
interviews with, "which way you're leaning", "is Cleveland the place you'd pick",
rewards for telling the program you're set on it, statements of intent to sign, "take
your name out of the national algorithm". The second wrote offers and bargains: second
looks reserved for those who will rank the program first, signed letters stating it will
be the first choice, "put us at the top of your list and you'll be in". Every text here is
written for this test.
"""

from __future__ import annotations

import pytest

from mailsync.taxonomy import Flag

from .test_classify_helpers import red_flags

R, C, W = Flag.RANK_INQUIRY, Flag.COMMITMENT_REQUEST, Flag.WITHDRAWAL_REQUEST
SIG = "\n\nOlga Marchenko\nResidency Coordinator, Neurology\nBirchwood University Hospital"


def _flags(body: str) -> tuple[set, list[str]]:
    return red_flags(body + SIG, subject="Birchwood Neurology", sender="omarchenko@birchwood.org")


@pytest.mark.parametrize(("body", "flags"), [
    ("Please be ready: the Director always asks the candidates in which other hospitals they "
     "have interviews, so he can plan the selection.", {R}),
    ("Dr. Salas usually finishes his conversation by asking which programs you're weighing us "
     "against.", {R}),
    ("If you're deciding between us and the programs in Texas, we'd love to know which way "
     "you're leaning.", {R}),
    ("I would like to know where your heart is. Is Birchwood the place you'd pick above all "
     "the others?", {R}),
    ("Please tell me honestly: our program is in the upper part of your list, or not?", {R}),
    ("Candidates who let us know they're set on Birchwood get moved to the front of the line.",
     {C}),
    ("We are asking interviewees who are still interested to sign and return the attached "
     "Statement of Intent by February 20.", {C}),
    ("We'll take care of you if you take care of us. Tell me we're the place, and you're in.",
     {C}),
    ("We reserve second-look spots for candidates who intend to rank Birchwood first.", {C}),
    ("Before our meeting we ask for a short signed letter stating that our program will be "
     "their first choice.", {C}),
    ("Put us at the top of your list and you'll be in Kyiv Street in June.", {C}),
    ("Honestly, it would be best if you let go of the rest of your interview dates in January "
     "and rested.", {W}),
    ("If you take your name out of the national algorithm before the deadline, we can appoint "
     "you directly.", {W}),
])
def test_round13_red_flags(body: str, flags: set[Flag]) -> None:
    found, why = _flags(body)
    assert flags <= found, why


@pytest.mark.parametrize("body", [
    "The Director always asks the candidates about their research interests.",
    "Please sign and return the attached housing form by February 20.",
    "Our applicants who did well here tend to be set on clinical neurology.",
])
def test_round13_look_alikes_carry_no_red_flag(body: str) -> None:
    found, why = _flags(body)
    assert found == set(), why
