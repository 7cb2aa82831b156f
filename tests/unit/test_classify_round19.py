"""Round 19: families generalized from more tuning corpora by other writers
(tests/data/heldout58 onward).

Long program mail states what the program will not do, in lists that run past the usual
negation window ("We will not offer you a position outside the Match, ask you to sign
anything before Match Day, or suggest that you cancel other interviews"); FAQs speak in
the applicant's voice ("Will I be asked to commit?", "Do I need to send a letter of
intent?"); "nobody will ask you about your rank list" is a promise; "worried about what
other programs had told them" asks nothing; and "if Pell Harbor is where you want to be,
say the word" asks for commitment. Every text here is written for this test.
"""

from __future__ import annotations

import pytest

from mailsync.taxonomy import Flag

from .test_classify_helpers import red_flags

R, C, W = Flag.RANK_INQUIRY, Flag.COMMITMENT_REQUEST, Flag.WITHDRAWAL_REQUEST
SENDER = "wpruitt@antelopeflats.org"
SIG = ("\n\nWade Pruitt, MD\nAssociate Program Director, General Surgery\n"
       "Antelope Flats Medical Center")


def _flags(body: str) -> tuple[set, list[str]]:
    return red_flags(body + SIG, subject="Antelope Flats", sender=SENDER)


@pytest.mark.parametrize(("body", "flags"), [
    # look-alikes
    ("Our promises to applicants:\n\n- We will not offer you a position outside the Match, "
     "ask you to sign anything before Match Day, or suggest that you cancel other interviews.",
     set()),
    ("- You may tell us that you are interested in our program, or that you plan to rank us "
     "highly. You don't have to, and it will not change our list.", set()),
    ("This visit is optional. Nobody will ask you about your rank list or other programs.",
     set()),
    ("FREQUENTLY ASKED QUESTIONS\n\nWill I be asked to commit to Antelope Flats, or to tell "
     "you how I'll rank you?\nNo. Nobody here will ask for a commitment or your rank order.",
     set()),
    ("FREQUENTLY ASKED QUESTIONS\n\nDo I need to send a thank-you note or a letter of intent?"
     "\nNo. Neither affects our list.", set()),
    ("We wrote this because some applicants were worried about what other programs had told "
     "them.", set()),
    # asks
    ("So I will say only this. If Antelope Flats is where you want to be, say the word, and I "
     "will take it from there.", {C}),
    ("Dr. Whitlock likes to know who is serious. If Antelope Flats is where you see yourself, "
     "a short note to me saying so before the 12th would go a long way.", {C}),
    ("Which other surgery programs are you interviewing with this month?", {R}),
    # hints that tie a reward to saying so (heldout60)
    ("I don't know where you are in your thinking. But I'll say this: if Antelope Flats is "
     "where you see yourself, I'd love to hear it.", {C}),
    ("A bit of friendly advice from someone who has sat on a lot of rank meetings: the "
     "applicants who let us know early tend to do well.", {C}),
    ("I'll be candid: we look kindly on candidates who have narrowed their search.", {C}),
    ("Dr. Ferreira said the top spots go to people who will actually come. So if we're high "
     "on your list, it can't hurt to let him know.", {C}),
    ("Let her know if we're your first choice, and she'll look after you.", {C}),
    ("A quick note confirming that Antelope Flats is where you intend to be would help me a "
     "great deal when our list goes to the GME committee.", {C}),
    ("Before our committee finalizes the list, one honest question: if we ranked you to "
     "match, would you come?", {C}),
    ("Dr. Pruett asked me to mention how things work here: he gives a lot of weight to "
     "applicants who tell him we're their top choice.", {C}),
    ("Straight talk: we save our top spots for folks who'll actually show up in July.", {C}),
    ("Are we your first choice? If so, say the word and I'll take care of the rest.", {R, C}),
    ("Quick call to hear whether you're ready to make Antelope Flats your home.", {C}),
    # ... and what is still no ask
    ("We ranked you to match, and we hope you will consider us. There is nothing you need to "
     "tell us.", set()),
])
def test_round19_red_flags(body: str, flags: set[Flag]) -> None:
    found, why = _flags(body)
    assert found == flags, why
