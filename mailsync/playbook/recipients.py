"""Who a draft goes to, how it greets them, and who is copied.

The playbook's "To" column (policy.md (b)) gives each type's recipients,
first choice first; a template header may narrow it. Greetings follow
"Dr. Lastname" (001 seed) for the program director and doctors.
Pre-interview interest copies the coordinator (003 seed).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mailsync.playbook.context import ReplyContext
from mailsync.playbook.facts import BASE_FACTS, FactSpec, TemplateSpec
from mailsync.playbook.names import is_doctor, last_name
from mailsync.programs import Program
from mailsync.taxonomy import OutgoingType as T

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


@dataclass(frozen=True, slots=True, kw_only=True)
class Recipient:
    """Who a draft goes to; ``role`` is pd, coordinator, sender or interviewer."""

    role: str
    name: str
    email: str

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>" if self.name else self.email


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
    if recipient.role == "interviewer" or is_doctor(name):
        return f"Dear Dr. {last_name(name)}"
    if name.strip():
        return f"Dear {name.strip()}"
    return f"Dear {ctx.get('program_name') or 'Program'} team"


def cc_for(type_: T, recipient: Recipient, program: Program | None) -> tuple[Recipient, ...]:
    """Pre-interview interest copies the coordinator (003 seed)."""
    if type_ is T.PRE_INTERVIEW_INTEREST and program and program.coordinator_email \
            and recipient.role == "pd":
        return (Recipient(role="coordinator", name=program.coordinator_name,
                          email=program.coordinator_email),)
    return ()
