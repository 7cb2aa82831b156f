"""Cue families beyond the first registry (cues_kinds.py, cues_flags.py), table-driven.

Every text here is written for this test: other programs, other phrasings, word orders
and politeness forms than any corpus, each paired with its closest look-alike, so a
cue that only memorized a sentence fails here.
"""

from __future__ import annotations

import pytest

from mailsync.classify import classify
from mailsync.taxonomy import Flag, Kind

from .test_classify_helpers import msg

R, C, W, D = (Flag.RANK_INQUIRY, Flag.COMMITMENT_REQUEST, Flag.WITHDRAWAL_REQUEST,
              Flag.RESPONSE_DEADLINE)
RED = {R, C, W}
SIG = "\n\nDr. Okafor\nProgram Director, Family Medicine Residency\nWillowmere Hospital"

CASES = [
    # --- rejection: platform status lines and soft wording --------------------------------
    ("status_not_selected", "Hello,\n\nWillowmere Hospital - Family Medicine Residency has "
     "updated your application status.\n\nCurrent status: Not selected\n\nThank you for using "
     "our interview portal.", "Application status changed", Kind.REJECTION, set()),
    ("not_moving_forward", "Dear Dr. Haddad,\n\nThank you for applying to our residency. After "
     "careful review, we will not be moving forward with your application this cycle. We wish "
     "you the best in your residency search." + SIG, "Your application", Kind.REJECTION, set()),
    ("pursue_others", "Dear applicant, the selection committee has decided to proceed with "
     "other candidates for our remaining interview days. Unfortunately we cannot offer you a "
     "spot this year." + SIG, "Interview decision", Kind.REJECTION, set()),
    # --- waitlist vs rejection -------------------------------------------------------------
    ("status_waitlisted", "Hello,\n\nWillowmere Family Medicine residency updated your "
     "status.\nStatus: Waitlisted\nIf an interview date becomes available you will get an "
     "invitation.", "Status update", Kind.WAITLIST, set()),
    ("still_alternate", "Dear Dr. Haddad, a short note that your application remains on our "
     "alternate list for interviews. We will contact you should a date open up." + SIG,
     "Interview alternate list", Kind.WAITLIST, set()),
    ("mass_mail_mentions_waitlist", "Hello everyone! Applicants who are invited, on the "
     "waitlist or still waiting are welcome at our resident trivia night on Zoom next "
     "Thursday." + SIG, "Trivia night for applicants", Kind.PROGRAM_UPDATE, set()),
    # --- logistics -------------------------------------------------------------------------
    ("details_ready", "Dear Dr. Haddad,\n\nHere is your schedule for Monday:\n08:00 welcome "
     "with the program director\n08:30 faculty interview\n10:00 residents only session\n"
     "Join the session with your personal link." + SIG, "Interview details for Monday",
     Kind.INTERVIEW_LOGISTICS, set()),
    ("date_moved", "Dear Dr. Haddad, due to a conflict we have to shift your Family Medicine "
     "interview to December 9. Please tell us if the new date works." + SIG,
     "Change of interview date", Kind.INTERVIEW_LOGISTICS, set()),
    # --- interest --------------------------------------------------------------------------
    ("ranked_favorably", "Dear Dr. Haddad,\n\nOur committee finished its deliberations and "
     "you will be ranked very favorably. There is no need to respond." + SIG,
     "Willowmere FM", Kind.INTEREST_SIGNAL, set()),
    ("standout", "Dear Dr. Haddad, you were one of the most memorable candidates we met this "
     "season and our residents still talk about your case presentation." + SIG,
     "A note from Willowmere", Kind.INTEREST_SIGNAL, set()),
    ("like_to_have_you", "Dr. Haddad, honestly you are someone we would really like to have "
     "here in July. Best of luck with the rest of your interviews." + SIG, "Thank you",
     Kind.INTEREST_SIGNAL, set()),
    ("personal_visit", "Dear Dr. Haddad, I would like to personally invite you to visit "
     "Willowmere and spend a morning on our inpatient service. It is fully optional and does "
     "not affect your ranking." + SIG, "Optional visit", Kind.INTEREST_SIGNAL, set()),
    # --- offers ----------------------------------------------------------------------------
    ("outside_match", "Dr. Haddad,\n\nWe have one categorical position outside of the Match "
     "this year and I would like to offer it to you. Our HR office would handle the paperwork."
     + SIG, "Position at Willowmere", Kind.PRE_MATCH_OFFER, set()),
    # --- info requests ---------------------------------------------------------------------
    ("missing_docs", "Dear Dr. Haddad,\n\nWhile reviewing your file we noticed we have not "
     "received your Step 2 CK score report. Kindly forward it to me." + SIG,
     "Missing score report", Kind.INFO_REQUEST, set()),
    ("still_interested", "Dear Dr. Haddad, as we prepare our list: are you still interested "
     "in training at Willowmere? A short reply is enough." + SIG, "Checking in",
     Kind.INFO_REQUEST, set()),
    ("scheduling_not_info", "Dear Dr. Haddad, your interview is confirmed for Nov 3. Please "
     "let me know whether the morning time works for you." + SIG, "Interview confirmed",
     Kind.INTERVIEW_LOGISTICS, set()),
    # --- program update --------------------------------------------------------------------
    ("benefits_news", "Dear Applicant,\n\nThe GME office is pleased to share next year's "
     "resident salaries and benefits for all Willowmere programs, including a new housing "
     "stipend.\n\nGraduate Medical Education, Willowmere Hospital", "Resident pay 2027",
     Kind.PROGRAM_UPDATE, set()),
    # --- rank inquiries --------------------------------------------------------------------
    ("which_programs_interviewed", "Dr. Haddad, which surgical programs have you interviewed "
     "at so far? It helps us plan." + SIG, "Quick question", Kind.INFO_REQUEST, {R}),
    ("how_high_on_list", "Dr. Haddad, honest question: how high is Willowmere on your rank "
     "list right now?" + SIG, "Question", Kind.INFO_REQUEST, {R}),
    ("in_your_top", "Hi Dr. Haddad, no pressure at all, but would we be in your top five?"
     + SIG, "Hello", Kind.INFO_REQUEST, {R}),
    ("which_regions", "Hello Dr. Haddad, which states are you applying to besides ours?"
     + SIG, "Hello", Kind.INFO_REQUEST, {R}),
    ("signal_question", "Dr. Haddad, have you sent us one of your gold signals? Just "
     "wondering." + SIG, "Signals", Kind.INFO_REQUEST, {R}),
    ("pd_will_ask", "Dear Dr. Haddad, your interview is confirmed. On the day, Dr. Okafor likes "
     "to ask about your rank list and where else you are interviewing, so come prepared."
     + SIG, "Interview confirmed", Kind.INTERVIEW_LOGISTICS, {R}),
    ("policy_no_rank_question", "Dear applicants, per NRMP rules we will not ask which "
     "programs you have applied to, and you need not share your ranking plans with us."
     "\n\nWillowmere Family Medicine", "Our communication policy", Kind.PROGRAM_UPDATE,
     set()),
    ("first_choice_of_date", "Dear Dr. Haddad, your interview is confirmed for Jan 7 (your "
     "first choice). The Zoom link follows next week." + SIG, "Interview confirmed",
     Kind.INTERVIEW_LOGISTICS, set()),
    # --- commitment ------------------------------------------------------------------------
    ("let_us_know_bargain", "Dr. Haddad, our faculty adored you. If you let us know that "
     "Willowmere is your first choice, we will make sure you are ranked high enough to "
     "match." + SIG, "Between us", Kind.INTEREST_SIGNAL, {C}),
    ("guarantee_if", "Dr. Haddad, I can guarantee you a spot here if you rank us first." + SIG,
     "Personal note", Kind.INTEREST_SIGNAL, {C}),
    ("can_we_count", "Dear Dr. Haddad, we loved meeting you. Can we count on you to rank "
     "Willowmere at the top?" + SIG, "Your ranking", Kind.INFO_REQUEST, {C}),
    ("will_rank_highly_no_flag", "Dr. Haddad, we plan to rank you highly. Please do not feel "
     "any obligation to reply." + SIG, "Willowmere", Kind.INTEREST_SIGNAL, set()),
    # --- withdrawal ------------------------------------------------------------------------
    ("no_further_interviews", "Dr. Haddad, we would love to have you here. I ask that you not "
     "attend any further family medicine interviews this season." + SIG, "Plans",
     Kind.INTEREST_SIGNAL, {W}),
    ("leave_match", "Dear Dr. Haddad, we are pleased to offer you a PGY-1 position. To accept "
     "you would need to take yourself out of the Match." + SIG, "Offer",
     Kind.PRE_MATCH_OFFER, {W}),
    ("already_withdrawn_question", "Dear Dr. Haddad, do you wish to remain under "
     "consideration? If you have accepted another position or withdrawn from the Match, "
     "please tell us." + SIG, "Still interested?", Kind.INFO_REQUEST, set()),
]


@pytest.mark.parametrize(("name", "body", "subject", "kind", "flags"), CASES,
                         ids=[c[0] for c in CASES])
def test_general_families(name: str, body: str, subject: str, kind: Kind,
                          flags: set[Flag]) -> None:
    c = classify(msg(body, subject=subject))
    assert c.kind is kind, (name, c.kind, [r.cue for r in c.reasons])
    assert (set(c.flags) & RED) == (flags & RED), (name, c.flags, [r.cue for r in c.reasons])


OTHER = [
    ("bank_alert", "Estimado cliente: se realizó un consumo con su tarjeta VISA ****4411.\n"
     "Comercio: AAMC ERAS FEES\nMonto: USD 99.00", "Alerta de consumo",
     "alertas@bancodelsur.example"),
    ("forum_digest", "Forum digest\n1) 'PD said rank us first and we will rank you to match' "
     "posted by im_hopeful (41 replies)\n2) 'Asked to withdraw from the Match?' (12 replies)",
     "This week on the residency forum", "digest@residentforum.example"),
    ("nrmp_lookalike_phish", "Dear applicant, your Match registration is incomplete. Click "
     "here to log in and pay the one-time fee of $60 to avoid removal from the NRMP Match.",
     "Urgent: NRMP account", "support@nrmp-account-help.example"),
]


@pytest.mark.parametrize(("name", "body", "subject", "sender"), OTHER,
                         ids=[c[0] for c in OTHER])
def test_not_residency_mail_is_other_without_flags(name: str, body: str, subject: str,
                                                   sender: str) -> None:
    c = classify(msg(body, subject=subject, sender=sender))
    assert c.kind is Kind.OTHER, (name, c.kind, [r.cue for r in c.reasons])
    assert not c.flags


def test_waitlist_with_not_now_wording_is_waitlist() -> None:
    body = ("Dear Dr. Haddad,\n\nWe are unable to offer you an interview at this time; however, "
            "we have placed you on our interview waitlist and will write if a date opens." + SIG)
    assert classify(msg(body, subject="Interview update")).kind is Kind.WAITLIST


def test_waitlist_closed_for_good_is_rejection() -> None:
    body = ("Dear applicant,\n\nThank you for staying on our alternate list. Our season is over "
            "and we are no longer able to offer additional interviews. We wish you the best in "
            "your search." + SIG)
    assert classify(msg(body, subject="Season update")).kind is Kind.REJECTION


def test_offer_letter_in_attachment_sets_the_kind() -> None:
    body = "Dear Dr. Haddad,\n\nPlease see the attached letter from our program director." + SIG
    letter = ("Willowmere Hospital is pleased to extend to you an offer of appointment as a PGY-1 "
              "resident in Family Medicine, a position outside the NRMP Match.")
    c = classify(msg(body, subject="Letter", attachments=(("letter.pdf", letter),)))
    assert c.kind is Kind.PRE_MATCH_OFFER


def test_post_match_free_text_is_not_an_offer() -> None:
    body = ("Dear Dr. Haddad,\n\nCongratulations on matching with us! Please log in to the "
            "onboarding portal to complete your paperwork." + SIG)
    assert classify(msg(body, subject="Welcome")).kind is Kind.ADMIN_NOTICE


_CSV = """program_id,name,institution,specialty,track,city,state,timezone,nrmp_participating,\
email_domains,pd_name,pd_email,coordinator_name,coordinator_email
W1,Willowmere IM (Categorical),St. Aldric Medical Center,Internal Medicine,Categorical,Dayton,OH,\
America/New_York,true,staldric.example,Dr. Ana Ruiz,aruiz@staldric.example,Lee Park,\
lpark@staldric.example
W2,Willowmere IM (Preliminary),St. Aldric Medical Center,Internal Medicine,Preliminary,Dayton,\
OH,America/New_York,true,staldric.example,Dr. Bo Chen,bchen@staldric.example,Lee Park,\
lpark@staldric.example
W3,St. Aldric Pediatrics,St. Aldric Medical Center,Pediatrics,Categorical,Dayton,OH,\
America/New_York,true,staldric.example,Dr. Cy Diaz,cdiaz@staldric.example,Mo Ito,\
mito@staldric.example
"""


def _programs():  # type: ignore[no-untyped-def]
    from mailsync.programs import parse_programs_csv

    return parse_programs_csv(_CSV)


@pytest.mark.parametrize(("subject", "body", "sender", "expected"), [
    # one coordinator for two tracks of one specialty: the track word decides
    ("Prelim year interview", "Dr. Chen asked me to invite you to a preliminary medicine "
     "interview day. Categorical invitations go out separately.\n\nLee Park\nInternal Medicine",
     "lpark@staldric.example", "W2"),
    ("Categorical IM documents", "We still need your ECFMG certificate for the categorical "
     "internal medicine track.\n\nLee Park\nInternal Medicine", "lpark@staldric.example", "W1"),
    # platform mail naming the institution without the period of "St."
    ("New interview invitation", "You have a new interview invitation from St Aldric Medical "
     "Center - Pediatrics Residency. Log in to accept.", "alerts@slotbook.example", "W3"),
])
def test_linking_tracks_and_punctuation(subject: str, body: str, sender: str,
                                        expected: str) -> None:
    from mailsync.link import link

    m = msg(body, subject=subject, sender=sender)
    assert link(m, _programs(), kind=Kind.INTERVIEW_INVITE).program_id == expected


@pytest.mark.parametrize("body", [
    "Dr. Haddad, I know you don't have to answer this, but are we in your top three?",
    "You are not obligated to reply; however, which other programs have you interviewed at?",
])
def test_but_ends_a_politeness_negation(body: str) -> None:
    assert R in classify(msg(body + SIG, subject="Question")).flags
