"""Season calendar: known cycles, the estimate rule, overrides, SOAP and locking."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from mailsync.errors import ConfigError
from mailsync.season import KNOWN_CYCLES, default_season, match_year_for, season_for

ET = ZoneInfo("America/New_York")


def test_2027_defaults() -> None:
    s = season_for(datetime(2026, 11, 2, tzinfo=UTC))
    assert s.match_year == 2027 and s.is_default and not s.estimated
    assert s.rol_deadline == datetime(2027, 3, 3, 21, 0, tzinfo=ET)
    assert s.match_day == date(2027, 3, 19)
    assert (s.soap_start, s.soap_end) == (date(2027, 3, 15), date(2027, 3, 18))


@pytest.mark.parametrize("year", sorted(KNOWN_CYCLES))
def test_estimate_rule_reproduces_known_years(year: int) -> None:
    known = default_season(year)
    KNOWN = KNOWN_CYCLES.pop(year)
    try:
        estimate = default_season(year)
    finally:
        KNOWN_CYCLES[year] = KNOWN
    assert estimate.estimated
    assert (estimate.rol_deadline, estimate.match_day) == (known.rol_deadline, known.match_day)


@pytest.mark.parametrize(("when", "year"), [
    (datetime(2026, 6, 1, 12, tzinfo=UTC), 2027), (datetime(2027, 3, 19, tzinfo=UTC), 2027),
    (datetime(2027, 5, 31, 12, tzinfo=UTC), 2027), (datetime(2027, 7, 1, tzinfo=UTC), 2028),
])
def test_match_year_for(when: datetime, year: int) -> None:
    assert match_year_for(when) == year


def test_overrides() -> None:
    s = season_for(datetime(2026, 10, 1, tzinfo=UTC),
                   {"rol_deadline": "2027-03-04", "match_day": "2027-03-20",
                    "rol_certified_at": "2027-02-20T10:00:00-05:00"})
    assert not s.is_default
    assert s.rol_deadline == datetime(2027, 3, 4, 21, 0, tzinfo=ET)
    assert s.rank_list_locked(datetime(2027, 2, 21, tzinfo=UTC))
    assert not s.rank_list_locked(datetime(2027, 2, 19, tzinfo=UTC))
    for bad in ({"nope": 1}, {"match_day": "soon"}, {"match_year": "2027"}):
        with pytest.raises(ConfigError):
            season_for(datetime(2026, 10, 1, tzinfo=UTC), bad)


def test_deadline_soap_and_lock() -> None:
    s = default_season(2027)
    assert not s.deadline_passed(datetime(2027, 3, 3, 20, 59, tzinfo=ET))
    assert s.deadline_passed(datetime(2027, 3, 3, 21, 0, tzinfo=ET))
    assert s.rank_list_locked(datetime(2027, 3, 4, tzinfo=ET))
    assert s.in_soap(datetime(2027, 3, 18, 23, tzinfo=ET))
    assert not s.in_soap(datetime(2027, 3, 19, 9, tzinfo=ET))
