"""The service commands: ``run`` (the daemon, in the foreground) and ``status``.

``run`` is what systemd or launchd starts: it logs one line per event to
stderr (the journal keeps it), stops cleanly on SIGTERM/SIGINT and exits 0.
``status`` reads what the daemon writes to the store, so it works from
another process while the daemon runs.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import datetime
from typing import Any

import click
from sqlalchemy import func, select

from mailsync.cli.app import App, config_option, pass_app
from mailsync.cli.render import emit, format_option
from mailsync.store.schema import AccountRow, OutboxRow

STATUS_COLUMNS = ("account", "state", "last_sync", "last_error", "drafts", "scheduled",
                  "failed", "uncertain", "next_send")
_QUEUE_STATES = {"draft": "drafts", "approved": "scheduled", "scheduled": "scheduled",
                 "retry": "scheduled", "failed": "failed", "uncertain": "uncertain"}


@click.command()
@config_option
@click.option("--once", is_flag=True, help="One cycle (sync, analyze, send, alert), then exit.")
@pass_app
def run(app: App, once: bool) -> None:
    """The daemon: IDLE sync, classify, link, alert and scheduled sending, in the foreground.

    Stops cleanly on SIGTERM or SIGINT (finishing the current batch, ending IDLE,
    logging out) and exits 0. With --once: exits 1 if an account could not sync.
    """
    from mailsync import daemon, notify

    if logging.getLogger().level > logging.INFO:
        from mailsync.logs import setup_logging

        setup_logging(1)  # A service's log is its event lines; -v adds debug.
    settings = app.settings
    if not any(a.enabled for a in settings.accounts):
        raise click.UsageError("no enabled accounts; run `mailsync account add`")
    db = app.db
    notifier = notify.make_notifier(settings)
    if once:
        app_exit(daemon.run_once(settings, db, app.clock, notifier))
        return
    app_exit(daemon.Daemon(settings, db, app.clock, notifier=notifier).run())


def app_exit(code: int) -> None:
    if code:
        raise click.exceptions.Exit(code)


@click.command()
@config_option
@format_option()
@pass_app
def status(app: App, fmt: str) -> None:
    """Each account's connection state, last sync and error, and the outbox queues."""
    rows = status_rows(app)
    emit(rows, STATUS_COLUMNS, fmt, title="mailsync status")


def status_rows(app: App) -> list[dict[str, Any]]:
    """One row per configured account (and per account the store knows besides)."""
    settings = app.settings
    names = [a.name for a in settings.accounts]
    default = names[0] if names else ""
    with app.db.reading() as s:
        accounts = {r.name: r for r in s.scalars(select(AccountRow))}
        queues = _queues(s, default)
        next_send = dict(s.execute(
            select(OutboxRow.account_name, func.min(OutboxRow.scheduled_at))
            .where(OutboxRow.state.in_(("scheduled", "retry")))
            .group_by(OutboxRow.account_name)).all())
    names += [n for n in accounts if n not in names and n != "local"]
    enabled = {a.name: a.enabled for a in settings.accounts}
    return [_row(name, accounts.get(name), queues, _next(next_send, name, default),
                 enabled.get(name, True)) for name in names]


def _queues(session: Any, default: str) -> Counter[tuple[str, str]]:
    counts: Counter[tuple[str, str]] = Counter()
    rows = session.execute(select(OutboxRow.account_name, OutboxRow.state, func.count())
                           .group_by(OutboxRow.account_name, OutboxRow.state))
    for account, state, n in rows:
        if state in _QUEUE_STATES:
            counts[(account or default, _QUEUE_STATES[state])] += n
    return counts


def _next(next_send: dict[str, datetime | None], name: str, default: str) -> datetime | None:
    times = [t for acct, t in next_send.items() if t and (acct or default) == name]
    return min(times, default=None)


def _row(name: str, account: AccountRow | None, queues: Counter[tuple[str, str]],
         next_send: datetime | None, enabled: bool) -> dict[str, Any]:
    state = account.state if account else "never_run"
    return {
        "account": name,
        "state": state if enabled else "disabled",
        "last_sync": account.last_sync_at if account else None,
        "last_error": account.last_error if account else "",
        "updated_at": account.updated_at if account else None,
        **{q: queues[(name, q)] for q in ("drafts", "scheduled", "failed", "uncertain")},
        "next_send": next_send,
    }
