"""Round 24: families generalized from more tuning corpora by other writers
(tests/data/heldout75, withdrawal asked indirectly, and heldout76, red flags carried by
residents, alumni, faculty, calendar invitations and newsletters).

Withdrawal as an interview's terms ("applicants agree not to schedule interviews with other
programs", "agree to decline interview offers from other programs"), as a condition of the
waitlist ("if they have released their other interview dates"), as advice ("I don't think
you need to put yourself through the rest of your interview season", "focus only on us …
interviews elsewhere would be time wasted", "let those programs know you won't need
them", "please don't take any more interviews", "Cancel the rest."), and as a report asked
for ("a list of the interviews you've cancelled"). A reward for a first rank ("rank Sunward
first, and there will be a place for you"; "if so, … you're in"). The words of a calendar
invitation are read: its title and description, not its iCalendar source. Every text here
is written for this test.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mailsync.classify import classify, message_view
from mailsync.message import Attachment
from mailsync.taxonomy import Flag

from .test_classify_helpers import msg, red_flags

R, C, W = Flag.RANK_INQUIRY, Flag.COMMITMENT_REQUEST, Flag.WITHDRAWAL_REQUEST
SENDER = "lvance@alderwoodhealth.org"
SIG = "\n\nLena Vance, MD\nProgram Director, Family Medicine\nAlderwood Health"


def _flags(body: str) -> tuple[set, list[str]]:
    return red_flags(body + SIG, subject="Alderwood Family Medicine", sender=SENDER)


@pytest.mark.parametrize(("body", "flags"), [
    ("We are pleased to invite you to interview. By confirming a date, applicants agree not "
     "to schedule interviews with other family medicine programs in Oregon.", {W}),
    ("We are pleased to invite you to interview in November. Candidates who accept agree to "
     "decline interview invitations from other programs in the state.", {W}),
    ("We move people off the waitlist first if they have released their other February "
     "interview dates.", {W}),
    ("I honestly don't think you need to put yourself through the rest of your interview "
     "season.", {W}),
    ("My advice is simple: more time spent on interviews elsewhere would be time wasted.",
     {W}),
    ("If you still hold dates in March, let those programs know you won't need them.", {W}),
    ("Please don't take any more interviews. You have found your program.", {W}),
    ("we want you. Cancel the rest.", {W}),
    # which interviews were cancelled says where else she interviewed: a rank question too
    ("Could you send me a list of the interviews you've cancelled so far?", {R, W}),
    ("We are delighted you visited. If you can tell me Alderwood is your first choice and "
     "let the other programs go, I will put you at the top of our list.", {C, W}),
    ("Dr. Vance would like a short email from you saying that you have withdrawn from your "
     "remaining interviews.", {W}),
    ("Let me make you a promise: rank Alderwood first, and there will be a place for you in "
     "our rural track.", {C}),
    ("Are we your number one? If so, let me know and I'll tell Dr. Vance, and honestly, "
     "you're in.", {R, C}),
    ("ok be honest are we #1 or #2 for u 😂 the PD is going to ask me who's really "
     "interested in our residency", {R}),
])
def test_round24_red_flags(body: str, flags: set[Flag]) -> None:
    found, why = _flags(body)
    assert found == flags, why


@pytest.mark.parametrize("body", [
    "If you need to cancel your interview with us, please let us know by Friday.",
    "We had to cancel the rest of our January interview days because of the storm.",
    "You are in the first group of applicants we will contact.",
])
def test_round24_look_alikes_carry_no_red_flag(body: str) -> None:
    found, why = _flags(body)
    assert found == set(), why


ICS = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
       "DTSTART:20280210T230000Z\r\nDTEND:20280210T232000Z\r\nSUMMARY:Call with Dr. Vance\r\n"
       "DESCRIPTION:Commitment conversation. Dr. Vance would like to hear your commitment to "
       "rank\r\n  Alderwood first before she finalizes the list.\r\nEND:VEVENT\r\n"
       "END:VCALENDAR\r\n")


def _invitation(body: str, ics: str):
    m = msg(body + SIG, subject="Invitation: Call with Dr. Vance", sender=SENDER)
    return replace(m, attachments=(Attachment(filename="invite.ics",
                                              content_type="text/calendar", size=len(ics),
                                              text=ics),))


def test_a_calendar_invitation_is_read_by_its_words() -> None:
    m = _invitation("You have been invited to an event.", ICS)
    view, _ = message_view(m)
    assert "commitment to rank Alderwood first" in view.attachments
    assert "BEGIN:VEVENT" not in view.attachments
    c = classify(m)
    assert C in c.flags, [r.cue for r in c.reasons]


def test_an_unreadable_calendar_gives_no_text_and_no_error() -> None:
    m = _invitation("See the invitation.", "BEGIN:VCALENDAR\r\nnot a calendar")
    view, _ = message_view(m)
    assert "not a calendar" not in view.attachments
    assert classify(m).kind is not None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("BEGINENDVCALENDARVEVTSUMRYDSCP:;=,\\\r\n xé")),
               max_size=160))
def test_any_calendar_text_reads_without_raising(tail: str) -> None:
    view, _ = message_view(_invitation("See the invitation.", "BEGIN:VCALENDAR\r\n" + tail))
    assert isinstance(view.attachments, str)
