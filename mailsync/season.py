"""The Match-season calendar: rank-list deadline, Match Day and SOAP week.

Dates change every year (policy.md (a), "Calendar": "Dates and counts change
yearly: store per cycle"), so the known cycles are a table and every value can
be overridden from the config's ``[season]`` table. Pure: ``now`` is always a
parameter, never read from a clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from mailsync.errors import ConfigError

NRMP_TZ = ZoneInfo("America/New_York")
DEADLINE_TIME = time(21, 0)  # "9 pm ET deadlines" (policy.md (a), Calendar)

# Known ROL certification deadlines and Match Days (policy.md (a), Calendar).
# 2027 is this project's cycle: the values are defaults the config may override.
KNOWN_CYCLES: dict[int, tuple[date, date]] = {
    2024: (date(2024, 2, 28), date(2024, 3, 15)),
    2025: (date(2025, 3, 5), date(2025, 3, 21)),
    2026: (date(2026, 3, 4), date(2026, 3, 20)),
    2027: (date(2027, 3, 3), date(2027, 3, 19)),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Season:
    """One Match cycle, named by the year of its Match Day.

    ``rol_certified_at`` is when the applicant certified their rank order list
    (a timeline event); ``is_default`` says the dates came from the built-in
    table or the estimate rule, not from the applicant's config.
    """

    match_year: int
    rol_deadline: datetime
    match_day: date
    rol_certified_at: datetime | None = None
    is_default: bool = True
    estimated: bool = False

    def __post_init__(self) -> None:
        if self.rol_deadline.tzinfo is None:
            raise ValueError("Season.rol_deadline must be timezone-aware")

    @property
    def soap_start(self) -> date:
        """Monday of Match Week (R13: SOAP runs Monday–Thursday)."""
        return self.match_day - timedelta(days=self.match_day.weekday())

    @property
    def soap_end(self) -> date:
        """Thursday of Match Week."""
        return self.soap_start + timedelta(days=3)

    def deadline_passed(self, now: datetime) -> bool:
        """True once the ROL certification deadline is over (R11)."""
        return now >= self.rol_deadline

    def rank_list_locked(self, now: datetime) -> bool:
        """Nothing rank-related after the list is certified (policy.md (c), 003 seed)."""
        certified = self.rol_certified_at is not None and now >= self.rol_certified_at
        return certified or self.deadline_passed(now)

    def in_soap(self, now: datetime) -> bool:
        """True during SOAP (R13), judged on the Eastern calendar day."""
        day = now.astimezone(NRMP_TZ).date()
        return self.soap_start <= day <= self.soap_end

    def with_certified(self, at: datetime | None) -> Season:
        """A copy that knows when the applicant certified the list."""
        return replace(self, rol_certified_at=at)


def third_friday_of_march(year: int) -> date:
    """Match Day rule that fits 2024–2027: the third Friday of March."""
    first = date(year, 3, 1)
    offset = (4 - first.weekday()) % 7
    return first + timedelta(days=offset + 14)


def _deadline_at(day: date) -> datetime:
    return datetime.combine(day, DEADLINE_TIME, tzinfo=NRMP_TZ)


def default_season(match_year: int) -> Season:
    """The built-in calendar for a Match year, estimated when not in the table.

    The estimate (Match Day the third Friday of March, ROL deadline the
    Wednesday 16 days before) reproduces every known year, but is marked
    ``estimated`` so the CLI can say so.
    """
    if match_year in KNOWN_CYCLES:
        rol, match = KNOWN_CYCLES[match_year]
        return Season(match_year=match_year, rol_deadline=_deadline_at(rol), match_day=match)
    match = third_friday_of_march(match_year)
    return Season(
        match_year=match_year,
        rol_deadline=_deadline_at(match - timedelta(days=16)),
        match_day=match,
        estimated=True,
    )


def match_year_for(now: datetime) -> int:
    """The Match whose season ``now`` belongs to.

    A cycle runs from ERAS opening (June) to the start of residency: mail from
    June onward belongs to next year's Match.
    """
    local = now.astimezone(NRMP_TZ) if now.tzinfo else now
    return local.year + 1 if local.month >= 6 else local.year


def season_for(now: datetime, overrides: Mapping[str, object] | None = None) -> Season:
    """The season ``now`` falls in, with the config's ``[season]`` overrides applied.

    Recognized override keys: ``match_year`` (int), ``rol_deadline`` (ISO
    datetime, or a date meaning 21:00 Eastern), ``match_day`` (ISO date) and
    ``rol_certified_at`` (ISO datetime). Raises ConfigError naming a bad key.
    """
    overrides = dict(overrides or {})
    unknown = set(overrides) - {"match_year", "rol_deadline", "match_day", "rol_certified_at"}
    if unknown:
        raise ConfigError(f"season: unknown key(s) {', '.join(sorted(unknown))}")
    year = overrides.get("match_year", match_year_for(now))
    if not isinstance(year, int):
        raise ConfigError("season.match_year must be an integer")
    season = default_season(year)
    changes: dict[str, object] = {}
    if "rol_deadline" in overrides:
        changes["rol_deadline"] = _as_deadline(overrides["rol_deadline"], "rol_deadline")
    if "match_day" in overrides:
        changes["match_day"] = _as_date(overrides["match_day"], "match_day")
    if "rol_certified_at" in overrides:
        changes["rol_certified_at"] = _as_deadline(
            overrides["rol_certified_at"], "rol_certified_at"
        )
    if changes:
        season = replace(season, is_default=False, estimated=False, **changes)  # type: ignore[arg-type]
    return season


def _as_date(value: object, key: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise ConfigError(f"season.{key}: not an ISO date: {value!r}") from exc


def _as_deadline(value: object, key: str) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=NRMP_TZ)
    if isinstance(value, date):
        return _deadline_at(value)
    text = str(value)
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError as exc:
        raise ConfigError(f"season.{key}: not an ISO date or datetime: {value!r}") from exc
    if len(text) <= 10:
        return _deadline_at(parsed.date())
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=NRMP_TZ)
