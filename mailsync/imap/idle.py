"""Waiting for mail: IDLE (RFC 2177) with a clean way out from another thread.

``imapclient.idle_check`` waits on the IMAP socket and nothing else, so a
watcher blocked in it could only be freed by breaking the connection. Here the
wait selects the IMAP socket *and* a wake channel (a ``socket.socketpair``
made at connect): :meth:`Idling.interrupt`, called from any thread, makes the
channel readable, and the waiting thread leaves IDLE with DONE as the protocol
expects, so the caller can LOGOUT politely or go on using the connection.

A wake is never lost: one that arrives just before the wait starts is still
in the channel and ends the wait at once. The price is that a wake arriving
while no one waits ends the *next* wait early, which only costs a NOOP.
"""

from __future__ import annotations

import selectors
import time

from mailsync.errors import ConnectionLostError
from mailsync.imap.connection import ImapConnection
from mailsync.imap.values import ImapEvent, _event

# RFC 2177: a client should re-issue IDLE at least every 29 minutes.
_MAX_IDLE = 29 * 60.0


class Idling(ImapConnection):
    """IDLE on one folder until a change, a timeout, or :meth:`interrupt`."""

    def interrupt(self) -> None:
        """Wake a thread blocked in :meth:`idle_wait` on this session, from any thread.

        The waiting thread ends IDLE with DONE and a NOOP and returns the changes
        seen so far (possibly none); the connection stays usable. Safe to call
        at any time and more than once; never blocks, never raises. Does nothing
        on a session that is not connected.
        """
        self._poke_wake()

    def idle_wait(self, folder: str, timeout: float) -> list[ImapEvent]:
        """IDLE on ``folder`` until the server reports a change, ``timeout`` passes,
        or another thread calls :meth:`interrupt`.

        Returns the changes (EXISTS, EXPUNGE, FETCH ...) seen, possibly none.
        Keep-alive ``OK`` lines are not changes. ``imapclient.idle_check``
        returns nothing both on timeout and on a closed socket, so the wait
        always ends with DONE and a NOOP under the socket timeout: a dead or
        silent connection raises ConnectionLostError instead of looking idle.
        Without IDLE (RFC 2177) it degrades to one NOOP after waiting.
        """
        timeout = max(0.0, min(timeout, _MAX_IDLE))
        self._ensure_selected(folder)
        if "IDLE" not in self.capabilities():
            self._wait_for_wake(timeout)
            self._raise_if_aborted()
            return self._noop_events()
        events = self._idle_events(timeout)
        self._raise_if_aborted()
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
                readable, woken = self._wait_readable(remaining)
                if woken:
                    break  # interrupt(): leave IDLE the polite way, below.
                if not readable:
                    continue  # The deadline passed; the loop ends.
                responses = self._imap.idle_check(timeout=0)
                events = [e for e in map(_event, responses) if e is not None]
                if not responses:
                    break  # Readable with nothing to read: EOF. DONE below will tell.
            if any(event.kind == "BYE" for event in events):
                # RFC 3501 section 7.1.5: the server is closing the connection.
                self._drop()
                raise ConnectionLostError(f"IMAP server said BYE to {self._where}")
            _, tail = self._imap.idle_done()
        return events + [e for e in map(_event, tail) if e is not None]

    def _wait_readable(self, timeout: float) -> tuple[bool, bool]:
        """Wait until the IMAP socket has data or a wake arrives: (readable, woken)."""
        # The same socket imapclient's own idle_check polls: bytes already buffered
        # above it (TLS, imaplib's reader) are not seen here, as they were not before.
        sock = self._imap.socket()
        wake = self._wake_reader()
        with selectors.DefaultSelector() as selector:
            selector.register(sock, selectors.EVENT_READ)
            if wake is not None:
                selector.register(wake, selectors.EVENT_READ)
            ready = {key.fileobj for key, _ in selector.select(timeout)}
        woken = wake is not None and wake in ready
        if woken:
            self._drain_wake()
        return sock in ready, woken

    def _wait_for_wake(self, timeout: float) -> None:
        """Sleep ``timeout`` seconds, or less if :meth:`interrupt` is called meanwhile."""
        wake = self._wake_reader()
        if wake is None:
            time.sleep(timeout)
            return
        with selectors.DefaultSelector() as selector:
            selector.register(wake, selectors.EVENT_READ)
            if selector.select(timeout):
                self._drain_wake()

    def _noop_events(self) -> list[ImapEvent]:
        with self._translate("NOOP"):
            _, responses = self._imap.noop()
        return [e for e in map(_event, responses) if e is not None]
