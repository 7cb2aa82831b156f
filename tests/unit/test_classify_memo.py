"""The cue registry's pattern analyses, remembered between runs (mailsync.classify.memo)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mailsync.classify import cues
from mailsync.classify.memo import PatternMemo, default_memo


def _refuse(pattern: str) -> object:
    raise AssertionError(f"computed again: {pattern}")


def test_a_saved_analysis_is_read_back_without_computing(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "analysis.json"
    first = PatternMemo(path)
    value = first.get("gates", r"\bcommit to us\b", cues.gate_clauses, cues._listed_sets,
                      cues._tupled_sets)
    first.save()
    again = PatternMemo(path).get("gates", r"\bcommit to us\b", _refuse, cues._listed_sets,
                                  cues._tupled_sets)
    assert again == value == cues.gate_clauses(r"\bcommit to us\b")
    assert value is not None and all(isinstance(s, frozenset) for s in value)


@pytest.mark.parametrize("content", ["", "{\"gates\\u0000x\": ", "[1, 2]", "\x00\xff garbage"])
def test_a_corrupt_file_means_computing_again(tmp_path: Path, content: str) -> None:
    path = tmp_path / "analysis.json"
    path.write_text(content, encoding="utf-8", errors="surrogateescape")
    memo = PatternMemo(path)
    assert memo.get("prefixes", r"\brank us first\b", cues.literal_prefixes, cues._listed,
                    cues._tupled) == cues.literal_prefixes(r"\brank us first\b")
    memo.save()  # and the file is whole again
    assert isinstance(json.loads(path.read_text(encoding="utf-8")), dict)


def test_an_unwritable_cache_is_not_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    memo = PatternMemo(blocker / "analysis.json")
    assert memo.get("prefixes", r"\bwithdraw\b", cues.literal_prefixes, cues._listed,
                    cues._tupled) == ("withdraw",)
    memo.save()
    assert blocker.read_text(encoding="utf-8") == "not a directory"


def test_the_cache_directory_follows_the_environment(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAILSYNC_CACHE_DIR", str(tmp_path))
    memo = default_memo()
    assert memo.path is not None and memo.path.parent == tmp_path
    assert memo.path.name.startswith("cue-analysis-")


def test_the_registry_matches_a_fresh_analysis() -> None:
    """Whatever the cache held when the registry was built, every cue carries what the
    analysis computes now (the file is named by a digest of the code, so it cannot be
    stale; this checks the round trip through JSON)."""
    checked = 0
    for cue in cues.ALL_CUES:
        assert cue.clauses == cues.gate_clauses(cue.source), cue.name
        checked += cue.clauses is not None
    assert checked > len(cues.ALL_CUES) // 2  # most cues are gated
