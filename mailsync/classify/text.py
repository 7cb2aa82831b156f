"""Text normalization shared by the cue matchers.

Mail arrives as plain text, as HTML rendered by html2text (which escapes Markdown
characters: ``\\-``, ``1\\.``) or with typographic quotes. Cues are written once
against one normalized form instead of once per rendering.
"""

from __future__ import annotations

import re
from functools import lru_cache

_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")
_QUOTES = (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'),
           ("\u00a0", " "), ("\u2011", "-"), ("\u2212", "-"))
# The dot of an abbreviation ("Dr. Lee" → "Dr Lee"), found from the dot (a literal the engine
# scans for in C) and confirmed by fixed-width look-behinds.
_ABBREV = re.compile(r"\.(?=\s)(?:" + "|".join(rf"(?<={a}\.)" for a in (
    "Dr", "St", "Mr", "Ms", "Mrs", "Prof", "Jr", "Sr", "Drs", "Mt", "Ft", "No", "Vol",
    "approx", "vs", "etc")) + ")")
_SPACES = re.compile(r"\t[ \t]*|  [ \t]*| \t[ \t]*")  # runs of blanks, tabs: literal-led
_EDGES = re.compile(r" \n|\n ")
#: A hard line wrap inside a sentence: a line not ending in punctuation, continued by a line
#: starting in lower case ("offer you one of our\ncategorical PGY-1 positions").
_WRAP = re.compile(r"\n(?<=[A-Za-z0-9,]\n)(?=[a-z])")
# Each branch starts with a literal character, so the engine scans in C between them. The
# first branch consumes the end punctuation (the split point is just after it).
_SENTENCE = re.compile(r"[.!?](?<![ap]\.m\.)(?<![AP]\.M\.)[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9#])"
    r"|\n\s*\n|\n(?=\s*[-•*\d]+[.)]?\s)")


#: British spelling, as many programs' and applicants' writers use it ("programme").
_PROGRAMME = re.compile(r"(?<=[Pp]rogram)me")
#: Text-message shorthand, as residents write from their phones ("if ur putting us first
#: just shoot me a msg"): "ur" before a verb in -ing or a state is "you're", else "your".
_CHAT = re.compile(r" (u|ur|r|pls|plz|msg|ppl)(?=[ ,.!?]|$)")  # led by a literal: fast scan
#: "r" is "are" only before its subject ("r u ranking us 1st?"): else an initial or a letter.
_R_ARE = re.compile(r" (?:u|you|we|they)\b")
_UR_ARE = re.compile(r"[a-z]+ing|interested|not|still|ready|sure|free|welcome|done|in|on|"
                     r"at|a|an|the|going|coming|gonna")
_CHAT_WORDS = {"u": "you", "pls": "please", "plz": "please", "msg": "message", "ppl": "people"}


def _chat(text: str) -> str:
    def spell(m: re.Match[str]) -> str:
        word = m.group(1)
        if word == "r":
            return " are" if _R_ARE.match(text, m.end()) else m.group(0)
        if word != "ur":
            return " " + _CHAT_WORDS[word]
        nxt = text[m.end() + 1:m.end() + 16].split(" ", 1)[0]
        return " you're" if _UR_ARE.fullmatch(nxt) else " your"
    return _CHAT.sub(spell, text)


@lru_cache(maxsize=64)  # the classifier and the linker normalize the same texts
def normalize(text: str) -> str:
    """One canonical spelling: no Markdown escapes, straight quotes, single spaces, US
    spelling of "program", and the few text-message words the cues would otherwise miss."""
    for fancy, plain in _QUOTES:
        if fancy in text:
            text = text.replace(fancy, plain)
    if "rogramme" in text:
        text = _PROGRAMME.sub("", text)
    if " u" in text or " pl" in text or " msg" in text or " ppl" in text or " r " in text:
        text = _chat(text)
    if "\\" in text:
        text = _MD_ESCAPE.sub(r"\1", text)
    text = _ABBREV.sub("", text) if "." in text else text
    if "  " in text or "\t" in text:
        text = _SPACES.sub(" ", text)
    while " \n" in text or "\n " in text:
        text = _EDGES.sub("\n", text)
    if "\n" in text:
        text = _WRAP.sub(" ", text)
    return text.strip()


@lru_cache(maxsize=64)
def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) offsets of sentences: split at end punctuation, blank lines, bullets."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE.finditer(text):
        cut = m.start() + (text[m.start()] != "\n")  # keep the end punctuation
        if cut > start:
            spans.append((start, cut))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return tuple(spans)


def sentence_at(text: str, spans: tuple[tuple[int, int], ...] | None, pos: int
                ) -> tuple[int, int]:
    """The sentence containing offset ``pos`` (the whole text when none does)."""
    for s, e in spans or ():
        if s <= pos < e:
            return s, e
    return 0, len(text)
