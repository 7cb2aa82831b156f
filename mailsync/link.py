"""Tie a message to one program record, or leave it unlinked.

Evidence, strongest first (the first that decides wins, and the reasons say which):

1. the applicant's corrections (by thread, then by sender address);
2. a reply to an earlier linked message (``thread_links``: Message-ID → program);
3. a known contact address (PD, coordinator, others); a contact shared by two
   programs is disambiguated like a shared domain;
4. the sender's domain (exact or subdomain, never a look-alike such as
   ``greyhavenregional.org`` for ``greyhaven.edu``); a domain hosting several
   programs is disambiguated by specialty words and abbreviations ("EM", "Peds",
   "IR", "IM prelim"), program and contact names, weighted subject > body >
   signature; between the tracks of one specialty the plain specialty ("Harrowgate
   Surgery") means the categorical program unless another track is named; a tie
   (institution-wide mail) stays unlinked;
5. for platforms and unknown senders, the program named in the body: an
   institution name (or its acronym, "QHUMC") confirmed by fuzzy matching, then
   specialty words among that institution's programs.

``other`` mail and ERAS/NRMP/ECFMG mail stay unlinked. A :class:`Linker` builds
its indexes once per program list; :func:`link` caches linkers by identity.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from mailsync.classify.context import FREEMAIL, NATIONAL_DOMAINS, domain_suffixes
from mailsync.classify.cues import literal_prefixes
from mailsync.classify.quoting import split_message
from mailsync.classify.text import normalize
from mailsync.labels import Link, Reason
from mailsync.message import ParsedMessage
from mailsync.programs import Program
from mailsync.taxonomy import Kind

_NATIONAL = frozenset(NATIONAL_DOMAINS)

SPECIALTY_WORDS: dict[str, tuple[str, ...]] = {
    "diagnostic radiology": (r"diagnostic radiology", r"\bDR\b", r"\bradiology\b"),
    "interventional radiology": (r"interventional radiology", r"\bIR\b", r"\binterventional\b",
                                 r"\bradiology\b"),
    "internal medicine": (r"internal medicine", r"\bIM\b", r"\bprelim(?:inary)? medicine\b"),
    "emergency medicine": (r"emergency medicine", r"\bEM\b", r"\bemergency\b"),
    "transitional year": (r"transitional year", r"\bTY\b", r"\btransitional\b"),
    "psychiatry": (r"\bpsychiatr\w*", r"\bpsych\b"),
    "family medicine": (r"family medicine", r"\bFM\b"),
    "pediatrics": (r"\bpediatric\w*", r"\bpaediatric\w*", r"\bpeds\b"),
    "anesthesiology": (r"\banesthesi\w*", r"\banaesthe\w*"),
    "neurology": (r"\bneurolog\w*", r"\bneuro\b"),
    "surgery": (r"\bsurg(?:ery|ical)\b", r"\bgen(?:eral)? surg\w*"),
    "general surgery": (r"general surgery", r"\bgen(?:eral)? surg\w*", r"\bsurg(?:ery|ical)\b"),
    "obstetrics and gynecology": (r"\bobstetric\w*", r"\bgyn\w*", r"\bOB/?-?GYN\b"),
    "dermatology": (r"\bdermatolog\w*", r"\bderm\b"),
    "orthopaedic surgery": (r"\borthop\w*", r"\bortho\b"),
    "otolaryngology": (r"\botolaryngolog\w*", r"\bENT\b"),
    "pathology": (r"\bpatholog\w*",),
    "radiation oncology": (r"radiation oncology", r"\brad onc\b"),
    "physical medicine and rehabilitation": (r"\bPM&R\b", r"physical medicine"),
    "urology": (r"\burolog\w*",),
    # the short name first: it is what people write, and it weighs as a full name
    "internal medicine-pediatrics": (r"\bmed[- ]?peds\b", r"internal medicine[- ]pediatrics",
                                     r"\bIM[- ]Peds\b"),
    "ophthalmology": (r"\bophthalmolog\w*",),
}
_TRACK_WORDS = {"preliminary": r"\bprelim(?:inary)?\b", "advanced": r"\badvanced\b",
                "transitional": r"\btransitional\b", "categorical": r"\bcategorical\b",
                "primary care": r"\bprimary care\b"}
#: Between a categorical and a preliminary program of one specialty the track word is the
#: only thing that tells them apart, so there it weighs like a specialty abbreviation.
TRACK_WEIGHT = 1.0
_GENERIC = frozenset({"university", "hospital", "medical", "center", "centre", "health",
                      "system", "regional", "community", "children's", "childrens", "the", "of",
                      "and", "institute", "behavioral", "clinic", "college", "school", "medicine",
                      "saint", "st", "general", "memorial", "county"})
_SIGNOFF = re.compile(r"^\s*(?:best|regards|sincerely|thanks|thank you|warm(?:ly| regards)?|kind "
                      r"regards|best regards|cheers|respectfully|with (?:warm )?regards|"
                      r"with best wishes|all the best|take care|yours)\b[^\n]{0,30}$", re.I | re.M)
FUZZY_MIN = 88.0
#: Before a name, words that disown it: a look-alike institution's disclaimer.
_DISOWNED = re.compile(r"\b(?:not|nor|never been|no longer) (?:\w+ )?(?:affiliated|associated|"
                       r"connected|related) (?:in any way )?(?:with|to)\s+(?:the\s+)?$|"
                       r"\b(?:unaffiliated with|no (?:affiliation|connection|relation) (?:with|to)|"
                       r"not to be confused with|not part of|independent (?:of|from))"
                       r"\s+(?:the\s+)?$",
                       re.I)


@dataclass(frozen=True, slots=True)
class LinkCorrections:
    """The applicant's link corrections: they always win."""

    by_sender: Mapping[str, str] = field(default_factory=dict)  # address -> program_id
    by_thread: Mapping[str, str] = field(default_factory=dict)  # message-id -> program_id


@dataclass(frozen=True, slots=True)
class _Profile:
    program: Program
    specialty: tuple[re.Pattern[str], ...]
    strength: tuple[float, ...]  # per specialty pattern: 2 full name, 1.5 abbreviation, 0.5 word
    track: re.Pattern[str] | None
    names: tuple[str, ...]  # lower-cased program/contact names that identify it
    #: per specialty pattern, lower-case literals one of which every match contains (None:
    #: always search): most chunks are ruled out by a substring test.
    keys: tuple[tuple[str, ...] | None, ...] = ()
    #: what the program's name adds after a dash or in parentheses ("… - Research Track",
    #: "(Primary Care Track)"), and its initials: how mail tells apart two programs that
    #: share a specialty, a track and often a coordinator
    label: re.Pattern[str] | None = None


class Linker:
    """Indexes over one program list; :meth:`link` is cheap per message."""

    def __init__(self, programs: Sequence[Program]) -> None:
        self.programs = {p.program_id: p for p in programs}
        self.profiles = {p.program_id: _profile(p) for p in programs}
        self.by_contact: dict[str, set[str]] = defaultdict(set)
        self.domains: dict[str, set[str]] = defaultdict(set)
        self.by_institution: dict[str, set[str]] = defaultdict(set)
        for p in programs:
            for c in p.all_contacts:
                if c.email:
                    self.by_contact[c.email.lower()].add(p.program_id)
            for d in p.email_domains:
                self.domains[d].add(p.program_id)
            if p.institution:
                self.by_institution[p.institution].add(p.program_id)
        # Names the body may use: institutions (all their programs) and program names.
        self.by_name: dict[str, set[str]] = defaultdict(set, {
            k: set(v) for k, v in self.by_institution.items()})
        for p in programs:
            if p.name:
                self.by_name[p.name].add(p.program_id)
        #: the short name squeezed into a domain label ("harrowgate"), per program
        self.domain_word = {p.program_id: w for p in programs
                            if len(w := _squeeze(_short_name(p.institution))) >= 5}
        self._keys = _institution_keys(self.by_name)
        self._key_res: dict[frozenset[str], re.Pattern[str]] = {}
        #: a physician's surname (PD, APD, faculty) → the programs that list them
        self.by_surname: dict[str, set[str]] = defaultdict(set)
        for p in programs:
            for c in p.all_contacts:
                if c.physician_surname:
                    self.by_surname[c.physician_surname.lower()].add(p.program_id)
        #: a contact's given name and surname as written ("Gideon Farraday") → programs
        self.by_full_name: dict[str, set[str]] = defaultdict(set)
        for p in programs:
            for c in p.all_contacts:
                if len(full := _full_name(c.name).split()) >= 2:
                    self.by_full_name[" ".join(full)].add(p.program_id)

    def link(self, msg: ParsedMessage, *, corrections: LinkCorrections | None = None,
             thread_links: Mapping[str, str] | None = None, kind: Kind | None = None) -> Link:
        """The program ``msg`` is about, or ``Link(None)`` with the reason it stayed open."""
        decided = self._corrected(msg, corrections) or self._threaded(msg, thread_links or {})
        if decided:
            return decided
        if kind is Kind.OTHER:
            return Link(program_id=None, reasons=(Reason(cue="link.other",
                        detail="not residency mail"),))
        parts = split_message(msg.text or "", msg.subject)
        sender = self._effective_sender(msg, parts.forwarded_from)
        domain = sender.rpartition("@")[2]
        # A domain matches an owned one when the owned one is among its suffixes (never a
        # look-alike): set lookups instead of a loop over every known domain.
        if not domain_suffixes(domain).isdisjoint(_NATIONAL):
            return Link(program_id=None, reasons=(Reason(cue="link.national",
                        detail="ERAS/NRMP/ECFMG mail is not about one program", span=domain),))
        ids = self.by_contact.get(sender, set())
        if len(ids) == 1:  # the common case needs no text at all
            return _link(next(iter(ids)), 0.95, "link.contact", "known program contact", sender)
        text = _link_text(msg, parts.readable)
        return (self._by_contact(sender, msg, text) or self._by_domain(domain, text)
                or self._by_body(domain, text, classified=kind is not None)
                or (self._by_physician(text) if kind is not None else None)
                or Link(program_id=None, reasons=(Reason(cue="link.none",
                        detail="no program matched above threshold"),)))

    def _effective_sender(self, msg: ParsedMessage, forwarded_from: str) -> str:
        """A forward from an unknown address (the applicant's old mailbox) is judged by the
        forwarded message's sender; a program contact forwarding stays the sender."""
        if not forwarded_from or self._known(msg.sender):
            return msg.sender
        return forwarded_from

    def _known(self, address: str) -> bool:
        domain = address.rpartition("@")[2]
        return address in self.by_contact or any(d in self.domains for d in domain_suffixes(domain))

    def _corrected(self, msg: ParsedMessage, corr: LinkCorrections | None) -> Link | None:
        if corr is None:
            return None
        for mid in (msg.message_id, *msg.thread_parent_ids):
            if mid in corr.by_thread:
                return _link(corr.by_thread[mid], 1.0, "link.correction.thread",
                             "your correction for this thread", mid)
        if msg.sender in corr.by_sender:
            return _link(corr.by_sender[msg.sender], 1.0, "link.correction.sender",
                         "your correction for this sender", msg.sender)
        return None

    def _threaded(self, msg: ParsedMessage, links: Mapping[str, str]) -> Link | None:
        for mid in msg.thread_parent_ids:
            if links.get(mid):
                return _link(links[mid], 0.9, "link.thread", "reply in a linked thread", mid)
        return None

    def _by_contact(self, sender: str, msg: ParsedMessage, text: _Text) -> Link | None:
        ids = self.by_contact.get(sender, set())
        if len(ids) == 1:
            pid = next(iter(ids))
            return _link(pid, 0.95, "link.contact", "known program contact", sender)
        if len(ids) > 1:
            pid = self._disambiguate(ids, text)
            if pid:
                return _link(pid, 0.8, "link.contact.shared",
                             "shared contact; specialty words decide", sender)
            pid = self._categorical(ids, text, named=False)
            if pid:
                return _link(pid, 0.7, "link.contact.categorical", "shared contact of one "
                             "specialty's tracks; no other track named", sender)
        return None

    def _by_domain(self, domain: str, text: _Text) -> Link | None:
        ids: set[str] = set()
        for d in domain_suffixes(domain):
            if d in self.domains:
                ids |= self.domains[d]
        if not ids:
            return None
        if len(ids) == 1:
            pid = next(iter(ids))
            return _link(pid, 0.85, "link.domain", "program email domain", domain)
        pid = self._disambiguate(ids, text)
        if pid:
            return _link(pid, 0.7, "link.domain.shared",
                         "shared institution domain; specialty words decide", domain)
        pid = self._categorical(ids, text)
        if pid:
            return _link(pid, 0.65, "link.domain.categorical", "shared institution domain; "
                         "the specialty named, no other track", domain)
        return Link(program_id=None, score=0.3, reasons=(Reason(
            cue="link.domain.ambiguous", detail="institution mail for several programs",
            span=domain),))

    def _by_body(self, domain: str, text: _Text, *, classified: bool = False) -> Link | None:
        """The program the body names. A consumer mailbox's mail names programs in passing
        ("my friend at Flatlands") unless the classifier read it as residency mail (an
        alumnus passing on a PD's ask, a PD writing from a personal address)."""
        if domain in FREEMAIL and not classified:
            return None
        named = self._institution_re(text.all)
        if named is None:
            return None
        institutions = set()
        for m in named.finditer(text.all):
            inst = self._confirm_institution(text.all, m)
            if inst:
                institutions.add(inst)
        ids: set[str] = set()
        for inst in institutions:
            ids |= self.by_name[inst]
        # A domain that spells a program's name but is none of its domains belongs to a
        # look-alike ("harrowgateregional.org" beside Harrowgate Medical Center's
        # "harrowgatemc.org"): in the tuning sets, 0 of 88 such mails are that program's.
        squeezed = _squeeze(domain)
        ids = {pid for pid in ids if self.domain_word.get(pid, "\0") not in squeezed}
        if not ids:
            return None
        pid = next(iter(ids)) if len(ids) == 1 and _no_specialty_conflict(
            self.profiles[next(iter(ids))], text) else self._disambiguate(ids, text)
        if pid:
            return _link(pid, 0.75, "link.body", "program named in the body",
                         self.programs[pid].institution)
        return None

    def _by_physician(self, text: _Text) -> Link | None:
        """The one program whose physician the body names as "Dr. Surname": the last
        resort for residency mail that names no institution the way the records do (an
        alumnus relaying "Dr. Castellano asked me to get in touch" from a personal
        mailbox). A surname several programs share decides nothing."""
        found = {pid for m in _DR_NAME.finditer(text.body)
                 for pid in self.by_surname.get(m.group(1).rsplit(None, 1)[-1].lower(), ())}
        if len(found) == 1:
            pid = next(iter(found))
            return _link(pid, 0.6, "link.body.physician", "the program's physician named in "
                         "the body", self.programs[pid].pd_name)
        return self._by_full_name(text.body)

    def _by_full_name(self, body: str) -> Link | None:
        """The one program whose contact the body names in full, without a title: a
        voicemail's "this is Gideon Farraday at Brookhollow", a text's "Wade Kessler from
        Juniper Falls"."""
        named = {name: ids for name, ids in self.by_full_name.items() if name in body}
        found = set().union(*named.values()) if named else set()
        if len(found) != 1:
            return None
        pid = next(iter(found))
        return _link(pid, 0.6, "link.body.contact_name", "a program contact named in full in "
                     "the body", next(iter(named)))

    def _institution_re(self, text: str) -> re.Pattern[str] | None:
        """A regex over just the institution keys the text contains. One alternation of
        every key, case-insensitive, costs a third of a millisecond on a long message;
        ``in`` on the lower-cased text rules most keys out at C speed first."""
        low = text.lower()
        present = frozenset(k for k in self._keys if k in low)
        if not present:
            return None
        rx = self._key_res.get(present)
        if rx is None:
            if len(self._key_res) > 256:  # a bound, not an expected size
                self._key_res.clear()
            rx = self._key_res[present] = re.compile(r"\b(?:" + "|".join(
                re.escape(k) for k in sorted(present, key=len, reverse=True)) + r")\b", re.I)
        return rx

    def _confirm_institution(self, text: str, m: re.Match[str]) -> str | None:
        """The institution named at the hit: its acronym exactly, or its full name matching
        the text from the hit on ("Greyhaven Regional Medical Center" is not "Greyhaven
        University Hospital"). A name disowned in its own sentence ("is not affiliated with
        Ashgrove University Medical Center") names a look-alike's neighbour, not the sender."""
        if _DISOWNED.search(text, max(0, m.start() - 60), m.start()):
            return None
        for inst in self._keys.get(m.group(0).lower(), ()):
            if m.group(0) == _acronym(inst):
                return inst
            name = _plain(inst)
            seen = _plain(text[m.start(): m.start() + len(inst) + 4])
            if fuzz.ratio(name, seen[: len(name)]) >= FUZZY_MIN:
                return inst
            k = name.find(m.group(0).lower())  # a hit on a later word: "Brigid's" of "St. B…"
            if k > 0 and fuzz.ratio(name[k:], seen[: len(name) - k]) >= FUZZY_MIN:
                return inst
            window = text[m.start(): m.start() + len(inst) + 4]
            if fuzz.ratio(inst.lower(), window[: len(inst)].lower()) >= FUZZY_MIN:
                return inst
            if inst.lower().startswith("saint ") and fuzz.ratio(
                    inst.lower()[6:], window[: len(inst) - 6].lower()) >= FUZZY_MIN:
                return inst
            if _by_short_name(inst, text, m) and self._specialty_follows(inst, text, m):
                return inst
        return None

    def _specialty_follows(self, institution: str, text: str, m: re.Match[str]) -> bool:
        """A short name counts only with one of the institution's specialties right after
        it ("Dunmore Valley emergency medicine", "Lowcountry EM"): a bare "Northern" or
        "Lakemont" in a newsletter names a town as often as a hospital."""
        after = text[m.start():m.start() + len(_short_name(institution)) + 40]
        return any(rx.search(after) for pid in self.by_name[institution]
                   for rx in self.profiles[pid].specialty)

    def _disambiguate(self, ids: set[str], text: _Text) -> str | None:
        specialties = [self.profiles[pid].program.specialty.lower() for pid in ids]
        scores = {pid: _specialty_score(self.profiles[pid], text, track_weight=TRACK_WEIGHT if
                                        specialties.count(self.profiles[pid].program.specialty
                                                          .lower()) > 1 else 0.25)
                  for pid in ids}
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        best, second = ranked[0], (ranked[1] if len(ranked) > 1 else (None, 0.0))
        if best[1] >= 2.0 and best[1] - second[1] >= 1.5:
            return best[0]
        return None

    def _categorical(self, ids: set[str], text: _Text, *, named: bool = True) -> str | None:
        """Between the tracks of one specialty ("Surgery" and "Preliminary Surgery"), the
        plain specialty means the categorical program: a preliminary or advanced program
        is named by its track. Any other contender's track word in the subject (or in the
        body, when the subject names no specialty; never a signature listing both) leaves
        the choice to the scores.

        The contenders are the programs with the best evidence (all of ``ids`` for a
        contact shared by the tracks, ``named=False``); with ``named`` the specialty must
        be written in the subject or body, so institution-wide mail stays unlinked."""
        scores = {pid: _specialty_score(self.profiles[pid], text, track_weight=TRACK_WEIGHT)
                  for pid in ids}
        top = max(scores.values())
        if named and top < 1.5:  # a specialty word in the subject, a name in the body
            return None
        contenders = [self.profiles[pid].program for pid, s in scores.items() if s > top - 1.5]
        if len({p.specialty.lower() for p in contenders}) != 1:
            return None
        categorical = [p for p in contenders if p.track.lower() == "categorical"]
        if len(categorical) != 1:
            return None
        spec = self.profiles[categorical[0].program_id].specialty
        said = text.subject if any(rx.search(text.subject) for rx in spec) else \
            f"{text.subject}\n{text.body}"
        others = (self.profiles[p.program_id].track for p in contenders if p not in categorical)
        if any(rx is None or rx.search(said) for rx in others):
            return None
        return categorical[0].program_id


@dataclass(frozen=True, slots=True)
class _Text:
    subject: str
    body: str  # before the sign-off
    signature: str  # from the sign-off on
    all: str


_DR_NAME = re.compile(r"\b(?:Dr\.?|Doctor) ((?:[A-Z][\w'-]+ )?[A-Z][\w'-]+)")


def _link_text(msg: ParsedMessage, readable: str) -> _Text:
    body = normalize(readable)
    att = "\n".join(normalize(a.text) for a in msg.attachments if a.text)[:4000]
    signoffs = list(_SIGNOFF.finditer(body))
    cut = signoffs[-1].start() if signoffs and signoffs[-1].start() > len(body) // 3 else len(body)
    subject = normalize(msg.subject)
    return _Text(subject=subject, body=body[:cut], signature=body[cut:] + "\n" + att,
                 all=f"{subject}\n{body}\n{att}")


def _specialty_score(profile: _Profile, text: _Text, track_weight: float = 0.25) -> float:
    """Evidence for one program in subject (x3), body (x2) and signature (x0.5): the most
    specific specialty word found (full name 2, abbreviation 1.5, generic word 0.5), the
    track, and the names of its PD, coordinator and contacts."""
    score = 0.0
    keys = profile.keys or (None,) * len(profile.specialty)
    for weight, chunk in ((3.0, text.subject), (2.0, text.body), (0.5, text.signature)):
        low = chunk.lower()
        score += weight * max((s for rx, s, k in zip(profile.specialty, profile.strength, keys,
                                                      strict=True)
                               if (k is None or any(x in low for x in k)) and rx.search(chunk)),
                              default=0.0)
        if profile.track is not None and profile.track.search(chunk):
            score += weight * track_weight
        score += weight * sum(1.5 for n in profile.names if n and n in low)
        if profile.label is not None and profile.label.search(chunk):
            score += weight * 1.5
    return score


def _no_specialty_conflict(profile: _Profile, text: _Text) -> bool:
    """A lone institution match still needs its specialty (or no specialty at all) named."""
    own = any(rx.search(text.all) for rx in profile.specialty)
    other = any(re.search(p, text.all, re.I) for words in SPECIALTY_WORDS.values()
                for p in words[:1])
    return own or not other


def _profile(p: Program) -> _Profile:
    words = SPECIALTY_WORDS.get(p.specialty.lower(), (re.escape(p.specialty.lower()),))
    track = _TRACK_WORDS.get(p.track.lower())
    # a physician is also named by title and surname: "Dr. Amundsen asked me to invite you"
    doctors = [f"{title} {c.physician_surname}" for c in p.all_contacts if c.physician_surname
               for title in ("dr.", "dr")]
    names = tuple(n.lower() for n in (p.pd_name.replace("Dr. ", ""), p.coordinator_name,
                                      *(c.name for c in p.contacts), p.name, *doctors) if n)
    strength = tuple(2.0 if i == 0 else (1.5 if _word_rx(w).flags & re.I == 0 else 0.5)
                     for i, w in enumerate(words))
    return _Profile(program=p, specialty=tuple(_word_rx(w) for w in words), strength=strength,
                    track=re.compile(track, re.I) if track else None, names=names,
                    keys=tuple(literal_prefixes(w, minimum=2) for w in words),
                    label=_label_rx(p.name))


_NAME_SUFFIX = re.compile(r"\s[-–—]\s(.+)$|\(([^)]+)\)\s*$")


def _label_rx(name: str) -> re.Pattern[str] | None:
    """The name's suffix ("Research Track") as words, or its initials ("PCT") in capitals."""
    m = _NAME_SUFFIX.search(name)
    if not m:
        return None
    label = (m.group(1) or m.group(2)).strip()
    if label.lower() in _TRACK_WORDS:  # "(Categorical)": the track says that already
        return None
    words = [w for w in re.split(r"[\s/]+", label) if w]
    if not any(w.lower() not in _GENERIC and len(w) > 2 for w in words):
        return None
    initials = "".join(w[0] for w in words if w[0].isalpha()).upper()
    pattern = r"(?i:\b" + r"\s+".join(map(re.escape, words)) + r"\b)"
    if len(initials) >= 3:
        pattern += rf"|\b{initials}\b"
    return re.compile(pattern)


def _word_rx(pattern: str) -> re.Pattern[str]:
    """Abbreviations written in capitals ("EM", "IR") match case-sensitively: "em" and
    "ir" are not specialties."""
    letters = re.sub(r"\\[bwsdB]", "", pattern)
    upper = any(c.isupper() for c in letters) and not any(c.islower() for c in letters)
    return re.compile(pattern, 0 if upper else re.I)


def _full_name(name: str) -> str:
    """A contact's name without title or degrees: "Dr. Wade Kessler, MD" → "Wade Kessler"."""
    words = name.split(",", 1)[0].split()
    return " ".join(w for w in words if w.rstrip(".").lower() not in ("dr", "doctor", "prof"))


def _squeeze(name: str) -> str:
    """Lower case letters and digits only: how a name is written into a domain."""
    return "".join(ch for ch in name.lower() if ch.isalnum())


def _plain(text: str) -> str:
    """Lower case without periods and commas: "St. Brigid's" and "St Brigid's" agree."""
    return text.lower().replace(".", "").replace(",", "")


def _acronym(institution: str) -> str:
    letters = "".join(w[0] for w in re.split(r"[\s\-]+", institution) if w and w[0].isalpha()
                      and w.lower() not in {"of", "the", "and"})
    return letters.upper() if len(letters) >= 4 else ""


def _short_name(institution: str) -> str:
    """The words people call an institution by: up to its first generic word after a
    distinctive one ("Tularosa" of "Tularosa Regional Medical Center", "Dunmore Valley"
    of "Dunmore Valley Hospital")."""
    words = [w for w in re.split(r"[\s,]+", institution) if w]
    head: list[str] = []
    for w in words:
        if w.lower().strip(".") in _GENERIC and any(
                h.lower().strip(".") not in _GENERIC for h in head):
            break
        head.append(w)
    return " ".join(head) if len(head) < len(words) else ""


_NEXT_WORD = re.compile(r"[\s,]*([\w'-]+)")


def _by_short_name(institution: str, text: str, m: re.Match[str]) -> bool:
    """The institution called by its short name, capitalized, in a voicemail, a text or a
    resident's note ("Dunmore Valley emergency medicine", "PGY2 at Tularosa", "Lowcountry
    University EM"). A generic word right after it must be the institution's own, so
    "Greyhaven Regional" is not "Greyhaven University Hospital"."""
    short = _short_name(institution)
    if len(short) < 5 or not m.group(0)[:1].isupper():
        return False
    end = m.start() + len(short)
    if text[m.start():end].lower() != short.lower():
        return False
    nxt = _NEXT_WORD.match(text, end)
    word = nxt.group(1).lower() if nxt else ""
    return word not in _GENERIC or word in institution.lower().split()


def _institution_keys(by_institution: Mapping[str, set[str]]) -> dict[str, list[str]]:
    """First distinctive word (and acronym) of each institution → institutions it starts."""
    keys: dict[str, list[str]] = defaultdict(list)
    for inst in by_institution:
        words = [w for w in re.split(r"[\s,]+", inst) if w]
        if words:
            keys[words[0].lower()].append(inst)
        distinctive = [w.strip(".") for w in words if w.lower().strip(".") not in _GENERIC]
        if distinctive and distinctive[0] != words[0]:
            keys[distinctive[0].lower()].append(inst)
        acro = _acronym(inst)
        if acro:
            keys[acro.lower()].append(inst)
    return dict(keys)


def _link(pid: str, score: float, cue: str, detail: str, span: str) -> Link:
    return Link(program_id=pid, score=score, reasons=(Reason(cue=cue, detail=detail, span=span),))


_BY_ID: dict[int, tuple[Sequence[Program], int, Linker]] = {}
_BY_CONTENT: dict[tuple, Linker] = {}


def _fingerprint(programs: Sequence[Program]) -> tuple:
    return tuple((p.program_id, p.name, p.institution, p.specialty, p.track, p.email_domains,
                  p.pd_name, p.pd_email, p.coordinator_name, p.coordinator_email, p.contacts)
                 for p in programs)


def linker_for(programs: Sequence[Program]) -> Linker:
    """A cached :class:`Linker` for this program list: by identity (and length, so an
    appended list is noticed) on the fast path, else by content."""
    hit = _BY_ID.get(id(programs))
    if hit is not None and hit[0] is programs and hit[1] == len(programs):
        return hit[2]
    key = _fingerprint(programs)
    linker = _BY_CONTENT.get(key)
    if linker is None:
        if len(_BY_CONTENT) > 16:
            _BY_CONTENT.clear()
        linker = _BY_CONTENT[key] = Linker(programs)
    if len(_BY_ID) > 16:
        _BY_ID.clear()
    _BY_ID[id(programs)] = (programs, len(programs), linker)
    return linker


def link(msg: ParsedMessage, programs: Sequence[Program], *,
         corrections: LinkCorrections | None = None, thread_links: Mapping[str, str] | None = None,
         kind: Kind | None = None) -> Link:
    """Link one message (see the module docstring); a thin wrapper over :class:`Linker`."""
    return linker_for(programs).link(msg, corrections=corrections,
                                     thread_links=thread_links or {}, kind=kind)
