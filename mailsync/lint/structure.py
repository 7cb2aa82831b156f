"""Structure rules: the shape of a message rather than its phrases.

* ``placeholder``: an unfilled template field would be sent as is (design.md lint).
* ``length``: the playbook's Length column (policy.md (b)).
* ``attachment``: programs get documents through ERAS; attachments are in the
  playbook's Avoid column (policy.md (b)), and block a pre-interview note.
* ``signature``: end with your name and the AAMC and ECFMG IDs (002, 003 seeds).
* ``salutation``: "Dear Dr. Lastname" for the program director (001 seed).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

from mailsync.lint.document import CLOSING, Doc
from mailsync.lint.findings import BLOCKING, WARNING, Finding, Severity, Span
from mailsync.lint.patterns import PatternRule
from mailsync.lint.patterns import any_of as _p
from mailsync.programs import Program
from mailsync.taxonomy import OutgoingType as T

# Word limits from the playbook Length column (policy.md (b)); body words only,
# without the signature and quoted text. Over the limit warns; over twice blocks.
WORD_LIMITS: dict[T | None, int] = {
    T.PRE_INTERVIEW_INTEREST: 300,  # 1–3 short paragraphs
    T.INVITE_REPLY: 100,  # 2–4 lines
    T.RESCHEDULE_REQUEST: 150,  # short
    T.THANK_YOU: 200,  # 150–200 words
    T.UPDATE_LETTER: 400,  # ≤1 page, ~300–400 words
    T.LETTER_OF_INTEREST: 300,  # 200–300 words
    T.LETTER_OF_INTENT: 250,  # short
    T.VISA_UPDATE: 120,  # 3–5 lines
    T.INTEREST_REPLY: 150,  # short
    T.RANK_INQUIRY_REPLY: 120,  # 2–3 lines
    T.OFFER_CLARIFY: 300,  # short, with the (e) questions
    T.OFFER_TIME_REQUEST: 150,
    T.OFFER_DECLINE: 150,
    T.OFFER_ACCEPT: 180,
    None: 400,  # unknown type: one page
}

PD_TYPES = frozenset({T.PRE_INTERVIEW_INTEREST, T.UPDATE_LETTER, T.LETTER_OF_INTEREST,
                      T.LETTER_OF_INTENT})


# ---------------------------------------------------------------- placeholders

_PLACEHOLDER = re.compile(
    r"\[(?!\s*(?:\d+|sic|\.\.\.|…)\s*\])[^\]\n]{1,60}\]"
    r"|\{\{.*?\}\}|\{%.*?%\}|\{\s*[A-Za-z_][\w ]{0,30}\}"
    r"|<(?![^>\n]*[@/:])[A-Za-z][\w .'-]{1,40}>"
    r"|(?<![A-Za-z])(?:XX+|xxx+)(?![A-Za-z])|\b\d{2}XX\b"
    r"|\b(?:TBD|TBA|TODO|FIXME|TKTK)\b|_{3,}"
    r"|\b(?:Lastname|LastName|LAST ?NAME|First ?Name|FIRST ?NAME|Program Name|PROGRAM NAME|"
    r"Your Name|YOUR NAME|Hospital Name|Interviewer Name|Applicant Name|Dr\. X)\b"
    r"|(?i:\binsert (?:name|program|date|here|your)\b|\bplaceholder\b)")


def placeholders(doc: Doc) -> Iterator[Finding]:
    """Unfilled template fields (design.md, lint)."""
    for m in doc.finditer(_PLACEHOLDER):
        yield Finding(rule="placeholder", severity=BLOCKING, span=Span.of(m),
                      reason="an unfilled placeholder would be sent as is",
                      fix="fill in the real value (or give it with --fact)")


# ---------------------------------------------------------------- length


def _body_words(doc: Doc) -> int:
    count = 0
    for start, end in doc.scanned():
        if doc.subject is not None and start == doc.subject.start:
            continue
        end = min(end, doc.signature_start) if start < doc.signature_start else start
        count += len(re.findall(r"[\w'’-]+", doc.text[start:end]))
    return count


def length(doc: Doc, type_: T | None) -> Iterator[Finding]:
    """Length column of the playbook (policy.md (b))."""
    limit = WORD_LIMITS[type_]
    words = _body_words(doc)
    if words <= limit:
        return
    severity: Severity = BLOCKING if words > 2 * limit else WARNING
    name = type_.value if type_ else "a message"
    yield Finding(rule="length", severity=severity, span=None,
                  reason=f"{words} words; the playbook limit for {name} is about {limit}",
                  fix="cut to the one or two specifics that matter")


# ---------------------------------------------------------------- attachments

# Mentions of an attachment in the text ("please find attached").
ATTACHMENT_MENTION = PatternRule(
    rule="attachment",
    pattern=_p(r"\b(?:please find|I have|I've|I am|I'm|I) (?:also )?attach(?:ed|ing)?\b",
               r"\battached (?:is|are|please find|you will find|herewith)\b",
               r"\b(?:see|find) (?:the )?attached\b", r"\battachments?\b",
               r"\benclosed (?:is|are|please find)\b"),
    reason="attachments are not wanted in pre-Match mail (policy.md (b) Avoid)",
    fix="put the news in the text; programs get documents through ERAS",
    severity=WARNING,
    # A pre-interview note is the first contact: an attachment there blocks.
    blocking_in=frozenset({T.PRE_INTERVIEW_INTEREST}),
)


def attachment_files(names: Sequence[str], type_: T | None) -> Iterator[Finding]:
    """Files attached to the message."""
    severity = ATTACHMENT_MENTION.severity_for(type_)
    for name in names:
        yield Finding(rule="attachment", severity=severity, span=Span(0, 0, name),
                      reason=f"attachment {name!r}: programs get documents through ERAS "
                             "(policy.md (b) Avoid)",
                      fix="remove the attachment; mention the news in the text")


# ---------------------------------------------------------------- signature and salutation

def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def signature(doc: Doc, profile: Mapping[str, str]) -> Iterator[Finding]:
    """Sign with your name and the AAMC and ECFMG IDs the profile has (002, 003 seeds)."""
    body = doc.text[doc.body_start:doc.body_end]
    tail = "\n".join([ln for ln in body.splitlines() if ln.strip()][-8:])
    names = [w for w in re.split(r"[\s,]+", profile.get("name", "")) if len(w) >= 3]
    signed = any(re.search(rf"\b{re.escape(w)}\b", tail, re.I) for w in names) if names \
        else bool(CLOSING.search(tail))
    if not signed:
        yield Finding(rule="signature", severity=BLOCKING, span=None,
                      reason="no signature with your name at the end",
                      fix="end with a closing and your full name, degree and IDs")
    body_digits = _digits(body)
    for key, label in (("aamc_id", "AAMC ID"), ("ecfmg_id", "ECFMG ID")):
        value = _digits(profile.get(key, ""))
        if value and value not in body_digits:
            yield Finding(rule="signature", severity=WARNING, span=None,
                          reason=f"the signature lacks your {label} ({profile[key]})",
                          fix=f"add \"{label}: {profile[key]}\" under your name")


_SALUTE = re.compile(r"^[ \t]*((?:dear|dearest|respected|hi|hello|hey|good (?:morning|afternoon|"
                     r"evening)|greetings|"
                     r"to whom)\b[^\n]*)$", re.I | re.M)
_GENERIC_SALUTE = re.compile(r"to whom it may concern|(?:dear|respected|hello|hi) (?:sir|madam|"
                             r"sir or madam|sir/madam|ma'am|"
                             r"program director|selection committee|committee|all|team|"
                             r"colleagues?)\b|^(?:hi|hello|hey)\s*[,!]?\s*$", re.I)


def salutation(doc: Doc, program: Program | None, type_: T | None) -> Iterator[Finding]:
    """"Dear Dr. Lastname" for the PD (001 seed)."""
    first = re.search(r"\S[^\n]*", doc.text[doc.body_start:doc.body_end])
    line_m = _SALUTE.match(first.group(0)) if first else None
    if program is None or not program.pd_name or line_m is None:
        if line_m is None and type_ in PD_TYPES and program is not None and program.pd_name:
            yield _salute_finding(None, WARNING, "no salutation", program)
        return
    start = doc.body_start + first.start()  # type: ignore[union-attr]
    line = line_m.group(1)
    span = Span(start, start + len(line), line)
    last, first_name = program.pd_last_name, _pd_first(program)
    has_dr = re.search(r"\b(?:dr\.?|doctor)\s", line + " ", re.I) is not None
    names_pd = bool(last and re.search(rf"\b{re.escape(last)}\b", line, re.I))
    names_first = bool(first_name and re.search(rf"\b{re.escape(first_name)}\b", line, re.I))
    if (names_pd or (names_first and not names_pd)) and not has_dr:
        yield _salute_finding(span, BLOCKING, "addresses the program director without "
                                              "\"Dr.\"", program)
    elif has_dr and names_first and not names_pd:
        yield _salute_finding(span, WARNING, "\"Dr.\" goes with the family name", program)
    elif type_ in PD_TYPES and _GENERIC_SALUTE.search(line):
        yield _salute_finding(span, WARNING, "a generic salutation where the PD is known",
                              program)


def _pd_first(program: Program) -> str:
    words = [w for w in program.pd_name.replace(",", " ").split()
             if w.rstrip(".").lower() not in {"dr", "prof", "md", "do", "phd"}]
    return words[0] if len(words) >= 2 else ""


def _salute_finding(span: Span | None, severity: Severity, why: str, program: Program
                    ) -> Finding:
    return Finding(rule="salutation", severity=severity, span=span,
                   reason=f"{why} (policy.md (b): \"Dr. Lastname\")",
                   fix=f"Dear Dr. {program.pd_last_name},")
