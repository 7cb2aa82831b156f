"""The root command: options every command shares, and the exit-code contract.

Exit codes: 0 ok; 1 the command ran and found problems (lint hits, policy
blocks, eval below a bar); 2 usage or configuration error. Every error is one
line on stderr.
"""

from __future__ import annotations

import logging
import sys

import click

from mailsync import __version__
from mailsync.cli.app import App, config_option
from mailsync.errors import (
    AuthenticationError,
    ConfigError,
    CredentialError,
    MailsyncError,
    UnknownRecordError,
)

USAGE_ERRORS = (ConfigError, UnknownRecordError, CredentialError, AuthenticationError)


class MailsyncGroup(click.Group):
    """Turns mailsync errors into one line and the documented exit code."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except USAGE_ERRORS as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(2)
        except MailsyncError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(1)
        finally:
            app = ctx.find_object(App)
            if app is not None:
                app.close()
        return None


@click.group(cls=MailsyncGroup, context_settings={"help_option_names": ["-h", "--help"]})
@config_option
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.version_option(__version__, prog_name="mailsync")
@click.pass_context
def cli(ctx: click.Context, verbose: int) -> None:
    """mailsync: Match-season mail, read, sorted and answered safely.

    Reads your mailbox over IMAP (never marking mail read, never deleting),
    labels program mail, links it to your programs, drafts replies from a
    playbook, and sends only what you approved.
    """
    ctx.ensure_object(App)
    from mailsync.logs import setup_logging

    setup_logging(verbose)


def _register() -> None:
    from mailsync.cli import mail, programs, quality, setup

    for module in (setup, mail, programs, quality):
        module.register(cli)
    for name in ("outgoing", "track", "daemon", "demo"):
        try:
            module = __import__(f"mailsync.cli.{name}", fromlist=["register"])
        except ModuleNotFoundError as exc:
            if exc.name != f"mailsync.cli.{name}":
                raise
            continue
        module.register(cli)


_register()


def main() -> None:
    try:
        cli.main(prog_name="mailsync", standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    finally:
        logging.shutdown()
