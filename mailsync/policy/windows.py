"""Window checks: when a type may go out, and the quiet hours of the program's zone.

* ``window``: per-type timing (policy.md (b) "When", (c)): thank-yous within
  72 h of the interview, letters of interest ≥2 weeks after it and not before
  January, letters ≥1 week before the rank-list deadline.
* ``quiet_hours``, ``weekend``: no late-night or weekend sends (c) "Send time".

Both lift by waiting, so each block says from when (``not_before``) where it can.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from mailsync.policy.context import CheckContext
from mailsync.policy.timing import in_quiet_hours, next_send_window
from mailsync.policy.values import Block


def check_window(ctx: CheckContext) -> list[Block]:
    """Per-type timing windows (policy.md (b) "When", (c))."""
    rule, p = ctx.rule, ctx.proposal
    blocks: list[Block] = []
    needs_interview = rule.window_hours is not None or rule.min_days_after_interview is not None
    if needs_interview and p.interview_at is None:
        blocks.append(_window("the interview date is unknown, so the timing cannot be checked"))
    if rule.window_hours is not None and p.interview_at is not None:
        lo, hi = rule.window_hours
        if ctx.send_at < p.interview_at + timedelta(hours=lo):
            blocks.append(_window("the interview has not happened yet",
                                  p.interview_at + timedelta(hours=lo)))
        elif ctx.send_at > p.interview_at + timedelta(hours=hi):
            blocks.append(_window(f"more than {hi} h after the interview (policy.md (b): "
                                  "thank-yous within 24–72 h)"))
    if rule.min_days_after_interview is not None and p.interview_at is not None:
        opens = p.interview_at + timedelta(days=rule.min_days_after_interview)
        if ctx.send_at < opens:
            blocks.append(_window(f"less than {rule.min_days_after_interview} days after the "
                                  "interview (002 seed: ≥2–3 weeks)", opens))
    if rule.earliest:
        month, day = (int(x) for x in rule.earliest.split("-"))
        opens = datetime(ctx.season.match_year, month, day, tzinfo=ctx.tz)
        if ctx.send_at < opens:
            blocks.append(_window(f"too early in the season (not before {opens:%b %d})", opens))
    if rule.min_days_before_deadline is not None:
        closes = ctx.season.rol_deadline - timedelta(days=rule.min_days_before_deadline)
        if ctx.send_at > closes:
            blocks.append(_window(f"less than {rule.min_days_before_deadline} days before the "
                                  "rank-list deadline (policy.md (b))"))
    return blocks


def _window(reason: str, not_before: datetime | None = None) -> Block:
    return Block(rule="window", overridable=True, reason=reason, not_before=not_before)


def check_send_time(ctx: CheckContext) -> list[Block]:
    """No late-night or weekend sends, in the program's time zone (policy.md (c))."""
    if not ctx.rule.quiet_hours:
        return []
    local = ctx.send_at.astimezone(ctx.tz)
    nxt = next_send_window(ctx.send_at, ctx.tz, ctx.rules)
    blocks = []
    if in_quiet_hours(local.time(), ctx.rules):
        blocks.append(Block(rule="quiet_hours", overridable=True, not_before=nxt,
                            reason=f"{local:%H:%M} is within quiet hours "
                                   f"({ctx.rules.quiet_start:%H:%M}–{ctx.rules.quiet_end:%H:%M} "
                                   f"{ctx.tz.key})"))
    if ctx.rules.weekdays_only and local.weekday() >= 5:
        blocks.append(Block(rule="weekend", overridable=True, not_before=nxt,
                            reason=f"{local:%A} in {ctx.tz.key}: send on a weekday"))
    return blocks
