"""Table-driven tests for every lint rule: phrasings that must hit, and must not."""

from __future__ import annotations

import pytest

from mailsync.lint import Finding, lint, parse_doc
from mailsync.programs import Program
from mailsync.taxonomy import OutgoingType as T

PROGRAMS = [
    Program(program_id="P01", name="Brennan-Whitcomb Diagnostic Radiology Residency",
            institution="Brennan-Whitcomb University Hospital", specialty="Diagnostic Radiology",
            city="Columbus", state="OH", pd_name="Dr. Meredith Sandoval-Kerr",
            pd_email="msk@bwuh.org", coordinator_name="Janelle Okafor",
            coordinator_email="jokafor@bwuh.org", email_domains=("bwuh.org",)),
    Program(program_id="P03", name="Brennan-Whitcomb Internal Medicine Residency (Preliminary)",
            institution="Brennan-Whitcomb University Hospital", specialty="Internal Medicine",
            track="Preliminary", city="Columbus", state="OH",
            pd_name="Dr. Camille Beauchamp-Ortiz", pd_email="cb@bwuh.org"),
    Program(program_id="P04", name="Saint Adelaide Emergency Medicine Residency",
            institution="Saint Adelaide Health System", specialty="Emergency Medicine",
            city="Milwaukee", state="WI", timezone="America/Chicago",
            pd_name="Dr. Kwame Asante-Boateng", pd_email="kasante@stadelaide.org",
            coordinator_name="Brianna Koenig", coordinator_email="bkoenig@stadelaide.org"),
    Program(program_id="P09", name="Coral Ridge Pediatric Residency Program",
            institution="Coral Ridge Children's Hospital", specialty="Pediatrics",
            city="Tampa", state="FL", pd_name="Dr. Yolanda Fairbanks",
            pd_email="yfairbanks@coralridgekids.org", coordinator_name="Gabriela Restrepo",
            coordinator_email="grestrepo@coralridgekids.org"),
    Program(program_id="P16", name="Tallgrass Internal Medicine Residency",
            institution="Tallgrass Medical Center", specialty="Internal Medicine",
            city="Wichita", state="KS", timezone="America/Chicago",
            pd_name="Dr. Douglas Reinholt", pd_email="dreinholt@tallgrassmc.org",
            coordinator_name="Amy Lutz", coordinator_email="alutz@tallgrassmc.org"),
    Program(program_id="P25", name="Quillan Heights Diagnostic Radiology Residency",
            institution="Quillan Heights University Medical Center",
            specialty="Diagnostic Radiology", city="Omaha", state="NE",
            timezone="America/Chicago", pd_name="Dr. Vivian Castellano-Reyes",
            pd_email="vcastellano@qhumc.org", coordinator_name="Trevor Nakashima",
            coordinator_email="tnakashima@qhumc.org"),
    Program(program_id="P28", name="Marlowe Children's Pediatrics Residency",
            institution="Marlowe Children's Hospital", specialty="Pediatrics",
            city="Charlotte", state="NC", pd_name="Dr. Theresa Glanville",
            pd_email="tglanville@marlowe.org"),
    Program(program_id="P30", name="Elkhorn Ridge Emergency Medicine Residency",
            institution="Elkhorn Ridge Medical Center", specialty="Emergency Medicine",
            city="Billings", state="MT", timezone="America/Denver",
            pd_name="Dr. Caleb Thorsby", pd_email="cthorsby@elkhornridge.org"),
]
BY_ID = {p.program_id: p for p in PROGRAMS}

PROFILE = {
    "name": "Nadia Karim Elsayed", "degree": "MBBCh", "email": "nadia@example.com",
    "phone": "+20 100 555 0101", "aamc_id": "15928374", "eras_id": "",
    "ecfmg_id": "0-884-215-6", "school": "Mariout Valley University", "country": "Egypt",
    "specialty": "Diagnostic Radiology", "citizenship": "needs_visa", "visa": "J-1",
    "timezone": "Africa/Cairo",
}

SIGNATURE = ("Sincerely,\nNadia Karim Elsayed, MBBCh\nAAMC ID: 15928374\n"
             "ECFMG ID: 0-884-215-6\n")


def letter(middle: str, salutation: str = "Dear Dr. Castellano-Reyes,",
           name: str = "Quillan Heights Diagnostic Radiology Residency") -> str:
    """A well-formed letter (to P25 unless told) around one sentence under test."""
    return (f"{salutation}\n\nThank you again for the opportunity to interview with the "
            f"{name}. {middle}\n\n"
            "Thank you for your time and consideration.\n\n" + SIGNATURE)


def run(text: str, type_: T | None = T.LETTER_OF_INTEREST, program: str = "P25",
        profile: dict[str, str] | None = None, attachments: tuple[str, ...] = ()
        ) -> list[Finding]:
    return lint(text, type=type_, program=BY_ID[program], programs=PROGRAMS,
                profile=PROFILE if profile is None else profile, attachments=attachments)


def rules(findings: list[Finding], blocking_only: bool = False) -> set[str]:
    return {f.rule for f in findings if f.blocking or not blocking_only}


GOOD_SENTENCES = [
    "Your program is one of my top choices, and I plan to rank it highly.",
    "I remain very interested in your program and in training in Omaha.",
    "The case conference with your residents showed me a teaching culture I want to join.",
    "I especially enjoyed our conversation about your resident-run ultrasound clinic.",
    "Since my interview, I passed USMLE Step 3 with a score of 241 on January 20, 2027.",
    "My first choice of interview date would be January 12, and January 19 also works.",
    "I'm keeping my list private, as the Match allows, but I'm very interested in your program.",
    "I'd rather not discuss other programs; I'm happy to explain what draws me to yours.",
    "I am taking part fully in the NRMP Match and will rank programs by my true preferences.",
    "Could you confirm whether this position is in the NRMP Match? I plan to stay in the Match.",
    "I can't commit to anything before the Match, but I am grateful for your confidence.",
    "I will not withdraw from the Match.",
    "I will need J-1 visa sponsorship through ECFMG, and I expect my certification in December.",
    "I am not yet ECFMG certified; I expect to be certified by December 2026.",
    "Your curriculum fits my goal of a career in academic radiology.",
    "I trained in a busy public hospital in Alexandria and managed toxic ingestions overnight.",
    "Your residents were warm, and the faculty clearly invest in teaching.",
    "I would be honored to train with you, and I appreciated the chance to meet Dr. Lin.",
    "I do not expect anything in return for this note.",
    "Your strong mentorship in interventional procedures is something I hope to benefit from.",
]


@pytest.mark.parametrize("sentence", GOOD_SENTENCES)
def test_good_sentences_have_no_blocking_finding(sentence: str) -> None:
    found = run(letter(sentence))
    assert not [f for f in found if f.blocking], found
    assert "rank_language" not in rules(found)


# (rule, sentence) pairs that must be caught, varied in phrasing.
BAD_SENTENCES = [
    ("placeholder", "I especially enjoyed our talk about [specific topic]."),
    ("placeholder", "I look forward to joining {{ program_name }}."),
    ("placeholder", "Please give my regards to <interviewer name>."),
    ("placeholder", "My Step 3 score is XXX."),
    ("placeholder", "My start date is TBD."),
    ("placeholder", "I met Dr. Lastname on interview day."),
    ("placeholder", "I enjoyed meeting the residents at Program Name."),
    ("other_program", "I would love to train at Coral Ridge Children's Hospital."),
    ("other_program", "The Tallgrass Internal Medicine Residency impressed me too."),
    ("other_program", "Elkhorn Ridge has been my dream for years."),
    ("other_program", "Training at St. Adelaide would let me stay near family."),
    ("rank_language", "You are my #1 choice."),
    ("rank_language", "Your program is my first choice."),
    ("rank_language", "Quillan Heights is my top choice."),
    ("rank_language", "I will rank you first."),
    ("rank_language", "I plan to rank your program number one."),
    ("rank_language", "Your program will be at the top of my rank list."),
    ("rank_language", "I intend to rank Quillan Heights first on my list."),
    ("rank_language", "No other program will be ranked above yours."),
    ("standing_inquiry", "Could you let me know where I stand?"),
    ("standing_inquiry", "I was wondering how your program plans to rank me."),
    ("standing_inquiry", "Am I ranked to match at your program?"),
    ("standing_inquiry", "Would you share my position on your rank list?"),
    ("standing_inquiry", "I would like to know whether I will be ranked."),
    ("standing_inquiry", "What are my chances of matching with you?"),
    ("standing_inquiry", "Will you be ranking me highly?"),
    ("reciprocity", "If you rank me to match, I will rank you first."),
    ("reciprocity", "I will rank you highly if your program ranks me highly as well."),
    ("reciprocity", "If I am ranked to match, I will commit to your program."),
    ("reciprocity", "I would rank you first in return for a guarantee."),
    ("reciprocity", "Would you consider ranking me to match?"),
    ("reciprocity", "As long as you rank me highly, I will do the same."),
    ("promise", "I promise to rank your program first."),
    ("promise", "You have my word that I will come."),
    ("promise", "I am fully committed to joining your program."),
    ("promise", "I guarantee that I will rank you at the top."),
    ("promise", "I will accept your offer if it comes."),
    ("withdrawal", "I am happy to withdraw from the Match to join you."),
    ("withdrawal", "I will cancel my other interviews."),
    ("withdrawal", "I agree not to interview elsewhere this season."),
    ("withdrawal", "I can sign the contract before the Match."),
    ("withdrawal", "I will withdraw my application from the NRMP Match right away."),
    ("pleading", "Your program is my only hope."),
    ("pleading", "I am desperate to match this year."),
    ("pleading", "Please give me a chance to prove myself."),
    ("pleading", "I beg you to consider my application."),
    ("pleading", "I will do anything to train with you."),
    ("pleading", "I really need this position."),
    ("pleading", "I have no other interviews this season."),
    ("criticism", "Unlike other programs, yours actually cares about residents."),
    ("criticism", "The other programs I visited felt disorganized and cold."),
    ("criticism", "I found the toxic culture at my previous program unbearable."),
    ("criticism", "Your residents seemed happier than the other programs."),
    ("criticism", "Compared to other programs, your didactics are far better."),
    ("flattery", "You are the best program in the country."),
    ("flattery", "Quillan Heights is the greatest radiology program in the world."),
    ("flattery", "It is the best residency I have ever seen."),
    ("flattery", "Your faculty are world-class and second to none."),
    ("attachment", "Please find attached my updated CV."),
    ("attachment", "I have attached my Step 3 score report."),
    ("visa_tense", "I am a permanent resident, so I do not need sponsorship."),
    ("visa_tense", "I am ECFMG certified (expected in December)."),
    ("visa_tense", "I have my green card, which should be approved next month."),
    ("visa_tense", "I do not require visa sponsorship."),
    ("visa_tense", "My J-1 visa has been approved and should be issued soon."),
]


@pytest.mark.parametrize(("rule", "sentence"), BAD_SENTENCES)
def test_bad_sentences_are_caught(rule: str, sentence: str) -> None:
    found = run(letter(sentence))
    assert rule in rules(found), found


@pytest.mark.parametrize(("rule", "sentence"), [
    (r, s) for r, s in BAD_SENTENCES
    if r in {"placeholder", "rank_language", "standing_inquiry", "reciprocity", "promise",
             "withdrawal", "pleading", "visa_tense"}
])
def test_core_rules_block(rule: str, sentence: str) -> None:
    found = run(letter(sentence), type_=T.THANK_YOU)
    assert rule in rules(found, blocking_only=True), found


def test_other_program_names_block_but_target_and_shared_institution_do_not() -> None:
    text = letter("I enjoyed my day at Quillan Heights University Medical Center in Omaha.")
    assert not rules(run(text))
    bw = BY_ID["P01"].name
    shared = lint(letter("Brennan-Whitcomb has a wonderful culture.",
                         "Dear Dr. Sandoval-Kerr,", bw),
                  type=T.LETTER_OF_INTEREST, program=BY_ID["P01"], programs=PROGRAMS,
                  profile=PROFILE)
    assert "other_program" not in rules(shared)
    sibling = lint(letter("I also applied to the Brennan-Whitcomb Internal Medicine Residency "
                          "(Preliminary).", "Dear Dr. Sandoval-Kerr,", bw),
                   type=T.LETTER_OF_INTEREST, program=BY_ID["P01"], programs=PROGRAMS,
                   profile=PROFILE)
    hits = [f for f in sibling if f.rule == "other_program"]
    assert hits and all(not f.blocking for f in hits)


def test_other_program_acronym_is_caught() -> None:
    text = lint(letter("QHUMC is a wonderful place.", "Dear Dr. Fairbanks,", BY_ID["P09"].name),
                type=T.LETTER_OF_INTEREST, program=BY_ID["P09"], programs=PROGRAMS,
                profile=PROFILE)
    assert "other_program" in rules(text, blocking_only=True)


def test_rotation_at_another_program_is_only_a_warning() -> None:
    found = run(letter("During my observership at Tallgrass Medical Center, I learned a lot."))
    hits = [f for f in found if f.rule == "other_program"]
    assert hits and not any(f.blocking for f in hits)


def test_letter_of_intent_may_say_first_choice_but_interest_may_not() -> None:
    text = letter("Your program is my first choice, and I will rank it #1.")
    assert "rank_language" not in rules(run(text, type_=T.LETTER_OF_INTENT))
    assert "rank_language" in rules(run(text, type_=T.LETTER_OF_INTEREST), blocking_only=True)
    unknown = [f for f in run(text, type_=None) if f.rule == "rank_language"]
    assert unknown and not any(f.blocking for f in unknown)


def test_top_choice_needs_one_of_in_letter_of_interest() -> None:
    assert "rank_language" not in rules(run(letter("You are among my top choices.")))
    assert "rank_language" in rules(run(letter("You are my top choice.")))


def test_offer_accept_may_mention_withdrawal_and_commitment() -> None:
    text = letter("I accept, and I will withdraw from the NRMP Match before the deadline. "
                  "I am committed to joining your program.")
    assert not {"withdrawal", "promise"} & rules(run(text, type_=T.OFFER_ACCEPT))


def test_questions_about_withdrawal_are_not_agreement() -> None:
    text = letter("Would accepting require me to withdraw from the NRMP Match?")
    assert "withdrawal" not in rules(run(text, type_=T.OFFER_CLARIFY))


def test_quoted_text_is_not_linted() -> None:
    text = letter("Thank you for your note.") + (
        "\nOn Mon, Jan 4, 2027 at 9:00 AM Dr. Castellano-Reyes wrote:\n"
        "> Are we your #1? If you rank us first, we will rank you to match.\n")
    assert not rules(run(text, type_=T.RANK_INQUIRY_REPLY))
    inline = letter("Thank you for asking.\n> Where do you stand on us? Are we your #1?\n")
    assert not rules(run(inline, type_=T.RANK_INQUIRY_REPLY))


def test_subject_line_is_linted() -> None:
    text = "Subject: You are my #1 program!\n\n" + letter("I enjoyed the day.")
    hits = [f for f in run(text) if f.rule == "rank_language"]
    assert hits and hits[0].span is not None
    assert text[hits[0].span.start:hits[0].span.end] == hits[0].span.text


def test_header_block_parsing() -> None:
    doc = parse_doc("To: a@b.org\nSubject: Hello there\n\nBody text.")
    assert doc.subject is not None and doc.subject.text == "Hello there"
    assert doc.text[doc.body_start:].startswith("Body text")
    assert parse_doc("Dear Dr. X,\n\nBody").subject is None


@pytest.mark.parametrize(("type_", "words", "severity"), [
    (T.THANK_YOU, 180, None), (T.THANK_YOU, 260, "warning"), (T.THANK_YOU, 420, "blocking"),
    (T.RANK_INQUIRY_REPLY, 60, None), (T.RANK_INQUIRY_REPLY, 160, "warning"),
    (T.UPDATE_LETTER, 390, None), (T.LETTER_OF_INTEREST, 330, "warning"),
    (None, 390, None),
])
def test_length(type_: T | None, words: int, severity: str | None) -> None:
    text = letter(" ".join(["word"] * (words - 30)))
    found = [f for f in run(text, type_=type_) if f.rule == "length"]
    assert (found[0].severity if found else None) == severity


def test_attachments_warn_and_block_pre_interview() -> None:
    text = letter("I enjoyed the day.")
    found = run(text, attachments=("cv.pdf",))
    assert [f.severity for f in found if f.rule == "attachment"] == ["warning"]
    found = run(text, type_=T.PRE_INTERVIEW_INTEREST, attachments=("cv.pdf",))
    assert [f.severity for f in found if f.rule == "attachment"] == ["blocking"]


def test_signature_rules() -> None:
    assert "signature" not in rules(run(letter("I enjoyed the day.")))
    unsigned = letter("I enjoyed the day.").replace(SIGNATURE, "")
    assert "signature" in rules(run(unsigned), blocking_only=True)
    no_ids = letter("I enjoyed the day.").replace("AAMC ID: 15928374\n", "")
    found = [f for f in run(no_ids) if f.rule == "signature"]
    assert found and not any(f.blocking for f in found) and "AAMC" in found[0].reason
    spaced = letter("x.").replace("AAMC ID: 15928374", "AAMC ID 1592 8374")
    assert "signature" not in rules(run(spaced))


@pytest.mark.parametrize(("line", "severity"), [
    ("Dear Dr. Castellano-Reyes,", None),
    ("Dear Dr Castellano-Reyes,", None),
    ("Dear Vivian Castellano-Reyes,", "blocking"),
    ("Hi Vivian,", "blocking"),
    ("Dear Ms. Castellano-Reyes,", "blocking"),
    ("Dear Dr. Vivian,", "warning"),
    ("To whom it may concern,", "warning"),
    ("Dear Program Director,", "warning"),
])
def test_salutation(line: str, severity: str | None) -> None:
    found = [f for f in run(letter("I enjoyed the day.", line)) if f.rule == "salutation"]
    assert (found[0].severity if found else None) == severity


def test_coordinator_salutation_by_first_name_is_fine() -> None:
    found = run(letter("I enjoyed the day.", "Dear Trevor,"), type_=T.INVITE_REPLY)
    assert "salutation" not in rules(found)


def test_visa_claims_consistent_with_profile_pass() -> None:
    citizen = dict(PROFILE, citizenship="us_citizen", visa="")
    text = letter("As a US citizen, I do not require visa sponsorship.")
    assert "visa_tense" not in rules(run(text, profile=citizen))
    assert "visa_tense" in rules(run(text), blocking_only=True)
    current = letter("As of November 18, 2026, I am ECFMG certified.")
    assert "visa_tense" not in rules(run(current))


def test_findings_carry_reason_fix_and_offsets() -> None:
    text = letter("You are my #1 choice.")
    for f in run(text):
        assert f.reason and f.fix
        if f.span is not None and f.span.end > f.span.start:
            assert text[f.span.start:f.span.end] == f.span.text
        assert f.as_dict()["rule"] == f.rule
