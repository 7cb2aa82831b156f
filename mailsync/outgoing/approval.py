"""Approval: a reviewed draft becomes ``scheduled`` only through lint and policy.

:func:`approve` runs both gates with ``clock.now()`` and either schedules the
message (now, at the asked time, or at the time the policy suggests when the
only blocks lift by waiting) or stores the blocks on the row so ``drafts``
can show them. **One letter of intent per season** is a row in ``claims``
inserted in the same transaction as the approval: its primary key makes a
second approval fail even when two processes approve at the same instant.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from mailsync import outbox
from mailsync.outgoing.checks import (
    _block_dict,
    _intent_taken_by,
    _lint_blocks,
    check_policy,
    run_lint,
)
from mailsync.outgoing.context import LETTER_OF_INTENT_CLAIM, ApprovalResult, Outgoing, S, T
from mailsync.outgoing.records import get_program, get_row, load_programs, row_text
from mailsync.policy import Decision
from mailsync.store.schema import ClaimRow, OutboxRow


class _StaleRow(Exception):
    """The row left the state the approval was computed for."""


def approve(env: Outgoing, draft_id: int | str, at: datetime | None = None,
            overrides: Sequence[str] = ()) -> ApprovalResult:
    """Lint and policy with ``clock.now()``, then ``approved → scheduled`` or the blocks.

    A draft (or a scheduled message being moved to another time) is
    scheduled at ``at``, or now, or — when the only blocks lift by waiting
    (quiet hours, weekend, spacing) — at the policy's suggested time. The
    blocks are stored on the row either way, so ``drafts`` can show them.
    """
    now = env.clock.now()
    with env.db.reading() as s:
        row = get_row(s, draft_id)
        state = S(row.state)
        if state not in (S.DRAFT, S.SCHEDULED):
            return ApprovalResult(outbox_id=row.id, approved=False, blocks=[{
                "rule": "state", "overridable": False,
                "reason": f"draft {row.id} is {state.value}; only a draft can be approved"}])
        program = get_program(s, row.program_id) if row.program_id else None
        findings = run_lint(row_text(row), type_=T(row.type), program=program,
                            programs=load_programs(s), profile=env.settings.applicant)
        decision = check_policy(env, s, row, now, at, overrides)
        row_id, program_id, type_ = row.id, row.program_id, T(row.type)
    lint_blocks = _lint_blocks(findings)
    policy_blocks = [_block_dict(b) for b in decision.reasons]
    when = _send_time(decision, at, now)
    if lint_blocks or when is None:
        return _refused(env, row_id, findings, lint_blocks + policy_blocks, overrides, now)
    claim = type_ is T.LETTER_OF_INTENT and state is S.DRAFT
    try:
        _commit_approval(env, row_id, state, when, findings, policy_blocks, overrides,
                         claim=(str(env.season(now).match_year), program_id) if claim else None)
    except IntegrityError:  # Another approval holds this season's claim.
        return _refused(env, row_id, findings, [_intent_block(env, now)], overrides, now)
    except _StaleRow as exc:
        return ApprovalResult(outbox_id=row_id, approved=False, findings=findings, blocks=[
            {"rule": "state", "overridable": False, "reason": str(exc)}])
    return ApprovalResult(outbox_id=row_id, approved=True, scheduled_at=when,
                          waits=policy_blocks, findings=findings)


def _send_time(decision: Decision, at: datetime | None, now: datetime) -> datetime | None:
    if decision.allowed:
        return max(at, now) if at else now
    return decision.suggested_at


def _intent_block(env: Outgoing, now: datetime) -> dict[str, Any]:
    season = env.season(now)
    with env.db.reading() as s:
        taken = _intent_taken_by(s, season, -1) or "another program"
    return {"rule": "letter_of_intent_unique", "overridable": False,
            "reason": f"a letter of intent to {taken} was approved at the same time; only one "
                      "program may ever be told it is your #1 (policy.md (b))"}


def _refused(env: Outgoing, row_id: int, findings: list[dict[str, Any]],
             blocks: list[dict[str, Any]], overrides: Sequence[str],
             now: datetime) -> ApprovalResult:
    """Store the blocks on the row (so ``drafts`` shows them) and report the refusal."""
    _record_blocks(env, row_id, findings, blocks, overrides, now)
    return ApprovalResult(outbox_id=row_id, approved=False, blocks=blocks, findings=findings)


def _record_blocks(env: Outgoing, row_id: int, findings: list[dict[str, Any]],
                   blocks: list[dict[str, Any]], overrides: Sequence[str],
                   now: datetime) -> None:
    with env.db.transaction() as s:
        s.execute(update(OutboxRow).where(OutboxRow.id == row_id).values(
            findings=findings, blocks=blocks, overrides=list(overrides), updated_at=now))


def _commit_approval(env: Outgoing, row_id: int, state: S, when: datetime,
                     findings: list[dict[str, Any]], waits: list[dict[str, Any]],
                     overrides: Sequence[str], *, claim: tuple[str, str | None] | None
                     ) -> None:
    """One transaction: the claim first (its primary key decides races), then the state.

    Writing first also means SQLite takes its write lock at once (waiting on
    ``busy_timeout``) instead of failing to upgrade a read snapshot.
    """
    now = env.clock.now()
    approved = outbox.next_state(state, outbox.SendEvent.APPROVE) if state is S.DRAFT else state
    target = outbox.next_state(approved, outbox.SendEvent.SCHEDULE)
    with env.db.transaction() as s:
        if claim is not None:
            s.add(ClaimRow(season=claim[0], claim=LETTER_OF_INTENT_CLAIM, outbox_id=row_id,
                           program_id=claim[1], claimed_at=now))
            s.flush()
        values: dict[str, Any] = dict(state=target.value, scheduled_at=when, findings=findings,
                                      blocks=waits, overrides=list(overrides), updated_at=now)
        if state is S.DRAFT:
            values["approved_at"] = now
        done = s.execute(update(OutboxRow).where(
            OutboxRow.id == row_id, OutboxRow.state == state.value).values(**values))
        if done.rowcount != 1:
            raise _StaleRow(f"draft {row_id} changed while it was being approved; try again")
