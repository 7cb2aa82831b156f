"""Compliance lint for outgoing mail: pure text in, findings with reasons out.

Every rule comes from spec/policy.md: the playbook's Use/Avoid columns (b),
the red flags to block or warn in outgoing drafts (d), R4 (no asking where one
stands, no bargaining), R10 (state *current* visa status) and the "Dr.
Lastname" / AAMC and ECFMG ID conventions. Rule ids are stable::

    placeholder  other_program  rank_language  standing_inquiry  reciprocity
    promise  withdrawal  pleading  criticism  flattery  length  attachment
    signature  salutation  visa_tense

Patterns are deliberately phrase-level and skip quoted text (``>`` lines and
anything under "On ... wrote:"), questions where a question is the fine form
(asking whether a position is in the Match), and negated statements ("I can't
commit before the Match").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from mailsync.programs import Program
from mailsync.taxonomy import OutgoingType as T

Severity = Literal["blocking", "warning"]
BLOCKING: Severity = "blocking"
WARNING: Severity = "warning"

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


@dataclass(frozen=True, slots=True)
class Span:
    """Where a finding is: character offsets into the linted text, and the text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """One lint hit: stable rule id, severity, span, why, and how to fix it."""

    rule: str
    severity: Severity
    span: Span | None
    reason: str
    fix: str

    @property
    def blocking(self) -> bool:
        return self.severity == BLOCKING

    @property
    def code(self) -> str:
        return self.rule

    def as_dict(self) -> dict[str, object]:
        span = self.span
        return {
            "rule": self.rule, "severity": self.severity, "reason": self.reason, "fix": self.fix,
            "span": None if span is None else {"start": span.start, "end": span.end,
                                               "text": span.text},
        }


# ---------------------------------------------------------------- text model

_HEADER_NAMES = r"(?:subject|to|from|cc|bcc|date|reply-to|in-reply-to|references|message-id|" \
                r"mime-version|content-type|content-transfer-encoding)"
_QUOTE_START = re.compile(
    r"^(?:On .{4,200}wrote:\s*$|-{2,}\s*Original Message\s*-{2,}|From: .+\n(?:Sent|Date): )",
    re.M | re.I)
_CLOSING = re.compile(
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


def parse_doc(text: str) -> Doc:
    """Find the header block (if the text starts with one), quotes and the closing."""
    subject, body_start = _headers(text)
    qm = _QUOTE_START.search(text, body_start)
    body_end = qm.start() if qm else len(text)
    quoted = tuple((m.start(), m.end()) for m in re.finditer(r"^[ \t]*>.*$", text, re.M)
                   if m.start() >= body_start)
    closings = [m for m in _CLOSING.finditer(text, body_start, body_end)
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


# ---------------------------------------------------------------- pattern rules


@dataclass(frozen=True, slots=True, kw_only=True)
class PatternRule:
    """A regular expression and the conditions under which it is a finding."""

    rule: str
    pattern: re.Pattern[str]
    reason: str
    fix: str
    severity: Severity = BLOCKING
    allowed_in: frozenset[T] = frozenset()
    skip_negated: bool = False
    skip_questions: bool = False
    needs_context: re.Pattern[str] | None = None  # must also occur in the sentence
    unless_context: re.Pattern[str] | None = None  # must not occur in the sentence


def _p(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in parts), re.I)


_PROGRAMISH = r"programs?|residenc(?:y|ies)|interviews?|culture|environment|faculty|residents|" \
              r"director|coordinator|hospitals?|institutions?|department|staff|places?|team"

PATTERN_RULES: tuple[PatternRule, ...] = (
    PatternRule(
        rule="rank_language",
        pattern=_p(r"(?<![\w-])#\s?1(?![\d.])", r"\bnumber[- ]one\b", r"\bno\.\s?1\b",
                   r"\bnumber 1\b",
                   r"\b(?:first|1st|top)[- ](?:choice|pick|priority|option)s?\b",
                   r"\brank(?:ed|ing)?\s+(?:you|your\s+(?:program|residency)|the\s+program|it|"
                   r"[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,3})\s+(?:as\s+)?(?:my\s+)?"
                   r"(?:first|1st|highest|at\s+the\s+top)\b",
                   r"\btop of my (?:rank(?:ing)? )?(?:order )?list\b",
                   r"\bfirst on my (?:rank(?:ing)? )?(?:order )?list\b",
                   r"\b(?:above|ahead of|higher than) (?:yours|your program|all others|"
                   r"every other program|any other program)\b"),
        reason="#1 / first-choice language belongs only in the one letter of intent "
               "(policy.md (b))",
        fix="say \"one of my top choices\" or \"I plan to rank your program highly\" instead",
        allowed_in=frozenset({T.LETTER_OF_INTENT}),
        skip_negated=True,
    ),
    PatternRule(
        rule="standing_inquiry",
        pattern=_p(r"\bwhere (?:do |would |will )?I (?:currently |now )?stand\b",
                   r"\bhow (?:you|your (?:program|team|committee)|the (?:program|committee)) "
                   r"(?:will|would|plans? to|intends? to|are going to|might|may) rank me\b",
                   r"\b(?:where|how high(?:ly)?) (?:am I|I am|I'm|I will be|I'll be|I would be|"
                   r"will I be|would I be|I fall|I rank)\b(?=.{0,40}\b(?:rank|list)\w*)",
                   r"\b(?:am I|will I be|would I be) (?:being |going to be )?(?:ranked|on your "
                   r"(?:rank )?list|likely to match)\b",
                   r"\b(?:whether|if) I (?:am|will be|would be|'m|'ll be) (?:being |going to be"
                   r" )?(?:ranked|on your (?:rank )?list|likely to match)\b",
                   r"\b(?:my|the) (?:chances|likelihood|odds|prospects) (?:of|for) (?:matching|"
                   r"a match|being ranked|getting ranked|ranking)\b",
                   r"\bmy (?:position|standing|place|spot|ranking) on your (?:rank(?:ing)? )?"
                   r"(?:order )?list\b",
                   r"\b(?:will|would|do|does|are) (?:you|your program|the program|the committee)"
                   r" (?:plan to |intend to |going to |be )?rank(?:ing)? me\b",
                   r"\bhow (?:competitive|strong) (?:my application|I) (?:is|am) (?:for|at|"
                   r"with) (?:your|the) program\b",
                   r"\bwhy (?:I have not|I haven't|haven't I|have I not) (?:yet )?(?:been "
                   r"invited|received an (?:interview|invitation))\b"),
        reason="asking a program where you stand or how it will rank you (R4)",
        fix="remove the question; state your own interest instead",
    ),
    PatternRule(
        rule="reciprocity",
        pattern=_p(r"\bif (?:you|your (?:program|team|committee)|the (?:program|committee)) "
                   r"(?:can |could |would |will |were to |agree to |decide to |plan to )?"
                   r"(?:rank|ranks|ranked|guarantee|promise|assure|commit|match)\w*\b",
                   r"\bif I (?:am|'m|get|were|was|will be) (?:ranked|guaranteed|assured|"
                   r"promised)\b",
                   r"\bif I rank (?:you|your program|the program|it)\b",
                   r"\b(?:in return|in exchange|quid pro quo)\b",
                   r"\b(?:as long as|provided (?:that )?|on the condition that|only if) "
                   r"(?:you|your program|the program)\b",
                   r"\b(?:would|could|can) you (?:please )?(?:be willing to |consider )?"
                   r"rank(?:ing)? me\b",
                   r"\bmutual(?:ly)? (?:first|#1|top|ranking|commitment)\b",
                   r"\brank me (?:to match|first|#1|highly)\b.{0,40}\b(?:and|then) I\b"),
        reason="conditional rank talk or bargaining (R3, R4)",
        fix="drop the condition; rank by true preference and say nothing in exchange",
        skip_negated=True,
    ),
    PatternRule(
        rule="promise",
        pattern=_p(r"\bI (?:hereby |solemnly |can |will |do )?(?:promise|guarantee|swear|pledge|"
                   r"vow)\b",
                   r"\b(?:you have|I give you|I'll give you|take) my word\b",
                   r"\b(?:I am|I'm|I) (?:fully |completely |100% |firmly )?commit(?:ted|ting)?"
                   r" to (?:rank|ranking|matching|accept|accepting|sign|signing|join|joining|"
                   r"attend|attending|coming to|your program|the program|you)\b",
                   r"\bmy commitment to (?:rank|ranking|join|joining|your program|the program|"
                   r"you)\b",
                   r"\b(?:binding|firm|formal) commitment\b",
                   r"\bI (?:will|shall) (?:definitely |certainly |surely )?(?:accept|sign) "
                   r"(?:a|an|your|the|any) (?:offer|position|contract)\b"),
        reason="a promise or commitment the Match does not allow to be binding (R1, R3)",
        fix="express interest without promising; only the certified list decides",
        allowed_in=frozenset({T.OFFER_ACCEPT}),
        skip_negated=True,
    ),
    PatternRule(
        rule="withdrawal",
        pattern=_p(r"\bwithdraw(?:ing|n|al)?(?: of)? (?:my (?:application|name|registration) )?"
                   r"from (?:the )?(?:NRMP|(?:NRMP |main |residency )*match)\b",
                   r"\b(?:cancel|cancelling|canceling|decline|declining|withdraw from) (?:all )?"
                   r"(?:of )?(?:my )?(?:other|remaining|upcoming|future) interviews\b",
                   r"\bnot (?:to )?(?:interview|go on interviews?|attend (?:any )?other "
                   r"interviews) (?:elsewhere|anywhere else|with other programs|at other "
                   r"programs)\b",
                   r"\bstop interviewing\b",
                   r"\bsign(?:ing)? (?:a|the|your) contract before (?:the )?Match\b"),
        reason="agreeing to withdraw from the Match or stop interviewing (R5, R11; "
               "policy.md (d))",
        fix="ask whether the position is in the NRMP Match and say you plan to stay in it",
        allowed_in=frozenset({T.OFFER_ACCEPT}),
        skip_negated=True,
        skip_questions=True,
    ),
    PatternRule(
        rule="pleading",
        pattern=_p(r"\b(?:my|the|our) (?:only|last|final) (?:hope|chance|option|shot)\b",
                   r"\bonly hope\b", r"\bdesperat(?:e|ely|ion)\b", r"\bbeg(?:ging)?\b",
                   r"\bplease,? (?:please,? )?(?:just )?(?:give|grant) me (?:a|one|this|the|"
                   r"an) (?:chance|opportunity|shot)\b",
                   r"\bplease (?:don't|do not) (?:reject|forget|overlook|ignore|pass on) me\b",
                   r"\bI (?:really |truly |badly |desperately )?need (?:this|a|the) (?:position|"
                   r"spot|interview|chance|residency|match)\b",
                   r"\b(?:I will|I'll|I would|I'd) do (?:anything|whatever it takes)\b",
                   r"\bI have no other (?:option|choice|interviews?|offers?|programs?)\b",
                   r"\bmy (?:life|future|whole career|family) (?:depends|is depending|rests) on\b",
                   r"\bplease,? please\b", r"\bat your mercy\b"),
        reason="pleading or desperation (playbook Avoid column, policy.md (b), (d))",
        fix="state your interest and qualifications calmly",
    ),
    PatternRule(
        rule="criticism",
        pattern=_p(r"\b(?:malignant|toxic|disorganized|unprofessional|rude|terrible|awful|"
                   r"horrible|worst|incompetent|mediocre|second[- ]rate|inferior|sub-?par|"
                   r"hostile|cold|unwelcoming|boring|useless|pathetic)\b(?=(?:\s+[\w-]+){0,2}"
                   rf"\s+(?:{_PROGRAMISH})\b)",
                   r"\b(?:other|another|previous|many|some|most|the other) (?:programs?|places|"
                   r"institutions|interviews)\b(?=.{0,80}\b(?:malignant|toxic|disorganized|"
                   r"unprofessional|rude|terrible|awful|horrible|worst|mediocre|inferior|"
                   r"hostile|cold|unwelcoming|boring|less (?:supportive|organized|welcoming|"
                   r"friendly))\b)"),
        reason="criticizing programs (policy.md (d))",
        fix="speak only to what draws you to this program",
    ),
    PatternRule(
        rule="criticism",
        pattern=_p(r"\bunlike (?:other|many|most|some|the other|so many) (?:programs|places|"
                   r"institutions|residencies|hospitals)\b",
                   r"\b(?:better|more \w+|(?!rather\b|other\b)\w+(?:ier|er)) than "
                   r"(?:other|the other|any "
                   r"other|many other|most other|all (?:the )?other) (?:programs|places)\b",
                   r"\bcompared (?:to|with) (?:other|my other|the other|all the other) "
                   r"(?:programs|interviews)\b"),
        reason="comparing programs unfavourably (policy.md (d))",
        fix="describe this program on its own merits",
        severity=WARNING,
    ),
    PatternRule(
        rule="flattery",
        pattern=_p(r"\b(?:the )?(?:best|greatest|finest|top|most prestigious|most amazing|most "
                   r"incredible|number one) (?:[\w-]+ ){0,3}(?:program|residency|hospital|"
                   r"institution|department|place)s? (?:in|of) (?:the )?(?:country|nation|world|"
                   r"US|U\.S\.|United States|America|universe|history|planet)\b",
                   r"\bthe (?:best|greatest|finest) (?:[\w-]+ ){0,2}(?:program|residency|hospital"
                   r")s? (?:I(?:'ve| have)? ever|there is|anywhere|in existence)\b",
                   r"\b(?:world[- ]class|world[- ]renowned|unparalleled|unrivall?ed|unmatched|"
                   r"second to none|beyond compare|without equal|peerless|legendary|"
                   r"nothing short of|the pinnacle of|perfect program|dream program)\b"),
        reason="superlative flattery reads as insincere (policy.md (b) Avoid; design.md lint)",
        fix="name one specific, true feature of the program instead",
        severity=WARNING,
    ),
    PatternRule(
        rule="attachment",
        pattern=_p(r"\b(?:please find|I have|I've|I am|I'm|I) (?:also )?attach(?:ed|ing)?\b",
                   r"\battached (?:is|are|please find|you will find|herewith)\b",
                   r"\b(?:see|find) (?:the )?attached\b", r"\battachments?\b",
                   r"\benclosed (?:is|are|please find)\b"),
        reason="attachments are not wanted in pre-Match mail (policy.md (b) Avoid)",
        fix="put the news in the text; programs get documents through ERAS",
        severity=WARNING,
    ),
)


def _pattern_findings(doc: Doc, type_: T | None) -> Iterator[Finding]:
    for rule in PATTERN_RULES:
        if type_ is not None and type_ in rule.allowed_in:
            continue
        for start, end in doc.scanned():
            for m in rule.pattern.finditer(doc.text, start, end):
                if _skip(rule, doc.text, m):
                    continue
                yield _finding(rule, m, type_)


def _skip(rule: PatternRule, text: str, m: re.Match[str]) -> bool:
    if rule.skip_negated and negated(text, m.start()):
        return True
    if rule.skip_questions and is_question(text, m.start()):
        return True
    if rule.rule == "rank_language":
        return _rank_exempt(text, m)
    return False


_TOP_ALLOWED = re.compile(r"\b(?:one of|among|amongst|in) (?:my|the) (?:very )?$", re.I)
_DATE_WORDS = re.compile(r"\b(?:date|dates|slot|session|time|day|morning|afternoon|january|"
                         r"february|march|april|may|june|july|august|september|october|"
                         r"november|december|monday|tuesday|wednesday|thursday|friday|"
                         r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b", re.I)
_RANK_WORDS = re.compile(r"\b(?:program|rank|list|residency|match|training)\b", re.I)


def _rank_exempt(text: str, m: re.Match[str]) -> bool:
    """"one of my top choices" is fine; "my first choice of date" is not rank talk."""
    phrase = m.group(0).lower()
    if "top" in phrase and _TOP_ALLOWED.search(text[max(0, m.start() - 20):m.start()]):
        return True
    s, e = sentence_bounds(text, m.start())
    sentence = text[s:e]
    if "choice" in phrase and _DATE_WORDS.search(sentence) and not _RANK_WORDS.search(sentence):
        return True
    if re.search(r"priority|option|pick|number|no\.", phrase):
        # "patient safety is my top priority", "my number one goal": not about ranking.
        return not re.search(r"\b(?:program|rank\w*|list|choice|residency)\b", sentence, re.I)
    return False


def _finding(rule: PatternRule, m: re.Match[str], type_: T | None) -> Finding:
    severity = rule.severity
    if rule.rule == "rank_language" and type_ is None:
        severity = WARNING  # may be the letter of intent; the caller did not say
    if rule.rule == "attachment" and type_ is T.PRE_INTERVIEW_INTEREST:
        severity = BLOCKING
    return Finding(rule=rule.rule, severity=severity, span=Span(m.start(), m.end(), m.group(0)),
                   reason=rule.reason, fix=rule.fix)


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


def _placeholders(doc: Doc) -> Iterator[Finding]:
    """Unfilled template fields (design.md, lint)."""
    for start, end in doc.scanned():
        for m in _PLACEHOLDER.finditer(doc.text, start, end):
            yield Finding(rule="placeholder", severity=BLOCKING,
                          span=Span(m.start(), m.end(), m.group(0)),
                          reason="an unfilled placeholder would be sent as is",
                          fix="fill in the real value (or give it with --fact)")


# ---------------------------------------------------------------- other programs

_GENERIC = {"saint", "st", "university", "general", "memorial", "mount", "children's",
            "childrens", "regional", "community", "medical", "center", "centre", "hospital",
            "health", "system", "the", "of", "and", "college", "school", "clinic", "valley",
            "city", "county", "state", "north", "south", "east", "west", "new", "baptist",
            "methodist", "mercy", "university's", "institute", "hospitals", "healthcare"}
_SPECIALTY_WORDS = {"internal", "medicine", "emergency", "pediatric", "pediatrics",
                    "radiology", "diagnostic", "interventional", "surgery", "general", "family",
                    "psychiatry", "neurology", "anesthesiology", "transitional", "year",
                    "obstetrics", "gynecology", "residency", "program", "integrated"}


def _norm(text: str) -> str:
    text = text.lower().replace("’", "'").replace("saint ", "st ").replace("st. ", "st ")
    return re.sub(r"[^\w' ]+", " ", text).strip()


def _brand(program: Program) -> str:
    """Leading words shared by the program's name and its institution ("Coral Ridge")."""
    name, inst = program.name.split(), program.institution.split()
    shared = []
    for a, b in zip(name, inst, strict=False):
        if a.lower() != b.lower():
            break
        shared.append(a)
    if not shared:
        shared = [w for w in name if w.lower() not in _SPECIALTY_WORDS][:2]
        shared = shared if len(shared) == 2 else []
    return " ".join(shared)


def _acronym(institution: str) -> str:
    words = [w for w in re.split(r"[\s-]+", institution)
             if w and w.lower() not in {"of", "the", "and", "for", "at"}]
    return "".join(w[0] for w in words if w[0].isalpha()).upper()


def _phrases(program: Program) -> list[tuple[str, bool]]:
    """(phrase, case_sensitive) that name a program: full name, institution, brand, acronym."""
    out = [(program.name, False), (program.institution, False)]
    brand = _brand(program)
    words = [w for w in _norm(brand).split() if w]
    if words and any(w not in _GENERIC for w in words) and len(brand) >= 4:
        out.append((brand, False))
    acro = _acronym(program.institution)
    if len(acro) >= 3:
        out.append((acro, True))
    return [(p, cs) for p, cs in out if p.strip()]


def _phrase_regex(phrase: str, case_sensitive: bool) -> re.Pattern[str]:
    words = [re.escape(w) for w in re.split(r"\s+", phrase.strip())]
    body = r"\s+".join(words).replace("Saint", "(?:Saint|St\\.?)").replace("'", "['’]")
    return re.compile(rf"(?<![\w-]){body}(?![\w-])", 0 if case_sensitive else re.I)


def _other_programs(doc: Doc, program: Program | None, programs: Sequence[Program],
                    profile: Mapping[str, str]) -> Iterator[Finding]:
    """Another program's name pasted in (design.md lint; shared institutions allowed)."""
    if program is None:
        return
    own = _norm(" ".join((program.name, program.institution, program.city,
                          profile.get("school", ""))))
    own_acro = _acronym(program.institution)
    seen: list[tuple[int, int]] = []
    for other in sorted(programs, key=lambda p: -len(p.name)):
        if other.program_id == program.program_id:
            continue
        same_inst = _norm(other.institution) == _norm(program.institution)
        for phrase, cs in sorted(_phrases(other), key=lambda x: -len(x[0])):
            if (cs and phrase == own_acro) or (not cs and _norm(phrase) in own):
                continue
            for start, end in doc.scanned():
                for m in _phrase_regex(phrase, cs).finditer(doc.text, start, end):
                    if any(s < m.end() and m.start() < e for s, e in seen):
                        continue
                    seen.append((m.start(), m.end()))
                    mild = same_inst or _experience(doc.text, m.start())
                    yield _other_finding(other, m, mild)


_EXPERIENCE = re.compile(r"\b(?:rotation|rotations|observership|externship|clerkship|elective|"
                         r"sub-?internship|research|worked|work|trained|training|volunteered|"
                         r"shadowed|SLOE|letter)\b[^.\n]{0,40}\b(?:at|with|from|in)\s+(?:the\s+)?$",
                         re.I)


def _experience(text: str, start: int) -> bool:
    """"my rotation at X" names a place of experience, not a pasted letter."""
    return bool(_EXPERIENCE.search(text[max(0, start - 80):start]))


def _other_finding(other: Program, m: re.Match[str], mild: bool) -> Finding:
    return Finding(
        rule="other_program", severity=WARNING if mild else BLOCKING,
        span=Span(m.start(), m.end(), m.group(0)),
        reason=f"names another program ({other.name}, {other.program_id})"
               + (" (same institution or a place you trained: check it)" if mild else "")
               + ": a pasted letter or talk of other programs (R2)",
        fix="remove it, or check the draft is addressed to the right program")


# ---------------------------------------------------------------- structure rules


def _body_words(doc: Doc) -> int:
    count = 0
    for start, end in doc.scanned():
        if doc.subject is not None and start == doc.subject.start:
            continue
        end = min(end, doc.signature_start) if start < doc.signature_start else start
        count += len(re.findall(r"[\w'’-]+", doc.text[start:end]))
    return count


def _length(doc: Doc, type_: T | None) -> Iterator[Finding]:
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


def _attachments(attachments: Sequence[str], type_: T | None) -> Iterator[Finding]:
    for name in attachments:
        yield Finding(rule="attachment",
                      severity=BLOCKING if type_ is T.PRE_INTERVIEW_INTEREST else WARNING,
                      span=Span(0, 0, name),
                      reason=f"attachment {name!r}: programs get documents through ERAS "
                             "(policy.md (b) Avoid)",
                      fix="remove the attachment; mention the news in the text")


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def _signature(doc: Doc, profile: Mapping[str, str]) -> Iterator[Finding]:
    """Sign with your name and the AAMC and ECFMG IDs the profile has (002, 003 seeds)."""
    body = doc.text[doc.body_start:doc.body_end]
    tail = "\n".join([ln for ln in body.splitlines() if ln.strip()][-8:])
    names = [w for w in re.split(r"[\s,]+", profile.get("name", "")) if len(w) >= 3]
    signed = any(re.search(rf"\b{re.escape(w)}\b", tail, re.I) for w in names) if names \
        else bool(_CLOSING.search(tail))
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


_SALUTE = re.compile(r"^[ \t]*((?:dear|hi|hello|hey|good (?:morning|afternoon|evening)|greetings|"
                     r"to whom)\b[^\n]*)$", re.I | re.M)
_GENERIC_SALUTE = re.compile(r"to whom it may concern|dear (?:sir|madam|sir or madam|sir/madam|"
                             r"program director|selection committee|committee|all|team|"
                             r"colleagues?)\b|^(?:hi|hello|hey)\s*[,!]?\s*$", re.I)


def _salutation(doc: Doc, program: Program | None, type_: T | None) -> Iterator[Finding]:
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


# ---------------------------------------------------------------- visa tense

_STATUS_CLAIM = _p(
    r"\bI(?: am|'m) (?:now |currently |already |officially )?(?:an? )?(?:U\.?S\.? citizen|"
    r"(?:lawful )?permanent resident|green[- ]card holder|ECFMG[- ]certified|certified by "
    r"(?:the )?ECFMG|(?:fully )?(?:eligible|authori[sz]ed) to work|on an? (?:H-?1B|J-?1|O-1)"
    r"|(?:an? )?(?:H-?1B|J-?1|EAD) holder)",
    r"\bI (?:have|hold|now have|now hold|currently hold|already have|have received|have "
    r"obtained|received|obtained) (?:my |an? |the )?(?:green card|permanent residen\w+|"
    r"U\.?S\.? citizenship|H-?1B(?: visa)?|J-?1(?: visa)?|EAD|work authori[sz]ation|ECFMG "
    r"certification|ECFMG certificate|DS-2019)\b",
    r"\bI (?:do not|don't|no longer|will not|won't) (?:need|require) (?:any )?(?:visa )?"
    r"sponsorship\b",
    r"\bmy (?:(?:J-?1|H-?1B|O-1) )?(?:green card|visa|H-?1B|J-?1|ECFMG certification|"
    r"certification|citizenship|EAD) "
    r"(?:is|has been) (?:approved|granted|issued|complete|completed|finali[sz]ed|done)\b",
)
_FUTURE = _p(r"\b(?:expected|expect|expecting|anticipated|anticipate|pending|should be|"
             r"soon|upcoming|awaiting|projected|hopefully|in process|being processed|"
             r"later this|in the coming|next (?:week|month|year)|by the time|"
             r"by (?:the )?(?:start|spring|summer|July|June|May|April|March|February|"
             r"January|December|November|October)|before (?:the )?(?:start|July|June))\b")
_CITIZEN = re.compile(r"citizen|permanent|green|(?:do not|don't|no longer|will not|won't) "
                      r"(?:need|require)|authori[sz]ed to work|eligible to work", re.I)


def _visa_tense(doc: Doc, profile: Mapping[str, str]) -> Iterator[Finding]:
    """R10: state current visa/citizenship status, never an expected one as current."""
    needs_visa = profile.get("citizenship", "").strip() == "needs_visa"
    pr = profile.get("citizenship", "").strip() == "permanent_resident"
    for start, end in doc.scanned():
        for m in _STATUS_CLAIM.finditer(doc.text, start, end):
            s, e = sentence_bounds(doc.text, m.start())
            near = doc.text[max(s, m.start() - 30):min(e, m.end() + 40)]
            claim = m.group(0)
            contradicts = (needs_visa and _CITIZEN.search(claim)) or (
                pr and re.search(r"citizen", claim, re.I))
            if _FUTURE.search(near) or contradicts:
                why = ("states as current a status your profile does not have"
                       if contradicts else "states an expected status as current")
                yield Finding(rule="visa_tense", severity=BLOCKING,
                              span=Span(m.start(), m.end(), claim),
                              reason=f"{why} (R10: give accurate, current status)",
                              fix="say what is true today, and what you expect, with its date")


# ---------------------------------------------------------------- entry point


def lint(
    text: str,
    *,
    type: T | None,
    program: Program | None,
    programs: Sequence[Program],
    profile: Mapping[str, str],
    attachments: Sequence[str] = (),
) -> list[Finding]:
    """All findings for one outgoing message, in text order (span-less ones last).

    ``text`` is a plain body, or a message with a header block (a ``Subject:``
    line, optionally other headers) and a blank line before the body.
    """
    doc = parse_doc(text)
    checks: list[Callable[[], Iterator[Finding]]] = [
        lambda: _placeholders(doc),
        lambda: _other_programs(doc, program, programs, profile),
        lambda: _pattern_findings(doc, type),
        lambda: _visa_tense(doc, profile),
        lambda: _salutation(doc, program, type),
        lambda: _signature(doc, profile),
        lambda: _length(doc, type),
        lambda: _attachments(attachments, type),
    ]
    findings = _dedupe([f for check in checks for f in check()])
    return sorted(findings, key=lambda f: (f.span is None, f.span.start if f.span else 0))


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per rule and span (overlapping patterns of one rule count once)."""
    out: list[Finding] = []
    for f in findings:
        if f.span is not None and any(
            g.rule == f.rule and g.span is not None and g.span.start < f.span.end
            and f.span.start < g.span.end for g in out
        ):
            continue
        out.append(f)
    return out


def has_blocking(findings: Sequence[Finding]) -> bool:
    return any(f.blocking for f in findings)
