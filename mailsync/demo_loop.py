"""The demo's second half: a reply drafted, checked, approved and delivered.

Delivery goes to an SMTP server embedded in the demo process on 127.0.0.1 (no
mail leaves the machine), through the same code path ``mailsync send --due``
uses: fixed Message-ID, durable state before each step, threading headers.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes
from email.policy import default as default_policy
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, Session

from mailsync.clock import FixedClock
from mailsync.config import Settings
from mailsync.lint import lint
from mailsync.outgoing import DraftRequest, Outgoing, approve, create_draft, send_due
from mailsync.playbook import MissingFacts
from mailsync.store import Database
from mailsync.store.schema import OutboxRow
from mailsync.taxonomy import OutgoingType

Echo = Callable[[str], None]
DEMO_USER = "demo"
DEMO_PASSWORD = "demo-password"

#: Answers the demo gives when the playbook asks for a fact it cannot know.
DEMO_FACTS = {
    "chosen_date": "Tuesday, December 8",
    "platform": "the scheduling portal",
}


@dataclass
class Received:
    """What the embedded server was handed."""

    messages: list[bytes] = field(default_factory=list)

    async def handle_DATA(self, _server: Any, _session: Session, envelope: Envelope) -> str:
        self.messages.append(bytes(envelope.original_content or b""))
        return "250 Message accepted for delivery"


def _authenticate(_server: Any, _session: Session, _envelope: Envelope, _mechanism: str,
                  auth_data: Any) -> AuthResult:
    ok = (getattr(auth_data, "login", b"") == DEMO_USER.encode()
          and getattr(auth_data, "password", b"") == DEMO_PASSWORD.encode())
    return AuthResult(success=ok)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def embedded_smtp() -> Iterator[tuple[int, Received]]:
    """An SMTP server on 127.0.0.1 for the length of the demo."""
    received = Received()
    port = _free_port()
    # aiosmtpd logs its own deprecation notices at WARNING on every AUTH.
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    controller = Controller(received, hostname="127.0.0.1", port=port,
                            authenticator=_authenticate, auth_require_tls=False)
    controller.start()
    try:
        yield port, received
    finally:
        controller.stop()


def account_table(port: int) -> dict[str, Any]:
    """The demo's one account: sending only, to the embedded server."""
    return {"demo": {
        "user": DEMO_USER, "email": "applicant@demo.example", "imap_host": "127.0.0.1",
        "smtp_host": "127.0.0.1", "smtp_port": port, "smtp_tls": "none", "imap_tls": "none",
        "file_sent": "never",
    }}


def run_loop(settings: Settings, db: Database, clock: FixedClock, echo: Echo,
             rows: list[dict[str, Any]], received: Received) -> dict[str, Any]:
    env = Outgoing(settings=settings, db=db, clock=clock, password=lambda _a: DEMO_PASSWORD,
                   jitter=lambda: 0.5)
    invite = next((r for r in rows if r["kind"] == "interview_invite" and r["program_id"]), None)
    if invite is None:
        echo("4. no linked interview invitation in the sample; nothing to answer")
        return {}
    echo(f"4. draft: a reply to #{invite['id']} ({invite['program_id']}): "
         f"{invite['subject'][:60]}")
    result = _draft(env, invite["id"], echo)
    approval = approve(env, result.outbox_id)
    if not approval.approved:
        for block in approval.blocks:
            echo(f"   blocked: {block.get('rule')} — {block.get('reason')}")
        return {"draft": result.outbox_id, "approved": False}
    echo(f"5. approve: lint and policy pass; scheduled for {approval.scheduled_at:%Y-%m-%d %H:%M} "
         "UTC")
    if approval.scheduled_at and approval.scheduled_at > clock.now():
        clock.set(approval.scheduled_at)
    report = send_due(env)
    echo(f"6. send: {len(report.sent)} delivered to the embedded SMTP server on 127.0.0.1, "
         f"{len(report.failed)} failed")
    _show_delivered(received, echo)
    _show_outbox(db, echo)
    _show_lint(settings, echo)
    return {"draft": result.outbox_id, "approved": True, "sent": report.sent,
            "delivered": len(received.messages)}


def _draft(env: Outgoing, message_id: int, echo: Echo) -> Any:
    facts: dict[str, str] = {}
    while True:
        result = create_draft(env, DraftRequest(reply_to=str(message_id), facts=facts),
                              append=False)
        if not isinstance(result, MissingFacts):
            break
        for spec in result.missing:
            value = DEMO_FACTS.get(spec.key, f"(demo {spec.description})")
            echo(f"   missing fact: {spec.key} — {spec.description}; the demo answers "
                 f"{value!r}")
            facts[spec.key] = value
    echo(f"   {result.draft.type.value} to {result.draft.to.email}: \"{result.draft.subject}\"")
    for line in result.draft.body.strip().splitlines()[:6]:
        echo(f"   | {line}")
    echo(f"   lint: {len(result.findings)} findings, none blocking")
    return result


def _show_delivered(received: Received, echo: Echo) -> None:
    for raw in received.messages:
        msg = message_from_bytes(raw, policy=default_policy)
        echo(f"   delivered: To {msg['To']}; In-Reply-To {msg['In-Reply-To']}")


def _show_outbox(db: Database, echo: Echo) -> None:
    from sqlalchemy import select

    echo("")
    echo("   outbox")
    with db.reading() as s:
        for row in s.scalars(select(OutboxRow).order_by(OutboxRow.id)):
            when = row.sent_at or row.scheduled_at
            echo(f"   #{row.id:<3} {row.state:<10} {row.type:<16} {row.program_id or '-':<5} "
                 f"{when:%Y-%m-%d %H:%M} {row.subject[:40]}")


def _show_lint(settings: Settings, echo: Echo) -> None:
    bad = ("Dear Dr. Smith,\n\nThank you for the interview. You are my #1 choice and I "
           "promise to rank you first if you rank me to match. [Program Name] is my only "
           "hope.\n\nSincerely,\nLucas")
    findings = [f for f in lint(bad, type=OutgoingType.THANK_YOU, program=None, programs=(),
                                profile=settings.applicant) if f.blocking]
    echo("")
    echo("7. check: a thank-you written in a hurry would be blocked before sending:")
    for f in findings:
        span = f' "{f.span.text}"' if f.span else ""
        echo(f"   ✗ {f.rule}{span}: {f.reason}")
