"""Helpers shared by integration and end-to-end tests: configs, mail, bulk APPEND."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from imapclient import IMAPClient

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
TORTURE = REPO.parent / "shared" / "torture"
MAILSYNC = [sys.executable, "-m", "mailsync"]


def write_config(tmp_path: Path, *, imap: object | None = None, smtp: object | None = None,
                 extra: str = "", folders: Sequence[str] = ("INBOX",),
                 batch_size: int = 500, store_url: str | None = None) -> Path:
    """A config file for tests; the password comes from a password_command."""
    db = store_url or f"sqlite:///{tmp_path / 'mailsync.sqlite3'}"
    lines = [
        "[applicant]",
        'name = "Amara Okonkwo-Reyes"', 'degree = "MBBS"', 'email = "amara@applicant.example"',
        'phone = "+1 555 0100"', 'aamc_id = "14123456"', 'ecfmg_id = "0-123-456-7"',
        'school = "University of Lagos College of Medicine"', 'country = "Nigeria"',
        'specialty = "Internal Medicine"', 'citizenship = "needs_visa"', 'visa = "J-1"',
        'timezone = "America/New_York"',
        "", "[store]", f"url = {json.dumps(db)}", "",
        "[sync]", f"batch_size = {batch_size}", "",
    ]
    if imap is not None:
        secret = tmp_path / "secret.txt"
        secret.write_text(imap.password + "\n")  # type: ignore[attr-defined]
        smtp_host = getattr(smtp, "host", "127.0.0.1")
        smtp_port = getattr(smtp, "port", 2525)
        lines += [
            "[accounts.main]",
            f'user = "{imap.user}"', 'email = "amara@applicant.example"',  # type: ignore[attr-defined]
            f'imap_host = "{imap.host}"', f"imap_port = {imap.port}",  # type: ignore[attr-defined]
            'imap_tls = "none"', f'smtp_host = "{smtp_host}"', f"smtp_port = {smtp_port}",
            'smtp_tls = "none"', f'password_command = "cat {secret}"',
            "folders = [" + ", ".join(json.dumps(f) for f in folders) + "]", "",
        ]
    path = tmp_path / "mailsync.toml"
    path.write_text("\n".join(lines) + extra, encoding="utf-8")
    return path


def make_mail(n: int, *, subject: str = "Interview invitation", body: str | None = None,
              sender: str = "coordinator@program.example", size: int = 0,
              when: datetime | None = None) -> bytes:
    msg = EmailMessage()
    msg["From"] = f"Program Coordinator <{sender}>"
    msg["To"] = "amara@applicant.example"
    msg["Subject"] = f"{subject} #{n}"
    msg["Date"] = format_datetime(when or datetime(2026, 10, 1, 12, tzinfo=UTC)
                                  + timedelta(minutes=n))
    msg["Message-ID"] = make_msgid(idstring=f"t{n}", domain="program.example")
    text = body or f"Dear Dr. Okonkwo-Reyes,\n\nThis is message number {n}.\n"
    if size:
        text += ("Lorem ipsum dolor sit amet. " * (size // 28 + 1))[:size]
    msg.set_content(text)
    return bytes(msg)


def bulk_append(host: str, port: int, user: str, password: str, folder: str,
                messages: Sequence[bytes], flags: Sequence[str] = ()) -> None:
    """APPEND many messages over one connection (the fixture opens one per message)."""
    with IMAPClient(host, port, ssl=False, timeout=30) as imap:
        imap.login(user, password)
        if not imap.folder_exists(folder):
            imap.create_folder(folder)
        for raw in messages:
            imap.append(folder, raw, flags=tuple(flags))


def run_cli(
    *args: str, config: Path | None = None, input: str | None = None,
    env: dict[str, str] | None = None, timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m mailsync`` as a real process."""
    full_env = dict(os.environ)
    full_env.pop("MAILSYNC_CONFIG", None)
    full_env.update(env or {})
    cmd = [*MAILSYNC, *(["--config", str(config)] if config else []), *args]
    return subprocess.run(cmd, capture_output=True, text=True, input=input, env=full_env,
                          timeout=timeout, cwd=REPO, check=False)


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip().startswith("{")]


def malformed_set() -> dict[str, bytes]:
    """Broken mail of the kinds real mailboxes hold; every one must be kept and listed."""
    big = bytes(make_mail(9001, subject="Scanned documents"))
    boundary = b"==big=="
    head, _, _ = big.partition(b"\n\n")
    huge = (head.replace(b"Content-Type: text/plain; charset=\"utf-8\"",
                         b"Content-Type: multipart/mixed; boundary=\"==big==\"")
            + b"\n\n--" + boundary + b"\nContent-Type: text/plain\n\nSee attached.\n--" + boundary
            + b"\nContent-Type: application/pdf; name=scan.pdf\n"
            + b"Content-Transfer-Encoding: base64\n\n"
            + (b"QUJDRA==" * 10 + b"\n") * (20 * 1024 * 1024 // 81) + b"--" + boundary + b"--\n")
    return {
        "truncated-mime": b"From: a@program.example\r\nMessage-ID: <trunc@x.example>\r\n"
                          b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=Q\r\n\r\n"
                          b"--Q\r\nContent-Type: text/plain\r\n\r\nWe are pleased to inv",
        "wrong-charset": b"From: b@program.example\r\nMessage-ID: <wrongcs@x.example>\r\n"
                         b"Subject: Entrevista\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                         b"Se\xf1or, la entrevista es el d\xeda 12.\r\n",
        "unknown-charset": b"From: c@program.example\r\nMessage-ID: <unkcs@x.example>\r\n"
                           b"Subject: =?x-klingon?Q?Qapla=27?=\r\n"
                           b"Content-Type: text/plain; charset=x-klingon\r\n\r\nnuqneH\r\n",
        "raw-8bit-headers": "From: Dr. Müller <mueller@program.example>\r\nSubject: Einladung "
                            "zum Gespräch\r\nMessage-ID: <8bit@x.example>\r\n\r\nHallo\r\n"
                            .encode(),
        "empty-body": b"From: d@program.example\r\nMessage-ID: <empty@x.example>\r\n"
                      b"Subject: (no text)\r\n\r\n",
        "no-message-id": b"From: e@program.example\r\nSubject: Interview invitation\r\n\r\n"
                         b"We would like to invite you to interview.\r\n",
        "dup-id-1": b"From: f@program.example\r\nMessage-ID: <dup@x.example>\r\n"
                    b"Subject: Version one\r\n\r\nfirst text\r\n",
        "dup-id-2": b"From: f@program.example\r\nMessage-ID: <dup@x.example>\r\n"
                    b"Subject: Version two\r\n\r\nsecond, different text\r\n",
        "twenty-mb-attachment": huge,
    }
