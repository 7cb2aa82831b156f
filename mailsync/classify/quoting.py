"""Find the part of a message its sender actually wrote this time.

Replies carry the applicant's own earlier words below the new text ("On … wrote:",
Outlook "From:/Sent:" blocks, "-----Original Message-----", lines starting with
``>``). Cues must not fire on those: a quoted letter of intent is the applicant
speaking, not the program. Forwards are the opposite case: the forwarded block
*is* the content (a coordinator forwarding a PD's note, the applicant's old
address auto-forwarding an invitation), so its body is kept, and the address in
its ``From:`` line is returned for the linker.

Signatures after ``-- `` and legal boilerplate (confidentiality notices) are cut
because they say nothing about the message and are full of trigger words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_ATTRIBUTION = re.compile(r"^\s*>?\s*On\b.{4,240}?\bwrote:", re.I)
_ORIGINAL = re.compile(r"^\s*-{2,}\s*Original Message\s*-{2,}\s*$", re.I)
_FORWARD = re.compile(
    r"^\s*(-{2,}\s*Forwarded message\s*-{2,}|Begin forwarded message:?|-{2,}\s*Forwarded by .*)"
    r"\s*$",
    re.I,
)
_RULE = re.compile(r"^\s*_{8,}\s*$")
_HEADER_FIELD = re.compile(r"^\s*\*{0,2}(From|Sent|Date|To|Cc|Subject)\s*:\*{0,2}\s*(.*)$", re.I)
_SIG_DELIM = re.compile(r"^--\s*$")
#: A text-message or voicemail relay's own header ("From: (312) 555-0191 (Marco …)"): the
#: message it carries follows, new, not quoted history.
_PHONE_SENDER = re.compile(r"^\s*\*{0,2}From\s*:\*{0,2}\s*\+?1?[\s.-]*\(?\d{3}\)?[\s.-]*\d{3}"
                           r"[\s.-]*\d{4}\b", re.I)
#: A messaging platform's notice of a message it carries ("You have a new message in
#: Rotunda." then "From: Becca Tran, …" / "Subject: …"): what follows is the message, new.
_RELAY_LEAD = re.compile(r"\b(?:you (?:have|received|got) (?:a |\d+ )?new (?:text |secure |"
                         r"direct )?messages?|sent you a (?:new |secure |direct )?message)\b",
                         re.I)
_BOILERPLATE = re.compile(
    r"^\s*(CONFIDENTIALITY NOTICE|This (e-?mail|message)( and any attachments)? (is|may contain|"
    r"is intended)|This message was automatically forwarded)",
    re.I,
)
_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_ON_LINE = re.compile(r"^\s*>?\s*On\b", re.I)
_SENT_FROM = re.compile(r"^\s*Sent from my \w+")
#: Anything that could start quoted or forwarded material (a cheap pre-check).
_QUOTE_HINTS = (">", "wrote:", "original message", "orwarded", "from:", "____")
_TAIL_HINTS = ("--", "confidential", "this e", "this message", "sent from my")


def _may_quote(text: str) -> bool:
    low = text.lower()
    return any(h in low for h in _QUOTE_HINTS)
_FWD_SUBJECT = re.compile(r"^\s*(fwd?|fw)\s*:", re.I)


@dataclass(frozen=True, slots=True)
class Parts:
    """The text a cue may read, split by who wrote it."""

    new: str  # what the sender wrote now (signature and boilerplate removed)
    forwarded: str = ""  # body of a forwarded message, when this is a forward
    forwarded_from: str = ""  # address in the forwarded block's From: line
    forwarded_to: str = ""  # first address in the forwarded block's To: line
    quoted: str = ""  # earlier messages quoted below (never read by cues)

    @property
    def readable(self) -> str:
        """New text plus forwarded content: everything the sender is saying now."""
        return f"{self.new}\n\n{self.forwarded}".strip() if self.forwarded else self.new


@lru_cache(maxsize=32)  # classify and link split the same message one after the other
def split_message(text: str, subject: str = "") -> Parts:
    """Split ``text`` into new, forwarded and quoted parts (see the module docstring)."""
    if not _may_quote(text):  # most mail quotes nothing: skip the line scan
        return Parts(new=_strip_tail(text.replace("\r\n", "\n").split("\n")))
    lines = text.replace("\r\n", "\n").split("\n")
    start = _first_break(lines)
    if start is None:
        return Parts(new=_strip_tail(lines))
    new_lines, rest = lines[:start], lines[start:]
    if _is_forward(rest, subject, new_lines):
        body, sender, to = _forwarded_body(rest)
        return Parts(new=_strip_tail(new_lines), forwarded=body, forwarded_from=sender,
                     forwarded_to=to, quoted="\n".join(rest))
    return Parts(new=_strip_tail(new_lines), quoted="\n".join(rest))


def _first_break(lines: list[str]) -> int | None:
    """Index of the first line that starts quoted or forwarded material."""
    for i, line in enumerate(lines):
        if line.lstrip().startswith(">") and _quote_run(lines, i):
            return i
        if _ORIGINAL.match(line) or _FORWARD.match(line):
            return i
        if _RULE.match(line) and _header_block_follows(lines, i + 1):
            return i
        if _HEADER_FIELD.match(line) and line.lstrip().lower().startswith(("from:", "*from:")) \
                and _header_block_follows(lines, i) and not _PHONE_SENDER.match(line) \
                and not _RELAY_LEAD.search(" ".join(lines[max(0, i - 4):i])):
            return i
        if _attribution_at(lines, i):
            return i
    return None


def _quote_run(lines: list[str], i: int) -> bool:
    """A '>' line counts as quoting only when the next non-blank line is quoted too
    or it is the last line (a lone '> 5 stars' in a body is not a quote)."""
    for nxt in lines[i + 1:i + 3]:
        if nxt.strip():
            return nxt.lstrip().startswith(">")
    return True


def _attribution_at(lines: list[str], i: int) -> bool:
    """'On <date>, <name> wrote:' (possibly wrapped over up to three lines)."""
    if not _ON_LINE.match(lines[i]):
        return False
    joined = " ".join(x.strip() for x in lines[i:i + 3])
    return bool(_ATTRIBUTION.match(joined))


def _header_block_follows(lines: list[str], i: int) -> bool:
    """True when a From: line starts a block with Sent:/Date:/To:/Subject: after it."""
    fields = set()
    for line in lines[i:i + 7]:
        m = _HEADER_FIELD.match(line)
        if m:
            fields.add(m.group(1).lower())
        elif line.strip():
            break
    return "from" in fields and bool(fields & {"sent", "date", "subject", "to"})


def _is_forward(rest: list[str], subject: str, new_lines: list[str]) -> bool:
    if any(_FORWARD.match(line) for line in rest[:2]):  # line by line: the marker is one
        return True
    if _FWD_SUBJECT.match(subject or ""):
        return True
    lead = " ".join(new_lines).lower()
    return bool(re.search(r"\bforward(ing|ed)?\b", lead)) and not _ORIGINAL.match(rest[0])


def _forwarded_body(rest: list[str]) -> tuple[str, str, str]:
    """The forwarded message's body (header block skipped), its From: and To: addresses."""
    i, sender, to = 0, "", ""
    while i < len(rest) and (not rest[i].strip() or _FORWARD.match(rest[i])
                             or _RULE.match(rest[i]) or _ORIGINAL.match(rest[i])):
        i += 1
    i = _header_start(rest, i)
    while i < len(rest) and _HEADER_FIELD.match(rest[i]):
        m = _HEADER_FIELD.match(rest[i])
        if m and m.group(1).lower() == "from":
            found = _EMAIL.search(m.group(2))
            sender = found.group(0).lower() if found else ""
        elif m and m.group(1).lower() == "to" and not to:
            found = _EMAIL.search(m.group(2))
            to = found.group(0).lower() if found else ""
        i += 1
    body = rest[i:]
    nested = _first_break(body)
    if nested is not None:
        body = body[:nested]
    return _strip_tail(body), sender, to


def _header_start(lines: list[str], i: int) -> int:
    """Where the forwarded header block starts: at ``i``, or after a short note a
    forwarding system put first ("[Auto-forwarded by … student mail.]"); ``i`` when no
    block follows within a few lines."""
    for j in range(i, min(i + _NOTE_LINES, len(lines))):
        if _HEADER_FIELD.match(lines[j]):
            return j if _header_block_follows(lines, j) else i
    return i


#: Lines of a forwarding note that may stand before the forwarded header block.
_NOTE_LINES = 4


def _strip_tail(lines: list[str]) -> str:
    """Drop the signature after '-- ', legal boilerplate, and 'Sent from my …' lines."""
    joined = "\n".join(lines)
    low = joined.lower()
    if not any(h in low for h in _TAIL_HINTS):
        return joined.strip()
    out: list[str] = []
    for n, line in enumerate(lines):
        if _SIG_DELIM.match(line) or _BOILERPLATE.match(line):
            out.extend(_postscript(lines[n + 1:]) if _SIG_DELIM.match(line) else ())
            break
        if _SENT_FROM.match(line):
            continue
        out.append(line)
    return "\n".join(out).strip()


#: A postscript ("P.S.", "PS:", Spanish "P.D.", "N.B."): the sender's own words, which
#: writers put after their signature as often as before it.
_POSTSCRIPT = re.compile(r"^\s*(?:P\.\s?(?:P\.\s?)?S\b|P\.?P?S\s*[:.,-]|P\.\s?D\.|N\.\s?B\.)", re.I)


def _postscript(after_signature: list[str]) -> list[str]:
    """The postscript after a signature delimiter, up to any legal boilerplate."""
    for n, line in enumerate(after_signature):
        if _POSTSCRIPT.match(line):
            out = []
            for rest in after_signature[n:]:
                if _BOILERPLATE.match(rest) or _SIG_DELIM.match(rest):
                    break
                out.append(rest)
            return ["", *out]
    return []
