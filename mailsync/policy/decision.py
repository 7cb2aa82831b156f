"""The policy's entry point: may this proposal go out now, and if not, when?

Pure: the history, the program, the season and ``now`` come in; a
:class:`~mailsync.policy.values.Decision` with every reason comes out
(architecture.md habit 2). :data:`CHECKS` runs in a fixed order, so the
reasons are listed the same way every time: NRMP rules first, then the
limits, then timing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from mailsync.policy.context import CheckContext, build_context
from mailsync.policy.limits import (
    check_budget,
    check_daily_cap,
    check_duplicate,
    check_post_interview,
    check_program_policy,
    check_repeat,
    check_season_cap,
    check_spacing,
    check_specialty,
)
from mailsync.policy.match_rules import (
    check_intent_unique,
    check_offer,
    check_rank_locked,
    check_soap,
)
from mailsync.policy.rules import PolicyRules
from mailsync.policy.timing import next_send_window, program_tz
from mailsync.policy.values import Block, Decision, Proposal, SentRecord
from mailsync.policy.windows import check_send_time, check_window
from mailsync.programs import Program
from mailsync.season import Season

CHECKS: tuple[Callable[[CheckContext], list[Block]], ...] = (
    check_intent_unique, check_soap, check_offer, check_rank_locked, check_program_policy,
    check_specialty, check_budget, check_duplicate, check_repeat, check_season_cap,
    check_post_interview, check_spacing, check_window, check_daily_cap, check_send_time,
)


def evaluate_policy(
    proposal: Proposal,
    *,
    history: Sequence[SentRecord],
    program: Program | None,
    season: Season,
    rules: PolicyRules,
    now: datetime,
    global_sent_today: int,
    letter_of_intent_taken_by: str | None,
) -> Decision:
    """Check one proposal against every rule; never raises for policy reasons.

    ``history`` is what was sent or scheduled (records before this season are
    ignored). ``letter_of_intent_taken_by`` is the program of another letter of
    intent already approved, scheduled or sent this season (the caller excludes
    this proposal itself). When the only blocks would lift by waiting,
    ``suggested_at`` is the earliest time at which the proposal passes, inside
    the send window of the program's time zone and never before ``now``.
    """
    if now.tzinfo is None:
        raise ValueError("evaluate_policy needs a timezone-aware now")
    args = dict(history=history, program=program, season=season, rules=rules, now=now,
                global_sent_today=global_sent_today, taken_by=letter_of_intent_taken_by)
    blocks = _evaluate(proposal, **args)  # type: ignore[arg-type]
    if not blocks:
        return Decision(allowed=True, reasons=[])
    return Decision(allowed=False, reasons=blocks, suggested_at=_suggest(proposal, blocks, args))


def _evaluate(proposal: Proposal, **args: Any) -> list[Block]:
    ctx = build_context(proposal, **args)
    blocks = [b for check in CHECKS for b in check(ctx)]
    return [b for b in blocks if not (b.overridable and b.rule in proposal.overrides)]


def _suggest(proposal: Proposal, blocks: list[Block], args: dict[str, Any]) -> datetime | None:
    """Wait for time-bound blocks, snap into the send window, re-check; at most 8 rounds."""
    tz = program_tz(args["program"])
    rules: PolicyRules = args["rules"]
    candidate = max([args["now"], proposal.at or args["now"]])
    for _ in range(8):
        if any(b.not_before is None for b in blocks):
            return None
        candidate = max([candidate, *(b.not_before for b in blocks if b.not_before)])
        candidate = next_send_window(candidate, tz, rules)
        blocks = _evaluate(replace(proposal, at=candidate), **args)
        if not blocks:
            return candidate
    return None
