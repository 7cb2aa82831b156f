"""Whole drafts in several hands and styles: good ones pass, bad ones are caught."""

from __future__ import annotations

import pytest

from mailsync.lint import lint
from mailsync.taxonomy import OutgoingType as T
from tests.unit.test_lint import BY_ID, PROFILE, PROGRAMS

GOOD = [
    ("P25", T.THANK_YOU, """Subject: Thank you for the interview

Dear Dr. Castellano-Reyes,

Thank you so much for taking the time to speak with me during my interview on January 14.
I really enjoyed hearing about the resident-led case conferences and how your
neuroradiology faculty teach at the workstation. Our conversation about AI triage tools
for head CT stayed with me, and it confirmed my interest in academic radiology.

I came away with a clear sense of the supportive culture at Quillan Heights, and I remain
very interested in your program. I hope to have the chance to learn from your team.

Warm regards,
Nadia Elsayed, MBBCh
AAMC ID 15928374 | ECFMG ID 0-884-215-6
"""),
    ("P09", T.LETTER_OF_INTEREST, """Dear Dr. Fairbanks,

I hope this message finds you well. Having now completed most of my interviews, I wanted to
share that the Coral Ridge Pediatric Residency Program remains one of my top choices, and I
plan to rank it highly.

Your continuity clinic model, the community asthma project and the way your residents spoke
about their families all matched what I am looking for. My research on childhood anemia in
Alexandria fits well with your global health track.

Thank you for your consideration.

Best,
Nadia Karim Elsayed, MBBCh
AAMC ID: 15928374
ECFMG ID: 0-884-215-6
"""),
    ("P04", T.LETTER_OF_INTENT, """Dear Dr. Asante-Boateng,

After completing all of my interviews and reflecting carefully, I am writing to let you know
that Saint Adelaide Emergency Medicine Residency is my first choice. I will be ranking your
program number one on my rank order list.

The high-acuity training at your level I trauma center, your ultrasound curriculum and the
residents' evident camaraderie are exactly what I want in my training. Whatever the outcome,
thank you for the opportunity to interview.

Sincerely,
Nadia Elsayed, MBBCh
AAMC ID 15928374
ECFMG ID 0-884-215-6
"""),
    ("P16", T.RANK_INQUIRY_REPLY, """Dear Dr. Reinholt,

Thank you for your kind note. Per NRMP guidelines I'd prefer to keep my rank list private,
but I'm genuinely very interested in Tallgrass and I'm taking part fully in the Match.

Best regards,
Nadia Elsayed
AAMC ID 15928374, ECFMG ID 0-884-215-6
"""),
    ("P16", T.OFFER_CLARIFY, """Dear Dr. Reinholt,

Thank you for the offer. Before I respond, could you confirm in writing whether this position
is part of the NRMP Main Match, whether the program sponsors J-1 visas, and whether accepting
would require me to withdraw from the Match? I would also appreciate a copy of the contract.

Kind regards,
Nadia Karim Elsayed, MBBCh
AAMC ID: 15928374 · ECFMG ID: 0-884-215-6
"""),
    ("P30", T.INVITE_REPLY, """Hello Dr. Thorsby,

Thank you for the invitation! I'd be glad to interview on Tuesday, December 8. My first choice
would be that morning session if it is still open.

Best,
Nadia Elsayed
AAMC ID 15928374 / ECFMG 0-884-215-6
"""),
    ("P28", T.VISA_UPDATE, """Dear Dr. Glanville,

I am writing to let you know that I became ECFMG certified on November 18, 2026. I will need
J-1 sponsorship through ECFMG, and I expect to request my Statement of Need in January.

Thank you,
Nadia Elsayed, MBBCh
AAMC ID 15928374
ECFMG ID 0-884-215-6
"""),
    ("P01", T.UPDATE_LETTER, """Dear Dr. Sandoval-Kerr,

I wanted to share a brief update since my interview with the Brennan-Whitcomb Diagnostic
Radiology Residency: my manuscript on pediatric head CT utilization was accepted in the
Journal of Emergency Imaging on January 9, 2027. Patient safety is my top priority, and this
project taught me a great deal about it.

I remain very interested in your program. Thank you for your time.

Sincerely,
Nadia Elsayed, MBBCh
AAMC ID: 15928374
ECFMG ID: 0-884-215-6
"""),
]


@pytest.mark.parametrize(("pid", "type_", "text"), GOOD, ids=[g[1].value for g in GOOD])
def test_good_drafts_have_no_blocking_findings(pid: str, type_: T, text: str) -> None:
    found = lint(text, type=type_, program=BY_ID[pid], programs=PROGRAMS, profile=PROFILE)
    assert not [f for f in found if f.blocking], found


BAD = [
    ("P25", T.THANK_YOU, {"rank_language", "other_program"}, """Dear Dr. Castellano-Reyes,

Thank you for the interview. Coral Ridge is wonderful, but Quillan Heights is my #1 and I
look forward to matching there.

Sincerely,
Nadia Elsayed
AAMC ID 15928374, ECFMG ID 0-884-215-6
"""),
    ("P16", T.LETTER_OF_INTEREST, {"standing_inquiry", "reciprocity", "pleading"},
     """Dear Dr. Reinholt,

Tallgrass is truly my only hope this season. I would be so grateful if you could let me know
where I stand on your list. If you can rank me to match, I will gladly rank Tallgrass first.

Best,
Nadia Elsayed
AAMC ID 15928374, ECFMG ID 0-884-215-6
"""),
    ("P04", T.RANK_INQUIRY_REPLY, {"promise", "withdrawal"}, """Dear Dr. Asante-Boateng,

Yes, I promise I will rank you first, and I am willing to withdraw from the Match if you
offer me a contract.

Best,
Nadia Elsayed
AAMC ID 15928374, ECFMG ID 0-884-215-6
"""),
    ("P09", T.PRE_INTERVIEW_INTEREST, {"placeholder", "salutation", "attachment", "signature"},
     """Dear Yolanda,

I am very interested in [Program Name] and would love an interview. Please find attached my CV.

Thanks
"""),
    ("P28", T.UPDATE_LETTER, {"visa_tense", "flattery", "criticism"}, """Dear Dr. Glanville,

I am now a permanent resident (my green card interview is next month), so I no longer need
sponsorship. Your program is the best pediatrics program in the nation, unlike other programs
I have seen.

Sincerely,
Nadia Elsayed
AAMC ID 15928374, ECFMG ID 0-884-215-6
"""),
]


@pytest.mark.parametrize(("pid", "type_", "expected", "text"), BAD,
                         ids=[b[1].value for b in BAD])
def test_bad_drafts_are_caught(pid: str, type_: T, expected: set[str], text: str) -> None:
    found = lint(text, type=type_, program=BY_ID[pid], programs=PROGRAMS, profile=PROFILE)
    assert expected <= {f.rule for f in found}, found
    assert any(f.blocking for f in found)
