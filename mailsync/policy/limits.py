"""Limits: how much mail one program, and the day, may receive.

* ``program_policy``: a program's stated no-contact policy sets caps to 0
  (policy.md (c); S20, S23); never overridable (program policy > seed etiquette).
* ``specialty_cap``: specialty guidance, e.g. IM thank-yous 0 unless invited (f).
* ``budget``: the playbook's "Max per program" (b).
* ``duplicate``: one thank-you per interviewer, one visa update per change (b).
* ``repeat``, ``spacing``: a second message "much later", no weekly or daily
  emails (c).
* ``season_cap``, ``post_interview_total``: letters of interest to a few
  programs; thank-you plus one update/interest letter (b), (c).
* ``daily_cap``: a global cap per day.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from mailsync.policy.context import CheckContext
from mailsync.policy.timing import midnight_after
from mailsync.policy.values import Block, SentRecord
from mailsync.programs import Program
from mailsync.taxonomy import OutgoingType as T

POST_INTERVIEW_LETTERS = frozenset({T.UPDATE_LETTER, T.LETTER_OF_INTEREST, T.LETTER_OF_INTENT})


def _contact_policy(program: Program | None) -> str:
    if program is None:
        return ""
    return program.extra.get("contact_policy", "").strip().lower()


def check_program_policy(ctx: CheckContext) -> list[Block]:
    """A program's stated no-contact policy sets caps to 0 (policy.md (c); S20, S23)."""
    policy = _contact_policy(ctx.program)
    if ctx.proposal.type not in ctx.rules.program_policy.get(policy, frozenset()):
        return []
    return [Block(rule="program_policy", overridable=False,
                  reason=f"the program's stated policy is {policy!r}: "
                         f"no {ctx.proposal.type.value} (program policy > seed etiquette)")]


def _invited(ctx: CheckContext) -> bool:
    extra = ctx.program.extra if ctx.program else {}
    return ctx.proposal.invited or extra.get("thank_you", "").lower() in {"invited", "welcome"}


def check_specialty(ctx: CheckContext) -> list[Block]:
    """Specialty caps, e.g. IM thank-you 0 unless invited (policy.md (f), AAIM S20)."""
    if ctx.program is None or _invited(ctx):
        return []
    spec = ctx.program.specialty.lower()
    for key, caps in ctx.rules.specialty_caps.items():
        cap = caps.get(ctx.proposal.type)
        if key in spec and cap is not None and len(ctx.mine_of_type) >= cap:
            return [Block(rule="specialty_cap", overridable=True,
                          reason=f"{ctx.program.specialty} guidance caps "
                                 f"{ctx.proposal.type.value} at {cap} unless the program "
                                 "invites it (policy.md (f))")]
    return []


def check_budget(ctx: CheckContext) -> list[Block]:
    """Per-program cap per type (playbook "Max per program", policy.md (b))."""
    if ctx.proposal.program_id is None:
        return []
    sent, cap = len(ctx.mine_of_type), ctx.rule.max_per_program
    return _capped(sent, cap, rule="budget",
                   reason=f"{sent} {ctx.proposal.type.value} already sent to this "
                          f"program; the playbook allows {cap} (policy.md (b))")


def check_duplicate(ctx: CheckContext) -> list[Block]:
    """One thank-you per interviewer; one visa update per change (policy.md (b))."""
    p = ctx.proposal
    limit = ctx.rule.per_recipient
    if limit is not None and p.recipient:
        sent = [r for r in ctx.mine_of_type if r.recipient.lower() == p.recipient.lower()]
        if len(sent) >= limit:
            return [Block(rule="duplicate", overridable=True,
                          reason=f"{p.recipient} already received a {p.type.value}")]
    if p.topic and any(r.topic.lower() == p.topic.lower() for r in ctx.mine_of_type):
        return [Block(rule="duplicate", overridable=True,
                      reason=f"a {p.type.value} about {p.topic!r} was already sent")]
    return []


def check_repeat(ctx: CheckContext) -> list[Block]:
    """A second message of one type only "much later" (000 seed)."""
    days = ctx.rule.min_repeat_days
    if not days:
        return []
    return _wait_after(ctx.mine_of_type, days, ctx, rule="repeat",
                       reason=f"a {ctx.proposal.type.value} went to this program less than "
                              f"{days} days ago (policy.md (c))")


def check_season_cap(ctx: CheckContext) -> list[Block]:
    """Letters of interest to only 2–4 programs (002 seed) / top 1–3 (003 seed)."""
    if ctx.proposal.type is not T.LETTER_OF_INTEREST:
        return []
    others = {r.program_id for r in ctx.history
              if r.type is T.LETTER_OF_INTEREST and r.program_id != ctx.proposal.program_id}
    cap = ctx.rules.letter_of_interest_season_max
    return _capped(len(others), cap, rule="season_cap",
                   reason=f"letters of interest already went to {len(others)} programs; "
                          f"the seeds advise at most {cap} (policy.md (b))")


def check_post_interview(ctx: CheckContext) -> list[Block]:
    """Thank-you plus one update/interest letter per program (003 and 000 seeds)."""
    if ctx.proposal.type not in POST_INTERVIEW_LETTERS:
        return []
    sent = sum(1 for r in ctx.mine if r.type in POST_INTERVIEW_LETTERS)
    cap = ctx.rules.post_interview_letters_max
    return _capped(sent, cap, rule="post_interview_total",
                   reason=f"{sent} update/interest/intent letters already went to this "
                          f"program; the limit is {cap} (policy.md (c))")


def check_spacing(ctx: CheckContext) -> list[Block]:
    """No weekly or daily emails to one program (policy.md (c))."""
    if not ctx.rule.spacing:
        return []
    spaced = [r for r in ctx.mine if ctx.rules.rule(r.type).spacing]
    return _wait_after(spaced, ctx.rules.min_spacing_days, ctx, rule="spacing",
                       reason=f"another message went to this program less than "
                              f"{ctx.rules.min_spacing_days} days ago: no weekly or daily "
                              "emails (policy.md (c))")


def check_daily_cap(ctx: CheckContext) -> list[Block]:
    """A global daily cap; a later day starts again from zero."""
    today = ctx.now.astimezone(ctx.tz).date()
    if ctx.send_at.astimezone(ctx.tz).date() != today:
        return []
    if ctx.global_sent_today < ctx.rules.daily_cap:
        return []
    return [Block(rule="daily_cap", overridable=True,
                  not_before=midnight_after(today, ctx.tz),
                  reason=f"{ctx.global_sent_today} messages sent today; the daily cap is "
                         f"{ctx.rules.daily_cap}")]


def _capped(count: int, cap: int, *, rule: str, reason: str) -> list[Block]:
    """An overridable block once ``count`` has reached ``cap``."""
    if count < cap:
        return []
    return [Block(rule=rule, overridable=True, reason=reason)]


def _wait_after(records: Sequence[SentRecord], days: int, ctx: CheckContext, *, rule: str,
                reason: str) -> list[Block]:
    """An overridable block until ``days`` after the latest of ``records`` (none: no block)."""
    if not records:
        return []
    until = max(r.sent_at for r in records) + timedelta(days=days)
    if ctx.send_at >= until:
        return []
    return [Block(rule=rule, overridable=True, not_before=until, reason=reason)]
