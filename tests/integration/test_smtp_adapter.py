"""The SMTP adapter against a real aiosmtpd server on 127.0.0.1.

Each failure is produced by the server (``tests/fixtures/smtp_server.py``),
so the adapter sees the same bytes a provider would send.
"""

from __future__ import annotations

import json
import mailbox
import socket
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from mailsync.errors import PermanentSendError, TemporarySendError, UncertainSendError
from mailsync.message import Address
from mailsync.outbox import ThreadParent, build_outgoing, envelope, make_message_id
from mailsync.smtp import SendResult, SmtpSettings, send_message_sync
from tests.fixtures.smtp_server import SmtpTestServer, free_port

SENDER = "applicant@example.org"
PD = "pd@mercy-hospital.edu"


def _raw(key: str = "draft-1", body: str = "Thank you for the invitation.\n") -> bytes:
    msg = build_outgoing(
        from_=Address("Asha Rao", SENDER),
        to=[Address("Program Director", PD)],
        cc=["coordinator@mercy-hospital.edu"],
        subject="Interview invitation — Internal Medicine",
        body=body,
        date=datetime(2025, 10, 1, 14, 30, tzinfo=UTC),
        message_id=make_message_id("example.org", key),
        parent=ThreadParent(message_id="<invite-42@mercy-hospital.edu>",
                            references=("<root@mercy-hospital.edu>",)),
    )
    return msg.as_bytes()


def _settings(server: SmtpTestServer, **overrides: Any) -> SmtpSettings:
    base = SmtpSettings(host=server.host, port=server.port, tls="none", user=None,
                        password=None, timeout=5, local_hostname="client.test")
    return replace(base, **overrides)


class DataStartRecorder:
    """Stands in for the store: remembers whether "DATA started" was recorded."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> None:
        self.calls += 1


def _send(settings: SmtpSettings, raw: bytes, on_data_start: Callable[[], None] | None = None,
          rcpt_to: tuple[str, ...] = (PD, "coordinator@mercy-hospital.edu")) -> SendResult:
    return send_message_sync(settings, raw, mail_from=SENDER, rcpt_to=rcpt_to,
                             on_data_start=on_data_start)


def test_success_delivers_the_exact_bytes_with_headers(smtp_server: SmtpTestServer) -> None:
    raw = _raw(body=".a line that starts with a dot\nnon-ASCII: Zürich, café\n")
    assert b"\r\n.a line" in raw  # exercises dot-stuffing (RFC 5321 §4.5.2)
    recorder = DataStartRecorder()
    result = _send(_settings(smtp_server), raw, recorder)

    assert recorder.calls == 1
    assert result.message_id == make_message_id("example.org", "draft-1")
    assert result.accepted == (PD, "coordinator@mercy-hospital.edu")
    assert result.refused == {}
    assert result.response.startswith("250")
    [received] = smtp_server.messages
    assert received.data == raw  # dot-stuffing undone by the server: byte-identical
    assert received.mail_from == SENDER
    assert received.rcpt_tos == (PD, "coordinator@mercy-hospital.edu")
    msg = received.message
    assert msg["Message-ID"] == result.message_id
    assert msg["In-Reply-To"] == "<invite-42@mercy-hospital.edu>"
    assert msg["References"] == "<root@mercy-hospital.edu> <invite-42@mercy-hospital.edu>"
    assert msg["Subject"] == "Re: Interview invitation — Internal Medicine"
    assert "Zürich, café" in msg.get_content()


def test_envelope_helper_matches_the_headers(smtp_server: SmtpTestServer) -> None:
    msg = build_outgoing(from_=SENDER, to=[PD], cc=[PD, "c@x.org"], subject="s", body="b",
                         date=datetime(2025, 1, 1, tzinfo=UTC), message_id="<k@example.org>")
    mail_from, rcpt_to = envelope(msg)
    send_message_sync(_settings(smtp_server), msg.as_bytes(), mail_from=mail_from,
                      rcpt_to=rcpt_to)
    assert smtp_server.messages[0].rcpt_tos == (PD, "c@x.org")


def test_451_at_rcpt_is_temporary_and_nothing_is_delivered(smtp_server: SmtpTestServer) -> None:
    smtp_server.fail_next(451, "rcpt")
    recorder = DataStartRecorder()
    with pytest.raises(TemporarySendError) as info:
        _send(_settings(smtp_server), _raw(), recorder)
    assert info.value.code == 451
    assert recorder.calls == 0
    assert smtp_server.messages == []
    # The failure was for one transaction only: the retry goes through, once.
    _send(_settings(smtp_server), _raw())
    assert len(smtp_server.messages) == 1


def test_permanent_refusal_of_one_recipient_still_sends_to_the_others(
    smtp_server: SmtpTestServer,
) -> None:
    smtp_server.refuse_recipient("coordinator@mercy-hospital.edu", 550)
    result = _send(_settings(smtp_server), _raw())
    assert result.accepted == (PD,)
    assert result.refused["coordinator@mercy-hospital.edu"][0] == 550
    assert smtp_server.messages[0].rcpt_tos == (PD,)


def test_every_recipient_refused_is_permanent(smtp_server: SmtpTestServer) -> None:
    smtp_server.fail_next(550, "rcpt")
    with pytest.raises(PermanentSendError) as info:
        _send(_settings(smtp_server), _raw())
    assert info.value.code == 550
    assert smtp_server.messages == []


def test_5xx_at_mail_from_is_permanent(smtp_server: SmtpTestServer) -> None:
    smtp_server.fail_next(553, "mail")
    with pytest.raises(PermanentSendError) as info:
        _send(_settings(smtp_server), _raw())
    assert info.value.code == 553


def test_4xx_reply_to_the_data_command_is_temporary_before_content(
    smtp_server: SmtpTestServer,
) -> None:
    smtp_server.fail_next(451, "data_cmd")
    recorder = DataStartRecorder()
    with pytest.raises(TemporarySendError) as info:
        _send(_settings(smtp_server), _raw(), recorder)
    assert info.value.code == 451
    assert recorder.calls == 0  # no content was written
    assert smtp_server.messages == []


def test_550_at_end_of_data_is_permanent_with_its_code(smtp_server: SmtpTestServer) -> None:
    smtp_server.fail_next(550, "data")
    recorder = DataStartRecorder()
    with pytest.raises(PermanentSendError) as info:
        _send(_settings(smtp_server), _raw(), recorder)
    assert info.value.code == 550
    assert "550" in str(info.value)
    assert recorder.calls == 1
    assert smtp_server.messages == []


def test_452_at_end_of_data_is_temporary(smtp_server: SmtpTestServer) -> None:
    smtp_server.fail_next(452, "data")
    with pytest.raises(TemporarySendError) as info:
        _send(_settings(smtp_server), _raw())
    assert info.value.code == 452


@pytest.mark.parametrize("delivered", [False, True], ids=["lost", "kept-but-reply-lost"])
def test_connection_dropped_after_data_is_uncertain(
    smtp_server: SmtpTestServer, delivered: bool
) -> None:
    smtp_server.drop_after_data(deliver=delivered)
    recorder = DataStartRecorder()
    with pytest.raises(UncertainSendError) as info:
        _send(_settings(smtp_server), _raw(), recorder)
    assert info.value.code is None
    assert recorder.calls == 1
    assert len(smtp_server.messages) == int(delivered)


def test_no_final_reply_within_the_timeout_is_uncertain(smtp_server: SmtpTestServer) -> None:
    smtp_server.delay_after_data(3.0)
    recorder = DataStartRecorder()
    with pytest.raises(UncertainSendError):
        _send(_settings(smtp_server, timeout=0.5), _raw(), recorder)
    assert recorder.calls == 1


def test_failing_to_record_data_start_sends_nothing(smtp_server: SmtpTestServer) -> None:
    def broken_store() -> None:
        raise RuntimeError("database is locked")

    with pytest.raises(RuntimeError, match="database is locked"):
        _send(_settings(smtp_server), _raw(), broken_store)
    assert smtp_server.messages == []


def test_connection_refused_is_temporary() -> None:
    closed = free_port()
    settings = SmtpSettings(host="127.0.0.1", port=closed, tls="none", user=None,
                            password=None, timeout=2)
    recorder = DataStartRecorder()
    with pytest.raises(TemporarySendError) as info:
        _send(settings, _raw(), recorder)
    assert info.value.code is None
    assert recorder.calls == 0


def test_server_that_never_greets_times_out_as_temporary() -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        settings = SmtpSettings(host="127.0.0.1", port=silent.getsockname()[1], tls="none",
                                user=None, password=None, timeout=0.5)
        with pytest.raises(TemporarySendError):
            _send(settings, _raw())


def test_auth_success(smtp_server: SmtpTestServer) -> None:
    settings = _settings(smtp_server, user=smtp_server.user, password=smtp_server.password)
    _send(settings, _raw())
    assert smtp_server.messages[0].auth_user == smtp_server.user


def test_wrong_password_is_permanent_535_without_the_password(
    smtp_server: SmtpTestServer, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "hunter2-not-the-password"
    settings = _settings(smtp_server, user=smtp_server.user, password=secret)
    with pytest.raises(PermanentSendError) as info:
        _send(settings, _raw())
    assert info.value.code == 535
    assert secret not in str(info.value)
    assert secret not in repr(settings)
    assert secret not in caplog.text
    assert smtp_server.messages == []


def test_auth_required_and_no_credentials_is_permanent(
    smtp_server_factory: Callable[..., SmtpTestServer],
) -> None:
    server = smtp_server_factory(auth_required=True)
    with pytest.raises(PermanentSendError) as info:
        _send(_settings(server), _raw())
    assert info.value.code == 530
    assert server.messages == []


def test_starttls_with_verified_certificate_and_auth(
    smtp_server_factory: Callable[..., SmtpTestServer],
) -> None:
    server = smtp_server_factory(tls="starttls", auth_required=True)
    settings = _settings(server, tls="starttls", ca_file=str(server.cert_file),
                         user=server.user, password=server.password)
    _send(settings, _raw())
    assert len(server.messages) == 1


def test_implicit_tls(smtp_server_factory: Callable[..., SmtpTestServer]) -> None:
    server = smtp_server_factory(tls="ssl")
    _send(_settings(server, tls="ssl", ca_file=str(server.cert_file)), _raw())
    assert len(server.messages) == 1


@pytest.mark.parametrize("tls", ["ssl", "starttls"])
def test_untrusted_certificate_is_permanent(
    smtp_server_factory: Callable[..., SmtpTestServer], tls: str
) -> None:
    server = smtp_server_factory(tls=tls)
    with pytest.raises(PermanentSendError, match="certificate"):
        _send(_settings(server, tls=tls), _raw())
    assert server.messages == []


def test_starttls_required_but_not_offered_never_falls_back_to_plaintext(
    smtp_server: SmtpTestServer,
) -> None:
    settings = _settings(smtp_server, tls="starttls", user=smtp_server.user,
                         password=smtp_server.password)
    with pytest.raises(PermanentSendError, match="STARTTLS"):
        _send(settings, _raw())
    assert smtp_server.messages == []


def test_message_without_message_id_is_rejected_before_connecting() -> None:
    settings = SmtpSettings(host="127.0.0.1", port=free_port(), tls="none", user=None,
                            password=None)
    with pytest.raises(ValueError, match="Message-ID"):
        _send(settings, b"Subject: x\r\n\r\nbody\r\n")


def test_settings_reject_inconsistent_values() -> None:
    with pytest.raises(ValueError):
        SmtpSettings(host="h", port=25, tls="plain", user=None, password=None)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        SmtpSettings(host="h", port=25, tls="none", user=None, password="p")


def test_command_line_server_writes_a_maildir(tmp_path: Path) -> None:
    """The out-of-process server (for kill -9 tests and demos) delivers into a Maildir."""
    maildir = tmp_path / "maildir"
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.fixtures.smtp_server", "--port", "0",
         "--maildir", str(maildir), "--fail", "451:rcpt:1"],
        stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2],
    )
    try:
        assert proc.stdout is not None
        ready, host, port = proc.stdout.readline().split()
        assert ready == "READY"
        settings = SmtpSettings(host=host, port=int(port), tls="none", user=None,
                                password=None, timeout=5)
        with pytest.raises(TemporarySendError):
            _send(settings, _raw())
        _send(settings, _raw())
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    [stored] = list(mailbox.Maildir(str(maildir), create=False))
    assert stored["Message-ID"] == make_message_id("example.org", "draft-1")
    lines = (maildir / "envelopes.jsonl").read_text().splitlines()
    assert json.loads(lines[0])["rcpt_tos"] == [PD, "coordinator@mercy-hospital.edu"]
