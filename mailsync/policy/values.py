"""What the policy decides about and what it answers.

A :class:`Proposal` (an approved draft asking to be sent) is checked against
the :class:`SentRecord` history; the answer is a :class:`Decision` carrying
every :class:`Block` with its stable rule id, its reason and whether the
applicant may override it (NRMP rules never can: policy.md (a)).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from mailsync.taxonomy import OutgoingType as T


@dataclass(frozen=True, slots=True, kw_only=True)
class Proposal:
    """An approved draft asking to be sent.

    ``at`` is the requested send time (None: as soon as allowed). ``recipient``
    is the address (one thank-you per interviewer); ``topic`` names what an
    update is about (a visa update is sent once per change of status);
    ``interview_at`` is the interview the message follows; ``invited`` says the
    program invited post-interview notes; ``overrides`` are the rule ids the
    applicant chose to override (ignored for rules that are not overridable).
    """

    type: T
    program_id: str | None
    at: datetime | None = None
    recipient: str = ""
    topic: str = ""
    interview_at: datetime | None = None
    invited: bool = False
    overrides: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True, kw_only=True)
class SentRecord:
    """A message already sent, or approved and scheduled, this season."""

    type: T
    program_id: str | None
    sent_at: datetime
    recipient: str = ""
    topic: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Block:
    """One reason a send may not happen; ``not_before`` when waiting would lift it."""

    rule: str
    reason: str
    overridable: bool
    not_before: datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Decision:
    """``allowed`` when no block remains; ``suggested_at`` when waiting would help."""

    allowed: bool
    reasons: list[Block]
    suggested_at: datetime | None = None
