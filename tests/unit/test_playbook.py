"""Playbook: every template × specialty renders, passes its own lint, and asks for facts."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from mailsync.lint import lint
from mailsync.playbook import (
    OFFER_CHECKLIST,
    SPECIALTY_GROUPS,
    Draft,
    MissingFacts,
    ReplyContext,
    choose_type,
    last_name,
    parse_header,
    render_draft,
    required_facts,
    specialty_group,
)
from mailsync.programs import Program
from mailsync.taxonomy import Flag, Kind
from mailsync.taxonomy import OutgoingType as T
from tests.unit.test_lint import BY_ID, PROFILE, PROGRAMS

FACTS = {
    "program_tie": "I completed a four-week observership with your faculty in July 2026",
    "highlight": "I passed USMLE Step 2 CK with a score of 251 and have two publications",
    "em_rotation": "my emergency medicine elective in Alexandria in August 2026",
    "chosen_date": "January 12, 2027",
    "current_date": "January 12, 2027",
    "reason": "I have my USMLE Step 3 exam that day",
    "alternative_dates": "January 19 or January 26",
    "interviewer_name": "Dr. Hannah Brooks",
    "interviewer_email": "hbrooks@example.org",
    "discussion_topic": "your resident-led quality improvement curriculum",
    "interview_date": "January 12, 2027",
    "update_news": "on January 20, 2027, I passed USMLE Step 3 with a score of 238",
    "program_feature": "your strong mentorship and the resident-run clinic",
    "fit_reason": "my research in point-of-care ultrasound fits your curriculum",
    "new_status": "I am ECFMG certified",
    "status_date": "November 18, 2026",
    "response_date": "February 5, 2027",
    "position": "PGY-1 categorical position starting July 1, 2027",
}

SPECIALTY_PROGRAMS = {
    "general": Program(program_id="G1", name="Wexford Plains Family Medicine Residency",
                       institution="Wexford Plains Hospital", specialty="Family Medicine",
                       city="Dubuque", state="IA", pd_name="Dr. Joanna Brekke",
                       pd_email="jbrekke@wph.org", coordinator_name="Lee Park",
                       coordinator_email="lpark@wph.org", nrmp_participating=False),
    "internal_medicine": BY_ID["P16"],
    "emergency_medicine": BY_ID["P04"],
    "pediatrics": BY_ID["P09"],
    "radiology": BY_ID["P25"],
    "interventional": Program(program_id="IR1", name="Brennan-Whitcomb Integrated IR Residency",
                              institution="Brennan-Whitcomb University Hospital",
                              specialty="Interventional Radiology", pd_name="Dr. Tobias Lindqvist",
                              pd_email="tl@bwuh.org", coordinator_name="Janelle Okafor",
                              coordinator_email="jo@bwuh.org"),
}
PROFILES = {
    "needs_j1": PROFILE,
    "needs_h1b": dict(PROFILE, visa="H-1B"),
    "citizen": dict(PROFILE, citizenship="us_citizen", visa=""),
    "resident": dict(PROFILE, citizenship="permanent_resident", visa="", ecfmg_id=""),
}
ALL_PROGRAMS = [*PROGRAMS, SPECIALTY_PROGRAMS["general"], SPECIALTY_PROGRAMS["interventional"]]


@pytest.mark.parametrize("who", sorted(PROFILES))
@pytest.mark.parametrize("group", sorted(SPECIALTY_PROGRAMS))
@pytest.mark.parametrize("type_", list(T))
def test_every_template_renders_and_passes_its_own_lint(type_: T, group: str, who: str) -> None:
    program, profile = SPECIALTY_PROGRAMS[group], PROFILES[who]
    draft = render_draft(type_, profile=profile, program=program, facts=FACTS)
    assert isinstance(draft, Draft), draft
    assert draft.type is type_ and draft.program_id == program.program_id
    assert draft.subject and "{" not in draft.body and "[" not in draft.body
    assert draft.to.email
    found = lint(draft.text, type=type_, program=program, programs=ALL_PROGRAMS,
                 profile=profile)
    assert not [f for f in found if f.blocking], (found, draft.text)
    assert not [f for f in found if f.rule in {"length", "signature", "salutation"}], found


def test_every_specialty_group_is_covered() -> None:
    groups = {specialty_group(p.specialty) for p in SPECIALTY_PROGRAMS.values()}
    assert groups == set(SPECIALTY_GROUPS)


def test_thank_you_missing_facts_are_named_with_descriptions() -> None:
    facts = {k: v for k, v in FACTS.items() if k not in {"interviewer_name", "discussion_topic"}}
    result = render_draft(T.THANK_YOU, profile=PROFILE, program=BY_ID["P25"], facts=facts)
    assert isinstance(result, MissingFacts)
    keys = dict(result.missing)
    assert keys["interviewer_name"] == "interviewer name"
    assert keys["discussion_topic"] == "a specific topic you discussed"
    assert result.lines()[0].startswith("missing fact: ")


def test_missing_profile_and_program_facts() -> None:
    result = render_draft(T.LETTER_OF_INTEREST, profile={}, program=None, facts={})
    assert isinstance(result, MissingFacts)
    keys = {k for k, _ in result.missing}
    assert {"applicant_name", "program_name", "interview_date", "program_feature",
            "fit_reason", "pd_name"} <= keys


def test_specialty_specific_fact_is_required_only_there() -> None:
    em = [k for k, _ in required_facts(T.PRE_INTERVIEW_INTEREST, "Emergency Medicine")]
    im = [k for k, _ in required_facts(T.PRE_INTERVIEW_INTEREST, "Internal Medicine")]
    assert "em_rotation" in em and "em_rotation" not in im
    result = render_draft(T.PRE_INTERVIEW_INTEREST, profile=PROFILE, program=BY_ID["P04"],
                          facts={k: v for k, v in FACTS.items() if k != "em_rotation"})
    assert isinstance(result, MissingFacts)
    assert [k for k, _ in result.missing] == ["em_rotation"]


def test_user_fact_fills_gap_and_wins() -> None:
    result = render_draft(T.LETTER_OF_INTEREST, profile=PROFILE, program=None,
                          facts={**FACTS, "program_name": "Example Residency",
                                 "pd_name": "Dr. Ada Quinn", "to_email": "aq@example.org"})
    assert isinstance(result, Draft)
    assert result.body.startswith("Dear Dr. Quinn,")
    assert "Example Residency" in result.body and result.to.email == "aq@example.org"


def test_salutation_signature_and_recipients() -> None:
    draft = render_draft(T.LETTER_OF_INTENT, profile=PROFILE, program=BY_ID["P25"],
                         facts=FACTS)
    assert isinstance(draft, Draft)
    assert draft.body.startswith("Dear Dr. Castellano-Reyes,")
    assert "AAMC ID: 15928374" in draft.body and "ECFMG ID: 0-884-215-6" in draft.body
    assert draft.to.role == "pd" and draft.to.email == "vcastellano@qhumc.org"
    visa = render_draft(T.VISA_UPDATE, profile=PROFILE, program=BY_ID["P25"], facts=FACTS)
    assert isinstance(visa, Draft) and visa.to.role == "coordinator"
    pre = render_draft(T.PRE_INTERVIEW_INTEREST, profile=PROFILE, program=BY_ID["P25"],
                       facts=FACTS)
    assert isinstance(pre, Draft) and [c.role for c in pre.cc] == ["coordinator"]


def test_custom_signature_gets_ids_appended() -> None:
    profile = dict(PROFILE, signature="Nadia Elsayed, MBBCh\nAAMC ID 15928374")
    draft = render_draft(T.OFFER_DECLINE, profile=profile, program=BY_ID["P16"], facts={})
    assert isinstance(draft, Draft)
    assert draft.body.count("15928374") == 1 and "ECFMG ID: 0-884-215-6" in draft.body


def test_reply_context_sets_recipient_subject_and_date() -> None:
    reply = ReplyContext(subject="Interview invitation", sender_name="Brianna Koenig",
                         sender_email="bkoenig@stadelaide.org", message_id="<m1@x>",
                         interview_dates=("December 8, 2026",))
    facts = {k: v for k, v in FACTS.items() if k != "chosen_date"}
    draft = render_draft(T.INVITE_REPLY, profile=PROFILE, program=BY_ID["P04"], facts=facts,
                         reply_to=reply)
    assert isinstance(draft, Draft)
    assert draft.subject == "Re: Interview invitation" and draft.in_reply_to == "<m1@x>"
    assert draft.to.email == "bkoenig@stadelaide.org"
    assert draft.body.startswith("Dear Brianna Koenig,") and "December 8, 2026" in draft.body
    two = replace(reply, interview_dates=("Dec 8", "Dec 15"))
    missing = render_draft(T.INVITE_REPLY, profile=PROFILE, program=BY_ID["P04"], facts=facts,
                           reply_to=two)
    assert isinstance(missing, MissingFacts)
    assert "Dec 8, Dec 15" in dict(missing.missing)["chosen_date"]


def test_pd_sender_gets_doctor_salutation() -> None:
    reply = ReplyContext(subject="Re: interview", sender_name="Kwame Asante-Boateng",
                         sender_email="kasante@stadelaide.org",
                         flags=frozenset({Flag.RANK_INQUIRY, Flag.WITHDRAWAL_REQUEST}))
    draft = render_draft(T.RANK_INQUIRY_REPLY, profile=PROFILE, program=BY_ID["P04"],
                         facts={}, reply_to=reply)
    assert isinstance(draft, Draft)
    assert draft.body.startswith("Dear Dr. Asante-Boateng,")
    assert "stay in the Match" in draft.body and "keeping my list private" in draft.body


def test_offer_types_carry_the_checklist() -> None:
    draft = render_draft(T.OFFER_CLARIFY, profile=PROFILE, program=BY_ID["P16"], facts={})
    assert isinstance(draft, Draft) and draft.checklist == OFFER_CHECKLIST
    assert len(OFFER_CHECKLIST) == 9


@pytest.mark.parametrize(("kind", "flags", "text", "first"), [
    (Kind.INTERVIEW_INVITE, frozenset(), "", T.INVITE_REPLY),
    (Kind.INTERVIEW_INVITE, frozenset({Flag.RANK_INQUIRY}), "", T.RANK_INQUIRY_REPLY),
    (Kind.INTEREST_SIGNAL, frozenset(), "", T.INTEREST_REPLY),
    (Kind.INTEREST_SIGNAL, frozenset({Flag.COMMITMENT_REQUEST}), "", T.RANK_INQUIRY_REPLY),
    (Kind.PRE_MATCH_OFFER, frozenset({Flag.WITHDRAWAL_REQUEST}), "", T.OFFER_CLARIFY),
    (Kind.INFO_REQUEST, frozenset(), "Are you eligible for J-1 sponsorship?", T.VISA_UPDATE),
    (Kind.INFO_REQUEST, frozenset(), "Please send your Step 3 score.", T.UPDATE_LETTER),
    (Kind.INFO_REQUEST, frozenset(), "What is your level of interest?", T.INTEREST_REPLY),
    (Kind.INTERVIEW_LOGISTICS, frozenset(), "", T.RESCHEDULE_REQUEST),
])
def test_choose_type(kind: Kind, flags: frozenset[Flag], text: str, first: T) -> None:
    assert choose_type(kind, flags, text=text)[0] is first


def test_choose_type_offer_includes_time_request_and_nothing_for_rejections() -> None:
    assert T.OFFER_TIME_REQUEST in choose_type(Kind.PRE_MATCH_OFFER, frozenset())
    assert choose_type(Kind.REJECTION, frozenset()) == ()
    assert choose_type(Kind.OTHER, frozenset()) == ()


def test_template_dir_overrides_packaged_template(tmp_path: Path) -> None:
    (tmp_path / "offer_decline.j2").write_text(
        "{#-\nto: pd\nfacts:\n  reason_line: why you decline\n-#}\n"
        "Subject: Custom\n\n{{ salutation }},\n\n{{ reason_line | sentence }}\n")
    result = render_draft(T.OFFER_DECLINE, profile=PROFILE, program=BY_ID["P16"], facts={},
                          template_dir=tmp_path)
    assert isinstance(result, MissingFacts) and result.missing[0].key == "reason_line"
    draft = render_draft(T.OFFER_DECLINE, profile=PROFILE, program=BY_ID["P16"],
                         facts={"reason_line": "i am staying in the Match"},
                         template_dir=tmp_path)
    assert isinstance(draft, Draft) and draft.subject == "Custom"
    assert "I am staying in the Match." in draft.body


def test_undeclared_variable_becomes_missing_fact(tmp_path: Path) -> None:
    (tmp_path / "offer_decline.j2").write_text("Subject: x\n\n{{ mystery_fact }}\n")
    result = render_draft(T.OFFER_DECLINE, profile=PROFILE, program=BY_ID["P16"], facts={},
                          template_dir=tmp_path)
    assert isinstance(result, MissingFacts) and result.missing[0].key == "mystery_fact"


def test_parse_header_and_helpers() -> None:
    spec = parse_header("{#-\nto: pd, coordinator\nfacts:\n  a: the a\nfacts.pediatrics:\n"
                        "  b: the b\noptional:\n  c: the c\n-#}\nbody")
    assert spec.to == ("pd", "coordinator")
    assert [f.key for f in spec.required("pediatrics")] == ["a", "b"]
    assert [f.key for f in spec.required("general")] == ["a"]
    assert last_name("Dr. Jane Q. Doe, MD") == "Doe"
    assert specialty_group("Interventional Radiology") == "radiology"
