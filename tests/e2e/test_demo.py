"""`mailsync demo` (what `make demo` runs): the whole loop on bundled mail, no account."""

from __future__ import annotations

from tests.support import run_cli


def test_demo_runs_the_whole_pipeline(tmp_path):
    done = run_cli("demo", env={"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "36 sample messages stored" in out
    assert "36 messages labeled" in out
    assert "red flags needing your attention" in out
    assert "1 delivered to the embedded SMTP server" in out
    assert "sent       invite_reply" in out
    assert "✗ rank_language" in out and "✗ placeholder" in out
    assert "WARNING" not in done.stderr and "Traceback" not in done.stderr


def test_demo_keep_leaves_a_usable_store(tmp_path):
    keep = tmp_path / "demo"
    assert run_cli("demo", "--keep", str(keep)).returncode == 0
    config = tmp_path / "c.toml"
    config.write_text(f'[store]\nurl = "sqlite:///{keep / "demo.sqlite3"}"\n')
    listed = run_cli("outbox", "--format", "jsonl", config=config)
    assert listed.returncode == 0 and '"sent"' in listed.stdout
    shown = run_cli("timeline", "S01", config=config)
    assert shown.returncode == 0 and "status:" in shown.stdout
