"""XOAUTH2 end to end: real Dovecot (oauth2 passdb) and aiosmtpd, tokens from a local provider.

Dovecot 2.3's ``oauth2`` passdb validates each XOAUTH2 login by POSTing the
token to an RFC 7662 introspection endpoint (``introspection_mode = post``);
here that endpoint is the test's :class:`TokenAuthority` on 127.0.0.1, which
also issues the tokens mailsync refreshes. The passwd-file passdb stays first,
so the fixture's own set-up logins (PLAIN) keep working and a password account
and an OAuth2 account live side by side in one process.

For SMTP, aiosmtpd gets an ``auth_XOAUTH2`` handler method that accepts the
tokens the same authority issued.
"""

from __future__ import annotations

import base64
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.smtp import SMTP, AuthResult

from mailsync import oauth
from mailsync import outgoing as og
from mailsync.clock import FixedClock
from mailsync.config import AccountSettings, load_settings
from mailsync.credentials import SERVICE
from mailsync.errors import ConnectionLostError, CredentialError, PermanentSendError
from mailsync.service import connect, open_store
from mailsync.smtp import SmtpSettings, send_message_sync
from tests.fixtures.dovecot import DovecotServer
from tests.fixtures.smtp_server import SmtpTestServer
from tests.integration.test_outgoing import (
    START,
    add_program,
    new_reply,
    receive_invite,
)
from tests.support import make_mail, write_config
from tests.unit.test_oauth import MemoryKeyring, TokenAuthority, memory_keyring_in_use


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Keyring in a dict: the real system keyring is never touched."""
    with memory_keyring_in_use() as backend:
        yield backend


@pytest.fixture(scope="module")
def provider() -> Iterator[TokenAuthority]:
    server = TokenAuthority().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def oauth_dovecot(provider: TokenAuthority) -> Iterator[DovecotServer]:
    conf_dir = Path(__import__("tempfile").mkdtemp(prefix="mailsync-oauth2-"))
    conf_dir.chmod(0o755)  # Dovecot's auth process may run unprivileged.
    conf = conf_dir / "dovecot-oauth2.conf.ext"
    conf.write_text(
        f"introspection_mode = post\nintrospection_url = {provider.base}/introspect\n"
        "username_attribute = email\nactive_attribute = active\nactive_value = true\n")
    conf.chmod(0o644)
    extra = ("auth_mechanisms = plain login xoauth2 oauthbearer\n"
             f"passdb {{\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n"
             f"  args = {conf}\n}}\n")
    with DovecotServer(tls=False, extra_config=extra) as server:
        yield server


_users = iter(range(1, 10_000))


@pytest.fixture
def oauth_user(oauth_dovecot: DovecotServer, provider: TokenAuthority) -> str:
    user = f"oa{os.getpid()}-{next(_users)}-{int(time.time() * 1000) % 100000}@example.org"
    oauth_dovecot.add_user(user, "setup-only-password")  # for the fixture's own APPENDs
    return user


class XOAuth2Handler:
    """aiosmtpd hook: AUTH XOAUTH2 accepted for tokens the authority issued to that user."""

    def __init__(self, authority: TokenAuthority) -> None:
        self.authority = authority
        self.seen: list[str] = []
        self.refuse_next = 0  # refuse this many valid tokens (a provider revoking early)

    async def auth_XOAUTH2(self, server: SMTP, args: list[str]) -> AuthResult:
        if len(args) < 2:
            return AuthResult(success=False, handled=False,
                              message="501 5.5.2 initial response required")
        fields = dict(part.split("=", 1) for part in
                      base64.b64decode(args[1]).decode().split("\x01") if "=" in part)
        user, token = fields.get("user", ""), fields.get("auth", "").removeprefix("Bearer ")
        self.seen.append(user)
        ok = self.authority.access.get(token) == user
        if ok and self.refuse_next:
            self.refuse_next, ok = self.refuse_next - 1, False
        # handled=False: aiosmtpd sends the 235/535 reply itself.
        return AuthResult(success=ok, handled=False, auth_data=user if ok else None)


class OAuthSmtp(SmtpTestServer):
    def __init__(self, authority: TokenAuthority, **kwargs: Any) -> None:
        self._xoauth2 = XOAuth2Handler(authority)
        super().__init__(**kwargs)
        # aiosmtpd collects ``auth_*`` methods from the handler it is given.
        self.handler.auth_XOAUTH2 = self._xoauth2.auth_XOAUTH2  # type: ignore[attr-defined]

    @property
    def seen(self) -> list[str]:
        return self._xoauth2.seen

    def refuse_next_token(self) -> None:
        self._xoauth2.refuse_next = 1


@pytest.fixture
def oauth_smtp(provider: TokenAuthority) -> Iterator[OAuthSmtp]:
    with OAuthSmtp(provider, auth_required=True) as server:
        yield server


def account_block(name: str, user: str, dovecot: DovecotServer, provider: TokenAuthority,
                  smtp_port: int = 2525) -> str:
    return (f'[accounts.{name}]\nuser = "{user}"\nemail = "{user}"\n'
            f'imap_host = "127.0.0.1"\nimap_port = {dovecot.port}\nimap_tls = "none"\n'
            f'smtp_host = "127.0.0.1"\nsmtp_port = {smtp_port}\nsmtp_tls = "none"\n'
            'auth = "oauth2"\noauth2_provider = "custom"\noauth2_client_id = "client-123"\n'
            f'oauth2_token_url = "{provider.token_url}"\n\n')


def oauth_account(user: str, dovecot: DovecotServer, provider: TokenAuthority,
                  tmp_path: Path, smtp_port: int = 2525) -> AccountSettings:
    config = write_config(tmp_path, extra=account_block("main", user, dovecot, provider,
                                                        smtp_port))
    return load_settings(config).account("main")


def authorize(account: AccountSettings, provider: TokenAuthority) -> oauth.OAuth2Client:
    client = oauth.OAuth2Client.for_account(account)
    oauth.store_refresh_token(client, provider.grant(account.user))
    return client


def test_xoauth2_login_against_dovecot(memory_keyring: MemoryKeyring, provider: TokenAuthority,
                                       oauth_dovecot: DovecotServer, oauth_user: str,
                                       tmp_path: Path) -> None:
    oauth_dovecot.append(oauth_user, "INBOX", make_mail(1))
    account = oauth_account(oauth_user, oauth_dovecot, provider, tmp_path)
    authorize(account, provider)
    refreshes = len(provider.forms)
    session = connect(account, timeout=10)
    try:
        assert session.capabilities()  # logged in
        assert oauth_dovecot.message_count(oauth_user, "INBOX") == 1
    finally:
        session.logout()
    assert len(provider.forms) == refreshes + 1  # one refresh, then the cached token
    session = connect(account, timeout=10)
    session.logout()
    assert len(provider.forms) == refreshes + 1
    assert "Login: user=<" + oauth_user + ">, method=XOAUTH2" in oauth_dovecot.log_tail(200)


def test_token_refused_by_server_is_refreshed_once(
        memory_keyring: MemoryKeyring, provider: TokenAuthority, oauth_dovecot: DovecotServer,
        oauth_user: str, tmp_path: Path) -> None:
    account = oauth_account(oauth_user, oauth_dovecot, provider, tmp_path)
    client = authorize(account, provider)
    connect(account, timeout=10).logout()
    stale = oauth.cached_token(client)
    assert stale is not None
    provider.revoke_access()  # the provider revoked it long before its expiry
    before = len(provider.forms)
    session = connect(account, timeout=10)
    session.logout()
    assert len(provider.forms) == before + 1
    fresh = oauth.cached_token(client)
    assert fresh is not None and fresh.token != stale.token


def test_revoked_grant_is_a_credential_error_without_secrets(
        memory_keyring: MemoryKeyring, provider: TokenAuthority, oauth_dovecot: DovecotServer,
        oauth_user: str, tmp_path: Path) -> None:
    account = oauth_account(oauth_user, oauth_dovecot, provider, tmp_path)
    client = authorize(account, provider)
    refresh = memory_keyring.data[(SERVICE, client.key("refresh-token"))]
    del provider.refresh_tokens[refresh]
    with pytest.raises(CredentialError) as info:
        connect(account, timeout=10)
    assert "re-authorize" in str(info.value) and refresh not in str(info.value)


def test_token_endpoint_down_is_a_lost_connection(
        memory_keyring: MemoryKeyring, provider: TokenAuthority, oauth_dovecot: DovecotServer,
        oauth_user: str, tmp_path: Path) -> None:
    account = oauth_account(oauth_user, oauth_dovecot, provider, tmp_path)
    authorize(account, provider)
    provider.fail_next = (503, {"error": "temporarily_unavailable"})
    with pytest.raises(ConnectionLostError, match="will retry"):
        connect(account, timeout=10)  # the watcher backs off instead of pausing the account


def test_password_and_oauth2_accounts_in_one_process(
        memory_keyring: MemoryKeyring, provider: TokenAuthority, oauth_dovecot: DovecotServer,
        oauth_user: str, tmp_path: Path) -> None:
    oauth_dovecot.add_user("pw-" + oauth_user, "app-password")
    secret = tmp_path / "pw.txt"
    secret.write_text("app-password\n")
    extra = (account_block("school", oauth_user, oauth_dovecot, provider)
             + f'[accounts.personal]\nuser = "pw-{oauth_user}"\nimap_host = "127.0.0.1"\n'
             f'imap_port = {oauth_dovecot.port}\nimap_tls = "none"\nsmtp_host = "127.0.0.1"\n'
             f'smtp_tls = "none"\npassword_command = "cat {secret}"\n')
    settings = load_settings(write_config(tmp_path, extra=extra))
    authorize(settings.account("school"), provider)
    sessions = [connect(a, timeout=10) for a in settings.accounts]
    try:
        assert all(s.capabilities() for s in sessions)
    finally:
        for s in sessions:
            s.logout()
    log = oauth_dovecot.log_tail(200)
    assert f"user=<{oauth_user}>, method=XOAUTH2" in log
    assert f"user=<pw-{oauth_user}>, method=PLAIN" in log


# SMTP --------------------------------------------------------------------------------


def test_smtp_adapter_authenticates_with_xoauth2(
        provider: TokenAuthority, oauth_smtp: OAuthSmtp) -> None:
    user = "smtp-user@example.org"
    _, body = provider._refresh({"refresh_token": provider.grant(user)})
    token = body["access_token"]
    raw = make_mail(7).replace(b"To: amara@applicant.example", b"To: pd@program.example")
    settings = SmtpSettings(host=oauth_smtp.host, port=oauth_smtp.port, tls="none", user=user,
                            oauth2_token=token, timeout=10)
    result = send_message_sync(settings, raw, mail_from=user, rcpt_to=["pd@program.example"])
    assert result.accepted == ("pd@program.example",)
    assert oauth_smtp.seen == [user] and len(oauth_smtp.wait_for_messages(1)) == 1
    bad = SmtpSettings(host=oauth_smtp.host, port=oauth_smtp.port, tls="none", user=user,
                       oauth2_token="at-forged", timeout=10)
    with pytest.raises(PermanentSendError) as info:
        send_message_sync(bad, raw, mail_from=user, rcpt_to=["pd@program.example"])
    assert info.value.code == 535 and "at-forged" not in str(info.value)


def test_send_due_with_an_oauth2_account_end_to_end(
        memory_keyring: MemoryKeyring, provider: TokenAuthority, oauth_dovecot: DovecotServer,
        oauth_user: str, oauth_smtp: OAuthSmtp, tmp_path: Path) -> None:
    """Sync, draft into Drafts, approve and send: every login is XOAUTH2.

    The SMTP server refuses the first (still valid) token, so the 535 at AUTH
    makes the outgoing side refresh once and submit again (nothing had been sent).
    """
    config = write_config(tmp_path, extra=account_block("main", oauth_user, oauth_dovecot,
                                                        provider, oauth_smtp.port)
                          + 'file_sent = "always"\n')
    settings = load_settings(config)
    authorize(settings.account("main"), provider)
    env = og.Outgoing(settings=settings, db=open_store(settings), clock=FixedClock(START),
                      jitter=lambda: 0.0)
    add_program(env)
    imap_account = _ImapAccount(oauth_dovecot, oauth_user)
    invite = receive_invite(env, imap_account)
    result = new_reply(env, invite)
    assert result.drafts_uid is not None, result.imap_note
    assert og.approve(env, result.outbox_id).approved
    env.secret(settings.account("main"))  # fresh by env.clock, like the send will check
    oauth_smtp.refuse_next_token()
    refreshes = len(provider.forms)
    report = og.send_due(env)
    assert report.sent == [result.outbox_id], report
    [delivered] = oauth_smtp.wait_for_messages(1)
    assert delivered.message["Message-ID"] == result.message_id
    assert oauth_smtp.seen == [oauth_user, oauth_user]  # refused once, then accepted
    assert len(provider.forms) == refreshes + 1
    assert f"user=<{oauth_user}>, method=XOAUTH2" in oauth_dovecot.log_tail(400)


class _ImapAccount:
    """What tests.integration.test_outgoing's helpers read from an ``imap_account``."""

    def __init__(self, server: DovecotServer, user: str) -> None:
        self.server, self.user = server, user
        self.host, self.port = server.host, server.port
