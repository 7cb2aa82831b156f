"""Who sent a message and how "residency-like" it reads: inputs to the ``other`` gate.

Flags and most kinds only make sense for mail about the applicant's own
applications. Before any kind is chosen, the classifier asks: is the sender a
national service (ERAS/AAMC, NRMP, ECFMG), an interview platform, a known
program, a consumer mailbox (a friend), or someone else; and does the text talk
about residency applications at all? A look-alike domain (``nrmp-verify-account.com``)
is *not* NRMP: domains match exactly or as a subdomain, never by substring.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from mailsync.message import ParsedMessage
from mailsync.programs import Program

NATIONAL_DOMAINS = ("aamc.org", "nrmp.org", "ecfmg.org", "intealth.org", "fsmb.org",
                    "usmle.org", "nbme.org", "nbome.org")
#: Interview and application platforms that write on a program's behalf.
PLATFORM_DOMAINS = (
    "thalamusgme.com", "thalamus.com", "interviewbroker.com", "liaisoncas.com", "liaison.com",
    "residencycas.org", "interviewly-mail.com", "interviewly.com", "matchslate.io",
    "rezbook.app", "calendly.com",
)
PLATFORM_NAMES = re.compile(
    r"\b(?:thalamus|interview ?broker|residencycas|interviewly|matchslate|rezbook)\b", re.I
)
FREEMAIL = frozenset({
    "gmail.com", "googlemail.com", "yahoo.com", "ymail.com", "hotmail.com", "outlook.com",
    "live.com", "msn.com", "icloud.com", "me.com", "mac.com", "aol.com", "proton.me",
    "protonmail.com", "gmx.com", "gmx.net", "mail.com", "yandex.com", "zoho.com", "hey.com",
    "fastmail.com", "qq.com", "163.com", "rediffmail.com", "yahoo.co.in", "hotmail.co.uk",
})
_AUTOMATED_LOCAL = re.compile(
    r"^(?:no-?reply|do-?not-?reply|donotreply|notifications?|notify|mailer|alerts?|"
    r"automated|system|bounce|support)\b", re.I)
_RESIDENCY_TERMS = re.compile(
    r"\b(?:residency|residents?|program director|coordinator|interview(?:s|ed|ing)?|applicants?|"
    r"application|eras|nrmp|ecfmg|match|pgy-?\d|rank (?:order )?list|selection committee|"
    r"intern(?:ship)?|gme|graduate medical education|aamc|usmle|j-1|preliminary|categorical|"
    r"transitional year|fellowship|step [123](?: ck)?|fsmb|myeras|mspe|dean's letter|"
    r"letters? of recommendation|personal statement|medical school|medical licen[sc]\w*|"
    r"program signals?|preference signals?|ecfmg certification|rank order)\b")


def domain_matches(domain: str, owned: str) -> bool:
    """``domain`` is ``owned`` or one of its subdomains (never a look-alike)."""
    return domain == owned or domain.endswith("." + owned)


@dataclass(frozen=True, slots=True)
class SenderContext:
    """Facts about the sender used by the kind decision."""

    address: str
    domain: str
    national: bool
    platform: bool
    program: bool  # sender domain or contact belongs to a known program
    personal: bool  # consumer mailbox (or the applicant's own provider), or a friend's forward
    automated: bool
    #: The sender's name or address reads like a residency service ("SlotHarbor", "Convene
    #: Residency", "gme-portal"): weak evidence that an unknown sender is not a shop or bank.
    residency_sender: bool = False
    #: The domain borrows a national service's name without being its domain
    #: ("nrmp-earlyresults.com", "ecfmg-verify.net"): how phishing dresses up.
    impostor: bool = False
    #: A phone service mailing on a text or voicemail ("SMS from … (+1 605-555-0114)").
    phone_notice: bool = False

    @property
    def institutional(self) -> bool:
        return self.national or self.platform or self.program


def sender_context(msg: ParsedMessage, programs: Sequence[Program],
                   forwarded_from: str = "", forwarded_to: str = "") -> SenderContext:
    """Classify the (effective) sender. A forward by the applicant (or an institution,
    such as a school's auto-forward or a coordinator) is judged by the original sender;
    a friend forwarding someone else's mail stays the sender (personal mail): a consumer
    mailbox, or anyone who is not an institution forwarding mail that was addressed to
    someone other than the applicant ("look what my PD sent me")."""
    own = {a.addr for a in msg.to}
    to_domains = {a.domain for a in msg.to}
    address = msg.sender
    friend = False
    if forwarded_from and forwarded_from not in own:
        forwarder = msg.sender.rpartition("@")[2]
        fsuf = _suffixes(forwarder)
        institution = (not fsuf.isdisjoint(_NATIONAL_SET) or not fsuf.isdisjoint(_PLATFORM_SET)
                       or program_index(programs).knows(msg.sender, forwarder))
        someone_else = (bool(forwarded_to) and forwarded_to not in own and not institution
                        and not _same_person(msg))
        friend = msg.sender not in own and (forwarder in FREEMAIL or forwarder in to_domains
                                            or someone_else)
        if not friend:
            address = forwarded_from
    domain = address.rpartition("@")[2]
    suffixes = _suffixes(domain)
    phone_notice = bool(_PHONE_NOTICE.search(msg.subject or ""))
    name = msg.from_.name if msg.from_ else ""
    platform = not suffixes.isdisjoint(_PLATFORM_SET) or bool(
        name and PLATFORM_NAMES.search(name) and domain not in FREEMAIL)
    return SenderContext(
        address=address,
        domain=domain,
        national=not suffixes.isdisjoint(_NATIONAL_SET),
        platform=platform,
        program=program_index(programs).knows(address, domain),
        personal=friend or ((domain in FREEMAIL or domain in to_domains) and address not in own
                            and not _RELAY_LOCAL.match(address)),
        automated=bool(_AUTOMATED_LOCAL.match(address)),
        residency_sender=bool(_RESIDENCY_SENDER.search(f"{name} {domain}")
                              or _PHONE_LOCAL.match(address) or phone_notice),
        impostor=suffixes.isdisjoint(_NATIONAL_SET) and _borrows_service_name(domain),
        phone_notice=phone_notice,
    )


#: The national services' names as they appear inside a domain label.
_SERVICE_NAME = re.compile(r"nrmp|aamc|ecfmg|usmle|intealth|myeras|(?:^|-)eras(?:-|$)")
_SERVICE_LABELS = frozenset({"nrmp", "aamc", "ecfmg", "usmle", "intealth"})


def _borrows_service_name(domain: str) -> bool:
    """A label joins a service's name to other words ("nrmp-r3-verify", "aamc-eras-support")
    and no label is the name itself (``nrmp.example``, a test or demo domain, is not a
    disguise)."""
    domain = domain.lower()
    if not _SERVICE_NAME.search(domain):  # nearly every domain: one C-level scan
        return False
    labels = domain.split(".")[:-1]
    return (not _SERVICE_LABELS.intersection(labels)
            and any(_SERVICE_NAME.search(label) for label in labels))


#: The mail provider's voicemail or text-message relay: its mail carries a caller's words
#: (a coordinator's "are we in your top 3?"), so it is read like a forward, not as a friend.
_RELAY_LOCAL = re.compile(r"(?i)(?:voice-?mail|voice|sms|text|texts|sms-relay|text-relay|"
                          r"relay|fax|transcripts?)[@._-]")


def _same_person(msg: ParsedMessage) -> bool:
    """The forwarder shares a name with the applicant (their display name or the words of
    their address): the applicant's own other account forwarding its mail."""
    def words(text: str) -> set[str]:
        return {w for w in re.split(r"[^a-z]+", text.lower()) if len(w) >= 3}

    mine = set()
    for a in msg.to:
        mine |= words(a.name) | words(a.addr.partition("@")[0])
    name = msg.from_.name if msg.from_ else ""
    theirs = words(name) | words(msg.sender.partition("@")[0])
    if mine & theirs - {"med", "dr", "doctor"}:
        return True
    # the same surname written differently: "dani.vasquezhale" beside "Danielle Vasquez-Hale"
    # and "dvasquezhale"
    squeezed = (re.sub(r"[^a-z]", "", name.lower()), re.sub(r"[^a-z]", "", msg.sender.lower()))
    return any(len(w) >= 6 and any(w in t for t in squeezed) for w in mine)


_RESIDENCY_SENDER = re.compile(
    r"(?i)slot|interview|residen|match|\bgme|rounds|applicant|\beras\b|rank|intern\b")


#: A text message or voicemail delivered as mail ("5205550173@sms.carrierbridge.net",
#: "+14125550147@vtext.com"): a coordinator's or resident's phone, short on vocabulary.
#: Such mail in the tuning sets is residency mail 60 times in 61.
_PHONE_LOCAL = re.compile(r"\+?1?\d{10}@")
#: A phone service's notice of a text or voicemail ("New voicemail from (804) 555-0161",
#: "Text message from +1 973-555-0170"): in the tuning sets 68 of 70 such mails are a
#: program's, the transcript as short on vocabulary as the phone's own.
_PHONE_NOTICE = re.compile(r"\b(?:voice ?mail|voice message|text messages?|sms|missed call)\b"
                           # the number after the sender's name: "SMS from Halvorsen Path
                           # Residency (+1 605-555-0114)"
                           r"[^\n]{0,60}?\(?\+?1?[ (-]*\d{3}\)?[ .-]?\d{3}[ .-]\d{4}\b", re.I)


_PLATFORM_SET = frozenset(PLATFORM_DOMAINS)
_NATIONAL_SET = frozenset(NATIONAL_DOMAINS)


def domain_suffixes(domain: str) -> frozenset[str]:
    """``a.b.org`` → {a.b.org, b.org, org}; ``domain_matches(domain, d)`` ⇔ ``d`` in it."""
    return _suffixes(domain)


def _suffixes(domain: str) -> frozenset[str]:
    """``a.b.org`` → {a.b.org, b.org, org}: membership tests instead of suffix loops."""
    parts = domain.split(".")
    return frozenset(".".join(parts[i:]) for i in range(len(parts)))


@dataclass(frozen=True, slots=True)
class ProgramIndex:
    """Contact addresses and domains of a program list, built once per list: for each, the
    (time zone, in the NRMP Match) of its programs."""

    contacts: dict[str, frozenset[tuple[str, bool]]]
    domains: dict[str, frozenset[tuple[str, bool]]]
    #: the programs' physicians' surnames and given names, as written ("Petrenko")
    physicians: frozenset[str] = frozenset()

    @classmethod
    def build(cls, programs: Sequence[Program]) -> ProgramIndex:
        contacts: dict[str, set[tuple[str, bool]]] = {}
        domains: dict[str, set[tuple[str, bool]]] = {}
        for p in programs:
            facts = (p.timezone, p.nrmp_participating)
            for c in p.all_contacts:
                if c.email:
                    contacts.setdefault(c.email.lower(), set()).add(facts)
            for d in p.email_domains:
                domains.setdefault(d, set()).add(facts)
        return cls({k: frozenset(v) for k, v in contacts.items()},
                   {k: frozenset(v) for k, v in domains.items()},
                   frozenset(n for p in programs for c in p.all_contacts
                             for n in c.physician_names))

    def _facts(self, address: str, domain: str) -> frozenset[tuple[str, bool]]:
        """The sender's programs (contact first, then domain)."""
        if address in self.contacts:
            return self.contacts[address]
        found: set[tuple[str, bool]] = set()
        parts = domain.split(".")
        for i in range(len(parts) - 1):
            found |= self.domains.get(".".join(parts[i:]), frozenset())
        return frozenset(found)

    def zones_for(self, address: str, domain: str) -> frozenset[str]:
        """Time zones of the programs this sender belongs to."""
        return frozenset(z for z, _ in self._facts(address, domain))

    def in_match(self, address: str, domain: str) -> bool:
        """The sender belongs to programs, and every one of them is in the NRMP Match."""
        facts = self._facts(address, domain)
        return bool(facts) and all(m for _, m in facts)

    def outside_match(self, address: str, domain: str) -> bool:
        """The sender belongs to programs, and none of them is in the NRMP Match."""
        facts = self._facts(address, domain)
        return bool(facts) and not any(m for _, m in facts)

    def knows(self, address: str, domain: str) -> bool:
        return bool(self._facts(address, domain)) or address in self.contacts


_INDEXES: dict[int, tuple[Sequence[Program], int, ProgramIndex]] = {}


def program_index(programs: Sequence[Program]) -> ProgramIndex:
    """A cached :class:`ProgramIndex` for this program list (identity and length checked,
    so a list that grew is re-indexed)."""
    hit = _INDEXES.get(id(programs))
    if hit is None or hit[0] is not programs or hit[1] != len(programs):
        if len(_INDEXES) > 16:
            _INDEXES.clear()
        hit = (programs, len(programs), ProgramIndex.build(programs))
        _INDEXES[id(programs)] = hit
    return hit[2]


#: The same words without the leading \b, which would make the engine try every position:
#: each branch starts with a literal, found by the engine's scan; the boundary is checked here.
_TERMS_FAST = re.compile(_RESIDENCY_TERMS.pattern.removeprefix(r"\b"))


def residency_terms(text: str, most: int | None = None) -> set[str]:
    """Distinct residency words in ``text`` (lower-cased), a measure of topicality; with
    ``most``, the search stops once that many are found (the gate needs only two)."""
    low = text.lower()
    found: set[str] = set()
    search, i = _TERMS_FAST.search, 0
    while (m := search(low, i)) is not None:
        start = m.start()
        if start and (low[start - 1].isalnum() or low[start - 1] == "_"):
            i = start + 1  # inside a word: no boundary before it
            continue
        found.add(m.group(0))
        if most is not None and len(found) >= most:
            break
        i = m.end()
    return found
