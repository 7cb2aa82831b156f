"""Round 18: families generalized from more tuning corpora by other writers
(tests/data/heldout54 and heldout55), and from the errors that recur across all of them.

Kinds: a bargain's terms stated in an if-clause ("if you are able to commit to us, this
is a real advantage") or about a group ("the applicants who commit early land at the top")
ask nothing, so the note keeps its kind; a scheduling question ("which block would you
prefer?") is interview logistics, not an info request (taxonomy.md); "everything we need is
in" requests nothing; the J-1 Statement of Need's "written commitment to return home" is no
commitment to a program; a friend telling of her own interview is personal mail.
Flags: "we'd love to hear you're ready to join us" and "cancel the rest of your interviews
and you have my word you'll be ranked to match" ask for commitment; "still committed to
attending" is attendance; ranking the interview dates offered, or "would you like to remain
on our rank list?", is no rank question; "commit by Friday" sets a deadline. Every text
here is written for this test.
"""

from __future__ import annotations

import pytest

from mailsync.taxonomy import Flag, Kind

from .test_classify_helpers import msg

R, C, W, D = (Flag.RANK_INQUIRY, Flag.COMMITMENT_REQUEST, Flag.WITHDRAWAL_REQUEST,
              Flag.RESPONSE_DEADLINE)
SENDER = "tmarsh@fenwickvale.org"
SIG = "\n\nTheresa Marsh, MD\nProgram Director, Family Medicine Residency\nFenwick Vale Hospital"


def _classify(body: str, subject: str = "Fenwick Vale", sender: str = SENDER):
    from mailsync.classify import classify

    return classify(msg(body + SIG, subject=subject, sender=sender))


@pytest.mark.parametrize(("body", "kind", "flags"), [
    # a bargain stated keeps its kind
    ("Dear Dr. Osei,\n\nWe were impressed by your interview. Visa paperwork is stressful, so "
     "one thing openly: if you are able to commit to Fenwick Vale, our GME office can start "
     "your J-1 documents early, and that is a real advantage we can give you.",
     Kind.INTEREST_SIGNAL, {C}),
    ("Dear Dr. Osei,\n\nEveryone on our faculty enjoyed meeting you. We value loyalty here: "
     "every year the applicants who commit to us early, and mean it, are the ones who end up "
     "at the very top of our list.", Kind.INTEREST_SIGNAL, {C}),
    # ... while a polite request to commit still asks
    ("Dear Dr. Osei,\n\nWe enjoyed meeting you. Could you let me know whether you can commit "
     "to Fenwick Vale?", Kind.INFO_REQUEST, {C}),
    # new asks
    ("Dear Dr. Osei,\n\nWe were very impressed by your interview and I keep thinking about "
     "your talk on rural outreach. We'd love to hear you're ready to join us.",
     Kind.INTEREST_SIGNAL, {C}),
    ("Dear Dr. Osei,\n\nWe want you here. Cancel the rest of your interviews and you have my "
     "word you'll be ranked to match.", Kind.INTEREST_SIGNAL, {C, W}),
])
def test_round18_bargains_and_asks(body: str, kind: Kind, flags: set[Flag]) -> None:
    c = _classify(body)
    assert (c.kind, set(c.flags) - {D}) == (kind, flags), c.reasons


@pytest.mark.parametrize("body", [
    "Dear Dr. Osei,\n\nI am very sorry, but Dr. Nazarian has a family emergency and we have "
    "to move your January 6 interview. We can offer you Thursday, January 14 or Wednesday, "
    "January 20 (same times). Please let me know which you prefer.",
    "Hi Dr. Osei,\n\nFor your interview on December 5 we run two blocks. Would you prefer the "
    "early block or the late block?",
    "Hi Dr. Osei,\n\nGlad you'll make the dinner before your interview too. Could you let me "
    "know your arrival plans?",
])
def test_round18_scheduling_questions_are_logistics(body: str) -> None:
    c = _classify(body, subject="Your interview")
    assert c.kind is Kind.INTERVIEW_LOGISTICS, c.reasons
    assert any(r.cue in ("fallback.scheduling_question", "model.kind") or
               r.cue.startswith("logistics.") for r in c.reasons), c.reasons


def test_round18_scheduling_does_not_hide_a_real_question() -> None:
    c = _classify("Dear Dr. Osei,\n\nAre you eligible for J-1 sponsorship through ECFMG?")
    assert c.kind is Kind.INFO_REQUEST, c.reasons


@pytest.mark.parametrize(("body", "sender", "kind"), [
    ("Quick note from the residency office: I've checked your file and everything we need is "
     "in. Nothing else is due from you.", SENDER, Kind.ADMIN_NOTICE),
    ("ECFMG Exchange Visitor Sponsorship Program - Applicant Update\n\nThe Statement of Need "
     "includes your written commitment to return home after training. Your program starts the "
     "sponsorship request after it offers you a position.", "evsp-news@ecfmg.org",
     Kind.ADMIN_NOTICE),
    ("Rania,\n\nOkay I need your opinion. I had my interview today with an IM program in Ohio "
     "and at the end the program director asked me \"are we in your top three?\" Is that even "
     "allowed?? What would you have said?", "hamza.obeidat@corvopost.net", Kind.OTHER),
])
def test_round18_no_request(body: str, sender: str, kind: Kind) -> None:
    c = _classify(body, sender=sender)
    assert c.kind is kind and not set(c.flags) - {D}, c.reasons


@pytest.mark.parametrize(("body", "subject"), [
    ("Hello Dr. Osei,\n\nWe have you scheduled for Thursday, December 3. Please reply to "
     "confirm you are still committed to attending by Tuesday, November 24.",
     "Please confirm your Dec 3 interview"),
    ("Dear Dr. Osei,\n\nWe would like to invite you to interview. We ask each invited "
     "applicant to rank the four dates below in order of preference.\n\n___ Tuesday, November "
     "10\n___ Tuesday, November 24\n\nJust reply to this email with your ranking by Friday, "
     "October 9.", "Interview invitation"),
    ("Dear Dr. Osei,\n\nDr. Haddad asked me to check with all our interviewees: would you like "
     "to remain on our rank list for the Transitional Year? Please reply yes or no by Friday, "
     "February 19.", "Please confirm you'd like to be ranked"),
])
def test_round18_look_alikes(body: str, subject: str) -> None:
    c = _classify(body, subject=subject)
    assert not set(c.flags) & {R, C, W}, c.reasons
    assert D in c.flags, c.reasons


def test_round18_commit_by_a_date_is_a_deadline() -> None:
    c = _classify("Dear Dr. Osei,\n\nThe committee votes Friday. If you can commit to ranking "
                  "us #1 by Saturday, February 20, you'll be ranked to match.",
                  subject="RE: One spot")
    assert {C, D} <= set(c.flags), c.reasons


def test_round18_a_note_passed_on_asks_nothing() -> None:
    c = _classify("Dr. Osei - Dr. Lind asked me to forward this, her mail was bouncing.\n\n"
                  "-----Original Message-----\nHank, can you please send this to Dr. Osei:\n"
                  "\"I wanted you to know how much our interviewers enjoyed meeting you. We think "
                  "you would thrive in our prelim year.\"", subject="FW: Dr. Osei")
    assert c.kind is Kind.INTEREST_SIGNAL, c.reasons


def test_round18_candidates_asked_to_confirm_a_first_rank() -> None:
    c = _classify("Dear Dr. Osei,\n\nOur selection committee will rank a small number of "
                  "candidates to match this year. Dr. Oyelaran has asked that each of these "
                  "candidates confirm in writing that they will rank Fenwick Vale Radiology "
                  "first. If you can do so, please reply to this email by Friday, February 12.",
                  subject="Candidate confirmation")
    assert c.kind is Kind.INFO_REQUEST and {C, D} <= set(c.flags), c.reasons


def test_round18_a_programs_short_reply_is_no_mailing() -> None:
    from mailsync.classify import classify
    from mailsync.programs import Program

    program = Program(program_id="FV1", name="Fenwick Vale Neurology", institution="Fenwick Vale",
                      specialty="Neurology", email_domains=("fenwickvale.org",))
    c = classify(msg("Perfect, thank you. I see the new transcript in ERAS this morning.\n\n"
                     "Your file is complete and goes to the committee next week.\n\nDominic\n\n"
                     "> Dear Mr. Lujan, I passed Step 3 last week. Larissa",
                     subject="RE: Step 3 date needed", sender="dlujan@fenwickvale.org",
                     in_reply_to="<q@fenwickvale.org>"), programs=[program])
    assert c.kind is Kind.ADMIN_NOTICE, c.reasons


@pytest.mark.parametrize(("tail", "kind"), [
    ("Texting for GME helps residency programs talk with applicants. Reply STOP in the app to "
     "opt out.", Kind.INFO_REQUEST),
    ("Book your $299 list review now. Reply STOP to opt out.", Kind.OTHER),
])
def test_round18_a_texting_apps_opt_out_line(tail: str, kind: Kind) -> None:
    from mailsync.classify import classify

    body = ("Conversation transcript\nProgram: Fenwick Vale Hospital - Emergency Medicine\n\n"
            "[6:53 PM] Dr. Roz Quaye: quick q and then I'll let you board - are we your #1? "
            "Dr. Marsh just likes to have a sense before the rank meeting.\n\n" + tail)
    c = classify(msg(body, subject="Your conversation with Fenwick Vale EM",
                     sender="transcripts@textloop-app.com"))
    assert c.kind is kind, c.reasons
