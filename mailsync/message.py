"""Values that describe one message: where it lives and what it says.

These are plain frozen dataclasses so the pure layers (classify, link, policy)
can be tested with literal data and never see an IMAP or ORM object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

BodyFormat = Literal["plain", "html", "both", "none"]


@dataclass(frozen=True, slots=True, kw_only=True)
class MessageRef:
    """Where a message was read from. ``uid`` is only meaningful with ``uidvalidity``."""

    account: str
    folder: str
    uidvalidity: int
    uid: int


@dataclass(frozen=True, slots=True)
class Address:
    """One mailbox. ``addr`` is lower-cased; ``name`` is the display name, decoded."""

    name: str
    addr: str

    @property
    def domain(self) -> str:
        return self.addr.rpartition("@")[2]

    def __str__(self) -> str:
        return f"{self.name} <{self.addr}>" if self.name else self.addr


@dataclass(frozen=True, slots=True, kw_only=True)
class Attachment:
    """A part the applicant would see as an attachment. ``text`` is extracted for text parts."""

    filename: str
    content_type: str
    size: int
    text: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class CalendarEvent:
    """A VEVENT read from a text/calendar part (an interview slot, typically)."""

    summary: str
    start: datetime | None
    end: datetime | None
    location: str = ""
    uid: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class ParsedMessage:
    """One message, normalized. Built by :func:`mailsync.parse.parse_message`.

    ``text`` is what a person reads: the text/plain part, or the HTML part turned
    into text when there is no plain part. ``defects`` lists what was wrong with
    the bytes (bad charset, broken MIME); a message with defects is still usable.
    """

    message_id: str
    subject: str = ""
    from_: Address | None = None
    to: tuple[Address, ...] = ()
    cc: tuple[Address, ...] = ()
    reply_to: tuple[Address, ...] = ()
    date: datetime | None = None
    in_reply_to: str = ""
    references: tuple[str, ...] = ()
    text: str = ""
    html: str = ""
    body_format: BodyFormat = "plain"
    attachments: tuple[Attachment, ...] = ()
    events: tuple[CalendarEvent, ...] = ()
    headers: dict[str, str] = field(default_factory=dict)
    size: int = 0
    content_hash: str = ""
    defects: tuple[str, ...] = ()

    @property
    def sender(self) -> str:
        """The sender's address, lower-cased, or an empty string."""
        return self.from_.addr if self.from_ else ""

    @property
    def thread_parent_ids(self) -> tuple[str, ...]:
        """Message-IDs this message answers, nearest first."""
        ids = [self.in_reply_to] if self.in_reply_to else []
        ids.extend(r for r in reversed(self.references) if r not in ids)
        return tuple(ids)
