"""Review from the mail client: approvals and rejections read back from the mailbox.

Drafts are APPENDed to Drafts with ``\\Draft`` and an ``X-Mailsync-Draft``
header carrying the fixed Message-ID. Real clients (Thunderbird, Apple Mail,
Outlook) save an edited draft as a *new* message and expunge the old one;
Thunderbird and Apple Mail keep the Message-ID, Gmail may drop custom headers,
so a review copy is matched by its Message-ID *or* by ``X-Mailsync-Draft``.
The applicant approves by moving the draft to ``mailsync/Approve`` (or setting
the approve keyword on it) and rejects by moving it to ``mailsync/Reject`` or
deleting it; the text found there, edited or not, is what is linted, checked
and sent. Recipients are never taken from the edited copy: a changed address
would escape the per-program policy, so the stored recipients are used. A
blocked approval gets a short note in the mailbox saying why, once.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
from collections.abc import Mapping
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mailsync import outbox
from mailsync.config import AccountSettings
from mailsync.imap import ImapSession
from mailsync.outgoing.approval import approve
from mailsync.outgoing.context import (
    CANCELLABLE,
    DRAFT_HEADER,
    NOTE_HEADER,
    ApprovalResult,
    Outgoing,
    ReviewReport,
    S,
)
from mailsync.outgoing.drafts import edit, reject
from mailsync.outgoing.mailbox import drafts_folder
from mailsync.outgoing.records import _account_for, _msgid_domain, _sender
from mailsync.parse import parse_message
from mailsync.store.schema import OutboxRow


def _header(msg: Any, name: str) -> str:
    return " ".join(str(msg.get(name, "") or "").split())


def _match_rows(session: Session, raws: Mapping[int, bytes]) -> dict[int, tuple[OutboxRow, bytes]]:
    """UID → (outbox row, bytes) for review copies known by Message-ID or X-Mailsync-Draft."""
    found: dict[int, tuple[OutboxRow, bytes]] = {}
    for uid, raw in raws.items():
        headers = email.message_from_bytes(raw, policy=email.policy.compat32)
        if headers.get(NOTE_HEADER):
            continue
        ids = {outbox.normalize_msgid(_header(headers, h)) for h in ("Message-ID", DRAFT_HEADER)}
        ids.discard("")
        if not ids:
            continue
        row = session.scalar(select(OutboxRow).where(OutboxRow.message_id.in_(ids)))
        if row is not None:
            found[uid] = (row, raw)
    return found


def _edited_text(raw: bytes) -> tuple[str, str]:
    """Subject and plain-text body of a review copy, as the applicant left it."""
    parsed = parse_message(raw)
    body = parsed.text.replace("\r\n", "\n").strip("\n")
    return " ".join(parsed.subject.split()), body + "\n"


def _fetch_all(session: ImapSession, folder: str) -> dict[int, bytes]:
    uids = session.all_uids(folder)
    return {m.uid: m.raw for m in session.fetch_raw(uids)} if uids else {}


def scan_review_folders(env: Outgoing, session: ImapSession, account: AccountSettings, *,
                        note_folder: str | None = None) -> ReviewReport:
    """Pick up approvals and rejections made in the mail client (design.md, Review).

    Approve: the draft is in ``approve_folder`` or carries ``approve_keyword``
    in Drafts. Reject: it is in ``reject_folder``, or gone from Drafts and
    both review folders. A blocked approval gets an explanatory note in
    ``note_folder`` (default Drafts), once per text and set of reasons.
    """
    report = ReviewReport()
    approve_name = session.ensure_folder(account.approve_folder)
    reject_name = session.ensure_folder(account.reject_folder)
    drafts = drafts_folder(session, account)
    notes = note_folder or drafts
    seen: set[int] = set()
    draft_raws = _fetch_all(session, drafts)
    flags = session.fetch_flags(drafts, list(draft_raws)) if draft_raws else {}
    keyworded = {u: r for u, r in draft_raws.items()
                 if account.approve_keyword.lower() in {f.lower() for f in flags.get(u, ())}}
    with env.db.reading() as s:
        in_drafts = _match_rows(s, draft_raws)
        to_approve = {**_match_rows(s, keyworded), **_prefixed(_match_rows(
            s, _fetch_all(session, approve_name)))}
        to_reject = _match_rows(s, _fetch_all(session, reject_name))
    seen.update(r.id for r, _ in in_drafts.values())
    seen.update(r.id for r, _ in to_approve.values())
    seen.update(r.id for r, _ in to_reject.values())
    for row, _raw in to_reject.values():
        if S(row.state) in CANCELLABLE and S(row.state) is not S.FAILED:
            reject(env, row.id, "moved to the Reject folder in the mail client")
            report.rejected.append(row.id)
    rejected = set(report.rejected)
    for uid, (row, raw) in to_approve.items():
        if row.id not in rejected and S(row.state) is S.DRAFT:
            _review_approval(env, session, row, raw, notes, str(uid), report)
    _reject_deleted(env, account, seen, report)
    return report


def _prefixed(found: dict[int, tuple[OutboxRow, bytes]]) -> dict[Any, tuple[OutboxRow, bytes]]:
    """Keys distinct from Drafts UIDs (the two folders number independently)."""
    return {f"approve:{uid}": value for uid, value in found.items()}


def _review_approval(env: Outgoing, session: ImapSession, row: OutboxRow, raw: bytes,
                     notes: str, where: str, report: ReviewReport) -> None:
    subject, body = _edited_text(raw)
    if (subject, body.strip()) != (row.subject, row.body.strip()) and subject:
        edit(env, row.id, subject, body)
    result = approve(env, row.id, overrides=tuple(row.overrides or ()))
    if result.approved:
        report.scheduled.append(row.id)
        return
    report.blocked.append(row.id)
    if _append_note(env, session, row, subject or row.subject, body, result, notes):
        report.notes_appended += 1


def _append_note(env: Outgoing, session: ImapSession, row: OutboxRow, subject: str, body: str,
                 result: ApprovalResult, folder: str) -> bool:
    """APPEND a short note saying what blocks the draft, unless that note is already there."""
    rules = ",".join(sorted(b["rule"] for b in result.blocks))
    key = hashlib.sha256(f"{row.message_id}\0{subject}\0{body}\0{rules}".encode()).hexdigest()
    key = key[:24]
    if session.search_header(folder, NOTE_HEADER, key):
        return False
    session.append(folder, _note_message(env, row, subject, result, key).as_bytes(),
                   flags=("\\Draft",))
    return True


def _note_message(env: Outgoing, row: OutboxRow, subject: str, result: ApprovalResult,
                  key: str) -> EmailMessage:
    sender = _sender(env.settings, _account_for(env.settings, row.account_name))
    lines = [f"mailsync did not schedule your approved draft \"{subject}\" (draft {row.id}).",
             "", "What blocks it:"]
    lines += [f"- {b['rule']}: {b['reason']}" for b in result.blocks]
    lines += ["", "Edit the draft and move it to the Approve folder again, or approve it with",
              f"`mailsync approve {row.id} --override RULE` where the rule is overridable."]
    msg = EmailMessage(policy=email.policy.SMTP)
    msg["From"] = str(sender.addr) if sender.addr else "mailsync@localhost"
    msg["To"] = msg["From"]
    msg["Subject"] = f"[mailsync] blocked: {subject}"[:200]
    msg["Date"] = format_datetime(env.clock.now())
    msg["Message-ID"] = make_msgid("mailsync-note", _msgid_domain(sender))
    msg[NOTE_HEADER] = key
    msg.set_content("\n".join(lines) + "\n")
    return msg


def _reject_deleted(env: Outgoing, account: AccountSettings, seen: set[int],
                    report: ReviewReport) -> None:
    """A draft placed in Drafts and now found in none of the review folders was deleted."""
    with env.db.reading() as s:
        gone = [r.id for r in s.scalars(select(OutboxRow).where(
            OutboxRow.account_name == account.name, OutboxRow.state == S.DRAFT.value,
            OutboxRow.imap_draft_uid.is_not(None)))
            if r.id not in seen]
    for row_id in gone:
        reject(env, row_id, "deleted from Drafts in the mail client")
        report.rejected.append(row_id)
