"""The IMAP session callers use: one class, assembled from one module per concern.

:class:`ImapSession` is the connection (:mod:`~mailsync.imap.connection`)
plus its commands, grouped by what they do to the mailbox: folder names
(:mod:`~mailsync.imap.folders`), reads that change nothing
(:mod:`~mailsync.imap.fetch`), the few writes (:mod:`~mailsync.imap.writes`)
and waiting for mail (:mod:`~mailsync.imap.idle`). Keeping the class whole
means a caller holds one object per connection and the selected-folder
bookkeeping stays in one place.
"""

from __future__ import annotations

from mailsync.imap.fetch import Reading
from mailsync.imap.folders import FolderOps
from mailsync.imap.idle import Idling
from mailsync.imap.writes import Writing


class ImapSession(FolderOps, Reading, Writing, Idling):
    """One IMAP connection for one account. Use as a context manager or connect()/logout().

    Methods that take a folder select it themselves (read-only unless they
    write); :meth:`fetch_raw` reads from the folder last opened by
    :meth:`snapshot`, :meth:`uids_since` or :meth:`all_uids`. Two methods may
    be called from another thread: :meth:`interrupt` (end an IDLE cleanly)
    and :meth:`abort` (cut the connection); everything else belongs to the
    thread that connected.
    """
