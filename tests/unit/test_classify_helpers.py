"""Builders for ParsedMessage values used by the classify, link and evaluate tests (no tests)."""

from __future__ import annotations

from datetime import datetime

from mailsync.message import Address, Attachment, ParsedMessage

APPLICANT = Address(name="Amina Rahman", addr="amina.rahman@gmail.com")


def msg(
    body: str,
    *,
    subject: str = "",
    sender: str = "coordinator@hollisterhealth.org",
    name: str = "",
    date: str = "2026-10-20T09:00:00-05:00",
    message_id: str = "<m1@test>",
    in_reply_to: str = "",
    attachments: tuple[tuple[str, str], ...] = (),
    cc: tuple[str, ...] = (),
    to: Address = APPLICANT,
) -> ParsedMessage:
    """A parsed message from literal parts (attachments as (filename, text) pairs)."""
    return ParsedMessage(
        message_id=message_id,
        subject=subject,
        from_=Address(name=name, addr=sender),
        to=(to,),
        cc=tuple(Address(name="", addr=c) for c in cc),
        date=datetime.fromisoformat(date),
        in_reply_to=in_reply_to,
        references=(in_reply_to,) if in_reply_to else (),
        text=body,
        attachments=tuple(Attachment(filename=f, content_type="text/plain", size=len(t), text=t)
                          for f, t in attachments),
    )


def red_flags(body: str, *, subject: str, sender: str) -> tuple[set, list[str]]:
    """The red flags ``classify`` raises on a message, and its reasons' cues (for the
    assertion message)."""
    from mailsync.classify import classify
    from mailsync.taxonomy import RED_FLAGS

    c = classify(msg(body, subject=subject, sender=sender))
    return set(c.flags) & RED_FLAGS, [r.cue for r in c.reasons]
