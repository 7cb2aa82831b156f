"""The cue registry: pattern families, each pointing at a kind, a flag or a context signal.

A cue is a *family* of phrasings (regular expressions over normalized text), not a
corpus sentence: "invite you to interview", "has invited you to interview", "would
love to interview you" and "offer you an interview" are one family. Each cue
carries a weight; the classifier sums weights per target and applies the
precedence of taxonomy.md. Cues marked ``negatable`` are ignored when a negation
or a policy frame ("programs may not ask…", "we will never ask…") stands just
before them in the same sentence: that is how "we are not asking where you intend
to rank us" differs from "where do you intend to rank us?".

Context targets (strings starting with ``ctx.``) are not kinds: they describe the
sender or the mailing (bulk, automated, commercial, personal) and feed the gate
that decides between residency mail and ``other``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise

import ahocorasick

try:  # Python 3.11+: the regex parser lives in re._parser (sre_parse is deprecated).
    from re import _constants as _sc
    from re import _parser as _sp
except ImportError:  # pragma: no cover
    import sre_constants as _sc  # type: ignore[no-redef]
    import sre_parse as _sp  # type: ignore[no-redef]

from mailsync.classify.memo import default_memo
from mailsync.taxonomy import Flag, Kind

Target = Kind | Flag | str
#: Longest stretch a cue match covers before its literal; patterns are written to stay
#: within a sentence, so this bound is generous.
MAX_SPAN = 300


@dataclass(frozen=True, slots=True)
class Cue:
    """One pattern family. ``where`` is body, subject or attachment."""

    name: str
    target: Target
    weight: float
    detail: str
    #: The pattern as written (case-insensitive); see :attr:`pattern`.
    source: str
    negatable: bool = True
    where: str = "body"
    requires_kind: Kind | None = None
    hypothetical: bool = False  # skip when it follows "if", "when", "whether"…
    neg_window: int = 45  # how far back (characters) a negation still applies
    #: Lower-case strings one of which must occur for the pattern to match at all
    #: (derived from the pattern); lets most cues be skipped with a substring test.
    prefilter: tuple[str, ...] | None = field(default=None, compare=False)
    #: The pattern compiled for lower-cased text, without re.I and without its leading
    #: word boundary: both defeat the regex engine's literal-prefix search, which makes
    #: the registry about ten times faster. The boundary is checked by the caller.
    fast: re.Pattern[str] | None = field(default=None, compare=False)
    word_start: bool = field(default=False, compare=False)
    #: Must match the text just before the hit in the same sentence (cheap look-behind).
    before: re.Pattern[str] | None = field(default=None, compare=False)
    #: Must *not* match the text just before the hit ("telling us we are your #1": reported).
    unless: re.Pattern[str] | None = field(default=None, compare=False)
    #: Whole words one of which every match contains; tested against the message's word
    #: set (a C-level set operation), so most cues are skipped without touching the text.
    anchors: frozenset[str] | None = field(default=None, compare=False)
    #: One 4-character piece of each prefilter literal (see :meth:`may_match_grams`).
    grams: frozenset[str] | None = field(default=None, compare=False)
    #: Sets of word pieces each of which must meet the text's pieces (see :func:`gate_clauses`).
    clauses: tuple[frozenset[str], ...] | None = field(default=None, compare=False)

    @property
    def pattern(self) -> re.Pattern[str]:
        """The pattern compiled as written, for the original text. Classification runs
        :attr:`fast` only; compiling this copy of every cue at import would double the
        registry's start-up (the regex module caches it once asked for)."""
        return re.compile(self.source, re.I | re.M)

    def may_match(self, lowered: str) -> bool:
        return self.prefilter is None or any(p in lowered for p in self.prefilter)

    def may_match_grams(self, grams: set[str]) -> bool:
        """A necessary condition in one C-level set operation: some prefilter literal's
        chosen 4-gram occurs in the text (``grams`` = all 4-grams of the text)."""
        return self.grams is None or not self.grams.isdisjoint(grams)

    def scan_from(self, lowered: str) -> int:
        """Where a match can start at the earliest (-1: nowhere). Every match contains one
        of the prefilter literals, so none starts more than :data:`MAX_SPAN` characters
        before the first occurrence of any of them."""
        if self.prefilter is None:
            return 0
        first = -1
        for p in self.prefilter:
            i = lowered.find(p)
            if i >= 0 and (first < 0 or i < first):
                first = i
        return -1 if first < 0 else max(0, first - MAX_SPAN)


def _c(name: str, target: Target, weight: float, detail: str, pattern: str, *,
       negatable: bool = True, where: str = "body", requires_kind: Kind | None = None,
       hypothetical: bool = False, neg_window: int = 45, before: str = "", unless: str = "",
       keys: tuple[str, ...] = ()) -> Cue:
    """Build a cue. ``keys`` overrides the derived prefilter: lower-case strings one of
    which *every* match contains (checked by the registry tests on the dev corpus)."""
    prefixes = tuple(keys) if keys else _MEMO.get("prefixes", pattern, literal_prefixes,
                                                  _listed, _tupled)
    branches = _top_level_branches(pattern)
    # A leading \b (in any top-level branch) defeats the engine's first-character search;
    # drop it when every branch has one and check the boundary in Python instead.
    word_start = any(b.startswith(r"\b") for b in branches)
    fast_src = "|".join(b[2:] if b.startswith(r"\b") else b for b in branches)
    fast = re.compile(_literal_led(fast_src).lower(), re.M)
    before_rx = re.compile(before, re.I) if before else None
    unless_rx = re.compile(unless, re.I) if unless else None
    return Cue(name, target, weight, detail, pattern, negatable, where,
               requires_kind, hypothetical, neg_window, prefixes, fast, word_start, before_rx,
               unless_rx, None, _grams(prefixes),
               _MEMO.get("gates", pattern, gate_clauses, _listed_sets, _tupled_sets))


#: The registry's pattern analyses, remembered between runs (see :mod:`.memo`); saved
#: once the registry is built, at the end of this module.
_MEMO = default_memo()


def _listed(value: tuple[str, ...] | None) -> list[str] | None:
    return None if value is None else list(value)


def _tupled(value: list[str] | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(value)


def _listed_sets(value: tuple[frozenset[str], ...] | None) -> list[list[str]] | None:
    return None if value is None else [sorted(s) for s in value]


def _tupled_sets(value: list[list[str]] | None) -> tuple[frozenset[str], ...] | None:
    return None if value is None else tuple(frozenset(s) for s in value)


GRAM = 4


def text_grams(lowered: str) -> set[str]:
    """Every 4-character substring of ``lowered`` (the index :meth:`Cue.may_match_grams` uses)."""
    return {lowered[i:i + GRAM] for i in range(len(lowered) - GRAM + 1)}


def _grams(literals: tuple[str, ...] | None) -> frozenset[str] | None:
    if not literals or any(len(lit) < GRAM for lit in literals):
        return None
    return frozenset(_best_gram(lit) for lit in literals)


def _best_gram(literal: str) -> str:
    """The 4-gram of a literal least likely to occur by chance: inside its rarest word."""
    words = sorted(re.finditer(r"[a-z0-9#%'-]{4,}", literal), key=lambda m: -_rarity(m.group(0)))
    if words:
        w = words[0]
        mid = w.start() + (len(w.group(0)) - GRAM) // 2
        return literal[mid:mid + GRAM]
    return literal[:GRAM]


def fast_regex(pattern: str) -> re.Pattern[str]:
    """Compile ``pattern`` for *lower-cased* text, fast: no re.I, leading \\b of top-level
    branches dropped (a match may then start inside a word; callers use this only where
    that is harmless) and branches distributed to start with a literal."""
    branches = [b[2:] if b.startswith(r"\b") else b for b in _top_level_branches(pattern)]
    return re.compile(_literal_led("|".join(branches)).lower(), re.M)


def _literal_led(pattern: str, limit: int = 48) -> str:
    """Rewrite ``pattern`` so that each top-level branch starts with a literal character,
    distributing leading groups ("(?:a|b)c" → "ac|bc", "(?:x )?y" → "x y|y").

    The regex engine scans fast only for a pattern whose branches all begin with a literal
    (it then jumps between candidate first characters in C); the rewrite matches exactly
    the same strings. Left unchanged when expansion would exceed ``limit`` branches."""
    out: list[str] = []
    todo = _top_level_branches(pattern)
    while todo:
        b = todo.pop(0)
        expanded = _distribute(b)
        if expanded is None:
            out.append(b)
        else:
            todo[:0] = expanded
        if len(out) + len(todo) > limit:
            return pattern
    return "|".join(out)


def _distribute(branch: str) -> list[str] | None:
    """One step of :func:`_literal_led` for a branch led by a non-capturing group."""
    if not branch.startswith("(?:"):
        return None
    end = _group_end(branch, 0)
    if end < 0:
        return None
    inner, rest = branch[3:end], branch[end + 1:]
    alts = _top_level_branches(inner)
    if rest.startswith("??") or rest[:1] in ("*", "+", "{"):
        return None
    if rest.startswith("?"):
        rest = rest[1:]
        return [a + rest for a in alts if a + rest] + ([rest] if rest else [])
    return [a + rest for a in alts]


def _structure(pattern: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """(index, character, group depth after it) for the characters that shape a
    pattern: escapes and character classes are stepped over, so ``(``, ``)`` and
    ``|`` inside them never count."""
    depth, i, in_class = 0, start, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        else:
            depth += (ch == "(") - (ch == ")")
            yield i, ch, depth
        i += 1


def _group_end(pattern: str, start: int) -> int:
    """Index of the parenthesis closing the group opened at ``start`` (-1 if none)."""
    return next((i for i, ch, depth in _structure(pattern, start) if ch == ")" and depth == 0),
                -1)


def _top_level_branches(pattern: str) -> list[str]:
    """Split a pattern at its top-level ``|`` (outside groups, classes and escapes)."""
    cuts = [i for i, ch, depth in _structure(pattern) if ch == "|" and depth == 0]
    bounds = [-1, *cuts, len(pattern)]
    return [pattern[a + 1:b] for a, b in pairwise(bounds)]


class WordAlternation:
    r"""A word-bounded alternation (``\b(?:…)``, compiled with re.I), matched on
    lower-cased text several times faster, with the same matches.

    The case-insensitive, boundary-led pattern defeats the regex engine's first-character
    scan, so it tries every alternative at every position. Here the pattern is compiled
    for lower case, without re.I and without its leading ``\b``, its alternatives
    distributed to start with a literal. When every alternative does, one Aho–Corasick
    pass over the text finds where any of those leading literals occurs, and the pattern
    is only tried there, left to right, where the leading boundary holds: a frame's topic
    has a hundred alternatives, a sentence a handful of places one of them could start.
    An alternative led by any word (``[A-Z][\w'-]+ (?:stands|ranks) …``) is found through
    the literals after that word: each start inside the word before one is a candidate.
    Otherwise the compiled pattern searches, and a start that fails the boundary resumes
    one character later. Either way the leftmost match is found, as the original does."""

    __slots__ = ("fast", "starts", "word_led")

    def __init__(self, rx: re.Pattern[str]) -> None:
        src = rx.pattern
        if not src.startswith(r"\b(?:"):  # pragma: no cover - a programming error
            raise ValueError(f"not a word-bounded alternation: {src[:40]}")
        body = _literal_led(src[2:], limit=400).replace("[A-Z]", "[a-z]")
        self.fast = re.compile(body.lower())
        self.starts = _start_finder(self.fast.pattern)
        self.word_led = self.starts is not None and any(v < 0 for v in self.starts.values())

    def search(self, low: str) -> re.Match[str] | None:
        if self.starts is None:
            return self._scan(low)
        match = self.fast.match
        starts = (_candidates(self.starts, low) if self.word_led
                  else {end - n for end, n in self.starts.iter(low)})
        for i in sorted(starts):
            before = i > 0 and (low[i - 1].isalnum() or low[i - 1] == "_")
            inside = low[i].isalnum() or low[i] == "_"
            if before != inside:  # \b holds at i
                m = match(low, i)
                if m is not None:
                    return m
        return None

    def _scan(self, low: str) -> re.Match[str] | None:
        find = self.fast.search
        m = find(low)
        while m is not None:
            i = m.start()
            before = i > 0 and (low[i - 1].isalnum() or low[i - 1] == "_")
            inside = low[i].isalnum() or low[i] == "_"
            if before != inside:  # \b holds at i
                return m
            # Inside a word no position has a boundary: resume where the word ends.
            m = find(low, _WORD_RUN.match(low, i).end() if inside else i + 1)
        return None


def _candidates(starts: ahocorasick.Automaton, low: str) -> set[int]:
    """Every offset where an alternative of a :class:`WordAlternation` could start."""
    out: set[int] = set()
    for end, n in starts.iter(low):
        if n >= 0:
            out.add(end - n)
        else:  # a literal after a leading word: any start inside that word
            i = end + n + 1  # the space before the literal
            while i > 0 and (low[i - 1].isalnum() or low[i - 1] in "_'-"):
                i -= 1
                out.add(i)
    return out


#: A branch led by any one word and a space (lower-cased): found via what follows it.
_WORD_LED = ("[a-z][\\w'-]+ ", "[a-z]+ ", "[\\w'-]+ ", "\\w+ ")


def _start_finder(pattern: str) -> ahocorasick.Automaton | None:
    """An automaton of the literals the pattern's top-level alternatives start with, or
    follow a leading word with (see :data:`_WORD_LED`); None when some alternative starts
    otherwise. Its values turn an end offset into a start: a literal's length less one,
    or, for a literal after a word, minus the length of " " and the literal."""
    words: dict[str, int] = {}
    for branch in _top_level_branches(pattern):
        lit = _leading_literal(branch)
        if lit:
            words[lit] = len(lit) - 1
            continue
        lead = next((w for w in _WORD_LED if branch.startswith(w)), None)
        if lead is None:
            return None
        rest = branch[len(lead):]
        heads = [_leading_literal(b) for b in _top_level_branches(_literal_led(rest, 400))]
        if not heads or not all(heads):
            return None
        for head in heads:
            if words.setdefault(" " + head, -(len(head) + 1)) >= 0:
                return None  # also a branch's own start: one value cannot say both
    if not words:
        return None
    automaton = ahocorasick.Automaton()
    for word, value in words.items():
        automaton.add_word(word, value)
    automaton.make_automaton()
    return automaton


_QUANTIFIERS = ("?", "*", "{")
_ESCAPED_LITERAL = frozenset(".-'#&/ ,:;!\"()[]{}?*+|^$\\@%=<>~`")


def _leading_literal(branch: str) -> str:
    r"""The characters every match of ``branch`` starts with ("" when it starts with a class,
    a group or an escape class like ``\s``)."""
    out: list[str] = []
    i = 0
    while i < len(branch):
        ch = branch[i]
        if ch == "\\" and i + 1 < len(branch) and branch[i + 1] in _ESCAPED_LITERAL:
            lit, step = branch[i + 1], 2
        elif ch == "\\" or ch in ".[(|^$+*?{)":
            break
        else:
            lit, step = ch, 1
        if branch[i + step:i + step + 1] in _QUANTIFIERS and branch[i + step:i + step + 1]:
            break  # an optional or repeated character ends the fixed start
        out.append(lit)
        i += step
    return "".join(out)


_WORD_RUN = re.compile(r"\w+")


_WORD = re.compile(r"[a-z0-9]+")
_MARK = "\x00"  # a word boundary (\b) inside a literal run


def words_of(text: str) -> frozenset[str]:
    """The lower-case word tokens of ``text`` (what :attr:`Cue.anchors` are tested against)."""
    return frozenset(_WORD.findall(text.lower()))


def key_of(literal: str) -> str:
    """The most selective word (4+ letters) inside a literal, or the literal itself."""
    words = re.findall(r"[a-z0-9#%'-]{4,}", literal)
    return max(words, key=_rarity) if words else literal


def literal_prefixes(pattern: str, minimum: int = 3) -> tuple[str, ...] | None:
    """Lower-case literals, one of which every match must contain: a small hitting set
    over the pattern's alternatives (each alternative contains at least one of them).
    None when some alternative has no literal of at least ``minimum`` characters, in
    which case the cue always runs."""
    try:
        dnf = _required(_sp.parse(pattern, re.I))
    except _TooManyAlternatives:
        return None
    except Exception:  # pragma: no cover - an exotic construct: no prefilter, still correct
        return None
    conjs = [{lit for lit in conj if len(lit.strip()) >= minimum} for conj in dnf]
    if not conjs or any(not c for c in conjs):
        return None
    return tuple(sorted(_hitting_set(conjs)))


def _hitting_set(conjs: list[set[str]]) -> list[str]:
    """A small set of literals meeting every conjunction (greedy: most covered, rarest)."""
    chosen: list[str] = []
    open_ = list(range(len(conjs)))
    while open_:
        counts: dict[str, int] = {}
        for i in open_:
            for lit in conjs[i]:
                counts[lit] = counts.get(lit, 0) + 1
        pick = max(counts, key=lambda lit: (counts[lit] * (1.0 + _rarity(lit) / 8), lit))
        chosen.append(pick)
        open_ = [i for i in open_ if pick not in conjs[i]]
    return chosen


def gate_clauses(pattern: str, most: int = 2) -> tuple[frozenset[str], ...] | None:
    """Up to ``most`` sets of word pieces such that, for the pattern to match a text,
    each set has a piece occurring inside one of the text's white-space-delimited chunks
    (a necessary condition in conjunctive form, tested on a message's chunk index by
    :class:`~mailsync.classify.engine.KeyFinder`).

    The pieces are the words (3+ characters, not stop words) of the literals every
    alternative of the pattern must contain; the first set is a hitting set of the
    alternatives, the next one a hitting set of what each alternative has left, so a
    text must hold two of an alternative's words, not one. None when some alternative
    has no such word."""
    try:
        dnf = _required(_sp.parse(pattern, re.I))
    except Exception:  # too many alternatives or an exotic construct: no gate, still correct
        return None
    conjs = [{p for lit in conj for p in lit.split() if len(p) >= 3 and p not in _STOP_PIECES}
             for conj in dnf]
    if not conjs or any(not c for c in conjs):
        return None
    clauses: list[frozenset[str]] = []
    while len(clauses) < most and all(conjs):
        picked = frozenset(_hitting_set(conjs))
        clauses.append(picked)
        conjs = [c - picked for c in conjs]
    return tuple(clauses)


_Dnf = list[frozenset[str]]
_STOPWORDS = ("you your the to a an of in on for we our is are be with and or not that "
              "this it if at by as have has will would can i me us")
#: Words nearly every residency message contains select nothing either.
_DOMAIN_WORDS = ("interview interviews residency program programs application applicants "
                 "applicant match resident residents date dates list email reply offer "
                 "position rank")
_COMMON = frozenset(_STOPWORDS.split()) | frozenset(_DOMAIN_WORDS.split())
_STOP_PIECES = frozenset(_STOPWORDS.split())


def _rarity(literal: str) -> float:
    """How selective a literal is as a prefilter: its letters outside very common words."""
    words = re.findall(r"[a-z0-9#'-]+", literal)
    return sum(len(w) for w in words if w not in _COMMON) + 0.01 * len(literal)


def _required(seq, marks: bool = False) -> _Dnf:  # type: ignore[no-untyped-def]
    """Alternatives (as sets of literal runs that must all occur) for a parsed sequence.
    With ``marks``, word boundaries are kept in the runs as :data:`_MARK`."""
    dnf: _Dnf = [frozenset()]
    run = ""

    def flush(d: _Dnf, r: str) -> _Dnf:
        r = r if marks else r.replace(_MARK, "")
        return [c | {r} for c in d] if r.strip(_MARK) else d

    for op, av in seq:
        if op is _sc.LITERAL:
            run += chr(av).lower()
            continue
        if op is _sc.AT:
            if marks and av in (_sc.AT_BOUNDARY, _sc.AT_BEGINNING, _sc.AT_END):
                run += _MARK
            continue
        if op in (_sc.ASSERT_NOT, _sc.ASSERT):
            dnf, run = flush(dnf, run), ""
            continue
        dnf, run = flush(dnf, run), ""
        if op is _sc.SUBPATTERN:
            sub = _required(av[-1], marks)
        elif op is _sc.BRANCH:
            sub = [c for b in av[1] for c in _required(b, marks)]
        elif op in (_sc.MAX_REPEAT, _sc.MIN_REPEAT) and av[0] >= 1:
            sub = _required(av[2], marks)
        else:
            continue
        dnf = [a | b for a in dnf for b in sub]
        if len(dnf) > _DNF_LIMIT:
            # Too many alternatives to list: dropping some would let the prefilter hide a
            # match, so give up (the cue then always runs, or its ``keys`` are used).
            raise _TooManyAlternatives
    return flush(dnf, run)


class _TooManyAlternatives(Exception):
    pass


_DNF_LIMIT = 4000


# Shared vocabulary -------------------------------------------------------------------------
_WE = r"(?:we|I|our (?:program|committee|faculty|team|selection committee))"
_YOU_RANK_SLOT = r"(?:#\s?1|number one|no\.\s?1|first|1st|top(?: choice| pick|\s\d+| three| five)?)"
_NEG = re.compile(
    r"(?:\bnot\b|\bnever\b|\bno\b|n't\b|\bunable\b|\bcannot\b|\bwithout\b|\bnor\b|\bprohibit\w*|"
    r"\bforbid\w*|\brather not\b|\bno need\b|\bnobody\b|\bno-?one\b|\bno one\b)"
    # a negation stops at "but", "however", the next clause of a list (", and return…"),
    # what is asked instead ("It doesn't need to be fancy — just a line saying …") or a
    # colon ("what nobody will tell you officially: rank us first and you're in")
    r"(?:(?!\bbut\b|\bhowever\b|,\s*and\b|[,—–]\s*just\b| - just\b)[^.?!;:])*$",
    re.I,
)
_HYPOTHETICAL = re.compile(r"\b(?:if|when|whether|once|should|as|until|unless)\b[^.?!;]{0,30}"
    r"$", re.I)


_NOT_NEGATION = re.compile(r"\bno (?:pressure|worries|problem|rush|obligation)\b|"
                           r"\bnot (?:sure|only)\b|\bno matter\b", re.I)


def negated(prefix: str, window: int = 45) -> bool:
    """True when ``prefix`` (the text just before a match, same sentence) ends in a negation
    that reaches the match (at most ``window`` characters back). "No pressure, but…" and
    "not only" are not negations of what follows."""
    if not window:
        return False
    if "ask" in prefix and _WONT_ASK.search(prefix):
        return True  # "We won't ask how you will rank us, … or where else you've interviewed"
    if "oblig" in prefix and _NO_OBLIGATION.search(prefix):
        return True  # "you are under no obligation to sign it, to cancel interviews, …"
    if "owe" in prefix and _OWE_NOTHING.search(prefix):
        return True  # "do not feel you owe us any information about where else …, or how …"
    tail = prefix[-window:]
    low = tail.lower()
    if "no" not in low and not any(w in low for w in _NEG_LITERALS):
        return False  # every negation _NEG knows holds "no" or one of these
    if "no" in low:
        tail = _NOT_NEGATION.sub(" ", tail)
    return bool(_NEG.search(tail))


#: No duty, whose list of what need not be done runs on past the negation window.
_NO_OBLIGATION = re.compile(r"\b(?:under no obligation|not (?:under any )?obligat(?:ed|ion)|"
                            r"no obligation)\b(?:(?!\bbut\b|\bhowever\b)[^;.?!])*$", re.I)
#: Nothing owed, whose list of what is not owed runs on past the negation window.
_OWE_NOTHING = re.compile(r"\b(?:(?:do not|don't|never|shouldn't|should not) feel (?:that )?you "
                          r"owe|you (?:do not|don't|never) owe|you owe (?:us|me|them|anyone) "
                          r"nothing)\b(?:(?!\bbut\b|\bhowever\b)[^;.?!])*$", re.I)
#: A promise not to ask, whose list of questions runs on past the negation window.
_WONT_ASK = re.compile(r"\b(?:won't|will not|will never|would never|never|don't|do not|"
                       r"cannot|can't|may not|must not|are not allowed to|(?:are|is) "
                       r"prohibited from)\s+(?:ever\s+)?"
                       # "we don't make pre-match offers or ask applicants to commit"
                       r"(?:(?:[\w'-]+\s+){1,6}?(?:or|nor)\s+)?ask\b", re.I)
#: With "no" (not, no, cannot, nor, no need), the literals of every _NEG alternative.
_NEG_LITERALS = ("n't", "never", "unable", "without", "prohibit", "forbid")


def hypothetical(prefix: str) -> bool:
    """True when the match sits in a condition ("if a spot opens", "whether you've been…").
    A condition already closed by a demand is not one: "once you sign, please withdraw…"."""
    tail = prefix[-40:]
    return bool(_HYPOTHETICAL.search(tail)) and not _DEMAND_AFTER_CONDITION.search(tail) \
        and not _BARGAIN_CONDITION.search(tail)


#: "if you agree to …", "provided you …", "as long as you …": the program's terms.
_BARGAIN_CONDITION = re.compile(
    r"\b(?:if you(?:'re| are)? (?:agree|willing|prepared|ready) to|if you (?:could|would)|"
    r"provided (?:that )?you|as long "
    r"as you|on (?:the )?condition (?:that )?you)\b[^.?!;]{0,30}$", re.I)


_DEMAND_AFTER_CONDITION = re.compile(
    r",\s*(?:then\s+)?(?:please|kindly|you (?:must|will need to|need to|should|have to|are "
    r"expected to)|we (?:ask|need|require|expect) (?:that )?you|(?:I|we)(?:'d| would)? "
    r"(?:strongly )?(?:encourage|urge|advise|recommend|suggest) (?:that )?you)\b[^,]*$", re.I)


# Kinds -------------------------------------------------------------------------------------
_INVITE = [
    _c("invite.phrase", Kind.INTERVIEW_INVITE, 1.6, "invitation to interview",
       r"\b(?:invit(?:e|es|ed|ing)) you\b(?! to (?:use|join|create|register|sign|set up|activate|"
       r"download|connect|try))[^.?!\n]{0,25}?\b(?:to|for)\b(?: an?| our| your)?"
       r"(?: [\w-]+){0,3} interview", hypothetical=True),
    _c("invite.platform", Kind.INTERVIEW_INVITE, 1.6, "platform: program invited you",
       r"\b(?:has|have) invited you to (?:an? )?interview|\byou(?:'ve| have) been invited to "
       r"(?:an? )?interview|\byou have a new interview invitation|\bis inviting you to interview|"
       r"\byou're invited to interview|\byou(?:'ve| have) received an? (?:new )?interview "
       r"invitation|\bwould you be available (?:for|to do) an? (?:[\w-]+ ){0,2}interview\b",
       hypothetical=True),
    _c("invite.phone", Kind.INTERVIEW_INVITE, 1.6, "program wants a phone or video interview",
       r"\b(?:would|'d) like to (?:do|have|schedule|set up|arrange|hold) (?:a |an )?(?:brief |"
       r"short |quick |\d+-minute )?(?:phone|video|virtual|zoom|telephone|teams|in-person) "
       r"interview\b", hypothetical=True,
       keys=("phone interview", "video interview", "virtual interview", "zoom interview",
             "telephone interview", "teams interview", "in-person interview")),
    _c("invite.waitlist", Kind.INTERVIEW_INVITE, 1.6, "invited off the waitlist",
       r"\binvit\w* you off (?:of )?(?:our|the) wait ?list"),
    _c("invite.want", Kind.INTERVIEW_INVITE, 1.5, "program wants to interview you",
       r"\b(?:like|love|want|happy|glad|delighted|pleased) to (?:interview|meet with) you\b"
       r"(?! (?:again|today|yesterday))|\bto have you (?:come )?(?:interview|for an interview)\b|"
       # "He'd like to do a video interview with you"
       r"\b(?:like|love|want|happy|glad) to (?:do|set up|schedule|arrange|have) an? (?:[\w-]+ )?"
       r"interview with you\b",
       keys=('to interview you', 'to meet with you', 'to have you', 'interview with you')),
    _c("invite.offer_interview", Kind.INTERVIEW_INVITE, 1.5, "offers an interview",
       r"\b(?:offer|extend)(?:ing)? (?:you )?(?:an?|the) (?:[\w-]+ ){0,2}interview"
       r"(?: (?:date|spot|slot|invitation))?\b(?! (?:season|dates are full))"
       r"(?![^.?!]{0,40}\bif (?:a|an|any|one)? ?(?:[\w-]+ )?(?:spot|slot|session|date|opening|"
       r"place|seat|position|cancellation)s? (?:opens?|becomes?|frees?|comes?|is available))"
       r"|\b(?:offer|extend) (?:it|this (?:date|spot|slot)) to you\b",
       unless=r"\b(?:may|might|could)\s+$"),
    _c("invite.selected", Kind.INTERVIEW_INVITE, 1.5, "selected for an interview",
       r"\b(?:you|your application)(?: (?:has|have) been| were| was| are)? selected (?:to|for) "
       r"(?:an? |the )?(?:\w+ )?interview\b|\bschedule you for an? (?:\w+ )?interview\b",
       hypothetical=True, keys=("selected", "schedule you")),
    _c("invite.spot_opened", Kind.INTERVIEW_INVITE, 1.0, "an interview spot opened",
       r"\b(?:an? )?(?:interview )?(?:spot|date|slot|opening|place) (?:has |just )?(?:opened|"
       r"become available|opened up)\b", hypothetical=True),
    _c("invite.can_you", Kind.INTERVIEW_INVITE, 0.8, "asks whether you can interview",
       r"\bcan you (?:interview|join us for (?:an|the) interview)\b",
       keys=('can you interview', 'can you join us')),
    _c("invite.subject", Kind.INTERVIEW_INVITE, 1.2, "subject says interview invitation",
       r"^(?!\s*(?:re|aw|sv)\s*:)(?:.*\binterview invit|.*\binvitation to interview|"
       r".*\binvited to interview|.*\binterview invite\b)", where="subject"),
    _c("invite.select_date", Kind.INTERVIEW_INVITE, 0.5, "asks to pick an interview date",
       r"\b(?:select|choose|pick|schedule|claim|secure) (?:an? |your )?(?:interview )?"
       r"(?:date|slot|time)\b|\b(?:first|second) choices?\b[^.?!]{0,40}\bdates?\b",
       keys=('select', 'choose', 'pick', 'schedule', 'claim', 'secure', 'choice')),
]

_REJECTION = [
    _c("reject.regret", Kind.REJECTION, 1.0, "regret / sorry wording",
       r"\b(?:we )?regret (?:to (?:inform|tell|let) you|that)\b|\bregrettably\b", negatable=False),
    _c("reject.cannot_offer", Kind.REJECTION, 1.8, "cannot offer an interview or position",
       r"\b(?:(?:unable|not able|no longer able|won't be able|will not be able) to|cannot|can ?not|"
       r"can't) (?:offer|extend)(?: you)? (?:an?|any|additional|further|the)? ?(?:[\w-]+ )?"
       r"(?:interviews?|positions?|invitations?|spots?)\b|\bnot able to extend an interview",
       negatable=False),
    _c("reject.no_further", Kind.REJECTION, 1.8, "application not considered further",
       r"\b(?:(?:unable|not able|will not be able|won't be able) to|cannot|can't) (?:consider|"
       r"move forward with|proceed with) your application\b|\bno further consideration\b|"
       r"\bcannot move forward with your application\b|"
       r"\bclosed your application\b|\bnot (?:be )?(?:ranking|rank) you\b|"
       r"\byou (?:have|were|are) not (?:been )?selected\b|"
       r"\b(?:application|you) (?:was|were) not selected\b|"
       r"\b(?:application|you) (?:has|have) not been selected\b|"
       r"\bdecided not to (?:offer|extend|invite|rank|move forward)\b|"
       r"\bwill not be (?:extending|offering) (?:you )?(?:an? )?(?:interview|invitation)|"
       r"\b(?:unable|not able|cannot) to invite you\b", negatable=False,
       keys=('consider', 'move forward', 'proceed with', 'closed your application', 'rank',
             'selected', 'invite you', 'decided not', 'will not be')),
    _c("reject.not_selected", Kind.REJECTION, 1.2, "decision against the applicant",
       r"\b(?:we are|I am|I'm|we're) sorry to (?:inform|let you know|share|tell you) that we "
       r"(?:are|will) not\b", negatable=False),
]

_WAITLIST = [
    _c("waitlist.placed", Kind.WAITLIST, 1.6, "placed on a waitlist",
       r"\b(?:placed|put|added|moved|keep(?:ing)?)(?: you| your application| your name)? (?:on|to) "
       r"(?:our|the|its|their|an?) (?:[\w-]+ ){0,2}(?:wait ?list|alternate list|waiting list)"
       r"|\byou(?:'ve| have) been (?:wait ?listed|placed on)\b|\bwaitlisted\b", negatable=False),
    _c("waitlist.subject", Kind.WAITLIST, 0.7, "subject mentions a waitlist",
       r"^(?!\s*re\s*:).*\bwait ?list\b", where="subject"),
]

_OFFER = [
    _c("offer.position", Kind.PRE_MATCH_OFFER, 1.8, "offer of a residency position",
       r"\b(?:offer(?:ing)?|extend(?:ing)?) (?:to )?you (?:an?|one of our|the|this)? ?"
       r"(?:[\w/-]+ ){0,4}(?:position|spot|contract|appointment|fellowship|job)s?\b"
       r"|\boffer of (?:appointment|(?:a )?(?:PGY-?\d )?(?:residency )?position)\b"
       r"|\b(?:pleased|happy|delighted) to (?:offer|extend)\b[^.?!]{0,60}\b(?:position|appointment)"
       r"|\b(?:I'd|I would|we'd|we would) like to offer (?:you )?one\b"
       r"|\boffer (?:that|this|the|a|our|one) (?:[\w/-]+ ){0,3}(?:position|spot|contract) to "
       r"you\b"),
    _c("offer.subject", Kind.PRE_MATCH_OFFER, 0.6, "subject: a position offer",
       r"\b(?:position|contract|residency|PGY-?\d) offer\b|\boffer (?:of|for) (?:a |an |the )?"
       r"(?:PGY-?\d |residency |categorical |preliminary )*(?:position|spot|contract|appointment)\b"
       r"|\boffer outside (?:of )?the (?:NRMP )?Match\b", where="subject"),
    _c("offer.off_cycle", Kind.PRE_MATCH_OFFER, 1.2, "off-cycle or outside-the-Match position",
       r"\boff-?cycle\b[^.?!]{0,40}\b(?:position|spot|slot|opening)\b(?![^.?!]{0,30}\b(?:has|have|"
       r"was|were|is) (?:now |"
       r"already )?(?:been )?filled)|\b(?:position|spot)s?\b[^.?!]{0,60}\b(?:outside|"
       r"ahead) of the (?:NRMP )?Match|\b(?:outside|ahead) of the (?:NRMP )?Match\b[^.?!]{0,60}"
       r"\b(?:position|offer|class)|\bpre-?match offer\b|\bfill\w* [^.?!]{0,30}\bspots? early\b",
       keys=("cycle", "outside of the", "ahead of the", "match offer", "spot")),
    _c("offer.letter", Kind.PRE_MATCH_OFFER, 0.9, "offer letter / contract to sign",
       r"\b(?:offer letter|letter of offer|resident agreement|agreement of appointment|"
       r"(?:employment|PGY-?\d) contract|acceptance of appointment|house ?staff agreement)\b|"
       r"\byour offer\b|"
       # onboarding for a position before Match Day (after it, the Match's own: see
       # classify._contract_after_match_day)
       r"\bcongratulations on your appointment (?:as|to) (?:a |an |the )?(?:PGY-?\d|resident|"
       r"intern|categorical|preliminary)\b"),
    _c("offer.selected_position", Kind.PRE_MATCH_OFFER, 1.2, "selected for a position",
       r"\bselection for a (?:PGY-?\d )?(?:[\w-]+ )?position\b"),
]

_INFO = [
    # The main info_request detector is a sentence-level request+topic test (engine.py).
    _c("info.survey", Kind.INFO_REQUEST, 1.2, "asks to complete a survey or form",
       # an RSVP or registration form schedules; it asks for no information
       r"\b(?:complete|fill (?:in|out)|return)\b(?:(?!rsvp|registration|sign-?up)[^.?!]){0,40}"
       r"\b(?:survey|questionnaire|form)\b"),
    _c("info.remain", Kind.INFO_REQUEST, 1.2, "asks whether to remain under consideration",
       r"\b(?:remain|be|stay) (?:under|in) consideration\b|\bstill interested in (?:our|the) "
       r"program\b|\bwould you like to be considered\b",
       # asked, not reported ("you replied that you want to remain under consideration")
       unless=r"\b(?:you|he|she) (?:replied|said|told|wrote|confirmed|indicated|mentioned|let us "
              r"know)\b[^.?!]{0,40}$"),
]

_INTEREST = [
    _c("interest.rank_high", Kind.INTEREST_SIGNAL, 1.5, "program will rank the applicant highly",
       r"\b(?:rank(?:ing|ed)?|list(?:ing)?) you (?:very )?(?:highly|high|to match|accordingly|"
       r"at the top)\b|\byou (?:are|were|have been) ranked (?:very )?(?:highly|high|to match)\b",
       keys=('high', 'to match', 'accordingly', 'at the top', 'ranked')),
    _c("interest.top_candidate", Kind.INTEREST_SIGNAL, 1.4, "among the program's top candidates",
       r"\b(?:among|one of) (?:the|our) (?:very )?(?:top|favou?rite|strongest|best) "
       r"(?:candidates|applicants|interviewees)\b|\btop candidate\b|\bhighly consider\w*\b"),
    _c("interest.impressed", Kind.INTEREST_SIGNAL, 0.8, "program was impressed",
       r"\bimpressed (?:by|with)\b|\b(?:were|was) (?:all )?(?:very |so |really |truly )?impressed"
       r"\b|"
       r"\bmade an? (?:great|strong|wonderful|lasting|real) impression\b|\bpositive impression\b|"
       r"\byou were outstanding\b|\bthe best interview\b|\bone of the highlights\b|"
       r"\bthink (?:very )?highly of you\b"),
    _c("interest.fit", Kind.INTEREST_SIGNAL, 1.1, "program wants the applicant",
       r"\b(?:would|will|you'd) (?:be|make) an? (?:wonderful|great|fantastic|excellent|terrific) "
       r"(?:addition|fit|resident|colleague)\b|\bfit right in\b|\b(?:great|good|natural) fit here"
       r"\b|"
       r"\b(?:glad|happy|thrilled|love|delighted) to have you (?:in|here|join|as)\b|"
       r"\bwe want you here\b|\bhope to (?:see|have) you (?:here )?in (?:July|June)\b|"
       r"\bgoing to match here\b|\blooking forward to having you\b(?! (?:in|at|on|for|visit|"
       r"next|this|tomorrow|join us for|with us (?:on|for|next)))",
       keys=('addition', 'fit', 'resident', 'colleague', 'to have you', 'want you here',
             'in july', 'in june', 'match here', 'having you')),
    _c("interest.second_look", Kind.INTEREST_SIGNAL, 1.3, "personal second-look invitation",
       r"\b(?:personally )?invit\w* you to (?:our|an?|the)? ?(?:[\w-]+ ){0,3}second look\b|"
       r"\bpersonally invit\w*\b[^.?!]{0,100}\bsecond look\b"),
    _c("interest.build_list", Kind.INTEREST_SIGNAL, 0.9, "thinking of the applicant for the list",
       r"\bthinking of you as we\b|\bas we (?:build|plan|finalize) our (?:rank )?list\b"
       r"[^.?!]{0,40}\byou\b"),
    _c("interest.enjoyed", Kind.INTEREST_SIGNAL, 0.5, "personal post-interview note",
       r"\b(?:enjoyed|loved) (?:meeting|talking|speaking|our conversation|hearing|having you)\b|"
       r"\b(?:great|so nice|wonderful|a pleasure|pleasure) (?:to meet|meeting|to see|seeing) you\b|"
       r"\bthank you for interviewing with us\b",
       keys=('enjoyed', 'loved', 'meet', 'see', 'interviewing with us')),
]

_LOGISTICS = [
    _c("logistics.confirmed", Kind.INTERVIEW_LOGISTICS, 1.3, "interview confirmed or booked",
       r"\b(?:you(?:'re| are)|interview is|you have been|you've been) (?:all set|confirmed|booked|"
       r"scheduled)\b|\binterview (?:is|has been) (?:confirmed|scheduled|booked)\b|"
       r"^\s*(?:confirmed|booked|scheduled)\b|\byou're booked\b|\bsee you (?:on )?\d"),
    _c("logistics.links", Kind.INTERVIEW_LOGISTICS, 1.0, "links, itinerary or schedule for the day",
       r"\b(?:zoom|teams|webex|meeting) (?:link|info|information|details)\b|\bpasscode\b|"
       r"\bitinerary\b|\bagenda\b|\binterview (?:day )?(?:schedule|agenda)\b|\btech(?:nical)? che"
       r"ck\b|\bschedule for (?:tomorrow|friday|monday|tuesday|"
       r"wednesday|thursday|your interview)\b|\byour (?:personal )?schedule\b|\blog in (?:at|by)"
       r"\b"),
    _c("logistics.reminder", Kind.INTERVIEW_LOGISTICS, 1.0, "reminder of an upcoming interview",
       r"\byour (?:[\w-]+ ){0,2}interview (?:is|on|day is) (?:tomorrow|this|next|in \d|"
       r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b|\breminder\b[^.?!]{0,40}\binterview\b|"
       r"\bupcoming interview\b|\byour interview day\b|\bbefore your interview\b",
       keys=("interview is", "interview on", "interview day", "reminder", "upcoming interview",
             "before your interview")),
    _c("logistics.change", Kind.INTERVIEW_LOGISTICS, 1.1, "interview moved, cancelled, rescheduled",
       r"\b(?:reschedul\w+|moved you|moving everyone|(?:cancel\w*|moved?) (?:the |our |your )?"
       r"(?:[\w-]+ )?interview (?:day|session|date)|date change|interview canceled|"
       r"(?:move|moving|moved) the (?:day|date|session|slot) you(?:'ve| have)? (?:booked|chose|"
       r"selected|scheduled|reserved)|replacement (?:interview )?(?:dates?|days?|slots?))\b",
       keys=('reschedul', 'moving everyone', 'cancel', 'move', 'date change', 'replacement')),
    _c("logistics.eve", Kind.INTERVIEW_LOGISTICS, 1.0, "social tied to the interview day",
       r"\b(?:night|evening|day) before your interview\b|\bsince you(?:'re| are) interviewing\b|"
       r"\bas part of your interview day\b"),
    _c("logistics.everything", Kind.INTERVIEW_LOGISTICS, 1.0, "details for the applicant's day",
       r"\b(?:here is|here's|below is|attached is) (?:everything|all (?:the|you need)|"
       r"what you need)(?: you need)? (?:to know )?for (?:tomorrow|today|your|the day|next|(?:m"
       r"on|tues|wednes|"
       r"thurs|fri|satur|sun)day)\b|\b(?:thank you|thanks) for confirming (?:the |your )?(?:new )?"
       r"(?:interview )?(?:date|time|slot|session|interview|attendance|spot)\b",
       keys=("everything", "all the", "all you need", "what you need", "confirming")),
    _c("logistics.travel", Kind.INTERVIEW_LOGISTICS, 0.6, "travel for the interview visit",
       r"\b(?:hotel|airport pickup|parking|check-?in at|business attire)\b"),
]

_ADMIN = [
    _c("admin.application", Kind.ADMIN_NOTICE, 1.3, "application received or complete",
       r"\b(?:application|documents?|letter of recommendation|MSPE|transcript)\b[^.?!]{0,60}"
       r"\b(?:has|have) been (?:successfully |now )?(?:received|submitted|uploaded|downloaded|"
       r"processed|transmitted|"
       r"certified|forwarded)\b|\b(?:application|registration) (?:is|was|has been) "
       r"(?:now )?(?:complete|received)\b|"
       r"\bconfirms that your (?:\w+ )?application\b|\bapplication status\b|\bstatus: under revie"
       r"w\b|\b(?:we(?:'ve| have)?|has|have) (?:now )?received your (?:[\w-]+ ){0,2}(?:application|"
       r"documents?|materials|letters? of recommendation|MSPE|transcripts?|response|essay|"
       r"submission|form|survey|payment|fee)\b|\bstatus: received\b|"
       r"\b(?:application|file) (?:is|remains) (?:currently |now )?under review\b"),
    _c("admin.automated", Kind.ADMIN_NOTICE, 0.7, "automated notice",
       r"\b(?:this is an automated|automated (?:message|notification)|do not reply|"
       r"(?:generated|sent) automatically|automatically generated|"
       r"unmonitored mailbox|not monitored|replies to this (?:address|email) are not)\b"),
    _c("admin.account", Kind.ADMIN_NOTICE, 1.2, "account or portal notice",
       r"\bverify your email\b|\bnew message in your\b|\byou have \d+ new messages?\b|"
       r"\bactivate your account\b|\bpayment receipt\b|\bregistration confirmation\b|"
       r"\bthank you for registering\b|\bcertificate has been issued\b|\byou have matched\b|"
       r"\bcertify your rank order list\b|\bJ-1 sponsorship after the\b"),
    # Account security of a portal: "new sign-in to your account", "reset your password".
    # Banks and shops write the same, so for unknown senders the gate wants more evidence.
    _c("admin.security", Kind.ADMIN_NOTICE, 1.2, "account security notice",
       r"\bnew sign-?in\b|\breset (?:your |the )?password\b|\bpassword (?:reset|was changed|"
       r"change)\b|\btwo-(?:step|factor) (?:verification|authentication)\b|\bverification code\b|"
       r"\bsign-?in (?:attempt|alert|from a new)\b",
       keys=("sign-in", "signin", "sign in", "password", "two-step", "two-factor",
             "verification code")),
    _c("admin.auto_reply", Kind.ADMIN_NOTICE, 1.8, "automatic reply",
       r"^\s*(?:automatic reply|auto(?:matic)?[- ]?reply|out of (?:the )?office)"
       r"\b", where="subject"),
    _c("admin.out_of_office", Kind.ADMIN_NOTICE, 1.4, "out-of-office reply",
       r"\bI am out of the office\b|\bI'm out of the office\b|\blimited access to email\b"),
    _c("admin.reimbursement", Kind.ADMIN_NOTICE, 1.2, "reimbursement or payment processed",
       r"\breimburse(?:ment|d)\b[^.?!]{0,60}\b(?:processed|issued|approved|sent|deposited|paid)\b|"
       r"\b(?:processed|issued|approved|sent)\b[^.?!]{0,30}\breimbursement\b"),
    _c("admin.correction", Kind.ADMIN_NOTICE, 1.6, "correction of an earlier message",
       r"\bsent (?:to you )?in error\b|\bplease disregard\b|\bdisregard (?:our|the|my) "
       r"(?:earlier|previous)\b"),
    _c("admin.ack", Kind.ADMIN_NOTICE, 1.3, "acknowledges the applicant's message",
       r"\b(?:received|got) your (?:note|email|message|letter|update)\b|\badded it to your file\b",
       keys=('received your', 'got your', 'added it to your file')),
    _c("admin.welcome_matched", Kind.ADMIN_NOTICE, 1.6, "post-Match onboarding",
       r"\bcongratulations (?:again )?on (?:your )?match(?:ing)?\b|\bonboarding portal\b|"
       r"\bnow that (?:the )?match is (?:complete|over|done|behind us)\b|\bhappy match day\b"),
    # Said only after the Match: "We are thrilled that you matched with us".
    # No kind of its own (admin.welcome_matched and the rest decide the kind): it only tells
    # the engine that offers and signing are the Match's (engine._after_the_match).
    _c("admin.matched_here", "ctx.matched", 1.0, "the applicant matched here",
       r"\bcongratulations (?:again )?on (?:your )?match(?:ing)?\b|\bhappy match day\b|"
       r"\bnow that (?:the )?match is (?:complete|over|done|behind us)\b|"
       r"\b(?:thrilled|delighted|excited|happy|glad|pleased|proud) (?:that )?you matched\b|"
       r"\byou(?:'ve| have)? matched (?:with|to|at|into) (?:us|our)\b|"
       # a SOAP position is a Match position: "we just saw your acceptance in R3"
       r"\b(?:saw|received|got) your acceptance (?:in|through|via|on) (?:R3|SOAP|the NRMP)\b|"
       r"\byou(?:'ve| have)? accepted (?:our|the|a) (?:SOAP )?offer (?:in|through|via|during) "
       r"(?:R3|(?:the )?SOAP)\b"),
]

_UPDATE = [
    _c("update.audience", "ctx.bulk", 1.0, "addressed to all applicants",
       r"\b(?:dear|hello|hi|to all(?: of)?(?: our)?) (?:\d{4} )?(?:[\w-]+ ){0,2}applicants\b|"
       r"\ball (?:\d{4} )?applicants\b|\bopen to all\b|\bhello everyone\b|\bhi everyone\b|"
       r"\bthank you to (?:all|everyone)\b|\bsent to all applicants\b|\bdear (?:all|alumni)\b|"
       r"\bfor everyone on\b|\bwhether you'?ve (?:been invited|interviewed|received)|"
       r"\bwelcome,? (?:\d{4} |new |all |our )?applicants\b|\b(?:goes|went|is going|sent) (?:out )?"
       r"to (?:everyone|all (?:of )?(?:our |the )?(?:applicants|candidates|interviewees))\b|"
       r"\b(?:dear|hello|hi|greetings,?) (?:all |our )?(?:\d{4} )?(?:[\w-]+ )?(?:candidates|"
       r"interviewees)\b",
       keys=('applicants', 'open to all', 'everyone', 'dear all', 'dear alumni', 'whether you',
             'candidates', 'interviewees', 'thank you to all')),
    _c("update.event", Kind.PROGRAM_UPDATE, 0.9, "open house, info session or social",
       r"\b(?:open house|info(?:rmation)? (?:session|night)|grand rounds|trivia night|hangout|"
       r"applicant social|q&a|meet the residents|ask the residents|livestream|second look day|"
       r"webinar|save the date|virtual social|meet and greet)\b"),
    _c("update.news", Kind.PROGRAM_UPDATE, 0.9, "newsletter or program news",
       r"\b(?:newsletter|bulletin|spotlight|program news|news from|happy holidays|"
       r"season'?s greetings|what'?s new|winter update|applicant update|a few updates|"
       r"two pieces of news|interview season (?:is )?complete)\b"),
    _c("update.list_footer", "ctx.bulk", 0.8, "mailing-list footer",
       r"\bunsubscribe\b|\bmanage (?:notifications|preferences)\b|\bupdate preferences\b|"
       r"\bto stop receiving\b|\bview (?:this email )?(?:in your browser|online)\b",
       keys=('unsubscribe', 'manage notifications', 'manage preferences', 'update preferences',
             'to stop receiving', 'in your browser', 'online')),
    # A footer of a mailing to everyone who applied (not "because you are scheduled").
    _c("update.applied", "ctx.bulk", 0.8, "sent to everyone who applied",
       r"\b(?:receiving|received|getting|sent) this (?:\w+ )?because you (?:have )?applied\b"),
]

# Context signals that mean "not about this applicant's applications" ----------------------
_OTHER = [
    _c("other.marketing", "ctx.other", 1.0, "marketing or promotion",
       r"% off\b|\buse code\b|\bpromo(?:tion)? code\b|\bat checkout\b|\bget the deal\b|"
       r"\bbook a free consultation\b|\blimited[- ]time\b(?! to (?:accept|respond|reply|confirm|"
       r"book|schedule|sign up|choose|select|claim (?:a|your) (?:date|slot|spot)))|"
       r"\bclaim my offer\b|\bregister free\b|"
       r"\bfree webinar\b|\bthis week only\b|\blowest price\b|\bsign-?on bonus\b|"
       r"\b(?:special|exclusive) offer\b|\(reg\.? \$|\breg\. \$"),
    _c("other.subscription", "ctx.other", 1.4, "third-party subscription footer",
       r"\b(?:receiving|received|getting) this (?:\w+ )?because you (?!applied|interviewed|are "
       r"scheduled|were invited)(?:[\w-]+ ){0,3}(?:subscribed|signed up|registered for|set a|"
       r"created a|opted|joined|follow|purchased|are a (?:member|subscriber))|\bsaved search\b"),
    _c("other.scam", "ctx.other", 2.0, "scam or phishing pattern",
       r"\bguaranteed\b[^.?!]{0,40}\b(?:placement|offer|match)|\b100% (?:placement|guaranteed)\b|"
       r"\bplacement (?:fee|deposit)\b(?! (?:is|are) not (?:required|needed|charged))|"
       r"\bwire (?:the |a |your )?(?:[\w-]+ )?(?:deposit|fee|payment)\b|"
       r"\bonly \d+ (?:seats|spots) left\b|\breinstatement fee\b|"
       r"\bverification fee\b|"
       # sold placement: "SOAP seats reserved for our clients"
       r"\b(?:seats?|positions?|spots?) (?:are )?reserved for (?:our )?(?:clients|members|"
       r"customers)\b"),
    # Phishing words a real program also writes ("GME may need to verify your identity on
    # camera", "a passport copy for the visa file"): not trusted from a program's sender
    # (see engine.other_gate).
    _c("other.scam_account", "ctx.other", 2.0, "account or identity phishing pattern",
       r"\bverify (?:your )?(?:identity|account)\b|\bpassport copy\b|\bunusual activity\b|"
       r"\bpermanently deleted\b"),
    # "confirm your AAMC login", "re-enter your list and your NRMP password at the link"
    _c("other.scam_credentials", "ctx.other", 2.0, "asks for a password or login by mail",
       r"\b(?:password|login)\b", before=r"\b(?:confirm|re-?enter|enter) your\b[^.?!]{0,30}$"),
    _c("other.commerce", "ctx.other", 1.2, "receipt, shipping, bill or travel booking",
       r"\b(?:order #|your package|tracking number|shipped|e-?ticket|booking ref|itinerary #|"
       r"trip (?:is booked|confirmation)|thanks for riding|your bill is ready|card ending|"
       r"transaction alert|receipt #|renew(?:s|al)? automatically|membership renews|"
       r"your cloud recording|profile views|viewed your (?:\w+ )?profile|appeared in \d+ "
       r"searches|job offer|jobs? (?:that )?match(?:es)? your profile|new jobs for you|job alert|"
       r"new (?:rentals|listings)|your lease|lease renewal|renew or vacate|leasing (?:office|team)"
       r"|per month|security deposit|bedrooms?|apartments?)\b"),
    _c("other.recruiting", "ctx.other", 1.2, "job recruiting",
       r"\b(?:hospitalist|locum|physician) (?:openings|opportunities|jobs|positions)\b|"
       r"\brecruiter\b|\bopt out of future\b"),
    # A text blast's opt-out line; the transcripts a program's texting app mails out carry
    # one too, for the app ("Reply STOP in the app to opt out"), and are the program's mail.
    _c("other.sms_opt_out", "ctx.other", 1.2, "text-message opt-out line",
       r"\breply stop\b(?! (?:in|within|from|through) (?:the|our|this) app\b)"),
    _c("other.publication", "ctx.other", 1.2, "journal, alumni or community newsletter",
       r"\btable of contents\b|\balumni newsletter\b|\babstract\b[^.?!]{0,40}\baccepted\b|"
       r"\bissue #\d+|\bread the full issue\b|\bmanuscript\b|\bour readers?\b|"
       r"\b(?:make|consider) a (?:gift|donation)\b|\bgive now\b|\bdonate (?:now|today)\b|"
       r"\bannual fund\b"),
    _c("other.calendar", "ctx.other", 1.0, "personal calendar notification",
       r"\bset a notification for this event\b|\bmock interview\b"),
]

# Flags ---------------------------------------------------------------------------------------
_RANK = [
    _c("rank.how_rank", Flag.RANK_INQUIRY, 1.0, "asks how the applicant will rank the program",
       r"\b(?:how|where) (?:do |will |would )?(?:you|they) (?:plan|intend|are planning|are going|"
       r"going) to rank\b|\bhow (?:high(?:ly)?|will|would) (?:you|will you|would you) rank us\b"),
    _c("rank.position", Flag.RANK_INQUIRY, 1.0, "asks where the program stands on the list",
       r"\bwhere\b[^.?!\n]{0,60}\b(?:stand|stands|fall|falls|sit|sits|rank|ranks|place|places|are|"
       r"fit|fits|land|lands|end up|ends up|come|comes|is|would be|will be)"
       r"\b[^.?!\n]{0,25}\b(?:on|in|among) (?:your|their|the) (?:[\w-]+ ){0,4}(?:list|choices|"
       r"programs|preferences|rank order list)\b"),
    _c("rank.are_we_first", Flag.RANK_INQUIRY, 1.0, "asks whether the program is the #1 choice",
       r"\byour " + _YOU_RANK_SLOT + r"\b(?! (?:interview|priority|question|steps?|days?|weeks?|"
       r"months?|years?|rotations?|shifts?|tasks?|assignments?|paycheck|impressions?|blocks?|"
       r"calls?|clinics?|patients?|nights?|placements?|postings?|lectures?|orientation))"
       r"(?!\s*(?:and|or|&)\s*second)(?!\s*(?:choice )?(?:of |for )?(?:interview |your )?(?:date|"
       r"day|time|slot|session))"
       r"(?![\w ]{0,12}\))",  # "(your first choice)" beside a date is not a question
       # ("am" of a clock time is no verb: "11:30 AM Afternoon breakout … (your first choice")
       before=r"\b(?:are|is|be|were|(?<!\d )am)\b[^.?!\n]{0,50}$|\b(?:who|what|which|where)'s\b"
              r"[^.?!\n]{0,50}$",
       # Reported or wished, not asked: "your letter telling us we are your #1",
       # "we would love to be your first choice".
       unless=r"\b(?:told|said|saying|wrote|letter|note|mentioned|hear|heard)\b[^.?!]{0,40}$|"
              r"\b(?:love|like|hope|hoping|happy|thrilled|delighted|honou?red|glad|proud) to be"
              r"\s*$|"
              r"\b(?:honou?red|thrilled|delighted|grateful|touched|flattered|thank you|thanks)\b"
              r"[^.?!]{0,40}$|"
              # "If you choose to tell a program it is your first choice, that is your call"
              r"\bif you (?:choose|decide|want|wish|prefer) to (?:tell|let)\b[^.?!]{0,60}$|"
              # "Thank you for letting us know that Cedar Lantern is your first choice"
              r"\b(?:letting (?:us|me|him|her|them) know|telling (?:us|me|him|her))\b[^.?!]{0,40}$|"
              # subjunctive, after the fact: "if we were your top choice, we are honored"
              r"\bif (?:we|it|this program|our program) (?:were|was)\s*$|"
              # a wish: "I hope you get your first choice", "good luck matching at your #1"
              r"\b(?:hope|hoping|wish|wishing|luck)\b[^.?!]{0,30}\b(?:get|gets|match|matches|"
              r"matching|land|lands|end up|ends up|at|into|with|in)\s*$|"
              # a demand, not a question: "What we ask in return is … that Cedar Hollow be
              # your first pair"
              r"\bthat (?:[\w'&.-]+ ){1,3}be\s*$|"
              # the terms of accepting, not a question: "By accepting this invitation, you
              # are confirming that KPUH will be one of your top choices"
              r"\bby \w+ing\b[^.?!]{0,60}\byou(?:'re| are)? (?:confirming|affirming|agreeing|"
              r"certifying|acknowledging|indicating|confirm|affirm|agree|certify|acknowledge|"
              r"indicate)\b[^.?!]{0,60}$|"
              # a choice among the program's own options: "tell us which of the two (sites)
              # would be your first choice"
              r"\bwhich (?:one )?of (?:the|these|those|our) (?:two|three|four|five|\d|sites|"
              r"options|tracks|locations|clinics|campuses|pathways)\b[^.?!]{0,40}$",
       keys=('#', 'number one', 'no.', 'first', '1st', 'top')),
    _c("rank.ranking_in_top", Flag.RANK_INQUIRY, 1.0, "asks whether the applicant ranks it top",
       r"\b(?:be |are you |you be )?rank(?:ing)? (?:us|\w+(?: \w+){0,3}) (?:in|as) your "
       + _YOU_RANK_SLOT + r"\b|\bplanning to rank (?:us|\w+(?: \w+){0,3}) (?:#\s?1|first|"
       r"number one|highly|in your top|(?:as|in) (?:your|their) (?:top|first|#\s?1))|"
       # "he asked me point blank whether you'd be ranking Bluewater first"
       r"\b(?:whether|if) you(?:'d| would|'ll| will|'re| are)(?: be)? rank(?:ing)? (?:us|[\w'&-]+"
       r"(?: [\w'&-]+){0,3}) (?:first|#\s?1|number one|at the top)\b",
       # reported, not passed on: "one of our faculty asked in December whether you'd rank IM
       # or neurology first" (a relay says "asked me")
       unless=r"\basked (?!me\b|us\b)[^.?!]{0,30}$",
       keys=('rank',)),
    _c("rank.other_programs", Flag.RANK_INQUIRY, 1.0, "asks where else the applicant applied",
       # "worried about what other programs had told them": the programs do, not the applicant
       r"\b(?:which|what) other (?:[\w/-]+ ){0,3}programs\b(?! (?:(?:had|have|has|may|might|will|"
       r"would|do|did) )?(?:told|said|asked|offered|promised|tell|say|ask|do)\b)|"
       r"\bwhere else (?:did |have |are |will )?"
       r"you\b|\b(?:which|what|the|other|of|about|any) programs (?:are )?you(?:'re| are)? (?:ra"
       r"nking|"
       r"interviewing with|applying to)\b|"
       r"\bdid you signal us\b|\bwhere (?:did|have) you (?:signal|send your signals)\b|"
       r"\bwhich regions\b|"
       # "which part of the country are your advanced radiology applications concentrated in?"
       r"\b(?:which|what) (?:parts? of the country|states?|cities|areas?) (?:are|is) your "
       r"(?:[\w-]+ ){0,3}(?:applications|interviews)\b",
       keys=('other', 'else', 'ranking', 'interviewing', 'applying', 'signal', 'regions',
             'applications', 'interviews')),
]

_COMMIT = [
    _c("commit.reciprocity", Flag.COMMITMENT_REQUEST, 1.0, "ties a benefit to the applicant's rank",
       r"\bif you (?:rank|put|list|place|give|promise|commit|sign|tell us|are|do|will|can)\b"
       r"[^.?!]{0,90}?\b(?:I|we)(?:'ll| will|'d| would| can| shall)\b[^.?!]{0,40}\b(?:make sure|"
       r"ensure|guarantee|rank you|hold|reserve|match(?! day| week))\b|"
       r"\b(?:rank|put|place|list) (?:us|[\w'-]+(?: [\w'-]+){0,3}) (?:#\s?1|first|number one|"
       r"at the top)\b[^.?!]{0,40}\b(?:and|,) (?:we|I)(?:'ll| will| promise| guarantee| "
       r"(?:put|rank|list|place) you (?:#\s?1|first|number one|at the top))\b|"
       r"\b(?:will|would|can|could) you (?:rank|put|list) us\b[^.?!]{0,40}\bif (?:we|I)\b|"
       # the benefit first: "We can make it happen for you here if Wabash is your #1"
       r"\b(?:make it happen|take care of you|make sure you match|get you in)\b[^.?!]{0,40}\bif "
       r"(?:we're|we are|[\w'-]+(?: [\w'-]+)? is) your (?:#\s?1|number one|first choice|top "
       r"choice)\b|"
       # the reward for a withdrawal: "Cancel them, and I'll make sure the committee puts you…"
       r"\b(?:cancel|withdraw|decline|drop|skip)\b[^.?!]{0,60}(?:,|\band) (?:I|we)(?:'ll| will) "
       r"(?:make sure|see to it|ensure|guarantee|take care)\b|"
       # a place for dropped interviews: "still a spot here with your name on it if you drop the
       # January interviews"
       r"\b(?:spot|place|position)\b[^.?!]{0,40}\bif you (?:\w+ )?(?:drop|cancel|decline|skip|"
       r"withdraw from)\b[^.?!]{0,30}\binterviews\b|"
       # "If you just tell him we are, you're in"
       r"\bif you (?:\w+ )?(?:tell|let) (?:him|her|them|us|me) (?:know )?(?:that )?(?:we(?:'re| "
       r"are)|it is|it's)\b[^.?!]{0,20}\byou(?:'re| are) in\b|"
       # the terms as a given: "with the pathology/surgery pair at the top of your list, both of
       # you will be ranked to match here"
       r"\bwith (?:us|[\w'/-]+(?: [\w'/-]+){0,3}) (?:at the top of|first on|#\s?1 on|number one "
       r"on) your (?:rank )?list\b[^.?!]{0,20}\b(?:you|both of you)(?:'ll| will| are going to)\b",
       # (the keys derived from the pattern missed branch 2)
       keys=("if you ", "rank ", "put ", "place ", "list ", "cancel", "withdraw", "decline", "drop",
             "skip", "at the top of", "first on", "1 on", "number one on", "make it happen",
             "take care of you", "make sure you match", "get you in", "spot", "place",
             "position", "tell him", "tell her", "tell them")),
    _c("commit.promise", Flag.COMMITMENT_REQUEST, 1.0, "asks for a promise or commitment",
       r"\bgive (?:me|us) your word\b|\byour (?:word|promise|commitment) that you\b|"
       r"\b(?:need|want|have to have) your word\b|"
       r"\bconfirm(?:ing)? that\b[^.?!]{0,60}\b(?:intend to|plan to|will|would|are going to) rank"
       r"\b|"
       r"\bletter of commitment\b|\bneed (?:your|a) (?:commitment|yes)\b(?!\s*(?:/|or)\s*no\b)|"
       r"\bneed a yes from you\b|"
       r"\b(?:commit|pledge|promise) (?:to (?:rank|us|our|accept)|that you)\b|"
       r"\bcommit(?:ment)? (?:early|now|before)\b"),
    _c("commit.accept_offer", Flag.COMMITMENT_REQUEST, 1.0, "asks the applicant to accept or sign",
       r"\b(?:sign|signed|execute|executed|execution|return)\b[^.?!]{0,40}\b(?:contract|agreement|"
       r"offer letter|acceptance|letter of commitment|appointment letter|letter of appointment|"
       r"(?:both|all|these|the) (?:documents|forms|papers))\b|"
       r"\b(?:need|require|awaiting|expect|waiting for)\w*\b[^.?!]{0,20}\bsigned (?:[\w-]+ )?"
       r"(?:letter|offer|contract|agreement|copy|documents?|forms?)\b|"
       # (not an invitation's "To accept, please reply … indicating your preferred date")
       r"\bto accept\b[^.?!]{0,30}\bplease (?:sign|"
       r"return|reply|respond|confirm)\b(?![^.?!]{0,60}\b(?:preferred|interview|date|slot|"
       r"session|time)s?\b)|"
       r"\b(?:contract|"
       r"agreement|letter) (?:be )?(?:executed|signed|for signature)\b|\binterested in accepting\b|"
       r"\bto accept (?:this|the|our) (?:offer|position)\b|\bhopes? you will accept\b|"
       r"\b(?:need|want|like) your (?:written |signed )?(?:answer|decision|acceptance|signature)\b|"
       r"\byour decision within\b|\bsign and return (?:it|this|them)\b|"
       r"\b(?:need|want) (?:it|this|the contract|the agreement) signed\b",
       requires_kind=Kind.PRE_MATCH_OFFER,
       keys=('sign', 'execut', 'return', 'accept', 'decision', 'answer')),
]

_WITHDRAW = [
    _c("withdraw.match", Flag.WITHDRAWAL_REQUEST, 1.0, "asks to withdraw from the Match",
       r"\bwithdraw(?!n\b)\w*\b[^.?!]{0,40}?\b(?:from (?:the |this year's )?(?:\d{4} )?"
       r"(?:NRMP|Match|Main)|"
       r"(?:your )?(?:NRMP )?registration)|\bNRMP withdrawal\b", neg_window=18,
       # reported, not asked: "some candidates chose to withdraw from the Match"
       unless=r"\b(?:chose|decided|opted|elected) to\s*$"),
    _c("withdraw.interviews", Flag.WITHDRAWAL_REQUEST, 1.0, "asks to cancel other interviews",
       r"\b(?:cancel|decline|turn down|give up|skip)\b[^.?!]{0,25}\b(?:other|rest of (?:your|the)|"
       r"remaining|those|all|any other) (?:[\w-]+ ){0,2}interviews?\b|\bnot (?:to )?interview "
       r"(?:elsewhere|(?:at|with) (?:any |the )?(?:other|another|additional)\b)|"
       r"\bstop interviewing\b",
       keys=('cancel', 'decline', 'turn down', 'give up', 'skip', 'interview at',
             'interview with', 'interview elsewhere', 'stop interviewing')),
    _c("withdraw.rank_only", Flag.WITHDRAWAL_REQUEST, 1.0, "asks to rank only this program",
       r"\brank (?:order )?list with only\b|\brank only (?:us|our|\w+(?: \w+){0,3} "
       r"(?:program|residency))\b|\bremove\b[^.?!]{0,60}\bfrom your rank (?:order )?list\b|"
       r"\brank only (?!programs?\b|the programs?\b|places?\b|those\b|where\b|(?:the )?"
       r"(?:applicants|candidates|people|residents|interviewees)\b)[\w'-]+\b|"
       r"\b(?:not|n't) (?:to )?rank (?:any )?(?:other|another) (?:[\w-]+ )?programs?\b|"
       r"\bleave (?:the |all |any )?other programs off (?:of )?your (?:rank )?list\b",
       keys=("list with only", "rank only", "rank any", "rank other", "rank another",
             "from your rank", "other programs off")),
    _c("withdraw.contract_before_match", Flag.WITHDRAWAL_REQUEST, 1.0,
       "contract before Match Day",
       r"\b(?:sign|signed|execute|executed)\b[^.?!]{0,60}\bbefore (?:the )?(?:Match|rank (?:order"
       r" )?"
       r"list deadline)\b|\bnot to accept any other (?:residency )?(?:position|offer)s?\b",
       # reported, not asked: "the one that wanted you to sign something before Match Day"
       unless=r"\b(?:that|who|which) (?:had )?(?:wanted|asked|told|pushed|pressured|tried to "
              r"(?:get|make)) you to $"),
]

KIND_CUES: tuple[Cue, ...] = (*_INVITE, *_REJECTION, *_WAITLIST, *_OFFER, *_INFO, *_INTEREST,
                              *_LOGISTICS, *_ADMIN, *_UPDATE)
CONTEXT_CUES: tuple[Cue, ...] = tuple(_OTHER)
FLAG_CUES: tuple[Cue, ...] = (*_RANK, *_COMMIT, *_WITHDRAW)
from mailsync.classify.cues_flags import FLAG_EXTRA  # noqa: E402  (more families)
from mailsync.classify.cues_kinds import CONTEXT_EXTRA, KIND_EXTRA  # noqa: E402

ALL_CUES: tuple[Cue, ...] = (*KIND_CUES, *KIND_EXTRA, *CONTEXT_CUES, *CONTEXT_EXTRA,
                             *FLAG_CUES, *FLAG_EXTRA)
#: For mail from a national service, a platform or a known program: commerce and
#: subscription context cannot turn it into ``other`` (only a scam pattern can).
INSTITUTIONAL_CUES: tuple[Cue, ...] = tuple(
    c for c in ALL_CUES if c.target != "ctx.other" or c.name.startswith("other.scam"))
_MEMO.save()
