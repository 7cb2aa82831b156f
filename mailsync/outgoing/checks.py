"""The two gates every outgoing text passes: the compliance lint and the send policy.

:func:`run_lint` adapts :mod:`mailsync.lint` to the dict findings the store
keeps, and fails closed: without the lint nothing can be approved.
:func:`check_policy` gathers the policy's inputs from the store (what else is
sent or on its way, today's count, the season's letter-of-intent claim, the
interview a letter follows) and asks :func:`mailsync.policy.evaluate_policy`.
Approval runs both; sending runs the policy once more, because a program may
have written meanwhile.
"""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Mapping, Sequence
from datetime import datetime
from email.utils import getaddresses
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mailsync.outgoing.context import (
    ACTIVE_STATES,
    LETTER_OF_INTENT_CLAIM,
    Outgoing,
    S,
    T,
)
from mailsync.outgoing.records import get_program
from mailsync.policy import Decision, Proposal, SentRecord, evaluate_policy
from mailsync.programs import Program
from mailsync.season import Season
from mailsync.store.schema import ClaimRow, EventRow, OutboxRow


def run_lint(text_: str, *, type_: T | None, program: Program | None,
             programs: Sequence[Program] = (), profile: Mapping[str, str] | None = None
             ) -> list[dict[str, Any]]:
    """Lint ``Subject: ...\\n\\nbody`` text; findings as dicts (code, blocking, reason).

    Fails closed: without the lint module every message is blocked, because
    an unchecked message must never leave.
    """
    try:
        from mailsync import lint as lint_module
    except ModuleNotFoundError as exc:
        if exc.name != "mailsync.lint":
            raise
        return [{"code": "lint_unavailable", "blocking": True,
                 "reason": "the compliance lint is not installed; nothing can be approved"}]
    lint_fn = lint_module.lint
    params = inspect.signature(lint_fn).parameters
    offered: dict[str, Any] = {"type": type_, "type_": type_, "outgoing_type": type_,
                               "program": program, "programs": tuple(programs),
                               "profile": dict(profile or {})}
    kwargs = {k: v for k, v in offered.items() if k in params}
    return [_finding_dict(f) for f in lint_fn(text_, **kwargs)]


def _finding_dict(finding: Any) -> dict[str, Any]:
    """``code``, ``blocking`` and ``reason`` always; the lint's own fields when it has them."""
    if isinstance(finding, Mapping):
        return dict(finding)
    base = dict(finding.as_dict()) if hasattr(finding, "as_dict") else {}
    out = {**base, "code": str(getattr(finding, "code", "")),
           "blocking": bool(getattr(finding, "blocking", False)),
           "reason": str(getattr(finding, "reason", ""))}
    if "span" not in out and getattr(finding, "span", None):
        out["span"] = str(finding.span)
    return out


def blocking(findings: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The findings that stop an approval; the others are shown, not enforced."""
    return [f for f in findings if f.get("blocking")]


def _history(session: Session, exclude_id: int) -> list[SentRecord]:
    rows = session.scalars(select(OutboxRow).where(
        OutboxRow.state.in_([s.value for s in ACTIVE_STATES]), OutboxRow.id != exclude_id))
    return [SentRecord(type=T(r.type), program_id=r.program_id,
                       sent_at=r.sent_at or r.scheduled_at or r.approved_at or r.created_at,
                       recipient=_first_addr(r.to_addrs), topic=str(r.facts.get("topic", "")))
            for r in rows]


def _first_addr(addrs: Sequence[str]) -> str:
    parsed = getaddresses(list(addrs))
    return parsed[0][1].lower() if parsed else ""


def _sent_today(session: Session, now: datetime, tz: ZoneInfo) -> int:
    start = datetime.combine(now.astimezone(tz).date(), datetime.min.time(), tzinfo=tz)
    return session.scalar(select(func.count(OutboxRow.id)).where(
        OutboxRow.state == S.SENT.value, OutboxRow.sent_at >= start)) or 0


def _intent_taken_by(session: Session, season: Season, row_id: int) -> str | None:
    claim = session.scalar(select(ClaimRow).where(
        ClaimRow.season == str(season.match_year), ClaimRow.claim == LETTER_OF_INTENT_CLAIM,
        ClaimRow.outbox_id != row_id))
    return (claim.program_id or "?") if claim else None


def _interview_at(session: Session, row: OutboxRow, tz: ZoneInfo) -> datetime | None:
    """The interview a letter follows: a fact, else the program's latest interview event."""
    for key in ("interview_at", "interview_date"):
        value = str(row.facts.get(key, "")).strip()
        if value:
            with contextlib.suppress(ValueError):
                when = datetime.fromisoformat(value)
                return when if when.tzinfo else when.replace(tzinfo=tz)
    if not row.program_id:
        return None
    return session.scalar(select(func.max(EventRow.at)).where(
        EventRow.program_id == row.program_id, EventRow.kind.like("interview%")))


def _truthy(value: object) -> bool:
    return str(value).strip().lower() in {"1", "true", "yes", "y", "invited"}


def check_policy(env: Outgoing, session: Session, row: OutboxRow, now: datetime,
                 at: datetime | None, overrides: Sequence[str]) -> Decision:
    """Run the policy for one row against everything else that is sent or on its way."""
    program = get_program(session, row.program_id) if row.program_id else None
    season = env.season(now)
    tz = ZoneInfo(env.settings.applicant_timezone)
    proposal = Proposal(
        type=T(row.type), program_id=row.program_id, at=at,
        recipient=_first_addr(row.to_addrs), topic=str(row.facts.get("topic", "")),
        interview_at=_interview_at(session, row, tz),
        invited=_truthy(row.facts.get("invited", "")), overrides=frozenset(overrides))
    return evaluate_policy(
        proposal, history=_history(session, row.id), program=program, season=season,
        rules=env.rules, now=now, global_sent_today=_sent_today(session, now, tz),
        letter_of_intent_taken_by=_intent_taken_by(session, season, row.id))


def _block_dict(block: Any) -> dict[str, Any]:
    out = {"rule": block.rule, "reason": block.reason, "overridable": block.overridable}
    if block.not_before is not None:
        out["not_before"] = block.not_before.isoformat()
    return out


def _lint_blocks(findings: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [{"rule": f"lint:{f.get('code', '')}", "reason": f.get("reason", ""),
             "overridable": False} for f in blocking(findings)]
