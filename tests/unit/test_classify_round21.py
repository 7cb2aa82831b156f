"""Round 21: families generalized from more tuning corpora by other writers
(tests/data/heldout66, rank questions asked obliquely, and heldout67, withdrawal asked in
every form).

The other interviews called needless ("I'm not sure you'll need those January
interviews", "you really don't need to go through with the rest of your interviews",
"tell her you're done interviewing elsewhere", "confirm that you have declined interviews
with the other programs") ask to withdraw. Where else, asked sideways ("which other
rural-track programs they applied to", "which regions of the country are you applying
to?", "where you see us among them", "curious whether Albany is near the front", "a peek at
your list") asks for a rank. Nothing owed ("do not feel you owe us any information about
where else you are interviewing or how you will rank") and a choice left to the applicant
("if you choose to tell a program it is your first choice, that is your decision") ask
nothing, nor does the program's own list ("as our committee finalizes the pathology rank
list, would you like to remain under consideration?"). A sentence a program takes back is
read by neither the cues nor the learned flag model. Every text here is written for this
test.
"""

from __future__ import annotations

import pytest

from mailsync.taxonomy import Flag

from .test_classify_helpers import red_flags

R, C, W = Flag.RANK_INQUIRY, Flag.COMMITMENT_REQUEST, Flag.WITHDRAWAL_REQUEST
SENDER = "ndoshi@quarrybend.org"
SIG = "\n\nNaveen Doshi, MD\nProgram Director, Psychiatry\nQuarry Bend Medical Center"


def _flags(body: str) -> tuple[set, list[str]]:
    return red_flags(body + SIG, subject="Quarry Bend", sender=SENDER)


@pytest.mark.parametrize(("body", "flags"), [
    # withdrawal, asked sideways
    ("I'll be blunt: I'm not sure you'll need those February interviews. Think about it.", {W}),
    ("Dr. Doshi wanted you to know that you really don't need to go through with the rest of "
     "your interviews.", {W}),
    ("She told the chiefs to let the people she plans to rank to match know they can cancel "
     "whatever interviews they have left.", {W}),
    ("At closing, Dr. Doshi will ask you to confirm that you have declined interviews with the "
     "other programs in the region.", {W}),
    ("I hear you, but honestly the remaining ones are a waste of your time and money. Come to "
     "Quarry Bend.", {W}),
    ("We ask that applicants who accept an interview with us not interview with the other "
     "programs in the region.", {C, W}),  # read as an offer's terms: accepting binds
    # rank, asked sideways
    ("Dr. Doshi asks each invitee to share, in their reply, which other rural programs they "
     "applied to this year.", {R}),
    ("Screening question 1 of 1: Which regions of the country are you applying to this "
     "season?", {R}),
    ("I would welcome hearing how we compared with the other departments you visited, and "
     "where you see us among them.", {R}),
    ("Quick informal question: any programs leading the pack for you? Curious whether Quarry "
     "Bend is near the front.", {R}),
    ("When your list firms up, I'd love a peek at what it looks like, even just the top few.",
     {R}),
    # commitment, as the price of something
    ("This season we are extending waitlist interviews only to applicants who will rank "
     "Quarry Bend among their top three programs. Reply \"I agree\" to accept the date.", {C}),
    ("In return, I'd ask that you let us know you'll be ranking Quarry Bend first.", {C}),
    # look-alikes
    ("Please keep every interview you have. Do not feel you owe us any information about where "
     "else you are interviewing or how you will rank.", set()),
    ("If you choose to tell a program it is your first choice, that is your decision alone and "
     "it binds you to nothing.", set()),
    ("As our committee finalizes the psychiatry rank list, we are asking every applicant one "
     "question: would you like to remain under consideration?", set()),
    ("If Quarry Bend is at the top of your list, you'll be at the top of ours.", {C}),
    ("Unfortunately we have cancelled our January 9 interview day; please choose another "
     "date.", set()),
    # taken back, for the learned flag model as for the cues
    ("I owe you an apology. Last month I told you, twice, that you didn't need your remaining "
     "interviews and that you should cancel them. That was wrong of me. Please keep every "
     "interview you have.", set()),
])
def test_round21_red_flags(body: str, flags: set[Flag]) -> None:
    found, why = _flags(body)
    assert found == flags, why
