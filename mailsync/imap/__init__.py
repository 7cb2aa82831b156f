"""The IMAP adapter: a thin, synchronous session on imapclient that returns mailsync values.

Safety rules this package enforces, because the applicant's mail is not ours:

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

Modules::

    values      FolderSnapshot, FetchedMessage, FolderInfo, ImapEvent; response parsing
    connection  connect, TLS, login, TCP keepalive, error translation, selection
    folders     server spelling of names, special-use lookup, create if missing
    fetch       EXAMINE, UID SEARCH, BODY.PEEK[], flags
    writes      APPEND, flag changes, MOVE (never a deletion)
    idle        IDLE, and interrupt() to end it from another thread
    session     ImapSession, the one class callers use
"""

from __future__ import annotations

from mailsync.imap.connection import TlsMode
from mailsync.imap.session import ImapSession
from mailsync.imap.values import FetchedMessage, FolderInfo, FolderSnapshot, ImapEvent

__all__ = [
    "FetchedMessage",
    "FolderInfo",
    "FolderSnapshot",
    "ImapEvent",
    "ImapSession",
    "TlsMode",
]
