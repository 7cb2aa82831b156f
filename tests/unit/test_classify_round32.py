"""Round 32: families generalized from two more tuning corpora by other writers
(tests/data/heldout99, a Filipino IMG in family and internal medicine whose coordinators
write in a hurry from phones, in reply chains and forwards between staff; heldout100, a US
senior in orthopaedic surgery among away-rotation mentors, second looks, texts and
voicemail transcripts).

A phone service's notice of a text or voicemail is residency mail, and what the transcript
asks is read ("who has us at #1", "where Brookhollow falls for you", "if you're serious
about us, cancel Grantham"); a contact named in full links it. A question that asks to
confirm a rank; the bargain "if we are at the top of your list, let me know"; a group asked
to hold off or cancel ("our interviewees", "applicants who are serious about us"); a
relayed "whether he's prepared to commit". Look-alikes: a wish ("I hope you get your first
choice"), a yes/no question ("Need a yes/no by 12/1"), an ask not to send statements about
rank, a rank meeting named as a deadline, a look-alike institution whose domain spells a
program's name. Every text here is written for this test.
"""

from __future__ import annotations

import pytest

from mailsync.classify import classify
from mailsync.link import Linker
from mailsync.message import Address
from mailsync.programs import Contact, Program
from mailsync.taxonomy import Flag, Kind

from .test_classify_helpers import msg, red_flags

R, C, W = Flag.RANK_INQUIRY, Flag.COMMITMENT_REQUEST, Flag.WITHDRAWAL_REQUEST
SENDER = "tmarsh@quillbrookhealth.org"
SIG = "\n\nTessa Marsh\nProgram Coordinator, Family Medicine Residency\nQuillbrook Health"


def _flags(body: str) -> tuple[set, list[str]]:
    return red_flags(body + SIG, subject="Quillbrook FM", sender=SENDER)


@pytest.mark.parametrize(("body", "flags"), [
    ("Could you confirm that you will rank Quillbrook first? Dr. Ames asked me to check.",
     {R, C}),
    ("We'd love to have you. If we are at the top of your list, let me know, and I'll make "
     "sure our list reflects that.", {R, C}),
    ("P.S. Dr. Ames asks that our interviewees hold off on booking any other Ohio FM "
     "interviews until after their day with us.", {W}),
    ("Jan 14 is full. Dr. Ames said applicants who are serious about Quillbrook should cancel "
     "the conflicting interview, not ours.", {W}),
    ("Sure, we can move you. Just curious what the conflict is. Another interview? Which "
     "program? Dr. Ames likes to know who we're up against.", {R}),
    ("We are offering interview days to applicants who are willing to confirm, in their reply, "
     "that Quillbrook will be in their top three programs.", {C}),
    ("Please reach out to him. Ask him whether he's prepared to commit to Quillbrook.", {C}),
    # look-alikes
    ("Our list is finished and you're ranked highly. I know FM is your goal, and I hope you "
     "get your first choice.", set()),
    ("Separate question: do you want to be considered for our prelim year too? Need a yes/no "
     "by 12/1.", set()),
    ("Our faculty will not contact applicants about rank lists, and we ask that you not send "
     "us statements about how you plan to rank us.", set()),
])
def test_round32_red_flags(body: str, flags: set) -> None:
    got, cues = _flags(body)
    assert got == flags, cues


@pytest.mark.parametrize(("subject", "sender", "body", "flags"), [
    ("New voicemail from (804) 555-0161", "voicemail@callnest.example",
     'Transcript: "Hey, this is Gideon Farraday at Brookhollow. I\'d really like to hear '
     'where Brookhollow falls for you. You know, are we up there at the top. Give me a call."',
     {R}),
    ("Text message from (303) 555-0192", "sms-forward@textrelay.example",
     '"hey it\'s Luke, one of the chiefs. Dr Haas asked the chiefs to get a feel for who has '
     'us at #1 before the rank meeting... so are we??"', {R}),
    ("Text message from (208) 555-0170", "sms-forward@textrelay.example",
     '"Wade Kessler from Juniper Falls. Going to be blunt: if you\'re serious about us, cancel '
     'Grantham and Cedar Marsh. We will take care of you here."', {C, W}),
])
def test_a_phone_services_transcript_is_residency_mail(subject: str, sender: str, body: str,
                                                       flags: set) -> None:
    c = classify(msg(body, subject=subject, sender=sender))
    assert c.kind is not Kind.OTHER and c.flags & {R, C, W} == flags, c.reasons


def test_a_red_flag_with_no_kind_cue_is_a_request() -> None:
    body = ("hi Dr M, Dr A asked me to follow up on your chat yesterday: she'd like you to "
            "cancel your remaining FM interviews and just reply here to confirm once that's "
            "done. thx!")
    c = classify(msg(body, subject="RE: your visit", sender=SENDER, in_reply_to="<a@b>"))
    assert c.kind is Kind.INFO_REQUEST and W in c.flags, c.reasons


BROOK = Program(program_id="B1", name="Brookhollow Orthopaedic Surgery Residency",
                institution="Brookhollow Health", specialty="Orthopaedic Surgery",
                email_domains=("brookhollowhealth.org",), pd_name="Dr. Gideon Farraday",
                contacts=(Contact(role="pd", name="Dr. Gideon Farraday",
                                  email="gfarraday@brookhollowhealth.org"),))
HARROW = Program(program_id="H1", name="Harrowgate Medical Center Orthopaedic Surgery Residency",
                 institution="Harrowgate Medical Center", specialty="Orthopaedic Surgery",
                 email_domains=("harrowgatemc.org",))


def test_a_contact_named_in_full_links_a_relayed_voicemail() -> None:
    body = ('Transcript: "Hey Owen, this is Gideon Farraday, hope you\'re surviving January. '
            'Where do we fall for you? Call me back."')
    m = msg(body, subject="New voicemail from (804) 555-0161", sender="voicemail@callnest.example")
    link = Linker((BROOK, HARROW)).link(m, kind=Kind.INFO_REQUEST)
    assert link.program_id == "B1", link.reasons


def test_a_domain_that_spells_a_programs_name_is_a_look_alike() -> None:
    body = ("HARROWGATE REGIONAL HOSPITAL\nOrthopaedic Surgery Residency, Evansville\n\nJoin "
            "our residents for a Meet the Residents night at Harrowgate Orthopaedic Surgery.")
    m = msg(body, subject="Meet the Residents night", sender="ortho@harrowgateregional.org")
    assert Linker((BROOK, HARROW)).link(m, kind=Kind.PROGRAM_UPDATE).program_id is None
    named = msg("Thank you for applying to Harrowgate Medical Center Orthopaedic Surgery.",
                subject="Interview", sender="invites@slotwise.example")
    assert Linker((BROOK, HARROW)).link(named, kind=Kind.INTERVIEW_INVITE).program_id == "H1"


# Round 33 (heldout102, a Brazilian IMG in anesthesiology, whose alumni contact relays programs
# in Portuguese and English and whose mentor writes up her calls; heldout103, a DO in family
# medicine among rural programs' long-winded PDs, newsletters and surveys).
@pytest.mark.parametrize(("body", "flags"), [
    ("Dr. Ames asks every invited applicant to reply and confirm two things:\n\n1. That "
     "Quillbrook will be among the top three programs on your rank list, and\n2. That you "
     "plan to practice in the region.", {C}),
    ("Once you've seen us twice, please don't go on interviewing at the other Great Basin "
     "programs.", {W}),
    ("If you still have interviews on the calendar in Nevada, I would ask you to let them go.",
     {W}),
    ("There is one thing we ask: please let go of any interviews you still have scheduled.",
     {W}),
    ("If Quillbrook is where you want to be, I would ask you to release those remaining dates "
     "so other applicants can have them.", {W}),
    ("He said you don't need to do the Aldergrove interview next week. Palavras dele.", {W}),
    ("I want you to know where things stand: put Quillbrook first, and you will be a "
     "Quillbrook resident in July.", {C}),
    ("If we're up near the top, tell me, and I'll see to it you're one of ours come Match Day.",
     {R, C}),
    # look-alikes
    ("You don't owe me a reply, and I'd rather you didn't tell me where we land on your list.",
     set()),
    ("Please don't send us your rank intentions or a list of where else you're interviewing; "
     "we don't ask for that.", set()),
    ("We are not asking, and do not want to know, how you plan to rank us.", set()),
    ("Please reply with your first and second choices by Friday, October 9 so I can hold your "
     "spot.", set()),
    ("Our GME office is getting visa paperwork ready for everyone we might rank, and asked me "
     "to collect two things:\n\n  1. Your passport expiration date\n  2. Your visa status",
     set()),
])
def test_round33_red_flags(body: str, flags: set) -> None:
    got, cues = _flags(body)
    assert got == flags, cues


def test_a_physician_named_by_surname_tells_apart_programs_sharing_a_coordinator() -> None:
    shared = "ksorensen@larkspur.example"
    main = Program(program_id="L1", name="Larkspur Family Medicine Residency",
                   institution="Larkspur Health", specialty="Family Medicine",
                   track="Categorical", email_domains=("larkspur.example",),
                   pd_name="Dr. Delbert Amundsen", coordinator_email=shared)
    rural = Program(program_id="L2", name="Larkspur Family Medicine Rural Track (Broken Bow)",
                    institution="Larkspur Health", specialty="Family Medicine",
                    track="Rural Track", email_domains=("larkspur.example",),
                    pd_name="Dr. Ruth Kimbrough", coordinator_email=shared)
    body = ("Hi Student Doctor Holcomb,\n\nThank you for applying to Larkspur Family Medicine. "
            "Dr. Amundsen asked me to make sure you got a personal invitation. Please reply with "
            "your preferred date.\n\nWelcome!\nKaylee\n\nKaylee Sorensen, C-TAGME\nResidency "
            "Coordinator\nLarkspur Family Medicine\nLarkspur Health\n"
            "2200 N. Webb Rd, Grand Island, NE 68803\n(308) 555-0124")
    m = msg(body, subject="Interview invitation", sender=shared)
    assert Linker((main, rural)).link(m, kind=Kind.INTERVIEW_INVITE).program_id == "L1"
    unnamed = msg(body.replace("Dr. Amundsen asked me", "We wanted"), subject="Interview "
                  "invitation", sender=shared)
    assert Linker((main, rural)).link(unnamed, kind=Kind.INTERVIEW_INVITE).program_id is None


# Round 34 (heldout105, a Korean-American senior in psychiatry and neurology whose school's
# student affairs office writes from the domain its psychiatry program shares; heldout106, an
# IMG from India in internal medicine and transitional year among interview-day terms and
# visa paperwork).
@pytest.mark.parametrize(("body", "flags"), [
    ("One more thing from Dr. Pruett: he asks that applicants who book the November 12 date "
     "not keep interviews at the other West Texas IM programs.", {W}),
    ("We prefer that you not be interviewing at the other New England TY programs.", {W}),
    ("And honestly, I'd let the neurology interviews you still have go.", {W}),
    ("She also asked me to pass along that she would honestly rather you skip the Boston "
     "interview on the 22nd.", {W}),
    ("For the applicants I invite personally, I ask one thing: please bring the attached "
     "Statement of Intent, signed, by January 20.", {C}),
    ("Please fill out the profile below and reply by Friday.\n\nName:\nVisa needed:\nOther "
     "interviews completed or scheduled (program + city):\nQuestions for Dr. Ames:", {R}),
    ("Form preview:\n  Please select ONE:\n   ( ) Quillbrook is my first choice and I will rank "
     "it #1.\n   ( ) Quillbrook is in my top three.", {R, C}),
    # look-alikes
    ("You also don't need to tell us anything about your other interviews or plans; we only "
     "need your date.", set()),
    ("• Please do not send thank-you notes, letters of intent, or updates about how you plan "
     "to rank us.", set()),
    ("• You do not need to tell us that we are your first choice.", set()),
])
def test_round34_red_flags(body: str, flags: set) -> None:
    got, cues = _flags(body)
    assert got == flags, cues


def test_the_schools_student_affairs_on_a_shared_university_domain_is_not_the_program() -> None:
    program = Program(program_id="C1", name="Calderbrook University Psychiatry Residency",
                      institution="Calderbrook University Hospital", specialty="Psychiatry",
                      email_domains=("calderbrook.edu",), pd_name="Dr. Thaddeus Greaves",
                      pd_email="tgreaves@calderbrook.edu")
    body = ("Dear MS4s,\n\nIf a program asks you to promise to rank them first, or suggests you "
            "cancel other interviews, please let us know. Programs are not permitted to ask "
            "where else you are interviewing.\n\nMarguerite Olande, MD\nAssociate Dean\nOffice "
            "of Student Affairs")
    m = msg(body, subject="If a program asks where they are on your list",
            sender="osa@calderbrook.edu")
    c = classify(m, programs=(program,))
    assert c.kind is Kind.OTHER and not c.flags & {R, C, W}, c.reasons
    assert Linker((program,)).link(m, kind=c.kind).program_id is None
    pd = msg("Thank you for interviewing with us. Are we your first choice?\n\nThaddeus Greaves, "
             "MD\nProgram Director", subject="Calderbrook", sender="tgreaves@calderbrook.edu")
    assert R in classify(pd, programs=(program,)).flags


# Round 35 (heldout108, a Nepali IMG in internal medicine and neurology among formal,
# template-heavy coordinators and portal notices with the program's words pasted in;
# heldout109, a US senior in general surgery and urology, whose early urology match and
# away-rotation mentors bring pressure phrased as advice).
@pytest.mark.parametrize(("body", "flags"), [
    ("One small favor when you reply: if you could list which of those programs have also "
     "invited you, that will help Dr. Ames's office sort out the calendar.", {R}),
    ("Dr. Ames would be grateful if applicants who consider Quillbrook one of their top three "
     "programs would let us know. A one-line reply is all he needs.", {R}),
    ("The applicants who have already withdrawn from the Main Match by the time we meet to rank "
     "are the ones the committee feels comfortable ranking to match.", {C, W}),
    ("Great to have you back. You can cancel whatever you still have left on the gen surg "
     "side. We've got you.", {W}),
    ("She prefers that the people we interview not interview at those two as well.", {W}),
    ("Dr. Ames asks that applicants who accept an interview with us not hold interview dates at "
     "other Puget Sound programs. By confirming a date, you agree to release any such "
     "interviews.", {W}),
    ("LaTonya, please reach out to the applicant and ask him which programs he has ranked above "
     "us. Need this before Thursday.", {R}),
    # and two from older tuning sets: an imperative after "so", an ask of "they"
    ("One expectation: second-look guests should have wrapped up their interview season by "
     "then, so please don't plan other residency visits after the 29th.", {W}),
    ("Dr. Okonjo-Hale asked me to reach out. She really enjoyed your interview.\n\nShe also "
     "wanted me to mention something she tells the candidates she's serious about: she prefers "
     "that they not accept further OB/GYN interview invitations from here on.", {W}),
    # look-alikes
    ("Interview dates: December 10; January 14.\n\nTo accept, please reply to this e-mail "
     "indicating your preferred date.", set()),
    ("If a program message asks how you will rank it, where else you are interviewing, or asks "
     "you to cancel other interviews, you are not required to answer.", set()),
])
def test_round35_red_flags(body: str, flags: set) -> None:
    got, cues = _flags(body)
    assert got == flags, cues


def test_a_platforms_invitation_with_dates_still_asks_the_programs_question() -> None:
    body = ("Available sessions:\n  Tue, Oct 27\n  Tue, Nov 10\n\nMessage from the program:\n"
            "\"Before you confirm a date, Dr. Ames requests that each invited applicant indicate "
            "whether Quillbrook is your first choice among the Ohio family medicine programs you "
            "applied to.\"")
    c = classify(msg(body, subject="Interview Invitation: Quillbrook FM",
                     sender="notifications@rotunda.example"))
    assert R in c.flags, c.reasons


def test_the_applicants_own_school_account_forwarding_a_programs_mail_is_read() -> None:
    body = ("---------- Forwarded message ---------\nFrom: Hollis Grady <hgrady@redfern.example>\n"
            "Subject: Redfern General Surgery\nTo: <dvasquezhale@med.tennant.example>\n\n"
            "We're finalizing our list this week. Where are we on your list?\n\nHollis Grady, MD\n"
            "Program Director")
    m = msg(body, subject="Fwd: Redfern General Surgery", name="Danielle Vasquez-Hale",
            sender="dvasquezhale@med.tennant.example",
            to=Address(name="", addr="dani.vasquezhale@lumen.example"))
    redfern = Program(program_id="R1", name="Redfern General Surgery Residency",
                      institution="Redfern Medical Center", specialty="General Surgery",
                      email_domains=("redfern.example",))
    c = classify(m, programs=(redfern,))
    assert c.kind is not Kind.OTHER and R in c.flags, c.reasons
