"""The linted text as a document: subject, body, closing/signature and quoted parts.

Content rules read only what the applicant wrote: the subject and the body
without quoted text (``>`` lines and anything under "On ... wrote:"), so a
program's own wording in a quoted message is never held against the reply.
The sentence helpers let rules skip negated statements ("I can't commit
before the Match") and questions where a question is the fine form.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from mailsync.lint.findings import Span

_HEADER_NAMES = r"(?:subject|to|from|cc|bcc|date|reply-to|in-reply-to|references|message-id|" \
                r"mime-version|content-type|content-transfer-encoding)"
_QUOTE_START = re.compile(
    r"^(?:On .{4,200}wrote:\s*$|-{2,}\s*Original Message\s*-{2,}|From: .+\n(?:Sent|Date): )",
    re.M | re.I)
# A closing line ("Sincerely,", "Best regards"): where the signature starts.
CLOSING = re.compile(
    r"^\s*(?:sincerely|(?:best|kind|warm|warmest|with best)? ?regards|best wishes|best|"
    r"respectfully(?: yours)?|yours (?:sincerely|truly|faithfully)|thank you|thanks|"
    r"with (?:gratitude|appreciation|thanks)|gratefully|cordially|all the best)\s*,?\s*$",
    re.I | re.M)


@dataclass(frozen=True, slots=True, kw_only=True)
class Doc:
    """The linted text cut into subject, body, signature and quoted regions."""

    text: str
    subject: Span | None
    body_start: int
    body_end: int  # where quoted text starts
    signature_start: int  # where the closing starts (== body_end when none)
    quoted: tuple[tuple[int, int], ...]

    def scanned(self) -> Iterator[tuple[int, int]]:
        """Ranges content rules read: the subject, then the body without quotes."""
        if self.subject is not None:
            yield self.subject.start, self.subject.end
        pos = self.body_start
        for start, end in self.quoted:
            if start > pos:
                yield pos, min(start, self.body_end)
            pos = max(pos, end)
        if pos < self.body_end:
            yield pos, self.body_end

    def is_quoted(self, pos: int) -> bool:
        return pos >= self.body_end or any(s <= pos < e for s, e in self.quoted)

    def finditer(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """Matches of ``pattern`` in the scanned ranges, in text order."""
        for start, end in self.scanned():
            yield from pattern.finditer(self.text, start, end)


def parse_doc(text: str) -> Doc:
    """Find the header block (if the text starts with one), quotes and the closing."""
    subject, body_start = _headers(text)
    qm = _QUOTE_START.search(text, body_start)
    body_end = qm.start() if qm else len(text)
    quoted = tuple((m.start(), m.end()) for m in re.finditer(r"^[ \t]*>.*$", text, re.M)
                   if m.start() >= body_start)
    closings = [m for m in CLOSING.finditer(text, body_start, body_end)
                if not any(s <= m.start() < e for s, e in quoted)]
    sig = closings[-1].start() if closings else body_end
    return Doc(text=text, subject=subject, body_start=body_start, body_end=body_end,
               signature_start=sig, quoted=quoted)


def _headers(text: str) -> tuple[Span | None, int]:
    if not re.match(_HEADER_NAMES + r":", text, re.I):
        return None, 0
    end = re.search(r"\n[ \t]*\n", text)
    block_end = end.end() if end else len(text)
    m = re.search(r"^subject:[ \t]*(.*)$", text[:block_end], re.I | re.M)
    subject = Span(m.start(1), m.end(1), m.group(1)) if m else None
    return subject, block_end


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """The sentence around ``pos``: bounded by . ! ? (before a space) or a blank line."""
    start = max(text.rfind(". ", 0, pos), text.rfind("? ", 0, pos), text.rfind("! ", 0, pos),
                text.rfind("\n\n", 0, pos), text.rfind(".\n", 0, pos))
    start = 0 if start < 0 else start + 2
    ends = [i for i in (text.find(c, pos) for c in (". ", "? ", "! ", "\n\n", ".\n", "?\n"))
            if i >= 0]
    end = min(ends) + 1 if ends else len(text)
    return start, end


_NEGATION = re.compile(
    r"\b(?:not|never|no longer|cannot|unable|rather not|without|nor|neither|refrain|"
    r"decline to|keeping .{0,30}private|keep .{0,30}private)\b|n't\b", re.I)


def negated(text: str, start: int, window: int = 60) -> bool:
    """A negation shortly before ``start`` in the same sentence ("I can't commit")."""
    s, _ = sentence_bounds(text, start)
    before = text[max(s, start - window):start]
    before = re.sub(r"(?i)\b(?:can't|cannot|couldn't) wait\b", "", before)
    return bool(_NEGATION.search(before))


def is_question(text: str, start: int) -> bool:
    _, end = sentence_bounds(text, start)
    return text[end - 1:end] == "?" or text[end:end + 1] == "?"
