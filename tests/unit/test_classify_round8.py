"""Round 8: red-flag families generalized from two more tuning corpora by other writers
(tests/data/heldout24 and heldout25).

These writers asked in one-line replies that point back ("Please send that over"), in
a coordinator's forward of the director's note ("Can you ask her if we're her #1?"),
in letters of intent to sign, written in the applicant's voice ("1. Wrenfield will be
ranked as my first choice", "I will not accept an interview with another program"),
and by chasing proof of a Match withdrawal; their look-alikes tell the applicant not
to feel any need to share a ranking. Every text here is written for this test.
"""

from __future__ import annotations

import pytest

from mailsync.classify import classify
from mailsync.taxonomy import Flag

from .test_classify_helpers import msg, red_flags

R, C, W = Flag.RANK_INQUIRY, Flag.COMMITMENT_REQUEST, Flag.WITHDRAWAL_REQUEST
RED = {R, C, W}
SIG = "\n\nLena Farrow\nResidency Coordinator, Neurology\nWrenfield Medical Center"


def _flags(body: str, subject: str = "Wrenfield Neurology") -> tuple[set[Flag], list[str]]:
    return red_flags(body, subject=subject, sender="lfarrow@wrenfieldmc.org")


@pytest.mark.parametrize(("body", "flags"), [
    # an ask that points back at the sentence before it
    ("Dr. Okafor, your interview on the 9th is confirmed. Dr. Imrie noticed you left out the "
     "other programs in Ohio you are interviewing with. Please send that over when you can.",
     {R}),
    # the director's question, relayed
    ("Dr. Okafor, see below from Dr. Imrie, our program director, about your residency "
     "interview.\n\n---------- Forwarded message ---------\n"
     "From: Sara Imrie <simrie@wrenfieldmc.org>\nDate: Mon, Jan 4, 2027\nSubject: Okafor\n\n"
     "Lena - can you ask her if we're her #1? I'd like to know before committee.", {R}),
    # a withdrawal the offer waits for
    ("Dr. Okafor, we have not yet received your NRMP withdrawal confirmation. Please send it "
     "to me and I will get the contract out the same day.", {C, W}),  # the offer's own ask
])
def test_round8_red_flags(body: str, flags: set[Flag]) -> None:
    found, why = _flags(body + SIG)
    assert found == flags, why


def test_a_letter_of_intent_in_the_applicants_voice_asks_a_promise_and_a_withdrawal() -> None:
    body = ("Dr. Okafor, Dr. Imrie asked me to send you our letter of intent. Please return it "
            "by February 5." + SIG + "\n\nLETTER OF INTENT\nI, ____________ (applicant), "
            "confirm that:\n1. Wrenfield Neurology will be ranked as my first choice on my "
            "rank order list.\n2. I will not accept an interview or position with another "
            "neurology program this season.\nSignature: ____________")
    found, why = _flags(body)
    assert {C, W} <= found, why


@pytest.mark.parametrize("body", [
    "Our rank list will be finalized in February. We can't share where anyone is ranked, and "
    "you shouldn't feel any need to tell us how you're ranking programs.",
    "Thank you for your letter. Your interview on the 9th is confirmed; please send that "
    "parking form over when you can.",
])
def test_round8_look_alikes(body: str) -> None:
    found, why = _flags("Dear Dr. Okafor,\n\n" + body + SIG)
    assert not found, why


def test_a_short_reply_in_an_interview_thread_is_logistics() -> None:
    """"Got you down for Dec 3. Thanks!" under "RE: Interview invitation" carries no cue;
    from the program, in that thread, it is about the interview already offered."""
    from mailsync.programs import Program

    program = Program(program_id="W01", name="Wrenfield Neurology", institution="Wrenfield "
                      "Medical Center", specialty="Neurology", email_domains=("wrenfieldmc.org",))
    reply = msg("Got you down for Dec 3. Thanks!\n\nLena", subject="RE: Interview invitation - "
                "Wrenfield Neurology", sender="lfarrow@wrenfieldmc.org")
    assert classify(reply, programs=[program]).kind.value == "interview_logistics"
    other = msg("Got it, thanks!\n\nLena", subject="RE: Parking on campus",
                sender="lfarrow@wrenfieldmc.org")
    assert classify(other, programs=[program]).kind.value != "interview_logistics"


_NOTE = "Dear Dr. Okafor,\n\nThank you for visiting Wrenfield last week. {}" + SIG


@pytest.mark.parametrize(("sentence", "flags"), [
    # a heads-up that a form will ask
    ("When you schedule, the portal will ask you to complete a short questionnaire, "
     "including a list of the other programs you have interviews with.", {R}),
    ("I'm trying to get a feel for how we stack up. Where would you say Wrenfield lands?",
     {R}),
    # a promise to accept, asked as a question
    ("If we offered you a position, would you accept it?", {C}),
    # giving up the interviews left
    ("If Wrenfield is where your heart is, you can probably save yourself the rest of your "
     "January interviews.", {W}),
    ("At that point there'd be no reason to keep spending your January on Zoom interviews "
     "for other programs.", {W}),
    # a reward for having said so, and a question that only asks
    ("Applicants who've told us we're their first choice have historically done very well on "
     "our list.", {C}),
    ("Would it be fair to say we're your top pick among the Ohio programs?", {R}),
])
def test_round8_more_red_flags(sentence: str, flags: set[Flag]) -> None:
    found, why = _flags(_NOTE.format(sentence))
    assert found == flags, (sentence, why)


def test_a_deadline_at_close_of_business() -> None:
    from datetime import datetime

    from mailsync.classify.deadlines import find_deadlines

    sent = datetime.fromisoformat("2027-01-29T09:00:00-06:00")
    found = find_deadlines("I'll need the signed copy back by COB Friday 2/5.", sent=sent,
                           tz="America/Chicago")
    assert [f.when.date().isoformat() for f in found] == ["2027-02-05"]


@pytest.mark.parametrize(("body", "subject", "kind"), [
    ("Thank you for applying. Unfortunately, we are unable to offer you an interview at this "
     "time. However, your application remains under consideration, and we will contact you "
     "if a date becomes available.", "Interview status", "waitlist"),
    ("Unfortunately, we are unable to offer you an interview. We wish you the best.",
     "Interview status", "rejection"),
    ("Thank you for letting us know so promptly - we've released your interview spot to "
     "another applicant. We wish you the very best this season.",
     "RE: Interview invitation", "interview_logistics"),
    ("You're on the waitlist for an earlier date. Waitlisted date: Jan 12. Your scheduled "
     "interview: Jan 21 (unchanged). If a spot opens on Jan 12, we'll move you automatically.",
     "You joined a date waitlist", "interview_logistics"),
])
def test_round8_kinds(body: str, subject: str, kind: str) -> None:
    c = classify(msg("Dear Dr. Okafor,\n\n" + body + SIG, subject=subject,
                     sender="lfarrow@wrenfieldmc.org"))
    assert c.kind.value == kind, [r.cue for r in c.reasons]


@pytest.mark.parametrize(("sentence", "flags"), [
    # round 9 (heldout28): a yes-or-no that would help a lot; intentions about the program
    ("Understood, no pressure at all! Still, a simple yes or no on whether we're your #1 "
     "would help me a lot.", {R}),
    ("He'd like each of you to email him directly with your intentions regarding Wrenfield.",
     {R}),
    # an apology for having asked
    ("I did ask you on interview day which other programs you were considering, and I "
     "shouldn't have. We will rank you highly.", set()),
])
def test_round9_red_flags(sentence: str, flags: set[Flag]) -> None:
    found, why = _flags(_NOTE.format(sentence))
    assert found == flags, (sentence, why)


@pytest.mark.parametrize(("body", "subject", "kind"), [
    ("One of our preliminary interns has had to leave, and we have a PGY-1 position opening "
     "off-cycle. Would you be available for a 45-minute video interview on Wednesday or "
     "Monday?", "Off-cycle PGY-1 opening - can you interview this week?", "interview_invite"),
    ("We have an off-cycle PGY-1 position and would like to offer it to you. Please sign and "
     "return the attached contract by Friday.", "Off-cycle PGY-1 position", "pre_match_offer"),
])
def test_round9_kinds(body: str, subject: str, kind: str) -> None:
    c = classify(msg("Dear Dr. Okafor,\n\n" + body + SIG, subject=subject,
                     sender="lfarrow@wrenfieldmc.org"))
    assert c.kind.value == kind, [r.cue for r in c.reasons]


def test_an_eras_scheduler_invitation_is_an_invitation() -> None:
    body = ("Dear Rania Khatib,\nYou have received an interview invitation through the MyERAS "
            "interview scheduler.\nProgram: Riverbend Medical Center - Pediatrics\nPlease "
            "respond by: 10/19/2026 11:59 PM ET\nTo view the invitation and schedule a date, "
            "sign in to MyERAS.\nERAS | Association of American Medical Colleges")
    c = classify(msg(body, subject="MyERAS: You have received an interview invitation",
                     sender="myeras-noreply@aamc.org"))
    assert c.kind.value == "interview_invite", [r.cue for r in c.reasons]


@pytest.mark.parametrize(("body", "flags"), [
    # round 9 (heldout27): a condition on the interview date; a hypothetical offer
    ("Dr. Imrie has asked that every applicant confirm in their reply that Wrenfield is one "
     "of their top three neurology choices before we release an interview date. Please reply "
     "to this email with your confirmation.", {R, C}),
    ("Hypothetically, if Wrenfield offered you a spot, would you take it over the other "
     "programs you've interviewed at?", {R, C}),
    # an ask that points back: "Would you be willing to do that?"
    ("We have decided to ask the applicants we like most whether they would be willing to "
     "decline any further Ohio neurology interviews. Would you be willing to do that?", {W}),
    # a heads-up to every applicant
    ("Dr. Imrie will ask each applicant during the welcome session to share which other Ohio "
     "programs they are interviewing with.", {R}),
    # rewards
    ("Applicants who let us know early that Wrenfield is their first choice will be given "
     "priority consideration when our committee finalizes its list.", {C}),
    ("An applicant who ranks us first and tells us so is an applicant we rank to match.", {C}),
])
def test_round9_more_red_flags(body: str, flags: set[Flag]) -> None:
    found, why = _flags(_NOTE.format(body))
    assert found == flags, (body, why)


@pytest.mark.parametrize("body", [
    # retractions and rules
    "Our last update suggested that applicants who tell us Wrenfield is their first choice "
    "would receive priority. That statement was wrong, and we retract it.",
    "Items 5 and 6 of our questionnaire (other programs and anticipated rank) should not have "
    "been on it, and I'm sorry we asked.",
    "No one affiliated with Wrenfield - faculty, residents, coordinators or alumni - will ask "
    "you how you intend to rank any program.",
])
def test_round9_look_alikes(body: str) -> None:
    found, why = _flags(_NOTE.format(body))
    assert not found, (body, why)


@pytest.mark.parametrize(("body", "flags"), [
    # round 10 (heldout30, heldout31): a P.S. that invites naming the others
    ("P.S. Dr. Imrie always enjoys hearing where else our applicants are looking - if you're "
     "applying to other Ohio or Indiana programs, feel free to mention them when you reply.",
     {R}),
    # a question pointing back at what a resident reported
    ("One of our chiefs mentioned that you'd told her Wrenfield was your top choice. I wanted "
     "to hear it from you directly - is that right?", {R}),
    ("Can you at least tell me you're not interviewing at Cincinnati? Kidding. Mostly.",
     {R, W}),
    ("She said you really don't need to keep doing interviews, so if you wanted to cancel a "
     "few, we wouldn't mind.", {W}),
    ("Every year a few applicants tell us we're their number one, and every year those "
     "applicants go to the top of our list and match here.", {C}),
])
def test_round10_red_flags(body: str, flags: set[Flag]) -> None:
    found, why = _flags(_NOTE.format(body))
    assert found == flags, (body, why)


def test_a_recruiter_placing_the_applicant_in_a_residency_position_makes_an_offer() -> None:
    body = ("Hi Dr. Okafor,\n\nI recruit for Mesquite Valley Medical Center. Their Internal "
            "Medicine PGY-1 program fills directly (they are not in the NRMP Match), and the "
            "program director would like to offer you a PGY-1 position. They need a firm yes "
            "by Friday, November 27 to hold it.\n\nDarren Whitlock\nSenior Physician Recruiter"
            "\nFrontera Physician Search")
    c = classify(msg(body, subject="PGY-1 Internal Medicine position - decision needed",
                     sender="dwhitlock@fronterasearch.example"))
    assert c.kind.value == "pre_match_offer", [r.cue for r in c.reasons]
    job = msg("Hi Dr. Okafor,\n\nWe have hospitalist openings in Texas with a signing bonus. "
              "Reply STOP to opt out.\n\nDarren Whitlock\nSenior Physician Recruiter",
              subject="Hospitalist opportunities", sender="dwhitlock@fronterasearch.example")
    assert classify(job).kind.value == "other"
