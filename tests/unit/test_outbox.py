"""The outbox state machine, backoff and restart recovery: plain data in, decisions out."""

from __future__ import annotations

import ast
import itertools
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import mailsync.outbox as outbox
from mailsync.outbox import (
    AttemptInfo,
    Backoff,
    IllegalTransition,
    RecoveryAction,
    SendEvent,
    SendState,
    after_temporary_failure,
    allowed_events,
    backoff_delay,
    can_move,
    is_due,
    next_state,
    recovery_action,
)

S, E, R = SendState, SendEvent, RecoveryAction
NOW = datetime(2025, 10, 1, 12, 0, tzinfo=UTC)

# Every legal move, written out independently of the module's table.
LEGAL = {
    (S.DRAFT, E.APPROVE): S.APPROVED,
    (S.DRAFT, E.EDIT): S.DRAFT,
    (S.DRAFT, E.CANCEL): S.CANCELLED,
    (S.APPROVED, E.SCHEDULE): S.SCHEDULED,
    (S.APPROVED, E.EDIT): S.DRAFT,
    (S.APPROVED, E.CANCEL): S.CANCELLED,
    (S.SCHEDULED, E.SCHEDULE): S.SCHEDULED,
    (S.SCHEDULED, E.CLAIM): S.SENDING,
    (S.SCHEDULED, E.EDIT): S.DRAFT,
    (S.SCHEDULED, E.CANCEL): S.CANCELLED,
    (S.SENDING, E.ACCEPTED): S.SENT,
    (S.SENDING, E.TEMPORARY_FAILURE): S.RETRY,
    (S.SENDING, E.PERMANENT_FAILURE): S.FAILED,
    (S.SENDING, E.CUT_OFF): S.UNCERTAIN,
    (S.SENDING, E.RECOVER_RETRY): S.RETRY,
    (S.SENDING, E.FOUND_IN_SENT): S.SENT,
    (S.RETRY, E.CLAIM): S.SENDING,
    (S.RETRY, E.PERMANENT_FAILURE): S.FAILED,
    (S.RETRY, E.CANCEL): S.CANCELLED,
    (S.RETRY, E.EDIT): S.DRAFT,
    (S.UNCERTAIN, E.FOUND_IN_SENT): S.SENT,
    (S.UNCERTAIN, E.CONFIRM_SENT): S.SENT,
    (S.UNCERTAIN, E.CONFIRM_RESEND): S.SCHEDULED,
    (S.UNCERTAIN, E.CANCEL): S.CANCELLED,
    (S.FAILED, E.EDIT): S.DRAFT,
}


# State machine -------------------------------------------------------------------


@pytest.mark.parametrize(("state", "event"), sorted(LEGAL))
def test_legal_transitions(state: SendState, event: SendEvent) -> None:
    assert next_state(state, event) == LEGAL[(state, event)]


ILLEGAL = sorted(set(itertools.product(S, E)) - set(LEGAL))


@pytest.mark.parametrize(("state", "event"), ILLEGAL)
def test_every_other_transition_is_illegal(state: SendState, event: SendEvent) -> None:
    with pytest.raises(IllegalTransition) as info:
        next_state(state, event)
    assert state.value in str(info.value) and event.value in str(info.value)


@pytest.mark.parametrize(
    ("state", "event"),
    [
        (S.DRAFT, E.CLAIM),  # never send an unapproved draft
        (S.APPROVED, E.CLAIM),  # approved but not scheduled
        (S.SENDING, E.CANCEL),  # too late: it is on the wire
        (S.SENT, E.CLAIM),  # never twice
        (S.UNCERTAIN, E.CLAIM),  # never resend after DATA without the applicant
        (S.UNCERTAIN, E.TEMPORARY_FAILURE),
        (S.FAILED, E.CLAIM),  # a refused message needs a new approval
        (S.CANCELLED, E.APPROVE),
    ],
)
def test_the_transitions_that_matter_most_are_refused(state: SendState, event: SendEvent) -> None:
    with pytest.raises(IllegalTransition):
        next_state(state, event)


def test_sent_and_cancelled_are_terminal() -> None:
    assert allowed_events(S.SENT) == frozenset()
    assert allowed_events(S.CANCELLED) == frozenset()


def test_can_move_and_allowed_events_agree_with_the_table() -> None:
    for (state, event), target in LEGAL.items():
        assert can_move(state, target)
        assert event in allowed_events(state)
    assert not can_move(S.DRAFT, S.SENDING)
    assert not can_move(S.UNCERTAIN, S.SENDING)


def test_states_accept_their_stored_strings() -> None:
    assert next_state("scheduled", "claim") == S.SENDING  # type: ignore[arg-type]


@given(st.lists(st.sampled_from(list(E)), max_size=40))
def test_nothing_is_sent_without_an_approval_since_the_last_edit(events: list[SendEvent]) -> None:
    """Random walks from a draft: every claim is preceded by a still-valid approval."""
    state, approved = S.DRAFT, False
    for event in events:
        if event not in allowed_events(state):
            continue
        state = next_state(state, event)
        if state == S.DRAFT:
            approved = False
        if event == E.APPROVE:
            approved = True
        if state == S.SENDING:
            assert approved


@given(st.lists(st.sampled_from(list(E)), max_size=40))
def test_an_uncertain_message_is_claimed_again_only_after_the_applicant_says_so(
    events: list[SendEvent],
) -> None:
    state, released = S.UNCERTAIN, False
    for event in events:
        if event not in allowed_events(state):
            continue
        if state == S.UNCERTAIN:
            released = event == E.CONFIRM_RESEND
        state = next_state(state, event)
        if state == S.SENDING:
            assert released
        if state == S.UNCERTAIN:
            released = False


@pytest.mark.parametrize(
    ("state", "at", "due"),
    [
        (S.SCHEDULED, NOW, True),
        (S.SCHEDULED, NOW - timedelta(seconds=1), True),
        (S.SCHEDULED, NOW + timedelta(seconds=1), False),
        (S.RETRY, NOW, True),
        (S.SCHEDULED, None, False),
        (S.APPROVED, NOW, False),
        (S.SENDING, NOW, False),
        (S.UNCERTAIN, NOW, False),
        (S.SENT, NOW, False),
    ],
)
def test_is_due(state: SendState, at: datetime | None, due: bool) -> None:
    assert is_due(state, at, NOW) is due


# Backoff -------------------------------------------------------------------------


def test_backoff_doubles_then_caps() -> None:
    policy = Backoff(base=timedelta(minutes=1), factor=2, cap=timedelta(minutes=10))
    delays = [backoff_delay(n, policy) for n in range(1, 8)]
    assert delays == [timedelta(minutes=m) for m in (1, 2, 4, 8, 10, 10, 10)]


@given(
    attempts=st.integers(min_value=1, max_value=10_000),
    jitter=st.floats(min_value=0, max_value=1),
)
def test_backoff_stays_within_its_bounds(attempts: int, jitter: float) -> None:
    policy = Backoff()
    delay = backoff_delay(attempts, policy, jitter)
    full = backoff_delay(attempts, policy)
    assert delay <= full <= policy.cap
    assert delay >= full * (1 - policy.spread) - timedelta(microseconds=1)
    assert delay > timedelta(0)


@given(
    attempts=st.integers(min_value=1, max_value=200),
    jitter=st.floats(min_value=0, max_value=1),
)
def test_backoff_never_shrinks_for_the_same_jitter(attempts: int, jitter: float) -> None:
    assert backoff_delay(attempts + 1, jitter=jitter) >= backoff_delay(attempts, jitter=jitter)


@pytest.mark.parametrize(("attempts", "jitter"), [(0, 0.0), (-1, 0.0), (1, -0.1), (1, 1.5)])
def test_backoff_rejects_nonsense(attempts: int, jitter: float) -> None:
    with pytest.raises(ValueError):
        backoff_delay(attempts, jitter=jitter)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"base": timedelta(0)},
        {"base": timedelta(hours=2), "cap": timedelta(hours=1)},
        {"factor": 0.5},
        {"max_attempts": 0},
        {"spread": 1.0},
    ],
)
def test_backoff_policy_is_validated(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        Backoff(**kwargs)  # type: ignore[arg-type]


def test_temporary_failures_retry_then_give_up() -> None:
    policy = Backoff(base=timedelta(minutes=1), max_attempts=3)
    first = after_temporary_failure(1, NOW, policy)
    assert (first.state, first.at) == (S.RETRY, NOW + timedelta(minutes=1))
    second = after_temporary_failure(2, NOW, policy, jitter=1.0)
    assert second.at == NOW + timedelta(minutes=2) * (1 - policy.spread)
    last = after_temporary_failure(3, NOW, policy)
    assert (last.state, last.at) == (S.FAILED, None)
    assert "3" in last.reason


# Recovery after a restart --------------------------------------------------------

# (data_started, found_in_sent) -> action, for an item found in `sending` with no
# recorded final reply: the heart of "exactly once".
SENDING_TABLE = {
    (False, None): R.RETRY,
    (False, False): R.RETRY,
    (False, True): R.MARK_SENT,
    (True, None): R.CHECK_SENT,
    (True, False): R.MARK_UNCERTAIN,
    (True, True): R.MARK_SENT,
}


@pytest.mark.parametrize(("evidence", "action"), sorted(SENDING_TABLE.items(), key=str))
def test_recovery_of_an_item_in_sending(
    evidence: tuple[bool, bool | None], action: RecoveryAction
) -> None:
    data_started, found = evidence
    decision = recovery_action(S.SENDING, AttemptInfo(data_started=data_started,
                                                      found_in_sent=found))
    assert decision.action == action
    assert decision.reason


@pytest.mark.parametrize(
    ("code", "found", "action"),
    [
        (250, None, R.MARK_SENT),
        (250, False, R.MARK_SENT),  # the server took it; Sent filing may lag
        (550, None, R.MARK_FAILED),
        (550, True, R.MARK_SENT),  # Sent is the strongest evidence
        (451, None, R.RETRY),
        (451, False, R.RETRY),
    ],
)
def test_recovery_uses_a_recorded_final_reply(
    code: int, found: bool | None, action: RecoveryAction
) -> None:
    info = AttemptInfo(data_started=True, found_in_sent=found, final_code=code)
    assert recovery_action(S.SENDING, info).action == action


EVIDENCE = [
    AttemptInfo(data_started=d, found_in_sent=f, final_code=c)
    for d in (False, True)
    for f in (None, False, True)
    for c in (None, 250, 451, 550)
]


@pytest.mark.parametrize("state", [s for s in S if s not in (S.SENDING, S.UNCERTAIN)])
@pytest.mark.parametrize("info", EVIDENCE, ids=str)
def test_recovery_leaves_items_that_are_not_in_flight_alone(
    state: SendState, info: AttemptInfo
) -> None:
    assert recovery_action(state, info).action == R.NOTHING


@pytest.mark.parametrize("info", EVIDENCE, ids=str)
def test_recovery_of_uncertain_items_only_settles_on_sent(info: AttemptInfo) -> None:
    expected = R.MARK_SENT if info.found_in_sent else R.NOTHING
    assert recovery_action(S.UNCERTAIN, info).action == expected


@given(
    state=st.sampled_from(list(S)),
    found=st.sampled_from([None, False, True]),
)
def test_never_resend_after_data_without_a_final_reply(
    state: SendState, found: bool | None
) -> None:
    info = AttemptInfo(data_started=True, found_in_sent=found, final_code=None)
    assert recovery_action(state, info).action != R.RETRY


# Purity ----------------------------------------------------------------------------

FORBIDDEN_MODULES = {"socket", "sqlalchemy", "imapclient", "aiosmtplib", "apscheduler",
                     "keyring", "apprise", "click", "rich", "time", "random", "asyncio"}


def test_outbox_is_pure() -> None:
    tree = ast.parse(Path(outbox.__file__).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            names = []
        for name in names:
            assert name.split(".")[0] not in FORBIDDEN_MODULES, name
        if isinstance(node, ast.Attribute):
            assert node.attr not in {"now", "utcnow", "today", "sleep"}, node.attr
