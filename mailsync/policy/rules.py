"""The policy's numbers: caps, spacing, quiet hours and per-type limits, validated.

The built-in :data:`DEFAULTS` mirror ``config/policy.default.toml`` (a unit
test keeps the two identical); a config's ``[policy]`` table is merged on
top. The values come from spec/policy.md: playbook "Max per program" (b),
frequency limits (c) and specialty notes (f). Loading raises ConfigError
with the offending key, so a typo never silently loosens a limit.
"""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from mailsync.errors import ConfigError
from mailsync.taxonomy import OutgoingType as T

_ALL_TYPES_OFF = {"spacing": False, "rank_related": False, "unsolicited": False}


def _t(cap: int, **kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"max_per_program": cap, "min_repeat_days": 0, "quiet_hours": True}
    base.update(_ALL_TYPES_OFF)
    base.update(kw)
    return base


_LETTER = {"spacing": True, "rank_related": True, "unsolicited": True}

# The built-in defaults; config/policy.default.toml documents the same values
# (a unit test keeps the two identical).
DEFAULTS: dict[str, Any] = {
    "global": {
        "daily_cap": 10,
        "min_spacing_days": 14,
        "quiet_start": "22:00",
        "quiet_end": "06:00",
        "weekdays_only": True,
        "letter_of_interest_season_max": 4,
        "post_interview_letters_max": 2,
    },
    "types": {
        "pre_interview_interest": _t(2, min_repeat_days=30, **_LETTER),
        "invite_reply": _t(1, quiet_hours=False),
        "reschedule_request": _t(1),
        "thank_you": _t(6, per_recipient=1, unsolicited=True, window_hours=[0, 72]),
        "update_letter": _t(1, **_LETTER),
        "letter_of_interest": _t(
            1, min_days_after_interview=14, min_days_before_deadline=7, earliest="01-01",
            **_LETTER,
        ),
        "letter_of_intent": _t(1, min_days_before_deadline=7, **_LETTER),
        "visa_update": _t(3, unsolicited=True),
        "interest_reply": _t(1, rank_related=True),
        "rank_inquiry_reply": _t(1),
        "offer_clarify": _t(1),
        "offer_time_request": _t(1),
        "offer_decline": _t(1),
        "offer_accept": _t(1),
    },
    "specialty": {"internal medicine": {"thank_you": 0}},
    "program_policy": {
        "no_contact": [
            "pre_interview_interest", "thank_you", "update_letter", "letter_of_interest",
            "letter_of_intent",
        ],
        "no_thank_you": ["thank_you"],
    },
}


@dataclass(frozen=True, slots=True, kw_only=True)
class TypeRule:
    """Limits for one outgoing type (one table of ``[types.*]``)."""

    max_per_program: int
    min_repeat_days: int = 0
    per_recipient: int | None = None
    spacing: bool = False
    quiet_hours: bool = True
    rank_related: bool = False
    unsolicited: bool = False
    window_hours: tuple[int, int] | None = None
    min_days_after_interview: int | None = None
    min_days_before_deadline: int | None = None
    earliest: str | None = None  # MM-DD in the Match year


@dataclass(frozen=True, slots=True, kw_only=True)
class PolicyRules:
    """The whole policy, validated. Build with :meth:`default` or :meth:`from_toml`."""

    daily_cap: int
    min_spacing_days: int
    quiet_start: time
    quiet_end: time
    weekdays_only: bool
    letter_of_interest_season_max: int
    post_interview_letters_max: int
    types: Mapping[T, TypeRule]
    specialty_caps: Mapping[str, Mapping[T, int]] = field(default_factory=dict)
    program_policy: Mapping[str, frozenset[T]] = field(default_factory=dict)

    @classmethod
    def default(cls) -> PolicyRules:
        return cls.from_mapping(DEFAULTS)

    @classmethod
    def from_toml(cls, text: str, *, overrides: Mapping[str, Any] | None = None) -> PolicyRules:
        """Parse policy TOML (the default file, or a config with a ``[policy]`` table).

        Missing keys keep their defaults; ``overrides`` (the config's
        ``[policy]`` table as a dict) is merged on top. Raises ConfigError.
        """
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"policy TOML: {exc}") from exc
        if "policy" in data and isinstance(data["policy"], dict):
            data = data["policy"]
        merged = _deep_merge(DEFAULTS, data)
        if overrides:
            merged = _deep_merge(merged, dict(overrides))
        return cls.from_mapping(merged)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> PolicyRules:
        _check_keys(data, DEFAULTS, "policy")
        g = _deep_merge(DEFAULTS["global"], data.get("global", {}))
        _check_keys(g, DEFAULTS["global"], "policy.global")
        types = _deep_merge(DEFAULTS["types"], data.get("types", {}))
        return cls(
            daily_cap=_int(g, "daily_cap"),
            min_spacing_days=_int(g, "min_spacing_days"),
            quiet_start=_clock(g["quiet_start"], "quiet_start"),
            quiet_end=_clock(g["quiet_end"], "quiet_end"),
            weekdays_only=bool(g["weekdays_only"]),
            letter_of_interest_season_max=_int(g, "letter_of_interest_season_max"),
            post_interview_letters_max=_int(g, "post_interview_letters_max"),
            types={_type(k, "policy.types"): _type_rule(k, v) for k, v in types.items()},
            specialty_caps={
                str(spec).lower(): {_type(k, f"policy.specialty.{spec}"): int(v)
                                    for k, v in caps.items()}
                for spec, caps in data.get("specialty", DEFAULTS["specialty"]).items()
            },
            program_policy={
                str(name): frozenset(_type(t, f"policy.program_policy.{name}") for t in types_)
                for name, types_ in data.get("program_policy", DEFAULTS["program_policy"]).items()
            },
        )

    def rule(self, type_: T) -> TypeRule:
        return self.types[type_]


def _deep_merge(base: Mapping[str, Any], top: Mapping[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(dict(base))
    for key, value in top.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _check_keys(data: Mapping[str, Any], allowed: Mapping[str, Any], where: str) -> None:
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)}")


def _int(data: Mapping[str, Any], key: str) -> int:
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(f"policy: {key} must be a non-negative integer, got {value!r}")
    return value


def _clock(value: Any, key: str) -> time:
    try:
        return time.fromisoformat(str(value))
    except ValueError as exc:
        raise ConfigError(f"policy.global.{key}: not a HH:MM time: {value!r}") from exc


def _type(name: Any, where: str) -> T:
    try:
        return T(str(name))
    except ValueError as exc:
        raise ConfigError(f"{where}: unknown outgoing type {name!r}") from exc


_TYPE_KEYS = {f for f in TypeRule.__dataclass_fields__}


def _type_rule(name: str, data: Mapping[str, Any]) -> TypeRule:
    unknown = sorted(set(data) - _TYPE_KEYS)
    if unknown:
        raise ConfigError(f"policy.types.{name}: unknown key(s) {', '.join(unknown)}")
    values = dict(data)
    if values.get("window_hours") is not None:
        lo, hi = values["window_hours"]
        values["window_hours"] = (int(lo), int(hi))
    if values.get("earliest"):
        try:
            date.fromisoformat(f"2000-{values['earliest']}")
        except ValueError as exc:
            raise ConfigError(f"policy.types.{name}.earliest: not MM-DD") from exc
    try:
        return TypeRule(**values)
    except TypeError as exc:
        raise ConfigError(f"policy.types.{name}: {exc}") from exc
