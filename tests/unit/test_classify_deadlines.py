"""Deadline extraction: dates tied to an action, zone from the text or the program, year
inferred from the message date."""

from __future__ import annotations

from datetime import datetime

import pytest

from mailsync.classify import classify
from mailsync.classify.deadlines import find_deadlines
from mailsync.programs import Program
from mailsync.taxonomy import Flag

from .test_classify_helpers import msg

SENT = datetime.fromisoformat("2026-12-10T09:00:00-06:00")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Please reply by Friday, December 18.", "2026-12-18T23:59:00-05:00"),
    ("Respond by: Mon, Jan 4, 2027, 11:59 PM EST", "2027-01-04T23:59:00-05:00"),
    ("Kindly confirm by 5:00 PM CT on Tuesday, December 15.", "2026-12-15T17:00:00-06:00"),
    ("Return the signed form no later than January 8.", "2027-01-08T23:59:00-05:00"),
    ("Please reply by 12/22.", "2026-12-22T23:59:00-05:00"),
    ("I can hold this date until 12:00 PM Eastern on Friday, December 11.",
     "2026-12-11T12:00:00-05:00"),
    ("The offer expires this Friday, December 11, at 5:00 p.m. Pacific Time.",
     "2026-12-11T17:00:00-08:00"),
    ("Please reply within 48 hours.", "2026-12-12T09:00:00-06:00"),
    ("Registration closes Monday, January 11.", "2027-01-11T23:59:00-05:00"),
    ("RSVP by noon tomorrow.", "2026-12-11T12:00:00-05:00"),
    # the action as a noun or a past participle, and chat shorthand
    ("Your written acceptance by Monday, December 14, 5:00 PM ET.", "2026-12-14T17:00:00-05:00"),
    ("The agreement must be returned no later than Friday, January 8.",
     "2027-01-08T23:59:00-05:00"),
    ("Please make your selection by December 16, 8:00 AM PT.", "2026-12-16T08:00:00-08:00"),
    ("lmk by fri, Dec 11 if u can", "2026-12-11T23:59:00-05:00"),
    ("We would like it on file by January 15.", "2027-01-15T23:59:00-05:00"),
    # a bare weekday after "by", a weekday with a day of the month, other actions
    ("Please reply by Friday so I can plan.", "2026-12-11T23:59:00-05:00"),
    ("I'll hold it for you until Monday the 14th at 5pm Pacific.", "2026-12-14T17:00:00-08:00"),
    ("Could you get #1 and #2 to me by Wed Dec 16?", "2026-12-16T23:59:00-05:00"),
    ("If you can assure me by January 29 that we are first, I will act.",
     "2027-01-29T23:59:00-05:00"),
])
def test_deadline_sentences(sentence: str, expected: str) -> None:
    found = find_deadlines(sentence, sent=SENT, tz="America/New_York")
    assert found, sentence
    assert found[0].when.isoformat() == expected


@pytest.mark.parametrize("sentence", [
    "Join our open house on Thursday, December 17 at 7 PM.",
    "Please log in by 7:45 AM Central for a tech check.",
    "You may reschedule to any open date until December 20.",
    "Your interview is on Tuesday, January 12.",
    "Interview invitations will go out through December.",
    "Confirmed: Tue, Dec 15 interview",
    "Uploaded by: R. Mendoza, Date: 12/09/2026",
    "Monday through Thursday you may apply to unfilled positions.",
    "Programs are not permitted to release this information before Friday.",
    # a record field and the program's own turnaround
    "Letter ID: 3  Author: R. Osei, MD  Upload date: 12/09/2026",
    "Program: Wrenfield Neurology  Date: Tuesday, December 15, 2026  Time: 9:00 AM",
    "Please send us your preferred dates and we'll confirm within two business days.",
])
def test_event_dates_are_not_deadlines(sentence: str) -> None:
    assert find_deadlines(sentence, sent=SENT, tz="America/New_York") == []


def test_program_time_zone_applies_when_text_has_none() -> None:
    program = Program(program_id="X1", name="Ridgeway EM", timezone="America/Denver",
                      email_domains=("ridgeway.org",))
    result = classify(msg("Please reply by Friday, December 18 with your preferred date.",
                          subject="Ridgeway EM interview", sender="coord@ridgeway.org",
                          date="2026-12-10T09:00:00-07:00"), programs=[program])
    assert Flag.RESPONSE_DEADLINE in result.flags
    assert result.deadlines[0].when == "2026-12-18T23:59:00-07:00"


def test_default_zone_and_year_rollover() -> None:
    result = classify(msg("We would need your answer by January 5.", subject="Offer of a "
                          "PGY-1 position outside the Match", sender="pd@ridgeway.org",
                          date="2026-12-20T09:00:00-05:00"), default_tz="America/Chicago")
    assert result.deadlines[0].when == "2027-01-05T23:59:00-06:00"
