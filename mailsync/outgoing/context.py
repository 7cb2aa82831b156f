"""The outgoing side's environment and the results its steps hand back.

:class:`Outgoing` bundles what every step needs (settings, store, clock and
the IMAP/SMTP openers), so tests swap in a FixedClock and their own connect
without patching modules. The result classes are plain values the CLI and the
daemon render; the state groups below are the one place that says which
outbox states count as "on its way", "cancellable" and "editable".
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from mailsync import outbox
from mailsync.clock import Clock
from mailsync.config import AccountSettings, Settings
from mailsync.imap import ImapSession
from mailsync.outbox import SendState
from mailsync.playbook import Draft
from mailsync.policy import PolicyRules
from mailsync.season import Season, season_for
from mailsync.store import Database
from mailsync.taxonomy import OutgoingType

S = SendState
T = OutgoingType
DRAFT_HEADER = "X-Mailsync-Draft"
NOTE_HEADER = "X-Mailsync-Note"
LETTER_OF_INTENT_CLAIM = "letter_of_intent"
# Rows that count as "sent or on the way" for the policy's history.
ACTIVE_STATES = (S.APPROVED, S.SCHEDULED, S.SENDING, S.RETRY, S.SENT, S.UNCERTAIN)
CANCELLABLE = (S.DRAFT, S.APPROVED, S.SCHEDULED, S.RETRY, S.UNCERTAIN, S.FAILED)
EDITABLE = (S.DRAFT, S.APPROVED, S.SCHEDULED, S.RETRY, S.FAILED)


@dataclass
class Outgoing:
    """Everything the outgoing side needs; tests pass a FixedClock and their own connect.

    ``connect`` opens an authenticated IMAP session for an account (default:
    :func:`mailsync.service.connect`); ``password`` reads the account secret
    for SMTP (a password or an OAuth2 access token); ``jitter`` spreads retries
    (a constant in tests).
    """

    settings: Settings
    db: Database
    clock: Clock
    connect: Callable[[AccountSettings], ImapSession] | None = None
    password: Callable[[AccountSettings], str] | None = None
    jitter: Callable[[], float] = random.random
    backoff: outbox.Backoff = outbox.DEFAULT_BACKOFF
    smtp_timeout: float = 60.0

    def imap(self, account: AccountSettings) -> ImapSession:
        if self.connect is not None:
            return self.connect(account)
        from mailsync.service import connect

        return connect(account)

    def secret(self, account: AccountSettings, rejected: str | None = None) -> str:
        """The password, or an OAuth2 access token for ``auth = "oauth2"`` accounts.

        ``rejected`` is a token the server just refused; a fresh one comes back.
        """
        if self.password is not None:
            return self.password(account)
        from mailsync.credentials import get_secret

        return get_secret(account, clock=self.clock, rejected=rejected)

    @property
    def rules(self) -> PolicyRules:
        return PolicyRules.from_toml("", overrides=dict(self.settings.policy))

    def season(self, now: datetime) -> Season:
        return season_for(now, self.settings.season)


@dataclass(frozen=True)
class DraftResult:
    """A stored draft; ``imap_note`` says why it is not in Drafts, when it is not."""

    outbox_id: int
    message_id: str
    draft: Draft
    findings: list[dict[str, Any]]
    drafts_uid: int | None = None
    imap_note: str = ""


@dataclass(frozen=True)
class ApprovalResult:
    """Outcome of one approval: scheduled at ``scheduled_at``, or blocked by ``blocks``.

    ``waits`` are the time-bound policy reasons that moved the send time later.
    """

    outbox_id: int
    approved: bool
    scheduled_at: datetime | None = None
    blocks: list[dict[str, Any]] = field(default_factory=list)
    waits: list[dict[str, Any]] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class SendReport:
    """What one send pass did, per outbox id."""

    sent: list[int] = field(default_factory=list)
    retry: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    uncertain: list[int] = field(default_factory=list)
    held: list[int] = field(default_factory=list)  # policy blocked it at send time
    recovered: list[str] = field(default_factory=list)
    filed: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    busy: bool = False  # another sender holds the lock

    @property
    def ok(self) -> bool:
        return not (self.failed or self.uncertain)


@dataclass
class ReviewReport:
    """What one scan of the review folders did."""

    scheduled: list[int] = field(default_factory=list)
    blocked: list[int] = field(default_factory=list)
    rejected: list[int] = field(default_factory=list)
    notes_appended: int = 0
