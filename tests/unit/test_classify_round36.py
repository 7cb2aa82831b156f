"""Rounds 36 to 40: families generalized from tuning corpora by other writers
(tests/data/heldout111, a Nigerian IMG in pathology and internal medicine in the Couples
Match, whose programs ask about the partner too and text through a scheduling service;
heldout112, an Egyptian IMG in neurology and pediatrics who sent preference signals, among
residents writing from phones and a PD who follows a call up in writing).

A couple asked together ("whether you and Dr. Adebanjo can commit", "commit to ranking the
Westfall programs as your first pair"); the reward for a withdrawal ("cancel them, and I'll
make sure…"); the terms as a given ("with the pair at the top of your list, both of you will
be ranked to match"); a phone's "r u ranking us 1st?"; "cancel what's left on your
calendar". Look-alikes: a PD putting the question itself in writing is no ask for a written
promise; "11:30 AM … (your first choice - good news)" in an itinerary is no question; a
friend telling what a PD asked another applicant; a phone service's opt-out line under a
program's text. Rounds 37 to 40 follow below, each headed by its corpora. Every text here
is written for this test.
"""

from __future__ import annotations

import pytest

from mailsync.classify import classify
from mailsync.classify.text import normalize
from mailsync.programs import Program
from mailsync.taxonomy import Flag, Kind

from .test_classify_helpers import msg, red_flags

R, C, W = Flag.RANK_INQUIRY, Flag.COMMITMENT_REQUEST, Flag.WITHDRAWAL_REQUEST
SENDER = "mokafor@brindlewoodhealth.org"
SIG = "\n\nMiriam Okafor\nProgram Coordinator, Pathology Residency\nBrindlewood Health"


def _flags(body: str) -> tuple[set, list[str]]:
    return red_flags(body + SIG, subject="Brindlewood Pathology", sender=SENDER)


@pytest.mark.parametrize(("body", "flags"), [
    ("Dr. Hale is still waiting to hear whether you and Dr. Mensah can commit to Brindlewood "
     "as your first pair. Could you reply to him, even briefly?", {C}),
    ("If you and your partner will both commit to ranking the Brindlewood programs as your "
     "first pair, I will see that both of you are ranked to match.", {C}),
    ("There is no reason to keep flying around in January. Cancel them, and I'll make sure the "
     "committee puts you where you belong.", {C, W}),
    ("Let me be plain from the surgery side: with the Brindlewood pair at the top of your "
     "list, both of you will be ranked to match here.", {C}),
    ("great seeing u at the dinner. r u ranking us 1st? if so just shoot me a yes", {R, C}),
    ("P.S. Take the rest of the month off, cancel what's left on your calendar, and let us "
     "be your home.", {W}),
    ("Honestly, you don't need to put yourself through more January interviews.", {W}),
    ("To put it in writing so there's no confusion: I'd like to know where Brindlewood falls "
     "on your list.", {R}),
    # look-alikes
    ("Your itinerary:\n\n8:00 AM Welcome\n11:30 AM Afternoon breakout: cytopathology "
     "shadowing (your first choice - good news, we had room)\n12:30 PM Wrap-up", set()),
])
def test_round36_red_flags(body: str, flags: set) -> None:
    got, cues = _flags(body)
    assert got == flags, cues


def test_a_friend_telling_what_a_pd_asked_someone_else_asks_nothing() -> None:
    body = ("remember I told you my PD was super by-the-book? my co-resident said our PD asked "
            "one of the applicants on zoom today \"are we your number one?\" the applicant "
            "just laughed. anyway how's your list going?\n\nKwame\nPGY-2 (sent from phone)")
    c = classify(msg(body, subject="lol you won't believe this",
                     sender="kwame.b91@quillbox.example"))
    assert not c.flags & {R, C, W}, c.reasons


def test_a_programs_text_keeps_its_kind_through_the_services_opt_out_line() -> None:
    body = ('TextWell - you have a new text message\n\nFrom: Brindlewood Path Residency '
            '(+1 605-555-0114)\n\n"Hi Dr. Okoye, this is Miriam from Brindlewood Pathology. '
            "You're invited to interview with us (virtual)! Reply 1 for Wed Nov 4, 2 for Wed "
            'Nov 18. Please reply by Mon Oct 12. Reply STOP to opt out."')
    c = classify(msg(body, subject="SMS from Brindlewood Path Residency (+1 605-555-0114)",
                     sender="notify@textwell.example"))
    assert c.kind is Kind.INTERVIEW_INVITE, c.reasons
    # a marketer's own opt-out line still reads as marketing
    ad = classify(msg("Is your practice ranking #1 on Google? Book a free audit before Friday "
                      "and we'll guarantee first-page placement. Reply STOP to opt out.",
                      subject="Rank #1 on Google", sender="growth@rankboost.example"))
    assert ad.kind is Kind.OTHER, ad.reasons


def test_r_before_its_subject_is_are() -> None:
    assert normalize("ok. r u ranking us 1st?") == "ok. are you ranking us 1st?"
    assert normalize("Dr. r Patel and plan r") == "Dr r Patel and plan r"


# Round 37 (heldout114, a Pakistani IMG among small community programs whose PDs write
# personally and whose HR offices send contracts before Match Day; heldout115, a US senior in
# OB/GYN among platforms, HTML mail and a chair's pressure dressed as mentoring).
@pytest.mark.parametrize(("body", "flags"), [
    ("Just so you're not surprised: Dr. Hale likes to sit down with every applicant and ask "
     "where else you're interviewing and where Brindlewood would fall on your list.", {R}),
    ("We only extend second-look invitations to a few applicants, and we ask those we invite "
     "to let us know that they plan to rank Brindlewood first.", {C}),
    ("So once you have sorted out your list, I would be glad to hear from you where "
     "Brindlewood falls on it.", {R}),
    ("Here's how we do it: we rank our prelims to match if they tell us we're their #1 for "
     "prelim surgery. Let me know & it's a done deal.", {C}),
    ("P.S. If you're sure about us, there's really no reason to keep the rest of your "
     "interviews on the calendar.", {W}),
    # look-alikes
    ("In line with NRMP policy, none of our interviewers will ask you where else you have "
     "applied or interviewed.", set()),
])
def test_round37_red_flags(body: str, flags: set) -> None:
    got, cues = _flags(body)
    assert got == flags, cues


def test_the_benefit_named_before_its_terms_is_a_bargain() -> None:
    got, cues = _flags("Dr C - great talking yesterday. We can make it happen for you here if "
                       "Brindlewood is your #1. Just need your word on that and I'll take it to "
                       "the committee.")
    assert C in got and {"commit.reciprocity", "commit.promise"} <= set(cues), cues


@pytest.mark.parametrize(("sender", "subject", "body"), [
    # family: a bare kinship word signs off
    ("tariq.m@quillpost.example", "dinner + question",
     "Hamza,\n\nDinner on Sunday, please be home.\n\nAlso beta, which hospital will you put "
     "first? Your aunty says Kentucky is too far. You decide, you are the doctor.\n\nMamoo"),
    # a friend forwarding what their own PD sent them
    ("bilal.a@quillpost.example", "Fwd: is this even allowed??",
     "Look at this. My PD at the Jersey program sent this today. Is this allowed??\n\n"
     "---------- Forwarded message ---------\nFrom: Program Director <pd@eastshore.example>\n"
     "Subject: checking in\n\nDr. Aslam, we enjoyed meeting you. Are we your #1?"),
    # a platform telling what programs see
    ("no-reply@residencycas-notify.example", "Application Submitted",
     "Your application has been submitted. Signals are confidential: programs see only "
     "whether YOU signaled THEM, never your other signals."),
])
def test_round37_look_alikes_carry_no_flag(sender: str, subject: str, body: str) -> None:
    c = classify(msg(body, subject=subject, sender=sender))
    assert not c.flags & {R, C, W}, c.reasons


def test_a_contract_sent_for_a_position_before_match_day_is_an_offer() -> None:
    body = ("Dear Dr. Chaudhry,\n\nCongratulations! Human Resources is pleased to send you your "
            "Resident Agreement for a PGY-1 position in Internal Medicine beginning July 1, "
            "2027. We need your signed agreement by Tuesday, February 9, 2027.\n\nAngela "
            "Strickland\nHuman Resources, Brindlewood Health")
    c = classify(msg(body, subject="Your Resident Agreement (Action Required)",
                     sender="talent@brindlewoodhealth.org", date="2027-01-26T09:00:00-06:00"))
    assert c.kind is Kind.PRE_MATCH_OFFER, c.reasons


# Round 38 (heldout117, a Mexican IMG in pediatrics and family medicine among bilingual
# programs and surveys; heldout118, a US senior in radiology with preliminary and transitional
# years, pairing questions, newsletters and platform reminders).
@pytest.mark.parametrize(("body", "flags"), [
    ("One more thing - Dr. Hale also wanted me to ask: which part of the country are your "
     "advanced radiology applications concentrated in?", {R}),
    ("Q5. Please rank the categorical and advanced DR programs you interviewed with this "
     "season, in your current order of preference.", {R}),
    ("Just to confirm one thing for our planning: you'll be declining your remaining TY "
     "interviews in January, correct?", {W}),
    ("One request from our program director: he asks that applicants who accept an interview "
     "with Brindlewood refrain from interviewing at other pathology programs in Ohio.", {W}),
    ("Estamos empezando a armar nuestra lista y me ayudaría saber en qué lugar nos tienes tú. "
     "¿Estamos entre tus primeras opciones?", {R}),
    # look-alikes
    ("Please reply with your FIRST CHOICE and SECOND CHOICE interview dates from the list "
     "below by Wednesday.", set()),
    ("Please reply with your FIRST choice, SECOND choice and THIRD choice among the dates "
     "below.", set()),
    ("Our #1 priority on interview day is that you feel at home, so if anything would make the "
     "day easier for you, just tell me.", set()),
    ("No reply is needed, and we do not expect or want you to tell us anything about your rank "
     "list.", set()),
    ("You never need to tell us which advanced programs you are ranking, and we'd rather you "
     "didn't.", set()),
    ("- If anyone associated with our program asks you about your rank list, please let our "
     "GME office know.", set()),
    # advice, not a survey: "true order"
    ("Please rank the programs you interviewed with in your true order of preference.", set()),
])
def test_round38_red_flags(body: str, flags: set) -> None:
    got, cues = _flags(body)
    assert got == flags, cues


# Round 39 (heldout120, a US DO senior in PM&R with preliminary years, among small programs
# and a research mentor who relays; heldout121, an Iranian IMG in pathology and family
# medicine among terse administrative mail and a Persian physicians' network).
@pytest.mark.parametrize(("body", "flags"), [
    ("We are pleased to invite you to interview on November 12. One note from Dr Hale: we ask "
     "that applicants who accept an interview with us decline interviews at other pathology "
     "programs in the Fox Valley area.", {W}),
    # look-alikes
    ("Please understand this is not a guarantee of any Match outcome, and I am not asking for "
     "anything in return.", set()),
    ("If you are also interviewing with the Brindlewood cytopathology program, let me know your "
     "cytopathology date and I'll keep your two interviews on separate days.", set()),
    ("If you would like to withdraw your application from consideration, simply reply to this "
     "message.", set()),
    ("One of our faculty asked in December whether you'd rank pathology or medicine first. "
     "That question shouldn't have been asked.", set()),
])
def test_round39_red_flags(body: str, flags: set) -> None:
    got, cues = _flags(body)
    assert got == flags, cues


def test_the_top_of_the_list_kept_for_those_who_withdrew_asks_a_withdrawal() -> None:
    got, cues = _flags("I understand, and I respect that. But I'll be honest with you: the "
                       "candidates we rank at the very top are the ones who have withdrawn their "
                       "other applications before our rank meeting.")
    assert W in got and "withdraw.top_ranked_withdrew" in cues, cues


def test_a_mentor_passing_on_a_pds_direct_question_asks_it() -> None:
    brindlewood = Program(program_id="B1", name="Brindlewood Pathology Residency",
                          institution="Brindlewood Health", specialty="Pathology",
                          email_domains=("brindlewoodhealth.org",), pd_name="Dr. Vincent Hale")
    body = ("Andrea,\n\nHeads up. Vincent Hale called me this afternoon about you. He loved you "
            "at the interview.\n\nThen he asked me point blank whether you'd be ranking "
            "Brindlewood first, and said it would make things easier at their rank meeting.\n\n"
            "T\n\nSent from my iPad")
    c = classify(msg(body, subject="Vince called me", sender="tagbayani@cvrehab.example"),
                 programs=(brindlewood,))
    assert R in c.flags and any(r.cue == "relay.program_ask" for r in c.reasons), c.reasons


# Round 40 (heldout123, a Bangladeshi IMG in internal medicine and psychiatry among polite PDs
# and classmates on messaging bridges; heldout124, a US senior in general surgery among blunt
# surgical PDs, a chair's hints and second-look forms).
@pytest.mark.parametrize(("body", "flags"), [
    ("Tessa - still a spot here with your name on it if you drop the January interviews. "
     "Door's open.", {C, W}),
    ("Between us - are we your #1? If you just tell him we are, you're in.", {R, C}),
    # look-alikes
    ("Please reply to this email with your first, second and third choice from the dates "
     "below and I will do my best to give you your first choice.", set()),
    ("If you are no longer interested in this program, you can withdraw your application "
     "directly in MatchSlate so that another applicant may be invited.", set()),
    ('Please reply "YES" if you wish to remain under consideration, or "NO" if you would like '
     "us to withdraw your application from our review.", set()),
])
def test_round40_red_flags(body: str, flags: set) -> None:
    got, cues = _flags(body)
    assert got == flags, cues
