"""The fetch plan: what one pass fetches, from the cursor and a snapshot."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mailsync.sync import Cursor, plan_fetch


def test_first_sync_fetches_everything():
    plan = plan_fetch(Cursor(uidvalidity=0, last_uid=0), uidvalidity=7, uidnext=50, exists=49)
    assert plan.reset and plan.after_uid == 0 and not plan.nothing_new


def test_uidvalidity_change_resets():
    plan = plan_fetch(Cursor(uidvalidity=7, last_uid=40), uidvalidity=8, uidnext=3, exists=2)
    assert plan.reset and plan.after_uid == 0 and "UIDVALIDITY" in plan.reason


def test_noop_when_uidnext_unchanged():
    plan = plan_fetch(Cursor(uidvalidity=7, last_uid=40), uidvalidity=7, uidnext=41, exists=40)
    assert plan.nothing_new and not plan.reset


def test_new_uids_after_cursor():
    plan = plan_fetch(Cursor(uidvalidity=7, last_uid=40), uidvalidity=7, uidnext=45, exists=44)
    assert not plan.nothing_new and plan.after_uid == 40


@given(st.integers(1, 2**32 - 1), st.integers(0, 10**6), st.integers(1, 2**32 - 1),
       st.integers(1, 10**6))
def test_plan_never_skips_mail(old_validity, last_uid, new_validity, uidnext):
    """Either everything is refetched, or the fetch starts right after the cursor."""
    plan = plan_fetch(Cursor(uidvalidity=old_validity, last_uid=last_uid),
                      uidvalidity=new_validity, uidnext=uidnext, exists=1)
    if old_validity != new_validity:
        assert plan.reset and plan.after_uid == 0
    else:
        assert plan.after_uid == last_uid
        assert plan.nothing_new == (uidnext <= last_uid + 1)
