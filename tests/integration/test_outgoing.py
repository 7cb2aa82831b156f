"""Outgoing mail end to end against real Dovecot and a real aiosmtpd server, clock injected.

The mail client is simulated the way real clients behave: editing a draft
saves a *new* message (same Message-ID) and expunges the old one; approving
is a move to ``mailsync/Approve`` (COPY + expunge here, which is what MOVE
amounts to).
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.smtp import AuthResult, LoginPassword
from sqlalchemy import select

from mailsync import outgoing as og
from mailsync.clock import FixedClock
from mailsync.config import load_settings
from mailsync.service import open_store, sync_account
from mailsync.store.schema import AlertRow, EventRow, LabelRow, MessageRow, OutboxRow, ProgramRow
from mailsync.taxonomy import OutgoingType as T
from tests.fixtures.smtp_server import SmtpTestServer
from tests.support import make_mail, write_config

# A Tuesday, 10:00 in New York: inside every send window.
START = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
PROGRAM = {
    "program_id": "P1", "name": "Riverside Internal Medicine Residency",
    "institution": "Riverside Hospital", "specialty": "Internal Medicine",
    "city": "Albany", "state": "NY", "timezone": "America/New_York",
    "email_domains": "program.example", "pd_name": "Dr. Jane Moreau",
    "pd_email": "pd@program.example", "coordinator_name": "Sam Lee",
    "coordinator_email": "coordinator@program.example",
}


class AccountSmtp(SmtpTestServer):
    """The fixture server, accepting the account's own credentials (as a provider does)."""

    def __init__(self, user: str, password: str, **kwargs: Any) -> None:
        self._creds = (user, password)
        super().__init__(**kwargs)
        # Set once a whole message has been read (before any scripted delay): the
        # point after which a killed client has certainly handed the content over.
        self.data_arrived = threading.Event()
        # With ``queue_then_stall`` the server keeps the message and never answers:
        # "it left, but the 250 was lost".
        self.queue_then_stall = False
        original = self.handler.handle_DATA

        async def handle_data(server: Any, session: Any, envelope: Any) -> str:
            if self.queue_then_stall:
                self.handler._record(session, envelope)
                self.data_arrived.set()
                await asyncio.sleep(60)
            self.data_arrived.set()
            return await original(server, session, envelope)

        self.handler.handle_DATA = handle_data  # type: ignore[method-assign]

    def _smtp_kwargs(self, auth_required: bool, tls: Any, cert_dir: Any) -> dict[str, Any]:
        kwargs = super()._smtp_kwargs(auth_required, tls, cert_dir)
        user, password = self._creds

        def check(server: Any, session: Any, envelope: Any, mechanism: Any,
                  auth: Any) -> AuthResult:
            ok = isinstance(auth, LoginPassword) and (auth.login.decode(),
                                                      auth.password.decode()) == (user, password)
            return AuthResult(success=ok, handled=False, auth_data=auth if ok else None)

        kwargs["authenticator"] = check
        return kwargs


@pytest.fixture
def smtp(imap_account: Any) -> Any:
    with AccountSmtp(imap_account.user, imap_account.password) as server:
        yield server


def make_env(config: Path, clock: FixedClock) -> og.Outgoing:
    settings = load_settings(config)
    return og.Outgoing(settings=settings, db=open_store(settings), clock=clock,
                       jitter=lambda: 0.0)


def add_program(env: og.Outgoing, record: dict[str, str] | None = None) -> None:
    record = record or PROGRAM
    with env.db.transaction() as s:
        s.add(ProgramRow(program_id=record["program_id"], name=record["name"], record=record,
                         imported_at=env.clock.now()))


def receive_invite(env: og.Outgoing, imap_account: Any) -> MessageRow:
    """An interview invitation arrives in INBOX and is synced, classified and linked."""
    # make_mail numbers subjects ("#1"), which the lint would rightly read as rank talk.
    raw = make_mail(1, body="Dear Dr. Okonkwo-Reyes,\n\nWe are pleased to invite you to "
                            "interview with the Riverside Internal Medicine Residency. Please "
                            "reply with your preferred date: December 9 or December 16.\n\n"
                            "Sam Lee\n").replace(b"Interview invitation #1",
                                                  b"Interview invitation - Riverside IM")
    imap_account.server.append(imap_account.user, "INBOX", raw)
    sync_account(env.settings, env.settings.accounts[0], env.db, env.clock)
    with env.db.transaction() as s:
        msg = s.scalars(select(MessageRow)).one()
        label = s.get(LabelRow, msg.id)
        assert label is not None
        label.kind, label.program_id = "interview_invite", "P1"  # whatever the linker said
        s.expunge(msg)
    return msg


def setup(tmp_path: Path, imap_account: Any, smtp: Any, extra: str = 'file_sent = "always"\n'
          ) -> tuple[og.Outgoing, MessageRow]:
    config = write_config(tmp_path, imap=imap_account, smtp=smtp, extra=extra)
    env = make_env(config, FixedClock(START))
    add_program(env)
    return env, receive_invite(env, imap_account)


def new_reply(env: og.Outgoing, invite: MessageRow, **facts: str) -> og.DraftResult:
    result = og.create_draft(env, og.DraftRequest(
        reply_to=str(invite.id), type=T.INVITE_REPLY,
        facts={"chosen_date": "December 9", **facts}))
    assert isinstance(result, og.DraftResult), result
    return result


def folder_messages(imap_account: Any, folder: str) -> dict[int, tuple[bytes, frozenset[str]]]:
    with imap_account.server.client(imap_account.user) as imap:
        if not imap.folder_exists(folder):
            return {}
        imap.select_folder(folder, readonly=True)
        uids = imap.search("ALL")
        data = imap.fetch(uids, ["BODY.PEEK[]", "FLAGS"]) if uids else {}
    return {uid: (d[b"BODY[]"], frozenset(f.decode() for f in d[b"FLAGS"]))
            for uid, d in data.items()}


def parsed(raw: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(raw, policy=email.policy.default)  # type: ignore[return-value]


def client_moves_edited_copy(imap_account: Any, draft_uid: int, edit: Any,
                             dest: str = "mailsync.Approve") -> None:
    """What a mail client does: save the edited draft as a new message, expunge the old."""
    with imap_account.server.client(imap_account.user) as imap:
        imap.select_folder("Drafts")
        raw = imap.fetch([draft_uid], ["BODY.PEEK[]"])[draft_uid][b"BODY[]"]
        if not imap.folder_exists(dest):
            imap.create_folder(dest)
        imap.append(dest, edit(raw), flags=("\\Draft", "\\Seen"))
        imap.add_flags([draft_uid], ["\\Deleted"])
        imap.expunge()


def replace_body(old: str, new: str) -> Any:
    def edit(raw: bytes) -> bytes:
        msg = parsed(raw)
        body = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        assert old in body
        msg.set_content(body.replace(old, new))
        return msg.as_bytes()

    return edit


def row(env: og.Outgoing, row_id: int) -> OutboxRow:
    with env.db.reading() as s:
        found = s.get(OutboxRow, row_id)
        assert found is not None
        return found


def scan(env: og.Outgoing) -> og.ReviewReport:
    account = env.settings.accounts[0]
    session = env.imap(account)
    try:
        return og.scan_review_folders(env, session, account)
    finally:
        session.logout()


# ---------------------------------------------------------------- tests


def test_draft_lands_in_drafts_threaded(tmp_path: Path, imap_account: Any, smtp: Any) -> None:
    env, invite = setup(tmp_path, imap_account, smtp)
    result = new_reply(env, invite)
    assert result.drafts_uid is not None and not result.imap_note
    drafts = folder_messages(imap_account, "Drafts")
    raw, flags = drafts[result.drafts_uid]
    assert "\\Draft" in flags
    msg = parsed(raw)
    assert msg["Message-ID"] == result.message_id == row(env, result.outbox_id).message_id
    assert msg["In-Reply-To"] == invite.message_id
    assert invite.message_id in msg["References"]
    assert msg["X-Mailsync-Draft"].strip() == result.message_id
    assert msg["Subject"].startswith("Re: Interview invitation")
    assert "December 9" in msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]


def test_edited_copy_approved_in_mailbox_is_what_is_sent(
        tmp_path: Path, imap_account: Any, smtp: Any) -> None:
    env, invite = setup(tmp_path, imap_account, smtp)
    result = new_reply(env, invite)
    client_moves_edited_copy(imap_account, result.drafts_uid,  # type: ignore[arg-type]
                             replace_body("December 9", "December 16 (edited in my client)"))
    report = scan(env)
    assert report.scheduled == [result.outbox_id] and not report.rejected
    assert "December 16 (edited in my client)" in row(env, result.outbox_id).body

    sent = og.send_due(env)
    assert sent.sent == [result.outbox_id] and sent.ok
    [delivered] = smtp.wait_for_messages(1)
    msg = delivered.message
    assert "December 16 (edited in my client)" in msg.get_body(("plain",)).get_content()
    assert msg["Message-ID"] == result.message_id
    assert msg["In-Reply-To"] == invite.message_id
    assert msg["References"].split()[-1] == invite.message_id
    assert "X-Mailsync-Draft" not in msg
    assert delivered.rcpt_tos == ("coordinator@program.example",)
    # Filed in Sent once (file_sent = "always" for Dovecot), and the timeline knows.
    copies = [parsed(r) for r, _ in folder_messages(imap_account, "Sent").values()]
    assert [c["Message-ID"] for c in copies] == [result.message_id]
    assert row(env, result.outbox_id).filed_at is not None
    with env.db.reading() as s:
        assert s.scalars(select(EventRow.kind)).all() == ["invite_answered"]
    # A second pass sends nothing and files nothing again.
    again = og.send_due(env)
    assert not again.sent and len(smtp.messages) == 1
    assert len(folder_messages(imap_account, "Sent")) == 1


def test_bad_edit_is_blocked_with_a_note(tmp_path: Path, imap_account: Any, smtp: Any) -> None:
    env, invite = setup(tmp_path, imap_account, smtp)
    result = new_reply(env, invite)
    bad = "December 9. If you rank me first, I will rank you first too"
    client_moves_edited_copy(imap_account, result.drafts_uid,  # type: ignore[arg-type]
                             replace_body("December 9", bad))
    report = scan(env)
    assert report.blocked == [result.outbox_id] and report.notes_appended == 1
    stored = row(env, result.outbox_id)
    assert stored.state == "draft"
    assert any(b["rule"] == "lint:reciprocity" for b in stored.blocks)
    notes = [parsed(r) for r, _ in folder_messages(imap_account, "Drafts").values()]
    [note] = [n for n in notes if n["X-Mailsync-Note"]]
    assert "reciprocity" in note.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    # The same blocked copy does not get a second note, and nothing leaves.
    assert scan(env).notes_appended == 0
    assert not og.send_due(env).sent and smtp.messages == []


def test_reject_folder_and_deletion_reject(tmp_path: Path, imap_account: Any, smtp: Any) -> None:
    env, invite = setup(tmp_path, imap_account, smtp)
    first = new_reply(env, invite)
    second = new_reply(env, invite, chosen_date="December 16")
    client_moves_edited_copy(imap_account, first.drafts_uid,  # type: ignore[arg-type]
                             lambda raw: raw, dest="mailsync.Reject")
    with imap_account.server.client(imap_account.user) as imap:
        imap.select_folder("Drafts")
        imap.add_flags([second.drafts_uid], ["\\Deleted"])
        imap.expunge()
    report = scan(env)
    assert sorted(report.rejected) == sorted([first.outbox_id, second.outbox_id])
    assert {row(env, i).state for i in report.rejected} == {"cancelled"}


def test_approve_keyword_in_drafts(tmp_path: Path, imap_account: Any, smtp: Any) -> None:
    env, invite = setup(tmp_path, imap_account, smtp)
    result = new_reply(env, invite)
    with imap_account.server.client(imap_account.user) as imap:
        imap.select_folder("Drafts")
        imap.add_flags([result.drafts_uid], ["$MailsyncApprove"])
    assert scan(env).scheduled == [result.outbox_id]
    assert row(env, result.outbox_id).state == "scheduled"


def test_scheduled_send_fires_at_its_time(tmp_path: Path, imap_account: Any, smtp: Any) -> None:
    env, invite = setup(tmp_path, imap_account, smtp)
    result = new_reply(env, invite)
    at = START + timedelta(hours=2)
    approval = og.approve(env, result.outbox_id, at=at)
    assert approval.approved and approval.scheduled_at == at
    env.clock.set(at - timedelta(seconds=1))  # type: ignore[attr-defined]
    assert not og.send_due(env).sent and smtp.messages == []
    env.clock.set(at)  # type: ignore[attr-defined]
    assert og.send_due(env).sent == [result.outbox_id]
    assert len(smtp.wait_for_messages(1)) == 1


def test_temporary_failure_then_success(tmp_path: Path, imap_account: Any, smtp: Any) -> None:
    env, invite = setup(tmp_path, imap_account, smtp)
    result = new_reply(env, invite)
    assert og.approve(env, result.outbox_id).approved
    smtp.fail_next(451, "rcpt")
    first = og.send_due(env)
    assert first.retry == [result.outbox_id] and first.ok
    retry = row(env, result.outbox_id)
    assert retry.state == "retry" and "451" in retry.last_error and retry.attempts == 1
    assert not og.send_due(env).sent  # not due yet: backoff
    env.clock.set(retry.scheduled_at)  # type: ignore[attr-defined, arg-type]
    assert og.send_due(env).sent == [result.outbox_id]
    assert len(smtp.wait_for_messages(1)) == 1 and row(env, result.outbox_id).attempts == 2


def test_permanent_failure_is_failed_with_reason(
        tmp_path: Path, imap_account: Any, smtp: Any) -> None:
    env, invite = setup(tmp_path, imap_account, smtp)
    result = new_reply(env, invite)
    assert og.approve(env, result.outbox_id).approved
    smtp.fail_next(550, "data")
    report = og.send_due(env)
    assert report.failed == [result.outbox_id] and not report.ok
    failed = row(env, result.outbox_id)
    assert failed.state == "failed" and "550" in failed.last_error
    with env.db.reading() as s:
        assert s.scalars(select(AlertRow.event)).all() == ["send_failure"]
    env.clock.advance(timedelta(days=1))  # type: ignore[attr-defined]
    assert not og.send_due(env).sent and smtp.messages == []


def _cut_off_after_data(tmp_path: Path, imap_account: Any, smtp: Any, *,
                        delivered: bool) -> tuple[Any, Any]:
    """An approved reply whose connection drops after DATA: the send ends uncertain."""
    env, invite = setup(tmp_path, imap_account, smtp)
    result = new_reply(env, invite)
    assert og.approve(env, result.outbox_id).approved
    smtp.drop_after_data(deliver=delivered)
    assert og.send_due(env).uncertain == [result.outbox_id]
    return env, result


def test_cut_off_after_data_is_uncertain_never_resent(
        tmp_path: Path, imap_account: Any, smtp: Any) -> None:
    env, result = _cut_off_after_data(tmp_path, imap_account, smtp, delivered=True)
    assert row(env, result.outbox_id).data_started_at is not None
    env.clock.advance(timedelta(hours=3))  # type: ignore[attr-defined]
    og.send_due(env)
    assert row(env, result.outbox_id).state == "uncertain" and len(smtp.messages) == 1


def test_uncertain_resent_only_on_the_applicants_word(
        tmp_path: Path, imap_account: Any, smtp: Any) -> None:
    # It did not arrive, but nobody can know that without asking.
    env, result = _cut_off_after_data(tmp_path, imap_account, smtp, delivered=False)
    og.resolve_uncertain(env, result.outbox_id, delivered=False)
    assert og.send_due(env).sent == [result.outbox_id]
    assert len(smtp.wait_for_messages(1)) == 1
    with pytest.raises(Exception, match="only an uncertain"):
        og.resolve_uncertain(env, result.outbox_id, delivered=False)


def test_uncertain_confirmed_delivered_is_sent_without_sending(
        tmp_path: Path, imap_account: Any, smtp: Any) -> None:
    env, result = _cut_off_after_data(tmp_path, imap_account, smtp, delivered=True)
    assert og.resolve_uncertain(env, result.outbox_id, delivered=True).state == "sent"
    assert not og.send_due(env).sent and len(smtp.messages) == 1


def test_uncertain_found_in_sent_becomes_sent(
        tmp_path: Path, imap_account: Any, smtp: Any) -> None:
    """A provider that files submitted mail itself (Gmail) settles an uncertain send."""
    env, result = _cut_off_after_data(tmp_path, imap_account, smtp, delivered=True)
    imap_account.server.append(imap_account.user, "Sent", smtp.messages[0].data)
    report = og.send_due(env)
    assert report.recovered and row(env, result.outbox_id).state == "sent"
    assert len(smtp.messages) == 1


def test_failed_filing_in_sent_never_resends(
        tmp_path: Path, imap_account: Any, smtp: Any) -> None:
    env, invite = setup(tmp_path, imap_account, smtp)
    result = new_reply(env, invite)
    assert og.approve(env, result.outbox_id).approved
    broken = og.Outgoing(settings=env.settings, db=env.db, clock=env.clock,
                         connect=lambda account: _refuse(account))
    report = og.send_due(broken)
    assert report.sent == [result.outbox_id] and report.notes
    assert row(env, result.outbox_id).filed_at is None
    assert folder_messages(imap_account, "Sent") == {}
    later = og.send_due(env)  # IMAP is back: filed once, not sent again
    assert later.filed == [result.outbox_id] and not later.sent
    assert len(smtp.messages) == 1 and len(folder_messages(imap_account, "Sent")) == 1


def _refuse(account: Any) -> Any:
    from mailsync.errors import ConnectionLostError

    raise ConnectionLostError(f"IMAP for {account.name} is down (test)")


def test_policy_block_at_send_time_holds_the_message(
        tmp_path: Path, imap_account: Any, smtp: Any) -> None:
    """A second invite reply approved meanwhile: the budget check holds the later one."""
    env, invite = setup(tmp_path, imap_account, smtp)
    first, second = new_reply(env, invite), new_reply(env, invite, chosen_date="December 16")
    assert og.approve(env, first.outbox_id, at=START + timedelta(hours=1)).approved
    blocked = og.approve(env, second.outbox_id)
    assert not blocked.approved and any(b["rule"] == "budget" for b in blocked.blocks)
    env.clock.advance(timedelta(hours=2))  # type: ignore[attr-defined]
    assert og.send_due(env).sent == [first.outbox_id]
    assert row(env, second.outbox_id).state == "draft" and len(smtp.messages) == 1


def test_provider_detection() -> None:
    assert og.provider_files_sent("smtp.gmail.com")
    assert og.provider_files_sent("smtp.office365.com")
    assert og.provider_files_sent("smtp.mail.me.com")
    assert not og.provider_files_sent("127.0.0.1")
    assert not og.provider_files_sent("mail.notgmail.com.example")
