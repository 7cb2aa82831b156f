"""Round 14: families generalized from two more tuning corpora by other writers
(tests/data/heldout42 and heldout43).

The first writer wrote look-alikes: programs promising not to ask about rank lists,
asking the applicant *not* to share one, choices between interview formats, contracts and
e-signature receipts after Match Day; and bargains without the usual verbs ("put us
first and I promise…", "the ones who match here told us we were their first choice"). The
second buried its asks in long mail: a forward whose system note stands before the
forwarded header block, a date named in one sentence and asked for in the next ("before
then"), "my February 20 deadline stands". Every text here is written for this test.
"""

from __future__ import annotations

import pytest

from mailsync.classify import classify, message_view
from mailsync.taxonomy import Flag, Kind

from .test_classify_helpers import msg, red_flags

R, C, W, D = (Flag.RANK_INQUIRY, Flag.COMMITMENT_REQUEST, Flag.WITHDRAWAL_REQUEST,
              Flag.RESPONSE_DEADLINE)
SENDER = "pvance@marlowcreek.org"
SIG = "\n\nPriya Vance, MD\nProgram Director, Internal Medicine\nMarlow Creek Medical Center"


def _flags(body: str) -> tuple[set, list[str]]:
    return red_flags(body + SIG, subject="Marlow Creek", sender=SENDER)


@pytest.mark.parametrize(("body", "flags"), [
    # bargains
    ("Programs like ours reward loyalty. Put Marlow Creek first and I promise you'll be on the "
     "right side of our list.", {C}),
    ("Place us at the top and I guarantee a spot in July.", {C}),
    ("I'll be honest: the people who match here are almost always the ones who told us Marlow "
     "Creek was their first choice.", {C}),
    # look-alikes
    ("We won't ask you how you plan to rank us, whether we're your first choice, or where "
     "else you've interviewed.", set()),
    ("We plan to rank you highly. You owe us nothing, and we ask that you not share your own "
     "rank list with us.", set()),
    ("Interviews are in person or virtual. Just tell me which you'd prefer.", set()),
])
def test_round14_red_flags(body: str, flags: set[Flag]) -> None:
    found, why = _flags(body)
    assert found == flags, why


def test_a_date_asked_for_in_the_next_sentence_is_a_deadline() -> None:
    c = classify(msg("Our committee meets on Friday, February 12. Before then, I'd like your "
                     "answer about the research track." + SIG, subject="Research track",
                     sender=SENDER, date="2027-02-01T09:00:00-06:00"))
    assert D in c.flags and c.deadlines[0].when.startswith("2027-02-12"), c.reasons


def test_until_then_permission_is_no_deadline() -> None:
    c = classify(msg("Programs can download applications on September 24. Until then, you "
                     "may continue to add programs." + SIG, subject="Reminder", sender=SENDER,
                     date="2026-09-10T09:00:00-05:00"))
    assert D not in c.flags, c.reasons


@pytest.mark.parametrize(("body", "deadline"), [
    ("My February 20 deadline stands. Please confirm your residency interview date.", True),
    ("The February 5 deadline passed without an answer, so the residency position went to "
     "another candidate. Thank you for your interest in our program.", False),
])
def test_a_date_that_names_a_deadline(body: str, deadline: bool) -> None:
    c = classify(msg(body + SIG, subject="Decision", sender=SENDER,
                     date="2027-02-10T09:00:00-06:00"))
    assert c.kind is not Kind.OTHER and (D in c.flags) is deadline, c.reasons


def test_a_forwarding_note_before_the_header_block_keeps_the_forwarded_body() -> None:
    body = ("-------- Forwarded Message --------\n[Auto-forwarded by student mail. This "
            "account forwards all incoming mail.]\n\nFrom: Priya Vance <pvance@marlowcreek.org>"
            "\nDate: Wed, 6 Jan 2027 17:48:11 -0600\nSubject: A note\n\nDear Dr. Okafor,\n\n"
            "Rank Marlow Creek first, and I will make sure you match here." + SIG)
    m = msg(body, subject="Fwd: A note", sender="okafor@student.example.edu")
    view, parts = message_view(m)
    assert parts.forwarded_from == "pvance@marlowcreek.org"
    assert "Rank Marlow Creek first" in view.body
    assert C in classify(m).flags


@pytest.mark.parametrize("body", [
    "All parties have signed \"Resident Agreement 2027-28\". The completed document is "
    "attached. Please keep it for your records.",
    "Welcome! Our GME office will send your resident agreement (contract) in the next week "
    "through the e-signature system. Orientation starts June 21.",
])
def test_a_contract_after_match_day_is_no_offer(body: str) -> None:
    c = classify(msg(body + SIG, subject="Resident Agreement", sender=SENDER,
                     date="2027-04-02T09:00:00-05:00"))
    assert c.kind is not Kind.PRE_MATCH_OFFER and C not in c.flags, c.reasons
