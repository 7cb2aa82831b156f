"""OAuth2 for mail: refresh against a real HTTP token endpoint on 127.0.0.1, keyring in memory.

:class:`TokenAuthority` is a tiny OAuth2 provider (token endpoint with the
refresh-token and authorization-code grants, plus an RFC 7662 introspection
endpoint the integration tests point Dovecot at). :class:`MemoryKeyring` is a
keyring backend in a dict, so no test touches the real system keyring.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import socket
import threading
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import keyring
import keyring.backend
import pytest
from click.testing import CliRunner

from mailsync import oauth
from mailsync.cli.main import cli
from mailsync.clock import FixedClock
from mailsync.config import load_settings, settings_from_dict
from mailsync.credentials import SERVICE, get_secret
from mailsync.errors import ConfigError, CredentialError

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that lives in a dict (tests only)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.data.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.data[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.data.pop((service, username), None)


@contextlib.contextmanager
def memory_keyring_in_use() -> Iterator[MemoryKeyring]:
    """Swap in a fresh :class:`MemoryKeyring`; the previous backend comes back after."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    with memory_keyring_in_use() as backend:
        yield backend


class TokenAuthority:
    """An OAuth2 provider on 127.0.0.1: ``/token`` and ``/introspect``; see the module doc."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.refresh_tokens: dict[str, str] = {}  # refresh token -> user
        self.access: dict[str, str] = {}  # access token -> user
        self.codes: dict[str, tuple[str, str, str]] = {}  # code -> (user, challenge, redirect)
        self.forms: list[dict[str, str]] = []  # every token request, in order
        self.introspected: list[str] = []
        self.expires_in: int | None = 3600
        self.rotate = False
        self.fail_next: tuple[int, dict[str, Any]] | None = None
        self._n = 0
        authority = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                size = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(size).decode()).items()}
                status, body = authority.answer(self.path, form)
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True,
                                       kwargs={"poll_interval": 0.02})

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    @property
    def token_url(self) -> str:
        return self.base + "/token"

    def start(self) -> TokenAuthority:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def grant(self, user: str) -> str:
        """A refresh token for ``user`` (what a consent would have produced)."""
        with self.lock:
            self._n += 1
            token = f"rt-{self._n}-{user}"
            self.refresh_tokens[token] = user
            return token

    def revoke_access(self) -> None:
        with self.lock:
            self.access.clear()

    def answer(self, path: str, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        with self.lock:
            if path == "/introspect":
                self.introspected.append(form.get("token", ""))
                user = self.access.get(form.get("token", ""))
                return 200, ({"active": True, "email": user} if user else {"active": False})
            self.forms.append(form)
            if self.fail_next is not None:
                failure, self.fail_next = self.fail_next, None
                return failure
            if form.get("grant_type") == "refresh_token":
                return self._refresh(form)
            if form.get("grant_type") == "authorization_code":
                return self._code(form)
            return 400, {"error": "unsupported_grant_type"}

    def _issue(self, user: str, refresh: str | None) -> tuple[int, dict[str, Any]]:
        self._n += 1
        token = f"at-{self._n}-{user}"
        self.access[token] = user
        body: dict[str, Any] = {"access_token": token, "token_type": "Bearer"}
        if self.expires_in is not None:
            body["expires_in"] = self.expires_in
        if refresh is not None:
            body["refresh_token"] = refresh
        return 200, body

    def _refresh(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        token = form.get("refresh_token", "")
        user = self.refresh_tokens.get(token)
        if user is None:
            # Some providers echo what they were sent; mailsync must not repeat it.
            return 400, {"error": "invalid_grant",
                         "error_description": f"token {token} expired or revoked"}
        new = None
        if self.rotate:
            del self.refresh_tokens[token]
            self._n += 1
            new = f"rt-{self._n}-{user}"
            self.refresh_tokens[new] = user
        return self._issue(user, new)

    def _code(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        entry = self.codes.pop(form.get("code", ""), None)
        if entry is None:
            return 400, {"error": "invalid_grant"}
        user, challenge, redirect = entry
        digest = hashlib.sha256(form.get("code_verifier", "").encode()).digest()
        if base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != challenge:
            return 400, {"error": "invalid_grant", "error_description": "PKCE mismatch"}
        if form.get("redirect_uri") != redirect:
            return 400, {"error": "invalid_grant", "error_description": "redirect mismatch"}
        self._n += 1
        refresh = f"rt-{self._n}-{user}"
        self.refresh_tokens[refresh] = user
        return self._issue(user, refresh)


@pytest.fixture
def authority() -> Iterator[TokenAuthority]:
    server = TokenAuthority().start()
    yield server
    server.stop()


def make_client(authority: TokenAuthority, name: str = "main",
                user: str = "amara@example.org") -> oauth.OAuth2Client:
    return oauth.OAuth2Client.for_provider(name, user, "custom", "client-123",
                                           authority.token_url)


def stored(memory_keyring: MemoryKeyring, client: oauth.OAuth2Client, what: str) -> str | None:
    return memory_keyring.data.get((SERVICE, client.key(what)))


# Pure pieces ----------------------------------------------------------------------


def test_xoauth2_string_is_the_sasl_format() -> None:
    assert oauth.xoauth2_string("a@b.org", "tok") == "user=a@b.org\x01auth=Bearer tok\x01\x01"


def test_pkce_challenge_is_s256_of_the_verifier() -> None:
    verifier, challenge = oauth.pkce_pair()
    assert 43 <= len(verifier) <= 128
    digest = hashlib.sha256(verifier.encode()).digest()
    assert challenge == base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    assert oauth.pkce_pair()[0] != verifier


def test_presets() -> None:
    gmail = oauth.OAuth2Client.for_provider("g", "a@gmail.com", "gmail", "id")
    assert gmail.token_url == "https://oauth2.googleapis.com/token"
    assert gmail.scopes == ("https://mail.google.com/",)
    outlook = oauth.OAuth2Client.for_provider("o", "a@outlook.com", "outlook", "id")
    assert outlook.token_url == ("https://login.microsoftonline.com/common/oauth2/v2.0/token")
    assert "offline_access" in outlook.scopes
    assert "https://outlook.office.com/SMTP.Send" in outlook.scopes
    url = oauth.authorization_url(gmail, redirect_uri="http://127.0.0.1:5/", state="s",
                                  challenge="c")
    query = parse_qs(urlsplit(url).query)
    assert query["code_challenge_method"] == ["S256"] and query["access_type"] == ["offline"]
    with pytest.raises(ValueError):
        oauth.OAuth2Client.for_provider("x", "u", "custom", "id", "http://example.org/token")


# Refresh --------------------------------------------------------------------------


def test_first_use_refreshes_and_posts_the_standard_form(
        memory_keyring: MemoryKeyring, authority: TokenAuthority) -> None:
    client = make_client(authority)
    oauth.store_refresh_token(client, authority.grant("amara@example.org"))
    token = oauth.access_token(client, clock=FixedClock(T0))
    assert authority.access[token] == "amara@example.org"
    [form] = authority.forms
    assert form["grant_type"] == "refresh_token" and form["client_id"] == "client-123"
    assert form["refresh_token"].startswith("rt-") and "client_secret" not in form
    cached = oauth.cached_token(client)
    assert cached is not None and cached.expires_at == T0 + timedelta(hours=1)


def test_cached_until_five_minutes_before_expiry(
        memory_keyring: MemoryKeyring, authority: TokenAuthority) -> None:
    client = make_client(authority)
    oauth.store_refresh_token(client, authority.grant("amara@example.org"))
    clock = FixedClock(T0)
    first = oauth.access_token(client, clock=clock)
    clock.set(T0 + timedelta(minutes=54, seconds=59))
    assert oauth.access_token(client, clock=clock) == first and len(authority.forms) == 1
    clock.set(T0 + timedelta(minutes=55))  # within 5 minutes of expiry: refresh early
    second = oauth.access_token(client, clock=clock)
    assert second != first and len(authority.forms) == 2
    clock.set(T0 + timedelta(hours=3))  # long expired
    assert oauth.access_token(client, clock=clock) not in (first, second)


def test_rejected_token_is_refreshed_once(
        memory_keyring: MemoryKeyring, authority: TokenAuthority) -> None:
    client = make_client(authority)
    oauth.store_refresh_token(client, authority.grant("amara@example.org"))
    clock = FixedClock(T0)
    first = oauth.access_token(client, clock=clock)
    second = oauth.access_token(client, clock=clock, rejected=first)
    assert second != first and len(authority.forms) == 2
    # Another watcher that saw `first` refused finds `second` already there.
    assert oauth.access_token(client, clock=clock, rejected=first) == second
    assert len(authority.forms) == 2


def test_rotated_refresh_token_is_stored_and_used(
        memory_keyring: MemoryKeyring, authority: TokenAuthority) -> None:
    client = make_client(authority)
    original = authority.grant("amara@example.org")
    oauth.store_refresh_token(client, original)
    authority.rotate = True
    clock = FixedClock(T0)
    oauth.access_token(client, clock=clock)
    rotated = stored(memory_keyring, client, "refresh-token")
    assert rotated and rotated != original and original not in authority.refresh_tokens
    clock.advance(timedelta(hours=2))
    oauth.access_token(client, clock=clock)
    assert authority.forms[-1]["refresh_token"] == rotated


def test_missing_expires_in_means_an_hour(
        memory_keyring: MemoryKeyring, authority: TokenAuthority) -> None:
    client = make_client(authority)
    oauth.store_refresh_token(client, authority.grant("amara@example.org"))
    authority.expires_in = None
    oauth.access_token(client, clock=FixedClock(T0))
    cached = oauth.cached_token(client)
    assert cached is not None and cached.expires_at == T0 + timedelta(seconds=3600)


def test_client_secret_from_keyring_is_sent(
        memory_keyring: MemoryKeyring, authority: TokenAuthority) -> None:
    client = make_client(authority)
    oauth.store_refresh_token(client, authority.grant("amara@example.org"), "s3cret")
    oauth.access_token(client, clock=FixedClock(T0))
    assert authority.forms[0]["client_secret"] == "s3cret"


def test_invalid_grant_says_reauthorize_and_hides_the_token(
        memory_keyring: MemoryKeyring, authority: TokenAuthority) -> None:
    client = make_client(authority, name="school")
    oauth.store_refresh_token(client, "rt-revoked-secret-value")
    with pytest.raises(CredentialError) as info:
        oauth.access_token(client, clock=FixedClock(T0))
    text = str(info.value)
    assert not isinstance(info.value, oauth.OAuth2Unavailable)
    assert "account school" in text and "invalid_grant" in text
    assert "mailsync account add school --oauth2 custom" in text and "re-authorize" in text
    assert "rt-revoked-secret-value" not in text
    assert info.value.__cause__ is None and info.value.__suppress_context__


def test_no_refresh_token_says_reauthorize(memory_keyring: MemoryKeyring,
                                           authority: TokenAuthority) -> None:
    with pytest.raises(CredentialError, match=r"no OAuth2 refresh token.*account add main"):
        oauth.access_token(make_client(authority), clock=FixedClock(T0))


def test_server_error_and_unreachable_are_temporary(
        memory_keyring: MemoryKeyring, authority: TokenAuthority) -> None:
    client = make_client(authority)
    oauth.store_refresh_token(client, authority.grant("amara@example.org"))
    authority.fail_next = (503, {"error": "temporarily_unavailable"})
    with pytest.raises(oauth.OAuth2Unavailable, match="HTTP 503"):
        oauth.access_token(client, clock=FixedClock(T0))
    authority.fail_next = (200, {"token_type": "Bearer"})
    with pytest.raises(oauth.OAuth2Unavailable, match="without an access_token"):
        oauth.access_token(client, clock=FixedClock(T0))
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}/token"
    dead = oauth.OAuth2Client.for_provider("main", "amara@example.org", "custom", "c", url)
    oauth.store_refresh_token(dead, "rt-x")
    with pytest.raises(oauth.OAuth2Unavailable, match="unreachable"):
        oauth.access_token(dead, clock=FixedClock(T0), timeout=2)


def test_corrupt_cache_is_ignored(memory_keyring: MemoryKeyring,
                                  authority: TokenAuthority) -> None:
    client = make_client(authority)
    oauth.store_refresh_token(client, authority.grant("amara@example.org"))
    memory_keyring.data[(SERVICE, client.key("access-token"))] = "{not json"
    assert oauth.access_token(client, clock=FixedClock(T0)).startswith("at-")


# Authorization (PKCE, loopback redirect) ------------------------------------------


def _consent(authority: TokenAuthority, user: str, *, state: str | None = None,
             error: str | None = None) -> Any:
    """Plays the browser: waits for the printed URL, then follows the redirect."""
    printed: list[str] = []
    ready = threading.Event()

    def echo(line: str) -> None:
        printed.append(line)
        if line.startswith("http"):
            ready.set()

    def browser() -> None:
        ready.wait(10)
        [url] = [line for line in printed if line.startswith("http")]
        query = parse_qs(urlsplit(url).query)
        redirect = query["redirect_uri"][0]
        assert urlsplit(redirect).hostname == "127.0.0.1"
        authority.codes["code-1"] = (user, query["code_challenge"][0], redirect)
        answer = f"error={error}" if error else (
            f"code=code-1&state={state or query['state'][0]}")
        urllib.request.urlopen(f"{redirect}?{answer}", timeout=5).read()

    thread = threading.Thread(target=browser)
    thread.start()
    return echo, thread


def _authorizing_client(authority: TokenAuthority) -> oauth.OAuth2Client:
    return oauth.OAuth2Client(account="main", user="amara@example.org", provider="custom",
                              client_id="client-123", token_url=authority.token_url,
                              auth_url=authority.base + "/authorize", scopes=("mail",))


def test_authorize_stores_tokens_from_the_code_exchange(
        memory_keyring: MemoryKeyring, authority: TokenAuthority) -> None:
    client = _authorizing_client(authority)
    echo, browser = _consent(authority, "amara@example.org")
    oauth.authorize(client, clock=FixedClock(T0), echo=echo, wait=10)
    browser.join()
    form = authority.forms[-1]
    assert form["grant_type"] == "authorization_code" and "code_verifier" in form
    refresh = stored(memory_keyring, client, "refresh-token")
    assert refresh in authority.refresh_tokens
    cached = oauth.cached_token(client)
    assert cached is not None and authority.access[cached.token] == "amara@example.org"


@pytest.mark.parametrize(("state", "error", "match"), [
    ("forged", None, "state did not match"),
    (None, "access_denied", "authorization was refused"),
])
def test_authorize_refuses_bad_redirects(memory_keyring: MemoryKeyring,
                                         authority: TokenAuthority, state: str | None,
                                         error: str | None, match: str) -> None:
    echo, browser = _consent(authority, "amara@example.org", state=state, error=error)
    with pytest.raises(CredentialError, match=match):
        oauth.authorize(_authorizing_client(authority), clock=FixedClock(T0), echo=echo,
                        wait=10)
    browser.join()
    assert not memory_keyring.data


def test_custom_provider_without_consent_page_points_to_stdin(authority: TokenAuthority) -> None:
    with pytest.raises(CredentialError, match="--oauth2-refresh-token-stdin"):
        oauth.authorize(make_client(authority), clock=FixedClock(T0), echo=print, wait=1)


# Config and credentials -----------------------------------------------------------

BASE = {"user": "amara@gmail.com", "imap_host": "imap.gmail.com", "smtp_host": "smtp.gmail.com"}


def _account(**keys: Any) -> Any:
    return settings_from_dict({"accounts": {"main": {**BASE, **keys}}}).accounts[0]


def test_config_defaults_to_password() -> None:
    acct = _account()
    assert acct.auth == "password" and acct.oauth2_provider == ""


def test_config_oauth2_account() -> None:
    acct = _account(auth="oauth2", oauth2_provider="gmail", oauth2_client_id="id-1")
    assert (acct.auth, acct.oauth2_provider, acct.oauth2_client_id) == ("oauth2", "gmail", "id-1")
    custom = _account(auth="oauth2", oauth2_provider="custom", oauth2_client_id="x",
                      oauth2_token_url="https://idp.example.org/token")
    assert custom.oauth2_token_url == "https://idp.example.org/token"


@pytest.mark.parametrize(("keys", "message"), [
    ({"auth": "kerberos"}, "accounts.main.auth: must be one of password, oauth2"),
    ({"auth": "oauth2", "oauth2_client_id": "x"}, "accounts.main.oauth2_provider: required"),
    ({"auth": "oauth2", "oauth2_provider": "yahoo", "oauth2_client_id": "x"},
     "accounts.main.oauth2_provider: must be one of"),
    ({"auth": "oauth2", "oauth2_provider": "gmail"}, "accounts.main.oauth2_client_id: required"),
    ({"auth": "oauth2", "oauth2_provider": "custom", "oauth2_client_id": "x"},
     "accounts.main.oauth2_token_url: required"),
    ({"auth": "oauth2", "oauth2_provider": "custom", "oauth2_client_id": "x",
      "oauth2_token_url": "http://idp.example.org/token"},
     "accounts.main.oauth2_token_url: must be an https:// URL"),
    ({"auth": "oauth2", "oauth2_provider": "gmail", "oauth2_client_id": "x",
      "oauth2_token_url": "https://idp.example.org/token"},
     "accounts.main.oauth2_token_url: only used with"),
    ({"oauth2_provider": "gmail"}, "accounts.main.oauth2_provider: only used with"),
    ({"auth": "oauth2", "oauth2_provider": "gmail", "oauth2_client_id": "x",
      "password_command": "pass x"}, "accounts.main.password_command: not used with"),
])
def test_config_oauth2_errors_name_the_key(keys: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError) as info:
        _account(**keys)
    assert message in str(info.value) and "\n" not in str(info.value)


def test_get_secret_gives_password_or_token(memory_keyring: MemoryKeyring,
                                            authority: TokenAuthority, tmp_path: Path) -> None:
    secret = tmp_path / "pw"
    secret.write_text("app-password\n")
    by_password = _account(password_command=f"cat {secret}")
    assert get_secret(by_password) == "app-password"
    by_token = _account(auth="oauth2", oauth2_provider="custom", oauth2_client_id="c",
                        oauth2_token_url=authority.token_url)
    oauth.store_refresh_token(oauth.OAuth2Client.for_account(by_token),
                              authority.grant(by_token.user))
    token = get_secret(by_token, clock=FixedClock(T0))
    assert authority.access[token] == by_token.user


# CLI --------------------------------------------------------------------------------


def _init(tmp_path: Path) -> Path:
    config = tmp_path / "mailsync.toml"
    done = CliRunner().invoke(cli, ["init", "--config", str(config)], input="")
    assert done.exit_code == 0, done.output
    return config


def _add(config: Path, *extra: str, user: str = "amara@example.org", input: str = "") -> Any:
    args = ["account", "add", "school", "--config", str(config), "--imap-host", "127.0.0.1",
            "--smtp-host", "127.0.0.1", "--user", user, *extra]
    return CliRunner().invoke(cli, args, input=input)


def test_cli_account_add_oauth2_headless(memory_keyring: MemoryKeyring,
                                         authority: TokenAuthority, tmp_path: Path) -> None:
    config = _init(tmp_path)
    refresh = authority.grant("amara@example.org")
    done = _add(config, "--oauth2", "custom", "--oauth2-client-id", "client-123",
                "--oauth2-token-url", authority.token_url, "--oauth2-refresh-token-stdin",
                input=refresh + "\n")
    assert done.exit_code == 0, done.output
    assert refresh not in done.output and refresh not in config.read_text()
    acct = load_settings(config).account("school")
    assert (acct.auth, acct.oauth2_provider, acct.oauth2_client_id) == (
        "oauth2", "custom", "client-123")
    client = oauth.OAuth2Client.for_account(acct)
    assert stored(memory_keyring, client, "refresh-token") == refresh
    assert authority.forms[-1]["refresh_token"] == refresh  # checked at once

    # The same command again re-authorizes: new refresh token, config untouched.
    before = config.read_text()
    fresh = authority.grant("amara@example.org")
    again = _add(config, "--oauth2", "custom", "--oauth2-client-id", "client-123",
                 "--oauth2-token-url", authority.token_url, "--oauth2-refresh-token-stdin",
                 input=fresh + "\n")
    assert again.exit_code == 0, again.output
    assert "re-authorized" in again.output and config.read_text() == before
    assert stored(memory_keyring, client, "refresh-token") == fresh


def test_cli_account_add_oauth2_refused_token_writes_nothing(
        memory_keyring: MemoryKeyring, authority: TokenAuthority, tmp_path: Path) -> None:
    config = _init(tmp_path)
    before = config.read_text()
    done = _add(config, "--oauth2", "custom", "--oauth2-client-id", "c",
                "--oauth2-token-url", authority.token_url, "--oauth2-refresh-token-stdin",
                input="rt-wrong-token\n")
    assert done.exit_code == 2 and "invalid_grant" in done.output
    assert "rt-wrong-token" not in done.output and config.read_text() == before


@pytest.mark.parametrize(("extra", "message"), [
    (("--oauth2", "gmail"), "--oauth2 needs --oauth2-client-id"),
    (("--oauth2", "gmail", "--oauth2-client-id", "c", "--password-command", "pass x"),
     "--oauth2 replaces the password"),
    (("--oauth2-client-id", "c"), "--oauth2-* options need --oauth2"),
])
def test_cli_account_add_oauth2_usage_errors(tmp_path: Path, extra: tuple[str, ...],
                                             message: str) -> None:
    done = _add(_init(tmp_path), *extra)
    assert done.exit_code == 2 and message in done.output


def test_cli_password_accounts_unchanged(memory_keyring: MemoryKeyring, tmp_path: Path) -> None:
    config = _init(tmp_path)
    done = _add(config, "--password-stdin", input="app-password\n")
    assert done.exit_code == 0, done.output
    acct = load_settings(config).account("school")
    assert acct.auth == "password" and "auth" not in config.read_text().split("[accounts")[1]
    assert memory_keyring.data[(SERVICE, "school:amara@example.org")] == "app-password"
