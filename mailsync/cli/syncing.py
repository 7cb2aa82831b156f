"""``mailsync sync``: one incremental pass over the configured folders, then exit.

This module imports nothing heavy at load: a pass with nothing new is answered by
:mod:`mailsync.quicksync` without SQLAlchemy; only a pass with work to do loads the
service, the store and the progress bars.
"""

from __future__ import annotations

from typing import Any

import click

from mailsync.cli.app import App, config_option, pass_app


@click.command()
@config_option
@click.option("--account", "account_name", default=None, help="Only this account.")
@pass_app
def sync(app: App, account_name: str | None) -> None:
    """One incremental pass over the configured folders, then exit."""
    from mailsync.quicksync import quick_pass

    settings = app.settings
    accounts = [settings.account(account_name)] if account_name else [
        a for a in settings.accounts if a.enabled]
    if not accounts:
        raise click.UsageError("no accounts configured; run `mailsync account add`")
    lines = quick_pass(settings, accounts, app.clock)
    if lines is not None:
        for line in lines:
            click.echo(line)
        return
    _full_pass(app, accounts)


def _full_pass(app: App, accounts: list[Any]) -> None:
    from mailsync import service
    from mailsync.cli.progress import progress_bar

    db = app.db
    with progress_bar() as start:
        def on_plan(folder: str, total: int) -> Any:
            return start(f"{folder}", total) if total > 200 else None

        def on_analyze(total: int) -> Any:
            return start("analyzing", total)

        for acct in accounts:
            report = service.sync_with_retry(app.settings, acct, db, app.clock,
                                             on_plan=on_plan, on_analyze=on_analyze)
            for f in report.folders:
                note = " (UIDVALIDITY changed: re-synced)" if f.reset else ""
                flags = f", {f.flag_changes} flag changes" if f.flag_changes else ""
                click.echo(f"{acct.name}/{f.folder}: {f.fetched} fetched, {f.new} new"
                           f"{flags}{note}")
            click.echo(f"{acct.name}: {report.analyzed} analyzed")
