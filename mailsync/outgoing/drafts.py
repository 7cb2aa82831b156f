"""Drafts: fill the playbook, store the draft with its fixed Message-ID, place it in Drafts.

The Message-ID is chosen when the draft is created and never changes: every
later attempt, the copy in Drafts, the copy in Sent and crash recovery all
find the message by it. A draft that could not be APPENDed to Drafts stays
stored (the result says why). Editing voids an approval and lints the text
again; rejecting cancels a message that has not left and frees its
letter-of-intent claim.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from mailsync import outbox
from mailsync.config import AccountSettings
from mailsync.errors import CredentialError, ImapError
from mailsync.imap import ImapSession
from mailsync.outbox import ThreadParent
from mailsync.outgoing.checks import run_lint
from mailsync.outgoing.context import CANCELLABLE, EDITABLE, DraftResult, Outgoing, S, T
from mailsync.outgoing.mailbox import build_message, drafts_folder
from mailsync.outgoing.records import (
    _default_account,
    _msgid_domain,
    _not_now,
    _release_claim,
    _sender,
    get_program,
    get_row,
    load_programs,
)
from mailsync.playbook import Draft, MissingFacts, ReplyContext, render_draft
from mailsync.store import messages as repo
from mailsync.store.schema import LabelRow, MessageRow, OutboxRow
from mailsync.taxonomy import Flag, Kind


@dataclass(frozen=True)
class DraftRequest:
    """What ``mailsync draft`` asks for: a reply to a message, or a letter to a program."""

    reply_to: str | None = None
    program_id: str | None = None
    type: T | None = None
    facts: Mapping[str, str] = field(default_factory=dict)


def _flags(values: Sequence[str]) -> frozenset[Flag]:
    known = {f.value for f in Flag}
    return frozenset(Flag(v) for v in values if v in known)


def _reply_context(session: Session, msg: MessageRow) -> tuple[ReplyContext, LabelRow | None]:
    label = session.get(LabelRow, msg.id)
    flags = _flags(label.flags if label else [])
    dates = tuple(str(e.get("start", ""))[:10] for e in (msg.events or [])
                  if isinstance(e, dict) and e.get("start"))
    return ReplyContext(subject=msg.subject, sender_name=msg.from_name,
                        sender_email=msg.from_addr, interview_dates=dates,
                        message_id=msg.message_id, flags=flags), label


def choose_reply_type(label: LabelRow | None, msg: MessageRow) -> T:
    """The playbook's first choice for a message; ValueError when none fits."""
    from mailsync.playbook import choose_type

    if label is None:
        raise ValueError("the message is not classified yet; give --type")
    types = choose_type(Kind(label.kind), _flags(label.flags), text=msg.text_body)
    if not types:
        raise ValueError(f"no reply type fits a {label.kind} message; give --type")
    return types[0]


def create_draft(env: Outgoing, request: DraftRequest, *,
                 append: bool = True) -> DraftResult | MissingFacts:
    """Fill the playbook, store the draft with its fixed Message-ID, APPEND it to Drafts.

    Raises UnknownRecordError for an unknown message or program, ValueError
    when no type is given and none fits. MissingFacts is returned, not raised:
    the caller asks for the facts.
    """
    with env.db.reading() as s:
        msg = repo.find_message(s, request.reply_to) if request.reply_to else None
        reply, label = _reply_context(s, msg) if msg else (None, None)
        type_ = request.type or choose_reply_type(label, msg)  # type: ignore[arg-type]
        program_id = request.program_id or (label.program_id if label else None)
        program = get_program(s, program_id)
        programs = load_programs(s)
        account = _default_account(env.settings, s, msg)
    template_dir = Path(env.settings.templates_dir) if env.settings.templates_dir else None
    filled = render_draft(type_, profile=env.settings.applicant, program=program,
                          facts=request.facts, reply_to=reply, template_dir=template_dir)
    if isinstance(filled, MissingFacts):
        return filled
    findings = run_lint(filled.text, type_=type_, program=program, programs=programs,
                        profile=env.settings.applicant)
    row_id, message_id = _store_draft(env, filled, msg, account, request.facts, findings)
    uid, note = (None, "no account configured") if account is None else (None, "")
    if account is not None and append:
        uid, note = _append_draft(env, account, row_id)
    return DraftResult(outbox_id=row_id, message_id=message_id, draft=filled,
                       findings=findings, drafts_uid=uid, imap_note=note)


def _store_draft(env: Outgoing, draft: Draft, parent: MessageRow | None,
                 account: AccountSettings | None, facts: Mapping[str, str],
                 findings: list[dict[str, Any]]) -> tuple[int, str]:
    now = env.clock.now()
    sender = _sender(env.settings, account)
    account_name = account.name if account else ""
    # A random key, fixed now: every later attempt and recovery uses this id.
    message_id = outbox.make_message_id(_msgid_domain(sender),
                                        f"{account_name}/{uuid.uuid4().hex}")
    in_reply_to, references = ("", ())
    if parent is not None:
        in_reply_to, references = outbox.thread_headers(ThreadParent(
            message_id=parent.message_id, references=tuple(parent.references or ()),
            in_reply_to=parent.in_reply_to))
    row = OutboxRow(
        account_name=account_name, program_id=draft.program_id, type=draft.type.value,
        reply_to_pk=parent.id if parent else None, message_id=message_id,
        subject=draft.subject, body=draft.body, to_addrs=[str(draft.to)],
        cc_addrs=[str(c) for c in draft.cc], in_reply_to=in_reply_to,
        references=list(references), facts=dict(facts), state=S.DRAFT.value,
        findings=findings, blocks=[], overrides=[], attempts=0, last_error="",
        created_at=now, updated_at=now,
    )
    with env.db.transaction() as s:
        s.add(row)
        s.flush()
        return row.id, message_id


def _append_draft(env: Outgoing, account: AccountSettings, row_id: int
                  ) -> tuple[int | None, str]:
    """APPEND the draft to Drafts with ``\\Draft``; a failure leaves the stored draft intact."""
    try:
        session = env.imap(account)
    except (ImapError, CredentialError) as exc:
        return None, f"not placed in Drafts: {exc}"
    try:
        return place_in_drafts(env, session, account, row_id), ""
    except ImapError as exc:
        return None, f"not placed in Drafts: {exc}"
    finally:
        session.logout()


def place_in_drafts(env: Outgoing, session: ImapSession, account: AccountSettings,
                    row_id: int) -> int | None:
    """APPEND one stored draft to the Drafts folder and remember where it went."""
    with env.db.reading() as s:
        row = get_row(s, row_id)
    folder = drafts_folder(session, account)
    raw = build_message(env, row, date=env.clock.now(), draft_header=True).as_bytes()
    uid = session.append(folder, raw, flags=("\\Draft", "\\Seen"))
    uidvalidity = session.snapshot(folder).uidvalidity
    with env.db.transaction() as s:
        s.execute(update(OutboxRow).where(OutboxRow.id == row_id).values(
            imap_draft_uid=uid, imap_draft_uidvalidity=uidvalidity))
    return uid


def edit(env: Outgoing, draft_id: int | str, subject: str, body: str
         ) -> tuple[OutboxRow, list[dict[str, Any]]]:
    """Replace the text; approval is void (back to ``draft``) and the text is linted again."""
    now = env.clock.now()
    with env.db.transaction() as s:
        row = get_row(s, draft_id)
        if S(row.state) not in EDITABLE:
            raise _not_now(row, "edited")
        program = get_program(s, row.program_id) if row.program_id else None
        findings = run_lint(f"Subject: {subject}\n\n{body}", type_=T(row.type),
                            program=program, programs=load_programs(s),
                            profile=env.settings.applicant)
        row.state = outbox.next_state(S(row.state), outbox.SendEvent.EDIT).value
        row.subject, row.body, row.findings, row.blocks = subject, body, findings, []
        row.updated_at = now
        _release_claim(s, row)
        return row, findings


def reject(env: Outgoing, draft_id: int | str, reason: str = "rejected") -> OutboxRow:
    """Cancel a draft or a not-yet-sent message; its letter-of-intent claim is freed."""
    now = env.clock.now()
    with env.db.transaction() as s:
        row = get_row(s, draft_id)
        state = S(row.state)
        if state not in CANCELLABLE:
            raise _not_now(row, "rejected")
        # A failed message never left; cancelling it only dismisses it.
        row.state = S.CANCELLED.value if state is S.FAILED else \
            outbox.next_state(state, outbox.SendEvent.CANCEL).value
        row.last_error = reason
        row.updated_at = now
        _release_claim(s, row)
        return row
