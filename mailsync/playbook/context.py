"""What a template sees: profile, program, the message replied to, and user facts.

Facts given by the user (``--fact``) win over the reply, the program record
and the profile, in that order, so the applicant always has the last word.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mailsync.playbook.facts import TemplateSpec
from mailsync.playbook.names import last_name
from mailsync.playbook.specialty import specialty_group
from mailsync.programs import Program
from mailsync.taxonomy import Flag
from mailsync.taxonomy import OutgoingType as T


@dataclass(frozen=True, slots=True, kw_only=True)
class ReplyContext:
    """What the draft answers: the incoming message's subject, sender and offers."""

    subject: str = ""
    sender_name: str = ""
    sender_email: str = ""
    interview_dates: tuple[str, ...] = ()
    message_id: str = ""
    flags: frozenset[Flag] = frozenset()


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
