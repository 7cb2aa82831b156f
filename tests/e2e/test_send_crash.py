"""``mailsync send --due`` killed with SIGKILL at real, observable points, then restarted.

No hooks inside mailsync: the process is killed while it waits on a real
server (one that never greets, one that stalls after DATA), at a moment the
test sees in the store. Afterwards every approved message has reached the
SMTP server exactly once, or is ``uncertain`` and waits for the applicant,
never sent twice. The letter-of-intent race runs two real processes against
SQLite and PostgreSQL.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import func, select

from mailsync import outgoing as og
from mailsync.clock import SystemClock
from mailsync.config import load_settings
from mailsync.service import open_store
from mailsync.store.schema import ClaimRow, OutboxRow, ProgramRow
from mailsync.taxonomy import OutgoingType as T
from tests.integration.test_outgoing import PROGRAM, AccountSmtp
from tests.support import MAILSYNC, REPO, run_cli, write_config

EXTRA = 'file_sent = "always"\n'


@pytest.fixture
def smtp(imap_account: Any) -> Iterator[AccountSmtp]:
    with AccountSmtp(imap_account.user, imap_account.password) as server:
        yield server


@pytest.fixture
def silent_server() -> Iterator[SimpleNamespace]:
    """Accepts TCP connections and never says a word: the client hangs before DATA."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    yield SimpleNamespace(host="127.0.0.1", port=listener.getsockname()[1])
    listener.close()


def _env(config: Path) -> og.Outgoing:
    settings = load_settings(config)
    return og.Outgoing(settings=settings, db=open_store(settings), clock=SystemClock())


def _approved_invite_reply(config: Path) -> int:
    """A draft to the program's coordinator, approved for now (invite replies have no
    quiet hours, so this works whenever the test runs)."""
    env = _env(config)
    with env.db.transaction() as s:
        s.add(ProgramRow(program_id="P1", name=PROGRAM["name"], record=PROGRAM,
                         imported_at=env.clock.now()))
    result = og.create_draft(env, og.DraftRequest(
        program_id="P1", type=T.INVITE_REPLY, facts={"chosen_date": "December 9"}))
    assert isinstance(result, og.DraftResult), result
    approval = og.approve(env, result.outbox_id)
    assert approval.approved, approval.blocks
    env.db.dispose()
    return result.outbox_id


def _row(config: Path, row_id: int) -> OutboxRow:
    env = _env(config)
    try:
        with env.db.reading() as s:
            found = s.get(OutboxRow, row_id)
            assert found is not None
            return found
    finally:
        env.db.dispose()


def _start_send(config: Path) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k != "MAILSYNC_CONFIG"}
    return subprocess.Popen([*MAILSYNC, "--config", str(config), "send", "--due"], cwd=REPO,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _kill_when(proc: subprocess.Popen[str], config: Path, row_id: int, ready: Any,
               timeout: float = 30) -> OutboxRow:
    """SIGKILL ``proc`` as soon as the store shows ``ready(row)``; return that row."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        current = _row(config, row_id)
        if ready(current):
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)
            return current
        if proc.poll() is not None:
            pytest.fail(f"send exited early: {proc.returncode} {proc.communicate()}")
        time.sleep(0.05)
    proc.kill()
    pytest.fail("the observable point was never reached")


def test_killed_before_data_is_sent_once_after_restart(
        tmp_path: Path, imap_account: Any, smtp: AccountSmtp, silent_server: Any) -> None:
    config = write_config(tmp_path, imap=imap_account, smtp=silent_server, extra=EXTRA)
    row_id = _approved_invite_reply(config)
    proc = _start_send(config)
    killed = _kill_when(proc, config, row_id, lambda r: r.state == "sending")
    assert killed.data_started_at is None and killed.attempts == 1

    write_config(tmp_path, imap=imap_account, smtp=smtp, extra=EXTRA)  # the server is back
    done = run_cli("send", "--due", config=config)
    assert done.returncode == 0, done.stderr
    assert "retry" in done.stdout and f"{row_id}: sent" in done.stdout
    assert len(smtp.wait_for_messages(1)) == 1
    again = run_cli("send", "--due", config=config)
    assert again.returncode == 0 and len(smtp.messages) == 1
    assert _row(config, row_id).state == "sent"


def test_killed_waiting_for_final_reply_is_never_resent(
        tmp_path: Path, imap_account: Any, smtp: AccountSmtp) -> None:
    config = write_config(tmp_path, imap=imap_account, smtp=smtp, extra=EXTRA)
    row_id = _approved_invite_reply(config)
    smtp.queue_then_stall = True  # the server keeps the message and never answers
    proc = _start_send(config)
    killed = _kill_when(proc, config, row_id,
                        lambda r: r.data_started_at is not None and smtp.data_arrived.is_set())
    assert killed.state == "sending"
    assert len(smtp.messages) == 1  # it did leave

    smtp.queue_then_stall = False
    restarted = run_cli("send", "--due", config=config)
    assert restarted.returncode == 1  # the applicant must look
    assert "UNCERTAIN" in restarted.stdout or "mark_uncertain" in restarted.stdout
    assert _row(config, row_id).state == "uncertain"
    run_cli("send", "--due", config=config)
    time.sleep(0.2)
    assert len(smtp.messages) == 1


def test_sent_then_killed_before_filing_files_once(
        tmp_path: Path, imap_account: Any, smtp: AccountSmtp) -> None:
    """Between the ``sent`` commit and the APPEND to Sent: a restart files it, never resends."""
    config = write_config(tmp_path, imap=imap_account, smtp=smtp, extra=EXTRA)
    row_id = _approved_invite_reply(config)
    env = _env(config)
    broken = og.Outgoing(settings=env.settings, db=env.db, clock=env.clock,
                         connect=_down)
    assert og.send_due(broken).sent == [row_id]  # sent; Sent unreachable
    env.db.dispose()
    restarted = run_cli("send", "--due", config=config)
    assert restarted.returncode == 0, restarted.stderr
    assert _row(config, row_id).filed_at is not None
    assert len(smtp.messages) == 1
    assert imap_account.server.message_count(imap_account.user, "Sent") == 1


def _down(account: Any) -> Any:
    from mailsync.errors import ConnectionLostError

    raise ConnectionLostError("IMAP down (test)")


# ---------------------------------------------------------------- the one letter of intent


def _intent_drafts(config: Path) -> tuple[int, int]:
    env = _env(config)
    ids = []
    with env.db.transaction() as s:
        for pid in ("P1", "P2"):
            record = {**PROGRAM, "program_id": pid, "name": f"Program {pid} Residency",
                      "pd_email": f"pd@{pid.lower()}.example"}
            s.add(ProgramRow(program_id=pid, name=record["name"], record=record,
                             imported_at=env.clock.now()))
    for pid in ("P1", "P2"):
        result = og.create_draft(env, og.DraftRequest(
            program_id=pid, type=T.LETTER_OF_INTENT,
            facts={"interview_date": "2026-11-10", "program_feature": "its global health track",
                   "fit_reason": "My research on sepsis outcomes fits your QI curriculum."}))
        assert isinstance(result, og.DraftResult), result
        assert not og.blocking(result.findings), result.findings
        ids.append(result.outbox_id)
    env.db.dispose()
    return ids[0], ids[1]


def _race(config: Path, a: int, b: int) -> list[subprocess.CompletedProcess[str]]:
    env = {k: v for k, v in os.environ.items() if k != "MAILSYNC_CONFIG"}
    procs = [subprocess.Popen([*MAILSYNC, "--config", str(config), "approve", str(i)],
                              cwd=REPO, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for i in (a, b)]
    outs = [p.communicate(timeout=120) for p in procs]
    return [subprocess.CompletedProcess(p.args, p.returncode, o, e)
            for p, (o, e) in zip(procs, outs, strict=True)]


def _claims(config: Path) -> int:
    env = _env(config)
    try:
        with env.db.reading() as s:
            return s.scalar(select(func.count()).select_from(ClaimRow)) or 0
    finally:
        env.db.dispose()


def _check_one_winner(config: Path) -> None:
    a, b = _intent_drafts(config)
    results = _race(config, a, b)
    codes = sorted(r.returncode for r in results)
    assert codes == [0, 1], [(r.returncode, r.stdout, r.stderr) for r in results]
    loser = next(r for r in results if r.returncode == 1)
    assert "letter_of_intent_unique" in loser.stdout, loser.stdout + loser.stderr
    assert _claims(config) == 1
    # Deterministically through the constraint itself: both pass policy, both commit.
    env = _env(config)
    try:
        states = {i: _row(config, i).state for i in (a, b)}
        pending = next(i for i, st in states.items() if st == "draft")
        with pytest.raises(Exception) as info:
            og._commit_approval(env, pending, og.S.DRAFT, env.clock.now(), [], [], (),
                                claim=(str(env.season(env.clock.now()).match_year), "PX"))
        assert "IntegrityError" in type(info.value).__name__
        assert _row(config, pending).state == "draft"
    finally:
        env.db.dispose()


def test_two_letters_of_intent_race_on_sqlite(tmp_path: Path) -> None:
    _check_one_winner(write_config(tmp_path))


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database (``make test`` starts the server; absent, this fails)."""
    from tests.fixtures.databases import postgres_url

    yield from postgres_url()


def test_two_letters_of_intent_race_on_postgresql(tmp_path: Path, pg_url: str) -> None:
    _check_one_winner(write_config(tmp_path, store_url=pg_url))
