"""Outgoing mail, orchestrated: draft → review → approve → scheduled send → Sent.

This package sequences the pure decisions (:mod:`mailsync.playbook`,
:mod:`mailsync.lint`, :mod:`mailsync.policy`, :mod:`mailsync.outbox`) with the
adapters (store, IMAP, SMTP, clock). One module per step, each named for the
concept it owns::

    context    the Outgoing environment, result values, outbox state groups
    records    outbox rows in the store; timeline events and alerts a send writes
    mailbox    the RFC 5322 message; Drafts and Sent folders; one IMAP link per pass
    checks     the compliance lint adapter and the send policy's inputs
    drafts     create, store, place in Drafts, edit, reject
    approval   lint + policy → scheduled; the one-letter-of-intent claim
    review     approvals and rejections made in the mail client
    locks      one sender at a time (flock / advisory lock)
    sending    send_due: claim, submit, finish, retry, file in Sent
    recovery   settle rows a crash left in flight; the applicant's verdict

The promises it keeps, and where:

* **Nothing unapproved leaves.** Only rows in ``scheduled``/``retry`` are
  sent, a row gets there only through :func:`approve` (lint + policy with
  ``clock.now()``), and policy is checked once more just before sending
  (:mod:`~mailsync.outgoing.sending`).
* **Exactly once, across crashes.** The Message-ID is fixed when the draft is
  created; ``sending`` and ``data_started_at`` are committed before the
  connection and before the first content byte; a restart settles what was
  in flight (:mod:`~mailsync.outgoing.recovery`) and never resends a message
  that may have left. Only one sender runs at a time (:func:`sender_lock`).
* **One letter of intent per season**, enforced by a primary key in the
  approval's own transaction (:mod:`~mailsync.outgoing.approval`).

Callers import from ``mailsync.outgoing`` itself; the names below are the
package's public surface (``_commit_approval`` is exported for the race test).
"""

from __future__ import annotations

from mailsync.outgoing.approval import _commit_approval, approve
from mailsync.outgoing.checks import blocking, check_policy, run_lint
from mailsync.outgoing.context import (
    ACTIVE_STATES,
    CANCELLABLE,
    DRAFT_HEADER,
    EDITABLE,
    LETTER_OF_INTENT_CLAIM,
    NOTE_HEADER,
    ApprovalResult,
    DraftResult,
    Outgoing,
    ReviewReport,
    S,
    SendReport,
    T,
)
from mailsync.outgoing.drafts import (
    DraftRequest,
    choose_reply_type,
    create_draft,
    edit,
    place_in_drafts,
    reject,
)
from mailsync.outgoing.locks import sender_lock
from mailsync.outgoing.mailbox import (
    DRAFTS_NAMES,
    SELF_FILING_HOSTS,
    SENT_NAMES,
    build_message,
    drafts_folder,
    find_folder,
    needs_filing,
    provider_files_sent,
    sent_folder,
)
from mailsync.outgoing.records import (
    EVENT_FOR_TYPE,
    get_program,
    get_row,
    load_programs,
    row_text,
)
from mailsync.outgoing.recovery import recover, resolve_uncertain
from mailsync.outgoing.review import scan_review_folders
from mailsync.outgoing.sending import FILING_RETRY_WINDOW, send_due

__all__ = [
    "ACTIVE_STATES",
    "CANCELLABLE",
    "DRAFTS_NAMES",
    "DRAFT_HEADER",
    "EDITABLE",
    "EVENT_FOR_TYPE",
    "FILING_RETRY_WINDOW",
    "LETTER_OF_INTENT_CLAIM",
    "NOTE_HEADER",
    "SELF_FILING_HOSTS",
    "SENT_NAMES",
    "ApprovalResult",
    "DraftRequest",
    "DraftResult",
    "Outgoing",
    "ReviewReport",
    "S",
    "SendReport",
    "T",
    "_commit_approval",
    "approve",
    "blocking",
    "build_message",
    "check_policy",
    "choose_reply_type",
    "create_draft",
    "drafts_folder",
    "edit",
    "find_folder",
    "get_program",
    "get_row",
    "load_programs",
    "needs_filing",
    "place_in_drafts",
    "provider_files_sent",
    "recover",
    "reject",
    "resolve_uncertain",
    "row_text",
    "run_lint",
    "scan_review_folders",
    "send_due",
    "sender_lock",
    "sent_folder",
]
