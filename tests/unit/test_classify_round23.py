"""Round 23: families generalized from more tuning corpora by other writers
(tests/data/heldout72, rank questions in every form and language, and heldout73,
positions before Match Day and the asks around them).

The rank question in the writer's first language (Spanish, French, Portuguese, Arabic);
a program's presumption of its place ("I'm going to assume Kettleridge is at or near the
very top of your list"). Look-alikes: a choice among the program's own options ("tell us
which of the two sites would be your first choice"), a platform's survey of the
applicant's experience ("how would you rank your overall experience"), and an offer of an
observership, which is no position (``other``), beside a paid research fellowship outside
the Match, which is a non-Match position (``pre_match_offer``). Every text here is
written for this test.
"""

from __future__ import annotations

import pytest

from mailsync.classify import classify
from mailsync.taxonomy import Flag, Kind

from .test_classify_helpers import msg, red_flags

R = Flag.RANK_INQUIRY
SENDER = "mbaptiste@corviewhealth.org"
SIG = "\n\nMarie Baptiste, MD\nProgram Director, Pediatrics\nCorview Health"


def _flags(body: str, subject: str = "Corview Pediatrics") -> tuple[set, list[str]]:
    return red_flags(body + SIG, subject=subject, sender=SENDER)


@pytest.mark.parametrize("body", [
    "Una pregunta sincera: ¿somos tu primera opción?",
    "Entre nos, ¿en qué lugar quedamos nosotros en tu lista?",
    "¿A qué otros programas de pediatría fuiste a entrevista este año?",
    "Pourriez-vous me dire où se situe Corview sur votre liste ?",
    "Sommes-nous parmi vos premiers choix ?",
    "Corview é a sua primeira opção?",
    "هل برنامجنا هو خيارك الأول؟",
    "Since you signaled us, I'm going to assume Corview is at or near the very top of your "
    "list. Correct me if I'm wrong!",
])
def test_round23_rank_questions(body: str) -> None:
    found, why = _flags(body)
    assert found == {R}, why


@pytest.mark.parametrize(("body", "subject"), [
    ("Our residents split clinic between two sites. When you reply, tell us which of the two "
     "would be your first choice, so we can pair you with an interviewer there.",
     "Interview invitation"),
    ("How would you rank your overall experience with our scheduling portal? Which feature "
     "would you rank as most useful?", "Your feedback"),
])
def test_round23_look_alikes_carry_no_rank_inquiry(body: str, subject: str) -> None:
    found, why = _flags(body, subject)
    assert R not in found, why


def test_an_observership_offer_is_no_position() -> None:
    c = classify(msg("We are pleased to offer you a position in our International "
                     "Observership Program, Department of Medicine, from November 3 to "
                     "January 30. To accept, please sign and return the acknowledgment by "
                     "October 20." + SIG, subject="Offer of observership position",
                     sender=SENDER))
    assert c.kind is Kind.OTHER and not c.flags
    assert c.reasons[0].cue == "other.not_residency" and "bservership" in c.reasons[0].span


def test_a_research_fellowship_offer_stays_an_offer() -> None:
    c = classify(msg("I am pleased to offer you a position as Research Fellow in our cardiology "
                     "group for July 2027, outside the NRMP. Please let me know whether you "
                     "accept by February 1." + SIG, subject="Research fellowship offer",
                     sender=SENDER))
    assert c.kind is Kind.PRE_MATCH_OFFER, c.reasons


def test_an_offer_that_mentions_an_earlier_observership_stays_an_offer() -> None:
    c = classify(msg("A faculty member who worked with you during your observership shared "
                     "your application, and we would like to offer you this off-cycle PGY-1 "
                     "position. Please let me know by December 1." + SIG,
                     subject="Off-cycle PGY-1 position", sender=SENDER))
    assert c.kind is Kind.PRE_MATCH_OFFER, c.reasons
