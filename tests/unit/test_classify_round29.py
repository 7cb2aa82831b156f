"""Rounds 29 to 31: families generalized from four more tuning corpora by other writers
(tests/data/heldout90, an IMG from Pakistan in psychiatry and neurology whose programs write
from shared mailboxes, phones and SMS gateways; heldout91, a US applicant in general surgery
among sports-talk PDs, voicemail transcripts, newsletters, family and advisors; heldout93 and
94, described at round 30's tests below).

A tag question ("you'll rank us first, right?"); "confirming that Ashgrove is where you
intend to do your preliminary year"; a form's box that pledges a first rank after other
terms. Look-alikes: the terms of accepting an invitation ("you are confirming that KPUH will
be one of your top choices" is a commitment, not a question); an apology for a resident's
question; questions spoken of as a topic; an FAQ's "When is your rank meeting?"; a form's
"Preferred name"; the program's own top spots; proof of a withdrawal as a screenshot of the
list; a parent's question; an advisor at the applicant's school; a research position that
asks no decision before the Match. Every text here is written for this test.
"""

from __future__ import annotations

import pytest

from mailsync.classify import classify
from mailsync.link import Linker
from mailsync.programs import Program
from mailsync.taxonomy import Flag, Kind

from .test_classify_helpers import msg, red_flags

R, C, W = Flag.RANK_INQUIRY, Flag.COMMITMENT_REQUEST, Flag.WITHDRAWAL_REQUEST
SENDER = "npaley@corvinhealth.org"
SIG = "\n\nNora Paley, MD\nProgram Director, Psychiatry Residency\nCorvin Health"


def _flags(body: str) -> tuple[set, list[str]]:
    return red_flags(body + SIG, subject="Corvin Psychiatry", sender=SENDER)


@pytest.mark.parametrize(("body", "flags"), [
    ("Loved our talk. Between us: you'll rank us first, right?", {R, C}),
    ("To stay in our top group, please reply confirming that Corvin is where you intend to "
     "do your preliminary year.", {C}),
    ("Applicant statement (tick to agree):\n  [ ] If Corvin places me in its top tier, I agree "
     "to cancel my remaining interviews and to rank Corvin first.", {C, W}),
    ("If you are committed to spending your intern year with us, I'm comfortable ranking you "
     "at the top of our list.", {C}),
    # look-alikes
    ("By accepting this invitation, you are confirming that Corvin will be one of your top "
     "choices.", {C}),
    ("I also want to apologize if one of our residents asked you where else you interviewed; "
     "that is not something we permit.", set()),
    ("A reminder that questions about where you will rank a program, or where else you have "
     "interviewed, are not questions you are obligated to answer.", set()),
    ("Q: When is your rank meeting?\nA: Early February.", set()),
    ("Please complete the form by Friday:\n  1. Clinical interests\n  2. Preferred name and "
     "pronouns", set()),
    ("We hold our top spots for people who truly want to be here. Can you tell me about your "
     "research plans?", set()),
])
def test_round29_red_flags(body: str, flags: set) -> None:
    got, cues = _flags(body)
    assert got == flags, cues


def test_a_parent_asking_about_the_list_is_family_mail() -> None:
    body = ("Hi sweetie,\n\nDad wants to know if you are putting Denver first, he found cheap "
            "flights. Also are you really ranking the one in Texas?\n\nCall us Sunday.\nLove, Mom")
    c = classify(msg(body, subject="Denver??", sender="linda.h@harborwave.net"))
    assert c.kind is Kind.OTHER and not c.flags, c.reasons
    assert c.reasons[0].cue == "other.family"


def test_an_advisor_at_the_applicants_school_may_ask_about_the_list() -> None:
    body = ("Tessa,\n\nCome ready to tell me where you're leaning for #1 and how you're thinking "
            "about your prelim backups.\n\nMarguerite Okafor, MD\nCareer Advisor, General "
            "Surgery\nCalloway State University College of Medicine")
    c = classify(msg(body, subject="Your rank list", sender="mokafor@med.callowaystate.edu"))
    assert not c.flags & {R, C, W}, c.reasons
    assert "sender.advisor" in [r.cue for r in c.reasons]


def test_a_program_asking_the_same_is_still_flagged() -> None:
    body = "Come ready to tell me where you're leaning for #1 on your list."
    got, cues = _flags(body)
    assert got == {R}, cues


def test_a_research_position_that_asks_no_decision_before_the_match_asks_no_promise() -> None:
    body = ("I'm pleased to offer you a position in our stroke outcomes research fellowship. It "
            "is not part of the Match, and accepting it does not require you to withdraw from "
            "the Match. There is no decision to make now: please let us know by Friday, "
            "December 18 whether we should prepare a formal letter.")
    c = classify(msg(body + SIG, subject="Research fellowship offer", sender=SENDER,
                     date="2026-11-20T09:00:00-06:00"))
    assert c.kind is Kind.PRE_MATCH_OFFER and Flag.RESPONSE_DEADLINE in c.flags, c.reasons
    assert not c.flags & {C, W}, c.reasons


def test_an_offer_answered_after_match_day_asks_no_promise() -> None:
    body = ("I'm delighted to offer you a position in our research fellowship. Please let us "
            "know whether you would like to accept by Friday, March 26, 2027.")
    c = classify(msg(body + SIG, subject="Fellowship offer", sender=SENDER,
                     date="2027-01-20T09:00:00-06:00"))
    assert c.kind is Kind.PRE_MATCH_OFFER and C not in c.flags, c.reasons


def test_an_offer_that_asks_to_accept_before_the_match_still_asks_a_promise() -> None:
    body = ("I'm delighted to offer you a PGY-1 position. Please let us know whether you would "
            "like to accept by Friday, February 5, 2027.")
    c = classify(msg(body + SIG, subject="Offer", sender=SENDER,
                     date="2027-01-20T09:00:00-06:00"))
    assert c.kind is Kind.PRE_MATCH_OFFER and C in c.flags, c.reasons


def test_a_text_message_from_a_coordinators_phone_is_residency_mail() -> None:
    body = ("Text message from +1 412-555-0147:\n\nGood morning Dr. Q, Dana from Corvin Psych. "
            "Dr Paley is running ~10 min behind, your 1st interview will start 8:40 not 8:30. "
            "Thx!")
    c = classify(msg(body, subject="Text message from +1 412-555-0147",
                     sender="4125550147@sms.carrierbridge.net"))
    assert c.kind is not Kind.OTHER, c.reasons


def test_the_nrmp_quoting_a_programs_words_signals_no_interest() -> None:
    body = ("Please remember: statements of interest from programs (\"we will rank you highly\") "
            "are not binding commitments. Log in to R3 to certify your list by March 3.")
    c = classify(msg(body, subject="Reminder: Rank Order List deadline", sender="noreply@nrmp.org"))
    assert c.kind is Kind.ADMIN_NOTICE and not c.flags & {R, C, W}, c.reasons


def test_a_look_alike_that_disowns_a_program_is_not_linked_to_it() -> None:
    programs = (Program(program_id="A1", name="Ashgrove Preliminary Surgery Program",
                        institution="Ashgrove University Medical Center",
                        specialty="General Surgery", email_domains=("ashgroveumc.org",)),)
    body = ("We would be pleased to invite you for a virtual interview.\n\nSurgical Education "
            "Office\nAshgrove Regional Medical Center\n\nAshgrove Regional Medical Center is an "
            "independent community hospital and is not affiliated with Ashgrove University "
            "Medical Center.")
    m = msg(body, subject="Interview invitation", sender="surgery@ashgroveregional.org")
    assert Linker(programs).link(m, kind=Kind.INTERVIEW_INVITE).program_id is None
    named = msg("Thank you for applying to Ashgrove University Medical Center's prelim program.",
                subject="Interview", sender="surgery@northfieldhealth.org")
    assert Linker(programs).link(named, kind=Kind.INTERVIEW_INVITE).program_id == "A1"


# Round 30 (heldout93, an IMG from India in internal and family medicine, with programs'
# FAQs and resident ambassadors; heldout94, a DO in OB/GYN and pediatrics, with military and
# other positions outside the Match): an FAQ's questions in the applicant's voice, a
# coordinator's answers between the applicant's quoted lines, a friend's own ranking, an
# interview day whose terms are a first rank and cancelled interviews, interviews offered
# to applicants "prepared to rank us highly", "where would we land for you?".
@pytest.mark.parametrize(("body", "flags"), [
    ("Applicants who choose this day agree to rank Corvin #1 and to cancel their other "
     "psychiatry interviews scheduled after November 18.", {C, W}),
    ("We're offering interviews to applicants who are prepared to rank Corvin highly if the "
     "day goes well. When you book, please include a line confirming that.", {C}),
    ("If you had to choose today between Corvin and the other programs you've seen, where "
     "would we land for you?", {R}),
    # look-alikes: the applicant's questions, answered
    ("Applicant FAQ\n\nQ: Will anyone ask me where else I applied, or how I plan to rank "
     "Corvin?\nA: No. NRMP rules do not allow it.", set()),
    ("You asked, we answered.\n\n\"Is it OK to tell you that Corvin is my #1?\"\nYou may "
     "tell us anything you like, but you never have to.", set()),
    ("Great questions, answers below.\n> 2. Will the faculty ask which other programs I'm "
     "considering?\nNo, our faculty don't ask that.", set()),
])
def test_round30_red_flags(body: str, flags: set) -> None:
    got, cues = _flags(body)
    assert got == flags, cues


def test_a_friend_telling_her_own_ranking_asks_no_program_question() -> None:
    body = ("Meena,\n\nOk I need to think out loud. How are you ranking Lake Ambrose vs "
            "Thornwood? For me it's Orland Heights #1, then the Baltimore one.\n\nD")
    c = classify(msg(body, subject="ranking brain dump", sender="divya.n@quillpost.com"))
    assert c.kind is Kind.OTHER and not c.flags, c.reasons


def test_a_lookalike_domain_that_only_informs_is_read_not_called_phishing() -> None:
    notice = ("Dear Camille,\n\nThis confirms that your rank order list for the 2027 Main "
              "Residency Match was certified on February 28, 2027.\n\nNational Resident "
              "Matching Program")
    c = classify(msg(notice, subject="Rank order list certified", sender="noreply@nrmp-r3.org"))
    assert c.kind is Kind.ADMIN_NOTICE, c.reasons
    phish = notice + "\n\nVerify your account within 24 hours: https://nrmp-r3.org/login"
    c = classify(msg(phish, subject="Rank order list certified", sender="noreply@nrmp-r3.org"))
    assert c.kind is Kind.OTHER and c.reasons[0].cue == "other.scam.impostor_domain"


def test_a_military_selection_to_lock_in_is_an_offer_not_recruiting() -> None:
    body = ("Ms. Brandt,\n\nFollowing up on your selection for Pediatrics at Fort Calloway AMC. "
            "To lock in the position I still need your signed acceptance and a screenshot of "
            "your NRMP withdrawal confirmation by Wednesday 16 Dec.\n\nSFC Daniel Pruett\n"
            "Medical Recruiter, U.S. Army Recruiting")
    c = classify(msg(body, subject="Fort Calloway selection", sender="dpruett@recruiting.army.mil",
                     date="2026-12-01T09:00:00-06:00"))
    assert c.kind is Kind.PRE_MATCH_OFFER and W in c.flags, c.reasons


# Round 31 (heldout97, a couples match in emergency and internal medicine): an invitation's
# terms that the applicant not interview elsewhere; a couples form's field for the other
# pairs ranked; "What we won't do: ask how you plan to rank us"; a specialty advisor's
# warning, signed below "-- ".
@pytest.mark.parametrize(("body", "flags"), [
    ("We ask that people who accept an interview with us not go on to interview at the other "
     "Houston-area EM programs.", {W}),
    ("Couples statement (return by Friday):\nOther program pairs we are ranking (optional, for "
     "coordination): ____________", {R}),
    ("COUPLES FAQ: we coordinate interview days. What we won't do: ask how you plan to rank "
     "us.", set()),
])
def test_round31_red_flags(body: str, flags: set) -> None:
    got, cues = _flags(body)
    assert got == flags, cues


def test_an_advisors_warning_signed_below_the_delimiter_is_no_ask() -> None:
    body = ("Maren,\n\nPrograms will ask if you are couples matching. Some will also ask where "
            "else you applied or how you will rank them. That is not fine; tell me if it "
            "happens.\n\nOmar\n--\nOmar Fairweather, MD\nEM Clerkship Director and Specialty "
            "Advisor\nHarrow Valley University School of Medicine")
    c = classify(msg(body, subject="Re: couples strategy", sender="ofairweather@hvu-som.edu"))
    assert not c.flags & {R, C, W}, c.reasons
