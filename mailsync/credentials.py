"""Secrets for accounts: a password command (headless servers) or the system keyring.

With ``auth = "oauth2"`` the secret is an OAuth2 access token, refreshed from
the refresh token in keyring by :mod:`mailsync.oauth`; :func:`get_secret`
returns whichever the account uses.

A secret is returned to the caller and never logged, stored in the config, or
put in an exception message.
"""

from __future__ import annotations

import subprocess
from typing import TYPE_CHECKING

from mailsync.config import AccountSettings
from mailsync.errors import CredentialError

if TYPE_CHECKING:
    from mailsync.clock import Clock

SERVICE = "mailsync"


def keyring_key(account: AccountSettings | str, user: str | None = None) -> str:
    name = account if isinstance(account, str) else account.name
    login = user if user is not None else (account.user if not isinstance(account, str) else "")
    return f"{name}:{login}"


def get_password(account: AccountSettings) -> str:
    """The account's password, from ``password_command`` if set, else keyring."""
    if account.password_command:
        return _from_command(account)
    return _from_keyring(account)


def get_secret(account: AccountSettings, *, clock: Clock | None = None,
               rejected: str | None = None) -> str:
    """The password, or for ``auth = "oauth2"`` a valid access token.

    ``rejected`` is a token the server just refused: a fresh one is fetched
    instead (a password is simply read again). ``clock`` decides expiry
    (default: the system clock). Raises :class:`CredentialError`.
    """
    if account.auth != "oauth2":
        return get_password(account)
    from mailsync import oauth
    from mailsync.clock import SystemClock

    client = oauth.OAuth2Client.for_account(account)
    return oauth.access_token(client, clock=clock or SystemClock(), rejected=rejected)


def _from_command(account: AccountSettings) -> str:
    try:
        done = subprocess.run(
            account.password_command, shell=True, capture_output=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise CredentialError(
            f"account {account.name}: password_command could not run ({type(exc).__name__})"
        ) from None
    if done.returncode != 0:
        raise CredentialError(
            f"account {account.name}: password_command exited with {done.returncode}"
        )
    secret = done.stdout.decode("utf-8", "replace").splitlines()
    if not secret or not secret[0]:
        raise CredentialError(f"account {account.name}: password_command printed nothing")
    return secret[0]


def _from_keyring(account: AccountSettings) -> str:
    import keyring
    from keyring.errors import KeyringError

    try:
        secret = keyring.get_password(SERVICE, keyring_key(account))
    except KeyringError as exc:
        raise CredentialError(
            f"account {account.name}: keyring unavailable ({type(exc).__name__}); set "
            "password_command for this account or configure a keyring backend"
        ) from None
    if not secret:
        raise CredentialError(
            f"account {account.name}: no password in keyring; run `mailsync account add` "
            "again or set password_command"
        )
    return secret


def store_password(account_name: str, user: str, secret: str) -> None:
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(SERVICE, keyring_key(account_name, user), secret)
    except KeyringError as exc:
        raise CredentialError(
            f"account {account_name}: cannot write to keyring ({type(exc).__name__}); use "
            "--password-command instead"
        ) from None
