"""The IMAP adapter: a thin, synchronous session on imapclient that returns mailsync values.

Safety rules this module enforces, because the applicant's mail is not ours:

* Reading never changes a message. Folders are opened with EXAMINE
  (``SELECT`` read-only, RFC 3501 section 6.3.2) and bodies are fetched with
  ``BODY.PEEK[]``, which unlike ``BODY[]`` never sets ``\\Seen``
  (RFC 3501 section 6.4.5). Either alone would do; both together survive a
  mistake in one of them.
* Nothing is ever deleted: there is no EXPUNGE here, :meth:`ImapSession.add_flags`
  refuses ``\\Deleted``, and :meth:`ImapSession.move` falls back to COPY alone.
* A folder is selected read-write only for the flag and move commands, and
  re-examined read-only before the next read.

Every imapclient, socket and ssl exception is translated into
:mod:`mailsync.errors` (``raise ... from exc``): :class:`AuthenticationError`
for refused credentials, :class:`ConnectionLostError` for anything a reconnect
may cure, :class:`ImapError` for the rest. After a ConnectionLostError the
session is closed; call :meth:`ImapSession.connect` again to reconnect.
Passwords and tokens never appear in messages or logs.
"""

from __future__ import annotations

import contextlib
import imaplib
import logging
import re
import ssl
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal, NoReturn

from imapclient import IMAPClient
from imapclient.exceptions import LoginError

from mailsync.errors import AuthenticationError, ConnectionLostError, ImapError

log = logging.getLogger(__name__)

TlsMode = Literal["ssl", "starttls", "none"]
_FETCH_ITEMS = [b"BODY.PEEK[]", b"FLAGS", b"INTERNALDATE", b"RFC822.SIZE"]
_APPENDUID = re.compile(rb"\[APPENDUID (\d+) (\d+)\]")
# RFC 2177: a client should re-issue IDLE at least every 29 minutes.
_MAX_IDLE = 29 * 60.0
# RFC 5530: these login refusals say the server, not the secret, is the problem.
_TRANSIENT_LOGIN_CODES = ("[UNAVAILABLE]", "[INUSE]", "[LIMIT]")


@dataclass(frozen=True, slots=True)
class FolderSnapshot:
    """What EXAMINE says about a folder. ``highestmodseq`` is None without CONDSTORE."""

    name: str
    uidvalidity: int
    uidnext: int
    exists: int
    highestmodseq: int | None


@dataclass(frozen=True, slots=True)
class FetchedMessage:
    """One message's bytes, exactly as stored on the server."""

    uid: int
    raw: bytes
    flags: frozenset[str]
    internaldate: datetime | None
    size: int


@dataclass(frozen=True, slots=True)
class FolderInfo:
    """One LIST entry; ``flags`` holds attributes and special-use flags like ``\\Drafts``."""

    name: str
    delimiter: str
    flags: frozenset[str]


@dataclass(frozen=True, slots=True)
class ImapEvent:
    """An untagged response seen while idling, e.g. ``ImapEvent("EXISTS", 4, "")``."""

    kind: str
    number: int | None
    detail: str


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _server_text(text: str) -> str:
    """``b'[AUTHENTICATIONFAILED] ...'`` as imapclient words it -> the server's text."""
    match = re.fullmatch(r"(?:.*?: )?b(['\"])(.*)\1", text, flags=re.DOTALL)
    return match.group(2) if match else text


def _flags(raw: Sequence[Any]) -> frozenset[str]:
    # \Recent is per-session state (RFC 3501 section 2.3.2, gone in RFC 9051); dropping it
    # keeps flag sets comparable across connections.
    return frozenset(_text(f) for f in raw) - {"\\Recent"}


def _batches(uids: Sequence[int], size: int) -> Iterator[list[int]]:
    # Explicit UID lists in bounded batches: imapclient 4.1 cannot map "1:*" back to UIDs,
    # and Dovecot refuses command lines over imap_max_line_length (64 KiB).
    ordered = sorted(set(uids))
    for start in range(0, len(ordered), size):
        yield ordered[start : start + size]


class ImapSession:
    """One IMAP connection for one account. Use as a context manager or connect()/logout().

    Methods that take a folder select it themselves (read-only unless they
    write); :meth:`fetch_raw` reads from the folder last opened by
    :meth:`snapshot`, :meth:`uids_since` or :meth:`all_uids`.
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

    def __repr__(self) -> str:
        return f"ImapSession({self._where})"

    @property
    def _where(self) -> str:
        return f"user {self.user!r} at {self.host}:{self.port}"

    def __enter__(self) -> ImapSession:
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
        if client is None:
            return
        try:
            client.logout()
        except Exception:  # The goal is a closed socket, however it goes.
            with contextlib.suppress(Exception):
                client.shutdown()

    # ---------------------------------------------------------- folders

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

    def snapshot(self, folder: str) -> FolderSnapshot:
        """EXAMINE ``folder`` (leaving it selected) and return its counters."""
        info = self._select(folder, readonly=True)
        try:
            uidvalidity = int(info[b"UIDVALIDITY"])
            uidnext = int(info[b"UIDNEXT"])
        except KeyError as exc:
            # RFC 3501 makes both mandatory in the SELECT/EXAMINE response.
            raise ImapError(f"EXAMINE {folder!r} gave no {exc.args[0]!r}: {self._where}") from exc
        modseq = info.get(b"HIGHESTMODSEQ")
        return FolderSnapshot(
            name=folder,
            uidvalidity=uidvalidity,
            uidnext=uidnext,
            exists=int(info.get(b"EXISTS", 0)),
            highestmodseq=int(modseq) if modseq is not None else None,
        )

    def _search(self, criteria: list[Any], charset: str | None = None) -> list[int]:
        with self._translate("UID SEARCH"):
            return sorted(int(uid) for uid in self._imap.search(criteria, charset))

    def uids_since(self, folder: str, after_uid: int) -> list[int]:
        """UIDs greater than ``after_uid`` in ``folder``, ascending."""
        self._fresh(folder)
        # RFC 3501 section 6.4.8: "n:*" always includes the highest UID, even when it is
        # below n, so the answer is filtered.
        found = self._search(["UID", f"{after_uid + 1}:*"])
        return [uid for uid in found if uid > after_uid]

    def all_uids(self, folder: str) -> list[int]:
        """Every UID in ``folder``, ascending."""
        self._fresh(folder)
        return self._search(["ALL"])

    def fetch_raw(self, uids: Sequence[int], *, batch_size: int = 500) -> Iterator[FetchedMessage]:
        """Yield the selected folder's messages for ``uids`` in UID order, in batches.

        Uses ``BODY.PEEK[]`` so ``\\Seen`` is never set. UIDs that no longer exist
        (expunged meanwhile) are skipped silently.
        """
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        if self._selected is None:
            raise ImapError(f"fetch_raw needs a selected folder ({self._where})")
        folder = self._selected[0]
        self._ensure_selected(folder)
        for batch in _batches(uids, batch_size):
            with self._translate(f"UID FETCH in {folder!r}"):
                response = self._imap.fetch(batch, _FETCH_ITEMS)
            for uid in batch:
                item = response.get(uid)
                if item is not None and b"BODY[]" in item:
                    yield self._fetched(uid, item)

    @staticmethod
    def _fetched(uid: int, item: dict[bytes, Any]) -> FetchedMessage:
        raw = bytes(item[b"BODY[]"] or b"")
        when = item.get(b"INTERNALDATE")
        if isinstance(when, datetime) and when.tzinfo is not None:
            when = when.astimezone(UTC)
        return FetchedMessage(
            uid=uid,
            raw=raw,
            flags=_flags(item.get(b"FLAGS", ())),
            internaldate=when if isinstance(when, datetime) else None,
            size=int(item.get(b"RFC822.SIZE", len(raw))),
        )

    def fetch_flags(self, folder: str, uids: Sequence[int]) -> dict[int, frozenset[str]]:
        """Current flags of ``uids`` in ``folder``; missing UIDs are absent."""
        self._fresh(folder)
        return self._flags_of(uids)

    def _flags_of(self, uids: Sequence[int]) -> dict[int, frozenset[str]]:
        result: dict[int, frozenset[str]] = {}
        for batch in _batches(uids, 1000):
            with self._translate("UID FETCH FLAGS"):
                response = self._imap.fetch(batch, [b"FLAGS"])
            result.update({uid: _flags(item.get(b"FLAGS", ())) for uid, item in response.items()})
        return result

    def changed_since(self, folder: str, modseq: int) -> dict[int, frozenset[str]]:
        """Flags of messages whose metadata changed after ``modseq``.

        With CONDSTORE this asks ``UID SEARCH MODSEQ`` (RFC 7162 section 3.1.5,
        which matches mod-sequences >= the value, hence ``modseq + 1``). Without
        it every message's flags are returned, so the caller compares itself.
        Expunges are not reported (that needs QRESYNC, RFC 7162 section 3.2).
        """
        self._fresh(folder)
        if "CONDSTORE" in self.capabilities():
            uids = self._search(["MODSEQ", str(modseq + 1)])
        else:
            uids = self._search(["ALL"])
        return self._flags_of(uids)

    def list_folders(self) -> list[FolderInfo]:
        """Every folder, with LIST attributes and special-use flags (RFC 6154)."""
        with self._translate("LIST"):
            listing = self._imap.list_folders()
        return [
            FolderInfo(name=_text(name), delimiter=_text(delim or ""), flags=_flags(flags))
            for flags, delim, name in listing
        ]

    def find_special_use(self, use: str, fallback_names: Sequence[str] = ()) -> str | None:
        """The folder carrying special-use ``use`` (e.g. ``\\Drafts``), else the first
        of ``fallback_names`` that exists (case-insensitive), else None."""
        folders = self.list_folders()
        wanted = use.lower()
        for info in folders:
            flags = {f.lower() for f in info.flags}
            # RFC 5258: \Noselect and \NonExistent names cannot hold messages.
            if wanted in flags and not flags & {"\\noselect", "\\nonexistent"}:
                return info.name
        by_lower = {info.name.lower(): info.name for info in folders}
        for name in fallback_names:
            if name.lower() in by_lower:
                return by_lower[name.lower()]
        return None

    def _hierarchy(self) -> tuple[str, str]:
        """(personal namespace prefix, delimiter), from NAMESPACE (RFC 2342) or LIST "" ""."""
        if self._delimiter is None or self._prefix is None:
            prefix, delimiter = "", ""
            with self._translate("NAMESPACE"):
                if self._imap.has_capability("NAMESPACE"):
                    personal = self._imap.namespace().personal or ()
                    if personal:
                        prefix, delimiter = _text(personal[0][0]), _text(personal[0][1] or "")
                if not delimiter:
                    listing = self._imap.list_folders("", "")
                    delimiter = _text(listing[0][1] or "") if listing else ""
            self._prefix, self._delimiter = prefix, delimiter or "/"
        return self._prefix, self._delimiter

    def server_name(self, path: str) -> str:
        """Map a '/'-written path like ``mailsync/Approve`` to the server's spelling.

        Dovecot with Maildir++ uses ``.`` and refuses ``/``; Courier-style servers
        also need the ``INBOX.`` personal-namespace prefix.
        """
        parts = [part for part in path.split("/") if part]
        if not parts:
            raise ImapError(f"empty folder path {path!r}")
        if len(parts) == 1 and parts[0].upper() == "INBOX":
            return "INBOX"
        prefix, delimiter = self._hierarchy()
        for part in parts:
            if delimiter in part:
                raise ImapError(
                    f"folder name part {part!r} contains the server's hierarchy "
                    f"delimiter {delimiter!r} ({self._where})"
                )
        name = delimiter.join(parts)
        if prefix and not name.startswith(prefix):
            name = prefix + name
        return name

    def ensure_folder(self, path: str) -> str:
        """Create ``path`` if missing, subscribe to it, and return the server name."""
        name = self.server_name(path)
        with self._translate(f"CREATE {name!r}"):
            if not self._imap.folder_exists(name):
                try:
                    self._imap.create_folder(name)
                except imaplib.IMAP4.abort:
                    raise
                except imaplib.IMAP4.error:
                    # Another client may have created it meanwhile ([ALREADYEXISTS]).
                    if not self._imap.folder_exists(name):
                        raise
            self._imap.subscribe_folder(name)
        return name

    def subscribed(self) -> list[str]:
        """Names of subscribed folders (LSUB)."""
        with self._translate("LSUB"):
            return [_text(name) for _, _, name in self._imap.list_sub_folders()]

    # ----------------------------------------------------------- writes

    def append(
        self,
        folder: str,
        raw: bytes,
        *,
        flags: Sequence[str] = (),
        when: datetime | None = None,
    ) -> int | None:
        """APPEND ``raw`` to ``folder``; the new UID from APPENDUID (RFC 4315) or None.

        ``when`` sets INTERNALDATE; give an aware datetime (a naive one is read
        as local time by imapclient).
        """
        with self._translate(f"APPEND to {folder!r}"):
            response = self._imap.append(folder, raw, flags=tuple(flags), msg_time=when)
        match = _APPENDUID.search(response if isinstance(response, bytes) else b"")
        return int(match.group(2)) if match else None

    def search_header(self, folder: str, header: str, value: str) -> list[int]:
        """UIDs in ``folder`` whose ``header`` contains ``value`` (RFC 3501 HEADER search)."""
        self._fresh(folder)
        charset = None if value.isascii() else "UTF-8"
        return self._search(["HEADER", header, value], charset)

    def add_flags(self, folder: str, uids: Sequence[int], flags: Sequence[str]) -> None:
        """Add ``flags`` (e.g. a ``$Approved`` keyword); ``\\Deleted`` is refused."""
        if any(flag.lower() == "\\deleted" for flag in flags):
            raise ImapError("mailsync never marks mail \\Deleted")
        self._store(folder, uids, flags, add=True)

    def remove_flags(self, folder: str, uids: Sequence[int], flags: Sequence[str]) -> None:
        """Remove ``flags`` from ``uids``."""
        self._store(folder, uids, flags, add=False)

    def _store(self, folder: str, uids: Sequence[int], flags: Sequence[str], *, add: bool) -> None:
        if not uids or not flags:
            return
        self._ensure_selected(folder, readonly=False)
        method = self._imap.add_flags if add else self._imap.remove_flags
        for batch in _batches(uids, 1000):
            with self._translate(f"UID STORE in {folder!r}"):
                # .SILENT: the new flags are not needed back (RFC 3501 section 6.4.6).
                method(batch, list(flags), silent=True)

    def move(self, folder: str, uid: int, dest: str) -> bool:
        """Move one message; True if moved, False if only copied.

        Uses MOVE (RFC 6851) when offered. Otherwise the message is only COPYed:
        the classic COPY + ``\\Deleted`` + EXPUNGE would delete, which mailsync
        never does, so the original stays and a warning is logged.
        """
        self._ensure_selected(folder, readonly=False)
        if "MOVE" in self.capabilities():
            with self._translate(f"UID MOVE {uid} to {dest!r}"):
                self._imap.move([uid], dest)
            return True
        with self._translate(f"UID COPY {uid} to {dest!r}"):
            self._imap.copy([uid], dest)
        log.warning("IMAP server lacks MOVE; copied uid %s from %r to %r", uid, folder, dest)
        return False

    # ------------------------------------------------------------- IDLE

    def idle_wait(self, folder: str, timeout: float) -> list[ImapEvent]:
        """IDLE on ``folder`` until the server reports a change or ``timeout`` passes.

        Returns the changes (EXISTS, EXPUNGE, FETCH ...) seen, possibly none.
        Keep-alive ``OK`` lines are not changes. ``imapclient.idle_check``
        returns nothing both on timeout and on a closed socket, so the wait
        always ends with DONE and a NOOP under the socket timeout: a dead or
        silent connection raises ConnectionLostError instead of looking idle.
        Without IDLE (RFC 2177) it degrades to one NOOP after sleeping.
        """
        timeout = max(0.0, min(timeout, _MAX_IDLE))
        self._ensure_selected(folder)
        if "IDLE" not in self.capabilities():
            time.sleep(timeout)
            return self._noop_events()
        events = self._idle_events(timeout)
        return events + self._noop_events()

    def _idle_events(self, timeout: float) -> list[ImapEvent]:
        deadline = time.monotonic() + timeout
        events: list[ImapEvent] = []
        with self._translate("IDLE"):
            self._imap.idle()
            while not events:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                responses = self._imap.idle_check(timeout=remaining)
                events = [e for e in map(_event, responses) if e is not None]
                if not responses and deadline - time.monotonic() > 0.05:
                    break  # Woken with nothing to read: EOF. DONE below will tell.
            if any(event.kind == "BYE" for event in events):
                # RFC 3501 section 7.1.5: the server is closing the connection.
                self._drop()
                raise ConnectionLostError(f"IMAP server said BYE to {self._where}")
            _, tail = self._imap.idle_done()
        return events + [e for e in map(_event, tail) if e is not None]

    def _noop_events(self) -> list[ImapEvent]:
        with self._translate("NOOP"):
            _, responses = self._imap.noop()
        return [e for e in map(_event, responses) if e is not None]


def _event(response: Any) -> ImapEvent | None:
    """Turn one parsed untagged response into an ImapEvent; None for status lines."""
    if not isinstance(response, tuple) or len(response) < 2:
        return None
    first, second = response[0], response[1]
    if isinstance(first, int):
        detail = " ".join(_text(part) for part in response[2:])
        return ImapEvent(kind=_text(second).upper(), number=first, detail=detail)
    if _text(first).upper() in ("OK", "NO", "BAD"):
        return None
    return ImapEvent(kind=_text(first).upper(), number=None, detail=_text(second))
