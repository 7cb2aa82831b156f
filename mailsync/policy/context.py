"""What every check reads: the proposal, its type's rule, this season's history, ``now``.

Built once per evaluation by :func:`build_context`. History before this
season (June 1 of the year before the Match) is dropped, so last year's
letters never count against this year's caps (policy.md: "Dates and counts
change yearly: store per cycle").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from mailsync.policy.rules import PolicyRules, TypeRule
from mailsync.policy.timing import program_tz
from mailsync.policy.values import Proposal, SentRecord
from mailsync.programs import Program
from mailsync.season import Season


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckContext:
    """One proposal under evaluation; ``send_at`` is when it would go out."""

    proposal: Proposal
    rule: TypeRule
    history: tuple[SentRecord, ...]
    program: Program | None
    season: Season
    rules: PolicyRules
    now: datetime
    send_at: datetime
    tz: ZoneInfo
    global_sent_today: int
    taken_by: str | None

    @property
    def mine(self) -> tuple[SentRecord, ...]:
        """History to this proposal's program."""
        pid = self.proposal.program_id
        return tuple(r for r in self.history if pid is not None and r.program_id == pid)

    @property
    def mine_of_type(self) -> tuple[SentRecord, ...]:
        """History to this proposal's program, of this proposal's type."""
        return tuple(r for r in self.mine if r.type is self.proposal.type)


def build_context(
    proposal: Proposal, *, history: Sequence[SentRecord], program: Program | None,
    season: Season, rules: PolicyRules, now: datetime, global_sent_today: int,
    taken_by: str | None,
) -> CheckContext:
    start = datetime(season.match_year - 1, 6, 1, tzinfo=season.rol_deadline.tzinfo)
    send_at = max(now, proposal.at) if proposal.at is not None else now
    return CheckContext(
        proposal=proposal, rule=rules.rule(proposal.type),
        history=tuple(r for r in history if r.sent_at >= start), program=program,
        season=season, rules=rules, now=now, send_at=send_at, tz=program_tz(program),
        global_sent_today=global_sent_today, taken_by=taken_by,
    )
