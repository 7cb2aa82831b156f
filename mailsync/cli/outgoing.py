"""Outgoing commands: ``draft``, ``drafts``, ``edit``, ``approve``, ``reject``, ``lint``,
``outbox`` and ``send --due``.

Exit codes follow design.md: 0 ok; 1 the command ran and found problems
(missing facts, blocking lint findings, policy blocks, a message that failed
or may not have left); 2 usage or configuration errors, including unknown
ids (UnknownRecordError).
"""

from __future__ import annotations

import email
import email.policy
import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import click

from mailsync import outgoing as og
from mailsync.cli.app import App, config_option, pass_app
from mailsync.cli.render import emit, format_option, jsonl
from mailsync.playbook import OFFER_CHECKLIST, MissingFacts
from mailsync.store.schema import OutboxRow
from mailsync.taxonomy import OutgoingType

TYPE_CHOICE = click.Choice([t.value for t in OutgoingType])
OFFER_TYPES = {OutgoingType.OFFER_CLARIFY, OutgoingType.OFFER_TIME_REQUEST,
               OutgoingType.OFFER_DECLINE, OutgoingType.OFFER_ACCEPT}
DRAFT_COLUMNS = ("id", "state", "type", "program_id", "to", "subject", "findings", "blocks")
OUTBOX_COLUMNS = ("id", "state", "type", "program_id", "to", "subject", "scheduled_at",
                  "sent_at", "attempts", "last_error")
REVIEW_STATES = ("draft", "failed", "uncertain")
OUTBOX_STATES = ("approved", "scheduled", "sending", "retry", "sent", "uncertain", "failed")


def _problems() -> None:
    """Exit 1: the command ran and found problems (design.md exit codes)."""
    click.get_current_context().exit(1)


def _env(app: App) -> og.Outgoing:
    return og.Outgoing(settings=app.settings, db=app.db, clock=app.clock)


def _facts(values: Sequence[str]) -> dict[str, str]:
    facts: dict[str, str] = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="--fact")
        facts[key.strip()] = value.strip()
    return facts


def _finding_line(f: dict[str, Any]) -> str:
    kind = "BLOCKING" if f.get("blocking") else "warning"
    return f"lint {kind}: {f.get('code')} — {f.get('reason')}"


def _block_line(b: dict[str, Any]) -> str:
    hint = f" (override with --override {b['rule']})" if b.get("overridable") else ""
    return f"blocked: {b['rule']} — {b['reason']}{hint}"


@click.command()
@config_option
@click.option("--reply-to", "reply_to", metavar="MSG",
              help="Answer this message (id or Message-ID).")
@click.option("--program", "program_id", metavar="ID", help="Write to this program.")
@click.option("--type", "type_", type=TYPE_CHOICE, help="Playbook type (default: best fit).")
@click.option("--fact", "facts", multiple=True, metavar="KEY=VALUE", help="Supply a fact.")
@pass_app
def draft(app: App, reply_to: str | None, program_id: str | None, type_: str | None,
          facts: tuple[str, ...]) -> None:
    """Create a draft from the playbook; prints its id as the last line."""
    if not reply_to and not (program_id and type_):
        raise click.UsageError("give --reply-to MSG, or --program ID with --type T")
    request = og.DraftRequest(reply_to=reply_to, program_id=program_id,
                              type=OutgoingType(type_) if type_ else None, facts=_facts(facts))
    try:
        result = og.create_draft(_env(app), request)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    if isinstance(result, MissingFacts):
        if result.type in OFFER_TYPES:
            _checklist(OFFER_CHECKLIST)
        for line in result.lines():
            click.echo(line)
        _problems()
    _print_created(result)


def _checklist(items: Sequence[str]) -> None:
    click.echo("Pre-match offer checklist (policy.md (e)):")
    for n, item in enumerate(items, 1):
        click.echo(f"  {n}. {item}")


def _print_created(result: og.DraftResult) -> None:
    d = result.draft
    click.echo(f"draft {result.outbox_id}: {d.type.value} to {d.to}")
    click.echo(f"Subject: {d.subject}")
    click.echo(f"Message-ID: {result.message_id}")
    for f in result.findings:
        click.echo(_finding_line(f))
    if d.checklist:
        _checklist(d.checklist)
    if result.drafts_uid is not None:
        click.echo("placed in Drafts: approve it by moving it to mailsync/Approve")
    elif result.imap_note:
        click.echo(f"note: {result.imap_note}")
    click.echo(str(result.outbox_id))


def _row_dict(row: OutboxRow) -> dict[str, Any]:
    return {
        "id": row.id, "state": row.state, "type": row.type, "program_id": row.program_id,
        "account": row.account_name, "message_id": row.message_id,
        "to": ", ".join(row.to_addrs), "cc": ", ".join(row.cc_addrs), "subject": row.subject,
        "in_reply_to": row.in_reply_to, "scheduled_at": row.scheduled_at,
        "sent_at": row.sent_at, "filed_at": row.filed_at, "attempts": row.attempts,
        "last_error": row.last_error, "created_at": row.created_at,
        "findings": [f.get("code") for f in row.findings if f.get("blocking")],
        "blocks": [b.get("rule") for b in row.blocks],
        "finding_details": row.findings, "block_details": row.blocks,
        "overrides": row.overrides,
    }


def _list(app: App, states: Sequence[str]) -> list[dict[str, Any]]:
    from sqlalchemy import select

    with app.db.reading() as s:
        rows = s.scalars(select(OutboxRow).where(OutboxRow.state.in_(states))
                         .order_by(OutboxRow.id)).all()
        return [_row_dict(r) for r in rows]


@click.command()
@config_option
@format_option()
@pass_app
def drafts(app: App, fmt: str) -> None:
    """The review queue: drafts, and messages that failed or may not have left."""
    emit(_list(app, REVIEW_STATES), DRAFT_COLUMNS, fmt, title="drafts")


@click.command()
@config_option
@format_option()
@pass_app
def outbox(app: App, fmt: str) -> None:
    """Approved, scheduled and sent messages."""
    emit(_list(app, OUTBOX_STATES), OUTBOX_COLUMNS, fmt, title="outbox")


def _split_text(text: str) -> tuple[str, str]:
    """``Subject: ...`` line, blank line, body (the form ``edit`` writes)."""
    lines = text.replace("\r\n", "\n").split("\n")
    if lines and lines[0].lower().startswith("subject:"):
        subject = lines[0].split(":", 1)[1].strip()
        body = "\n".join(lines[1:]).lstrip("\n")
        return subject, body.rstrip() + "\n"
    raise click.UsageError("the first line must stay 'Subject: ...'")


@click.command()
@config_option
@click.argument("draft_id", metavar="DRAFT")
@pass_app
def edit(app: App, draft_id: str) -> None:
    """Edit a draft in $EDITOR; approval is void and the text is linted again."""
    env = _env(app)
    with app.db.reading() as s:
        row = og.get_row(s, draft_id)
        original = og.row_text(row)
    changed = click.edit(original, extension=".txt", require_save=True)
    if changed is None or changed.strip() == original.strip():
        click.echo(f"draft {row.id}: unchanged")
        return
    subject, body = _split_text(changed)
    updated, findings = og.edit(env, row.id, subject, body)
    click.echo(f"draft {updated.id}: saved ({updated.state}); approve it again to send")
    for f in findings:
        click.echo(_finding_line(f))


def _parse_at(value: str | None, tz_name: str) -> datetime | None:
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not an ISO date/time, e.g. 2027-01-12T09:30",
                                 param_hint="--at") from exc
    return when if when.tzinfo else when.replace(tzinfo=ZoneInfo(tz_name))


@click.command()
@config_option
@click.argument("draft_id", metavar="DRAFT")
@click.option("--at", "at", metavar="TIME", help="Send at this ISO time (default: now).")
@click.option("--override", "overrides", multiple=True, metavar="RULE",
              help="Override an overridable policy rule (repeatable).")
@pass_app
def approve(app: App, draft_id: str, at: str | None, overrides: tuple[str, ...]) -> None:
    """Approve a draft: lint and policy run now, then it is scheduled, or the blocks are shown."""
    when = _parse_at(at, app.settings.applicant_timezone)
    result = og.approve(_env(app), draft_id, when, overrides)
    for f in result.findings:
        if not f.get("blocking"):
            click.echo(_finding_line(f))
    if not result.approved:
        for b in result.blocks:
            click.echo(_block_line(b))
        _problems()
    for w in result.waits:
        click.echo(f"waiting: {w['rule']} — {w['reason']}")
    assert result.scheduled_at is not None
    local = result.scheduled_at.astimezone(ZoneInfo(app.settings.applicant_timezone))
    click.echo(f"draft {result.outbox_id} approved; scheduled for {local.isoformat()}")


@click.command()
@config_option
@click.argument("draft_id", metavar="DRAFT")
@pass_app
def reject(app: App, draft_id: str) -> None:
    """Reject a draft (or cancel a message not yet sent)."""
    row = og.reject(_env(app), draft_id)
    click.echo(f"draft {row.id} rejected")


@click.command()
@config_option
@click.argument("draft_id", metavar="DRAFT")
@click.option("--delivered", "answer", flag_value="delivered",
              help="It arrived (you checked): mark it sent.")
@click.option("--resend", "answer", flag_value="resend",
              help="It did not arrive (you checked): send it again now.")
@pass_app
def resolve(app: App, draft_id: str, answer: str | None) -> None:
    """Settle an UNCERTAIN message: the connection dropped after the text went out."""
    if answer is None:
        raise click.UsageError("say --delivered or --resend")
    row = og.resolve_uncertain(_env(app), draft_id, delivered=answer == "delivered")
    click.echo(f"message {row.id}: {row.state}")


_HEADER_LINE = re.compile(r"^[A-Za-z][A-Za-z0-9-]*:")


def lint_text(raw: bytes) -> str:
    """An RFC 5322 file becomes ``Subject:`` + blank line + plain body; plain text stays."""
    text = raw.decode("utf-8", "replace")
    first = text.lstrip().split("\n", 1)[0]
    if not _HEADER_LINE.match(first) or "\n\n" not in text.replace("\r\n", "\n"):
        return text
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    part = msg.get_body(preferencelist=("plain", "html"))  # type: ignore[attr-defined]
    body = part.get_content() if part is not None else ""
    if part is not None and part.get_content_type() == "text/html":
        from mailsync.parse import html_to_text

        body = html_to_text(body)
    return f"Subject: {msg.get('Subject', '')}\n\n{body}"


@click.command("lint")
@config_option
@click.option("--program", "program_id", metavar="ID", help="Check against this program.")
@click.option("--type", "type_", type=TYPE_CHOICE, help="The outgoing type.")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_app
def lint_(app: App, program_id: str | None, type_: str | None, file: Path) -> None:
    """Lint one outgoing message; findings as jsonl; exit 1 on a blocking finding."""
    program, programs, profile = None, [], {}
    if program_id:
        with app.db.reading() as s:
            program = og.get_program(s, program_id)
            programs = og.load_programs(s)
        profile = dict(app.settings.applicant)
    elif _config_exists(app):
        profile = dict(app.settings.applicant)
    findings = og.run_lint(lint_text(file.read_bytes()),
                           type_=OutgoingType(type_) if type_ else None, program=program,
                           programs=programs, profile=profile)
    jsonl(findings)
    if og.blocking(findings):
        _problems()


def _config_exists(app: App) -> bool:
    """The profile helps the signature checks, but lint must work with no config at all."""
    try:
        return app.config_path.exists()
    except Exception:
        return False


@click.command()
@config_option
@click.option("--due", is_flag=True, required=True, help="Send what is due now, then exit.")
@pass_app
def send(app: App, due: bool) -> None:
    """Send every approved message whose time has come; exit 1 if any failed."""
    report = og.send_due(_env(app))
    for line in report.recovered:
        click.echo(f"recovered {line}")
    for what, ids in (("sent", report.sent), ("retry later", report.retry),
                      ("FAILED", report.failed), ("UNCERTAIN (check before resending)",
                                                  report.uncertain),
                      ("held by policy", report.held)):
        for row_id in ids:
            click.echo(f"{row_id}: {what}")
    for note in report.notes:
        click.echo(f"note: {note}")
    if not any((report.sent, report.retry, report.failed, report.uncertain, report.held,
                report.recovered)):
        click.echo("nothing due")
    if not report.ok:
        _problems()
