"""Folders: names as the server spells them, special-use lookup, create-if-missing.

Applicants' servers disagree on folder names: Dovecot with Maildir++ uses
``.`` as the hierarchy delimiter, Courier-style servers put personal folders
under ``INBOX.``, and Drafts or Sent may be called anything. Paths are written
with ``/`` in the config and mapped here (NAMESPACE, RFC 2342), and Drafts and
Sent are found by their SPECIAL-USE flags (RFC 6154) before any name guess.
"""

from __future__ import annotations

import imaplib
from collections.abc import Sequence

from mailsync.errors import ImapError
from mailsync.imap.connection import ImapConnection
from mailsync.imap.values import FolderInfo, _flags, _text


class FolderOps(ImapConnection):
    """LIST, LSUB, NAMESPACE and CREATE; nothing here reads or changes a message."""

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
