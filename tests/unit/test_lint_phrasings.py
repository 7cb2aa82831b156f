"""More phrasings per rule family, written apart from the lint's own tables.

Fine forms that must never block (negations, questions, quoted text, logistics,
praise that is not a superlative claim) and new wordings of each fault.
"""

from __future__ import annotations

import pytest

from mailsync.taxonomy import OutgoingType as T
from tests.unit.test_lint import letter, rules, run

# (type, sentence): no blocking finding of any rule.
FINE = [
    (T.THANK_YOU, "I always put patients first, and your residents clearly do too."),
    (T.THANK_YOU, "I ranked first in my class at Mariout Valley University."),
    (T.LETTER_OF_INTEREST, "Pediatric radiology has been my first choice of field since my "
                           "second year."),
    (T.UPDATE_LETTER, "My first-choice elective this spring was neuroradiology."),
    (T.LETTER_OF_INTEREST, "Your program is among my top choices."),
    (T.INTEREST_REPLY, "Thank you; I plan to rank your program highly."),
    (T.RANK_INQUIRY_REPLY, "I understand you cannot tell me where I stand, and I'm not asking."),
    (T.OFFER_CLARIFY, "Would I need to withdraw from the Match if I accept?"),
    (T.OFFER_CLARIFY, "Does accepting mean I have to cancel my remaining interviews?"),
    (T.OFFER_TIME_REQUEST, "I understand that accepting would require me to withdraw from the "
                           "Match, so I'd like a few days to decide."),
    (T.OFFER_DECLINE, "Leaving the Match is not something I am prepared to do."),
    (T.OFFER_DECLINE, "I'm not going to pull out of the Match."),
    (T.RANK_INQUIRY_REPLY, "I can't promise anything about my rank list before I certify it."),
    (T.INTEREST_REPLY, "I promise to keep this note short."),
    (T.RESCHEDULE_REQUEST, "I need the interview moved to December 11 because of my exam."),
    (T.RESCHEDULE_REQUEST, "My only option would be December 11, since my visa appointment is on "
                           "the 4th."),
    (T.RESCHEDULE_REQUEST, "I have no other option but to ask to reschedule."),
    (T.PRE_INTERVIEW_INTEREST, "Rural Minnesota desperately needs family physicians, and I want "
                               "to be one of them."),
    (T.THANK_YOU, "Your program offers one of the best training experiences in the country."),
    (T.VISA_UPDATE, "I am ECFMG certified and I expect my Step 3 result in February."),
    (T.VISA_UPDATE, "As of January 8, I am ECFMG certified; I will need J-1 sponsorship."),
    (T.LETTER_OF_INTEREST, "If I am ranked to match at your program, I would be honoured to "
                           "train there."),
    (T.RESCHEDULE_REQUEST, "I will not be able to attend the interview on December 8."),
    (T.THANK_YOU, "I really enjoyed the noon conference and the residents' teaching."),
    (T.INVITE_REPLY, "If you need anything else from me, please let me know."),
    (T.INVITE_REPLY, "Should you need any further documents, I am happy to send them."),
    (T.LETTER_OF_INTEREST, "If I am fortunate enough to match with you, I will work hard."),
]


@pytest.mark.parametrize(("type_", "sentence"), FINE, ids=[s[:40] for _, s in FINE])
def test_fine_phrasings_do_not_block(type_: T, sentence: str) -> None:
    found = run(letter(sentence), type_=type_)
    assert not [f for f in found if f.blocking], found


# (rule, type, sentence): the rule must fire as blocking for this type.
BLOCKS = [
    ("reciprocity", T.LETTER_OF_INTEREST, "I will place you exactly as high as you rank me."),
    ("reciprocity", T.THANK_YOU, "Let's keep our ranking mutual and both come out happy."),
    ("withdrawal", T.LETTER_OF_INTEREST, "I will not attend any further interviews this season."),
    ("withdrawal", T.INTEREST_REPLY, "I am no longer interviewing with other programs."),
    ("pleading", T.PRE_INTERVIEW_INTEREST, "My parents are counting on me to get this spot."),
    ("pleading", T.UPDATE_LETTER, "I really, really need this residency position."),
    ("rank_language", T.THANK_YOU, "I'll be placing Quillan Heights first when I certify."),
    ("rank_language", T.INTEREST_REPLY, "I'd put you at the very top of my list."),
    ("rank_language", T.LETTER_OF_INTEREST, "It will be my highest-ranked program."),
    ("rank_language", T.UPDATE_LETTER, "I will rank you number one."),
    ("standing_inquiry", T.UPDATE_LETTER, "Do you think I am on track to match with you?"),
    ("standing_inquiry", T.LETTER_OF_INTEREST, "Am I ranked high enough to match?"),
    ("standing_inquiry", T.LETTER_OF_INTEREST,
     "I don't want to be pushy, but where do I stand?"),
    ("reciprocity", T.INTEREST_REPLY, "Were you to rank me to match, I would put you first."),
    ("reciprocity", T.LETTER_OF_INTEREST, "Once you rank me highly, I will do the same."),
    ("reciprocity", T.RANK_INQUIRY_REPLY, "In the event that your program ranks me to match, "
                                          "you will be first."),
    ("promise", T.INTEREST_REPLY, "Rest assured that your program will be first on my list."),
    ("promise", T.RANK_INQUIRY_REPLY, "I assure you I will join if I match."),
    ("promise", T.LETTER_OF_INTEREST, "You can count on me to rank you at the top."),
    ("withdrawal", T.OFFER_TIME_REQUEST, "I'd be willing to drop out of the Match for this "
                                         "position."),
    ("withdrawal", T.RANK_INQUIRY_REPLY, "I am ready to leave the NRMP Match if needed."),
    ("withdrawal", T.OFFER_CLARIFY, "Accepting would mean withdrawing from the Match, and I "
                                    "will do so right away."),
    ("pleading", T.PRE_INTERVIEW_INTEREST, "I am desperately hoping for an interview."),
    ("pleading", T.LETTER_OF_INTEREST, "This is my last chance to match before my visa expires "
                                       "in March."),
    ("visa_tense", T.VISA_UPDATE, "I am ECFMG certified, pending my OET result."),
    ("visa_tense", T.VISA_UPDATE, "I have received my DS-2019; it should arrive next month."),
]


@pytest.mark.parametrize(("rule", "type_", "sentence"), BLOCKS,
                         ids=[f"{r}-{s[:30]}" for r, _, s in BLOCKS])
def test_new_phrasings_block(rule: str, type_: T, sentence: str) -> None:
    found = run(letter(sentence), type_=type_)
    assert rule in rules(found, blocking_only=True), found




def test_superlatives_warn() -> None:
    for sentence in ("Your surgeons are the best in the world.",
                     "Honestly, your program is perfection."):
        found = [f for f in run(letter(sentence)) if f.rule == "flattery"]
        assert found and not any(f.blocking for f in found), sentence


@pytest.mark.parametrize(("line", "severity"), [
    ("Respected Dr. Castellano-Reyes,", None),
    ("Respected Sir,", "warning"),
    ("Respected Sir/Madam,", "warning"),
    ("Hello Vivian Castellano-Reyes,", "blocking"),
])
def test_more_salutations(line: str, severity: str | None) -> None:
    found = [f for f in run(letter("I enjoyed the day.", line)) if f.rule == "salutation"]
    assert (found[0].severity if found else None) == severity
