"""Reading mail in: ``sync``, ``import``, ``inbox``, ``show``, and corrections."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from sqlalchemy import func, select, update

from mailsync import service
from mailsync.cli.app import App, config_option, pass_app
from mailsync.cli.progress import progress_bar
from mailsync.cli.render import emit, format_option, jsonl
from mailsync.errors import UnknownRecordError
from mailsync.store import messages as repo
from mailsync.store.schema import CorrectionRow, LabelRow, MessageRow, ProgramRow
from mailsync.taxonomy import Flag, Kind

KIND_CHOICE = click.Choice([k.value for k in Kind])
FLAG_CHOICE = click.Choice([f.value for f in Flag])
INBOX_COLUMNS = ("id", "date", "from", "subject", "kind", "flags", "program_id", "confidence")


@click.command("import")
@config_option
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@pass_app
def import_(app: App, path: Path) -> None:
    """Ingest an mbox file, a Maildir, or .eml files as if they had been synced."""
    from mailsync.ingest import count_local

    db = app.db
    with progress_bar() as start:
        advance = start(f"importing {path.name}", count_local(path))
        seen, new = service.import_path(db, path, app.clock, progress=advance)
        analyze = start("analyzing", None)
        analyzed = service.analyze_pending(db, app.settings, app.clock, progress=analyze)
    click.echo(f"{seen} messages read, {new} new, {analyzed} analyzed")


def _row(r: Any) -> dict[str, Any]:
    """One listed message (a row of ``repo.message_query``, or anything with its names)."""
    return {
        "id": r.id, "message_id": r.message_id,
        "date": r.date.isoformat() if r.date else None,
        "from": r.from_addr, "subject": r.subject,
        "kind": r.kind,
        "flags": list(r.flags or []),
        "program_id": r.program_id,
        "confidence": r.confidence,
        "reasons": [_reason_text(x) for x in r.reasons or []],
    }


class _Listed:
    """A stored message and its label seen through the names of ``repo.LISTED``."""

    def __init__(self, msg: MessageRow, label: LabelRow | None) -> None:
        self.id, self.message_id, self.date = msg.id, msg.message_id, msg.date
        self.from_addr, self.subject = msg.from_addr, msg.subject
        self.kind = label.kind if label else None
        self.flags = label.flags if label else []
        self.program_id = label.program_id if label else None
        self.confidence = label.confidence if label else None
        self.reasons = label.reasons if label else []


def _reason_text(reason: dict[str, str]) -> str:
    text = f"{reason.get('cue', '')}: {reason.get('detail', '')}"
    return text + (f' ("{reason["span"]}")' if reason.get("span") else "")


@click.command()
@config_option
@click.option("--kind", type=KIND_CHOICE, default=None)
@click.option("--flag", type=FLAG_CHOICE, default=None)
@click.option("--program", "program_id", default=None)
@click.option("--unlinked", is_flag=True, help="Only program mail not linked to a program.")
@click.option("--limit", type=int, default=None, help="At most this many rows (newest).")
@format_option()
@pass_app
def inbox(app: App, kind: str | None, flag: str | None, program_id: str | None,
          unlinked: bool, limit: int | None, fmt: str) -> None:
    """Classified messages, oldest first."""
    query = repo.message_query()
    if kind:
        query = query.where(LabelRow.kind == kind)
    if program_id:
        query = query.where(LabelRow.program_id == program_id)
    if unlinked:
        query = query.where(LabelRow.program_id.is_(None), LabelRow.kind != Kind.OTHER.value)
    with app.db.reading() as s:
        rows = [_row(r) for r in s.execute(query)]
    if flag:
        rows = [r for r in rows if flag in r["flags"]]
    if limit:
        rows = rows[-limit:]
    emit(rows, INBOX_COLUMNS, fmt, title="inbox")


@click.command()
@config_option
@click.argument("msg")
@format_option()
@pass_app
def show(app: App, msg: str, fmt: str) -> None:
    """One message with its kind, flags, link and the reasons."""
    with app.db.reading() as s:
        row = repo.find_message(s, msg)
        label = s.get(LabelRow, row.id)
        data = _row(_Listed(row, label))
        data.update({
            "to": row.to_addrs, "cc": row.cc_addrs, "in_reply_to": row.in_reply_to,
            "link_score": label.link_score if label else None,
            "link_reasons": [_reason_text(r) for r in label.link_reasons] if label else [],
            "deadlines": label.deadlines if label else [],
            "attachments": row.attachments, "defects": row.defects,
            "parse_state": row.parse_state, "parse_error": row.parse_error,
            "label_source": label.source if label else None, "text": row.text_body,
        })
    if fmt == "jsonl":
        jsonl([data])
        return
    _print_message(data)


def _print_message(d: dict[str, Any]) -> None:
    click.echo(f"Message {d['id']}  {d['message_id']}")
    click.echo(f"From:    {d['from']}\nDate:    {d['date']}\nSubject: {d['subject']}")
    click.echo(f"Kind:    {d['kind']}  (confidence {d['confidence']}, {d['label_source']})")
    click.echo(f"Flags:   {', '.join(d['flags']) or '-'}")
    for r in d["reasons"]:
        click.echo(f"  because {r}")
    click.echo(f"Program: {d['program_id'] or '(unlinked)'}  (score {d['link_score']})")
    for r in d["link_reasons"]:
        click.echo(f"  because {r}")
    for dl in d["deadlines"]:
        click.echo(f"Deadline: {dl.get('when')}  ({dl.get('span')})")
    if d["attachments"]:
        click.echo("Attachments: " + ", ".join(a["filename"] or a["content_type"]
                                               for a in d["attachments"]))
    if d["parse_error"]:
        click.echo(f"Problems: {d['parse_error']}")
    click.echo("")
    click.echo(d["text"][:4000])


@click.command()
@config_option
@click.argument("msg")
@click.argument("kind", type=KIND_CHOICE)
@click.option("--flags", default="", help="Comma-separated flags, e.g. rank_inquiry.")
@pass_app
def relabel(app: App, msg: str, kind: str, flags: str) -> None:
    """Correct a message's kind and flags; remembered and learned from."""
    flag_list = sorted({f.strip() for f in flags.split(",") if f.strip()})
    for f in flag_list:
        if f not in {x.value for x in Flag}:
            raise click.BadParameter(f"unknown flag {f!r}", param_hint="--flags")
    with app.db.transaction() as s:
        row = repo.find_message(s, msg)
        s.add(CorrectionRow(message_pk=row.id, what="relabel", kind=kind, flags=flag_list,
                            sender=row.from_addr, thread_id=row.thread_id,
                            created_at=app.clock.now()))
        label = s.get(LabelRow, row.id) or LabelRow(message_pk=row.id, kind=kind)
        label.kind, label.flags, label.source = kind, flag_list, "user"
        label.reasons = [{"cue": "user", "detail": "relabeled by the applicant", "span": ""}]
        label.confidence = 1.0
        s.add(label)
    click.echo(f"message {msg}: {kind} {','.join(flag_list)}".rstrip())


@click.command("link")
@config_option
@click.argument("msg")
@click.argument("program")
@pass_app
def link_(app: App, msg: str, program: str) -> None:
    """Link a message to a program; the sender and thread link the same way next time."""
    with app.db.transaction() as s:
        if s.get(ProgramRow, program) is None:
            raise UnknownRecordError(f"no program {program!r}; see `mailsync programs list`")
        row = repo.find_message(s, msg)
        s.add(CorrectionRow(message_pk=row.id, what="link", program_id=program,
                            sender=row.from_addr, thread_id=row.message_id,
                            created_at=app.clock.now()))
        label = s.get(LabelRow, row.id) or LabelRow(message_pk=row.id, kind=Kind.OTHER.value)
        label.program_id, label.link_score = program, 1.0
        label.link_reasons = [{"cue": "user", "detail": "linked by the applicant", "span": ""}]
        s.add(label)
    click.echo(f"message {msg} linked to {program}")


@click.command()
@config_option
@pass_app
def reclassify(app: App) -> None:
    """Classify and link every stored message again (after an upgrade or new programs)."""
    db = app.db
    with db.transaction() as s:
        s.execute(update(MessageRow).values(parse_state="pending"))
        total = s.scalar(select(func.count(MessageRow.id))) or 0
    with progress_bar() as start:
        done = service.analyze_pending(db, app.settings, app.clock,
                                       progress=start("reclassifying", total))
    click.echo(f"{done} messages reclassified")
