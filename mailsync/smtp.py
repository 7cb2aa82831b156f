"""SMTP submission adapter: hand one finished message to the provider, exactly once.

The whole point of this module is to tell three outcomes apart, because the
outbox's "never send twice" promise rests on them (RFC 5321 §4.1.1.4, §6.1):

1. Nothing left. The failure happened before any message content was written
   to the socket: connect, greeting, EHLO, STARTTLS, AUTH, MAIL, RCPT, or a
   non-354 reply to the DATA command itself. We raise
   :class:`TemporarySendError` (4xx or a network problem) or
   :class:`PermanentSendError` (5xx, or a configuration the server cannot
   satisfy). Retrying is safe.
2. The server answered the end of the content with a final reply. 250 means
   the server took responsibility for the message (§6.1); 4xx/5xx mean it
   explicitly refused, so it did not leave and the same two errors apply,
   carrying the code.
3. The content began to be written but no final reply arrived (connection
   lost, timeout). The message may or may not have left: we raise
   :class:`UncertainSendError`, and the caller must not resend blindly.

To know which side of that line we are on, this module drives aiosmtplib's
low-level steps itself instead of calling ``aiosmtplib.send``. The caller's
``on_data_start`` callback runs after the server's 354 and immediately before
the first content byte is written, so the caller can durably record "DATA
started" first.

Secrets (password, OAuth2 token) never appear in exception messages or logs.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from email.parser import BytesHeaderParser
from email.policy import compat32
from typing import Literal, NoReturn

import aiosmtplib
from aiosmtplib import SMTPResponse

from mailsync.errors import PermanentSendError, TemporarySendError, UncertainSendError

log = logging.getLogger(__name__)

TlsMode = Literal["ssl", "starttls", "none"]

# RFC 5321 §4.2.1: 2yz completion, 3yz intermediate, 4yz transient, 5yz permanent.
_START_MAIL_INPUT = 354
_QUIT_TIMEOUT = 5.0


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to submit mail. ``tls`` is explicit: there is no plaintext fallback.

    ``ssl`` is implicit TLS (RFC 8314, port 465); ``starttls`` requires the
    server to offer STARTTLS (RFC 3207) and fails otherwise; ``none`` sends in
    the clear and is only for a configured local relay or tests. ``ca_file``
    adds a trusted CA (e.g. a test server's self-signed certificate);
    certificates are always verified.
    """

    host: str
    port: int
    tls: TlsMode
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    timeout: float = 60
    oauth2_token: str | None = field(default=None, repr=False)
    ca_file: str | None = None
    local_hostname: str | None = None

    def __post_init__(self) -> None:
        if self.tls not in ("ssl", "starttls", "none"):
            raise ValueError(f"tls must be 'ssl', 'starttls' or 'none', not {self.tls!r}")
        if self.password is not None and self.oauth2_token is not None:
            raise ValueError("give either a password or an OAuth2 token, not both")
        if (self.password is not None or self.oauth2_token is not None) and not self.user:
            raise ValueError("a password or OAuth2 token needs a user")
        if self.timeout <= 0:
            raise ValueError("timeout must be positive")


@dataclass(frozen=True)
class SendResult:
    """The server accepted the message (final 250) for ``accepted`` recipients.

    ``refused`` maps recipients the server refused for good at RCPT (5xx) to
    ``(code, text)``; the message went to the others. ``response`` is the
    server's final reply, which often carries its queue id.
    """

    message_id: str
    accepted: tuple[str, ...]
    refused: dict[str, tuple[int, str]]
    response: str


# Pure helpers ------------------------------------------------------------------


def message_id_of(raw: bytes) -> str:
    """The Message-ID header of ``raw``; recovery looks it up in Sent, so it is required."""
    headers = BytesHeaderParser(policy=compat32).parsebytes(raw)
    value = headers.get("Message-ID")
    if value is None or not str(value).strip():
        raise ValueError("the message has no Message-ID; build it with outbox.build_outgoing")
    return " ".join(str(value).split())


_LINE_ENDING = re.compile(rb"\r\n|\n|\r")
_LEADING_DOT = re.compile(rb"^\.", re.MULTILINE)


def encode_data(raw: bytes) -> bytes:
    """Content as sent after DATA: CRLF lines, dot-stuffed, terminated (RFC 5321 §4.5.2)."""
    body = _LINE_ENDING.sub(b"\r\n", raw)
    if not body.endswith(b"\r\n"):
        body += b"\r\n"
    return _LEADING_DOT.sub(b"..", body) + b".\r\n"


def _redact(text: str, settings: SmtpSettings) -> str:
    for secret in (settings.password, settings.oauth2_token):
        if secret:
            text = text.replace(secret, "**REDACTED**")
    return text


def _reply_text(response: SMTPResponse | aiosmtplib.SMTPResponseException) -> str:
    return " ".join(str(response.message).split())


def _raise_for_code(what: str, code: int, text: str, cause: BaseException | None) -> NoReturn:
    """Map a refusal before the message left to the retry/fail decision by reply class."""
    message = f"{what}: {code} {text}".rstrip()
    if 400 <= code < 500:
        raise TemporarySendError(message, code=code) from cause
    raise PermanentSendError(message, code=code) from cause


# The conversation --------------------------------------------------------------


def _tls_context(settings: SmtpSettings) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=settings.ca_file)


def _client(settings: SmtpSettings) -> aiosmtplib.SMTP:
    use_tls = settings.tls == "ssl"
    return aiosmtplib.SMTP(
        hostname=settings.host,
        port=settings.port,
        use_tls=use_tls,
        # STARTTLS is done by hand below so that "not offered" is an error,
        # never a silent plaintext session.
        start_tls=False,
        timeout=settings.timeout,
        tls_context=_tls_context(settings) if settings.tls != "none" else None,
        local_hostname=settings.local_hostname,
    )


async def _connect(client: aiosmtplib.SMTP, settings: SmtpSettings) -> None:
    where = f"{settings.host}:{settings.port}"
    try:
        await client.connect()
    except aiosmtplib.SMTPConnectResponseError as exc:
        # RFC 5321 §3.1: 554 greeting = no service here; 421 = try later.
        _raise_for_code(f"{where} refused the connection", exc.code, _reply_text(exc), exc)
    except (aiosmtplib.SMTPConnectError, aiosmtplib.SMTPTimeoutError, OSError) as exc:
        _raise_for_cert_error(exc, settings)
        raise TemporarySendError(f"could not connect to {where}: {exc}") from exc


def _raise_for_cert_error(exc: BaseException, settings: SmtpSettings) -> None:
    """A certificate that fails verification will not fix itself: that is permanent."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            raise PermanentSendError(
                f"TLS certificate of {settings.host}:{settings.port} could not be verified: "
                f"{seen.verify_message or seen.reason}"
            ) from exc
        seen = seen.__cause__ or seen.__context__


async def _hello(client: aiosmtplib.SMTP, settings: SmtpSettings) -> None:
    """EHLO, then STARTTLS and EHLO again when required (RFC 3207 §4.2)."""
    await client.ehlo()
    if settings.tls != "starttls":
        return
    if not client.supports_extension("starttls"):
        raise PermanentSendError(
            f"{settings.host}:{settings.port} does not offer STARTTLS; "
            "refusing to send in plaintext (use tls='ssl' or fix the port)"
        )
    await client.starttls(tls_context=_tls_context(settings), server_hostname=settings.host)
    await client.ehlo()


async def _authenticate(client: aiosmtplib.SMTP, settings: SmtpSettings) -> None:
    """AUTH (RFC 4954) when credentials are configured; codes 454/432 are transient."""
    if settings.user is None or (settings.password is None and settings.oauth2_token is None):
        return
    if not client.supports_extension("auth"):
        raise PermanentSendError(
            f"{settings.host}:{settings.port} does not offer AUTH but credentials are configured"
        )
    try:
        if settings.oauth2_token is not None:
            await client.auth_xoauth2(settings.user, settings.oauth2_token)
        else:
            assert settings.password is not None
            await client.login(settings.user, settings.password)
    except aiosmtplib.SMTPAuthenticationError as exc:
        text = _redact(_reply_text(exc), settings)
        leaked = text != _reply_text(exc)
        _raise_for_code(
            f"authentication as {settings.user} failed", exc.code, text, None if leaked else exc
        )


async def _envelope(
    client: aiosmtplib.SMTP, raw: bytes, mail_from: str, rcpt_to: Sequence[str]
) -> tuple[tuple[str, ...], dict[str, tuple[int, str]]]:
    """MAIL and RCPT (RFC 5321 §3.3). Returns accepted and permanently refused recipients.

    Any temporary refusal aborts the whole transaction: sending to some now and
    the rest later would deliver twice to the first group on retry.
    """
    options = _body_options(client, raw)
    try:
        await client.mail(mail_from, options=options)
    except aiosmtplib.SMTPSenderRefused as exc:
        _raise_for_code(f"sender <{mail_from}> refused", exc.code, _reply_text(exc), exc)
    accepted: list[str] = []
    refused: dict[str, tuple[int, str]] = {}
    for rcpt in rcpt_to:
        try:
            await client.rcpt(rcpt)
        except aiosmtplib.SMTPRecipientRefused as exc:
            refused[rcpt] = (exc.code, _reply_text(exc))
        else:
            accepted.append(rcpt)
    _check_refusals(accepted, refused)
    return tuple(accepted), refused


def _check_refusals(accepted: list[str], refused: dict[str, tuple[int, str]]) -> None:
    temporary = {r: c for r, c in refused.items() if 400 <= c[0] < 500}
    if temporary:
        rcpt, (code, text) = next(iter(temporary.items()))
        _raise_for_code(f"recipient <{rcpt}> deferred", code, text, None)
    if not accepted:
        rcpt, (code, text) = next(iter(refused.items()))
        _raise_for_code(f"every recipient was refused, e.g. <{rcpt}>", code, text, None)


def _body_options(client: aiosmtplib.SMTP, raw: bytes) -> list[str]:
    """8-bit content needs 8BITMIME (RFC 6152); outbox messages are 7-bit and need nothing."""
    if raw.isascii():
        return []
    if not client.supports_extension("8bitmime"):
        raise PermanentSendError("the message has 8-bit content and the server lacks 8BITMIME")
    return ["BODY=8BITMIME"]


async def _start_data(client: aiosmtplib.SMTP) -> None:
    """Send DATA and require 354; any other reply means no content was sent."""
    response = await client.execute_command(b"DATA")
    if response.code != _START_MAIL_INPUT:
        code = response.code if 400 <= response.code < 600 else 451
        _raise_for_code("DATA command refused", code, _reply_text(response), None)


async def _transmit(client: aiosmtplib.SMTP, raw: bytes, settings: SmtpSettings) -> SMTPResponse:
    """Write the content and read the final reply; a lost reply is UncertainSendError."""
    protocol = client.protocol
    if protocol is None:
        raise TemporarySendError("connection closed before the message content was sent")
    try:
        # A write either queues the bytes or raises before sending anything.
        protocol.write(encode_data(raw))
    except aiosmtplib.SMTPServerDisconnected as exc:
        raise TemporarySendError("connection closed before the message content was sent") from exc
    try:
        response = await protocol.read_response(timeout=settings.timeout)
    except (aiosmtplib.SMTPServerDisconnected, aiosmtplib.SMTPTimeoutError, OSError) as exc:
        # A late reply must not be paired with QUIT's, so hang up instead.
        client.close()
        raise UncertainSendError(
            "no final reply after the message content was sent "
            f"({type(exc).__name__}); it may or may not have been delivered"
        ) from exc
    if 200 <= response.code < 300:
        return response
    if 400 <= response.code < 600:
        _raise_for_code("message refused after DATA", response.code, _reply_text(response), None)
    raise UncertainSendError(f"unexpected final reply after DATA: {response.code}")


async def _close(client: aiosmtplib.SMTP, settings: SmtpSettings) -> None:
    """QUIT politely (RFC 5321 §4.1.1.10); the outcome is already decided, so errors don't count."""
    if client.is_connected:
        with contextlib.suppress(aiosmtplib.SMTPException, OSError):
            await client.quit(timeout=min(settings.timeout, _QUIT_TIMEOUT))
    client.close()


async def _converse(
    client: aiosmtplib.SMTP,
    settings: SmtpSettings,
    raw: bytes,
    mail_from: str,
    rcpt_to: Sequence[str],
    on_data_start: Callable[[], None] | None,
) -> tuple[tuple[str, ...], dict[str, tuple[int, str]], SMTPResponse]:
    """Everything up to 354 can only fail safely; translate those failures first."""
    try:
        await _connect(client, settings)
        await _hello(client, settings)
        await _authenticate(client, settings)
        accepted, refused = await _envelope(client, raw, mail_from, rcpt_to)
        await _start_data(client)
    except aiosmtplib.SMTPResponseException as exc:
        _raise_for_code("the server refused", exc.code, _redact(_reply_text(exc), settings), exc)
    except (aiosmtplib.SMTPException, OSError) as exc:
        _raise_for_cert_error(exc, settings)
        message = _redact(str(exc), settings)
        raise TemporarySendError(f"SMTP session failed before DATA: {message}") from exc
    if on_data_start is not None:
        try:
            on_data_start()
        except BaseException:
            # Recording "DATA started" failed, so nothing may be sent. Drop the
            # connection instead of QUIT, which the server would now read as
            # message content; it discards the unfinished transaction.
            client.close()
            raise
    response = await _transmit(client, raw, settings)
    return accepted, refused, response


async def send_message(
    settings: SmtpSettings,
    raw: bytes,
    *,
    mail_from: str,
    rcpt_to: Sequence[str],
    on_data_start: Callable[[], None] | None = None,
) -> SendResult:
    """Submit ``raw`` (a complete RFC 5322 message with a Message-ID) once.

    Returns a :class:`SendResult` when the server's final reply is 250.

    Raises:
        TemporarySendError: 4xx or a network failure; the message did not leave.
        PermanentSendError: 5xx or an impossible configuration (no STARTTLS, bad
            certificate, no AUTH); the message did not leave. ``code`` is set
            when the server gave one (535 for a wrong password).
        UncertainSendError: cut off after content was written; never resend
            without checking Sent.
        ValueError: no recipients, or ``raw`` has no Message-ID.
    """
    if not rcpt_to:
        raise ValueError("at least one recipient is needed")
    message_id = message_id_of(raw)
    client = _client(settings)
    try:
        accepted, refused, response = await _converse(
            client, settings, raw, mail_from, rcpt_to, on_data_start
        )
    finally:
        await _close(client, settings)
    log.info("sent %s to %d recipient(s): %s", message_id, len(accepted), response.code)
    return SendResult(
        message_id=message_id,
        accepted=accepted,
        refused=refused,
        response=f"{response.code} {_reply_text(response)}",
    )


def send_message_sync(
    settings: SmtpSettings,
    raw: bytes,
    *,
    mail_from: str,
    rcpt_to: Sequence[str],
    on_data_start: Callable[[], None] | None = None,
) -> SendResult:
    """:func:`send_message` for synchronous callers (not from inside a running event loop)."""
    return asyncio.run(
        send_message(
            settings, raw, mail_from=mail_from, rcpt_to=rcpt_to, on_data_start=on_data_start
        )
    )
