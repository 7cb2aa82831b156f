"""``programs import|list|show``: the applicant's program records."""

from __future__ import annotations

from pathlib import Path

import click
from sqlalchemy import select

from mailsync.cli.app import App, config_option, pass_app
from mailsync.cli.render import emit, format_option, jsonl
from mailsync.errors import ConfigError
from mailsync.programs import Program, parse_programs_csv
from mailsync.store.schema import ProgramRow

LIST_COLUMNS = ("program_id", "name", "specialty", "track", "state", "timezone",
                "nrmp_participating")


def read_programs_file(path: Path) -> list[Program]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read: {exc}") from exc
    return parse_programs_csv(text)


@click.group()
def programs() -> None:
    """Program records (the CSV schema of corpus/programs.csv; extra columns kept)."""


@programs.command("import")
@config_option
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_app
def programs_import(app: App, file: Path) -> None:
    """Import or update programs from a CSV file."""
    records = read_programs_file(file)
    now = app.clock.now()
    with app.db.transaction() as s:
        for p in records:
            row = s.get(ProgramRow, p.program_id)
            if row is None:
                s.add(ProgramRow(program_id=p.program_id, name=p.name, record=p.as_row(),
                                 imported_at=now))
            else:
                row.name, row.record, row.imported_at = p.name, p.as_row(), now
    click.echo(f"{len(records)} programs imported from {file}")
    click.echo("run `mailsync reclassify` to link stored mail to them")


def load_program(app: App, program_id: str) -> Program:
    from mailsync.store.programs import get_program

    with app.db.reading() as s:
        program = get_program(s, program_id)
    assert program is not None
    return program


@programs.command("list")
@config_option
@format_option()
@pass_app
def programs_list(app: App, fmt: str) -> None:
    """All programs."""
    with app.db.reading() as s:
        rows = [r.record for r in s.scalars(select(ProgramRow).order_by(ProgramRow.program_id))]
    emit(rows, LIST_COLUMNS, fmt, title="programs")


@programs.command("show")
@config_option
@click.argument("program_id")
@format_option()
@pass_app
def programs_show(app: App, program_id: str, fmt: str) -> None:
    """One program with its contacts."""
    program = load_program(app, program_id)
    row = program.as_row()
    if fmt == "jsonl":
        jsonl([row])
        return
    width = max(len(k) for k in row)
    for key, value in row.items():
        click.echo(f"{key.ljust(width)}  {value}")
