"""Tables. Uniqueness constraints are what make sync, import and sending idempotent.

* ``messages`` holds each distinct message once, keyed by (account, Message-ID,
  content hash): the same bytes seen again (a re-sync after UIDVALIDITY changed,
  the same mail in two folders) add a location, never a row; two different
  messages that share a Message-ID are both kept.
* ``locations`` says where a message was seen: (folder, UIDVALIDITY, UID) is unique.
* ``claims`` makes "exactly one letter of intent per season" a database fact, so
  two processes approving at once cannot both win.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Always timezone-aware UTC in Python, whatever the backend keeps.

    SQLite drops the offset of ``DateTime(timezone=True)``; PostgreSQL keeps it.
    Normalizing at this boundary means no comparison ever mixes naive and aware.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; pass an aware one")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(), dict: JSON, list: JSON,
    }


class AccountRow(Base):
    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    state: Mapped[str] = mapped_column(String(40), default="idle")
    last_error: Mapped[str] = mapped_column(Text, default="")
    last_sync_at: Mapped[datetime | None]
    updated_at: Mapped[datetime | None]


class FolderRow(Base):
    __tablename__ = "folders"
    __table_args__ = (UniqueConstraint("account_id", "name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    name: Mapped[str] = mapped_column(String(500))
    uidvalidity: Mapped[int] = mapped_column(BigInteger, default=0)
    last_uid: Mapped[int] = mapped_column(BigInteger, default=0)
    highestmodseq: Mapped[int | None] = mapped_column(BigInteger)
    last_sync_at: Mapped[datetime | None]


class MessageRow(Base):
    __tablename__ = "messages"
    __table_args__ = (
        UniqueConstraint("account_id", "message_id", "content_hash", name="uq_messages_identity"),
        Index("ix_messages_parse_state", "parse_state"),
        Index("ix_messages_message_id", "message_id"),
        Index("ix_messages_date", "date"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    message_id: Mapped[str] = mapped_column(String(998))
    content_hash: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    source: Mapped[str] = mapped_column(String(20), default="imap")
    stored_at: Mapped[datetime]
    parse_state: Mapped[str] = mapped_column(String(20), default="pending")
    parse_error: Mapped[str] = mapped_column(Text, default="")
    # Filled in by parsing; the raw bytes above stay the source of truth.
    in_reply_to: Mapped[str] = mapped_column(String(998), default="")
    references: Mapped[list] = mapped_column(JSON, default=list)
    thread_id: Mapped[str] = mapped_column(String(998), default="")
    from_addr: Mapped[str] = mapped_column(String(500), default="")
    from_name: Mapped[str] = mapped_column(String(500), default="")
    to_addrs: Mapped[list] = mapped_column(JSON, default=list)
    cc_addrs: Mapped[list] = mapped_column(JSON, default=list)
    subject: Mapped[str] = mapped_column(Text, default="")
    date: Mapped[datetime | None]
    text_body: Mapped[str] = mapped_column(Text, default="")
    body_format: Mapped[str] = mapped_column(String(10), default="")
    attachments: Mapped[list] = mapped_column(JSON, default=list)
    events: Mapped[list] = mapped_column(JSON, default=list)
    defects: Mapped[list] = mapped_column(JSON, default=list)


class LocationRow(Base):
    __tablename__ = "locations"
    __table_args__ = (UniqueConstraint("folder_id", "uidvalidity", "uid", name="uq_locations_uid"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_pk: Mapped[int] = mapped_column(ForeignKey("messages.id"), index=True)
    folder_id: Mapped[int] = mapped_column(ForeignKey("folders.id"))
    uidvalidity: Mapped[int] = mapped_column(BigInteger)
    uid: Mapped[int] = mapped_column(BigInteger)
    flags: Mapped[list] = mapped_column(JSON, default=list)


class LabelRow(Base):
    """The classifier's and linker's verdict on one message, with the reasons."""

    __tablename__ = "labels"
    message_pk: Mapped[int] = mapped_column(ForeignKey("messages.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    flags: Mapped[list] = mapped_column(JSON, default=list)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    reasons: Mapped[list] = mapped_column(JSON, default=list)
    deadlines: Mapped[list] = mapped_column(JSON, default=list)
    program_id: Mapped[str | None] = mapped_column(String(64), index=True)
    link_score: Mapped[float] = mapped_column(Float, default=0.0)
    link_reasons: Mapped[list] = mapped_column(JSON, default=list)
    source: Mapped[str] = mapped_column(String(20), default="auto")  # auto | user
    labeled_at: Mapped[datetime | None]
    notified_at: Mapped[datetime | None]


class CorrectionRow(Base):
    """An applicant's relabel or link, remembered and learned from."""

    __tablename__ = "corrections"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_pk: Mapped[int] = mapped_column(ForeignKey("messages.id"), index=True)
    what: Mapped[str] = mapped_column(String(20))  # relabel | link
    kind: Mapped[str] = mapped_column(String(40), default="")
    flags: Mapped[list] = mapped_column(JSON, default=list)
    program_id: Mapped[str | None] = mapped_column(String(64))
    sender: Mapped[str] = mapped_column(String(500), default="")
    thread_id: Mapped[str] = mapped_column(String(998), default="")
    created_at: Mapped[datetime]


class ProgramRow(Base):
    __tablename__ = "programs"
    program_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(500))
    record: Mapped[dict] = mapped_column(JSON)  # the full CSV row, extra columns included
    imported_at: Mapped[datetime]


class OutboxRow(Base):
    """A draft and, once approved, its journey to the SMTP server.

    ``message_id`` is fixed when the draft is created so every attempt, and
    recovery after a crash, refers to the same message.
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_state_due", "state", "scheduled_at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_name: Mapped[str] = mapped_column(String(200), default="")
    program_id: Mapped[str | None] = mapped_column(String(64), index=True)
    type: Mapped[str] = mapped_column(String(40))
    reply_to_pk: Mapped[int | None] = mapped_column(ForeignKey("messages.id"))
    message_id: Mapped[str] = mapped_column(String(998), unique=True)
    subject: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    to_addrs: Mapped[list] = mapped_column(JSON, default=list)
    cc_addrs: Mapped[list] = mapped_column(JSON, default=list)
    in_reply_to: Mapped[str] = mapped_column(String(998), default="")
    references: Mapped[list] = mapped_column(JSON, default=list)
    facts: Mapped[dict] = mapped_column(JSON, default=dict)
    state: Mapped[str] = mapped_column(String(20), default="draft")
    findings: Mapped[list] = mapped_column(JSON, default=list)
    blocks: Mapped[list] = mapped_column(JSON, default=list)
    overrides: Mapped[list] = mapped_column(JSON, default=list)
    scheduled_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    data_started_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    filed_at: Mapped[datetime | None]
    imap_draft_uid: Mapped[int | None] = mapped_column(BigInteger)
    imap_draft_uidvalidity: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    approved_at: Mapped[datetime | None]


class ClaimRow(Base):
    """One-per-season rights. The primary key is the constraint."""

    __tablename__ = "claims"
    season: Mapped[str] = mapped_column(String(20), primary_key=True)
    claim: Mapped[str] = mapped_column(String(40), primary_key=True)
    outbox_id: Mapped[int] = mapped_column(ForeignKey("outbox.id"))
    program_id: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[datetime]


class EventRow(Base):
    """Timeline events per program, from mail received and sent and the applicant's notes."""

    __tablename__ = "events"
    __table_args__ = (UniqueConstraint("program_id", "kind", "source", name="uq_events_source"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    program_id: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(200))  # e.g. "message:42", "outbox:7", "user"


class AlertRow(Base):
    """Alerts sent, so a restart or a burst never repeats one."""

    __tablename__ = "alerts"
    __table_args__ = (UniqueConstraint("key", name="uq_alerts_key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(300))
    event: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    delivered_at: Mapped[datetime | None]
    error: Mapped[str] = mapped_column(Text, default="")
