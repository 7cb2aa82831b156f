"""Config validation: every problem is one line naming the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from mailsync.config import load_settings, resolve_config_path, settings_from_dict
from mailsync.errors import ConfigError

REPO = Path(__file__).resolve().parents[2]

ACCOUNT = {"user": "a@b.example", "imap_host": "imap.b.example", "smtp_host": "smtp.b.example"}


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ({"applicant": {"nmae": "x"}}, "applicant.nmae"),
        ({"applicant": {"citizenship": "martian"}}, "applicant.citizenship"),
        ({"applicant": {"visa": "F-1"}}, "applicant.visa"),
        ({"applicant": {"timezone": "Mars/Olympus"}}, "applicant.timezone"),
        ({"applicant": {"name": 3}}, "applicant.name"),
        ({"accounts": {"main": {**ACCOUNT, "imap_tls": "maybe"}}}, "accounts.main.imap_tls"),
        ({"accounts": {"main": {**ACCOUNT, "imap_port": "993"}}}, "accounts.main.imap_port"),
        ({"accounts": {"main": {"user": "a"}}}, "accounts.main.imap_host"),
        ({"accounts": {"main": {**ACCOUNT, "folders": "INBOX"}}}, "accounts.main.folders"),
        ({"accounts": {"main": {**ACCOUNT, "password": "hunter2"}}}, "accounts.main.password"),
        ({"notify": {"urls": "json://x"}}, "notify.urls"),
        ({"sync": {"batch_size": 0}}, "sync.batch_size"),
        ({"colour": "blue"}, "colour"),
        ({"policy": {"global": {"daily_cpa": 3}}}, "daily_cpa"),
        ({"season": {"match_day": "someday"}}, "match_day"),
    ],
)
def test_bad_key_is_named(data, key):
    with pytest.raises(ConfigError) as err:
        settings_from_dict(data)
    assert key in str(err.value)
    assert "\n" not in str(err.value)


def test_secrets_are_refused_not_echoed():
    with pytest.raises(ConfigError) as err:
        settings_from_dict({"accounts": {"main": {**ACCOUNT, "password": "hunter2"}}})
    assert "hunter2" not in str(err.value)


def test_account_defaults_follow_tls_mode():
    s = settings_from_dict({"accounts": {"main": ACCOUNT}})
    acct = s.account("main")
    assert (acct.imap_port, acct.imap_tls, acct.smtp_port, acct.smtp_tls) == (
        993, "ssl", 587, "starttls")
    assert acct.folders == ("INBOX",) and acct.email == "a@b.example"
    with pytest.raises(ConfigError, match="unknown account"):
        s.account("other")


def test_relative_store_path_is_next_to_config(tmp_path):
    s = settings_from_dict({"store": {"url": "data/m.sqlite3"}}, path=tmp_path / "c.toml")
    assert s.store_url == f"sqlite:///{tmp_path / 'data/m.sqlite3'}"


def test_corrupt_toml_is_one_clear_line(tmp_path):
    bad = tmp_path / "c.toml"
    bad.write_text("[applicant\nname = 'x'\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(bad)


def test_missing_file_says_how_to_create_it(tmp_path):
    with pytest.raises(ConfigError, match="mailsync init"):
        load_settings(tmp_path / "nope.toml")


def test_config_path_precedence(monkeypatch, tmp_path):
    monkeypatch.setenv("MAILSYNC_CONFIG", str(tmp_path / "env.toml"))
    assert resolve_config_path(str(tmp_path / "opt.toml")) == tmp_path / "opt.toml"
    assert resolve_config_path(None) == tmp_path / "env.toml"
    monkeypatch.delenv("MAILSYNC_CONFIG")
    assert resolve_config_path(None).name == "mailsync.toml"


def test_example_and_starter_configs_are_valid():
    example = load_settings(REPO / "config" / "mailsync.example.toml")
    assert example.accounts and example.applicant["name"]
    from mailsync.cli.setup import starter_config

    path = REPO / "build-starter.toml"
    try:
        path.write_text(starter_config())
        assert load_settings(path).accounts == ()
    finally:
        path.unlink()
