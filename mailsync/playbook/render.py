"""Rendering a draft: fill the type's template, or say which facts are missing.

A template is rendered with StrictUndefined, so a missing fact can never
leave a placeholder in the text: it comes back as :class:`MissingFacts`
naming each fact and what it is ("missing facts are asked for, never
invented", design.md). Wrapped template lines are joined into paragraphs;
the closing and signature (policy.md (b) "All messages") are appended.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import jinja2

from mailsync.playbook.catalog import environment, template_spec
from mailsync.playbook.choose import OFFER_CHECKLIST
from mailsync.playbook.context import ReplyContext, build_context
from mailsync.playbook.facts import BASE_FACTS, BASE_REQUIRED, FactSpec, TemplateSpec
from mailsync.playbook.recipients import Recipient, cc_for, resolve_recipient, salutation
from mailsync.playbook.signature import signature_block
from mailsync.programs import Program
from mailsync.taxonomy import OutgoingType as T


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
    needed = [*BASE_REQUIRED, *spec.required(group)]
    return [f for f in needed if not str(ctx.get(f.key, "")).strip()]


def _describe(key: str, spec: TemplateSpec, ctx: Mapping[str, object]) -> FactSpec:
    for fact in spec.declared():
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
    env = environment(template_dir)
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
                 cc=cc_for(type_, recipient, program),
                 in_reply_to=reply_to.message_id if reply_to else "",
                 checklist=OFFER_CHECKLIST if type_ in {T.OFFER_CLARIFY, T.OFFER_TIME_REQUEST}
                 else ())


def _declared(spec: TemplateSpec) -> set[str]:
    return {"applicant_name", "program_name", "salutation", *(f.key for f in spec.declared())}


def _split_subject(text: str) -> tuple[str, str]:
    lines = text.lstrip().splitlines()
    if lines and lines[0].lower().startswith("subject:"):
        return lines[0].split(":", 1)[1].strip(), "\n".join(lines[1:])
    return "", text
