"""The connection under every IMAP command: TLS, login, keepalive, errors, selection.

:class:`ImapConnection` owns the imapclient object and everything about its
life: it connects with the configured TLS (refusing a STARTTLS server that
does not offer it), logs in, turns on TCP keepalive, and translates every
imapclient, socket and ssl exception into :mod:`mailsync.errors`
(``raise ... from exc``): :class:`AuthenticationError` for refused
credentials, :class:`ConnectionLostError` for anything a reconnect may cure,
:class:`ImapError` for the rest. After a ConnectionLostError the session is
closed; call :meth:`ImapConnection.connect` again to reconnect. Passwords and
tokens never appear in messages or logs.

It also keeps track of the selected folder, because each command module
relies on the rule that a folder is read only after a read-only EXAMINE.
"""

from __future__ import annotations

import contextlib
import imaplib
import logging
import re
import socket
import ssl
import threading
from collections.abc import Iterator
from typing import Any, Literal, NoReturn, Self

from imapclient import IMAPClient
from imapclient.exceptions import LoginError

from mailsync.errors import AuthenticationError, ConnectionLostError, ImapError
from mailsync.imap.values import _text

log = logging.getLogger(__name__)

TlsMode = Literal["ssl", "starttls", "none"]
# RFC 5530: these login refusals say the server, not the secret, is the problem.
_TRANSIENT_LOGIN_CODES = ("[UNAVAILABLE]", "[INUSE]", "[LIMIT]")
# TCP keepalive: probe after 60 s of silence, every 15 s, give up after 4 misses. A
# connection that died silently (NAT timeout, suspended laptop, pulled cable) then
# fails within about two minutes instead of at the next IDLE renewal (10+ minutes).
KEEPALIVE_IDLE, KEEPALIVE_INTERVAL, KEEPALIVE_COUNT = 60, 15, 4


def _server_text(text: str) -> str:
    """``b'[AUTHENTICATIONFAILED] ...'`` as imapclient words it -> the server's text."""
    match = re.fullmatch(r"(?:.*?: )?b(['\"])(.*)\1", text, flags=re.DOTALL)
    return match.group(2) if match else text


def _enable_keepalive(sock: socket.socket) -> None:
    """Turn on TCP keepalive with short timers where the platform lets us set them.

    Linux has ``TCP_KEEPIDLE``; macOS calls the same option ``TCP_KEEPALIVE``.
    Where a timer cannot be set the system default (often two hours) stays,
    which is still better than none.
    """
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    idle = getattr(socket, "TCP_KEEPIDLE", None) or getattr(socket, "TCP_KEEPALIVE", None)
    timers = ((idle, KEEPALIVE_IDLE),
              (getattr(socket, "TCP_KEEPINTVL", None), KEEPALIVE_INTERVAL),
              (getattr(socket, "TCP_KEEPCNT", None), KEEPALIVE_COUNT))
    for option, value in timers:
        if option is not None:
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.IPPROTO_TCP, option, value)


class ImapConnection:
    """One IMAP connection for one account: connect()/logout() or a context manager.

    The command mixins (:mod:`~mailsync.imap.folders`, :mod:`~mailsync.imap.fetch`,
    :mod:`~mailsync.imap.writes`, :mod:`~mailsync.imap.idle`) build on this;
    callers use :class:`mailsync.imap.ImapSession`, which combines them.
    """

    def __init__(
        self,
        *,
        host: str,
        port: int,
        tls: TlsMode,
        user: str,
        password: str | None = None,
        oauth2_token: str | None = None,
        timeout: float = 30.0,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        if tls not in ("ssl", "starttls", "none"):
            raise ValueError(f"tls must be 'ssl', 'starttls' or 'none', not {tls!r}")
        if (password is None) == (oauth2_token is None):
            raise ValueError("give exactly one of password or oauth2_token")
        self.host, self.port, self.tls, self.user = host, port, tls, user
        self._password = password
        self._token = oauth2_token
        self.timeout = timeout
        self._ssl_context = ssl_context
        self._client: IMAPClient | None = None
        self._selected: tuple[str, bool] | None = None  # (folder, readonly)
        self._delimiter: str | None = None
        self._prefix: str | None = None
        # A socketpair that interrupt() writes to from another thread; idle_wait
        # selects it together with the IMAP socket. Made at connect, closed at logout.
        self._wake: tuple[socket.socket, socket.socket] | None = None
        self._wake_lock = threading.Lock()
        # Set by abort() from another thread: the connection is cut, whatever a late
        # server reply on the half-shut socket may still say (see _raise_if_aborted).
        self._aborted = False

    def __repr__(self) -> str:
        return f"ImapSession({self._where})"

    @property
    def _where(self) -> str:
        return f"user {self.user!r} at {self.host}:{self.port}"

    def __enter__(self) -> Self:
        if self._client is None:
            self.connect()
        return self

    def __exit__(self, *exc: object) -> None:
        self.logout()

    # ------------------------------------------------------------ errors

    def _scrub(self, text: str) -> str:
        for secret in (self._password, self._token):
            if secret:
                text = text.replace(secret, "***")
        return text

    def _fail(self, action: str, exc: BaseException) -> NoReturn:
        """Translate a library exception; a lost connection also closes the session."""
        detail = self._scrub(f"{type(exc).__name__}: {exc}")
        message = f"IMAP {action} failed for {self._where}: {detail}"
        if isinstance(exc, ssl.SSLCertVerificationError):
            self._drop()
            raise ImapError(f"{message} (certificate not trusted)") from exc
        if isinstance(exc, imaplib.IMAP4.readonly):
            raise ImapError(message) from exc
        if isinstance(exc, imaplib.IMAP4.abort | OSError | EOFError):
            self._drop()
            raise ConnectionLostError(message) from exc
        raise ImapError(message) from exc

    @contextlib.contextmanager
    def _translate(self, action: str) -> Iterator[None]:
        try:
            yield
        except (imaplib.IMAP4.error, OSError, EOFError) as exc:
            self._fail(action, exc)

    def _drop(self) -> None:
        client, self._client = self._client, None
        self._selected = None
        if client is not None:
            with contextlib.suppress(Exception):
                client.shutdown()

    @property
    def _imap(self) -> IMAPClient:
        if self._client is None:
            raise ConnectionLostError(f"IMAP session for {self._where} is not connected")
        return self._client

    # ------------------------------------------------------- connection

    def connect(self) -> None:
        """Open the connection, secure it as configured, log in, enable CONDSTORE.

        With ``tls="starttls"`` a server that does not offer STARTTLS is refused
        (RFC 3501 section 6.2.1); credentials are never sent in clear by surprise.
        Any failure leaves the session closed.
        """
        self._drop()
        self._reset_wake()
        self._aborted = False
        try:
            self._open()
        except ImapError:
            self._drop()
            raise
        log.info("IMAP connected: %s", self._where)

    def _open(self) -> None:
        with self._translate("connect"):
            client = IMAPClient(
                self.host,
                self.port,
                ssl=self.tls == "ssl",
                ssl_context=self._context() if self.tls == "ssl" else None,
                timeout=self.timeout,
            )
        self._client = client
        with self._translate("keepalive"):
            _enable_keepalive(client.socket())
        # Aware datetimes for INTERNALDATE instead of naive local time.
        client.normalise_times = False
        if self.tls == "starttls":
            self._starttls(client)
        self._login(client)
        with self._translate("ENABLE CONDSTORE"):
            if client.has_capability("CONDSTORE"):
                # RFC 7162 section 3.1: after ENABLE, EXAMINE reports HIGHESTMODSEQ.
                client.enable("CONDSTORE")

    def _context(self) -> ssl.SSLContext:
        return self._ssl_context or ssl.create_default_context()

    def _starttls(self, client: IMAPClient) -> None:
        with self._translate("STARTTLS"):
            offered = client.has_capability("STARTTLS")
            if offered:
                client.starttls(self._context())
        if not offered:
            raise ImapError(
                f"IMAP server for {self._where} does not offer STARTTLS and tls='starttls' "
                "was configured; refusing to log in without encryption"
            )

    def _login(self, client: IMAPClient) -> None:
        try:
            if self._token is not None:
                client.oauth2_login(self.user, self._token)
            else:
                client.login(self.user, self._password or "")
        except LoginError as exc:
            cause = exc.__context__
            if isinstance(cause, imaplib.IMAP4.abort | OSError):
                self._fail("login", cause)
            text = _server_text(self._scrub(str(exc)))
            if any(code in text.upper() for code in _TRANSIENT_LOGIN_CODES):
                raise ConnectionLostError(
                    f"IMAP login for {self._where} temporarily refused: {text}"
                ) from exc
            raise AuthenticationError(f"IMAP login refused for {self._where}: {text}") from exc
        except (imaplib.IMAP4.error, OSError, EOFError) as exc:
            self._fail("login", exc)

    def capabilities(self) -> frozenset[str]:
        """The server's capabilities after login, upper-cased."""
        with self._translate("CAPABILITY"):
            return frozenset(_text(c).upper() for c in self._imap.capabilities())

    def noop(self) -> None:
        """Cheap liveness check; raises ConnectionLostError on a dead connection."""
        with self._translate("NOOP"):
            self._imap.noop()

    def logout(self) -> None:
        """Log out politely; a dead connection is simply closed. Never raises."""
        client, self._client = self._client, None
        self._selected = None
        self._close_wake()
        if client is None:
            return
        try:
            client.logout()
        except Exception:  # The goal is a closed socket, however it goes.
            with contextlib.suppress(Exception):
                client.shutdown()

    def abort(self) -> None:
        """Cut the connection from another thread; whatever is blocked on it fails now.

        Shuts the socket's read side, so a blocked read (an IDLE, or a fetch
        from a server that went silent) sees end-of-file and the owning thread
        gets :class:`ConnectionLostError` instead of waiting for the socket
        timeout. For a connection that outlived a suspend, or a stop that
        cannot wait. The owning thread still calls :meth:`logout`. Never
        raises. To end an IDLE and keep the connection, use ``interrupt()``.
        """
        client = self._client
        self._aborted = client is not None
        sock = client.socket() if client is not None else None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RD)
        self._poke_wake()

    def _raise_if_aborted(self) -> None:
        """A wait that abort() ended fails, always. Linux still delivers bytes that
        arrive on a socket shut for reading, so a wait woken by abort()'s poke could
        otherwise read the server's reply to DONE and return as if interrupted."""
        if self._aborted:
            self._drop()
            raise ConnectionLostError(f"IMAP connection to {self._where} was aborted")

    # ------------------------------------------------------ wake channel

    def _reset_wake(self) -> None:
        """A fresh wake channel per connection: a wake meant for the old one is dropped."""
        with self._wake_lock:
            self._close_wake_locked()
            pair = socket.socketpair()
            for end in pair:
                end.setblocking(False)
            self._wake = (pair[0], pair[1])

    def _close_wake(self) -> None:
        with self._wake_lock:
            self._close_wake_locked()

    def _close_wake_locked(self) -> None:
        wake, self._wake = self._wake, None
        for end in wake or ():
            end.close()

    def _poke_wake(self) -> None:
        """Make the wake channel readable; safe from any thread, never blocks or raises."""
        with self._wake_lock:
            if self._wake is not None:
                # A full buffer means a wake is already pending, which is all that counts.
                with contextlib.suppress(OSError):
                    self._wake[1].send(b"\0")

    def _wake_reader(self) -> socket.socket | None:
        wake = self._wake
        return wake[0] if wake is not None else None

    def _drain_wake(self) -> None:
        reader = self._wake_reader()
        with contextlib.suppress(OSError):
            while reader is not None and reader.recv(4096):
                pass

    # ------------------------------------------------------- selection

    def _select(self, folder: str, *, readonly: bool = True) -> dict[bytes, Any]:
        # A failed SELECT leaves no folder selected (RFC 3501 section 6.3.1).
        self._selected = None
        with self._translate(f"SELECT {folder!r}"):
            info: dict[bytes, Any] = self._imap.select_folder(folder, readonly=readonly)
        self._selected = (folder, readonly)
        return info

    def _ensure_selected(self, folder: str, *, readonly: bool = True) -> None:
        if self._selected != (folder, readonly):
            self._select(folder, readonly=readonly)

    def _fresh(self, folder: str) -> None:
        """Select ``folder`` read-only with an up-to-date view of it.

        A server only shows changes made by other sessions when it syncs the
        selected mailbox, which Dovecot does after a command completes: a SEARCH
        on a long-selected folder misses mail that arrived since. A NOOP first
        (RFC 3501 section 6.1.2) brings the view up to date.
        """
        if self._selected == (folder, True):
            with self._translate("NOOP"):
                self._imap.noop()
        else:
            self._select(folder, readonly=True)

    def _search(self, criteria: list[Any], charset: str | None = None) -> list[int]:
        with self._translate("UID SEARCH"):
            return sorted(int(uid) for uid in self._imap.search(criteria, charset))

