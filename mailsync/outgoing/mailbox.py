"""The applicant's mailbox as the outgoing side sees it: the message, Drafts, Sent.

:func:`build_message` renders a stored row as RFC 5322 (the same bytes go to
SMTP and to Sent, and with ``X-Mailsync-Draft`` to Drafts). The folder helpers
find Drafts and Sent the way clients do: a configured name, else the
SPECIAL-USE flag (RFC 6154), else a well-known name, else a new folder.
Providers that file submitted mail in Sent themselves are not sent a second
copy. :class:`_ImapLink` opens at most one session per account per send pass,
and only when something needs it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from email.message import EmailMessage

from mailsync import outbox
from mailsync.config import AccountSettings
from mailsync.errors import CredentialError, ImapError
from mailsync.imap import ImapSession
from mailsync.outbox import ThreadParent
from mailsync.outgoing.context import DRAFT_HEADER, Outgoing
from mailsync.outgoing.records import _account_for, _sender
from mailsync.store.schema import OutboxRow

log = logging.getLogger(__name__)

# Providers whose SMTP submission files the message in Sent by itself; an
# APPEND there would make a second copy (Gmail, Microsoft 365 / Outlook.com, iCloud).
SELF_FILING_HOSTS = ("gmail.com", "googlemail.com", "office365.com", "outlook.com",
                     "hotmail.com", "live.com", "icloud.com", "me.com")
DRAFTS_NAMES = ("Drafts", "Draft", "INBOX.Drafts", "[Gmail]/Drafts")
SENT_NAMES = ("Sent", "Sent Items", "Sent Messages", "Sent Mail", "INBOX.Sent",
              "[Gmail]/Sent Mail")


def build_message(env: Outgoing, row: OutboxRow, *, date: datetime,
                  draft_header: bool = False) -> EmailMessage:
    """The message as it will be sent (and, with ``draft_header``, as placed in Drafts)."""
    account = _account_for(env.settings, row.account_name)
    parent = None
    if row.in_reply_to:
        refs = tuple(r for r in row.references if r != row.in_reply_to)
        parent = ThreadParent(message_id=row.in_reply_to, references=refs)
    msg = outbox.build_outgoing(
        from_=_sender(env.settings, account), to=list(row.to_addrs), cc=list(row.cc_addrs),
        subject=row.subject, body=row.body, date=date, message_id=row.message_id,
        parent=parent)
    if draft_header:
        msg[DRAFT_HEADER] = row.message_id
    return msg


def find_folder(session: ImapSession, configured: str, use: str,
                names: Sequence[str]) -> str:
    """A configured folder, else the SPECIAL-USE one, else a known name, else created."""
    if configured:
        return session.ensure_folder(configured)
    found = session.find_special_use(use, names)
    return found or session.ensure_folder(names[0])


def drafts_folder(session: ImapSession, account: AccountSettings) -> str:
    """Where review copies go: the folder the applicant's client shows as Drafts."""
    return find_folder(session, account.drafts_folder, "\\Drafts", DRAFTS_NAMES)


def sent_folder(session: ImapSession, account: AccountSettings) -> str:
    """Where sent copies go, and where recovery looks for a message that may have left."""
    return find_folder(session, account.sent_folder, "\\Sent", SENT_NAMES)


def provider_files_sent(host: str) -> bool:
    """Gmail, Microsoft 365 / Outlook.com and iCloud put submitted mail in Sent themselves."""
    host = host.lower().rstrip(".")
    return any(host == h or host.endswith("." + h) for h in SELF_FILING_HOSTS)


def needs_filing(account: AccountSettings) -> bool:
    """Whether mailsync APPENDs to Sent: ``file_sent`` always/never, else unless the
    provider files submitted mail itself."""
    if account.file_sent == "never":
        return False
    return account.file_sent == "always" or not provider_files_sent(account.smtp_host)


class _ImapLink:
    """One lazily opened IMAP session per account for a send pass; None when unreachable."""

    def __init__(self, env: Outgoing, account: AccountSettings) -> None:
        self.env, self.account = env, account
        self._session: ImapSession | None = None
        self.error = ""

    def get(self) -> ImapSession | None:
        if self._session is None and not self.error:
            try:
                self._session = self.env.imap(self.account)
            except (ImapError, CredentialError) as exc:
                self.error = str(exc)
                log.warning("IMAP unavailable for %s: %s", self.account.name, exc)
        return self._session

    def close(self) -> None:
        if self._session is not None:
            self._session.logout()
