"""Red flags found by their frame (an ask + a rank/commit/withdraw topic + "you")."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mailsync.classify.frames import frame_matches
from mailsync.taxonomy import Flag

R, C, W = Flag.RANK_INQUIRY, Flag.COMMITMENT_REQUEST, Flag.WITHDRAWAL_REQUEST

FLAGGED = [
    (R, "Out of curiosity, how do we stack up against the other places you've seen?"),
    (R, "Would you mind telling us whether we made your top three?"),
    (R, "Our chief resident wanted to know which other programs you interviewed with."),
    (R, "Did you happen to send us a preference signal this cycle?"),
    (R, "We'd love to hear where we fall on your list."),
    (R, "Can you share if you are applying anywhere else in Ohio?"),
    (C, "Can you give us your word that you'll rank us first?"),
    (C, "If you are willing to commit to us now, we can hold the position."),
    (C, "Would you be ready to make us your number one before Friday?"),
    (W, "The offer requires that you withdraw your registration from the NRMP Match."),
    (W, "We ask that you cancel your remaining interviews once you accept."),
    (W, "Please sign and return the contract before Match Day so we can finalize onboarding."),
]

CLEAN = [
    "We will rank you highly, and we hope you feel the same about us.",
    "You are ranked to match here; congratulations on a great interview.",
    "We never ask where else you are interviewing; that is your business.",
    "Please do not tell us how you plan to rank programs.",
    "Which date is your first choice of date for the interview?",
    "As we start preparing our rank list, do you still wish to be considered?",
    "Another applicant has withdrawn, so a slot opened on January 9 for you.",
    "Accepting this position does not require you to withdraw from the Match.",
    "NRMP rules do not allow programs to ask how you will rank them.",
    "> Are we your top choice? (quoted from an earlier message)",
    "The rank list certification deadline is March 3 at 9 pm Eastern.",
    "Please note that our program does not participate in the NRMP Match.",
    "You may be interviewing at other programs; please let us know if you need to reschedule.",
    "If you have accepted a position elsewhere, please let us know so we can free the slot.",
]


@pytest.mark.parametrize(("flag", "sentence"), FLAGGED, ids=[s[:40] for _, s in FLAGGED])
def test_frame_flags(flag: Flag, sentence: str) -> None:
    assert flag in {f for f, _ in frame_matches(sentence)}


@pytest.mark.parametrize("sentence", CLEAN, ids=[s[:40] for s in CLEAN])
def test_look_alikes_carry_no_frame(sentence: str) -> None:
    assert frame_matches(sentence) == []


_WORDS = st.sampled_from(
    ["you", "your", "rank", "ranked", "frank", "#1", "a#1", "top", "three", "first", "choice",
     "where", "else", "other", "programs", "commit", "commitment", "promise", "compromise",
     "withdraw", "from", "the", "Match", "NRMP", "sign", "contract", "before", "let", "us",
     "know", "please", "would", "love", "to", "hear", "we", "our", "list", "?", ".", ",",
     "if", "willing", "interviews", "cancel", "signal", "Rank", "Where", "You", "kindly",
     "applicants", "who", "are", "committed", "to", "us", "Those", "ranking", "Harrowgate"])


@settings(max_examples=400, deadline=None)
@given(words=st.lists(_WORDS, max_size=25))
def test_fast_frames_equal_the_plain_patterns(words: list[str]) -> None:
    """frame_matches reads lower case with boundary-checked fast patterns; the result must
    equal the case-insensitive patterns of FRAMES read directly."""
    from mailsync.classify import frames

    sentence = " ".join(words)
    direct = bool(frames._YOU.search(sentence))
    group = not direct and bool(frames._ASK_THAT_ALL.search(sentence)
                                or frames._WHO.search(sentence))
    plain = [] if frames._QUOTED.match(sentence) or not (direct or group) \
        else frames._frame_matches_plain(sentence, direct, group)
    assert frame_matches(sentence) == plain


def _gate_holds(sentence: str) -> list[str]:
    """The flags frame_matches finds in ``sentence`` whose gate literal it lacks."""
    from mailsync.classify import frames

    low = sentence.lower()
    return [flag.value for flag, _ in frame_matches(sentence)
            if not any(lit in low for lit in frames.GATES[flag])]


@settings(max_examples=400, deadline=None)
@given(words=st.lists(_WORDS, max_size=25))
def test_frame_gates_are_necessary_on_generated_sentences(words: list[str]) -> None:
    """Every sentence a frame matches holds one of that frame's gate literals (the gate
    may only skip sentences no frame could match)."""
    assert _gate_holds(" ".join(words)) == []


def test_frame_gates_are_necessary_on_the_corpora() -> None:
    from mailsync.classify import message_view
    from mailsync.classify.text import sentences
    from mailsync.corpus import load_records
    from mailsync.evaluate import parse_corpus

    data = Path(__file__).resolve().parents[1] / "data"
    missed, read = [], 0
    for name in ("heldout", "heldout3", "heldout5", "heldout6", "heldout8", "heldout9", "heldout12",
                 "heldout13", "heldout14", "heldout15", "heldout17", "heldout18", "heldout19"):
        for m in parse_corpus(load_records(data / name / "messages.jsonl")):
            view, _ = message_view(m)
            for text in (view.body, view.attachments):
                for a, b in sentences(text):
                    read += 1
                    if _gate_holds(text[a:b]):
                        missed.append(text[a:b][:120])
    assert read > 5000
    assert missed == []
