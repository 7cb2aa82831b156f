"""Secrets for accounts: a password command (headless servers) or the system keyring.

A secret is returned to the caller and never logged, stored in the config, or
put in an exception message.
"""

from __future__ import annotations

import subprocess

from mailsync.config import AccountSettings
from mailsync.errors import CredentialError

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
