"""An authenticated IMAP session for one configured account.

Kept apart from :mod:`mailsync.service` so that a pass with nothing to do
(:mod:`mailsync.quicksync`) can log in without loading the store's ORM.
"""

from __future__ import annotations

import logging

from mailsync.config import AccountSettings
from mailsync.credentials import get_password, get_secret
from mailsync.errors import AuthenticationError, ConnectionLostError
from mailsync.imap import ImapSession

log = logging.getLogger(__name__)


def connect(account: AccountSettings, timeout: float = 30.0) -> ImapSession:
    """An authenticated IMAP session for ``account`` (raises AuthenticationError etc.).

    With ``auth = "oauth2"`` the login is XOAUTH2 with an access token; a token
    the server refuses is refreshed once and the login tried again, since a
    provider may revoke a token before its stated expiry. A token endpoint that
    cannot be reached is a ConnectionLostError: the watcher backs off and retries.
    """
    if account.auth != "oauth2":
        return _open_session(account, timeout, password=get_password(account))
    from mailsync.oauth import OAuth2Unavailable

    try:
        token = get_secret(account)
        try:
            return _open_session(account, timeout, oauth2_token=token)
        except AuthenticationError:
            log.info("event=oauth2_token_refused account=%s; refreshing once", account.name)
            token = get_secret(account, rejected=token)
            return _open_session(account, timeout, oauth2_token=token)
    except OAuth2Unavailable as exc:
        raise ConnectionLostError(str(exc)) from exc


def _open_session(account: AccountSettings, timeout: float, *, password: str | None = None,
                  oauth2_token: str | None = None) -> ImapSession:
    session = ImapSession(
        host=account.imap_host, port=account.imap_port, tls=account.imap_tls,  # type: ignore[arg-type]
        user=account.user, password=password, oauth2_token=oauth2_token, timeout=timeout,
    )
    session.connect()
    return session
