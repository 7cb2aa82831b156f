"""Properties: classify never raises, always one kind; pure (no I/O imports); the cue
prefilters never hide a match the full pattern would find."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mailsync.classify import classify
from mailsync.classify.cues import ALL_CUES
from mailsync.labels import Classification
from mailsync.taxonomy import Flag, Kind
from tests.support import CORPUS as SHARED_CORPUS

from .test_classify_helpers import msg

PACKAGE = Path(__file__).resolve().parents[2] / "mailsync"
CORPUS = SHARED_CORPUS / "messages.jsonl"
FORBIDDEN = {"sqlalchemy", "imapclient", "click", "rich", "aiosmtplib", "apscheduler",
             "keyring", "apprise", "socket", "requests", "httpx"}
WORDS = st.sampled_from(
    ['interview', 'invite', 'rank', '#1', 'first', 'choice', 'waitlist', 'regret', 'offer',
     'position', 'Match', 'NRMP', 'withdraw', 'sign', 'contract', 'by', 'Friday,', 'December',
     '18', 'within', '48', 'hours', 'please', 'reply', 'we', 'you', 'are', 'your', 'top', '3',
     'program', 'residency', '>', 'On', 'wrote:', 'From:', 'Sent:', '--', 'unsubscribe',
     'applicants', 'J-1', 'visa', '?', '.', '!', '\n'])


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(body=st.text(max_size=400), subject=st.text(max_size=80))
def test_never_raises_on_arbitrary_text(body: str, subject: str) -> None:
    result = classify(msg(body, subject=subject))
    assert isinstance(result, Classification) and isinstance(result.kind, Kind)
    assert 0.0 <= result.confidence <= 1.0


@settings(max_examples=300, deadline=None)
@given(words=st.lists(WORDS, max_size=60), sender=st.sampled_from(
    ["pd@ridgeway.org", "friend@gmail.com", "no-reply@thalamusgme.com", "x@nrmp.org"]))
def test_one_kind_and_no_flags_on_other(words: list[str], sender: str) -> None:
    result = classify(msg(" ".join(words), subject=" ".join(words[:6]), sender=sender))
    assert result.kind in set(Kind)
    assert all(isinstance(f, Flag) for f in result.flags)
    if result.kind is Kind.OTHER:
        assert result.flags == frozenset()


def test_classifier_modules_are_pure() -> None:
    """No I/O libraries, no clock, no sleeping in the classify package, link or evaluate."""
    files = [*sorted((PACKAGE / "classify").glob("*.py")), PACKAGE / "link.py"]
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) \
                    else [node.module or ""]
                assert not any(n.split(".")[0] in FORBIDDEN for n in names), (path, names)
            if isinstance(node, ast.Attribute) and node.attr in {"now", "sleep", "today",
                                                                   "utcnow"}:
                raise AssertionError(f"{path.name}: uses .{node.attr}")


def _texts() -> list[str]:
    texts = ["We will rank you highly.", "Are we your #1?", "If you rank us first we match.",
             "Please withdraw from the NRMP Match.", "you have been waitlisted"]
    if CORPUS.exists():
        for line in CORPUS.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            texts.append(r["subject"] + "\n" + r["body_text"])
            texts.extend(a["text"] for a in r["attachments"] if a["text"])
    return texts


@pytest.mark.parametrize("cue", ALL_CUES, ids=[c.name for c in ALL_CUES])
def test_prefilter_never_hides_a_match(cue) -> None:  # type: ignore[no-untyped-def]
    """Every text the full pattern matches passes the cue's prefilter (the keys are a
    necessary condition), and the fast pattern finds a match there too."""
    for text in _texts():
        low = text.lower()
        if cue.pattern.search(text):
            assert cue.may_match(low), (cue.name, cue.pattern.search(text).group(0))
            assert cue.fast.search(low), cue.name
            chunks = set(low.split())
            for clause in cue.clauses or ():
                assert any(p in c for p in clause for c in chunks), (cue.name, clause)


@settings(max_examples=200, deadline=None)
@given(keys=st.lists(st.text(alphabet="abcde %&'", max_size=6), min_size=1,
                     max_size=30),
       text=st.text(alphabet="abcde %&'x", max_size=200))
def test_key_finder_equals_substring_tests(keys: list[str], text: str) -> None:
    from mailsync.classify.engine import KeyFinder

    finder = KeyFinder(keys)
    assert finder.present(text) == {k for k in set(keys) if k in text}
    assert finder.present(text.upper()) == {k for k in set(keys) if k in text.upper()}


def test_frame_gate_reads_every_sentence_that_could_complete_a_frame() -> None:
    """engine._frame_candidates skips sentences without "you"/"please"/"kindly" or without a
    topic literal; the frames found must equal reading every sentence."""
    from mailsync.classify import engine, frames
    from mailsync.classify.cues import INSTITUTIONAL_CUES

    texts = [
        *_texts(),
        "Would you share where we fall on your list? Kindly let us know.",
        "Please withdraw from the NRMP Match and sign the contract before Match Day.",
        "Can we count on you to rank us first? We never ask where else you interviewed.",
    ]
    for text in texts:
        body = engine._Source(text, "body")
        engine._active(INSTITUTIONAL_CUES, body)
        spans = body.spans or ((0, len(text)),)
        gated = [(h.target, h.span) for h in engine._frame_hits(text, body.spans, [], body)]
        every: list[tuple[Flag, str]] = []
        for start, end in spans:
            for flag, _ in frames.frame_matches(text[start:end]):
                if flag not in {f for f, _ in every}:
                    every.append((flag, text[start:end].strip()))
        assert gated == every, text[:80]


def test_every_cue_has_a_prefilter() -> None:
    """A cue without prefilter literals runs on every message (a literal shorter than three
    characters in some alternative is enough to lose it): keep every cue keyed."""
    assert [c.name for c in ALL_CUES if c.prefilter is None] == []


_ALTERNATIONS = [
    re.compile(r"\b(?:rank(?:ing|ed)?|top (?:two|three)|#\s?1|where else|no\. ?1|"
               r"other (?:programs?|interviews?)|(?:near|at) the top)\b", re.I),
    # branches led by any word: found through the literal after it
    re.compile(r"\b(?:[a-z]+ ranks|top (?:two|three))\b", re.I),
    re.compile(r"\b(?:[A-Z][\w'-]+ (?:ranks|sits) (?:on|in) (?:the|a)|top (?:two|three)|"
               r"rank(?:ed|ing)? (?:ahead|above))\b", re.I),
    # a branch led by a class and no word: the compiled pattern searches instead
    re.compile(r"\b(?:[a-z]\d ranks|top (?:two|three))\b", re.I),
]


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="rankigedtopwhs#1. o-'_", max_size=120),
       which=st.integers(min_value=0, max_value=len(_ALTERNATIONS) - 1))
def test_word_alternation_finds_the_leftmost_match(text: str, which: int) -> None:
    from mailsync.classify.cues import WordAlternation

    rx = _ALTERNATIONS[which]
    got, want = WordAlternation(rx).search(text), rx.search(text)
    assert (got and got.span()) == (want and want.span())


def test_word_led_branches_are_found_through_their_literals() -> None:
    """A frame's "[A-Z][\\w'-]+ stands in your…" branch no longer forces a full scan."""
    from mailsync.classify.cues import WordAlternation

    assert WordAlternation(_ALTERNATIONS[2]).starts is not None
    assert WordAlternation(_ALTERNATIONS[3]).starts is None
    m = WordAlternation(_ALTERNATIONS[2]).search("so where o'brien-hall ranks on the list")
    assert m is not None and m.group(0) == "o'brien-hall ranks on the"


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(
    ["residency", "residents", "non", "match", "matches", "interview", "pgy-1", "pgy2", "eras",
     "era", "_", "-", " ", ".", "x", "program director", "rank list", "step 2 ck", "intern"]),
    max_size=25).map("".join))
def test_residency_terms_are_the_word_bounded_matches(text: str) -> None:
    from mailsync.classify.context import _RESIDENCY_TERMS, residency_terms

    assert residency_terms(text) == set(_RESIDENCY_TERMS.findall(text.lower()))
    assert residency_terms(text, most=2) <= residency_terms(text)
    assert len(residency_terms(text, most=2)) == min(2, len(residency_terms(text)))
