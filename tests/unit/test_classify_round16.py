"""Round 16: families generalized from two more tuning corpora by other writers
(tests/data/heldout48 and heldout49).

The first writer asked for commitment without the words "commit", "promise" or
"guarantee": "I just need to hear that we're where you want to be", "send him word that
you're coming to us", "stick with us and we'll stick with you", letters saying the program
will be at the top; some of it in text-message and voicemail relays, whose own header
("From: (312) 555-0191") is no quoted history. The second hid its asks in busy mail: dates
to put in order ("can you rank them 1st and 2nd?"), a survey asking whether anyone asked
the forbidden question, "he likes to ask everyone which programs they signaled", and a
post-Match survey about what shaped the rank list. Every text here is written for this test.
"""

from __future__ import annotations

import pytest

from mailsync.classify import classify, message_view
from mailsync.taxonomy import Flag, Kind

from .test_classify_helpers import msg, red_flags

R, C, W = Flag.RANK_INQUIRY, Flag.COMMITMENT_REQUEST, Flag.WITHDRAWAL_REQUEST
SENDER = "dpruitt@bayardhill.org"
SIG = "\n\nDesmond Pruitt, MD\nProgram Director, Internal Medicine\nBayard Hill Hospital"


def _flags(body: str) -> tuple[set, list[str]]:
    return red_flags(body + SIG, subject="Checking in", sender=SENDER)


@pytest.mark.parametrize(("body", "flags"), [
    ("I'm not asking for anything formal. I just need to hear that we're where you want to "
     "be. A couple of lines before the holidays would mean a lot.", {C}),
    ("Dr. Lee asked me to pass along that if you can send him word that you're coming to us "
     "for your prelim year, he'll make sure the committee knows.", {C}),
    ("Real talk: stick with us and we'll stick with you.", {C}),
    ("The committee gives weight to letters from candidates indicating that Bayard Hill will "
     "be at the top of their list.", {C}),
    ("I'm asking for your word that if we put you at the top of ours, you'll be here in "
     "July.", {C}),
    ("Since you mentioned your interview at Saginaw Lakes next week - I'd rather you didn't "
     "go.", {W}),
    # look-alikes
    ("Since you listed two dates, can you rank them 1st and 2nd for me? December 3 is "
     "filling up.", set()),
    ("Please let me know by Friday whether you'll be joining us for the resident dinner.",
     set()),
    ("A reminder: if you rank a program and match there, you are committed to go.", set()),
])
def test_round16_red_flags(body: str, flags: set[Flag]) -> None:
    found, why = _flags(body)
    assert found == flags, why


def test_a_heads_up_that_the_director_asks_everyone_is_a_rank_inquiry() -> None:
    c = classify(msg("A few things before Monday:\n\n1. Check-in is at 6:30 AM.\n2. Dr. Faber "
                     "meets every applicant one-on-one. Heads up, he likes to ask everyone "
                     "which programs they signaled, so have that ready.\n" + SIG,
                     subject="Your interview Monday", sender=SENDER))
    assert R in c.flags, c.reasons


def test_a_survey_asking_whether_anyone_asked_is_no_rank_inquiry() -> None:
    c = classify(msg("How was your interview day?\n\n1. Was the schedule clear?\n2. Did anyone "
                     "ask you how you plan to rank programs or where else you interviewed? "
                     "(Yes / No)\n" + SIG, subject="Interview day survey", sender=SENDER))
    assert R not in c.flags, c.reasons


def test_dates_offered_then_a_first_choice_asks_no_rank() -> None:
    c = classify(msg("We are pleased to invite you to interview.\n\nInterview dates (all "
                     "virtual):\nTuesday, December 1\nTuesday, December 15\n\nPlease reply "
                     "with your top two choices by October 26." + SIG,
                     subject="Interview invitation", sender=SENDER))
    assert c.kind is Kind.INTERVIEW_INVITE and R not in c.flags, c.reasons


def test_after_match_day_a_survey_about_the_rank_list_is_no_rank_inquiry() -> None:
    c = classify(msg("Now that the Match is over, we'd be grateful for five minutes of your "
                     "time. The survey asks about your interview experience with us, what "
                     "influenced your rank list, and where you matched." + SIG,
                     subject="Post-Match survey", sender=SENDER, date="2027-03-29T09:30:00-04:00"))
    assert R not in c.flags, c.reasons


def test_a_text_relay_header_is_not_quoted_history() -> None:
    body = ("RelayText - your texts, in your inbox\n\nFrom: (312) 555-0191 (Marco)\n"
            "To: (630) 555-0148\nReceived: Fri Dec 4, 2026 6:04 PM CST\n\n\"Hey Dr Baig! "
            "Marco here, one of the chiefs. Stick w us and we'll stick w u.\"")
    m = msg(body, subject="New text message from (312) 555-0191", sender="relay@relaytext.example")
    view, _ = message_view(m)
    assert "Stick w us" in view.body
    assert C in classify(m).flags
