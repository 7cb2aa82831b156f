"""Round 17: families generalized from more tuning corpora by other writers
(tests/data/heldout51 and heldout52).

The first writer surrounded a dozen rank questions with mail that talks about rank lists
without asking: FAQs in the applicant's voice ("Will you tell me where I am on your
list?"), faculty "instructed not to ask", a GME notice that the applicant is "under no
obligation to sign it, to cancel interviews, to withdraw from the Match", a survey asking
whether anyone asked for a commitment, a PD who stopped asking, and friends quoting what a
PD said. The second asked without the words: "if we're the one, drop me a line", "the folks
who make it clear that this is their place tend to do well when we build our list", "tell
our committee that you are committed", "I'd ask you not to schedule any new interviews",
"release the interviews you're still holding elsewhere". Every text here is written for
this test.
"""

from __future__ import annotations

import pytest

from mailsync.taxonomy import Flag

from .test_classify_helpers import red_flags

R, C, W = Flag.RANK_INQUIRY, Flag.COMMITMENT_REQUEST, Flag.WITHDRAWAL_REQUEST
SENDER = "lpettigrew@hollisvale.org"
SIG = "\n\nLorna Pettigrew\nProgram Coordinator, Internal Medicine\nHollis Vale Medical Center"


def _flags(body: str, sender: str = SENDER) -> tuple[set, list[str]]:
    return red_flags(body + SIG, subject="Hollis Vale", sender=sender)


@pytest.mark.parametrize(("body", "flags"), [
    # look-alikes
    ("Q: Will the program ask me how I plan to rank Hollis Vale?\nA: No. Our faculty are "
     "instructed not to ask about your rank list, other programs, or signals.", set()),
    ("Will you tell me where I am on your list?\nNo. We don't share rank positions with "
     "applicants.", set()),
    ("Do you rank applicants who don't send thank-you notes?\nYes. Notes are not part of our "
     "evaluation.", set()),
    ("The agreement was not authorized and is void. You are under no obligation to sign it, "
     "to cancel interviews, to withdraw from the Match, or to tell any program how you will "
     "rank it.", set()),
    ("Among other things we ask:\n- Were you asked where else you applied or interviewed?\n"
     "- Did anyone ask you for a commitment to rank a program, or to withdraw from the Match?",
     set()),
    ("You were right to politely decline my question about where else you signaled and "
     "interviewed. I've stopped asking it.", set()),
    ("I had my interview today and at the end the PD said \"so, are we your number one?\" "
     "and I panicked.", set()),
    ("You were right to ignore the \"promise us #1\" emails. Just don't answer them.", set()),
    # asks
    ("Something our faculty asked me to pass along so nobody feels blindsided: each faculty "
     "interviewer will ask you where else you've interviewed this season.", {R}),
    ("Now that the rank list deadline has passed, a curious question: did Hollis Vale make "
     "your list, and roughly where?", {R}),
    ("Here is what I tell everyone I hope to see in July: if we're the one, drop me a line "
     "directly.", {C}),
    ("Thank you for interviewing with our residency program. The folks who make it clear "
     "that Hollis Vale is their place tend to do well when we sit down to build our list.", {C}),
    ("I'd like to be able to tell our committee that you are committed to Hollis Vale.", {C}),
    ("In the meantime, I'd ask you not to schedule any new interviews.", {W}),
    ("If Hollis Vale is your place, I'd encourage you to release the interviews you're still "
     "holding elsewhere.", {W}),
    ("Should I rank you honestly even if I think I'm out of reach?\nYes. Rank programs in "
     "your true order of preference.", set()),
])
def test_round17_red_flags(body: str, flags: set[Flag]) -> None:
    found, why = _flags(body)
    assert found == flags, why
