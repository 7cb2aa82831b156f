"""The time rules: the program's zone, quiet hours, weekdays, the next send window.

policy.md (c) "Send time": no late-night or emotional sends; the window is
not defined by the seeds, so quiet hours 22:00–06:00 local are our choice,
in the program's time zone (Eastern, the NRMP's clock, when unknown).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mailsync.policy.rules import PolicyRules
from mailsync.programs import Program

DEFAULT_TZ = "America/New_York"


def program_tz(program: Program | None) -> ZoneInfo:
    """The program's IANA zone, falling back to Eastern (the NRMP's clock)."""
    try:
        return ZoneInfo(program.timezone if program and program.timezone else DEFAULT_TZ)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TZ)


def in_quiet_hours(local: time, rules: PolicyRules) -> bool:
    start, end = rules.quiet_start, rules.quiet_end
    if start == end:
        return False
    if start > end:
        return local >= start or local < end
    return start <= local < end


def in_send_window(when: datetime, tz: ZoneInfo, rules: PolicyRules) -> bool:
    """Not quiet hours and (when required) a weekday, in the program's zone."""
    local = when.astimezone(tz)
    if rules.weekdays_only and local.weekday() >= 5:
        return False
    return not in_quiet_hours(local.time(), rules)


def next_send_window(when: datetime, tz: ZoneInfo, rules: PolicyRules) -> datetime:
    """The earliest instant ≥ ``when`` inside the send window (policy.md (c) "Send time")."""
    current = when
    for _ in range(16):
        if in_send_window(current, tz, rules):
            return current
        local = current.astimezone(tz)
        day = local.date()
        if in_quiet_hours(local.time(), rules) and local.time() < rules.quiet_end:
            target = day
        else:
            target = day + timedelta(days=1)
        opening = rules.quiet_end if rules.quiet_start != rules.quiet_end else time(0)
        current = max(current, datetime.combine(target, opening, tzinfo=tz))
    return current


def midnight_after(day: date, tz: tzinfo | None) -> datetime:
    """The start of the day after ``day`` in ``tz``."""
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)
