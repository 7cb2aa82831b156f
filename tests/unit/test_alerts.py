"""Alert composition, keys, kinds, deadline windows and burst folding: plain data, fixed now."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from mailsync import alerts as A

NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
TZ = "America/New_York"


def mail(pk: int = 42, kind: str = "interview_invite", flags: tuple[str, ...] = (),
         deadlines: tuple[datetime, ...] = (), **kw: object) -> A.LabeledMail:
    base = dict(program_id="im-mercy", program_name="Mercy Internal Medicine",
                sender="coord@mercy.example", subject="Interview invitation")
    base.update(kw)
    return A.LabeledMail(message_pk=pk, kind=kind, flags=flags, deadlines=deadlines,
                         **base)  # type: ignore[arg-type]


def test_invite_says_what_who_and_what_to_do():
    [alert] = A.mail_alerts(mail(deadlines=(NOW + timedelta(hours=48),)), NOW, TZ)
    assert alert.event == "interview_invite" and alert.key == "interview_invite:msg:42"
    assert "Mercy Internal Medicine" in alert.title
    assert "“Interview invitation”" in alert.body
    assert "Reply within 48 h" in alert.body
    assert "`mailsync draft --reply-to 42 --type invite_reply`" in alert.body
    assert "EST" in alert.body  # Shown in the applicant's time zone.


def test_invite_without_deadline_says_as_soon_as_possible():
    [alert] = A.mail_alerts(mail(), NOW, TZ)
    assert "Reply as soon as you can" in alert.body


def test_unlinked_sender_is_named():
    [alert] = A.mail_alerts(mail(program_id=None, program_name=""), NOW, TZ)
    assert "coord@mercy.example (not linked to a program)" in alert.body


@pytest.mark.parametrize("flag", ["rank_inquiry", "commitment_request", "withdrawal_request"])
def test_each_red_flag_alerts(flag):
    found = A.mail_alerts(mail(kind="info_request", flags=(flag,)), NOW, TZ)
    assert [a.event for a in found] == ["red_flag"]
    assert flag in found[0].title and "non-binding" in found[0].body
    assert "mailsync show 42" in found[0].body


def test_response_deadline_alone_is_not_a_red_flag():
    assert A.mail_alerts(mail(kind="admin_notice", flags=("response_deadline",)), NOW, TZ) == []


def test_offer_with_red_flag_gives_two_alerts_with_distinct_keys():
    found = A.mail_alerts(mail(kind="pre_match_offer", flags=("withdrawal_request",)), NOW, TZ)
    assert [a.event for a in found] == ["pre_match_offer", "red_flag"]
    assert len({a.key for a in found}) == 2
    assert "offer_clarify" in found[0].body and "Do not sign" in found[0].body


@pytest.mark.parametrize("kind", ["program_update", "rejection", "other", "interview_logistics"])
def test_ordinary_kinds_do_not_alert(kind):
    assert A.mail_alerts(mail(kind=kind), NOW, TZ) == []


def test_keys_are_stable_across_calls():
    m = mail(kind="pre_match_offer", flags=("rank_inquiry",))
    assert [a.key for a in A.mail_alerts(m, NOW, TZ)] == [
        a.key for a in A.mail_alerts(m, NOW + timedelta(hours=3), TZ)]


# ------------------------------------------------------------------ deadlines

DUE = datetime(2026, 11, 25, 17, 0, tzinfo=UTC)


@pytest.mark.parametrize(("now", "expected"), [
    (DUE - timedelta(hours=30), []),
    (DUE - timedelta(hours=24), ["24h"]),
    (DUE - timedelta(hours=10), ["24h"]),
    (DUE - timedelta(hours=2), ["2h"]),
    (DUE - timedelta(minutes=30), ["2h"]),
    (DUE, []),
    (DUE + timedelta(hours=1), []),
])
def test_deadline_windows(now, expected):
    found = A.deadline_alerts(mail(deadlines=(DUE,)), now, TZ)
    assert [a.key.rsplit(":", 1)[1] for a in found] == expected
    assert all(a.event == "deadline" for a in found)


def test_deadline_alert_text_counts_down():
    [alert] = A.deadline_alerts(mail(deadlines=(DUE,)), DUE - timedelta(minutes=90), TZ)
    assert alert.title == "Deadline in 1 h 30 min: Mercy Internal Medicine"
    assert "mailsync draft --reply-to 42" in alert.body


def test_each_window_has_its_own_key():
    early = A.deadline_alerts(mail(deadlines=(DUE,)), DUE - timedelta(hours=20), TZ)
    late = A.deadline_alerts(mail(deadlines=(DUE,)), DUE - timedelta(hours=1), TZ)
    assert early[0].key != late[0].key


def test_deadline_due_times_for_wakeups():
    times = A.deadline_due_times(mail(deadlines=(DUE,)), DUE - timedelta(hours=30))
    assert times == [DUE - timedelta(hours=24), DUE - timedelta(hours=2)]
    assert A.deadline_due_times(mail(deadlines=(DUE,)), DUE - timedelta(hours=3)) == [
        DUE - timedelta(hours=2)]


# -------------------------------------------------------- failures, accounts


def test_send_failure_alerts():
    failed = A.send_failure_alert(A.SendFailure(outbox_id=7, state="failed", type="thank_you",
                                                program_name="Mercy", error="550 no such user"))
    assert failed.key == "send_failure:outbox:7:failed" and "550 no such user" in failed.body
    unsure = A.send_failure_alert(A.SendFailure(outbox_id=7, state="uncertain", type="thank_you"))
    assert "Check your Sent folder" in unsure.body and unsure.key != failed.key


def test_auth_failed_alert_is_always_on():
    alert = A.auth_failed_alert("gmail", "AUTHENTICATIONFAILED", NOW)
    assert A.select_kinds([alert], []) == [alert]
    assert "paused" in alert.body


def test_select_kinds():
    found = A.mail_alerts(mail(kind="pre_match_offer", flags=("rank_inquiry",)), NOW, TZ)
    assert [a.event for a in A.select_kinds(found, ["red_flag"])] == ["red_flag"]
    assert A.select_kinds(found, []) == []


# ---------------------------------------------------------------- rate limit


def _alerts(n: int, event: str = "interview_invite") -> list[A.Alert]:
    return [A.Alert(key=f"{event}:{i}", event=event, title=f"t{i}", body="b") for i in range(n)]


def test_under_budget_each_alert_goes_alone():
    plan = A.plan_delivery(_alerts(3), sent_last_minute=0, max_per_minute=6)
    assert [len(n.covers) for n in plan.notifications] == [1, 1, 1] and not plan.deferred


def test_burst_is_folded_into_one_summary():
    plan = A.plan_delivery(_alerts(20), sent_last_minute=0, max_per_minute=6)
    assert [len(n.covers) for n in plan.notifications] == [1, 1, 1, 1, 1, 15]
    summary = plan.notifications[-1]
    assert summary.title == "mailsync: 15 urgent events (15 interview invite)"
    assert summary.body.count("\n- ") + summary.body.startswith("- ") == 15
    covered = [a.key for n in plan.notifications for a in n.covers]
    assert sorted(covered) == sorted(a.key for a in _alerts(20))


def test_recent_deliveries_count_against_the_budget():
    plan = A.plan_delivery(_alerts(3), sent_last_minute=5, max_per_minute=6)
    assert len(plan.notifications) == 1 and len(plan.notifications[0].covers) == 3


def test_no_budget_defers_everything():
    plan = A.plan_delivery(_alerts(2), sent_last_minute=6, max_per_minute=6)
    assert plan.notifications == () and len(plan.deferred) == 2


def test_most_urgent_stay_individual():
    mixed = _alerts(5, "deadline") + _alerts(1, "red_flag")
    plan = A.plan_delivery(mixed, sent_last_minute=0, max_per_minute=3)
    assert plan.notifications[0].covers[0].event == "red_flag"
    assert len(plan.notifications) == 3


def test_empty_plan():
    assert A.plan_delivery([], sent_last_minute=0, max_per_minute=1) == A.DeliveryPlan((), ())


def test_backoff_is_exponential_capped_and_jittered():
    from mailsync.daemon import backoff_delay

    assert backoff_delay(1, base=1, cap=300, rand=1.0) == 1
    assert backoff_delay(4, base=1, cap=300, rand=1.0) == 8
    assert backoff_delay(20, base=1, cap=300, rand=1.0) == 300
    assert backoff_delay(20, base=1, cap=300, rand=0.0) == 150
