"""Round 3: cue families generalized from a third writer's mail (tests/data/heldout3).

Every text here is written for this test (other programs, people and wording than that
corpus), each family next to its closest look-alike, so a cue that memorized a sentence
fails here.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from mailsync.classify import classify
from mailsync.taxonomy import Flag, Kind

from .test_classify_helpers import msg

R, C, W, D = (Flag.RANK_INQUIRY, Flag.COMMITMENT_REQUEST, Flag.WITHDRAWAL_REQUEST,
              Flag.RESPONSE_DEADLINE)
RED = {R, C, W}
SIG = "\n\nDr. Amara Lindqvist\nProgram Director, Neurology Residency\nCopperfield Medical Center"
COORD = "\n\nJules Okonkwo\nResidency Coordinator, Neurology\nCopperfield Medical Center"

CASES = [
    # --- rules, warnings and apologies are not requests ----------------------------------
    ("rule_not_permitted", "Dear graduates in the Match,\n\nAs residency interview season "
     "winds down, a reminder from the Dean's office: residency programs are not permitted to "
     "ask where else you have interviewed or how you will rank them. If that happens, please "
     "tell us.\n\nOffice of Student Affairs", None, set()),
    ("nobody_should_ask", "Dear Applicants,\n\nThank you to everyone who visited Copperfield "
     "this season. Nobody on our faculty should ask you how you plan to rank us, and you never "
     "have to answer." + SIG, Kind.PROGRAM_UPDATE, set()),
    ("if_a_program_asks", "Hello residents-to-be,\n\nIf a program ever asks, \"Are we your top "
     "choice?\", you are free not to answer and may contact our office.\n\nCareer Advising",
     None, set()),
    ("apology_for_earlier_ask", "Dear Dr. Haddad,\n\nI apologize for the email our office sent "
     "last week asking about your rank list; that was our mistake and you owe us no answer. "
     "You were one of my favorite conversations of the whole season." + SIG,
     Kind.INTEREST_SIGNAL, set()),
    # --- asks voiced by anyone; frames that only a frame recognizes ----------------------
    ("coordinator_relays_rank_ask", "Hi Dr. Haddad,\n\nDr. Lindqvist mentioned the rank meeting "
     "is on Tuesday and she'd love to know how high we sit on your list, if you are willing to "
     "share." + COORD, Kind.INFO_REQUEST, {R}),
    ("asked_me_to_check", "Hello Dr. Haddad,\n\nOur PD asked me to check with a few of our "
     "interviewees whether they are planning to rank Copperfield as their top choice. A short "
     "reply is plenty." + COORD, Kind.INFO_REQUEST, {R}),
    ("form_asks_other_programs", "Dear Dr. Haddad,\n\nAttached is the applicant sheet for your "
     "visit; please bring it completed." + COORD, Kind.INFO_REQUEST, {R}),
    ("programs_where_you_applied", "Dear Dr. Haddad,\n\nSince our positions start in PGY-2, "
     "could you send us the list of preliminary programs where you have applied for your "
     "intern year?" + COORD, Kind.INFO_REQUEST, {R}),
    # --- commitment: demands in interest notes keep the kind; questions ask --------------
    ("demand_in_interest_note", "Dear Dr. Haddad,\n\nYou are one of our top candidates. Before "
     "our list is final we need your commitment that Copperfield will be your first choice."
     + SIG, Kind.INTEREST_SIGNAL, {C}),
    ("promise_me_and_ill", "Dr. Haddad - no need to answer the rank question. But promise me "
     "you'll put Copperfield first and I'll take care of the rest." + SIG,
     Kind.INTEREST_SIGNAL, {C}),
    ("bargain_asked", "Hi Dr. Haddad, you were a favorite with our residents! Quick one: would "
     "you rank us highly if we ranked you to match?" + SIG, Kind.INFO_REQUEST, {R, C}),
    ("speakers_own_promise", "Hey Sam!! So fun meeting you at the social. Just between us (I "
     "won't tell a soul, promise) - who's your #1??\n\nPriya, chief resident",
     Kind.INFO_REQUEST, {R}),
    # --- withdrawal ------------------------------------------------------------------------
    ("withdraw_applications_elsewhere", "Dear Dr. Haddad,\n\nWe would like to offer you one of "
     "our PGY-1 positions now. For this to work you would need to withdraw your neurology "
     "applications elsewhere and sign with us by January 12." + SIG,
     Kind.PRE_MATCH_OFFER, {C, W}),  # an offer asks to accept it: commitment too
    ("proof_of_withdrawal", "Dr. Haddad,\n\nI can hold yours until Friday at noon. If you decide "
     "to come, send me proof that you've withdrawn from the NRMP Match." + SIG,
     Kind.PRE_MATCH_OFFER, {C, W}),
    ("invite_with_no_other_interviews", "Dear Dr. Haddad,\n\nWe are pleased to invite you to "
     "interview at Copperfield Neurology. Applicants who accept an interview are asked not to "
     "interview at other programs in our region." + COORD, Kind.INTERVIEW_INVITE, {W}),
    # --- kinds -------------------------------------------------------------------------------
    ("ranked_to_match_contracted", "Dear Sam,\n\nOur list is certified and I wanted you to know "
     "that you're ranked to match at Copperfield. No reply needed." + SIG,
     Kind.INTEREST_SIGNAL, set()),
    ("still_rank_you", "Sam,\n\nUnderstood, and I respect your wish to stay in the Match. We'll "
     "still rank you. Good luck.\n\nAL", Kind.INTEREST_SIGNAL, set()),
    ("platform_account_invite", "Hi Sam,\n\nA residency program invited you to use Slotwise for "
     "interview scheduling. Please verify your email to activate your dashboard.\n\nThe "
     "Slotwise team", Kind.ADMIN_NOTICE, set()),
    ("platform_waitlist_may_offer", "Dear Dr. Haddad,\n\nCopperfield Neurology has placed you on "
     "its interview waitlist. If a session becomes available, the program may offer it to you "
     "through Slotwise.", Kind.WAITLIST, set()),
    ("application_received", "Dear Applicant,\n\nThank you for your interest in Copperfield "
     "Neurology. We have received your ERAS application and it is under review. Invitations go "
     "out from October." + COORD, Kind.ADMIN_NOTICE, set()),
    ("offer_that_position", "Dear Dr. Haddad,\n\nWe were granted one position outside the Main "
     "Match this year, and I would like to offer that position to you." + SIG,
     Kind.PRE_MATCH_OFFER, set()),
    ("positions_accepted", "Hi Dr. Haddad,\n\nBoth of our off-cycle positions have been "
     "accepted, so we are no longer able to hold a spot for you. We wish you well in the "
     "Match." + COORD, Kind.REJECTION, set()),
    ("filled_through_match_is_policy", "Dear Applicants,\n\nAll of our categorical positions "
     "are filled through the NRMP Main Match, and we never ask for commitments." + SIG,
     Kind.PROGRAM_UPDATE, set()),
    ("reimbursement", "Dear Dr. Haddad,\n\nYour travel reimbursement for the January visit was "
     "processed and should arrive by direct deposit within ten business days." + COORD,
     Kind.ADMIN_NOTICE, set()),
]


@pytest.mark.parametrize(("name", "body", "kind", "flags"), CASES,
                         ids=[c[0] for c in CASES])
def test_round3_families(name: str, body: str, kind: Kind | None, flags: set[Flag]) -> None:
    attachments: tuple[tuple[str, str], ...] = ()
    if name == "form_asks_other_programs":
        attachments = (("sheet.pdf", "APPLICANT SHEET\nName: ____\nDietary needs: ____\nOther "
                        "neurology programs at which you have interviewed this season: ____"),)
    c = classify(msg(body, subject="Copperfield Neurology", sender="office@copperfieldmc.org",
                     attachments=attachments))
    if kind is not None:
        assert c.kind is kind, (name, c.kind, [r.cue for r in c.reasons])
    assert (set(c.flags) & RED) == flags, (name, c.flags, [r.cue for r in c.reasons])
    for reason in c.reasons:
        assert reason.cue and reason.detail is not None


OTHER = [
    ("lease", "Dear Resident,\n\nYour lease for unit 4B ends June 30. Please let us know by "
     "April 1 whether you intend to renew or vacate.\n\nMaple Court Leasing Office",
     "leasing@maplecourt.example"),
    ("test_prep_offer", "Congrats on finishing interview season! Members get an exclusive "
     "offer: CCS practice cases for $39 (reg. $99), reserved for you until Feb 28.\n"
     "Unsubscribe", "deals@boardbuddy.example"),
    ("alumni_gift", "Dear Alumni,\n\nCongratulations to our graduates who matched! Consider a "
     "gift to the student review fund.\n\n[Give now]", "alumni@islandmed.example"),
    ("credential_phish", "Dear Applicant,\n\nAn interview invitation was withheld. To release "
     "it, confirm your AAMC login and pay the verification fee within 12 hours.",
     "support@aamc-release.example"),
]


@pytest.mark.parametrize(("name", "body", "sender"), OTHER, ids=[c[0] for c in OTHER])
def test_round3_not_residency_mail(name: str, body: str, sender: str) -> None:
    c = classify(msg(body, subject="Notice", sender=sender))
    assert c.kind is Kind.OTHER, (name, c.kind, [r.cue for r in c.reasons])
    assert not c.flags


@pytest.mark.parametrize("body", [
    "The program has set an expiry of Friday, November 6, 11:59 PM ET for this invitation.",
    "I can extend the deadline to Monday, November 9 at 5 PM Central, but no later.",
    "Please fill in your shipping address here by Wednesday 11/4.",
    "Your list must be certified no later than 9:00 PM Eastern Time on Wednesday, March 3.",
    "The offer remains open until Friday, November 13, 11:59 PM ET.",
    "Please RSVP by the 9th via the scheduling link.",
])
def test_round3_deadline_phrasings(body: str) -> None:
    c = classify(msg("Dear Dr. Haddad,\n\n" + body + COORD, subject="Copperfield Neurology",
                     sender="office@copperfieldmc.org"))
    assert D in c.flags, [r.cue for r in c.reasons]


def test_by_the_ninth_is_the_next_ninth() -> None:
    c = classify(msg("Dear Dr. Haddad,\n\nPlease RSVP by the 9th via the link." + COORD,
                     sender="office@copperfieldmc.org", date="2026-10-20T09:00:00-05:00"))
    when = datetime.fromisoformat(c.deadlines[0].when)
    assert (when.year, when.month, when.day) == (2026, 11, 9)


@pytest.mark.parametrize("body", [
    "Release date: 09/30/2026",
    "Our virtual open house is on Thursday, Feb 11, 6 PM CT; no need to reply.",
])
def test_round3_dates_that_are_not_deadlines(body: str) -> None:
    c = classify(msg("Dear Dr. Haddad,\n\n" + body + COORD, subject="Copperfield Neurology",
                     sender="office@copperfieldmc.org"))
    assert D not in c.flags, [r.cue for r in c.reasons]


_NOTE = "Dear Dr. Haddad,\n\nThank you for interviewing with us; we enjoyed meeting you. {}" + SIG


@pytest.mark.parametrize(("flag", "sentence"), [
    (C, "Are you willing to make Copperfield your number one? If so, we'll take care of you."),
    (C, "Tell me Copperfield is your first choice and I'll make sure you land here."),
    (C, "I need to know that you're all in with us before I go to bat for you."),
    (C, "Would you be willing to sign a letter of intent stating that we are your first choice?"),
    (W, "This offer requires that you not go through the Match this year."),
    (W, "Once you sign, you must notify NRMP that you are withdrawing."),
    (W, "Please stop scheduling interviews elsewhere and confirm with us."),
])
def test_round4_red_flag_families(flag: Flag, sentence: str) -> None:
    c = classify(msg(_NOTE.format(sentence), sender="office@copperfieldmc.org"))
    assert flag in c.flags, (sentence, [r.cue for r in c.reasons])


@pytest.mark.parametrize("sentence", [
    "Applicants often ask whether they should send a letter of intent; it is not necessary.",
    "Our program does not participate in the NRMP Match; we hire directly each spring.",
    "Interviewees who are not participating in the Match should let us know.",
    "We are committed to a fair and transparent Match process.",
    "Please rank your interview date preferences: first choice, second choice.",
])
def test_round4_look_alikes(sentence: str) -> None:
    c = classify(msg(_NOTE.format(sentence), sender="office@copperfieldmc.org"))
    assert not (set(c.flags) & RED), (sentence, [r.cue for r in c.reasons])


_OFFER = ("Dear Dr. Haddad,\n\nWe enjoyed meeting you and would like to offer you a PGY-1 position "
          "outside the Match. {}" + SIG)


@pytest.mark.parametrize(("flag", "sentence"), [
    (W, "You'll need to resign from the NRMP Match."),
    (W, "Accepting requires you to forgo the Match."),
    (W, "As a condition of this offer, you must not rank any other programs."),
    (W, "Don't bother interviewing anywhere else."),
    (W, "Please email NRMP to withdraw and send me the confirmation."),
    (W, "Leave the other programs off your list and rank only Copperfield."),
    (C, "We would like a commitment from you before we finalize our list."),
    (C, "If we're your top choice, say the word and we'll make it happen."),
    (C, "Send me an email confirming Copperfield is your top program."),
    (C, "I can promise you a spot here as long as we're first on your list."),
    (C, "Rank us first and you're in."),
])
def test_round5_red_flag_families(flag: Flag, sentence: str) -> None:
    c = classify(msg(_OFFER.format(sentence), sender="office@copperfieldmc.org"))
    assert flag in c.flags, (sentence, [r.cue for r in c.reasons])


@pytest.mark.parametrize(("sender", "body"), [
    ("advising@school.example", "Residency advising: rank only programs you would be happy to "
     "attend. Programs should not ask you to confirm they are your top choice."),
    ("advising@school.example", "Match tips: you do not need to tell any program where it falls "
     "on your list, and you should not skip the Match for an offer you are unsure about."),
    ("office@copperfieldmc.org", "Dear applicants, our program does not participate in the "
     "NRMP; positions are offered directly, so there is no need to go through the Match here."),
    ("office@copperfieldmc.org", "Dear Dr. Haddad, please confirm that Tuesday is your first "
     "choice of interview date."),
    ("office@copperfieldmc.org", "Dear Dr. Haddad, we can guarantee you a spot at our applicant "
     "dinner if you RSVP by Friday."),
    ("office@copperfieldmc.org", "Dear Sam, congratulations on your Match! If we were your top "
     "choice, we are honored; we'll make sure your onboarding goes smoothly."),
])
def test_round5_look_alikes(sender: str, body: str) -> None:
    c = classify(msg(body, subject="Notes", sender=sender))
    assert not (set(c.flags) & RED), (body, [r.cue for r in c.reasons])
