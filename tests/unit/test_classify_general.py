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
    # a rank inside the promise asked for is its terms (engine._drop_rank_in_promise)
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
     Kind.PRE_MATCH_OFFER, {C, W}),  # an offer asks to accept it: commitment too
    ("already_withdrawn_question", "Dear Dr. Haddad, do you wish to remain under "
     "consideration? If you have accepted another position or withdrawn from the Match, "
     "please tell us." + SIG, "Still interested?", Kind.INFO_REQUEST, set()),
    # --- how a program recruits is no offer ---------------------------------------------------
    ("fills_outside_match", "Hello applicants,\n\nOur program fills its positions outside the "
     "NRMP Main Residency Match. Join our information session on October 6 at 6 PM." + SIG,
     "How our selection works", Kind.PROGRAM_UPDATE, set()),
    ("offer_of_a_fellowship", "Dear Dr. Haddad,\n\nI am pleased to offer you a one-year "
     "research fellowship in our department, beginning August 2. It is not part of the NRMP "
     "Match." + SIG, "A research fellowship", Kind.PRE_MATCH_OFFER, set()),
    # --- a note to one person that mentions everyone, and a note to a group -----------------
    ("named_note_mentions_all_applicants", "Hi Dr. Haddad,\n\nThe committee asked me to check "
     "two things with all applicants who need sponsorship. Which visa will you need? Have you "
     "passed Step 2 CK yet? Could you reply this week?" + SIG, "Two quick questions",
     Kind.INFO_REQUEST, set()),
    ("group_greeting_stays_a_mailing", "Dear FM applicants,\n\nA reminder that our virtual open "
     "house is Thursday at 6 PM. Could you share the link with classmates who may be "
     "interested?" + SIG, "Open house Thursday", Kind.PROGRAM_UPDATE, set()),
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


# =========================================================================================
# Round 2: phrasing families written after tuning on dev + held-out + sample mail. Every
# text is new (program "Marrowfield", PD "Dr. Lindqvist"); each family sits beside its
# closest look-alike. Grouped by what is tested: rank questions, commitment pressure,
# withdrawal, offers, kinds, the no-cue default, sender context, deadlines.
# =========================================================================================
SIG2 = "\n\nHelena Lindqvist, MD\nProgram Director, Internal Medicine\nMarrowfield Medical Center"

RANK_CASES = [
    ("embedded_how_high", "Dear Dr. Haddad,\n\nWould you be willing to share how high we are "
     "on your list? It would help our planning." + SIG2, Kind.INFO_REQUEST, {R}),
    ("how_planning_named", "Hi Samir,\n\nHonest question: how are you planning to rank "
     "Marrowfield this year?" + SIG2, Kind.INFO_REQUEST, {R}),
    ("named_first", "Dr. Haddad, our committee meets Friday. Will you be ranking Marrowfield "
     "Medical first?" + SIG2, Kind.INFO_REQUEST, {R}),
    ("stack_up", "Dear Dr. Haddad, now that you have seen several programs, how do we stack up "
     "against the other places on your list?" + SIG2, Kind.INFO_REQUEST, {R}),
    ("other_programs_list", "Dear Dr. Haddad, before our meeting could you send me a list of "
     "the other internal medicine programs you are still considering?" + SIG2,
     Kind.INFO_REQUEST, {R}),
    ("whether_rank_chief", "Hi Dr. Haddad,\n\nDr. Lindqvist asked me, as chief resident, to "
     "reach out. Could you let us know whether you plan to rank us highly?\n\nThanks,\nOmar\n"
     "Chief Resident", Kind.INFO_REQUEST, {R}),
    ("did_we_get_signal", "Dear Dr. Haddad, quick one from our coordinator: did we receive a "
     "signal from you this cycle?" + SIG2, Kind.INFO_REQUEST, {R}),
    ("top_three_polite", "Dear Dr. Haddad, no pressure at all, but is Marrowfield in your top "
     "three?" + SIG2, Kind.INFO_REQUEST, {R}),
    # look-alikes: no rank question
    ("lookalike_we_rank_you", "Dear Dr. Haddad, I wanted you to know we will rank you highly. "
     "No reply needed." + SIG2, Kind.INTEREST_SIGNAL, set()),
    ("lookalike_never_ask", "Dear applicants, per NRMP policy we will never ask how you plan "
     "to rank us, and you should not tell us. Thank you for interviewing." + SIG2,
     Kind.PROGRAM_UPDATE, set()),
]

COMMIT_CASES = [
    ("if_first_choice_we_match", "Dear Dr. Haddad, if we are truly your first choice, tell me, "
     "and we will make sure you match here." + SIG2, Kind.INTEREST_SIGNAL, {C}),
    ("committing_to_rank", "Dear Dr. Haddad, Dr. Lindqvist would welcome a short note from you "
     "committing to rank us first before the committee meets." + SIG2, None, {C}),
    ("assure_me", "Dear Dr. Haddad, we have few positions. If you can assure me that we are "
     "at the top, I can speak for you at the meeting." + SIG2, None, {C, R}),
    ("let_us_know_youll_rank", "Dear Dr. Haddad, please let us know you will rank us first so "
     "we can plan our list." + SIG2, None, {C}),
    ("verbal_commitment", "Dear Dr. Haddad, a verbal commitment from you this week would let "
     "us move forward." + SIG2, None, {C}),
    ("sign_in_interest_note", "Dear Dr. Haddad, we would love to have you. We can hold a "
     "position for you outside the Match if you sign the agreement this week." + SIG2,
     Kind.PRE_MATCH_OFFER, {C}),
    # look-alikes
    ("lookalike_ranked_to_match", "Dear Dr. Haddad, you will be ranked to match at Marrowfield. "
     "We hope you feel the same, but there is nothing you need to tell us." + SIG2,
     Kind.INTEREST_SIGNAL, set()),
]

WITHDRAW_CASES = [
    ("prefer_not_to_interview_with_us", "Dear Dr. Haddad,\n\nWe would like to invite you to "
     "interview on January 12. If you would prefer not to interview with us, please let me "
     "know so we can offer the date to someone else." + SIG2, Kind.INTERVIEW_INVITE, set()),
    ("contract_wrapped", "Dr. Haddad,\n\nWe are prepared to offer you one of our\ncategorical "
     "PGY-1 positions now. Please sign and return the contract and withdraw\nyour registration "
     "from the NRMP before Monday." + SIG2, Kind.PRE_MATCH_OFFER, {C, W}),
    ("agreement_not_interview_elsewhere", "Dear Dr. Haddad, attached is your resident "
     "employment agreement. By signing you agree not to interview with any other residency "
     "program." + SIG2, Kind.PRE_MATCH_OFFER, {C, W}),
]

KIND_CASES = [
    ("waitlist_not_invite", "Hi Samir,\n\nMarrowfield IM has added you to their interview "
     "waitlist. The program would like to be able to offer you an interview if a session "
     "opens up.", Kind.WAITLIST, set()),
    ("itinerary_looking_forward", "Hi Dr. Haddad,\n\nWe are looking forward to having you in "
     "Duluth next Tuesday! Your itinerary is attached; the hotel is booked." + SIG2,
     Kind.INTERVIEW_LOGISTICS, set()),
    ("everything_for_tomorrow", "Dear Dr. Haddad,\n\nThanks for confirming the new date. Here "
     "is everything for tomorrow:\n8:00 welcome\n8:30 interviews\n11:00 resident Q&A" + SIG2,
     Kind.INTERVIEW_LOGISTICS, set()),
    ("seriously_considering", "Dear Dr. Haddad,\n\nYou are among the applicants we are most "
     "seriously considering for next year's class. I don't expect a reply." + SIG2,
     Kind.INTEREST_SIGNAL, set()),
    ("dear_interview_candidates", "Dear Interview Candidates,\n\nThank you for interviewing "
     "with us this season. Please do not send thank-you notes; they play no role in our "
     "ranking." + SIG2, Kind.PROGRAM_UPDATE, set()),
    ("newsletter_faq", "THE MARROWFIELD MONTHLY\n\nWelcome, applicants!\nQ: Do you sponsor "
     "visas?\nA: Yes, J-1 through ECFMG.\n\nYou are receiving this because you applied to "
     "Marrowfield IM. Unsubscribe", Kind.PROGRAM_UPDATE, set()),
    ("newsletter_reminder", "IM NOTES | January\n* New chief residents named\n* Reminder for "
     "applicants: our last interview day is January 20\nHappy holidays!\n\nYou're receiving "
     "this because you applied to Marrowfield IM.", Kind.PROGRAM_UPDATE, set()),
]

DEFAULT_CASES = [
    ("personal_question", "Dear Dr. Haddad,\n\nThank you for your note after the residency "
     "interview. Would your start date be affected by the ceremony in June?" + SIG2,
     Kind.INFO_REQUEST),
    ("personal_praise", "Dear Dr. Haddad,\n\nOur residents spoke highly of you after December. "
     "Wishing you a restful holiday." + SIG2, Kind.INTEREST_SIGNAL),
]


@pytest.mark.parametrize(("name", "body", "kind", "flags"),
                         RANK_CASES + COMMIT_CASES + WITHDRAW_CASES + KIND_CASES,
                         ids=[c[0] for c in RANK_CASES + COMMIT_CASES + WITHDRAW_CASES
                              + KIND_CASES])
def test_round2_families(name: str, body: str, kind: Kind | None, flags: set[Flag]) -> None:
    c = classify(msg(body, subject="Marrowfield Internal Medicine",
                     sender="hlindqvist@marrowfield-mc.example"))
    why = [r.cue for r in c.reasons]
    if kind is not None:
        assert c.kind is kind, (name, c.kind, why)
    assert (set(c.flags) & RED) == flags, (name, c.flags, why)


@pytest.mark.parametrize(("name", "body", "kind"), DEFAULT_CASES,
                         ids=[c[0] for c in DEFAULT_CASES])
def test_no_cue_default_follows_evidence(name: str, body: str, kind: Kind) -> None:
    c = classify(msg(body, subject="Marrowfield", sender="hlindqvist@marrowfield-mc.example"))
    assert c.kind is kind, (name, c.kind, [r.cue for r in c.reasons])
    assert c.reasons and c.reasons[0].cue.startswith(("fallback", "interest", "info"))


def test_friend_forward_of_someone_elses_pd_mail_is_other() -> None:
    body = ("Look what my PD sent me, is this even allowed??\n\n---------- Forwarded message "
            "---------\nFrom: Dr. Lindqvist <hlindqvist@marrowfield-mc.example>\nDate: Tue, Jan "
            "19, 2027\nSubject: Follow-up\nTo: Jonas Berg <jonas.berg@fjordpost.example>\n\n"
            "Dear Dr. Berg, where does Marrowfield fall on your rank order list?")
    c = classify(msg(body, subject="Fwd: Follow-up", sender="jonas.berg@fjordpost.example",
                     name="Jonas Berg"))
    assert c.kind is Kind.OTHER and not c.flags, [r.cue for r in c.reasons]


def test_self_forward_from_old_account_keeps_the_program_mail() -> None:
    body = ("(forwarding from my school account)\n\n---------- Forwarded message ---------\n"
            "From: Dr. Lindqvist <hlindqvist@marrowfield-mc.example>\nSubject: Interview\n"
            "To: <a.rahman@med.school.example>\n\nDear Dr. Rahman, we would like to invite you "
            "to interview with Marrowfield Internal Medicine on December 3.")
    c = classify(msg(body, subject="Fwd: Interview", sender="a.rahman@med.school.example",
                     name="Amina Rahman"))
    assert c.kind is Kind.INTERVIEW_INVITE, [r.cue for r in c.reasons]


@pytest.mark.parametrize(("sender", "name", "kind"), [
    ("security@slotmeadow.example", "SlotMeadow", Kind.ADMIN_NOTICE),
    ("alerts@harborbank.example", "Harbor Bank", Kind.OTHER),
])
def test_security_notice_needs_a_residency_sender(sender: str, name: str, kind: Kind) -> None:
    body = ("Hi Amina,\n\nWe noticed a new sign-in to your account from Chrome on Windows. If "
            "this was you, no action is needed; otherwise reset your password.")
    c = classify(msg(body, subject="New sign-in to your account", sender=sender, name=name))
    assert c.kind is kind, [r.cue for r in c.reasons]


@pytest.mark.parametrize("body", [
    "Please let Ms. Ortiz (mortiz@marrowfield-mc.example) know which date you prefer by "
    "Friday, December 4.",
    "This invitation expires on Monday, October 19, 2026 at 11:59 PM ET.",
    "We need the signed letter back by 5:00 p.m. Hawaii time on Friday, February 12, 2027.",
])
def test_round2_deadline_phrasings(body: str) -> None:
    c = classify(msg("Dear Dr. Haddad,\n\nWe would like to invite you to interview. " + body
                     + SIG2, subject="Interview invitation",
                     sender="hlindqvist@marrowfield-mc.example"))
    assert Flag.RESPONSE_DEADLINE in c.flags, [r.cue for r in c.reasons]


# --- Round 2, second wave: phrasings probed after the first wave (program "Brightwater") ---
SIG3 = ("\n\nBest,\nDr. Carla Munoz\nProgram Director, Pediatrics Residency\n"
        "Brightwater Children's Hospital")

WAVE2_FLAGGED = [
    (R, "Where does Brightwater fit on your rank list at this point?"),
    (R, "We would appreciate knowing your ranking intentions before our committee meets."),
    (R, "Could you let me know which other children's hospitals you are considering?"),
    (R, "How likely are you to rank Brightwater at the top of your list?"),
    (R, "Dr. Munoz asked me to check: where will Brightwater land on your list?"),
    (R, "Were we one of the programs you signaled?"),
    (R, "On interview day Dr. Munoz will ask each candidate about their rank list, so please "
        "be ready to discuss it."),
    (R, "I'd like to know if we're ranked first on your list."),
    (R, "Please complete the attached post-interview survey. Question 4 asks where you plan to "
        "rank our program."),
    (C, "Should you commit to Brightwater, we can guarantee you a position."),
    (C, "We are looking for a commitment from you that Brightwater will be first on your list."),
    (C, "Please confirm in writing that you will rank us first."),
    (C, "We need to know by Friday that you will accept our offer."),
    (C, "Let us know you'll put Brightwater at the top and we'll take care of the rest."),
    (C, "We're prepared to rank you to match, provided you rank us number one."),
    (C, "We'd like your assurance that you will rank Brightwater first."),
    (W, "The offer requires you to pull out of the Match."),
    (W, "Once you sign, please withdraw your other applications."),
]

WAVE2_LOOKALIKES = [
    "Thank you for your letter telling us we are your #1 choice. We are delighted.",
    "Thank you for your letter of intent. We are honored that you consider Brightwater your "
    "first choice.",
    "Programs you're ranking should be ones you'd be happy to attend, says the NRMP.",
    "If you are matched with us, we will send your contract after Match Day for signature.",
    "Per NRMP policy, programs may not ask applicants to commit to ranking them.",
    "Our program is committed to diversity, and our commitment to resident wellness is strong.",
    "Reminder from the dean's office: have you certified your rank order list? The deadline is "
    "March 4 at 9 pm ET.",
    "Please choose your first and second choice of interview dates from the list below.",
]


@pytest.mark.parametrize(("flag", "body"), WAVE2_FLAGGED, ids=[b[:40] for _, b in WAVE2_FLAGGED])
def test_wave2_red_flags(flag: Flag, body: str) -> None:
    c = classify(msg("Dear Dr. Patel,\n\n" + body + SIG3, subject="Brightwater Pediatrics",
                     sender="cmunoz@brightwaterchildrens.example"))
    assert flag in c.flags, (c.kind, c.flags, [r.cue for r in c.reasons])


@pytest.mark.parametrize("body", WAVE2_LOOKALIKES, ids=[b[:40] for b in WAVE2_LOOKALIKES])
def test_wave2_lookalikes_carry_no_red_flag(body: str) -> None:
    c = classify(msg("Dear Dr. Patel,\n\n" + body + SIG3, subject="Brightwater Pediatrics",
                     sender="cmunoz@brightwaterchildrens.example"))
    assert not (set(c.flags) & RED), (c.flags, [r.cue for r in c.reasons])


@pytest.mark.parametrize("body", [
    "To accept this position you will need to withdraw from the NRMP Main Residency Match.",
    "Please sign the attached contract and return it before the rank order list deadline.",
])
def test_withdrawal_condition_of_a_position_is_an_offer(body: str) -> None:
    c = classify(msg("Dear Dr. Patel,\n\n" + body + SIG3, subject="Brightwater Pediatrics",
                     sender="cmunoz@brightwaterchildrens.example"))
    assert c.kind is Kind.PRE_MATCH_OFFER and W in c.flags, [r.cue for r in c.reasons]


def test_a_program_outside_the_match_is_no_offer_by_saying_so() -> None:
    body = ("Hi Dr. Haddad,\n\nDr. Okafor has asked me to schedule you for an interview. As you "
            "may know, our positions are filled outside the NRMP Match. Could you do Thursday, "
            "November 19 at 10 AM?" + SIG)
    assert classify(msg(body, subject="Interview")).kind is not Kind.PRE_MATCH_OFFER
