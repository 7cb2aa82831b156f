"""The outgoing commands' contract: output shape and exit codes 0/1/2 (design.md)."""

from __future__ import annotations

import json
from pathlib import Path

from mailsync.config import load_settings
from mailsync.service import open_store
from mailsync.store.schema import ProgramRow
from tests.integration.test_outgoing import PROGRAM
from tests.support import run_cli, write_config


def _config_with_program(tmp_path: Path) -> Path:
    config = write_config(tmp_path)
    db = open_store(load_settings(config))
    from datetime import UTC, datetime

    with db.transaction() as s:
        s.add(ProgramRow(program_id="P1", name=PROGRAM["name"], record=PROGRAM,
                         imported_at=datetime.now(UTC)))
    db.dispose()
    return config


def test_lint_needs_no_config_and_exits_1_on_blocking(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("Dear Dr. Moreau,\n\nIf you rank me first, I will rank you first.\n")
    done = run_cli("lint", str(bad), env={"MAILSYNC_CONFIG": str(tmp_path / "none.toml")})
    assert done.returncode == 1, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert any(r["code"] == "reciprocity" and r["blocking"] for r in rows)
    eml = tmp_path / "ok.eml"
    eml.write_text("From: a@b.example\nTo: pd@program.example\nSubject: Thank you\n\n"
                   "Dear Dr. Moreau,\n\nThank you for the interview day.\n\nBest regards,\n"
                   "Amara\n")
    assert run_cli("lint", str(eml)).returncode in (0, 1)


def test_draft_missing_facts_then_created_then_approved(tmp_path: Path) -> None:
    config = _config_with_program(tmp_path)
    missing = run_cli("draft", "--program", "P1", "--type", "invite_reply", config=config)
    assert missing.returncode == 1
    assert missing.stdout.strip().splitlines()[-1].startswith("missing fact: chosen_date — ")

    made = run_cli("draft", "--program", "P1", "--type", "invite_reply",
                   "--fact", "chosen_date=December 9", config=config)
    assert made.returncode == 0, made.stderr
    draft_id = made.stdout.strip().splitlines()[-1]
    assert draft_id.isdigit()

    listed = run_cli("drafts", "--format", "jsonl", config=config)
    assert [r["id"] for r in map(json.loads, listed.stdout.splitlines())] == [int(draft_id)]
    approved = run_cli("approve", draft_id, config=config)
    assert approved.returncode == 0, approved.stdout + approved.stderr
    assert "scheduled for" in approved.stdout
    outbox = [json.loads(x) for x in run_cli("outbox", "--format", "jsonl",
                                             config=config).stdout.splitlines()]
    assert outbox[0]["state"] == "scheduled"
    # A second invite reply to the same program is over the playbook budget: exit 1.
    second = run_cli("draft", "--program", "P1", "--type", "invite_reply",
                     "--fact", "chosen_date=December 16", config=config)
    other = second.stdout.strip().splitlines()[-1]
    blocked = run_cli("approve", other, config=config)
    assert blocked.returncode == 1 and "blocked: budget" in blocked.stdout
    assert run_cli("reject", other, config=config).returncode == 0


def test_offer_draft_prints_the_checklist(tmp_path: Path) -> None:
    config = _config_with_program(tmp_path)
    done = run_cli("draft", "--program", "P1", "--type", "offer_clarify", config=config)
    assert "Pre-match offer checklist" in done.stdout


def test_unknown_ids_are_usage_errors(tmp_path: Path) -> None:
    config = _config_with_program(tmp_path)
    for args in (("approve", "999"), ("reject", "999"), ("edit", "999"),
                 ("draft", "--reply-to", "999", "--type", "thank_you"),
                 ("draft", "--program", "NOPE", "--type", "thank_you")):
        done = run_cli(*args, config=config)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert done.stderr.startswith("error: ")


def test_send_due_with_nothing_due(tmp_path: Path) -> None:
    config = _config_with_program(tmp_path)
    done = run_cli("send", "--due", config=config)
    assert done.returncode == 0 and "nothing due" in done.stdout


def test_edit_voids_approval_and_relints(tmp_path: Path) -> None:
    config = _config_with_program(tmp_path)
    made = run_cli("draft", "--program", "P1", "--type", "invite_reply",
                   "--fact", "chosen_date=December 9", config=config)
    draft_id = made.stdout.strip().splitlines()[-1]
    assert run_cli("approve", draft_id, config=config).returncode == 0
    editor = "sed -i 's/December 9/December 9. If you rank me first I will rank you first/'"
    done = run_cli("edit", draft_id, config=config, env={"EDITOR": editor})
    assert done.returncode == 0, done.stderr
    assert "saved (draft)" in done.stdout and "reciprocity" in done.stdout
    assert run_cli("approve", draft_id, config=config).returncode == 1
