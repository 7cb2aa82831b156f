"""OAuth2 for mail (XOAUTH2): provider presets, token refresh, one-time authorization.

An account with ``auth = "oauth2"`` keeps three keyring entries (service
``mailsync``, keys ``NAME:USER:oauth2-...``): the refresh token, the current
access token with its expiry (JSON), and optionally the client secret.
:func:`access_token` returns a token that is good for at least
:data:`REFRESH_MARGIN` more, refreshing it first when it is missing, expired or
about to expire, or when the server just refused it (``rejected``).

The refresh is the standard refresh-token grant (RFC 6749 section 6) over
HTTPS with the standard library; a provider that rotates refresh tokens gets
the new one stored. Set-up is the authorization code grant with PKCE (RFC 7636)
and a loopback redirect on 127.0.0.1 (RFC 8252 section 7.3), or a refresh
token read from stdin on a headless server.

Errors are :class:`CredentialError` naming the account and the next step;
:class:`OAuth2Unavailable` (a subclass) means the token endpoint could not be
reached or failed on its side, so retrying later may help. No token, code or
client secret ever appears in an exception or a log line.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import secrets
import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from mailsync.clock import Clock
from mailsync.config import AccountSettings
from mailsync.credentials import SERVICE, keyring_key
from mailsync.errors import CredentialError

log = logging.getLogger(__name__)

# Refresh this long before the provider's stated expiry, so a token never dies mid-login.
REFRESH_MARGIN = timedelta(minutes=5)
DEFAULT_LIFETIME = 3600  # seconds, when the provider omits expires_in
HTTP_TIMEOUT = 30.0
# RFC 6749 section 5.2: these mean the grant itself is void; only a new consent helps.
_REAUTHORIZE_ERRORS = {"invalid_grant", "invalid_client", "unauthorized_client", "invalid_scope"}


class OAuth2Unavailable(CredentialError):
    """The token endpoint was unreachable or failed on its side; retry later."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Provider:
    """Where a provider issues tokens and asks for consent, and what mail needs."""

    name: str
    token_url: str
    auth_url: str = ""
    scopes: tuple[str, ...] = ()
    # Extra query parameters of the consent URL (Google issues a refresh token only
    # with access_type=offline, and again for a known user only with prompt=consent).
    auth_params: tuple[tuple[str, str], ...] = ()


_MICROSOFT = Provider(
    name="outlook",
    token_url="https://login.microsoftonline.com/common/oauth2/v2.0/token",
    auth_url="https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
    scopes=("https://outlook.office.com/IMAP.AccessAsUser.All",
            "https://outlook.office.com/SMTP.Send", "offline_access"),
)
PROVIDERS: dict[str, Provider] = {
    "gmail": Provider(
        name="gmail",
        token_url="https://oauth2.googleapis.com/token",
        auth_url="https://accounts.google.com/o/oauth2/v2/auth",
        scopes=("https://mail.google.com/",),
        auth_params=(("access_type", "offline"), ("prompt", "consent")),
    ),
    "outlook": _MICROSOFT,
    "microsoft365": _MICROSOFT,
}


@dataclass(frozen=True, slots=True, kw_only=True)
class OAuth2Client:
    """One account's OAuth2 client: who logs in, with which client id, at which endpoints."""

    account: str
    user: str
    provider: str
    client_id: str
    token_url: str
    auth_url: str = ""
    scopes: tuple[str, ...] = ()
    auth_params: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        if not _url_ok(self.token_url):
            raise ValueError("token_url must be https:// (http:// only on loopback)")

    @classmethod
    def for_account(cls, account: AccountSettings) -> OAuth2Client:
        """The client for an ``auth = "oauth2"`` account (a preset or the custom token URL)."""
        return cls.for_provider(account.name, account.user, account.oauth2_provider,
                                account.oauth2_client_id, account.oauth2_token_url)

    @classmethod
    def for_provider(cls, account: str, user: str, provider: str, client_id: str,
                     token_url: str = "") -> OAuth2Client:
        preset = PROVIDERS.get(provider)
        if preset is None:
            if not token_url:
                raise CredentialError(f"account {account}: OAuth2 provider {provider!r} needs "
                                      "oauth2_token_url")
            preset = Provider(name=provider, token_url=token_url)
        return cls(account=account, user=user, provider=provider, client_id=client_id,
                   token_url=token_url or preset.token_url, auth_url=preset.auth_url,
                   scopes=preset.scopes, auth_params=preset.auth_params)

    def key(self, what: str) -> str:
        return f"{keyring_key(self.account, self.user)}:oauth2-{what}"

    @property
    def reauthorize(self) -> str:
        return (f"run `mailsync account add {self.account} --oauth2 {self.provider} ...` "
                "again to re-authorize")


@dataclass(frozen=True, slots=True)
class AccessToken:
    token: str = field(repr=False)
    expires_at: datetime

    def fresh(self, now: datetime) -> bool:
        return now < self.expires_at - REFRESH_MARGIN


def xoauth2_string(user: str, token: str) -> str:
    """The SASL XOAUTH2 initial response, before base64: ``user=U^Aauth=Bearer T^A^A``."""
    return f"user={user}\x01auth=Bearer {token}\x01\x01"


def _url_ok(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return True
    return parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost", "::1")


# Keyring ------------------------------------------------------------------------


def _keyring_get(client: OAuth2Client, what: str) -> str | None:
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(SERVICE, client.key(what))
    except KeyringError as exc:
        raise CredentialError(f"account {client.account}: keyring unavailable "
                              f"({type(exc).__name__}); configure a keyring backend") from None


def _keyring_set(client: OAuth2Client, what: str, value: str) -> None:
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(SERVICE, client.key(what), value)
    except KeyringError as exc:
        raise CredentialError(f"account {client.account}: cannot write the OAuth2 {what} to "
                              f"keyring ({type(exc).__name__}); configure a keyring backend"
                              ) from None


def cached_token(client: OAuth2Client) -> AccessToken | None:
    """The stored access token, or None when there is none or it is unreadable."""
    raw = _keyring_get(client, "access-token")
    if not raw:
        return None
    try:
        data = json.loads(raw)
        expires = datetime.fromisoformat(data["expires_at"])
        token = data["access_token"]
    except (ValueError, KeyError, TypeError):
        return None
    if not isinstance(token, str) or not token or expires.tzinfo is None:
        return None
    return AccessToken(token, expires)


def store_refresh_token(client: OAuth2Client, refresh_token: str,
                        client_secret: str | None = None) -> None:
    """Keep a refresh token (and a client secret, if the provider needs one) in keyring."""
    if not refresh_token.strip():
        raise CredentialError(f"account {client.account}: the refresh token is empty")
    _keyring_set(client, "refresh-token", refresh_token.strip())
    if client_secret:
        _keyring_set(client, "client-secret", client_secret)


def _store_tokens(client: OAuth2Client, body: dict[str, Any], now: datetime,
                  old_refresh: str | None) -> str:
    token = body.get("access_token")
    if not isinstance(token, str) or not token:
        raise OAuth2Unavailable(f"account {client.account}: the token endpoint answered "
                                "without an access_token")
    lifetime = body.get("expires_in", DEFAULT_LIFETIME)
    try:
        seconds = max(int(lifetime), 0)
    except (TypeError, ValueError):
        seconds = DEFAULT_LIFETIME
    expires = now + timedelta(seconds=seconds)
    _keyring_set(client, "access-token",
                 json.dumps({"access_token": token, "expires_at": expires.isoformat()}))
    rotated = body.get("refresh_token")
    if isinstance(rotated, str) and rotated and rotated != old_refresh:
        _keyring_set(client, "refresh-token", rotated)
        log.info("event=oauth2_refresh_token_rotated account=%s", client.account)
    return token


# Token endpoint -----------------------------------------------------------------


def _post_form(client: OAuth2Client, form: dict[str, str], timeout: float,
               hide: tuple[str, ...]) -> dict[str, Any]:
    """POST ``form`` to the token endpoint; the JSON answer, or a CredentialError."""
    request = urllib.request.Request(
        client.token_url, data=urlencode(form).encode("ascii"), method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded",
                 "Accept": "application/json"})
    who = f"account {client.account}"
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            text = response.read(1_000_000).decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        _raise_http_error(client, exc, hide)
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise OAuth2Unavailable(f"{who}: OAuth2 token endpoint {_host(client)} unreachable "
                                f"({type(reason).__name__}); will retry") from None
    try:
        body = json.loads(text)
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise OAuth2Unavailable(f"{who}: OAuth2 token endpoint {_host(client)} answered "
                                "with something that is not JSON")
    return body


def _host(client: OAuth2Client) -> str:
    return urlsplit(client.token_url).netloc


def _raise_http_error(client: OAuth2Client, exc: urllib.error.HTTPError,
                      hide: tuple[str, ...]) -> None:
    try:
        body = json.loads(exc.read(100_000).decode("utf-8", "replace"))
    except (ValueError, OSError):
        body = {}
    body = body if isinstance(body, dict) else {}
    error = str(body.get("error", "")) or f"HTTP {exc.code}"
    detail = str(body.get("error_description", ""))
    for secret in hide:
        if secret:
            error, detail = error.replace(secret, "***"), detail.replace(secret, "***")
    detail = f": {detail[:200]}" if detail else ""
    who = f"account {client.account}"
    if exc.code >= 500 or exc.code == 429:
        raise OAuth2Unavailable(f"{who}: OAuth2 token endpoint {_host(client)} failed "
                                f"(HTTP {exc.code}); will retry") from None
    if error in _REAUTHORIZE_ERRORS or exc.code in (400, 401):
        raise CredentialError(f"{who}: the provider refused the OAuth2 grant ({error}"
                              f"{detail}); {client.reauthorize}") from None
    raise CredentialError(f"{who}: OAuth2 token endpoint {_host(client)} refused the "
                          f"request (HTTP {exc.code}, {error})") from None


# Refresh ------------------------------------------------------------------------

_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


def _lock_for(client: OAuth2Client) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault(client.key(""), threading.Lock())


def access_token(client: OAuth2Client, *, clock: Clock, rejected: str | None = None,
                 timeout: float = HTTP_TIMEOUT) -> str:
    """A valid access token for ``client``, refreshed first when needed.

    The stored token is used while it has more than :data:`REFRESH_MARGIN`
    left, unless it is ``rejected`` (the server just refused it). Folder
    watchers of one account share a lock, so one refresh serves them all: a
    thread that waited finds the fresh token another one stored.

    Raises :class:`CredentialError` (no refresh token, grant revoked: the
    message says to re-authorize) or :class:`OAuth2Unavailable` (retry later).
    """
    with _lock_for(client):
        cached = cached_token(client)
        if cached is not None and cached.token != rejected and cached.fresh(clock.now()):
            return cached.token
        return refresh(client, clock=clock, timeout=timeout)


def refresh(client: OAuth2Client, *, clock: Clock, timeout: float = HTTP_TIMEOUT) -> str:
    """Run the refresh-token grant now and store what comes back; returns the access token."""
    refresh_token = _keyring_get(client, "refresh-token")
    if not refresh_token:
        raise CredentialError(f"account {client.account}: no OAuth2 refresh token in keyring; "
                              f"{client.reauthorize}")
    client_secret = _keyring_get(client, "client-secret")
    form = {"grant_type": "refresh_token", "client_id": client.client_id,
            "refresh_token": refresh_token}
    if client_secret:
        form["client_secret"] = client_secret
    if client.scopes:
        form["scope"] = " ".join(client.scopes)
    now = clock.now()
    body = _post_form(client, form, timeout, (refresh_token, client_secret or ""))
    token = _store_tokens(client, body, now, refresh_token)
    log.info("event=oauth2_refreshed account=%s", client.account)
    return token


# One-time authorization ---------------------------------------------------------


def pkce_pair() -> tuple[str, str]:
    """``(verifier, challenge)`` for PKCE with S256 (RFC 7636 section 4.1-4.2)."""
    verifier = secrets.token_urlsafe(64)  # 86 characters of [A-Za-z0-9_-]
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def authorization_url(client: OAuth2Client, *, redirect_uri: str, state: str,
                      challenge: str) -> str:
    """The consent page the applicant opens in a browser."""
    if not client.auth_url:
        raise CredentialError(f"account {client.account}: provider {client.provider!r} has no "
                              "known authorization page; use --oauth2-refresh-token-stdin")
    params = [("response_type", "code"), ("client_id", client.client_id),
              ("redirect_uri", redirect_uri), ("scope", " ".join(client.scopes)),
              ("state", state), ("code_challenge", challenge),
              ("code_challenge_method", "S256"), ("login_hint", client.user),
              *client.auth_params]
    return f"{client.auth_url}?{urlencode(params)}"


class _Receiver(HTTPServer):
    """The loopback redirect target: remembers the first query string it is sent."""

    query: dict[str, list[str]] | None = None
    got: threading.Event


class _RedirectHandler(BaseHTTPRequestHandler):
    server: _Receiver

    def do_GET(self) -> None:
        query = parse_qs(urlsplit(self.path).query)
        if "code" not in query and "error" not in query:
            self.send_error(404)
            return
        body = b"<p>mailsync: authorization received. You can close this window.</p>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        if self.server.query is None:
            self.server.query = query
            self.server.got.set()

    def log_message(self, format: str, *args: Any) -> None:
        """The query holds the authorization code: never log requests."""


def authorize(client: OAuth2Client, *, clock: Clock, echo: Callable[[str], None],
              client_secret: str | None = None, wait: float = 300.0,
              timeout: float = HTTP_TIMEOUT) -> None:
    """Interactive set-up: print the consent URL, receive the code, store the tokens.

    Listens on 127.0.0.1 on a random port for the redirect (RFC 8252 section
    7.3), checks ``state``, then exchanges the code with its PKCE verifier.
    Raises :class:`CredentialError` on refusal, mismatch or no answer in ``wait``.
    """
    verifier, challenge = pkce_pair()
    state = secrets.token_urlsafe(24)
    server = _Receiver(("127.0.0.1", 0), _RedirectHandler)
    server.got = threading.Event()
    redirect_uri = f"http://127.0.0.1:{server.server_address[1]}/"
    url = authorization_url(client, redirect_uri=redirect_uri, state=state, challenge=challenge)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                              name="oauth2-redirect", daemon=True)
    thread.start()
    try:
        echo("Open this URL in a browser and allow access to your mail:")
        echo(url)
        echo(f"Waiting for the redirect to {redirect_uri} ...")
        if not server.got.wait(wait):
            raise CredentialError(f"account {client.account}: no authorization arrived within "
                                  f"{int(wait)} s; run the command again")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
    code = _code_from(client, server.query or {}, state)
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri,
            "client_id": client.client_id, "code_verifier": verifier}
    if client_secret:
        form["client_secret"] = client_secret
    body = _post_form(client, form, timeout, (code, verifier, client_secret or ""))
    refresh_token = body.get("refresh_token")
    if not isinstance(refresh_token, str) or not refresh_token:
        raise CredentialError(f"account {client.account}: the provider issued no refresh token; "
                              "check the client's offline access and run the command again")
    store_refresh_token(client, refresh_token, client_secret)
    _store_tokens(client, body, clock.now(), refresh_token)


def _code_from(client: OAuth2Client, query: dict[str, list[str]], state: str) -> str:
    who = f"account {client.account}"
    if "error" in query:
        error = query["error"][0][:100]
        raise CredentialError(f"{who}: authorization was refused ({error}); run the command "
                              "again and allow access")
    if not secrets.compare_digest(query.get("state", [""])[0], state):
        raise CredentialError(f"{who}: the redirect's state did not match; run the command again")
    return query["code"][0]
