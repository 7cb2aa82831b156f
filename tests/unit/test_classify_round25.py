"""Rounds 25 to 27: families generalized from six more tuning corpora by other writers
(tests/data/heldout78, a DO applicant in family and emergency medicine, PDs writing from
their phones; heldout79, an IMG whose school's alumni write from personal mailboxes; 81 to
85, described at each round's tests below).

A program's ask relayed by an alumnus or a resident from a personal or unknown mailbox
("Dr. Bashir asked me to find out … whether Kittredge is your number one") is mail about
the applicant's applications, and is linked by the physician it names. A messaging
platform's notice ("You have a new message in Rotunda." / "From: …" / "Subject: …")
carries the message below it, which is read, not taken for a quoted reply. Withdrawal
traded for a place; the same bargain in Spanish; a negation that ends at "— just …";
an interview slot held for the applicant; a rank already made, asked about after the
lists are certified. Every text here is written for this test.
"""

from __future__ import annotations

import pytest

from mailsync.classify import classify, relayed_ask
from mailsync.link import Linker
from mailsync.programs import Contact, Program
from mailsync.taxonomy import Flag, Kind

from .test_classify_helpers import msg, red_flags

R, C, W = Flag.RANK_INQUIRY, Flag.COMMITMENT_REQUEST, Flag.WITHDRAWAL_REQUEST
SENDER = "mhale@brookfordhealth.org"
SIG = "\n\nMarcus Hale, MD\nProgram Director, Emergency Medicine\nBrookford Health"
PROGRAMS = (
    Program(program_id="K1", name="Brookford Emergency Medicine Residency",
            institution="Brookford Health", specialty="Emergency Medicine",
            email_domains=("brookfordhealth.org",), pd_name="Dr. Marcus Hale",
            pd_email="mhale@brookfordhealth.org"),
    Program(program_id="K2", name="Linden Valley Internal Medicine Residency",
            institution="Linden Valley Hospital", specialty="Internal Medicine",
            email_domains=("lindenvalley.org",), pd_name="Dr. Omar Petrakis",
            pd_email="opetrakis@lindenvalley.org"),
)


def _flags(body: str) -> tuple[set, list[str]]:
    return red_flags(body + SIG, subject="Brookford EM", sender=SENDER)


RELAY = ("Salam Yusuf,\n\nI'm Tariq, a PGY-2 in internal medicine at Linden Valley (also from "
         "Karachi). Dr. Petrakis knows we went to the same school and he asked me to find out "
         "from you, friend to friend, whether Linden Valley is your number one. You can just "
         "tell me on WhatsApp, I'll pass it on.\n\nTariq")


def test_an_alumnus_relaying_a_rank_question_from_a_personal_mailbox_is_flagged() -> None:
    m = msg(RELAY, subject="salam + a small question", sender="tariq.malik.md@gmail.com")
    c = classify(m, programs=PROGRAMS)
    assert c.kind is Kind.INFO_REQUEST and R in c.flags, c.reasons
    assert "relay.program_ask" in [r.cue for r in c.reasons]
    link = Linker(PROGRAMS).link(m, kind=c.kind)
    assert link.program_id == "K2" and link.reasons[0].cue == "link.body.physician"


def test_a_relay_names_its_physician_by_surname_alone() -> None:
    body = ("Heard you did great on Thursday. Petrakis was smiling in the hallway, which is "
            "rare. So this is awkward, but he asked me to quietly find out where Linden Valley "
            "is on your list.")
    assert relayed_ask(body, frozenset({"Petrakis"})) is not None
    assert relayed_ask(body) is None  # no physician named: nobody's ask to relay


def test_family_asking_through_a_cousin_stays_personal() -> None:
    body = ("Zuni jaan,\n\nNani has decided you are going to Hawaii. She asked me to find out "
            "which hospital is number one on your list so she can start praying for it.\n\nA")
    c = classify(msg(body, subject="Nani wants to know", sender="ayesha.r92@gmail.com"),
                 programs=PROGRAMS)
    assert c.kind is Kind.OTHER and not c.flags


def test_an_alumnus_passing_on_a_bargain_makes_an_interest_signal() -> None:
    body = ("Assalam o alaikum,\n\nI finished residency at Linden Valley in 2024. Dr. Petrakis "
            "called me last week and asked me to reach out. He said that if you tell him "
            "you'll rank Linden Valley first, he will take care of you on his list.\n\nKamran")
    c = classify(msg(body, subject="a message from an old resident",
                     sender="kamran.s@gmail.com"), programs=PROGRAMS)
    assert c.kind is Kind.INTEREST_SIGNAL and C in c.flags, c.reasons


def test_a_messaging_platforms_notice_is_read_below_its_header_block() -> None:
    body = ("You have a new message in Rotunda.\n\nFrom: Becca Tran, Brookford Health - "
            "Emergency Medicine\nSubject: Top-three confirmation\n\n  \"Hi Dr. Rana! Dr. Hale "
            "asks everyone to confirm in writing before our rank meeting. Could you please "
            "reply by January 31 confirming that you will rank us first?\"\n\n[ View and reply "
            "in Rotunda ]")
    c = classify(msg(body, subject="New message from Brookford Health",
                     sender="no-reply@rotundagme.com"), programs=PROGRAMS)
    assert C in c.flags and c.kind is not Kind.OTHER, c.reasons


def test_an_outlook_quote_header_still_ends_the_new_text() -> None:
    body = ("Thanks, see you then.\n\nFrom: Amina Rahman <amina.rahman@gmail.com>\nSent: "
            "Monday, January 4, 2027 9:12 AM\nTo: Marcus Hale\nSubject: question\n\nWill you "
            "rank me first if I promise to rank you first?")
    assert not _flags(body)[0]


@pytest.mark.parametrize(("body", "flags"), [
    # withdrawal traded for a place
    ("He says if you cancel your remaining interviews, he will take care of you at the rank "
     "meeting and you can consider your place secure.", {C, W}),
    ("If she cancels Harrow Valley and the rest of her interviews we'll put her at the top of "
     "our list.", {C, W}),
    # the bargain in Spanish
    ("Si nos pones en primer lugar, te aseguro que vas a estar aquí en julio.", {C}),
    # a negation ends where what is asked begins
    ("It doesn't need to be fancy — just a line or two saying you'll rank Brookford first.",
     {C}),
    ("A quick email to him afterward promising you'll rank Brookford #1 goes a long way.", {C}),
    # an offer whose condition is withdrawing (an offer asking a decision asks to accept it)
    ("He still has a contract ready for you if you're willing to withdraw.", {C, W}),
    ("Call Hollis Ridge and tell them you're out, skip it.", {W}),
    ("Dr. Hale asked me to pass along: please don't set up any other prelim interviews in "
     "Michigan before your interview with us.", {W}),
    # look-alikes: an interview slot held, a rank already made
    ("We would very much like you to interview. Tess will hold a slot for you until October "
     "20, just let her know which date you prefer.", set()),
    ("Lists are certified, so there's no harm in telling me now. Did you rank us first?", {R}),
])
def test_round25_red_flags(body: str, flags: set) -> None:
    got, cues = _flags(body)
    assert got == flags, cues


@pytest.mark.parametrize("body", [
    "We want you to come interview. Merry Beth will send the official invite tomorrow.",
    "We want you to interview. We do it in person, Monday November 16.",
    "We would very much like you to interview with the Brookford Emergency Medicine Residency.",
])
def test_a_pd_saying_we_want_you_to_interview_invites(body: str) -> None:
    c = classify(msg("Hey Dr K,\n\n" + body + SIG, subject="interview", sender=SENDER),
                 programs=PROGRAMS)
    assert c.kind is Kind.INTERVIEW_INVITE, c.reasons


def test_the_days_schedule_with_an_interviewer_is_no_invitation() -> None:
    body = ("Your interview day is confirmed for January 12. We'd like you to interview with "
            "Dr. Hale at 10:00 and with the chiefs at 11:00.")
    c = classify(msg(body + SIG, subject="Re: your interview day", sender=SENDER),
                 programs=PROGRAMS)
    assert c.kind is Kind.INTERVIEW_LOGISTICS, c.reasons


def test_a_contract_sent_to_sign_is_an_offer() -> None:
    body = ("I still want you in our program. So I propose this: we can send you our resident "
            "contract now, you sign it and send back, and we take you out of the Match. Please "
            "answer me before February 10.")
    c = classify(msg(body + SIG, subject="Offer before Match", sender=SENDER,
                     date="2027-01-20T09:00:00-05:00"), programs=PROGRAMS)
    assert c.kind is Kind.PRE_MATCH_OFFER and W in c.flags, c.reasons


def test_a_known_programs_phone_note_is_not_taken_for_personal_mail() -> None:
    body = ("Hey Dr K,\n\nFrank here, PD at Brookford EM. Just finished reading your app on the "
            "couch. Loved it. We want you to come interview, Tess will send you the dates "
            "tomorrow.\n\nFT\n\nSent from my iPhone")
    c = classify(msg(body, subject="interview", sender=SENDER), programs=PROGRAMS)
    assert c.kind is Kind.INTERVIEW_INVITE, c.reasons


def test_a_physician_surname_links_only_when_one_program_has_it() -> None:
    twins = (*PROGRAMS, Program(program_id="K3", name="Carver Surgery Residency",
                                institution="Carver Hospital", specialty="Surgery",
                                email_domains=("carver.org",), pd_name="Dr. Ana Petrakis"))
    m = msg(RELAY, subject="salam", sender="tariq.malik.md@gmail.com")
    assert Linker(PROGRAMS).link(m, kind=Kind.INFO_REQUEST).program_id == "K2"
    assert Linker(twins).link(m, kind=Kind.INFO_REQUEST).program_id is None
    # unclassified, a consumer mailbox's mention of a physician links nothing
    assert Linker(PROGRAMS).link(m).program_id is None


@pytest.mark.parametrize(("name", "names"), [
    ("Dr. Emilio Castellanos", ("Castellanos", "Emilio")), ("Ana Ruiz, MD", ("Ruiz", "Ana")),
    ("Doctor Li", ("Li",)), ("Dr. Jo Li", ("Li",)), ("Tess Ford", ()), ("Dr.", ()),
    ("Ruiz, MD", ()),
])
def test_contact_physician_names(name: str, names: tuple[str, ...]) -> None:
    contact = Contact(role="pd", name=name, email="")
    assert contact.physician_names == names
    assert contact.physician_surname == (names[0] if names else "")


# Round 26 (tests/data/heldout81, a couples-match applicant; heldout82, HTML, forms and long
# letters): a favour for the partner traded for a first rank, "rank X first and you're in",
# a rank question in Spanish or as "top 3", alumni asked as a group to reach out, and
# invitations the learned model took for personal notes.
@pytest.mark.parametrize(("body", "flags"), [
    ("Real talk: if Brookford is your number one, we'll pull strings for Owen with Dr. Harwell "
     "in psych.", {C}),
    ("P.S. If Brookford ends up at the top of your list, I'll make sure our friends in "
     "psychiatry take a very serious look at Owen.", {C}),
    ("Here's what nobody will tell you officially: rank Brookford first and you're in.", {C}),
    ("Bueno, ya te lo pregunto directo: ¿nos vas a poner en primer lugar?", {R}),
    ("P.S. Are we top 3 for y'all? Be honest", {R}),
    # gladness is no favour: the question stays a rank question
    ("If Brookford is your number one, we'll be thrilled to hear it. Where do we stand on "
     "your rank list?", {R}),
    ("Please let me know which date you prefer. We will hold your slot once you reply.", set()),
])
def test_round26_red_flags(body: str, flags: set) -> None:
    got, cues = _flags(body)
    assert got == flags, cues


def test_alumni_asked_as_a_group_relay_their_pds_words() -> None:
    body = ("Hey Yusuf,\n\nKendall here. I finished at Linden Valley in 2021 and I'm on faculty "
            "there now. Omar asked a few of us alumni to reach out to applicants we liked. "
            "Here's what nobody will tell you officially: rank Linden Valley first and you're "
            "in.\n\nKV")
    c = classify(msg(body, subject="from a fellow Texan", sender="kvaughn.md@gmail.com"),
                 programs=PROGRAMS)
    assert c.kind is Kind.INTEREST_SIGNAL and C in c.flags, c.reasons


@pytest.mark.parametrize("body", [
    # a long, warm letter that invites is an invitation (taxonomy precedence)
    "I don't usually write these myself. I read your application on Sunday afternoon with the "
    "wood stove going, and I found that I wanted to write to you directly. You wrote about "
    "your grandfather's village and the woman who walked eleven kilometres with a feverish "
    "child; I grew up forty miles from the nearest paved road and I know that walk. So: we "
    "would very much like to invite you to interview with Brookford Emergency Medicine. We "
    "are a small program, four residents a year, and a clinic that sees ranchers and "
    "retirees who say they came for the trout and stayed for the doctors. Whatever you "
    "decide, thank you for applying to a place most people have to find on a map.",
    "My name is Loretta Kincaid. I'm the program director of Brookford Rural Family "
    "Medicine, a new residency in eastern Kentucky that received initial ACGME accreditation "
    "this spring. Because our accreditation came after the NRMP's deadlines, we are not "
    "participating in the Match this year; we will fill our first class directly. We found "
    "your application through a shared IMG applicant pool, and your rural camp work jumped "
    "off the page. Would you be willing to interview with us by video? I'm free most weekday "
    "mornings Eastern time in December. Wes, our coordinator, can set it up.",
    "I read your personal statement twice and wanted you to hear it from me: we would love "
    "for you to interview at Brookford.",
])
def test_invitations_in_a_pds_own_words(body: str) -> None:
    c = classify(msg("Dear Dr. Rahman,\n\n" + body + SIG, subject="From Brookford",
                     sender=SENDER), programs=PROGRAMS)
    assert c.kind is Kind.INTERVIEW_INVITE, c.reasons


def test_asking_for_a_partners_aamc_id_is_an_info_request() -> None:
    body = ("You are confirmed for Thursday, December 3. One more thing: is your partner "
            "applying to our psychiatry program? If so, could you send me his full name and "
            "AAMC ID?")
    c = classify(msg(body + SIG, subject="RE: Interview Invitation", sender=SENDER),
                 programs=PROGRAMS)
    assert c.kind is Kind.INFO_REQUEST, c.reasons


# Round 27 (tests/data/heldout84, a reapplicant in IM and TY with SOAP; heldout85, an IMG
# from Brazil whose programs write in Portuguese and Spanish).
@pytest.mark.parametrize(("body", "flags"), [
    ("E me promete uma coisa: coloca o Brookford em primeiro.", {C}),
    ("Tô montando a lista essa semana e queria saber: onde mais você entrevistou aqui em NJ?",
     {R}),
    ("Mi consejo, de amiga: cancela las otras entrevistas que te quedan.", {W}),
    # negated in Spanish: no question
    ("No te voy a preguntar cómo nos vas a clasificar ni dónde más entrevistaste.", set()),
    ("She asked me to pass on a message: please don't take any other South Florida "
     "interviews.", {W}),
    ("He asks that once you have interviewed with us you hold off on accepting further "
     "interview invitations in the region.", {W}),
    ("The move, honestly, is to cancel your Gulf Meridian and Bellmore interviews and let "
     "him know you did.", {W}),
    ("He asked me to pass along one request: while we decide this morning, please don't "
     "schedule or take interviews with other programs.", {W}),
    # read as an offer's paperwork, which asks to accept the offer too
    ("To complete your file I need a screenshot from the NRMP R3 system showing that your "
     "Match registration has been withdrawn.", {C, W}),
    ("PS: Dr. Hale told us at sign-out that if you let him know Brookford is your top pick, "
     "you're basically in.", {C}),
    # look-alikes: an apology, a warning, honest ranking urged, a job kept open
    ("I want to apologize if anyone from our program made you feel you needed to promise us "
     "something.", set()),
    ("If anyone claiming to speak for our program asks how you plan to rank us, please tell "
     "Brianna.", set()),
    ("Please rank us wherever we truly belong on your list, and don't write back to tell me "
     "where that is.", set()),
    ("Your badge works, your desk is yours, and the job is yours for as long as you need it.",
     set()),
    ("Are you applying to our TY as a standalone year, or do you hold (or expect to hold) an "
     "advanced position elsewhere?", set()),
])
def test_round27_red_flags(body: str, flags: set) -> None:
    got, cues = _flags(body)
    assert got == flags, cues


def test_a_form_to_tick_i_will_rank_first_asks_rank_and_promise() -> None:
    form = ("Candidate Statement, 2027 Match\n\n3. Ranking intention (check one):\n"
            "   [ ] I will rank Brookford TY as my first-choice transitional year program.\n"
            "   [ ] I will rank Brookford TY, but not first.\n")
    c = classify(msg("Please complete the attached statement and return it by Friday." + SIG,
                     subject="candidate statement form", sender=SENDER,
                     attachments=(("statement.pdf", form),)), programs=PROGRAMS)
    assert {R, C} <= c.flags, c.reasons


def test_a_program_note_in_spanish_with_a_withdrawal_ask_is_not_other() -> None:
    body = ("¡Hola Beatriz!\n\nSoy Ileana, la residente jefe. La Dra. Vega y yo hablamos de ti "
            "esta semana. Mi consejo, de amiga: cancela las otras entrevistas que te quedan. "
            "Aquí tienes casa y tienes un programa que te quiere.\n\nBesitos,\nIleana")
    c = classify(msg(body, subject="¡Hola desde Caguas!", sender=SENDER), programs=PROGRAMS)
    assert c.kind is not Kind.OTHER and W in c.flags, c.reasons


# Round 28 (tests/data/heldout87, an IMG from Ghana in IM and pediatrics; heldout88, a DO
# in EM and anesthesiology).
@pytest.mark.parametrize(("body", "flags"), [
    ("Totally casual question: did you interview at Mercy Children's or any of the Kansas "
     "City programs too?", {R}),
    ("We are pleased to invite you to interview on January 14. We ask that you accept this "
     "invitation only if you will not be interviewing with other Transitional Year programs "
     "in Illinois this season.", {W}),
    ("If Brookford already feels like home, you would be well within your rights to let the "
     "others go and save yourself the money.", {W}),
    ("Honest advice: if you're still on the fence, cancel your Grand Rapids interview.", {W}),
    ("If you are serious about Brookford, I would ask that you not take further preliminary "
     "medicine interviews elsewhere this season.", {W}),
    ("If you can tell Dr. Hale that Brookford is your #1, it goes a very long way here.", {C}),
    ("Tried calling twice. I need to know by Friday whether you're in. Yes or no is fine.",
     {C}),
    ("If Brookford is at the very top of your list, you can be sure there will be a spot "
     "here for you.", {C}),
    ("If you cancel the interviews you still have on the books and tell me Brookford is "
     "first, you're ours.", {C, W}),
    ('Haven\'t heard back. Committee meets soon. Reply with one word, "committed," and '
     "you're in.", {C}),
    ("The Chair hereby requests that the Applicant disclose, in writing, the relative "
     "position that the Applicant presently intends to assign to the Program on the "
     "Applicant's rank order list.", {R}),
    # look-alikes: the program's own interview day; a statement that nobody will solicit
    ("If you need to cancel your interview day, just let Tess know.", set()),
    ("The Department shall not solicit, and no member of its faculty acting on its behalf "
     "shall solicit, any representation from an applicant concerning the applicant's "
     "intended ranking of the Program.", set()),
])
def test_round28_red_flags(body: str, flags: set) -> None:
    got, cues = _flags(body)
    assert got == flags, cues


def test_an_offer_kept_open_until_a_date_sets_a_deadline() -> None:
    body = ("Of course. Thank you for asking rather than rushing. I'm happy to extend the offer "
            "until Monday, January 25 at 5:00 PM Central.")
    c = classify(msg(body + SIG, subject="RE: Offer of a PGY-1 position", sender=SENDER,
                     date="2027-01-18T09:00:00-06:00"), programs=PROGRAMS)
    assert c.kind is Kind.PRE_MATCH_OFFER and Flag.RESPONSE_DEADLINE in c.flags, c.reasons
    assert C in c.flags  # an offer that asks for a decision asks to accept it
