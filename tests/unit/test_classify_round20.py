"""Round 20: families generalized from more tuning corpora by other writers
(tests/data/heldout63 and heldout64).

A program takes an earlier message back in words that do not name a question ("That line
should never have gone out", "That message was sent in error", "was made in error and is
withdrawn", "That should not have happened"); a program's own commitment ("We are
committed to ranking you highly") asks nothing, nor does a commitment to a country or a
career (the J-1 "commitment to return to Pakistan", "how committed are you to a career in
primary care"), nor a scheduling platform's "you are committed to this date", nor "no one
is asked to sign or promise anything". "The ones who sent her a note saying they'll rank
X #1", "a letter of intent from you" and "confirm that you will accept the offer if we
extend it" are commitment asks; "let Juniper Ridge know you are cancelling" asks to withdraw;
a scale whose first step is "X will be my #1" asks for a rank. Every text here is written
for this test.
"""

from __future__ import annotations

import pytest

from mailsync.taxonomy import Flag

from .test_classify_helpers import red_flags

R, C, W = Flag.RANK_INQUIRY, Flag.COMMITMENT_REQUEST, Flag.WITHDRAWAL_REQUEST
SENDER = "hquimby@tamarackvale.org"
SIG = ("\n\nHollis Quimby, MD\nProgram Director, Pediatrics\nTamarack Vale Children's Hospital")


def _flags(body: str) -> tuple[set, list[str]]:
    return red_flags(body + SIG, subject="Tamarack Vale", sender=SENDER)


@pytest.mark.parametrize(("body", "flags"), [
    # taken back
    ("Last month's bulletin said that applicants who tell us we are their first choice get "
     "extra weight. That sentence should never have gone out. Please rank in your true order.",
     set()),
    ("Yesterday you received a note from our scheduling vendor asking you to sign an "
     "employment agreement. That note was sent in error. Please ignore it and sign nothing.",
     set()),
    ("Any suggestion that you should withdraw from the Match before Match Day was made in "
     "error and is withdrawn.", set()),
    ("A faculty member called to ask whether you would commit to ranking us first. That "
     "should not have happened, and I am sorry.", set()),
    # look-alikes
    ("We are committed to ranking you highly. You owe us nothing in return.", set()),
    ("Please sign the form confirming your commitment to return to Nepal after training, as "
     "the J-1 rules require.", set()),
    ("In a few sentences: how committed are you to a career in rural primary care?", set()),
    ("Please confirm by Friday. Once you confirm, you are committed to this date; changes need "
     "two weeks' notice.", set()),
    ("The service commitment is optional: no one is asked to sign or promise anything in order "
     "to interview or to be ranked.", set()),
    ("Nobody from our program will reach out to ask about your rank intentions, and you should "
     "not feel you need to send us a letter of intent.", set()),
    ("Tamarack Vale does not offer positions outside the Match; we don't make pre-match offers "
     "or ask applicants to commit before Match Day.", set()),
    ("Thank you for letting us know that Tamarack Vale is your first choice. We expect nothing "
     "in return.", set()),
    ("Q: Does needing a visa affect how you rank applicants?\nA: No.", set()),
    ("Our waitlist is closed. No further interviews will be offered this season.", set()),
    # asks
    ("Between us, the people Dr. Quimby ranks at the very top are the ones who sent her a "
     "short note saying they'll rank Tamarack Vale #1. If you're feeling it, send her that "
     "note.", {C}),
    ("Honestly, anyone who lets her know they're putting Tamarack Vale first will be ranked to "
     "match. So just tell her.", {C}),
    ("P.S. Dr. Quimby would be grateful for a letter of intent from you before the committee "
     "meets on the 20th.", {C}),
    ("If you are truly set on us, I would ask that you not add any further interviews this "
     "season.", {W}),
    ("You mentioned another interview this week. I would ask you, as a personal favor, not to "
     "go. Please let Juniper Ridge know you are cancelling.", {W}),
    ("Before he places an offer for you in R3, he asks that you confirm by reply that you will "
     "accept the offer if we extend it in Round 1.", {C}),
    ("Please reply with just a number:\n1 = Tamarack Vale will be my #1\n2 = top 3\n"
     "3 = somewhere on my list", {R}),
    # ... and their look-alikes
    ("If we extend an offer in R3, you will have two hours to accept it there.", set()),
    ("Please rate the interview day from 1 to 5 and reply with just the number.", set()),
])
def test_round20_red_flags(body: str, flags: set[Flag]) -> None:
    found, why = _flags(body)
    assert found == flags, why


def test_a_sold_soap_seat_is_no_program_mail() -> None:
    """A paid placement service is ``other``, whatever it says about committing."""
    from mailsync.classify import classify
    from mailsync.taxonomy import Kind

    from .test_classify_helpers import msg

    c = classify(msg("Unmatched? Our partner programs have SOAP seats reserved for our clients. "
                     "Commit today and the seat is yours. Fee: $3,900. Reply SEAT within six "
                     "hours.", subject="Secured SOAP seat", sender="desk@soap-seats.example"))
    assert c.kind is Kind.OTHER and not (c.flags - {Flag.RESPONSE_DEADLINE}), c.reasons
