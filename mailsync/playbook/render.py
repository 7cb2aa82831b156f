"""The playbook: which reply fits a message, and filling its template.

Templates are Jinja2 files (``mailsync/templates/<type>.j2``, overridable by a
caller's directory) rendered with StrictUndefined, so a missing fact can never
leave a placeholder in the text: it comes back as :class:`MissingFacts`
naming each fact and what it is ("missing facts are asked for, never
invented", design.md). Each template opens with a header comment declaring
its facts::

    {#-
    to: pd
    facts:
      program_tie: a real tie to the program or its city
    facts.emergency_medicine:
      em_rotation: your US emergency medicine rotation or SLOE
    optional:
      platform: the scheduling platform
    -#}
    Subject: ...

    body (paragraphs may wrap; they are joined when rendered)

The closing and signature (with AAMC and ECFMG IDs, policy.md (b) "All
messages") are appended by :func:`render_draft`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import jinja2

from mailsync.programs import Program
from mailsync.taxonomy import Flag, Kind, OutgoingType

T = OutgoingType

SPECIALTY_GROUPS = ("general", "internal_medicine", "emergency_medicine", "pediatrics",
                    "radiology")

# policy.md (e), shown next to offer_clarify / offer_time_request drafts.
OFFER_CHECKLIST: tuple[str, ...] = (
    "Match status: is this program (ACGME number) in this year's Main Match? If yes, an offer "
    "outside the Match breaches All In unless an exception applies. Get it in writing.",
    "ACGME accreditation in the specialty.",
    "Board eligibility on completion (e.g. ABEM/AOBEM).",
    "Visa type sponsored, in writing, feasible for the start date (ECFMG certification, "
    "DS-2019 timing, Step 3 and fee for H-1B).",
    "Written contract: PGY level, salary, length, start date, conditions.",
    "Time: ask for a few days.",
    "Does acceptance require withdrawing from the Match? Withdrawal must precede the ROL "
    "deadline (R11).",
    "Quality: current residents (ideally IMGs), board pass rates, outcomes.",
    "Advice before signing: advisor, ECFMG, NRMP.",
)

# Playbook "To" column (policy.md (b)): who receives each type, first choice first.
RECIPIENTS: dict[T, tuple[str, ...]] = {
    T.PRE_INTERVIEW_INTEREST: ("pd",),
    T.INVITE_REPLY: ("sender", "coordinator", "pd"),
    T.RESCHEDULE_REQUEST: ("sender", "coordinator", "pd"),
    T.THANK_YOU: ("interviewer",),
    T.UPDATE_LETTER: ("pd",),
    T.LETTER_OF_INTEREST: ("pd",),
    T.LETTER_OF_INTENT: ("pd",),
    T.VISA_UPDATE: ("coordinator", "pd"),
    T.INTEREST_REPLY: ("sender", "pd"),
    T.RANK_INQUIRY_REPLY: ("sender", "pd"),
    T.OFFER_CLARIFY: ("sender", "pd"),
    T.OFFER_TIME_REQUEST: ("sender", "pd"),
    T.OFFER_DECLINE: ("sender", "pd"),
    T.OFFER_ACCEPT: ("sender", "pd"),
}

_FORMAL = {T.PRE_INTERVIEW_INTEREST, T.UPDATE_LETTER, T.LETTER_OF_INTEREST,
           T.LETTER_OF_INTENT, T.THANK_YOU, T.OFFER_ACCEPT, T.OFFER_DECLINE}

# Facts every template gets from the profile, program or reply; described for
# MissingFacts when a template needs one that is absent.
BASE_FACTS: dict[str, str] = {
    "applicant_name": "your full name (profile key 'name')",
    "program_name": "the program's name",
    "degree": "your medical degree, e.g. MD or MBBS (profile key 'degree')",
    "school": "your medical school (profile key 'school')",
    "country": "the country of your medical school (profile key 'country')",
    "pd_name": "the program director's name, for 'Dear Dr. Lastname'",
    "to_email": "the recipient's email address",
    "interviewer_email": "the interviewer's email address",
    "city": "the program's city",
}


class FactSpec(NamedTuple):
    """One fact a template needs: its key and what it is, in plain words."""

    key: str
    description: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Recipient:
    """Who a draft goes to; ``role`` is pd, coordinator, sender or interviewer."""

    role: str
    name: str
    email: str

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>" if self.name else self.email


@dataclass(frozen=True, slots=True, kw_only=True)
class ReplyContext:
    """What the draft answers: the incoming message's subject, sender and offers."""

    subject: str = ""
    sender_name: str = ""
    sender_email: str = ""
    interview_dates: tuple[str, ...] = ()
    message_id: str = ""
    flags: frozenset[Flag] = frozenset()


@dataclass(frozen=True, slots=True, kw_only=True)
class Draft:
    """A filled template, ready for lint, policy and the applicant's review."""

    type: T
    subject: str
    body: str
    to: Recipient
    program_id: str | None
    facts_used: Mapping[str, str]
    cc: tuple[Recipient, ...] = ()
    in_reply_to: str = ""
    checklist: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """Subject line and body, the form :func:`mailsync.lint.lint` accepts."""
        return f"Subject: {self.subject}\n\n{self.body}"


@dataclass(frozen=True, slots=True, kw_only=True)
class MissingFacts:
    """The template cannot be filled; ``missing`` names each fact and what it is."""

    type: T
    missing: tuple[FactSpec, ...]

    def lines(self) -> list[str]:
        """One line per fact, as the CLI prints them (design.md, ``draft``)."""
        return [f"missing fact: {f.key} — {f.description}" for f in self.missing]


@dataclass(frozen=True, slots=True, kw_only=True)
class TemplateSpec:
    """A template's header: recipient choice and declared facts."""

    to: tuple[str, ...]
    facts: tuple[FactSpec, ...]
    by_specialty: Mapping[str, tuple[FactSpec, ...]] = field(default_factory=dict)
    optional: tuple[FactSpec, ...] = ()

    def required(self, group: str) -> tuple[FactSpec, ...]:
        return (*self.facts, *self.by_specialty.get(group, ()))


# ---------------------------------------------------------------- choosing a type

_VISA_CUE = re.compile(r"\b(visa|j-?1|h-?1b|sponsor\w*|ecfmg|citizenship|green card|"
                       r"permanent resident|work authori[sz]ation)\b", re.I)
_INTEREST_CUE = re.compile(r"\b(level of interest|still interested|remain (under )?"
                           r"consideration|continued interest)\b", re.I)
_UPDATE_CUE = re.compile(r"\b(step ?[123]|score|transcript|updated? (cv|documents?)|"
                         r"publication|certification)\b", re.I)
_RED = frozenset({Flag.RANK_INQUIRY, Flag.COMMITMENT_REQUEST, Flag.WITHDRAWAL_REQUEST})


def choose_type(kind: Kind, flags: frozenset[Flag], *, text: str = "") -> tuple[T, ...]:
    """Reply types for an incoming message, best first (policy.md (b), (d)).

    A red flag puts the non-binding reply first, except for a pre-match offer,
    where clarifying the offer (checklist (e), :data:`OFFER_CHECKLIST`) comes
    first. ``text`` (the message body) refines info requests (visa → visa_update).
    """
    red = bool(flags & _RED)
    if kind is Kind.PRE_MATCH_OFFER:
        base: tuple[T, ...] = (T.OFFER_CLARIFY, T.OFFER_TIME_REQUEST, T.OFFER_DECLINE,
                               T.OFFER_ACCEPT)
        return (*base, T.RANK_INQUIRY_REPLY) if red else base
    by_kind: dict[Kind, tuple[T, ...]] = {
        Kind.INTERVIEW_INVITE: (T.INVITE_REPLY, T.RESCHEDULE_REQUEST),
        Kind.INTERVIEW_LOGISTICS: (T.RESCHEDULE_REQUEST,),
        Kind.INTEREST_SIGNAL: (T.INTEREST_REPLY,),
        Kind.INFO_REQUEST: _info_types(text),
        Kind.WAITLIST: (T.UPDATE_LETTER,),
    }
    types = by_kind.get(kind, ())
    if red:
        return (T.RANK_INQUIRY_REPLY, *(t for t in types if t is not T.RANK_INQUIRY_REPLY))
    return types


def _info_types(text: str) -> tuple[T, ...]:
    order = [T.VISA_UPDATE, T.UPDATE_LETTER, T.INTEREST_REPLY]
    if _INTEREST_CUE.search(text):
        order = [T.INTEREST_REPLY, T.UPDATE_LETTER, T.VISA_UPDATE]
    elif _UPDATE_CUE.search(text) and not _VISA_CUE.search(text):
        order = [T.UPDATE_LETTER, T.VISA_UPDATE, T.INTEREST_REPLY]
    return tuple(order)


def specialty_group(specialty: str) -> str:
    """Map a specialty name to the wording group of policy.md (f)."""
    s = specialty.strip().lower()
    if "radiolog" in s or s in {"dr", "ir", "esir"}:
        return "radiology"
    if "emergency" in s or s == "em":
        return "emergency_medicine"
    if "pediatric" in s or "paediatric" in s or s == "peds":
        return "pediatrics"
    if "internal medicine" in s or s == "im":
        return "internal_medicine"
    return "general"


# ---------------------------------------------------------------- templates

_HEADER = re.compile(r"\A\s*\{#-?(.*?)-?#\}", re.S)


def parse_header(source: str) -> TemplateSpec:
    """Read the declaration comment at the top of a template (format: module doc)."""
    m = _HEADER.match(source)
    sections: dict[str, list[FactSpec]] = {}
    to: tuple[str, ...] = ()
    current = ""
    for raw in (m.group(1) if m else "").splitlines():
        line = raw.rstrip()
        if not line.strip():
            continue
        if not raw[:1].isspace():
            key, _, value = line.partition(":")
            if key == "to":
                to = tuple(v.strip() for v in value.split(",") if v.strip())
            current = key.strip()
            sections.setdefault(current, [])
            continue
        key, _, desc = line.strip().partition(":")
        sections.setdefault(current, []).append(FactSpec(key.strip(), desc.strip()))
    by_spec = {k.split(".", 1)[1]: tuple(v) for k, v in sections.items()
               if k.startswith("facts.")}
    return TemplateSpec(to=to, facts=tuple(sections.get("facts", ())), by_specialty=by_spec,
                        optional=tuple(sections.get("optional", ())))


def _sentence(value: str) -> str:
    """Capitalize a user-given phrase and end it with a full stop."""
    text = str(value).strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


@lru_cache(maxsize=8)
def _environment(template_dir: str | None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    if template_dir:
        loaders.append(jinja2.FileSystemLoader(template_dir))
    loaders.append(jinja2.PackageLoader("mailsync", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders), undefined=jinja2.StrictUndefined,
        autoescape=False, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False,
    )
    env.filters["sentence"] = _sentence
    return env


def template_spec(type_: T, template_dir: Path | None = None) -> TemplateSpec:
    env = _environment(str(template_dir) if template_dir else None)
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, f"{type_.value}.j2")
    return parse_header(source)


def required_facts(type_: T, specialty: str, *, template_dir: Path | None = None
                   ) -> tuple[FactSpec, ...]:
    """Facts the type's template needs for a specialty, besides name and program.

    Facts normally found in the profile or program record (degree, school) are
    listed too: they are asked for when the profile lacks them. The salutation
    may additionally need ``pd_name`` and the recipient's address.
    """
    spec = template_spec(type_, template_dir)
    base = (FactSpec("applicant_name", BASE_FACTS["applicant_name"]),
            FactSpec("program_name", BASE_FACTS["program_name"]))
    return (*base, *spec.required(specialty_group(specialty)))


# ---------------------------------------------------------------- rendering

_TITLES = {"dr", "md", "do", "phd", "mph", "mbbs", "facp", "facep", "faap", "mba", "ms", "prof",
           "mr", "mrs", "miss", "jr", "sr", "ii", "iii"}


def last_name(full_name: str) -> str:
    """Family name with titles and degrees stripped ("Dr. Jane Doe, MD" → "Doe")."""
    words = [w for w in full_name.replace(",", " ").split()
             if w.strip(".").lower() not in _TITLES]
    return words[-1] if words else ""


def _is_doctor(name: str) -> bool:
    return bool(re.match(r"\s*dr\b", name, re.I) or re.search(
        r",\s*(md|do|mbbs|phd)\b", name, re.I))


def _is_img(profile: Mapping[str, str]) -> bool:
    country = profile.get("country", "").strip().lower()
    return country not in {"us", "usa", "united states", "united states of america", "u.s."}


def _profile_context(profile: Mapping[str, str]) -> dict[str, object]:
    keys = ("degree", "email", "phone", "aamc_id", "eras_id", "ecfmg_id", "school", "country",
            "citizenship", "visa", "timezone")
    ctx: dict[str, object] = {k: profile.get(k, "").strip() for k in keys}
    ctx["applicant_name"] = profile.get("name", "").strip()
    ctx["applicant_specialty"] = profile.get("specialty", "").strip()
    ctx["needs_visa"] = profile.get("citizenship", "").strip() == "needs_visa"
    ctx["is_img"] = _is_img(profile)
    return ctx


def _program_context(program: Program | None) -> dict[str, object]:
    if program is None:
        return {}
    return {
        "program_name": program.name, "institution": program.institution,
        "program_specialty": program.specialty, "track": program.track, "city": program.city,
        "state": program.state, "pd_name": program.pd_name,
        "coordinator_name": program.coordinator_name,
    }


def _reply_context(reply: ReplyContext | None) -> dict[str, object]:
    if reply is None:
        return {"flags": [], "offered_dates": []}
    ctx: dict[str, object] = {
        "flags": sorted(f.value for f in reply.flags),
        "offered_dates": list(reply.interview_dates),
        "sender_name": reply.sender_name,
        "original_subject": reply.subject,
    }
    if len(reply.interview_dates) == 1:
        ctx["chosen_date"] = reply.interview_dates[0]
    return ctx


def _specialty_context(program: Program | None, profile: Mapping[str, str],
                       facts: Mapping[str, str]) -> dict[str, object]:
    name = facts.get("specialty") or (program.specialty if program and program.specialty
                                      else profile.get("specialty", ""))
    track = f"{program.specialty} {program.track}" if program else ""
    return {
        "specialty": specialty_group(name),
        "specialty_name": name.strip().lower() or "residency",
        "is_ir": "interventional" in (name + " " + track).lower(),
    }


def build_context(type_: T, *, profile: Mapping[str, str], program: Program | None,
                  facts: Mapping[str, str], reply_to: ReplyContext | None,
                  spec: TemplateSpec) -> dict[str, object]:
    """All values a template sees; user facts win over reply, program and profile."""
    ctx: dict[str, object] = {f.key: "" for f in spec.optional}
    ctx.update(_profile_context(profile))
    ctx.update(_program_context(program))
    ctx.update(_reply_context(reply_to))
    ctx.update(_specialty_context(program, profile, facts))
    ctx.update({k: v.strip() for k, v in facts.items()})
    ctx["pd_last_name"] = last_name(str(ctx.get("pd_name", "")))
    return ctx


def _person(role: str, ctx: Mapping[str, object], program: Program | None,
            reply: ReplyContext | None) -> tuple[str, str] | None:
    """(name, email) for a role, or None when that role is unknown here."""
    if role == "pd" and ctx.get("pd_name"):
        return str(ctx["pd_name"]), str(ctx.get("pd_email") or (program.pd_email if program
                                                                 else ""))
    if role == "coordinator" and program and program.coordinator_name:
        return program.coordinator_name, program.coordinator_email
    if role == "sender" and reply and (reply.sender_email or reply.sender_name):
        return reply.sender_name, reply.sender_email
    if role == "interviewer" and ctx.get("interviewer_name"):
        return str(ctx["interviewer_name"]), _interviewer_email(ctx, program)
    return None


def _interviewer_email(ctx: Mapping[str, object], program: Program | None) -> str:
    name = str(ctx["interviewer_name"]).lower()
    if ctx.get("interviewer_email"):
        return str(ctx["interviewer_email"])
    for contact in program.all_contacts if program else ():
        if contact.name and last_name(contact.name).lower() == last_name(name).lower():
            return contact.email
    return ""


def resolve_recipient(type_: T, spec: TemplateSpec, ctx: Mapping[str, object],
                      program: Program | None, reply: ReplyContext | None
                      ) -> Recipient | FactSpec:
    """The playbook's "To" choice, or the fact that is missing to make it."""
    roles = spec.to or RECIPIENTS[type_]
    for role in roles:
        person = _person(role, ctx, program, reply)
        if person is not None:
            email = str(ctx.get("to_email") or person[1])
            return Recipient(role=role, name=person[0], email=email)
    if roles[0] == "interviewer":
        return FactSpec("interviewer_name", "the interviewer's name")
    return FactSpec("pd_name", BASE_FACTS["pd_name"])


def salutation(recipient: Recipient, ctx: Mapping[str, object], program: Program | None
               ) -> str:
    """ "Dear Dr. Lastname" for the PD and doctors (001 seed); full name otherwise."""
    if ctx.get("salutation"):
        return str(ctx["salutation"]).rstrip(",")
    name = recipient.name
    pd_last = str(ctx.get("pd_last_name", ""))
    is_pd = recipient.role == "pd" or (program is not None and (
        (recipient.email and recipient.email.lower() == program.pd_email.lower())
        or (pd_last and last_name(name).lower() == pd_last.lower())))
    if is_pd and pd_last:
        return f"Dear Dr. {pd_last}"
    if recipient.role == "interviewer" or _is_doctor(name):
        return f"Dear Dr. {last_name(name)}"
    if name.strip():
        return f"Dear {name.strip()}"
    return f"Dear {ctx.get('program_name') or 'Program'} team"


def signature_block(profile: Mapping[str, str], type_: T) -> str:
    """Closing and signature; the AAMC and ECFMG IDs are always added (002, 003 seeds)."""
    closing = "Sincerely," if type_ in _FORMAL else "Best regards,"
    custom = profile.get("signature", "").strip()
    aamc, ecfmg = profile.get("aamc_id", "").strip(), profile.get("ecfmg_id", "").strip()
    if custom:
        lines = [custom]
    else:
        name = profile.get("name", "").strip()
        degree = profile.get("degree", "").strip()
        lines = [f"{name}, {degree}" if degree else name]
        school = ", ".join(x for x in (profile.get("school", "").strip(),
                                       profile.get("country", "").strip()) if x)
        if school:
            lines.append(school)
    digits = re.sub(r"\D", "", "\n".join(lines))
    if aamc and re.sub(r"\D", "", aamc) not in digits:
        lines.append(f"AAMC ID: {aamc}")
    if ecfmg and re.sub(r"\D", "", ecfmg) not in digits:
        lines.append(f"ECFMG ID: {ecfmg}")
    contact = " | ".join(x for x in (profile.get("email", "").strip(),
                                     profile.get("phone", "").strip()) if x)
    if contact and not custom:
        lines.append(contact)
    return closing + "\n" + "\n".join(lines)


def _reflow(text: str) -> str:
    """Join wrapped template lines into paragraphs; keep list items and blank lines."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    out = []
    for para in paragraphs:
        lines = [ln.strip() for ln in para.splitlines() if ln.strip()]
        merged: list[str] = []
        for line in lines:
            if merged and not re.match(r"(\d+\.|-|\*)\s", line):
                merged[-1] += " " + line
            else:
                merged.append(line)
        out.append("\n".join(re.sub(r" {2,}", " ", m) for m in merged))
    return "\n\n".join(p for p in out if p)


def _missing(spec: TemplateSpec, ctx: Mapping[str, object], group: str) -> list[FactSpec]:
    needed = [FactSpec("applicant_name", BASE_FACTS["applicant_name"]),
              FactSpec("program_name", BASE_FACTS["program_name"]), *spec.required(group)]
    return [f for f in needed if not str(ctx.get(f.key, "")).strip()]


def _describe(key: str, spec: TemplateSpec, ctx: Mapping[str, object]) -> FactSpec:
    for fact in (*spec.facts, *spec.optional, *(f for v in spec.by_specialty.values()
                                                  for f in v)):
        if fact.key == key:
            return _with_offers(fact, ctx)
    return FactSpec(key, BASE_FACTS.get(key, key.replace("_", " ")))


def _with_offers(fact: FactSpec, ctx: Mapping[str, object]) -> FactSpec:
    offered = ctx.get("offered_dates") or []
    if fact.key == "chosen_date" and offered:
        return FactSpec(fact.key, f"{fact.description} (offered: {', '.join(map(str, offered))})")
    return fact


def render_draft(
    type: T,  # the name is the documented contract
    *,
    profile: Mapping[str, str],
    program: Program | None,
    facts: Mapping[str, str],
    reply_to: ReplyContext | None = None,
    template_dir: Path | None = None,
) -> Draft | MissingFacts:
    """Fill the playbook template for ``type``; never leaves a placeholder.

    Facts are looked up in ``facts`` (the user's ``--fact``), then the reply,
    the program record and the profile. Anything required and absent is
    returned as MissingFacts, each with its description.
    """
    spec = template_spec(type, template_dir)
    ctx = build_context(type, profile=profile, program=program, facts=facts,
                        reply_to=reply_to, spec=spec)
    group = str(ctx["specialty"])
    missing = [_with_offers(f, ctx) for f in _missing(spec, ctx, group)]
    recipient = resolve_recipient(type, spec, ctx, program, reply_to)
    if isinstance(recipient, FactSpec):
        if recipient.key not in {f.key for f in missing}:
            missing.append(recipient)
    elif not recipient.email:
        key = "interviewer_email" if recipient.role == "interviewer" else "to_email"
        missing.append(FactSpec(key, BASE_FACTS[key]))
    if missing:
        return MissingFacts(type=type, missing=tuple(dict.fromkeys(missing)))
    assert isinstance(recipient, Recipient)
    ctx["salutation"] = salutation(recipient, ctx, program)
    return _render(type, spec, ctx, recipient, program, profile, reply_to, template_dir)


def _render(type_: T, spec: TemplateSpec, ctx: dict[str, object], recipient: Recipient,
            program: Program | None, profile: Mapping[str, str],
            reply_to: ReplyContext | None, template_dir: Path | None) -> Draft | MissingFacts:
    env = _environment(str(template_dir) if template_dir else None)
    try:
        text = env.get_template(f"{type_.value}.j2").render(ctx)
    except jinja2.UndefinedError as exc:
        key = re.search(r"'(\w+)' is undefined", str(exc))
        name = key.group(1) if key else "unknown"
        return MissingFacts(type=type_, missing=(_describe(name, spec, ctx),))
    subject, body = _split_subject(text)
    if reply_to and reply_to.subject:
        subject = reply_to.subject if re.match(r"(?i)re:", reply_to.subject) \
            else f"Re: {reply_to.subject}"
    body = _reflow(body) + "\n\n" + signature_block(profile, type_)
    used = {k: str(v) for k, v in ctx.items()
            if isinstance(v, str) and v and k in _declared(spec)}
    return Draft(type=type_, subject=subject, body=body + "\n", to=recipient,
                 program_id=program.program_id if program else None, facts_used=used,
                 cc=_cc(type_, recipient, program),
                 in_reply_to=reply_to.message_id if reply_to else "",
                 checklist=OFFER_CHECKLIST if type_ in {T.OFFER_CLARIFY, T.OFFER_TIME_REQUEST}
                 else ())


def _declared(spec: TemplateSpec) -> set[str]:
    keys = {"applicant_name", "program_name", "salutation"}
    keys.update(f.key for f in spec.facts)
    keys.update(f.key for f in spec.optional)
    keys.update(f.key for v in spec.by_specialty.values() for f in v)
    return keys


def _cc(type_: T, recipient: Recipient, program: Program | None) -> tuple[Recipient, ...]:
    """Pre-interview interest copies the coordinator (003 seed)."""
    if type_ is T.PRE_INTERVIEW_INTEREST and program and program.coordinator_email \
            and recipient.role == "pd":
        return (Recipient(role="coordinator", name=program.coordinator_name,
                          email=program.coordinator_email),)
    return ()


def _split_subject(text: str) -> tuple[str, str]:
    lines = text.lstrip().splitlines()
    if lines and lines[0].lower().startswith("subject:"):
        return lines[0].split(":", 1)[1].strip(), "\n".join(lines[1:])
    return "", text
