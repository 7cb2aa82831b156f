"""Per-program sending policy: may this message go out now, and if not, when?

Pure: the history, the program, the season and ``now`` come in; a
:class:`Decision` with every reason comes out. The numbers live in
``config/policy.default.toml`` (mirrored by :data:`DEFAULTS`); the rules come
from spec/policy.md: playbook caps (b), frequency limits (c), specialty notes
(f) and the NRMP rules R6, R11 and R13 (a).

Rule ids (stable, shown to the applicant and stored with the decision)::

    letter_of_intent_unique  second letter of intent this season     never overridable
    soap                     applicant-initiated mail during SOAP    never overridable
    match_deadline           accepting an offer after the deadline   never overridable
    program_policy           program's stated no-contact policy      never overridable
    rank_locked              rank-related mail after certification  overridable until the deadline
    all_in                   accepting an offer from a Match program overridable (R6 exceptions)
    specialty_cap            IM thank-you without an invitation      overridable
    budget                   per-program cap for the type            overridable
    duplicate                same interviewer / same status twice    overridable
    repeat                   second message of a type too soon       overridable
    season_cap               letters of interest to too many programs overridable
    post_interview_total     too many post-interview letters         overridable
    spacing                  messages to one program too close       overridable
    window                   outside the type's timing window        overridable
    daily_cap                global daily cap reached                overridable
    quiet_hours              22:00–06:00 in the program's time zone  overridable
    weekend                  Saturday or Sunday there                overridable
"""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mailsync.errors import ConfigError
from mailsync.programs import Program
from mailsync.season import Season
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

POST_INTERVIEW_LETTERS = frozenset({T.UPDATE_LETTER, T.LETTER_OF_INTEREST, T.LETTER_OF_INTENT})
DEFAULT_TZ = "America/New_York"


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


# ---------------------------------------------------------------- values


@dataclass(frozen=True, slots=True, kw_only=True)
class Proposal:
    """An approved draft asking to be sent.

    ``at`` is the requested send time (None: as soon as allowed). ``recipient``
    is the address (one thank-you per interviewer); ``topic`` names what an
    update is about (a visa update is sent once per change of status);
    ``interview_at`` is the interview the message follows; ``invited`` says the
    program invited post-interview notes; ``overrides`` are the rule ids the
    applicant chose to override (ignored for rules that are not overridable).
    """

    type: T
    program_id: str | None
    at: datetime | None = None
    recipient: str = ""
    topic: str = ""
    interview_at: datetime | None = None
    invited: bool = False
    overrides: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True, kw_only=True)
class SentRecord:
    """A message already sent, or approved and scheduled, this season."""

    type: T
    program_id: str | None
    sent_at: datetime
    recipient: str = ""
    topic: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Block:
    """One reason a send may not happen; ``not_before`` when waiting would lift it."""

    rule: str
    reason: str
    overridable: bool
    not_before: datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Decision:
    """``allowed`` when no block remains; ``suggested_at`` when waiting would help."""

    allowed: bool
    reasons: list[Block]
    suggested_at: datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class _Ctx:
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


# ---------------------------------------------------------------- entry point


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
    ctx = _context(proposal, **args)
    blocks = [b for check in CHECKS for b in check(ctx)]
    return [b for b in blocks if not (b.overridable and b.rule in proposal.overrides)]


def _context(
    proposal: Proposal, *, history: Sequence[SentRecord], program: Program | None,
    season: Season, rules: PolicyRules, now: datetime, global_sent_today: int,
    taken_by: str | None,
) -> _Ctx:
    start = datetime(season.match_year - 1, 6, 1, tzinfo=season.rol_deadline.tzinfo)
    send_at = max(now, proposal.at) if proposal.at is not None else now
    return _Ctx(
        proposal=proposal, rule=rules.rule(proposal.type),
        history=tuple(r for r in history if r.sent_at >= start), program=program,
        season=season, rules=rules, now=now, send_at=send_at, tz=program_tz(program),
        global_sent_today=global_sent_today, taken_by=taken_by,
    )


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


# ---------------------------------------------------------------- time helpers


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


def _day_start_after(when: datetime, tz: ZoneInfo) -> datetime:
    day = when.astimezone(tz).date() + timedelta(days=1)
    return datetime.combine(day, time(0), tzinfo=tz)


# ---------------------------------------------------------------- checks


def _check_intent_unique(ctx: _Ctx) -> list[Block]:
    """Exactly one letter of intent per season (policy.md (b), all seeds)."""
    if ctx.proposal.type is not T.LETTER_OF_INTENT:
        return []
    taken = ctx.taken_by or next(
        (r.program_id or "?" for r in ctx.history if r.type is T.LETTER_OF_INTENT), None
    )
    if taken is None:
        return []
    return [Block(rule="letter_of_intent_unique", overridable=False,
                  reason=f"a letter of intent already went to program {taken}; only one "
                         "program may ever be told it is your #1 (policy.md (b))")]


def _check_soap(ctx: _Ctx) -> list[Block]:
    """R13: during SOAP applicants may not initiate contact with programs."""
    if not ctx.rule.unsolicited or not ctx.season.in_soap(ctx.send_at):
        return []
    after = datetime.combine(ctx.season.soap_end + timedelta(days=1), time(0),
                             tzinfo=ctx.season.rol_deadline.tzinfo)
    return [Block(rule="soap", overridable=False, not_before=after,
                  reason="SOAP week: applicants may not initiate contact with programs (R13)")]


def _check_offer(ctx: _Ctx) -> list[Block]:
    """R11 (no acceptance after the deadline) and R6 All In (Match programs)."""
    if ctx.proposal.type is not T.OFFER_ACCEPT:
        return []
    if ctx.season.deadline_passed(ctx.send_at):
        return [Block(rule="match_deadline", overridable=False,
                      reason="the rank-list deadline has passed: an independent applicant may "
                             "not accept a concurrent-year position outside the Match (R11)")]
    if ctx.program is not None and ctx.program.nrmp_participating:
        return [Block(rule="all_in", overridable=True,
                      reason=f"{ctx.program.name} takes part in the NRMP Match: an offer outside "
                             "it breaches All In unless an exception applies (R6); get it in "
                             "writing and check policy.md (e)")]
    return []


def _check_rank_locked(ctx: _Ctx) -> list[Block]:
    """Nothing rank-related after the rank list is certified (policy.md (c), 003 seed)."""
    if not ctx.rule.rank_related or not ctx.season.rank_list_locked(ctx.send_at):
        return []
    passed = ctx.season.deadline_passed(ctx.send_at)
    why = "the rank-list deadline has passed" if passed else "your rank list is certified"
    return [Block(rule="rank_locked", overridable=not passed,
                  reason=f"{why}: nothing rank-related may be sent now (policy.md (c))")]


def _contact_policy(program: Program | None) -> str:
    if program is None:
        return ""
    return program.extra.get("contact_policy", "").strip().lower()


def _check_program_policy(ctx: _Ctx) -> list[Block]:
    """A program's stated no-contact policy sets caps to 0 (policy.md (c); S20, S23)."""
    policy = _contact_policy(ctx.program)
    if ctx.proposal.type not in ctx.rules.program_policy.get(policy, frozenset()):
        return []
    return [Block(rule="program_policy", overridable=False,
                  reason=f"the program's stated policy is {policy!r}: "
                         f"no {ctx.proposal.type.value} (program policy > seed etiquette)")]


def _invited(ctx: _Ctx) -> bool:
    extra = ctx.program.extra if ctx.program else {}
    return ctx.proposal.invited or extra.get("thank_you", "").lower() in {"invited", "welcome"}


def _check_specialty(ctx: _Ctx) -> list[Block]:
    """Specialty caps, e.g. IM thank-you 0 unless invited (policy.md (f), AAIM S20)."""
    if ctx.program is None or _invited(ctx):
        return []
    spec = ctx.program.specialty.lower()
    for key, caps in ctx.rules.specialty_caps.items():
        cap = caps.get(ctx.proposal.type)
        if key in spec and cap is not None and len(_same_type(ctx)) >= cap:
            return [Block(rule="specialty_cap", overridable=True,
                          reason=f"{ctx.program.specialty} guidance caps "
                                 f"{ctx.proposal.type.value} at {cap} unless the program "
                                 "invites it (policy.md (f))")]
    return []


def _same_type(ctx: _Ctx) -> tuple[SentRecord, ...]:
    return tuple(r for r in ctx.mine if r.type is ctx.proposal.type)


def _check_budget(ctx: _Ctx) -> list[Block]:
    """Per-program cap per type (playbook "Max per program", policy.md (b))."""
    if ctx.proposal.program_id is None:
        return []
    same = _same_type(ctx)
    cap = ctx.rule.max_per_program
    if len(same) >= cap:
        return [Block(rule="budget", overridable=True,
                      reason=f"{len(same)} {ctx.proposal.type.value} already sent to this "
                             f"program; the playbook allows {cap} (policy.md (b))")]
    return []


def _check_duplicate(ctx: _Ctx) -> list[Block]:
    """One thank-you per interviewer; one visa update per change (policy.md (b))."""
    p = ctx.proposal
    limit = ctx.rule.per_recipient
    if limit is not None and p.recipient:
        sent = [r for r in _same_type(ctx) if r.recipient.lower() == p.recipient.lower()]
        if len(sent) >= limit:
            return [Block(rule="duplicate", overridable=True,
                          reason=f"{p.recipient} already received a {p.type.value}")]
    if p.topic and any(r.topic.lower() == p.topic.lower() for r in _same_type(ctx)):
        return [Block(rule="duplicate", overridable=True,
                      reason=f"a {p.type.value} about {p.topic!r} was already sent")]
    return []


def _check_repeat(ctx: _Ctx) -> list[Block]:
    """A second message of one type only "much later" (000 seed)."""
    days = ctx.rule.min_repeat_days
    same = _same_type(ctx)
    if not days or not same:
        return []
    until = max(r.sent_at for r in same) + timedelta(days=days)
    if ctx.send_at >= until:
        return []
    return [Block(rule="repeat", overridable=True, not_before=until,
                  reason=f"a {ctx.proposal.type.value} went to this program less than "
                         f"{days} days ago (policy.md (c))")]


def _check_season_cap(ctx: _Ctx) -> list[Block]:
    """Letters of interest to only 2–4 programs (002 seed) / top 1–3 (003 seed)."""
    if ctx.proposal.type is not T.LETTER_OF_INTEREST:
        return []
    others = {r.program_id for r in ctx.history
              if r.type is T.LETTER_OF_INTEREST and r.program_id != ctx.proposal.program_id}
    cap = ctx.rules.letter_of_interest_season_max
    if len(others) < cap:
        return []
    return [Block(rule="season_cap", overridable=True,
                  reason=f"letters of interest already went to {len(others)} programs; "
                         f"the seeds advise at most {cap} (policy.md (b))")]


def _check_post_interview(ctx: _Ctx) -> list[Block]:
    """Thank-you plus one update/interest letter per program (003 and 000 seeds)."""
    if ctx.proposal.type not in POST_INTERVIEW_LETTERS:
        return []
    sent = [r for r in ctx.mine if r.type in POST_INTERVIEW_LETTERS]
    cap = ctx.rules.post_interview_letters_max
    if len(sent) < cap:
        return []
    return [Block(rule="post_interview_total", overridable=True,
                  reason=f"{len(sent)} update/interest/intent letters already went to this "
                         f"program; the limit is {cap} (policy.md (c))")]


def _check_spacing(ctx: _Ctx) -> list[Block]:
    """No weekly or daily emails to one program (policy.md (c))."""
    if not ctx.rule.spacing:
        return []
    spaced = [r for r in ctx.mine if ctx.rules.rule(r.type).spacing]
    if not spaced:
        return []
    until = max(r.sent_at for r in spaced) + timedelta(days=ctx.rules.min_spacing_days)
    if ctx.send_at >= until:
        return []
    return [Block(rule="spacing", overridable=True, not_before=until,
                  reason=f"another message went to this program less than "
                         f"{ctx.rules.min_spacing_days} days ago: no weekly or daily "
                         "emails (policy.md (c))")]


def _check_window(ctx: _Ctx) -> list[Block]:
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


def _check_daily_cap(ctx: _Ctx) -> list[Block]:
    """A global daily cap; a later day starts again from zero."""
    today = ctx.now.astimezone(ctx.tz).date()
    if ctx.send_at.astimezone(ctx.tz).date() != today:
        return []
    if ctx.global_sent_today < ctx.rules.daily_cap:
        return []
    return [Block(rule="daily_cap", overridable=True,
                  not_before=_day_start_after(ctx.now, ctx.tz),
                  reason=f"{ctx.global_sent_today} messages sent today; the daily cap is "
                         f"{ctx.rules.daily_cap}")]


def _check_send_time(ctx: _Ctx) -> list[Block]:
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


CHECKS: tuple[Callable[[_Ctx], list[Block]], ...] = (
    _check_intent_unique, _check_soap, _check_offer, _check_rank_locked, _check_program_policy,
    _check_specialty, _check_budget, _check_duplicate, _check_repeat, _check_season_cap,
    _check_post_interview, _check_spacing, _check_window, _check_daily_cap, _check_send_time,
)
