"""Table-driven cue tests: one kind per message, flags only where the program itself asks.

The texts are written for these tests (other programs, other platforms, other phrasing
than the dev corpus), so they also check that the cues are pattern families.
"""

from __future__ import annotations

import pytest

from mailsync.classify import classify
from mailsync.taxonomy import Flag, Kind

from .test_classify_helpers import msg

R, C, W, D = (Flag.RANK_INQUIRY, Flag.COMMITMENT_REQUEST, Flag.WITHDRAWAL_REQUEST,
              Flag.RESPONSE_DEADLINE)

CASES = [
    # --- interest vs rank inquiry -------------------------------------------------------
    ("rank_you_highly", "Dear Dr. Rahman,\n\nOur committee met yesterday. I want you to know "
     "that we will rank you highly. Best of luck this season.\n\nDr. Ellis, Program Director",
     "Hollister IM", Kind.INTEREST_SIGNAL, set()),
    ("are_we_your_1", "Hi Amina,\n\nWe are finalizing our list. Are we your #1? It would help "
     "us a lot to know.\n\nJ. Ellis, MD", "Checking in", Kind.INFO_REQUEST, {R}),
    ("where_on_list", "Dr. Rahman, could you share where Hollister sits on your rank list? "
     "Thanks, Pat", "Quick question", Kind.INFO_REQUEST, {R}),
    ("where_else_interviewed", "Dear Dr. Rahman,\n\nWhere else have you interviewed this "
     "season? Please reply at your convenience.\n\nDr. Ellis", "Hello", Kind.INFO_REQUEST, {R}),
    ("did_you_signal", "Hi Amina, did you signal us in ERAS? Just curious. -Pat", "hi",
     Kind.INFO_REQUEST, {R}),
    ("rank_to_match_statement", "Amina, you are ranked to match at Hollister. No reply needed. "
     "Enjoy the rest of your season.\n-Dr. Ellis", "From Dr. Ellis", Kind.INTEREST_SIGNAL,
     set()),
    ("policy_text_no_flag", "Dear applicants,\n\nA reminder of our policy: we will never ask "
     "how you plan to rank us, and you should not tell us. Thank you to everyone who "
     "interviewed.\n\nHollister IM", "Post-interview communication", Kind.PROGRAM_UPDATE,
     set()),
    # --- commitment and withdrawal ------------------------------------------------------
    ("rank_first_bargain", "Amina,\n\nI'll be frank: if you rank us first, we will make sure "
     "you match here.\n\nDr. Ellis", "Thinking of you", Kind.INTEREST_SIGNAL, {C}),
    ("cancel_interviews", "Amina, you were wonderful. Between us, you can cancel your other "
     "interviews; you are going to match here.\n\nDr. Ellis", "between us",
     Kind.INTEREST_SIGNAL, {W}),
    ("pre_match_offer", "Dear Dr. Rahman,\n\nWe are pleased to offer you a PGY-1 position in "
     "our Family Medicine program outside the Match. To accept, please sign and return the "
     "attached contract by December 4. You would need to withdraw from the NRMP Match "
     "before signing.\n\nDr. Ellis", "Offer of appointment", Kind.PRE_MATCH_OFFER, {C, W, D}),
    ("promise_request", "Dr. Rahman, before we schedule you, please confirm that you will "
     "rank Hollister first. Thanks, Pat", "Scheduling", Kind.INFO_REQUEST, {C}),
    # --- invitations, waitlists, rejections ----------------------------------------------
    ("thalamus_invite", "Hollister Health Internal Medicine has invited you to interview. "
     "Log in to Thalamus to schedule your interview. Please respond by October 30, 2026.",
     "Interview Invitation from Hollister Health", Kind.INTERVIEW_INVITE, {D}),
    ("pd_invite", "Dear Dr. Rahman,\n\nOn behalf of our selection committee, we would like "
     "to invite you for a virtual interview. Please reply with your preferred date.\n\nPat",
     "Hollister FM", Kind.INTERVIEW_INVITE, set()),
    ("waitlisted", "Dear Applicant,\n\nOur interview dates are full and you have been "
     "waitlisted. We will reach out if a spot opens.\n\nHollister Peds",
     "Interview status", Kind.WAITLIST, set()),
    ("rejected", "Dear Applicant,\n\nAfter careful review, we regret to inform you that we "
     "are unable to offer you an interview this year.\n\nHollister Surgery",
     "Application update", Kind.REJECTION, set()),
    # --- logistics, info, admin, updates --------------------------------------------------
    ("zoom_links", "Hi Dr. Rahman, your interview is tomorrow. Zoom link: https://zoom.us/j/1 "
     "passcode 1234. See you at 8 AM.", "Tomorrow", Kind.INTERVIEW_LOGISTICS, set()),
    ("visa_question", "Dear Dr. Rahman,\n\nCould you please confirm your current visa status "
     "and whether you will need J-1 sponsorship?\n\nPat", "Visa", Kind.INFO_REQUEST, set()),
    ("app_received", "This is an automated message. Your application has been received by "
     "the Hollister Health Internal Medicine Residency.", "Application received",
     Kind.ADMIN_NOTICE, set()),
    ("open_house", "Dear applicants,\n\nJoin our virtual open house on November 12 at 7 PM. "
     "All applicants are welcome.\n\nUnsubscribe", "Open house", Kind.PROGRAM_UPDATE, set()),
]


@pytest.mark.parametrize(("name", "body", "subject", "kind", "flags"), CASES,
                         ids=[c[0] for c in CASES])
def test_cue_table(name: str, body: str, subject: str, kind: Kind, flags: set[Flag]) -> None:
    result = classify(msg(body, subject=subject))
    assert result.kind is kind, [str(r) for r in result.reasons]
    assert set(result.flags) == flags, [str(r) for r in result.reasons]


def test_quoted_letter_of_intent_has_no_flag() -> None:
    body = ("Thank you, I have passed your note to Dr. Ellis.\n\nPat\n\n"
            "On Mon, Jan 25, 2027 at 9:00 AM Amina Rahman <amina.rahman@gmail.com> wrote:\n"
            "> Dear Dr. Ellis, Hollister is my first choice and I will rank you #1.\n"
            "> Are we a good fit? If you rank me first I will match there.\n")
    result = classify(msg(body, subject="Re: Letter of intent"))
    assert not (result.flags & {R, C, W})


def test_spam_pre_match_offer_is_other_without_flags() -> None:
    body = ("GUARANTEED pre-match offer for IMGs!!! 100% placement guaranteed. Sign your "
            "contract within 48 hours. Only 3 seats left, reply NOW with your passport copy.")
    result = classify(msg(body, subject="GUARANTEED Pre-Match Offer", sender="deals@match-4u.net"))
    assert result.kind is Kind.OTHER
    assert result.flags == frozenset()


def test_friend_quoting_another_programs_rank_question_is_other() -> None:
    body = ('Omg look what the PD at Riverside wrote me: "Are we your #1? If so we will rank '
            'you to match." Is that even allowed?? Call me.')
    result = classify(msg(body, subject="is this allowed", sender="lina.k@gmail.com"))
    assert result.kind is Kind.OTHER
    assert result.flags == frozenset()


def test_rank_question_in_attachment_is_flagged() -> None:
    result = classify(msg("Please complete the attached post-interview survey and email it "
                          "back by Friday, January 8.", subject="Survey",
                          attachments=(("survey.docx", "3. Where do you plan to rank our "
                                        "program on your rank order list? ____"),)))
    assert Flag.RANK_INQUIRY in result.flags
    assert result.kind is Kind.INFO_REQUEST


def test_reasons_carry_spans() -> None:
    result = classify(msg("We are pleased to invite you to interview with Hollister FM.",
                          subject="Hollister FM"))
    assert any(r.cue.startswith("invite.") and "invite you to interview" in r.span
               for r in result.reasons)
    assert 0.0 < result.confidence <= 1.0


def test_national_phishing_is_other() -> None:
    body = ("Our system detected unusual activity on your NRMP account. Verify your identity "
            "within 24 hours or you will be withdrawn from the Match.")
    result = classify(msg(body, subject="URGENT", sender="security@nrmp-support-check.com"))
    assert result.kind is Kind.OTHER and not result.flags


def test_friend_forwarding_a_programs_rank_question_is_other() -> None:
    body = ("can you believe this?? what do I say\n\n"
            "---------- Forwarded message ---------\nFrom: Dr. Ellis <ellis@riverside.org>\n"
            "Date: Jan 20\nSubject: Checking in\n\nAre we your #1? Please let me know by "
            "Friday, January 22.")
    result = classify(msg(body, subject="Fwd: Checking in", sender="lina.k@gmail.com"))
    assert result.kind is Kind.OTHER and result.flags == frozenset()


def test_applicant_forwarding_from_old_address_is_judged_by_original_sender() -> None:
    body = ("---------- Forwarded message ---------\nFrom: Tess Ford <tford@ridgeway.org>\n"
            "Date: Nov 4\nSubject: Interview\n\nWe would like to invite you to interview. "
            "Please reply by Friday, November 13.")
    result = classify(msg(body, subject="Fwd: Interview", sender="amina@oldschool.edu"))
    assert result.kind is Kind.INTERVIEW_INVITE
    assert Flag.RESPONSE_DEADLINE in result.flags
