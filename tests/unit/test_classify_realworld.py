"""Match-season mail in the shapes real services and programs use (written for this test,
not taken from the dev corpus): platforms, national services, and common program phrasing."""

from __future__ import annotations

import pytest

from mailsync.classify import classify
from mailsync.taxonomy import Flag, Kind

from .test_classify_helpers import msg

R, C, W, D = (Flag.RANK_INQUIRY, Flag.COMMITMENT_REQUEST, Flag.WITHDRAWAL_REQUEST,
              Flag.RESPONSE_DEADLINE)

CASES = [
    ("thalamus_invite", "no-reply@thalamusgme.com", "Thalamus",
     "Interview Invitation - Northfield Medical Center Pediatrics",
     "Dear Amina Rahman,\n\nCongratulations! Northfield Medical Center Pediatrics Residency "
     "has invited you to interview. Please log in to Thalamus to view available sessions and "
     "schedule your interview.\n\nLog in to Thalamus", Kind.INTERVIEW_INVITE, set()),
    ("thalamus_itinerary", "no-reply@thalamusgme.com", "Thalamus",
     "Your interview itinerary - Northfield Medical Center",
     "Your interview is scheduled for Tuesday, December 1, 2026 at 8:00 AM EST. View your "
     "itinerary and join the virtual interview from your Thalamus dashboard.",
     Kind.INTERVIEW_LOGISTICS, set()),
    ("thalamus_waitlist", "no-reply@thalamusgme.com", "Thalamus",
     "Waitlist - Northfield Medical Center",
     "Northfield Medical Center Pediatrics has added you to the waitlist for interview "
     "dates. You will be notified if a date becomes available.", Kind.WAITLIST, set()),
    ("ib_invite", "noreply@interviewbroker.com", "Interview Broker",
     "Interview Invitation: Lakeside University General Surgery",
     "Lakeside University General Surgery Residency would like to invite you to interview. "
     "Please sign in to Interview Broker to choose a date. Invitations expire in 72 hours.",
     Kind.INTERVIEW_INVITE, {D}),
    ("residencycas_decline", "notifications@liaisoncas.com", "ResidencyCAS",
     "Update on your ResidencyCAS application",
     "Dear Applicant, the Emergency Medicine residency at Ridgeway Health has reviewed your "
     "application. Unfortunately, you were not selected for an interview this cycle.",
     Kind.REJECTION, set()),
    ("eras_token", "myeras@aamc.org", "ERAS", "MyERAS: Your documents have been assigned",
     "Your documents have been assigned to programs. This is an automated message; please "
     "do not reply.", Kind.ADMIN_NOTICE, set()),
    ("nrmp_reminder", "noreply@nrmp.org", "NRMP", "Rank order list certification deadline",
     "The rank order list certification deadline is March 3, 2027 at 9:00 p.m. ET. Please "
     "certify your list in the R3 system before the deadline.", Kind.ADMIN_NOTICE, {D}),
    ("ecfmg_status", "noreply@ecfmg.org", "ECFMG", "ECFMG Certification status update",
     "Your ECFMG Certification Status Report has been updated. Log in to your account to "
     "view the report.", Kind.ADMIN_NOTICE, set()),
    ("pd_invite_plain", "pd@ridgewayhealth.org", "Dr. Harlan Voss", "Invitation",
     "Dear Dr. Rahman,\n\nThe selection committee reviewed your application and we would be "
     "delighted to have you interview with us. Kindly reply with two dates that work for "
     "you.\n\nHarlan Voss, MD\nProgram Director", Kind.INTERVIEW_INVITE, set()),
    ("coord_confirm", "coord@ridgewayhealth.org", "Tess Ford",
     "Re: Interview Invitation - Ridgeway EM",
     "Hi Dr. Rahman, you're all set for Thursday, January 7. I'll send the Zoom details the "
     "week before.\n\nTess", Kind.INTERVIEW_LOGISTICS, set()),
    ("interview_48h", "coord@ridgewayhealth.org", "Tess Ford", "Ridgeway EM interview offer",
     "Dear Dr. Rahman, we are pleased to offer you an interview. Please respond within 24 "
     "hours to secure a date.\n\nTess", Kind.INTERVIEW_INVITE, {D}),
    ("level_of_interest", "coord@ridgewayhealth.org", "Tess Ford", "Continued interest",
     "Dear Dr. Rahman, as we prepare our rank list, please let us know whether you are still "
     "interested in our program by replying to this email by February 1.", Kind.INFO_REQUEST,
     {D}),
    ("top3", "pd@ridgewayhealth.org", "Harlan Voss", "Quick question",
     "Amina, no pressure at all, but would you rank Ridgeway in your top three? Just helps us "
     "plan.\n-HV", Kind.INFO_REQUEST, {R}),
    ("other_interviews", "pd@ridgewayhealth.org", "Harlan Voss", "Before your interview",
     "Dr. Rahman, before your interview, could you tell us which other programs in the "
     "region you are interviewing with?", Kind.INFO_REQUEST, {R}),
    ("letter_of_intent_request", "pd@ridgewayhealth.org", "Harlan Voss", "Following up",
     "Amina, we would love to have you. If you send us a letter committing to rank us first, "
     "we will rank you to match.", Kind.INTEREST_SIGNAL, {C}),
    ("second_look", "pd@ridgewayhealth.org", "Harlan Voss", "Second look",
     "Dear Dr. Rahman, I enjoyed our conversation and would like to personally invite you to "
     "our second look day on February 6. It is optional and does not affect ranking.",
     Kind.INTEREST_SIGNAL, set()),
    ("newsletter", "news@ridgewayhealth.org", "Ridgeway Residency", "December newsletter",
     "Hello applicants! Here is our December newsletter with resident spotlights and "
     "program news. Unsubscribe", Kind.PROGRAM_UPDATE, set()),
    ("usmle_prep_ad", "promo@boardsmaster.com", "BoardsMaster", "Step 3 sale",
     "Get 30% off our Step 3 question bank this week only. Use code MATCH30 at checkout.",
     Kind.OTHER, set()),
    ("friend_news", "sam.k@yahoo.com", "Sam", "interview!!",
     "I got an interview at Ridgeway!!! Did you hear from them? They said respond by Friday.",
     Kind.OTHER, set()),
    ("contract_before_match", "gme@ridgewayhealth.org", "Ridgeway GME",
     "Resident agreement - signature required",
     "Congratulations on your selection for a PGY-1 position. Please sign and return the "
     "attached resident agreement before the Match, no later than February 20.",
     Kind.PRE_MATCH_OFFER, {C, W, D}),
    ("offcycle_offer", "pd@ridgewayhealth.org", "Harlan Voss", "Off-cycle position",
     "Dr. Rahman, we have an off-cycle PGY-1 position starting in February, outside the "
     "Match. If you are interested in accepting, please let me know by December 20.",
     Kind.PRE_MATCH_OFFER, {C, D}),
    ("not_ranking", "coord@ridgewayhealth.org", "Tess Ford", "Application status",
     "Dear Dr. Rahman, thank you for interviewing with us. After deliberation we will not be "
     "ranking you this year. We wish you success.", Kind.REJECTION, set()),
]


@pytest.mark.parametrize(("name", "sender", "from_name", "subject", "body", "kind", "flags"),
                         CASES, ids=[c[0] for c in CASES])
def test_realworld(name: str, sender: str, from_name: str, subject: str, body: str,
                   kind: Kind, flags: set[Flag]) -> None:
    result = classify(msg(body, subject=subject, sender=sender, name=from_name))
    assert (result.kind, set(result.flags)) == (kind, flags), [str(r) for r in result.reasons]


MORE = [
    ("selected_for_interview", "Your application has been selected for an interview with the "
     "Ridgeway Psychiatry Residency. Please choose a date in the scheduling portal.",
     Kind.INTERVIEW_INVITE),
    ("extend_invitation", "We are excited to extend an invitation to interview for our "
     "categorical internal medicine program.", Kind.INTERVIEW_INVITE),
    ("decided_not", "After careful review, the committee has decided not to offer you an "
     "interview for the 2027 Match.", Kind.REJECTION),
    ("alternate_list", "All interview dates are booked. We have placed your name on our "
     "alternate list for interviews.", Kind.WAITLIST),
    ("agenda", "Attached is the agenda for your interview day on Friday. Please log in at "
     "7:45 AM.", Kind.INTERVIEW_LOGISTICS),
    ("save_the_date", "Dear applicants, save the date for our virtual social on January 20. "
     "All applicants are welcome.", Kind.PROGRAM_UPDATE),
    ("cv_request", "Dear Dr. Rahman, could you send us an updated CV with your research "
     "publications before your interview?", Kind.INFO_REQUEST),
]


@pytest.mark.parametrize(("name", "body", "kind"), MORE, ids=[c[0] for c in MORE])
def test_more_phrasings(name: str, body: str, kind: Kind) -> None:
    result = classify(msg(body, subject="Ridgeway residency", sender="residency@ridgeway.org"))
    assert result.kind is kind, [str(r) for r in result.reasons]
