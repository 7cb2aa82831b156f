"""Tables for people and JSON lines for scripts (mailsync/cli/render.py)."""

from __future__ import annotations

import json

import pytest

from mailsync.cli import render

ROWS = [{"id": i, "subject": f"Interview invitation #{i}", "flags": ["response_deadline"],
         "program_id": None} for i in range(12)]
COLUMNS = ("id", "subject", "flags", "program_id")


def test_a_long_listing_is_plain_aligned_text(capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render, "PLAIN_ABOVE", 10)
    rows = [*ROWS, {"id": 99, "subject": "word " * 40, "flags": [], "program_id": "P07"}]
    render.table(rows, COLUMNS, title="inbox")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "inbox (13 rows)"
    assert lines[1].split() == list(COLUMNS)
    assert len(lines) == 2 + len(rows)
    assert lines[2].split()[:3] == ["0", "Interview", "invitation"]
    starts = {line.index("response_deadline") for line in lines[2:-1]}
    assert len(starts) == 1  # one column, one position
    last = lines[-1]
    assert last.rstrip().endswith("P07") and "…" in last
    assert max(len(word) for word in last.split("  ") if word) <= render.PLAIN_WIDTH


def test_a_short_listing_stays_a_rich_table(capsys: pytest.CaptureFixture[str]) -> None:
    render.table(ROWS[:3], COLUMNS, title="inbox")
    out = capsys.readouterr().out
    assert "Interview invitation #2" in out and "inbox" in out
    assert "(3 rows)" not in out


def test_jsonl_writes_every_row_once_in_order(capsys: pytest.CaptureFixture[str]) -> None:
    render.jsonl(ROWS, chunk=5)
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["id"] for line in lines] == list(range(12))
