"""mailsync.imap.ImapSession against a real Dovecot on 127.0.0.1.

No fixed sleeps: every wait has a deadline that is only an upper bound.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from email.utils import make_msgid

import pytest

from mailsync.errors import AuthenticationError, ConnectionLostError, ImapError
from mailsync.imap import ImapSession
from mailsync.imap import connection as imap_connection
from tests.fixtures.dovecot import DovecotServer, ImapAccount
from tests.fixtures.imap_proxy import TcpProxy


def make_raw(subject: str = "Interview invitation", *, body_size: int = 0) -> bytes:
    """A small RFC 5322 message with CRLF line ends and a unique Message-ID."""
    body = ("Dear applicant,\r\n" + "x" * body_size + "\r\nRegards\r\n").encode()
    headers = (
        f"From: Program Coordinator <coord@hospital.example>\r\n"
        f"To: applicant@example.org\r\n"
        f"Subject: {subject}\r\n"
        f"Message-ID: {make_msgid(domain='hospital.example')}\r\n"
        f"Date: Mon, 06 Oct 2025 09:00:00 -0400\r\n\r\n"
    ).encode()
    return headers + body


def session_for(account: ImapAccount, **overrides: object) -> ImapSession:
    options: dict[str, object] = {
        "host": account.host,
        "port": account.port,
        "tls": "none",
        "user": account.user,
        "password": account.password,
        "timeout": 10.0,
    }
    options.update(overrides)
    return ImapSession(**options)  # type: ignore[arg-type]


@pytest.fixture
def session(imap_account: ImapAccount) -> Iterator[ImapSession]:
    with session_for(imap_account) as imap:
        yield imap


# ------------------------------------------------------------------ login


def test_login_ok_and_capabilities(session: ImapSession) -> None:
    caps = session.capabilities()
    assert {"IMAP4REV1", "IDLE", "UIDPLUS", "CONDSTORE", "MOVE"} <= caps
    session.noop()


def test_wrong_password_is_authentication_error_without_the_password(
    imap_account: ImapAccount,
) -> None:
    wrong = "hunter2-wrong-secret"
    imap = session_for(imap_account, password=wrong)
    with pytest.raises(AuthenticationError) as info:
        imap.connect()
    message = str(info.value)
    assert wrong not in message
    assert imap_account.password not in message
    assert imap_account.user in message


def test_refused_port_is_connection_lost(imap_account: ImapAccount) -> None:
    with TcpProxy(imap_account.host, imap_account.port) as proxy:
        proxy.refuse()
        imap = session_for(imap_account, port=proxy.port, timeout=5.0)
        with pytest.raises(ConnectionLostError):
            imap.connect()


def test_starttls_and_implicit_tls(imap_account: ImapAccount) -> None:
    server = imap_account.server
    if server.ssl_port is None:
        pytest.fail("the Dovecot fixture could not make a certificate (cryptography/openssl)")
    context = server.client_ssl_context()
    with session_for(imap_account, tls="starttls", ssl_context=context) as imap:
        imap.noop()
    with session_for(imap_account, tls="ssl", port=server.ssl_port, ssl_context=context) as imap:
        imap.noop()


def test_untrusted_certificate_is_refused(imap_account: ImapAccount) -> None:
    if imap_account.server.ssl_port is None:
        pytest.fail("the Dovecot fixture could not make a certificate (cryptography/openssl)")
    imap = session_for(imap_account, tls="ssl", port=imap_account.server.ssl_port)
    with pytest.raises(ImapError, match="certificate"):
        imap.connect()


def test_starttls_required_when_not_offered(imap_account: ImapAccount) -> None:
    with DovecotServer(tls=False) as plain:
        plain.add_user(imap_account.user, imap_account.password)
        imap = session_for(imap_account, port=plain.port, tls="starttls")
        with pytest.raises(ImapError, match="STARTTLS"):
            imap.connect()


# ------------------------------------------------------------ read safety


def test_snapshot_reports_uidvalidity_and_uidnext(
    session: ImapSession, imap_account: ImapAccount
) -> None:
    server = imap_account.server
    uid = server.append(imap_account.user, "INBOX", make_raw())
    snap = session.snapshot("INBOX")
    assert snap.uidvalidity == server.uidvalidity(imap_account.user, "INBOX")
    assert snap.uidnext == uid + 1
    assert snap.exists == 1
    assert snap.highestmodseq is not None and snap.highestmodseq > 0


def test_fetch_raw_is_byte_identical_and_never_sets_seen(
    session: ImapSession, imap_account: ImapAccount
) -> None:
    server, user = imap_account.server, imap_account.user
    raws = [make_raw(f"message {i}", body_size=i * 100) for i in range(5)]
    seen_uid = server.append(user, "INBOX", raws[0], flags=["\\Seen"])
    uids = [seen_uid] + [server.append(user, "INBOX", raw) for raw in raws[1:]]
    before = server.flags(user, "INBOX")

    session.snapshot("INBOX")
    fetched = list(session.fetch_raw(uids))
    dated = list(session.fetch_raw(uids, internaldate=True))

    assert [m.uid for m in fetched] == uids
    assert [m.raw for m in fetched] == raws == [m.raw for m in dated]
    assert all(m.size == len(m.raw) for m in fetched)
    assert all(m.internaldate is None for m in fetched)
    assert all(m.internaldate is not None and m.internaldate.tzinfo for m in dated)
    assert fetched[0].flags == {"\\Seen"}
    assert server.flags(user, "INBOX") == before
    assert "\\Seen" not in before[uids[1]]


def test_fetch_raw_batches_explicit_uids(session: ImapSession, imap_account: ImapAccount) -> None:
    server, user = imap_account.server, imap_account.user
    uids = [server.append(user, "INBOX", make_raw(f"bulk {i}")) for i in range(23)]
    session.snapshot("INBOX")
    fetched = list(session.fetch_raw(uids, batch_size=5))
    assert [m.uid for m in fetched] == uids
    assert all(b"Subject: bulk" in m.raw for m in fetched)
    # UIDs that do not exist are skipped, not an error.
    assert list(session.fetch_raw([uids[-1] + 100])) == []


def test_uids_since_and_all_uids(session: ImapSession, imap_account: ImapAccount) -> None:
    server, user = imap_account.server, imap_account.user
    uids = [server.append(user, "INBOX", make_raw()) for _ in range(3)]
    assert session.all_uids("INBOX") == uids
    assert session.uids_since("INBOX", 0) == uids
    assert session.uids_since("INBOX", uids[0]) == uids[1:]
    # "UID n:*" with n past the last UID still matches the last message: it is filtered.
    assert session.uids_since("INBOX", uids[-1]) == []
    assert session.uids_since("INBOX", uids[-1] + 50) == []


def test_changed_since_reports_flag_changes(
    session: ImapSession, imap_account: ImapAccount
) -> None:
    server, user = imap_account.server, imap_account.user
    first = server.append(user, "INBOX", make_raw())
    second = server.append(user, "INBOX", make_raw())
    modseq = session.snapshot("INBOX").highestmodseq
    assert modseq is not None
    with server.client(user) as other:
        other.select_folder("INBOX")
        other.add_flags([second], ["$Approved"])
    assert session.changed_since("INBOX", modseq) == {second: frozenset({"$Approved"})}
    assert first not in session.changed_since("INBOX", modseq)


# ---------------------------------------------------------------- folders


def test_special_use_drafts_found(session: ImapSession) -> None:
    assert session.find_special_use("\\Drafts", ("Drafts", "INBOX.Drafts")) == "Drafts"
    assert session.find_special_use("\\Sent") == "Sent"
    assert session.find_special_use("\\Junk", ("Nope", "inbox")) == "INBOX"
    assert session.find_special_use("\\Archive", ("Nope",)) is None
    drafts = next(f for f in session.list_folders() if f.name == "Drafts")
    assert drafts.delimiter == "." and "\\Drafts" in drafts.flags


def test_ensure_folder_maps_delimiter_and_subscribes(session: ImapSession) -> None:
    assert session.server_name("mailsync/Approve") == "mailsync.Approve"
    assert session.server_name("inbox") == "INBOX"
    name = session.ensure_folder("mailsync/Approve")
    assert name == "mailsync.Approve"
    assert name in {f.name for f in session.list_folders()}
    assert name in session.subscribed()
    assert session.ensure_folder("mailsync/Approve") == name  # idempotent
    with pytest.raises(ImapError, match="delimiter"):
        session.server_name("mailsync/v1.2")


def test_append_returns_uid_and_search_header_finds_message_id(
    session: ImapSession, imap_account: ImapAccount
) -> None:
    msgid = make_msgid(domain="mailsync.test")
    raw = f"From: me@example.org\r\nMessage-ID: {msgid}\r\nSubject: Thank you\r\n\r\nThanks\r\n"
    uid = session.append("Sent", raw.encode(), flags=["\\Seen"])
    assert isinstance(uid, int)
    assert session.search_header("Sent", "Message-ID", msgid) == [uid]
    assert session.search_header("Sent", "Message-ID", "<absent@nowhere>") == []
    assert imap_account.server.flags(imap_account.user, "Sent") == {uid: frozenset({"\\Seen"})}


def test_flags_add_remove_and_deleted_refused(
    session: ImapSession, imap_account: ImapAccount
) -> None:
    uid = session.append("Drafts", make_raw(), flags=["\\Draft"])
    assert uid is not None
    session.add_flags("Drafts", [uid], ["$Approved"])
    assert session.fetch_flags("Drafts", [uid]) == {uid: frozenset({"\\Draft", "$Approved"})}
    session.remove_flags("Drafts", [uid], ["$Approved"])
    assert session.fetch_flags("Drafts", [uid]) == {uid: frozenset({"\\Draft"})}
    with pytest.raises(ImapError):
        session.add_flags("Drafts", [uid], ["\\Deleted"])


def test_move_uses_move(session: ImapSession, imap_account: ImapAccount) -> None:
    server, user = imap_account.server, imap_account.user
    uid = server.append(user, "INBOX", make_raw())
    dest = session.ensure_folder("mailsync/Done")
    assert session.move("INBOX", uid, dest) is True
    assert server.message_count(user, "INBOX") == 0
    assert server.message_count(user, dest) == 1


# ------------------------------------------------------------------- IDLE


def test_idle_wait_returns_on_append_from_another_connection(
    session: ImapSession, imap_account: ImapAccount
) -> None:
    server, user = imap_account.server, imap_account.user
    session.snapshot("INBOX")
    appender = threading.Timer(0.3, server.append, args=(user, "INBOX", make_raw()))
    started = time.monotonic()
    appender.start()
    try:
        events = session.idle_wait("INBOX", timeout=20)
    finally:
        appender.join()
    assert time.monotonic() - started < 15
    assert any(e.kind == "EXISTS" and e.number == 1 for e in events)


def test_idle_wait_times_out_quietly(session: ImapSession) -> None:
    started = time.monotonic()
    assert session.idle_wait("INBOX", timeout=0.5) == []
    assert time.monotonic() - started < 5
    session.noop()


def test_idle_on_silent_connection_raises(imap_account: ImapAccount) -> None:
    with TcpProxy(imap_account.host, imap_account.port) as proxy:
        imap = session_for(imap_account, port=proxy.port, timeout=1.0)
        imap.connect()
        imap.snapshot("INBOX")
        proxy.stall()
        started = time.monotonic()
        with pytest.raises(ConnectionLostError):
            imap.idle_wait("INBOX", timeout=0.5)
        assert time.monotonic() - started < 10


def test_idle_on_dropped_connection_raises(imap_account: ImapAccount) -> None:
    with TcpProxy(imap_account.host, imap_account.port) as proxy:
        imap = session_for(imap_account, port=proxy.port)
        imap.connect()
        imap.snapshot("INBOX")
        threading.Timer(0.2, proxy.drop_all).start()
        with pytest.raises(ConnectionLostError):
            imap.idle_wait("INBOX", timeout=20)


def _idle_in_thread(session: ImapSession, timeout: float) -> tuple[threading.Thread, dict]:
    """Run ``idle_wait`` in a thread; the dict gets ``events`` or ``error``, and ``took``."""
    outcome: dict = {}

    def wait() -> None:
        started = time.monotonic()
        try:
            outcome["events"] = session.idle_wait("INBOX", timeout=timeout)
        except Exception as exc:
            outcome["error"] = exc
        outcome["took"] = time.monotonic() - started

    thread = threading.Thread(target=wait, daemon=True)
    thread.start()
    return thread, outcome


def test_interrupt_ends_a_blocked_idle_wait_cleanly(session: ImapSession) -> None:
    session.snapshot("INBOX")
    thread, outcome = _idle_in_thread(session, timeout=60)
    threading.Timer(0.3, session.interrupt).start()  # From another thread, mid-IDLE.
    thread.join(10)
    assert not thread.is_alive(), "idle_wait still blocked after interrupt()"
    assert "error" not in outcome and outcome["events"] == []
    assert outcome["took"] < 10
    session.noop()  # DONE was sent: the connection is still in step and usable.
    started = time.monotonic()  # The wake was consumed: the next wait runs its course.
    assert session.idle_wait("INBOX", timeout=0.5) == []
    assert time.monotonic() - started >= 0.4


def test_interrupt_just_before_the_wait_is_not_lost(session: ImapSession) -> None:
    session.snapshot("INBOX")
    session.interrupt()
    started = time.monotonic()
    assert session.idle_wait("INBOX", timeout=60) == []
    assert time.monotonic() - started < 10


def test_interrupt_on_an_unconnected_session_is_harmless(imap_account: ImapAccount) -> None:
    imap = session_for(imap_account)
    imap.interrupt()
    imap.abort()
    imap.logout()


def test_abort_cuts_a_blocked_idle_wait(session: ImapSession) -> None:
    session.snapshot("INBOX")
    thread, outcome = _idle_in_thread(session, timeout=60)
    threading.Timer(0.3, session.abort).start()
    thread.join(30)  # an upper bound for a loaded machine; it returns in milliseconds
    assert not thread.is_alive(), "idle_wait still blocked after abort()"
    assert isinstance(outcome.get("error"), ConnectionLostError), outcome
    session.logout()  # Never raises, even on a cut connection.


def test_a_wait_ended_by_abort_fails_whatever_the_socket_says(
        session: ImapSession, monkeypatch: pytest.MonkeyPatch) -> None:
    """The race behind a rare failure of the test above: abort() pokes the wake channel
    and half-shuts the socket, but Linux still delivers the server's reply to DONE on a
    socket shut for reading, so a wait woken by the poke could read it and return [] as
    if interrupted. Here the IDLE exchange is made to succeed after abort(), as the
    socket sometimes lets it; the wait must still fail like any cut connection."""
    session.snapshot("INBOX")
    monkeypatch.setattr(session, "_idle_events", lambda timeout: [])
    monkeypatch.setattr(session, "_noop_events", lambda: [])
    session.abort()
    with pytest.raises(ConnectionLostError):
        session.idle_wait("INBOX", timeout=5)
    session.logout()


def test_interrupt_wakes_the_polling_fallback(minimal_server: DovecotServer) -> None:
    user, password = "wake-user", "wake-pass"
    minimal_server.add_user(user, password)
    with ImapSession(host=minimal_server.host, port=minimal_server.port, tls="none",
                     user=user, password=password, timeout=10.0) as imap:
        assert "IDLE" not in imap.capabilities()
        imap.snapshot("INBOX")
        threading.Timer(0.3, imap.interrupt).start()
        started = time.monotonic()
        assert imap.idle_wait("INBOX", timeout=60) == []
        assert time.monotonic() - started < 10


@pytest.mark.parametrize("tls", ["none", "starttls", "ssl"])
def test_tcp_keepalive_is_on(imap_account: ImapAccount, tls: str) -> None:
    server = imap_account.server
    options: dict[str, object] = {"tls": tls}
    if tls != "none":
        options["ssl_context"] = server.client_ssl_context()
    if tls == "ssl":
        options["port"] = server.ssl_port
    with session_for(imap_account, **options) as imap:
        # The socket is reached through the private client on purpose: keepalive is
        # a property of the connection, not something the session's API exposes.
        sock = imap._client.socket()  # type: ignore[union-attr]
        assert sock.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE) != 0
        expected = {"TCP_KEEPIDLE": imap_connection.KEEPALIVE_IDLE,
                    "TCP_KEEPINTVL": imap_connection.KEEPALIVE_INTERVAL,
                    "TCP_KEEPCNT": imap_connection.KEEPALIVE_COUNT}
        for name, value in expected.items():
            if hasattr(socket, name):
                assert sock.getsockopt(socket.IPPROTO_TCP, getattr(socket, name)) == value
        imap.noop()


# ---------------------------------------------------------------- failures


def test_connection_cut_mid_fetch_raises_connection_lost(imap_account: ImapAccount) -> None:
    server, user = imap_account.server, imap_account.user
    uids = [server.append(user, "INBOX", make_raw(body_size=20_000)) for _ in range(10)]
    with TcpProxy(imap_account.host, imap_account.port) as proxy:
        imap = session_for(imap_account, port=proxy.port)
        imap.connect()
        imap.snapshot("INBOX")
        proxy.cut_after(50_000)
        received = []
        with pytest.raises(ConnectionLostError):
            received.extend(imap.fetch_raw(uids, batch_size=3))
        assert len(received) < len(uids)
        with pytest.raises(ConnectionLostError):
            imap.noop()  # The session is closed after a lost connection.
    assert "\\Seen" not in set().union(*server.flags(user, "INBOX").values())


def test_server_restart_then_reconnect(imap_account: ImapAccount) -> None:
    server, user = imap_account.server, imap_account.user
    uid = server.append(user, "INBOX", make_raw())
    imap = session_for(imap_account)
    imap.connect()
    before = imap.snapshot("INBOX")
    server.restart()
    with pytest.raises(ConnectionLostError):
        imap.noop()
    imap.connect()
    assert imap.snapshot("INBOX") == before
    assert [m.uid for m in imap.fetch_raw([uid])] == [uid]
    imap.logout()


def test_force_uidvalidity_change(session: ImapSession, imap_account: ImapAccount) -> None:
    server, user = imap_account.server, imap_account.user
    server.append(user, "INBOX", make_raw())
    old = session.snapshot("INBOX").uidvalidity
    new = server.force_uidvalidity_change(user, "INBOX")
    assert new != old
    with session_for(imap_account) as fresh:
        assert fresh.snapshot("INBOX").uidvalidity == new


# ----------------------------------------------- a server with fewer extensions


@pytest.fixture(scope="module")
def minimal_server() -> Iterator[DovecotServer]:
    """Dovecot advertising no MOVE, IDLE or CONDSTORE, like many older servers."""
    caps = "IMAP4rev1 LITERAL+ SASL-IR ID ENABLE UIDPLUS NAMESPACE SPECIAL-USE UNSELECT"
    with DovecotServer(tls=False, extra_config=f"imap_capability = {caps}") as server:
        server.add_user("old", "old-secret")
        yield server


def test_fallbacks_without_move_idle_condstore(minimal_server: DovecotServer) -> None:
    server = minimal_server
    uid = server.append("old", "INBOX", make_raw())
    options = {"host": server.host, "port": server.port, "tls": "none", "timeout": 10.0}
    with ImapSession(user="old", password="old-secret", **options) as imap:  # type: ignore[arg-type]
        assert not {"MOVE", "IDLE", "CONDSTORE"} & imap.capabilities()
        assert imap.snapshot("INBOX").highestmodseq is None
        assert imap.changed_since("INBOX", 0) == {uid: frozenset()}

        second = server.append("old", "INBOX", make_raw())
        events = imap.idle_wait("INBOX", timeout=0.2)  # Sleeps, then polls with NOOP.
        assert any(e.kind == "EXISTS" and e.number == 2 for e in events)

        dest = imap.ensure_folder("mailsync/Done")
        assert imap.move("INBOX", second, dest) is False  # COPY only: nothing is deleted.
    assert server.message_count("old", "INBOX") == 2
    assert server.message_count("old", dest) == 1


def test_reads_after_a_flag_write_still_leave_seen_alone(
    session: ImapSession, imap_account: ImapAccount
) -> None:
    server, user = imap_account.server, imap_account.user
    uid = server.append(user, "INBOX", make_raw())
    session.add_flags("INBOX", [uid], ["$Linked"])  # Selects INBOX read-write.
    assert [m.uid for m in session.fetch_raw([uid])] == [uid]
    assert server.flags(user, "INBOX") == {uid: frozenset({"$Linked"})}


def test_refused_command_is_imap_error_and_session_survives(session: ImapSession) -> None:
    with pytest.raises(ImapError) as info:
        session.snapshot("No.Such.Folder")
    assert not isinstance(info.value, ConnectionLostError)
    session.noop()
    assert session.snapshot("INBOX").exists == 0
