"""Round 12: families generalized from two more tuning corpora by other writers
(tests/data/heldout36 and heldout37).

These writers relayed a coordinator's text message and a director's voicemail through
the applicant's own mail provider, asked "where Bellwether falls on yours", promised
good places on the list to applicants who tell early, made a waitlist move wait for a
declared top three, wrote "should you place us at the top of your list, you have my
word", and asked applicants who accept an interview not to schedule others in the
state. Two programs sharing a coordinator were told apart only by the suffix of their
names ("Research Track", "Primary Care Track"). Every text here is written for this test.
"""

from __future__ import annotations

import pytest

from mailsync.classify import classify
from mailsync.link import link
from mailsync.message import Address
from mailsync.programs import Program
from mailsync.taxonomy import Flag, Kind

from .test_classify_helpers import APPLICANT, msg, red_flags

R, C, W = Flag.RANK_INQUIRY, Flag.COMMITMENT_REQUEST, Flag.WITHDRAWAL_REQUEST
SIG = "\n\nNadia Ferreira\nResidency Coordinator, Family Medicine\nPinecrest Valley Hospital"
SENDER = "nferreira@pinecrestvalley.org"


def _flags(body: str, subject: str = "Pinecrest Valley FM") -> tuple[set, list[str]]:
    return red_flags(body + SIG, subject=subject, sender=SENDER)


@pytest.mark.parametrize(("body", "flags"), [
    ("Dr. Osei is finalizing our rank list this week and would love to hear where Pinecrest "
     "falls on yours before then.", {R}),
    ("In my experience, the people who let us know early that Pinecrest is their top choice "
     "tend to land very well on our list. Something to keep in mind.", {C}),
    ("We have moved you to our interview waitlist. We can move you into a date right away "
     "once you let us know Pinecrest will be in your top three.", {C}),
    ("For the Match: should you place Pinecrest at the top of your list, you have my word "
     "there will be a spot for you here.", {C}),
    ("I'll be candid: if Pinecrest is your first choice and you rank us that way, I'm "
     "confident you'll be matching with us in March.", {C}),
    ("Because our interview days are limited, we ask that applicants who accept an interview "
     "with us do not schedule interviews with the other family medicine programs in Ohio.",
     {W}),
    ("Dr. Osei has asked me to collect which advanced programs or specialties each applicant "
     "has applied to alongside our TY. Could you send me that list?", {R}),
])
def test_round12_red_flags(body: str, flags: set[Flag]) -> None:
    found, why = _flags(body)
    assert found == flags, why


@pytest.mark.parametrize("body", [
    # interview dates, not programs
    "Please reply with your top 2 date choices from the list below.",
    # a program's own list
    "Our applicants who did well on interview day tend to land very well on our list.",
])
def test_round12_look_alikes_carry_no_red_flag(body: str) -> None:
    found, why = _flags(body)
    assert found == set(), why


#: The applicant's own mailbox at the provider that also relays texts and voicemail.
_ON_QUILLPOST = Address(name=APPLICANT.name, addr="amina.rahman@quillpost.com")


@pytest.mark.parametrize(("sender", "body"), [
    ("sms-relay@quillpost.com", "You received a text message while your phone was offline.\n"
     "From: +1 (910) 555-0147\n\"Hi Dr Rao, Nadia from Pinecrest FM. Quick q, are we in ur top "
     "3? no pressure\""),
    ("voicemail@quillpost.com", "New voicemail\nTranscript:\n\"Hi, this is Dr. Osei from "
     "Pinecrest family medicine. I wanted to get a sense of where we are on yours, so give me "
     "a call back.\""),
])
def test_a_relay_from_the_applicants_own_provider_is_read_like_a_forward(
        sender: str, body: str) -> None:
    c = classify(msg(body, subject="Message", sender=sender, to=_ON_QUILLPOST))
    assert c.kind is not Kind.OTHER and R in c.flags, c.reasons


def test_a_friend_on_the_applicants_provider_is_still_personal() -> None:
    m = msg("Are we still on for dinner? My PD asked me where I'm ranking them, ha.",
            subject="dinner", sender="priya.friend@quillpost.com", to=_ON_QUILLPOST)
    assert classify(m).kind is Kind.OTHER


_SHARED = [
    Program(program_id="PV1", name="Pinecrest Valley Psychiatry Residency",
            specialty="Psychiatry", track="Categorical", email_domains=("pinecrestvalley.org",),
            coordinator_name="Nadia Ferreira", coordinator_email=SENDER),
    Program(program_id="PV2", name="Pinecrest Valley Psychiatry Residency - Research Track",
            specialty="Psychiatry", track="Categorical", email_domains=("pinecrestvalley.org",),
            coordinator_name="Nadia Ferreira", coordinator_email=SENDER),
]


@pytest.mark.parametrize(("subject", "program"), [
    ("Research Track - interview date available", "PV2"),
    ("Psychiatry interview date available", None),
])
def test_a_name_suffix_tells_apart_programs_that_share_a_coordinator(
        subject: str, program: str | None) -> None:
    m = msg("A date has opened on January 12. Please let me know if you'd like it." + SIG,
            subject=subject, sender=SENDER)
    assert link(m, _SHARED, kind=Kind.INTERVIEW_INVITE).program_id == program
