"""The command-line contract, run as real processes: names, jsonl fields, exit codes."""

from __future__ import annotations

import mailbox
from pathlib import Path

import pytest

from mailsync.corpus import iter_corpus
from tests.support import CORPUS, jsonl, run_cli, write_config

CONTRACT_FIELDS = {"message_id", "kind", "flags", "program_id", "confidence", "reasons"}


@pytest.fixture(scope="module")
def corpus_mbox(tmp_path_factory) -> Path:
    """The dev corpus as a real mbox file (varied MIME shapes, threads)."""
    path = tmp_path_factory.mktemp("corpus") / "season.mbox"
    box = mailbox.mbox(str(path))
    for _record, raw in iter_corpus(CORPUS / "messages.jsonl"):
        box.add(raw)
    box.flush()
    box.close()
    return path


@pytest.fixture(scope="module")
def loaded(tmp_path_factory, corpus_mbox) -> Path:
    """A store with the corpus programs imported and the corpus mbox ingested."""
    config = write_config(tmp_path_factory.mktemp("store"))
    assert run_cli("programs", "import", str(CORPUS / "programs.csv"),
                   config=config).returncode == 0
    done = run_cli("import", str(corpus_mbox), config=config)
    assert done.returncode == 0, done.stderr
    assert "200 messages read, 200 new, 200 analyzed" in done.stdout
    return config


def test_classify_is_stateless_and_speaks_jsonl(corpus_mbox, tmp_path):
    done = run_cli("classify", "--programs", str(CORPUS / "programs.csv"), str(corpus_mbox),
                   env={"HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    rows = jsonl(done.stdout)
    assert len(rows) == 200
    assert all(set(r) >= CONTRACT_FIELDS for r in rows)
    assert all(r["reasons"] for r in rows if r["kind"] != "other")
    assert not list(tmp_path.rglob("*.sqlite3")), "classify must not create a database"


def test_inbox_jsonl_fields_and_filters(loaded):
    rows = jsonl(run_cli("inbox", "--format", "jsonl", config=loaded).stdout)
    assert len(rows) == 200
    assert all(CONTRACT_FIELDS | {"id", "date", "from", "subject"} <= set(r) for r in rows)
    invites = jsonl(run_cli("inbox", "--kind", "interview_invite", "--format", "jsonl",
                            config=loaded).stdout)
    assert invites and all(r["kind"] == "interview_invite" for r in invites)
    flagged = jsonl(run_cli("inbox", "--flag", "rank_inquiry", "--format", "jsonl",
                            config=loaded).stdout)
    assert flagged and all("rank_inquiry" in r["flags"] for r in flagged)
    unlinked = jsonl(run_cli("inbox", "--unlinked", "--format", "jsonl", config=loaded).stdout)
    assert all(r["program_id"] is None and r["kind"] != "other" for r in unlinked)


def test_show_explains_the_label(loaded):
    first = jsonl(run_cli("inbox", "--kind", "interview_invite", "--format", "jsonl",
                          config=loaded).stdout)[0]
    done = run_cli("show", str(first["id"]), config=loaded)
    assert done.returncode == 0
    assert "Kind:    interview_invite" in done.stdout and "because" in done.stdout


def test_relabel_and_link_are_remembered(loaded):
    row = jsonl(run_cli("inbox", "--kind", "other", "--format", "jsonl", config=loaded).stdout)[0]
    assert run_cli("relabel", str(row["id"]), "info_request", "--flags", "response_deadline",
                   config=loaded).returncode == 0
    assert run_cli("link", str(row["id"]), "P07", config=loaded).returncode == 0
    assert run_cli("reclassify", config=loaded).returncode == 0
    shown = jsonl(run_cli("show", str(row["id"]), "--format", "jsonl", config=loaded).stdout)[0]
    assert shown["kind"] == "info_request" and shown["flags"] == ["response_deadline"]
    assert shown["program_id"] == "P07"


def test_unknown_ids_exit_2_with_one_line(loaded):
    for args in (("show", "999999"), ("link", "1", "P99"), ("programs", "show", "NOPE")):
        done = run_cli(*args, config=loaded)
        assert done.returncode == 2, args
        assert len(done.stderr.strip().splitlines()) == 1
        assert done.stderr.startswith("error:")


def test_programs_list_and_show(loaded):
    rows = jsonl(run_cli("programs", "list", "--format", "jsonl", config=loaded).stdout)
    assert len(rows) == 30 and rows[0]["program_id"] == "P01"
    shown = run_cli("programs", "show", "P04", config=loaded).stdout
    assert "Saint Adelaide" in shown


def test_init_writes_config_without_prompting(tmp_path):
    path = tmp_path / "cfg" / "mailsync.toml"
    done = run_cli("init", "--config", str(path), "--name", "Amara O", input="")
    assert done.returncode == 0, done.stderr
    assert 'name = "Amara O"' in path.read_text()
    again = run_cli("init", "--config", str(path), input="")
    assert again.returncode == 2 and "--force" in again.stderr


def test_account_add_with_password_command(tmp_path):
    path = tmp_path / "mailsync.toml"
    run_cli("init", "--config", str(path), input="")
    done = run_cli("account", "add", "school", "--imap-host", "imap.example.org",
                   "--smtp-host", "smtp.example.org", "--user", "me@example.org",
                   "--password-command", "echo secret", "--config", str(path), input="")
    assert done.returncode == 0, done.stderr
    text = path.read_text()
    assert "[accounts.school]" in text and "secret" in text  # the command, not a password
    dup = run_cli("account", "add", "school", "--imap-host", "x", "--smtp-host", "y",
                  "--user", "z", "--password-command", "true", "--config", str(path))
    assert dup.returncode == 2


def test_config_errors_exit_2(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[applicant]\nnmae = 'typo'\n")
    done = run_cli("inbox", config=bad)
    assert done.returncode == 2
    assert "applicant.nmae" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    missing = run_cli("inbox", config=tmp_path / "missing.toml")
    assert missing.returncode == 2 and "mailsync init" in missing.stderr
    usage = run_cli("inbox", "--kind", "nonsense", config=bad)
    assert usage.returncode == 2


def test_config_from_environment(tmp_path, loaded):
    done = run_cli("programs", "list", "--format", "jsonl",
                   env={"MAILSYNC_CONFIG": str(loaded)})
    assert done.returncode == 0 and len(jsonl(done.stdout)) == 30


def test_import_torture_keeps_every_message(tmp_path):
    from tests.support import TORTURE

    config = write_config(tmp_path)
    done = run_cli("import", str(TORTURE), config=config)
    assert done.returncode == 0, done.stderr
    files = list(TORTURE.rglob("*.eml"))
    distinct = {p.read_bytes() for p in files}
    assert f"{len(files)} messages read, {len(distinct)} new" in done.stdout
    rows = jsonl(run_cli("inbox", "--format", "jsonl", config=config).stdout)
    assert len(rows) == len(distinct)
