"""Policy rules: a table of positive and negative cases, plus Hypothesis properties."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mailsync.errors import ConfigError
from mailsync.policy import (
    PolicyRules,
    Proposal,
    SentRecord,
    evaluate_policy,
    in_send_window,
    program_tz,
)
from mailsync.programs import Program
from mailsync.season import season_for
from mailsync.taxonomy import OutgoingType as T

ET = ZoneInfo("America/New_York")
RULES = PolicyRules.default()
SEASON = season_for(datetime(2027, 1, 1, tzinfo=UTC))
# Tuesday 2027-01-26, 10:00 in Chicago.
NOW = datetime(2027, 1, 26, 10, 0, tzinfo=ZoneInfo("America/Chicago"))
INTERVIEW = datetime(2027, 1, 5, 9, 0, tzinfo=ZoneInfo("America/Chicago"))

PEDS = Program(program_id="P1", name="Coral Ridge Pediatrics", specialty="Pediatrics",
               timezone="America/Chicago", pd_name="Dr. Y Fairbanks")
IM = Program(program_id="P2", name="Tallgrass Internal Medicine", specialty="Internal Medicine",
             timezone="America/Chicago")
NO_CONTACT = replace(PEDS, program_id="P3", extra={"contact_policy": "no_contact"})
OUTSIDE = replace(PEDS, program_id="P4", nrmp_participating=False)


def decide(type_: T, *, program: Program = PEDS, history: tuple[SentRecord, ...] = (),
           now: datetime = NOW, sent_today: int = 0, taken: str | None = None,
           season=SEASON, **kw):  # type: ignore[no-untyped-def]
    proposal = Proposal(type=type_, program_id=program.program_id, **kw)
    return evaluate_policy(proposal, history=history, program=program, season=season,
                           rules=RULES, now=now, global_sent_today=sent_today,
                           letter_of_intent_taken_by=taken)


def sent(type_: T, days_ago: float, program: str = "P1", **kw) -> SentRecord:  # type: ignore[no-untyped-def]
    return SentRecord(type=type_, program_id=program, sent_at=NOW - timedelta(days=days_ago),
                      **kw)


def ids(decision) -> set[str]:  # type: ignore[no-untyped-def]
    return {b.rule for b in decision.reasons}


CASES = [
    # (name, type, kwargs, expected rule or None)
    ("loi ok", T.LETTER_OF_INTEREST, {"interview_at": INTERVIEW}, None),
    ("loi too soon after interview", T.LETTER_OF_INTEREST,
     {"interview_at": NOW - timedelta(days=5)}, "window"),
    ("loi interview unknown", T.LETTER_OF_INTEREST, {}, "window"),
    ("loi after cutoff", T.LETTER_OF_INTEREST,
     {"interview_at": INTERVIEW, "now": datetime(2027, 2, 26, 10, tzinfo=ET)}, "window"),
    ("loi before January", T.LETTER_OF_INTEREST,
     {"interview_at": datetime(2026, 11, 1, tzinfo=ET),
      "now": datetime(2026, 12, 8, 10, tzinfo=ET)}, "window"),
    ("intent ok", T.LETTER_OF_INTENT, {}, None),
    ("intent too close to deadline", T.LETTER_OF_INTENT,
     {"now": datetime(2027, 2, 26, 10, tzinfo=ET)}, "window"),
    ("second intent", T.LETTER_OF_INTENT, {"taken": "P9"}, "letter_of_intent_unique"),
    ("second intent from history", T.LETTER_OF_INTENT,
     {"history": (sent(T.LETTER_OF_INTENT, 3, program="P7"),)}, "letter_of_intent_unique"),
    ("thank-you in window", T.THANK_YOU, {"interview_at": NOW - timedelta(hours=30)}, None),
    ("thank-you too late", T.THANK_YOU, {"interview_at": NOW - timedelta(hours=80)}, "window"),
    ("thank-you before interview", T.THANK_YOU, {"interview_at": NOW + timedelta(hours=5)},
     "window"),
    ("thank-you same interviewer twice", T.THANK_YOU,
     {"interview_at": NOW - timedelta(hours=30), "recipient": "a@x.org",
      "history": (sent(T.THANK_YOU, 0.5, recipient="A@x.org"),)}, "duplicate"),
    ("thank-you second interviewer", T.THANK_YOU,
     {"interview_at": NOW - timedelta(hours=30), "recipient": "b@x.org",
      "history": (sent(T.THANK_YOU, 0.5, recipient="a@x.org"),)}, None),
    ("IM thank-you not invited", T.THANK_YOU,
     {"program": IM, "interview_at": NOW - timedelta(hours=30)}, "specialty_cap"),
    ("IM thank-you invited", T.THANK_YOU,
     {"program": IM, "interview_at": NOW - timedelta(hours=30), "invited": True}, None),
    ("no-contact program", T.THANK_YOU,
     {"program": NO_CONTACT, "interview_at": NOW - timedelta(hours=30)}, "program_policy"),
    ("no-contact program may reply to invite", T.INVITE_REPLY, {"program": NO_CONTACT}, None),
    ("update twice", T.UPDATE_LETTER, {"history": (sent(T.UPDATE_LETTER, 40),)}, "budget"),
    ("pre-interview repeat too soon", T.PRE_INTERVIEW_INTEREST,
     {"history": (sent(T.PRE_INTERVIEW_INTEREST, 20),)}, "repeat"),
    ("pre-interview repeat much later", T.PRE_INTERVIEW_INTEREST,
     {"history": (sent(T.PRE_INTERVIEW_INTEREST, 45),)}, None),
    ("pre-interview third", T.PRE_INTERVIEW_INTEREST,
     {"history": (sent(T.PRE_INTERVIEW_INTEREST, 90), sent(T.PRE_INTERVIEW_INTEREST, 45))},
     "budget"),
    ("spacing", T.UPDATE_LETTER, {"history": (sent(T.PRE_INTERVIEW_INTEREST, 3),)}, "spacing"),
    ("spacing ignores replies", T.UPDATE_LETTER, {"history": (sent(T.INVITE_REPLY, 1),)}, None),
    ("other program's history", T.UPDATE_LETTER,
     {"history": (sent(T.UPDATE_LETTER, 1, program="P8"),)}, None),
    ("loi season cap", T.LETTER_OF_INTEREST,
     {"interview_at": INTERVIEW, "history": tuple(
         sent(T.LETTER_OF_INTEREST, 20, program=f"X{i}") for i in range(4))}, "season_cap"),
    ("post-interview total", T.LETTER_OF_INTENT,
     {"history": (sent(T.UPDATE_LETTER, 40), sent(T.LETTER_OF_INTEREST, 20))},
     "post_interview_total"),
    ("visa update same status", T.VISA_UPDATE,
     {"topic": "ECFMG certified", "history": (sent(T.VISA_UPDATE, 9, topic="ecfmg certified"),)},
     "duplicate"),
    ("visa update new status", T.VISA_UPDATE,
     {"topic": "J-1 DS-2019 issued",
      "history": (sent(T.VISA_UPDATE, 9, topic="ECFMG certified"),)}, None),
    ("quiet hours", T.UPDATE_LETTER,
     {"now": datetime(2027, 1, 26, 23, 30, tzinfo=ZoneInfo("America/Chicago"))}, "quiet_hours"),
    ("quiet hours in program zone, not ours", T.UPDATE_LETTER,
     {"now": datetime(2027, 1, 26, 21, 30, tzinfo=ZoneInfo("America/Chicago"))}, None),
    ("weekend", T.UPDATE_LETTER,
     {"now": datetime(2027, 1, 30, 11, tzinfo=ZoneInfo("America/Chicago"))}, "weekend"),
    ("invite reply ignores quiet hours", T.INVITE_REPLY,
     {"now": datetime(2027, 1, 30, 23, 30, tzinfo=ZoneInfo("America/Chicago"))}, None),
    ("daily cap", T.UPDATE_LETTER, {"sent_today": 10}, "daily_cap"),
    ("after certification", T.LETTER_OF_INTEREST,
     {"interview_at": INTERVIEW,
      "season": SEASON.with_certified(datetime(2027, 1, 20, tzinfo=ET))}, "rank_locked"),
    ("after deadline", T.UPDATE_LETTER, {"now": datetime(2027, 3, 8, 10, tzinfo=ET)},
     "rank_locked"),
    ("soap", T.UPDATE_LETTER, {"now": datetime(2027, 3, 16, 10, tzinfo=ET)}, "soap"),
    ("soap allows replies", T.OFFER_CLARIFY, {"now": datetime(2027, 3, 16, 10, tzinfo=ET)},
     None),
    ("accept match program offer", T.OFFER_ACCEPT, {}, "all_in"),
    ("accept non-match offer", T.OFFER_ACCEPT, {"program": OUTSIDE}, None),
    ("accept after deadline", T.OFFER_ACCEPT,
     {"program": OUTSIDE, "now": datetime(2027, 3, 8, 10, tzinfo=ET)}, "match_deadline"),
]


@pytest.mark.parametrize(("name", "type_", "kw", "expected"), CASES, ids=[c[0] for c in CASES])
def test_policy_table(name: str, type_: T, kw: dict, expected: str | None) -> None:  # type: ignore[type-arg]
    d = decide(type_, **kw)
    if expected is None:
        assert d.allowed, d.reasons
    else:
        assert not d.allowed and expected in ids(d), d.reasons


NOT_OVERRIDABLE = {"letter_of_intent_unique", "soap", "match_deadline", "program_policy"}


@pytest.mark.parametrize(("name", "type_", "kw", "expected"),
                         [c for c in CASES if c[3]], ids=[c[0] for c in CASES if c[3]])
def test_overrides(name: str, type_: T, kw: dict, expected: str) -> None:  # type: ignore[type-arg]
    d = decide(type_, overrides=frozenset({expected}), **kw)
    block = expected in ids(d)
    if expected in NOT_OVERRIDABLE:
        assert block
    elif expected == "rank_locked" and "season" not in kw:
        assert block  # after the deadline: not overridable
    else:
        assert not block


def test_quiet_hours_suggests_next_morning_in_program_zone() -> None:
    now = datetime(2027, 1, 26, 23, 30, tzinfo=ZoneInfo("America/Chicago"))
    d = decide(T.UPDATE_LETTER, now=now)
    assert d.suggested_at == datetime(2027, 1, 27, 6, 0, tzinfo=ZoneInfo("America/Chicago"))
    friday = datetime(2027, 1, 29, 23, 0, tzinfo=ZoneInfo("America/Chicago"))
    assert decide(T.UPDATE_LETTER, now=friday).suggested_at == datetime(
        2027, 2, 1, 6, 0, tzinfo=ZoneInfo("America/Chicago"))


def test_spacing_and_window_suggest_when_it_lifts() -> None:
    d = decide(T.UPDATE_LETTER, history=(sent(T.PRE_INTERVIEW_INTEREST, 3),))
    assert d.suggested_at is not None and d.suggested_at >= NOW + timedelta(days=11)
    d = decide(T.LETTER_OF_INTEREST, interview_at=NOW - timedelta(days=5))
    assert d.suggested_at is not None and d.suggested_at >= NOW + timedelta(days=9)
    assert decide(T.LETTER_OF_INTENT, taken="P9").suggested_at is None


def test_daily_cap_suggests_tomorrow() -> None:
    d = decide(T.UPDATE_LETTER, sent_today=10)
    assert d.suggested_at == datetime(2027, 1, 27, 6, 0, tzinfo=ZoneInfo("America/Chicago"))


def test_blocks_say_why() -> None:
    for block in decide(T.LETTER_OF_INTENT, taken="P9", now=datetime(
            2027, 2, 27, 23, tzinfo=ET)).reasons:
        assert block.reason and block.rule


def test_default_toml_matches_builtin_defaults() -> None:
    text = (Path(__file__).resolve().parents[2] / "config" / "policy.default.toml").read_text()
    assert PolicyRules.from_toml(text) == PolicyRules.default()


def test_overrides_merge_and_validate() -> None:
    rules = PolicyRules.from_toml("[global]\ndaily_cap = 3\n",
                                  overrides={"types": {"thank_you": {"window_hours": [0, 48]}}})
    assert rules.daily_cap == 3 and rules.rule(T.THANK_YOU).window_hours == (0, 48)
    assert rules.min_spacing_days == RULES.min_spacing_days
    wrapped = PolicyRules.from_toml("[policy.global]\nquiet_start = '23:00'\n")
    assert wrapped.quiet_start.hour == 23
    for bad in ("[global]\nbogus = 1\n", "[types.nope]\nmax_per_program = 1\n",
                "[global]\ndaily_cap = -1\n", "[global]\nquiet_end = 'late'\n", "[global"):
        with pytest.raises(ConfigError):
            PolicyRules.from_toml(bad)


# ---------------------------------------------------------------- properties

datetimes = st.datetimes(min_value=datetime(2026, 9, 1), max_value=datetime(2027, 3, 25),
                         timezones=st.sampled_from([UTC, ET, ZoneInfo("America/Denver"),
                                                    ZoneInfo("Asia/Kolkata")]))
zones = st.sampled_from(["America/New_York", "America/Chicago", "America/Phoenix",
                         "America/Los_Angeles", "Pacific/Honolulu", "Not/AZone"])


@settings(max_examples=150, deadline=None)
@given(steps=st.lists(st.tuples(st.sampled_from(["P1", "P2", "P3", "P4"]),
                                st.integers(min_value=0, max_value=40 * 24),
                                st.booleans()), min_size=1, max_size=12),
       start=datetimes)
def test_never_two_letters_of_intent(steps: list[tuple[str, int, bool]],
                                     start: datetime) -> None:
    """Whatever is approved and overridden, history never holds two letters of intent."""
    history: list[SentRecord] = []
    taken: str | None = None
    now = start
    every_rule = frozenset({"window", "quiet_hours", "weekend", "spacing", "budget",
                            "letter_of_intent_unique", "rank_locked", "post_interview_total",
                            "daily_cap"})
    for pid, hours, override in steps:
        now = now + timedelta(hours=hours)
        program = replace(PEDS, program_id=pid)
        proposal = Proposal(type=T.LETTER_OF_INTENT, program_id=pid,
                            overrides=every_rule if override else frozenset())
        d = evaluate_policy(proposal, history=history, program=program,
                            season=season_for(start), rules=RULES, now=now,
                            global_sent_today=0, letter_of_intent_taken_by=taken)
        if d.allowed:
            history.append(SentRecord(type=T.LETTER_OF_INTENT, program_id=pid, sent_at=now))
            taken = pid
        # Even a caller that forgets ``taken`` is stopped by the history.
        again = evaluate_policy(proposal, history=history, program=program,
                                season=season_for(start), rules=RULES, now=now,
                                global_sent_today=0, letter_of_intent_taken_by=None)
        assert not history or not again.allowed
    assert sum(r.type is T.LETTER_OF_INTENT for r in history) <= 1


@settings(max_examples=300, deadline=None)
@given(now=datetimes, tz=zones, type_=st.sampled_from(list(T)),
       at_offset=st.one_of(st.none(), st.integers(min_value=-48, max_value=24 * 20)),
       recent=st.lists(st.tuples(st.sampled_from(list(T)),
                                 st.integers(min_value=0, max_value=24 * 60)), max_size=4),
       sent_today=st.integers(min_value=0, max_value=12))
def test_suggested_time_is_always_in_the_send_window(
        now: datetime, tz: str, type_: T, at_offset: int | None,
        recent: list[tuple[T, int]], sent_today: int) -> None:
    program = replace(PEDS, timezone=tz)
    at = None if at_offset is None else now + timedelta(hours=at_offset)
    history = [SentRecord(type=t, program_id="P1", sent_at=now - timedelta(hours=h))
               for t, h in recent]
    proposal = Proposal(type=type_, program_id="P1", at=at,
                        interview_at=now - timedelta(days=3))
    d = evaluate_policy(proposal, history=history, program=program, season=season_for(now),
                        rules=RULES, now=now, global_sent_today=sent_today,
                        letter_of_intent_taken_by=None)
    if d.suggested_at is not None:
        assert d.suggested_at >= now
        assert in_send_window(d.suggested_at, program_tz(program), RULES)
        local = d.suggested_at.astimezone(program_tz(program))
        assert local.weekday() < 5 and 6 <= local.hour < 22
        again = evaluate_policy(replace(proposal, at=d.suggested_at), history=history,
                                program=program, season=season_for(now), rules=RULES, now=now,
                                global_sent_today=sent_today, letter_of_intent_taken_by=None)
        assert again.allowed, again.reasons
