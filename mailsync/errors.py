"""The one exception tree of mailsync.

Every error a caller may act on derives from :class:`MailsyncError`, and each
subclass says what the caller does next::

    MailsyncError
    ├── ConfigError          fix the config file or the option; exit code 2
    ├── CredentialError      the secret could not be read; fix keyring or password_command
    ├── StoreError           the database is locked, full or not migrated
    ├── ParseError           a message could not be parsed; it is stored with this error
    ├── UnknownRecordError   an id (message, program, draft) does not exist; exit code 2
    ├── ImapError            talking to the IMAP server failed
    │   ├── AuthenticationError   wrong user or password: pause the account, alert
    │   └── ConnectionLostError   reconnect with backoff
    ├── SendError            talking to the SMTP server failed
    │   ├── TemporarySendError    4xx or connection trouble before DATA: retry later
    │   ├── PermanentSendError    5xx: mark failed, tell the applicant
    │   └── UncertainSendError    cut off after DATA: never retry blindly
    ├── PolicyBlocked        lint or policy refused an outgoing message
    ├── NotifyError          no notification target took the alert; retried later
    └── IllegalTransition    a bug: a forbidden outbox move (also a ValueError)

Adapters translate library exceptions into these with ``raise ... from exc`` so
no caller needs to know imapclient, aiosmtplib or SQLAlchemy exception types.
"""

from __future__ import annotations

from enum import Enum


class MailsyncError(Exception):
    """Base of every error mailsync raises on purpose."""


class ConfigError(MailsyncError):
    """The configuration is missing, unreadable or invalid; the message names the key."""


class CredentialError(MailsyncError):
    """A secret could not be obtained. The message never contains the secret."""


class StoreError(MailsyncError):
    """The database could not be read or written."""


class ParseError(MailsyncError):
    """A message's bytes could not be turned into a ParsedMessage."""


class UnknownRecordError(MailsyncError):
    """A message, program, draft or account id that the store does not know."""


class ImapError(MailsyncError):
    """The IMAP server refused a command or the connection failed."""


class AuthenticationError(ImapError):
    """The server rejected the login. Retrying with the same secret will not help."""


class ConnectionLostError(ImapError):
    """The connection dropped or timed out. Reconnecting may help."""


class SendError(MailsyncError):
    """Submitting a message over SMTP failed."""

    def __init__(self, message: str, *, code: int | None = None) -> None:
        super().__init__(message)
        self.code = code


class TemporarySendError(SendError):
    """A transient failure before the message data was accepted: safe to retry later."""


class PermanentSendError(SendError):
    """The server refused the message for good (5xx): do not retry."""


class UncertainSendError(SendError):
    """The connection ended after DATA was sent but before the final reply.

    The message may or may not have left. Resending could deliver it twice, so
    recovery must look for it in Sent or ask the applicant.
    """


class PolicyBlocked(MailsyncError):
    """Lint or policy refused an outgoing message; ``reasons`` says why."""

    def __init__(self, message: str, *, reasons: list[str] | None = None) -> None:
        super().__init__(message)
        self.reasons = reasons or []


class NotifyError(MailsyncError):
    """No notification target accepted the alert; it is retried later."""


class IllegalTransition(MailsyncError, ValueError):
    """A programming error: the caller tried a move the outbox state machine forbids.

    Also a ValueError, as it was before it joined the tree, so code that
    catches ValueError around :func:`mailsync.outbox.next_state` still works.
    ``state`` and ``event`` are the :class:`~mailsync.outbox.SendState` and
    :class:`~mailsync.outbox.SendEvent` involved.
    """

    def __init__(self, state: Enum, event: Enum) -> None:
        super().__init__(f"cannot {event.value} a message that is {state.value}")
        self.state = state
        self.event = event
