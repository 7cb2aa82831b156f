"""``timeline ID`` and ``export csv|ics``: where every program stands."""

from __future__ import annotations

from pathlib import Path

import click

from mailsync import service
from mailsync.cli.app import App, config_option, pass_app
from mailsync.cli.programs import load_program
from mailsync.cli.render import emit, format_option
from mailsync.timeline import interviews_ics, program_status, program_statuses, timeline_csv
from mailsync.tracking import collect_events


@click.command()
@config_option
@click.argument("program_id")
@format_option()
@pass_app
def timeline(app: App, program_id: str, fmt: str) -> None:
    """One program's history, status, interviews and deadlines."""
    program = load_program(app, program_id)
    events = collect_events(app.db, season=app.settings.season, now=app.clock.now())
    status = program_status(events, program_id)
    rows = [{"at": e.at, "event": e.kind, "when": e.when, "detail": e.detail,
             "source": e.source} for e in status.history]
    if fmt == "table":
        click.echo(f"{program.program_id}  {program.name}")
        click.echo(f"status: {status.status}")
        for iv in status.interviews:
            click.echo(f"interview: {iv.when:%Y-%m-%d %H:%M %Z}  {iv.detail}")
        upcoming = status.next_deadline(app.clock.now())
        if upcoming:
            click.echo(f"next deadline: {upcoming.when:%Y-%m-%d %H:%M %Z}  {upcoming.detail}")
    emit(rows, ("at", "event", "when", "detail", "source"), fmt, title="history")


@click.command()
@config_option
@click.argument("what", type=click.Choice(["csv", "ics"]))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write here instead of standard output.")
@pass_app
def export(app: App, what: str, out: Path | None) -> None:
    """The tracking spreadsheet (csv, one row per program) or the interview calendar (ics)."""
    programs = service.load_programs(app.db)
    events = collect_events(app.db, season=app.settings.season, now=app.clock.now())
    statuses = program_statuses(events)
    data = (timeline_csv(programs, statuses).encode() if what == "csv"
            else interviews_ics(programs, statuses))
    if out is None:
        click.echo(data.decode(), nl=False)
    else:
        out.write_bytes(data)
        click.echo(f"wrote {out} ({len(programs)} programs)", err=True)
