"""Matching cues against a message and turning the hits into a kind and flags.

The decision is deliberately simple to explain:

1. ``other`` gate: scams always, then (for senders that are not a national
   service, a platform or a known program) consumer mailboxes, commerce and
   subscription mail, and text with too little residency vocabulary.
2. Kind: every cue adds its weight to its kind; kinds reaching 1.0 are
   candidates and the taxonomy precedence picks among them. Mass mailings damp
   the personal kinds (interest, info request). With no candidate, the sender
   decides (service/platform → admin notice, mass mail → program update).
3. Flags: red-flag cues in the new text or in attachments; commitment-to-accept
   cues only on offers; ``response_deadline`` when a deadline sentence resolves
   to a date. ``other`` mail never gets flags.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter

import ahocorasick

from mailsync.classify.context import SenderContext
from mailsync.classify.cues import (
    ALL_CUES,
    Cue,
    WordAlternation,
    fast_regex,
    hypothetical,
    literal_prefixes,
    negated,
)
from mailsync.classify.frames import (
    ASKER_CLAUSE,
    OPTION_RANKING,
    OTHERS,
    applicants_question,
    frame_matches,
)
from mailsync.classify.text import sentence_at, sentences
from mailsync.labels import Reason
from mailsync.taxonomy import RED_FLAGS, Flag, Kind

THRESHOLD = 1.0
_REQUEST = fast_regex(
    r"\b(?:could|can|would|will) you\b|\bplease (?:let (?:us|me) know|confirm|reply|respond|send|"
    r"provide|complete|fill|return|tell|describe|forward|ask|upload|re-?authori[sz]e|submit|"
    r"answer|email|indicate)\b|\blet (?:us|me) know\b|"
    # "ERAS shows us everything we need": a statement, not a request
    r"(?<!everything )\b(?:we|I|they|office) (?:(?:need|needs|"
    r"require|requires)\b(?! to (?:say|add|mention|tell you|share with you|let you know|write|"
    r"remind you|inform you|apologi[sz]e))|would like to know\b|ask that you\b|ask all\b|ask "
    r"you to\b)|\b(?:do|are|have|"
    r"did|is|were|will) you\b[^.?!]*\?|\bkindly (?:send|confirm|provide|reply|let)\b|"
    r"\b(?:asked|asks) (?:me )?(?:to request|for (?:a|an|your)|that you)\b|"
    r"\brequest (?:a little )?more information\b|\bneeds? to confirm\b")
#: Literals one of which every request contains (the body's key pass finds them).
_REQUEST_KEYS: tuple[str, ...] | None = literal_prefixes(_REQUEST.pattern)
_TOPIC = fast_regex(
    r"\b(?:visas?|J-1|H-1B|citizenship|immigration|ECFMG|certifi\w*|USMLE|Step [123]|scores?|"
    r"transcripts?|MSPE|dean'?s letter|documents?|questionnaire|survey|OET|Statement of Need|"
    r"clinical\w*|activities|graduation|licen[sc]\w*|research|advanced positions?|applying to|"
    r"interested|level of interest|consideration|considered|track|sponsorship|cv|resume|"
    r"curriculum vitae|publications?|letters? of recommendation|references|career goals|"
    r"career plans|fellowship|couples match|start date|background check|immunizations?|"
    r"titers?|vaccinations?|BLS|ACLS|permanent resident|green card|work authori[sz]ation|"
    r"(?:AAMC|ERAS|NRMP) (?:ID|number))\b")
_FOOTER = re.compile(r"\b(?:receiving|received|getting) this\b|\bbecause (?:a|the) program\b", re.I)
_ANAPHOR = re.compile(r"\b(?:it|this|these|them|the following)\b|\bwith:\s*$", re.I)
_ASK = re.compile(r"\?|\blet (?:us|me) know\b|\breply\b|\btell (?:us|me)\b|\bwould like to know\b|"
                  r"\bcould you\b|\bcan you\b|\bplease confirm\b|\bconfirm(?:ing)? that\b|"
                  r"\b(?:help|helpful|useful) (?:for )?(?:me|us)?(?: to)? (?:to )?know\b|"
                  r"\b(?:I|we)(?:'d| would) appreciate\b|"
                  r"\b\w+(?:'d| would) love to (?:know|hear)\b|"
                  r"\bwanted to (?:know|check|ask)\b|\basked me to (?:check|ask|find out|see)\b|"
                  r"\bcheck(?:ing)? (?:in )?with\b|\bwould you "
                  r"mind\b|"
                  r"\b(?:please|kindly) (?:share|indicate|send)\b|"
                  r"\b(?:I|we)(?:'d| would) like to know\b|\b(?:curious|wondering|wonder)\b", re.I)
#: An FAQ line ("Q: Do you sponsor visas?") asks on the applicant's behalf, not of the applicant.
_FAQ = re.compile(r"^\s*(?:q\s*[:.)-]|faq\b|question\s*:)")


@dataclass(frozen=True, slots=True)
class Hit:
    """One fired cue with the text it matched."""

    cue: str
    target: object
    weight: float
    detail: str
    span: str
    where: str
    requires_kind: Kind | None = None

    def reason(self) -> Reason:
        where = "" if self.where == "body" else f" [{self.where}]"
        return Reason(cue=self.cue, detail=self.detail + where, span=self.span[:160])


@dataclass(frozen=True, slots=True)
class View:
    """The texts cues read: subject, new body (plus forwarded), attachment text."""

    subject: str
    body: str
    attachments: str
    is_reply: bool


def _literal_index(cues: tuple[Cue, ...], where: str
                   ) -> tuple[tuple[tuple[str, tuple[int, ...]], ...], tuple[int, ...]]:
    """Key → the cues (by position) it can enable, for cues reading ``where``; and the
    cues with no prefilter. A key is the most selective word inside a prefilter literal:
    every occurrence of the literal contains it, and many literals share a key."""
    by_key: dict[str, set[int]] = {}
    always: list[int] = []
    for i, cue in enumerate(cues):
        if not _reads(cue, where):
            continue
        if cue.prefilter is None:
            always.append(i)
        for lit in cue.prefilter or ():
            by_key.setdefault(lit, set()).add(i)
    return tuple((k, tuple(sorted(v))) for k, v in by_key.items()), tuple(always)


def _reads(cue: Cue, where: str) -> bool:
    if where == "subject":
        return cue.where == "subject"
    if where == "attachment":
        return cue.where == "body" and (isinstance(cue.target, Flag)
                                        or cue.target in _ATTACHMENT_KINDS)
    return cue.where == "body"


#: Kinds whose letter often comes as an attachment ("please see the attached offer").
_ATTACHMENT_KINDS = frozenset({Kind.PRE_MATCH_OFFER, Kind.REJECTION, Kind.WAITLIST})


_INDEX_CACHE: dict[tuple[int, str], tuple] = {}
_FINDERS: dict[str, KeyFinder] = {}


def _active(cues: tuple[Cue, ...], src: _Source) -> list[int]:
    """Positions of the cues reading ``src`` whose prefilter passes, in registry order.
    All keys are found in one pass over the text (see :class:`KeyFinder`); a cue
    one of whose keys is present runs when its :attr:`~Cue.clauses` are met as well. The
    keys found are remembered on the source for :func:`_windows`, and serve every subset
    of the registry read from it (the context cues first, then the rest)."""
    where = src.where
    entry = _INDEX_CACHE.get((id(cues), where))
    if entry is None or entry[0] is not cues:
        entry = _INDEX_CACHE[(id(cues), where)] = _index(cues, where)
    _, masks, on, clauses = entry
    present = src.present
    if present is None:
        present = src.present = _finder(where).present(src.low)
    get_mask = masks.get
    for k in present:
        on |= get_mask(k, 0)
    out = []
    get, disjoint = clauses.get, present.isdisjoint
    while on:  # the set bits, lowest (first in the registry) first
        bit = on & -on
        on ^= bit
        i = bit.bit_length() - 1
        cl = get(i)
        if cl is None or (not disjoint(cl[0]) and (len(cl) == 1 or not disjoint(cl[1])) and (
                len(cl) <= 2 or not any(disjoint(h) for h in cl[2:]))):
            out.append(i)
    return out


def _index(cues: tuple[Cue, ...], where: str) -> tuple:
    """(cues, key → bit mask of the cue positions it enables, mask of the cues without
    keys, position → clauses) for ``where``. Masks, not sets: OR-ing a message's few
    dozen keys and reading the bits back in order is a third of the cost of a set union
    and a sort."""
    index, always = _literal_index(cues, where)
    clauses = {i: c.clauses for i, c in enumerate(cues) if c.clauses}
    masks = {k: sum(1 << i for i in ids) for k, ids in index}
    return cues, masks, sum(1 << i for i in always), clauses


def _finder(where: str) -> KeyFinder:
    """One automaton per kind of text, over the keys of the whole registry: the frames'
    gate literals and the request literals ride along (see _frame_candidates), and the
    clause pieces. Any subset of the registry reads what it needs from its result."""
    finder = _FINDERS.get(where)
    if finder is None:
        index, _ = _literal_index(ALL_CUES, where)
        keys = {k for k, _ in index}
        if where != "subject":
            keys.update(_frame_literals(), _REQUEST_KEYS or ())
        keys.update(p for c in ALL_CUES if c.clauses for h in c.clauses for p in h)
        finder = _FINDERS[where] = KeyFinder(list(keys))
    return finder


_second = itemgetter(1)


class KeyFinder:
    """Which of many literal keys occur in a text: equivalent to ``{k for k in keys if k
    in text}``, in one Aho–Corasick pass (pyahocorasick, in C) instead of a substring
    search per key. The cue registry has over a thousand keys; a message holds a few
    dozen of them, and this pass is a tenth of the classifier's time."""

    def __init__(self, keys: list[str]) -> None:
        self.keys = sorted(set(keys))
        #: the empty key is in every text; the automaton cannot hold it
        self.empty = frozenset(k for k in self.keys if not k)
        self._automaton = ahocorasick.Automaton()
        for k in self.keys:
            if k:
                self._automaton.add_word(k, k)
        self._automaton.make_automaton()
        self._iter = self._automaton.iter if len(self._automaton) else None

    def present(self, text: str) -> set[str]:
        found = set(self.empty)
        if self._iter is not None and text:
            found.update(map(_second, self._iter(text)))
        return found


def collect_hits(view: View, cues: Iterable[Cue] = ALL_CUES, reading: Reading | None = None
                 ) -> list[Hit]:
    """Every cue's first non-negated match in its source, plus the compound detectors."""
    hits, body, att = _cue_hits(view, tuple(cues), reading)
    hits = _drop_rank_in_demand(_drop_conditional_rank(hits), view.body, body.spans)
    # Frames first: a rank question only a frame recognizes still makes an info request.
    hits.extend(_frame_hits(view.body, body.spans, hits, body))
    if att is not None:  # forms and surveys ask in attachments too
        hits.extend(_frame_hits(view.attachments, att.spans, hits, att, where="attachment"))
    hits = _drop_rank_in_promise(hits, view.body, body.spans)
    if any(h.target is Flag.RANK_INQUIRY for h in hits):
        hits = _drop_choice_among_options(hits, view.body)
    hits = _drop_asked_whether_asked(hits, view.body, body.spans)
    hits = _drop_retracted(hits, view.body, body.spans)
    hits = _drop_reported_speech(hits, view.body, body.spans)
    hits = _after_the_match(hits)
    hits.extend(_info_requests(view.body, body.spans, hits, body))
    return hits


#: Words that make a question ask for a promise: "Would you be willing to put in writing
#: that we are your first choice?", "Can we count on you to rank us first?".
_PROMISE = re.compile(r"\b(?:in writing|promis\w*|commit\w*|count on|assur\w*|your word|"
                      r"pledge|guarantee|(?:prepared|willing|ready) to (?:rank|list|put|place)|"
                      r"affirm|attest|certify|(?:once|if) you let (?:us|me|him|her) know|"
                      r"goes a (?:very |really )?long way|"
                      # the reward named: "…is your top pick, you're basically in"
                      r"you(?:'re| are) (?:basically |pretty much |as good as )?in|"
                      r"(?:confident|sure|certain) you(?:'ll| will) (?:be )?match\w*)\b", re.I)


def _drop_rank_in_promise(hits: list[Hit], body: str = "",
                          spans: tuple[tuple[int, int], ...] | None = None) -> list[Hit]:
    """A rank cue inside a sentence that asks for a written or spoken promise is that
    promise's terms (commitment_request), not a question about the rank; the corpus
    conventions label such a sentence commitment pressure only. The whole sentence of
    the promise counts ("Give me your word that Desert Mesa is your #1")."""
    promises = [h.span for h in hits if h.target is Flag.COMMITMENT_REQUEST
                and h.where == "body" and _PROMISE.search(h.span)]
    hits = _drop_rank_within(hits, promises)
    if not (body and spans and promises):
        return hits
    around = []
    for span in promises:
        pos = body.find(span)
        if pos >= 0:
            start, end = sentence_at(body, spans, pos)
            around.append(body[start:end])
    # Only the first place the promise is about: "how many programs you're planning to
    # rank ahead of us" beside an assurance is still a question.
    firsts = [h for h in hits if h.target is Flag.RANK_INQUIRY and _FIRST_PLACE.search(h.span)]
    dropped = {id(h) for h in _drop_rank_within(firsts, around)} ^ {id(h) for h in firsts}
    return [h for h in hits if id(h) not in dropped]


#: Choices inside the program to put in order ("rank the four pathways below"): see
#: frames.OPTION_RANKING.
_OPTION_RANKING = re.compile(OPTION_RANKING, re.I)
#: What a rank question about programs names: the program, programs, a list, a position.
_PROGRAM_RANK = re.compile(r"\b(?:us|we|our program|programs?|list|choices?|#\s?1|first|top|"
                           r"number one|other|else|elsewhere|where)\b|[A-Z][\w'-]+ (?:first|"
                           r"#\s?1)", re.I)
#: Interview dates offered to choose from ("We hold virtual interviews on the following
#: Wednesdays: …"), which "your first choice" then refers to.
_DATES_OFFERED = re.compile(
    r"\b(?:interview (?:dates|days|slots|sessions)(?=\s*(?:\([^)\n]{0,60}\))?\s*:)|"
    r"the following (?:interview )?(?:dates|days|slots|sessions|(?:mon|tues|wednes|thurs|fri|"
    r"satur|sun)days)|interviews? (?:on|are held on) (?:the following|these)|(?:available|open|"
    r"offered) (?:interview )?(?:dates|days|slots|sessions)|(?:dates|days|slots|sessions) "
    r"(?:available|offered|we offer|to choose from))\b", re.I)
#: The same without the words of a first place, which a date choice shares.
_PROGRAM_NAMED = re.compile(r"\b(?:us|our program|programs?|list|#\s?1|number one|other|else|"
                            r"elsewhere|rank\w*|signal\w*|one of (?:your|their) top|(?:is|are|"
                            r"was) (?:your|their) (?:first|top))\b", re.I)
#: Beside a first choice, the programs it is among (not the dates offered).
_PROGRAMS_AROUND = re.compile(r"\b(?:first|top) choice (?:among|of (?:all|the)) (?:the |your )?"
                              r"(?:[\w-]+ ){0,4}programs\b", re.I)


def _drop_choice_among_options(hits: list[Hit], body: str) -> list[Hit]:
    """Mail that asks the applicant to put the program's own pathways, clinic sites or
    electives in order ("rank the four pathways below from 1 to 4 … please send your
    ranking by Friday"), or to pick among the interview dates it offers ("reply with your
    first choice by Wednesday"), asks no rank question, unless a rank hit names
    programs, a list or (for the options) a first place."""
    if _OPTION_RANKING.search(body):
        def asks_rank(span: str) -> bool:
            return bool(_PROGRAM_RANK.search(_OPTION_RANKING.sub(" ", span)))
    elif _DATES_OFFERED.search(body):
        def asks_rank(span: str) -> bool:
            # read around the hit: "whether Tamarind Coast is your first choice among the
            # Texas internal medicine programs" (the hit itself is "your first")
            pos = body.find(span)
            around = body[max(0, pos - 30):pos + len(span) + 60] if pos >= 0 else span
            return bool(_PROGRAM_NAMED.search(span) or _PROGRAMS_AROUND.search(around))
    else:
        return hits
    return [h for h in hits if not ((h.target is Flag.RANK_INQUIRY or h.cue == "info.rank_question")
                                    and h.where == "body" and not asks_rank(h.span))]


#: A survey or note asking whether anyone asked the forbidden question: "Did anyone ask you
#: how you plan to rank programs or where else you interviewed? (Yes / No)".
_ASKED_BY_ANYONE = re.compile(
    r"\b(?:did|has|have|had|was|were) (?:anyone|anybody|someone|somebody|any(?: \w+)? (?:faculty|"
    r"interviewers?|residents?|staff|programs?|members?)|an interviewer|a faculty member|a "
    r"program|programs|interviewers)(?: \w+)? (?:ask|asked|pressure|pressured|question|"
    r"questioned|inquire|inquired)\b|\bwere you (?:ever )?(?:asked|pressured)\b", re.I)


def _drop_asked_whether_asked(hits: list[Hit], body: str,
                              spans: tuple[tuple[int, int], ...] | None) -> list[Hit]:
    """Red-flag hits inside a question whether someone asked it ("Did anyone ask you for a
    commitment to rank a program?") report on the programs' conduct; they ask the applicant
    nothing."""
    if not spans or not any(h.target in RED_FLAGS for h in hits) \
            or not _ASKED_BY_ANYONE.search(body):
        return hits
    asking = {(a, b) for a, b in spans if _ASKED_BY_ANYONE.search(body, a, b)}
    return _without_body_hits_in(hits, body, spans, asking, RED_FLAGS)


#: Words someone said before, quoted: "at the end the PD said "so, are we your number one?""
_QUOTED_SPEECH = re.compile(r"\b(?:said|asked|told (?:me|us|him|her|them)|wrote|was like|went)"
                            # asked of someone else: "our PD asked one of the applicants on
                            # zoom today "are we your number one?""
                            r"\b(?:(?<=asked)(?: (?!to\b|you\b)[\w'-]+){1,7})?[,:]?\s*\"[^\"]*$",
                            re.I)
#: A quoted phrase that names a kind of message: the "promise us #1" emails.
_QUOTED_NAME = re.compile(r"[^\"\n]{0,60}\"\s+(?:e-?mails?|messages?|notes?|letters?|calls?|"
                          r"questions?|requests?|texts?|lines?|speech|talk|things?)\b|"
                          # quoted to be judged: ""tell me we're your first choice and consider
                          # it done" and "cancel the January interviews" are not mentoring"
                          r"[^\"\n]{0,80}\"\s*(?:and \"[^\"\n]{0,80}\"\s*)?(?:are|is|were|was|"
                          r"aren't|isn't)\s+(?:not|exactly|precisely|what|the (?:kind|sort))\b",
                          re.I)


def _drop_reported_speech(hits: list[Hit], body: str,
                          spans: tuple[tuple[int, int], ...] | None) -> list[Hit]:
    """A red flag inside a quotation of what someone said or asked earlier ("the PD said
    "so, are we your number one?" and I panicked"), or in a quoted name for such messages
    ("you were right to ignore the "promise us #1" emails"), is reported, not asked."""
    if '"' not in body or not any(h.target in RED_FLAGS for h in hits):
        return hits
    out = []
    for h in hits:
        if h.where == "body" and h.target in RED_FLAGS:
            pos = body.find(h.span)
            if pos >= 0:
                start, _ = sentence_at(body, spans, pos)
                before = body[max(start, pos - 200):pos]
                if _QUOTED_SPEECH.search(before) or (
                        before.count('"') % 2 and _QUOTED_NAME.match(body, pos)):
                    continue
        out.append(h)
    return out


def _without_body_hits_in(hits: list[Hit], body: str, spans: tuple[tuple[int, int], ...],
                          within: set[tuple[int, int]], targets: Iterable[object]) -> list[Hit]:
    """``hits`` without the body's hits for ``targets`` whose sentence is one of ``within``."""
    targets = frozenset(targets)
    out = []
    for h in hits:
        if h.where == "body" and h.target in targets:
            pos = body.find(h.span)
            if pos >= 0 and sentence_at(body, spans, pos) in within:
                continue
        out.append(h)
    return out


_FIRST_PLACE = re.compile(r"#\s?1|\bfirst\b|\bnumber one\b|\bno\.? ?1\b|\btop\b", re.I)


def _after_the_match(hits: list[Hit]) -> list[Hit]:
    """Mail to the applicant who matched here ("We are thrilled that you matched with us …
    sign and return the Resident Agreement") offers nothing outside the Match: its contract
    is the Match's, so the offer cues are dropped (the signing cues, which need an offer,
    are then dropped by :func:`red_flags`)."""
    if not matched_here(hits):
        return hits
    return [h for h in hits if not h.cue.startswith("offer.")]


def matched_here(hits: list[Hit]) -> bool:
    """The message is written to an applicant who matched with the program."""
    return any(h.cue == "admin.matched_here" for h in hits)


#: Rank cues that stand inside a bargain or a demand: "If we are at the top of your list,
#: let me know, and I'll make sure …" asks where the program stands as well.
_RANK_IN_BARGAIN = frozenset({"rank.if_first_tell_me"})


def _drop_rank_within(hits: list[Hit], spans: list[str]) -> list[Hit]:
    """``hits`` without the body's rank hits that lie inside one of ``spans``."""
    if not spans:
        return hits
    return [h for h in hits if not (h.target is Flag.RANK_INQUIRY and h.where == "body"
                                    and h.cue not in _RANK_IN_BARGAIN
                                    and any(h.span in p for p in spans))]


#: The program takes a question back: "I shouldn't have asked that, so please disregard it."
_RETRACTION = re.compile(r"\b(?:shouldn't|should not|should never) have asked\b|"
                         r"\b(?:and|but) (?:I|we) (?:really )?(?:shouldn't|should not) have\b|"
                         r"\b(?:we|I) retract (?:it|that|this|the)\b|"
                         r"\bshould not have been (?:on|in|included|asked)\b|"
                         r"\b(?:I'm|I am|we're|we are) sorry (?:that )?(?:we|I) asked\b|"
                         r"\b(?:was|were) (?:my wording and was )?(?:wrong|a mistake)\b|"
                         r"\bplease "
                         r"(?:disregard|ignore) (?:it|that|my (?:question|last))\b|\b(?:I|we) "
                         r"withdraw (?:my|the|that) question\b|"
                         # the applicant's answer to it: "you were right to decline my question"
                         r"\b(?:decline|declined|declining|sidestep\w*|ignore|ignored) (?:my|our|"
                         r"the|that) question\b|\b(?:I|we)(?:'ve| have)? stopped asking\b|"
                         # an earlier message or line taken back: "That line should never have
                         # gone out", "That message was sent in error", "was made in error
                         # and is withdrawn", "That should not have happened"
                         r"\bshould (?:never|not) have (?:gone out|been sent|happened)\b|"
                         r"\b(?:was|were) (?:sent|made|issued|included) in error\b", re.I)
#: "If you received this message in error …": a disclaimer's condition takes nothing back.
_IF_BEFORE = re.compile(r"\bif\b", re.I)


def _drop_retracted(hits: list[Hit], body: str,
                    spans: tuple[tuple[int, int], ...] | None) -> list[Hit]:
    """A red-flag question in the sentence before (or the one holding) a retraction was
    taken back, not asked."""
    if not spans or not any(h.target in RED_FLAGS for h in hits) or not _RETRACTION.search(body):
        return hits
    return _without_body_hits_in(hits, body, spans, _taken_back(body, spans), RED_FLAGS)


def _taken_back(body: str, spans: tuple[tuple[int, int], ...]) -> set[tuple[int, int]]:
    """The sentences a retraction takes back: the one holding it and the one before."""
    out: set[tuple[int, int]] = set()
    for n, (a, b) in enumerate(spans):
        m = _RETRACTION.search(body, a, b)
        if m and not (m.group().lower().endswith(" in error")
                      and _IF_BEFORE.search(body, a, m.start())):
            out.add((a, b))
            if n:
                out.add(spans[n - 1])
    return out


def retracted_sentences(body: str) -> frozenset[str]:
    """The text of every sentence of ``body`` a retraction takes back, stripped: the
    learned flag model must not find in them the ask the cues were told to drop."""
    if not _RETRACTION.search(body):
        return frozenset()
    return frozenset(body[a:b].strip() for a, b in _taken_back(body, sentences(body)))


class Reading:
    """One message's texts as the cues read them, built once: the keys each holds and
    each cue's first match are shared by :func:`early_other` and :func:`collect_hits`."""

    __slots__ = ("att", "body", "first", "subject")

    def __init__(self, view: View) -> None:
        self.body = _Source(view.body, "body")
        self.subject = _Source(view.subject, "subject", split=False)
        self.att = _Source(view.attachments, "attachment") if view.attachments else None
        #: (id of a cue, where) → the cue's first acceptable match there, or None
        self.first: dict[tuple[int, str], Hit | None] = {}


def _cue_hits(view: View, cues: tuple[Cue, ...], reading: Reading | None = None
              ) -> tuple[list[Hit], _Source, _Source | None]:
    """Each cue's first acceptable match (registry order), and the body and attachment
    sources they were read from."""
    r = reading or Reading(view)
    found: dict[int, Hit] = {}
    memo = r.first
    for src in (r.body, r.subject, r.att):
        if src is None or not src.text:
            continue
        where = src.where
        for i in _active(cues, src):
            if i not in found:
                cue = cues[i]
                key = (id(cue), where)
                hit = memo[key] if key in memo else memo.setdefault(key, _first(cue, src))
                if hit:
                    found[i] = hit
    return [found[i] for i in sorted(found)], r.body, r.att


#: What phishing always asks for: a click, a login, a password, a payment. A domain that
#: borrows a national service's name ("nrmp-r3-verify.com") is phishing when it asks so;
#: one that only informs ("your rank order list was certified") is read as any mail.
_CALL_TO_ACTION = re.compile(
    r"verif|log ?in|sign ?in|click|password|credential|suspend|payment|\bpay\b|\bfees?\b|"
    r"\bupdate your|confirm your|https?://|www\.|button|portal|secure|\blink\b", re.I)


#: The cues that can send mail from a sender who is no institution to ``other`` before
#: anything else is read (see :func:`early_other`).
CONTEXT_ONLY: tuple[Cue, ...] = tuple(c for c in ALL_CUES if c.target == "ctx.other")


def _texting_service(hit: Hit, ctx: SenderContext) -> bool:
    """An opt-out line ("Reply STOP to opt out") in a text a program sent, as a phone
    service mails it on ("SMS from Halvorsen Path Residency (+1 605-555-0114)"): the
    service's habit, not a marketer's."""
    return hit.cue == "other.sms_opt_out" and ctx.phone_notice


def early_other(view: View, ctx: SenderContext, reading: Reading | None = None
                ) -> Reason | None:
    """For a sender who is no institution, the reason :func:`other_gate` would give before
    it weighs any residency evidence (a scam pattern, a personal mailbox, commerce or
    subscription mail), found by the context cues alone; None when those do not decide.
    The same reason the full read gives, for a fraction of the work (every cue's match is
    independent of the others)."""
    if ctx.institutional:
        return None
    if ctx.impostor and _CALL_TO_ACTION.search(view.body):
        return Reason(cue="other.scam.impostor_domain", detail="a look-alike of a national "
                      "Match service's domain", span=ctx.domain)
    hits, _, _ = _cue_hits(view, CONTEXT_ONLY, reading)
    scam = [h for h in hits if h.cue.startswith("other.scam")]
    if scam:
        return scam[0].reason()
    if ctx.personal:
        return Reason(cue="other.personal", detail="personal mailbox, not a program or service",
                      span=ctx.address)
    # A recruiter may be placing the applicant in a residency position: an offer, which
    # only the full read can tell (see other_gate).
    hits = [h for h in hits if h.cue != "other.recruiting" and not _texting_service(h, ctx)]
    if sum(h.weight for h in hits) >= THRESHOLD:
        return hits[0].reason()
    return None


def _frame_hits(body: str, spans: tuple[tuple[int, int], ...] | None,
                hits: list[Hit], src: _Source | None = None, where: str = "body") -> list[Hit]:
    """Red flags whose wording no cue knows, found by their frame (see :mod:`.frames`).

    Only flags no cue has already raised are added, so a known phrasing keeps its
    more specific reason; a sentence a commitment cue already read as a bargain
    is not also a rank question.
    """
    have = {h.target for h in hits if isinstance(h.target, Flag)}
    deals = [h.span for h in hits if h.target is Flag.COMMITMENT_REQUEST]
    # "I would ask that you not take further interviews elsewhere": the other programs are
    # what to give up, not something asked about (as frames.py decides for its own finds)
    drops = [h.span for h in hits if h.target is Flag.WITHDRAWAL_REQUEST and h.where == where]
    out: list[Hit] = []
    spans = spans or ((0, len(body)),)
    for n in _frame_candidates(body, spans, have, src):
        start, end = spans[n]
        sentence = body[start:end]
        if under_rule_header(body, start):
            continue
        bargain = [d for d in deals if d and (d in sentence or sentence.strip() in d)]
        for flag, topic in frame_matches(sentence):
            # Rank words in a sentence a commitment cue read as a bargain are its terms, not
            # a question; a question about other programs beside it still is one.
            if flag in have or (flag is Flag.RANK_INQUIRY and bargain and not OTHERS.search(topic)):
                continue
            if flag is Flag.RANK_INQUIRY and OTHERS.search(topic) and any(
                    d and d in sentence for d in drops):
                continue
            have.add(flag)
            out.append(_frame_hit(flag, topic, sentence, where))
    if len(have & RED_FLAGS) < len(RED_FLAGS):
        low = src.low if src is not None and src.same else body.lower()
        if _BACK_REFERENCE.search(low):
            out.extend(_paired_frame_hits(body, low, spans, have, where))
        if ":\n" in body:
            out.extend(_listed_frame_hits(body, spans, have, where))
    return out


#: A lead-in that asks for what its list names ("he asks each applicant to send:").
_LEAD_ASK = re.compile(r"\b(?:send|provide|list|share|tell|include|answer|reply|respond|"
                       r"indicate|let (?:us|me) know|confirm|complete|fill|questions?|asks?|"
                       r"asking|would like|need|find out|know|wonder\w*|curious)\b", re.I)
#: A numbered or bulleted item: "2) any other programs that have invited you;".
_ITEM = re.compile(r"\s*(?:[-•*]|\(?\d{1,2}[.)]|\(?[a-h][.)])\s")
_NUMBER_ONLY = re.compile(r"\s*\(?\d{1,2}[.)]\s*")


def _listed_frame_hits(body: str, spans: tuple[tuple[int, int], ...], have: set,
                       where: str) -> list[Hit]:
    """Frames completed by a list item and the lead-in that asks for it ("he asks each
    applicant to send a few things: … 2) any other programs that have invited you"): each
    item under a lead-in ending in a colon is read with that lead-in, for the flags not
    raised yet."""
    out = []
    lead: tuple[int, int] | None = None
    numbered = False  # the item's number was cut off as a sentence of its own ("1.")
    for start, end in spans:
        text = body[start:end]
        if text.rstrip().endswith(":"):
            lead = (start, end) if end - start <= 300 and _LEAD_ASK.search(text) else None
            continue
        if lead is not None and _NUMBER_ONLY.fullmatch(text):
            numbered = True
            continue
        if lead is None or not (numbered or _ITEM.match(text)):
            lead = None
            continue
        own, numbered = numbered, False
        if under_rule_header(body, start):
            continue  # "a program may NOT: - ask you where else you interviewed"
        pair = " ".join(f"{body[lead[0]:lead[1]]} {text}".split())
        for flag, topic in frame_matches(pair):
            # an item whose number stood alone must hold the topic itself: the lead-in's
            # "everyone we might rank" is the program's list, not the item's question
            if flag not in have and (not own or topic in " ".join(text.split())):
                have.add(flag)
                out.append(_frame_hit(flag, topic, pair, where))
    return out


def _frame_hit(flag: Flag, topic: str, sentence: str, where: str) -> Hit:
    return Hit(cue=f"frame.{flag.value}", target=flag, weight=THRESHOLD,
               detail=f"{flag.value.replace('_', ' ')}: an ask about {topic!r} addressed to you",
               span=sentence.strip(), where=where)


#: An ask that points back at the sentence before it: "…where Fairhaven falls in an
#: applicant's ranking. Would you be willing to share that?", "If that applies to you,
#: please reply and tell us so."
#: Matched on lower-case text as one word-bounded alternation (see WordAlternation).
_BACK_REFERENCE = WordAlternation(re.compile(
    r"\b(?:(?:share|tell (?:us|me)|let (?:us|me) know|confirm|say|answer|reply|send (?:us|me))"
    r"(?: with (?:us|me))? (?:that|this|it|so)|send (?:that|this|it|those) (?:over|along|"
    r"through|back)|if (?:that|this|so) (?:applies|is the case|"
    r"is true|describes)|if (?:that|this)(?:'s| is) you|which ones|"
    r"(?:cancel|drop|skip|release|decline)(?:ling|ing)? (?:those|them|these|the rest)|"
    r"(?:willing|able|prepared) to do (?:that|this|so)|is that (?:right|true|correct|accurate|"
    r"so)|"
    r"let (?:them|those) go)\b", re.I))


def _paired_frame_hits(body: str, low: str, spans: tuple[tuple[int, int], ...], have: set,
                       where: str) -> list[Hit]:
    """Frames completed by a sentence and the back-referring ask that follows it: the pair
    is read as one sentence, for the flags not raised yet. ``low`` is ``body`` in lower
    case (the same offsets, or the whole text read when they differ)."""
    out = []
    same = len(low) == len(body)
    for n in range(1, len(spans)):
        start, end = spans[n]
        if end - start > 240 or not _BACK_REFERENCE.search(
                low[start:end] if same else body[start:end].lower()) or (
                under_rule_header(body, spans[n - 1][0])):
            continue
        pair = body[spans[n - 1][0]:end]
        for flag, topic in frame_matches(" ".join(pair.split())):
            if flag not in have:
                have.add(flag)
                out.append(_frame_hit(flag, topic, pair, where))
    return out


def _frame_gates() -> tuple[tuple[tuple[Flag, tuple[str, ...]], ...], tuple[str, ...]]:
    """For each frame, literals one of which every topic match contains (lower case,
    :data:`frames.GATES`), and the literals of the neutral phrases the frames blank out;
    built once. A sentence without a topic literal, or without "you"/"please"/"kindly"
    (the frames' address), cannot complete a frame, so only the others are read by
    :func:`frame_matches`: the same result for a fraction of the regex work."""
    global _GATES
    if _GATES is None:
        from mailsync.classify import frames
        _GATES = (tuple((flag, frames.GATES[flag]) for flag, *_ in frames.FRAMES), ())
    return _GATES


_GATES: tuple[tuple[tuple[Flag, tuple[str, ...]], ...], tuple[str, ...]] | None = None
_ADDRESS = ("you", "please", "kindly", "candidate", "applicant", "interviewee", "people who",
            "people we", "invitee",
            "those who", " u ", " u?", " ur ", "everyone", "everybody")


def _frame_literals() -> frozenset[str]:
    topics, _ = _frame_gates()
    return frozenset(lit for _, lits in topics for lit in lits if lit) | frozenset(_ADDRESS)


def _frame_candidates(body: str, spans: tuple[tuple[int, int], ...], have: set,
                      src: _Source | None = None) -> list[int]:
    """Indices of the sentences that may complete a frame for a flag not raised yet: they
    hold "you"/"please"/"kindly" and a topic literal. With the body's :class:`_Source`,
    the literals found by its one key pass and its sentence index are reused."""
    topics, _ = _frame_gates()
    wanted = [lits for flag, lits in topics if flag not in have]
    if not wanted:
        return []
    if any("" in lits for lits in wanted):
        return list(range(len(spans)))
    if src is not None and src.present is not None and src.same and src.spans == spans:
        present = src.present
        addressed = set(src.sentences_with(tuple(k for k in _ADDRESS if k in present)))
        if not addressed:
            return []
        topical = src.sentences_with(tuple({k for lits in wanted for k in lits} & present))
        return [n for n in topical if n in addressed]
    low = body.lower()
    if len(low) != len(body):  # offsets would not agree: read every sentence
        return list(range(len(spans)))
    starts = [a for a, _ in spans]

    def holding(literals: Iterable[str]) -> set[int]:
        found: set[int] = set()
        for lit in literals:
            i = low.find(lit)
            while i >= 0:
                found.add(max(0, bisect_right(starts, i) - 1))
                i = low.find(lit, i + 1)
        return found

    addressed_all = holding(_ADDRESS)
    if not addressed_all:
        return []
    return sorted(addressed_all & holding(lit for lits in wanted for lit in lits))


def _drop_conditional_rank(hits: list[Hit]) -> list[Hit]:
    """"If you let us know we're your first choice, we'll…": the rank words sit inside a
    bargain (commitment_request), not a question about rank."""
    return _drop_rank_within(hits, [h.span for h in hits
                                    if h.cue.startswith("commit.reciprocity")])


#: An unconditional ask for the answer itself: "I'd ask that you confirm X is your first
#: choice by Friday" asks where the program stands (and for the promise), where "if you
#: can tell me we're your first choice, you'll match" only sets the terms of a bargain.
_PLAIN_ASK = re.compile(r"^(?![^\n]*\b(?:if|once|provided|as long as|so long as|in exchange|"
                        r"in return)\b)[^\n]*\b(?:confirm|tell (?:us|me)|let (?:us|me) know|"
                        r"answer)\b", re.I)


def _drop_rank_in_demand(hits: list[Hit], body: str,
                         spans: tuple[tuple[int, int], ...] | None) -> list[Hit]:
    """"We need a commitment from you that we will be your first choice": the first-choice
    words are what the applicant is to promise (commitment_request), not a question about
    the rank, unless the sentence asks ("would you rank us first if …?")."""
    # a form line to tick ("[ ] I intend to rank X first") asks the rank and the promise both
    demands = [h.span for h in hits if h.target is Flag.COMMITMENT_REQUEST and h.where == "body"
               and h.cue != "commit.intent_checkbox"]
    if not demands:
        return hits
    out = []
    for h in hits:
        if h.target is Flag.RANK_INQUIRY and h.where == "body" and h.cue not in _RANK_IN_BARGAIN:
            pos = body.find(h.span)
            s, e = sentence_at(body, spans, max(pos, 0))
            sentence = body[s:e]
            if pos >= 0 and "?" not in sentence and any(h.span in d for d in demands) \
                    and not _PLAIN_ASK.search(sentence):
                continue
        out.append(h)
    return out


class _Source:
    """One text in original and lower case, with its sentence offsets."""

    __slots__ = ("_occ", "low", "present", "same", "spans", "starts", "text", "where", "wins")

    def __init__(self, text: str, where: str, *, split: bool = True) -> None:
        self.text, self.where = text, where
        self.low = text.lower()
        self.starts: list[int] = []
        self._occ: dict[str, list[int]] = {}
        self.wins: dict[tuple[str, ...], list[tuple[int, int]]] = {}
        self.present: set[str] | None = None  # prefilter keys found (set by _active)

        self.same = len(self.low) == len(text)  # offsets agree (no length-changing letters)
        self.spans = sentences(text) if split else None
        if self.spans:
            self.starts = [a for a, _ in self.spans]

    def sentence(self, i: int) -> tuple[int, int]:
        """(start, end) of the sentence holding offset ``i`` (the whole text if unsplit)."""
        if not self.spans:
            return 0, len(self.text)
        n = bisect_right(self.starts, i) - 1
        return self.spans[n if n > 0 else 0]

    def sentences_with(self, keys: tuple[str, ...]) -> list[int]:
        """Indices of the sentences containing an occurrence of any key, in text order."""
        if len(keys) == 1:
            return self._sentences_of(keys[0])
        found: set[int] = set()
        for k in keys:
            found.update(self._sentences_of(k))
        return sorted(found)

    def _sentences_of(self, key: str) -> list[int]:
        hit = self._occ.get(key)
        if hit is None:
            found: list[int] = []
            low, starts, spans = self.low, self.starts, self.spans
            i = low.find(key)
            while i >= 0:
                n = bisect_right(starts, i) - 1
                n = n if n > 0 else 0
                found.append(n)
                # resume after this sentence: later hits in it add nothing
                end = spans[n][1] if spans else 0
                i = low.find(key, end if end > i else i + 1)
            hit = self._occ[key] = found
        return hit


def _windows(cue: Cue, src: _Source) -> list[tuple[int, int]]:
    """Where to run the cue: the sentences holding one of its keys (cues never span
    sentences), or the whole text when it has no prefilter or no sentence split."""
    if cue.prefilter is None or not src.spans:
        return [(0, len(src.low))]
    # Many cues share their keys ("rank", "offer", "interview"): one window list per key tuple.
    got = src.wins.get(cue.prefilter)
    if got is None:
        present = src.present
        keys = cue.prefilter if present is None else tuple(k for k in cue.prefilter
                                                           if k in present)
        got = src.wins[cue.prefilter] = _merge(src.spans, src.sentences_with(keys))
    return got


def _merge(spans: tuple[tuple[int, int], ...], picked: list[int]) -> list[tuple[int, int]]:
    """Consecutive sentences joined into one window (fewer, longer regex runs)."""
    out: list[tuple[int, int]] = []
    last = -2
    for n in picked:
        a, b = spans[n]
        if n == last + 1 and out:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
        last = n
    return out


def _first(cue: Cue, src: _Source) -> Hit | None:
    """The cue's first acceptable match: not negated, not hypothetical, not in a footer.
    Runs only in the windows of :func:`_windows` (inlined here: this is the hot loop)."""
    low = src.low
    if cue.prefilter is None or not src.spans:
        windows = [(0, len(low))]
    else:
        windows = src.wins.get(cue.prefilter)  # cues share key tuples ("rank", "offer")
        if windows is None:
            present = src.present
            keys = cue.prefilter if present is None else \
                tuple(present.intersection(cue.prefilter))
            windows = src.wins[cue.prefilter] = _merge(src.spans, src.sentences_with(keys))
    finditer, word_start = cue.fast.finditer, cue.word_start  # type: ignore[union-attr]
    text = None
    for a, b in windows:
        for m in finditer(low, a, b):
            i = m.start()
            if word_start and i and (low[i].isalnum() or low[i] == "_") and (
                    low[i - 1].isalnum() or low[i - 1] == "_"):
                # Inside a word: the pattern's dropped leading \b fails. A match led by
                # another character ("(12 replies)", "'re ranked") needs no check: the
                # branches that start so are not word-bounded.
                continue
            if text is None:
                text = src.text if src.same else low
            start, end = src.sentence(i)
            if _acceptable(cue, text, start, end, i):
                return Hit(cue.name, cue.target, cue.weight, cue.detail,
                           text[i:m.end()].strip(), src.where, cue.requires_kind)
    return None


def _acceptable(cue: Cue, text: str, start: int, end: int, i: int) -> bool:
    prefix = text[start:i]
    if cue.before is not None and not cue.before.search(prefix[-80:]):
        return False
    if cue.unless is not None and cue.unless.search(prefix[-80:]):
        return False
    if cue.negatable and negated(prefix, cue.neg_window):
        return False
    if cue.hypothetical and hypothetical(prefix):
        return False
    if isinstance(cue.target, Flag):
        return not _told_not_asked(prefix) and not under_rule_header(text, start) \
            and not applicants_question(text, start)
    return not (isinstance(cue.target, Kind) and _FOOTER.search(text[start:end]))


#: Before a red-flag phrase in its sentence, words that make it a rule, a warning or an
#: apology rather than a request: "programs are not permitted to ask where else you…",
#: "nobody in our department should ask you how you will rank us", "if a program asks,
#: 'are we your number one?'…", "I apologize for the message asking about your list".
_POLICY_FRAME = re.compile(
    r"\b(?:not|cannot|never|nobody|no one|no (?:[\w'-]+ )?(?:member|person|faculty|staff|"
    r"resident|program|interviewer)s?|none of (?:our|the|its|their) [\w'-]+|n't)\b"
    # "so nobody feels blindsided: each interviewer will ask you …" negates the surprise
    r"(?! (?:feels?|gets?|is|was|will (?:feel|be|get)) (?:\w+ )?(?:blindsided|surprised|caught|"
    r"confused|worried|off guard)\b)"
    r"(?:(?!\bbut\b|\bhowever\b)[^.?!;]){0,90}\b(?:ask|inquire|"
    r"request|require|pressure|expect|solicit)(?:s|ed|ing)?\b(?:(?!\bbut\b|\bhowever\b)"
    r"[^.?!;])*$|"
    r"\bif (?:(?:a|any|the|another|one of your) (?:residency )?(?:program|program director|PD|"
    r"interviewer|faculty member|resident)s?(?:'s? (?:message|e-?mail|note|letter)| (?:message|"
    r"e-?mail|note|letter|invitation|form|survey)s?)?|anyone|anybody|someone|somebody|they)"
    + ASKER_CLAUSE + r" (?:ever )?"
    r"(?:asks?|says?|tells?|wants?|offers?|requires?|"
    r"pressures?|requests?)\b[^.?!;]*$|"
    r"\bapologi[sz]e for (?:the|my|our|an?|that) (?:\w+ ){0,2}(?:message|e-?mail|note|question|"
    r"request|letter)\b[^.?!;]*$|"
    # "I want to apologize if one of our residents asked you where else you interviewed"
    r"\b(?:apologi[sz]e|sorry)\b (?:if|that)\b[^.?!;]{0,80}\b(?:asked|asking|pressed|pressured|"
    r"questioned)\b[^.?!;]*$|"
    # a list of what the program will not do: "What we won't do: ask how you plan to rank us."
    r"\bwhat (?:we|I|our (?:program|faculty|interviewers))(?: will|'ll)? (?:won't|will not|don't|"
    r"do not|never|cannot|can't) (?:do|ask)\b[^.?!;]{0,10}:[^.?!;]*$|"
    # the questions as a topic: "questions about where you will rank a program … are not
    # questions you are obligated to answer"
    r"\bquestions? (?:about|like|such as|regarding|on) [^.?!;]{0,60}$|"
    r"\bnot affected by (?:anything|what) you (?:tell|share|say)\b[^.?!;]*$|"
    # asked not to tell: "Please don't send us your rank intentions or a list of where else
    # you're interviewing", "I'd rather you didn't tell me where we land on your list"
    r"\b(?:please )?(?:don't|do not|never) (?:send|share|tell|give|disclose|e-?mail|forward)\b"
    r"(?:(?!\bbut\b|\bhowever\b)[^.?!;]){0,80}$|"
    r"\b(?:rather|prefer)(?: that)? you (?:didn't|did not|don't|do not|not|wouldn't) (?:tell|send|"
    r"share|say|disclose)\b[^.?!;]{0,80}$|"
    # "NRMP rules prohibit programs from asking where else you interviewed"
    r"\b(?:prohibit|prohibits|prohibited|forbid|forbids|forbidden|bar|bars|barred|ban|bans|"
    r"banned)\b[^.?!;]{0,40}\b(?:ask|inquir|request|requir|pressur)\w*\b[^.?!;]*$", re.I)


#: A list item: a line led by a bullet or a number.
_BULLET = re.compile(r"[ \t]*(?:[-*•·–]|\d{1,2}[.)])\s")
#: The line that introduces a list of what is forbidden: "Programs may NOT:", "No one
#: from our program will:", "What a program cannot ask you:".
_RULE_HEADER = re.compile(
    r"\b(?:not|never|cannot|can't|nobody|no one|prohibit\w*|forbid\w*|violat\w*|"
    r"red flags?|warning signs?)\b[^\n]*:\s*$", re.I)


def under_rule_header(text: str, start: int) -> bool:
    """True when the sentence at ``start`` is a list item under a header saying what is
    not allowed ("Programs may NOT: - ask you how you will rank them"): a rule, not a
    request. Only bulleted sentences look back, and over at most twelve lines."""
    line_start = text.rfind("\n", 0, start) + 1
    if not _BULLET.match(text, line_start):
        return False
    lines = text[max(0, line_start - 1500):line_start].splitlines()
    for line in reversed(lines[-12:]):
        if not line.strip() or _BULLET.match(line):
            continue
        # only the header's own sentence: "…does not take part in the Match. Because of
        # this, our offers are made on the following terms:" introduces terms, not rules
        return bool(_RULE_HEADER.search(_LAST_SENTENCE.split(line)[-1]))
    return False


_LAST_SENTENCE = re.compile(r"(?<=[.?!])\s+")


def _told_not_asked(prefix: str) -> bool:
    tail = prefix[-200:]
    m = _POLICY_FRAME.search(tail)
    return bool(m) and "hesitat" not in m.group(0).lower()


#: A request to someone who is to pass a note on ("Hank, can you please send this to Dr.
#: Cavalcanti:"): it asks the applicant nothing.
_TO_GO_BETWEEN = re.compile(r"\b(?:send|forward|pass|give) (?:this|it|the following|my note)"
                            r"(?: along| on)? to (?:dr\.?|doctor|her|him|them)\b", re.I)


def _info_requests(body: str, spans: tuple[tuple[int, int], ...] | None,
                   hits: list[Hit], src: _Source | None = None) -> list[Hit]:
    """A question or request about the applicant's information, in one sentence (or a
    request pointing back with "it"/"this" at the sentence before). The sentences read
    are those holding a request literal (from the body's key pass when ``src`` is given)."""
    out: list[Hit] = []
    spans = spans or ()
    if _REQUEST_KEYS is not None and src is not None and src.present is not None and src.same \
            and src.spans == spans:
        low = src.low
        asked = src.sentences_with(tuple(k for k in _REQUEST_KEYS if k in src.present))
    else:
        low = body.lower()
        starts = [a for a, _ in spans]
        asked = sorted({max(0, bisect_right(starts, m.start()) - 1)
                        for m in _REQUEST.finditer(low)})
    for i in asked:
        if i >= len(spans):
            continue
        s, e = spans[i]
        sent = low[s:e]
        if _FAQ.match(sent):
            continue
        req = _REQUEST.search(sent)
        if not req or negated(sent[: req.start()]) or _TO_GO_BETWEEN.search(sent):
            continue
        prev = low[spans[i - 1][0]:spans[i - 1][1]] if i else ""
        after = " ".join(low[a:b] for a, b in spans[i + 1:i + 3]) \
            if sent.rstrip().endswith(":") else ""
        if _TOPIC.search(sent) or (_ANAPHOR.search(sent) and _TOPIC.search(prev)) \
                or _TOPIC.search(after):
            out.append(Hit("info.request", Kind.INFO_REQUEST, 1.2,
                           "asks the applicant for information", body[s:e].strip(), "body"))
            break
    # Asks inside a conditional bargain ("if you give me your word that …, I will …") are
    # the bargain's terms, not a question: the bargain keeps its kind (labeling convention).
    deals = [h.span for h in hits if h.cue.startswith("commit.reciprocity")]
    interested = sum(h.weight for h in hits if h.target is Kind.INTEREST_SIGNAL) >= THRESHOLD
    rank = [h for h in hits if h.where == "body" and (
        h.target is Flag.RANK_INQUIRY or h.cue in _COMMIT_ASKS
        or h.cue == "frame.commitment_request")]
    for h in rank:
        pos = body.find(h.span)
        s, e = sentence_at(body, spans, max(pos, 0))
        sentence = body[s:e]
        if "?" not in sentence and any(d in sentence or h.span in d for d in deals):
            continue  # a bargain stated, not asked: it keeps its kind
        if h.cue == "frame.commitment_request" and "?" not in sentence:
            continue
        if "?" not in sentence and pos >= s and _bargain_terms(h, body[s:pos + len(h.span)]):
            continue  # "if you are able to commit to us, …", "those who commit early get …"
        if h.target is Flag.COMMITMENT_REQUEST and "?" not in sentence and interested:
            # "You are one of our top candidates … we need your commitment that…": a
            # demand inside an interest note, not a question; the note keeps its kind
            # (commitment pressure is the flag).
            continue
        if pos >= 0 and (h.cue in _SELF_ASKING or _ASK.search(sentence)):
            out.append(Hit("info.rank_question", Kind.INFO_REQUEST, 1.2,
                           "asks for an answer about ranking", body[s:e].strip(), "body"))
            break
    if not out:  # a form or survey attached asks by its blanks: "Other programs …: ____"
        form = next((h for h in hits if h.where == "attachment"
                     and h.target is Flag.RANK_INQUIRY), None)
        if form is not None:
            out.append(Hit("info.rank_question", Kind.INFO_REQUEST, 1.2,
                           "an attached form asks about ranking or other programs", form.span,
                           "attachment"))
    return out


#: Up to a commitment cue, what makes it a term of a bargain rather than the ask: the cue
#: sits in an if-clause (no comma yet: "if you are able to commit to us, this is a real
#: advantage"). An if-clause after "let us know" or "tell me" is an indirect question, and
#: "if you could commit …" a polite request.
_IF_CLAUSE = re.compile(
    r"(?<!\bknow )(?<!\btell me )(?<!\btell us )(?<!\bsee )(?<!\bwonder )(?<!\bask )"
    r"(?<!\bconfirm )(?<!\bhear )\b(?:if|once|whenever)\b"
    r"(?! you (?:could|would|can|might|may|will)\b)[^,.;:?!]*$", re.I)
#: …or it describes a group: "the applicants who commit to us early land at the top",
#: "we tend to take the people who tell us we're their first choice".
_THOSE_WHO = re.compile(r"\b(?:applicants|candidates|people|those|folks|residents|"
                        r"interviewees|ones|anyone|everyone)\s+who\b[^,.;:?!]*$", re.I)


def _bargain_terms(hit: Hit, upto: str) -> bool:
    """Whether a red-flag cue, read up to the end of its span, states a bargain's terms."""
    if _THOSE_WHO.search(upto):
        return True
    return hit.target is Flag.COMMITMENT_REQUEST and bool(_IF_CLAUSE.search(upto))


_COMMIT_ASKS = frozenset({"commit.promise", "commit.ask_commit", "commit.rank_us_first",
                          "commit.need_assurance", "commit.committing_to_rank", "commit.assure",
                          "commit.early", "commit.commitment_from_you", "commit.confirm_rank",
                          "commit.confirm_ranking_first"})
#: Commitment cues that are requests by themselves ("we'd like your assurance that…").
_SELF_ASKING = _COMMIT_ASKS - {"commit.promise"}


#: Offer cues that only say a position outside the Match exists (no offer made).
_POSITION_ONLY = frozenset({"offer.off_cycle", "offer.outside_match", "offer.non_match"})
#: Rejection cues that close the door even when a waitlist is mentioned.
_FINAL_REJECTION = frozenset({"reject.status_line", "reject.released", "reject.no_further",
                              "reject.completed"})


def kind_scores(hits: Iterable[Hit]) -> dict[Kind, float]:
    scores: dict[Kind, float] = defaultdict(float)
    for h in hits:
        if isinstance(h.target, Kind):
            scores[h.target] += h.weight
    return scores


def context_score(hits: Iterable[Hit], name: str) -> float:
    return sum(h.weight for h in hits if h.target == name)


#: Residency evidence (distinct residency words, cues, flags) mail from a sender who is no
#: institution needs not to be off-topic ``other``.
OFF_TOPIC_EVIDENCE = 2


def other_gate(hits: list[Hit], ctx: SenderContext, terms: int, forwarded: bool,
               best: float, body: str = "", relayed: bool = False) -> Reason | None:
    """A reason to label the message ``other``, or None when it is residency mail.
    ``relayed``: the mail passes on a program's ask (a parent may relay a PD's question)."""
    scam = [h for h in hits if h.cue.startswith("other.scam")
            and not (ctx.program and h.cue == "other.scam_account")]
    if scam:
        return scam[0].reason()
    if ctx.institutional:
        return None
    if ctx.personal:
        return Reason(cue="other.personal", detail="personal mailbox, not a program or service",
                      span=ctx.address)
    family = None if relayed or not body else _FAMILY_VOICE.search(body)
    if family is not None:
        return Reason(cue="other.family", detail="family writing, not a program",
                      span=" ".join(family.group(0).split()))
    peer = _PEER_VOICE.search(body.lower()) if body else None  # on every unknown sender
    if peer is not None and not _PROGRAM_VOICE.search(body):
        return Reason(cue="other.peer", detail="another applicant telling of their own season",
                      span=body[peer.start():peer.end()])
    # a recruiter offering a residency position makes an offer, not a job advertisement
    offer = any(h.target is Kind.PRE_MATCH_OFFER for h in hits)
    commercial = [h for h in hits if h.target == "ctx.other"
                  and not (offer and h.cue == "other.recruiting") and not _texting_service(h, ctx)]
    if sum(h.weight for h in commercial) >= THRESHOLD:
        return commercial[0].reason()
    # An account-security notice alone is weak evidence (banks and shops send them too);
    # a sender named like a residency service ("SlotHarbor", "Convene Residency") adds some.
    security_only = best >= THRESHOLD and all(
        h.cue == "admin.security" for h in hits if isinstance(h.target, Kind))
    evidence = terms + (0 if best < THRESHOLD else 1 if security_only else 2) + 2 * any(
        isinstance(h.target, Flag) or h.cue == "update.audience" for h in hits) \
        + ctx.residency_sender
    if evidence < OFF_TOPIC_EVIDENCE:
        return Reason(cue="other.off_topic", detail="little residency vocabulary",
                      span=f"{terms} residency terms")
    return None


#: An applicant telling of their own season: a friend's mail from an address no record
#: knows ("I got my first invite today", "a PD asked me straight out where else I'm
#: interviewing", "I certified my list tonight").
_PEER_VOICE = fast_regex(
    r"\bi (?:got|had|have) (?:my|an?|the|another|two|three) (?:first )?(?:interview|invite)|"
    r"\bi (?:just )?certified\b|\b(?:had|did) my interview|\bmy (?:own )?(?:interview day|"
    r"rank list|first invite)|\b(?:a|the|my|one) (?:pd|program director|coordinator)\b"
    r"[^.?!\n]{0,40}\b(?:asked|told|emailed|wrote to|sent) me\b|"
    # forwarding what their own PD sent: "My PD at the Jersey program sent this today"
    r"\bmy (?:pd|program director)\b[^.?!\n]{0,40}\b(?:sent|forwarded|emailed) (?:me )?"
    r"(?:this|that)\b|"
    # "For me it's Orland Heights #1", "my number one is …", "I'm ranking Thornwood first"
    # (not a chief's "I matched here as my #1", nor a form's "1 = X will be my #1")
    r"\bfor me,? it'?s\b[^.?!\n]{0,40}(?:#\s?1|number one|first)|"
    r"\bmy (?:own )?(?:#\s?1|number one|no\.? ?1|top (?:choice|pick|three)) (?:is|was|right now)\b|"
    r"\bi(?:'m| am) (?:ranking|putting) [^.?!\n]{1,40}(?:first|#\s?1|number one|at the top)")
#: Family writing from a mailbox no record knows ("Hi sweetie, … Love, Mom"): a parent's
#: question about the list is no program's.
_FAMILY_VOICE = re.compile(
    r"^[ \t]*(?:love|hugs|xoxo|lots of love|all our love),?[ \t]*\n?[ \t]*(?:mom|mum|dad|mama|"
    r"papa|mommy|daddy|ammi|abbu|amma|appa|grandma|grandpa|nana|nani|auntie?|uncle|mamá|papá|"
    r"mãe|pai)\b|^[ \t]*(?:hi|hey|dear|my) (?:sweetie|honey|sweetheart|beta|darling|kiddo|baby|"
    r"pumpkin)\b|"
    # a bare kinship word as the last line: "Mamoo" (mother's brother), "Ammi"
    r"^[ \t]*(?:mom|mum|dad|mama|papa|ammi|abbu|amma|appa|mamoo|mamu|chacha|khala|phupho|"
    r"nana|nani|dada|dadi)[ \t]*\Z", re.I | re.M)
#: A program speaking of itself.
_PROGRAM_VOICE = re.compile(r"\b(?:our (?:program|residency|residents|interview|faculty|"
                            r"selection committee|coordinator)|we are pleased|we would like to|"
                            r"we'd like to invite)\b", re.I)


def choose_kind(hits: list[Hit], ctx: SenderContext, body: str = "", reply_subject: str = ""
                ) -> tuple[Kind, list[Reason], float]:
    """Precedence among kinds over the threshold, else a fallback from the sender.
    ``reply_subject`` is the subject of a reply (empty for new mail)."""
    scores = kind_scores(hits)
    if any(h.cue.startswith("commit.reciprocity") for h in hits):
        # "If you rank us first, we'll make sure you match": a (forbidden) interest signal.
        scores[Kind.INTEREST_SIGNAL] += THRESHOLD
    if body and any(h.target is Flag.WITHDRAWAL_REQUEST for h in hits) \
            and scores[Kind.INTERVIEW_INVITE] < THRESHOLD and _POSITION_WORDS.search(body):
        # "To accept this position you will need to withdraw from the Match": the withdrawal
        # is the condition of an offer.
        scores[Kind.PRE_MATCH_OFFER] += THRESHOLD
    bulk = context_score(hits, "ctx.bulk")
    # "Dear Dr. Mendoza, … a few items for all applicants who need a visa": a note to one
    # person that mentions everyone is still a note to one person.
    audience = any(h.cue == "update.audience" for h in hits)
    if audience and _to_one_person(body):
        audience = False
        bulk -= sum(h.weight for h in hits if h.cue == "update.audience")
    if audience:
        # "Dear applicants": not a personal note, not about one applicant's interview.
        for k, factor in ((Kind.INTEREST_SIGNAL, 0.3), (Kind.INFO_REQUEST, 0.5),
                          (Kind.INTERVIEW_LOGISTICS, 0.5), (Kind.ADMIN_NOTICE, 0.6)):
            scores[k] *= factor
        scores[Kind.PROGRAM_UPDATE] += 0.4
    elif bulk >= 0.8:
        # A mailing-list footer: personal kinds need more than one cue to survive.
        for k, factor in ((Kind.INTEREST_SIGNAL, 0.5), (Kind.INFO_REQUEST, 0.6),
                          (Kind.INTERVIEW_LOGISTICS, 0.6)):
            scores[k] *= factor
        scores[Kind.PROGRAM_UPDATE] += 0.3
    strong = [k for k, s in scores.items() if s >= THRESHOLD]
    if Kind.PRE_MATCH_OFFER in strong and Kind.INTERVIEW_INVITE in strong and all(
            h.cue in _POSITION_ONLY for h in hits if h.target is Kind.PRE_MATCH_OFFER):
        # "An off-cycle PGY-1 position has opened; would you be available for a video
        # interview?": a position outside the Match exists, but what is offered is an
        # interview.
        strong.remove(Kind.PRE_MATCH_OFFER)
    if Kind.WAITLIST in strong and any(h.cue == "logistics.date_waitlist" for h in hits):
        # "You're on the waitlist for an earlier date; your Jan 21 interview stays booked."
        strong.remove(Kind.WAITLIST)
        if Kind.INTERVIEW_LOGISTICS not in strong:
            strong.append(Kind.INTERVIEW_LOGISTICS)
    if Kind.WAITLIST in strong and Kind.REJECTION in strong and not any(
            h.cue in _FINAL_REJECTION or (h.target is Kind.REJECTION
                                          and "no longer" in h.span.lower()) for h in hits):
        # "We cannot offer you an interview at this time, but you are on our waitlist":
        # not a final decision, so the waitlist placement is what the message does.
        strong.remove(Kind.REJECTION)
    if strong:
        kind = min(strong, key=lambda k: k.precedence)
        why = [h.reason() for h in hits if h.target is kind]
        return kind, why, min(0.97, 0.55 + 0.12 * scores[kind])
    return _fallback(hits, ctx, scores, bulk, body, reply_subject)


_POSITION_WORDS = re.compile(r"\b(?:position|spot|contract|agreement|offer|sign|accept)\b", re.I)
#: A greeting to one person ("Dear Dr. Mendoza,", "Hi Rafael,"), not to a list.
_SALUTATION = re.compile(
    r"^[ \t]*(?i:dear|hi|hello|hey|good (?:morning|afternoon|evening)|greetings)\b,?[ \t]+"
    r"(?!(?i:all|everyone|applicants?|candidates?|interviewees?|colleagues|friends|team|"
    r"residents|students|prospective|future|class)\b)(?i:dr\.?[ \t]+|doctor[ \t]+|mr\.?[ \t]+|"
    r"ms\.?[ \t]+)?[A-Z][\w'-]+", re.M)
_GROUP = re.compile(r"\b(?:applicants|candidates|interviewees|everyone|all|colleagues)\b", re.I)


def _to_one_person(body: str) -> bool:
    """The mail opens with a greeting to a name ("Hi Dr. Nwachukwu,"), not to a group
    ("Dear TY applicants,")."""
    greeting = _SALUTATION.search(body[:600])
    if greeting is None:
        return False
    end = body.find("\n", greeting.end())
    return not _GROUP.search(body, greeting.start(), end if end >= 0 else len(body))


_QUESTION = re.compile(r"\?[ \t]*(?:\n|$)|\?[ \t]+[A-Z]")
_PRAISE = re.compile(
    r"\b(?:impressed|enjoyed (?:meeting|getting to know|talking|speaking)|pleasure (?:meeting|to "
    r"meet|getting to know)|stood out|stand out|we noticed you|spoke highly|think highly|"
    r"remember(?:ed)? (?:you|your)|(?:loved|enjoyed) (?:your|having you))\b", re.I)


def _fallback(hits: list[Hit], ctx: SenderContext, scores: dict[Kind, float],
              bulk: float, body: str = "", reply_subject: str = ""
              ) -> tuple[Kind, list[Reason], float]:
    """No kind reached the threshold: decide from the evidence there is, with its reason."""
    if ctx.national or ctx.platform:
        return Kind.ADMIN_NOTICE, [Reason(cue="sender.service", detail="national service or "
                                          "platform notice", span=ctx.address)], 0.6
    if bulk >= 0.8:
        why = [h.reason() for h in hits if h.target == "ctx.bulk"]
        return Kind.PROGRAM_UPDATE, why, 0.55
    if scores and max(scores.values()) > 0:
        kind = max(scores, key=lambda k: (scores[k], -k.precedence))
        return kind, [h.reason() for h in hits if h.target is kind], 0.45
    if ctx.automated:
        return Kind.ADMIN_NOTICE, [Reason(cue="sender.automated", detail="automated sender",
                                          span=ctx.address)], 0.45
    head = body[:600]
    greeting = _SALUTATION.search(head)
    if greeting:
        praise = _PRAISE.search(body)
        asked = _QUESTION.search(body)
        line = body[body.rfind("\n", 0, asked.start()) + 1:asked.end()].strip() if asked else ""
        if line and _SCHEDULING_QUESTION.search(line) and _ABOUT_A_VISIT.search(body):
            # "Which block would you prefer?", "Could you let me know your arrival plans?":
            # taxonomy.md's info requests are those that are not scheduling.
            return Kind.INTERVIEW_LOGISTICS, [Reason(cue="fallback.scheduling_question",
                                                     detail="asks the applicant a scheduling "
                                                     "question", span=line)], 0.4
        if line and not _FAQ.match(line.lower()):
            return Kind.INFO_REQUEST, [Reason(cue="fallback.personal_question", detail="personal "
                                              "note that asks the applicant a question",
                                              span=line)], 0.4
        if praise:
            return Kind.INTEREST_SIGNAL, [Reason(cue="fallback.personal_praise", detail="personal "
                                                 "note praising the applicant",
                                                 span=praise.group(0))], 0.4
    if ctx.program and _INTERVIEW_WORD.search(reply_subject):
        # "Got you down for Dec 3. Thanks!" under "RE: Interview invitation": the
        # conversation about an interview already offered.
        return Kind.INTERVIEW_LOGISTICS, [Reason(cue="fallback.interview_thread", detail="a "
                                                 "program's reply in an interview thread",
                                                 span=reply_subject)], 0.4
    if ctx.program and not greeting and not reply_subject:
        # A program writing to nobody in particular, about nothing of the applicant's: a
        # mailing (news, reminders for everyone), not a notice about the application. A
        # reply ("RE: Step 3 date needed … Perfect, your file is complete") answers her.
        return Kind.PROGRAM_UPDATE, [Reason(cue="fallback.program_mailing", detail="program "
                                            "mail with no personal greeting or cue",
                                            span=ctx.address)], 0.35
    return Kind.ADMIN_NOTICE, [Reason(cue="fallback", detail="residency mail, no specific cue")], \
        0.35


_INTERVIEW_WORD = re.compile(r"\binterview", re.I)
#: A question about when or how the applicant comes, not about the applicant.
_SCHEDULING_QUESTION = re.compile(
    r"\b(?:which (?:one|date|day|time|slot|session|block|option|of (?:these|the|those) "
    r"(?:dates|days|times|slots|sessions|blocks|options))s?|which would you prefer|"
    r"(?:would|do) you prefer|you(?:'d| would) prefer|(?:works?|suits?) (?:best|better|for you)|"
    r"arrival|arriv(?:e|ing) (?:on|at|in|by)|flight|availab(?:le|ility)|confirm (?:that )?"
    r"you(?:'ll| will)? (?:be )?(?:joining|attending|coming|there|able to (?:attend|join|make "
    r"it))|(?:joining|attending) us)\b", re.I)
#: What such a question is about: an interview, a visit or an event of the season.
_ABOUT_A_VISIT = re.compile(r"\b(?:interview\w*|second look|visit|session|dinner|social|"
                            r"open house|tour|rotation)\b", re.I)


def red_flags(hits: list[Hit], kind: Kind) -> tuple[frozenset[Flag], list[Reason]]:
    """Flag cues over the threshold. A cue that ``requires_kind`` (signing or accepting,
    which only means commitment pressure about an offer) fires when the message is that
    kind *or* carries any evidence of it (an offer cue, a withdrawal request), so pressure
    to sign inside an interest note or an info request is flagged too; post-Match
    onboarding ("congratulations on your Match … sign your contract") is not."""
    flags: set[Flag] = set()
    why: list[Reason] = []
    evidence = {h.target for h in hits if isinstance(h.target, Kind)} | {
        h.target for h in hits if h.target is Flag.WITHDRAWAL_REQUEST}
    onboarding = any(h.cue in ("admin.welcome_matched", "admin.matched_here") for h in hits)
    for h in hits:
        if isinstance(h.target, Flag) and h.weight >= THRESHOLD:
            if h.requires_kind is not None and h.requires_kind is not kind and (
                    onboarding or not ({h.requires_kind, Flag.WITHDRAWAL_REQUEST} & evidence)):
                continue
            flags.add(h.target)
            why.append(h.reason())
    return frozenset(flags), why
