"""The root command: options every command shares, and the exit-code contract.

Exit codes: 0 ok; 1 the command ran and found problems (lint hits, policy
blocks, eval below a bar); 2 usage or configuration error. Every error is one
line on stderr.
"""

from __future__ import annotations

import importlib
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


#: Command name → "module:attribute". Loaded on first use, so `mailsync sync`
#: imports the sync code and not the classifier, the daemon or the playbook;
#: a fast start matters for a command run every few minutes.
COMMANDS = {
    "init": "setup:init", "account": "setup:account",
    "programs": "programs:programs",
    "sync": "syncing:sync", "import": "mail:import_", "inbox": "mail:inbox", "show": "mail:show",
    "relabel": "mail:relabel", "link": "mail:link_", "reclassify": "mail:reclassify",
    "draft": "outgoing:draft", "drafts": "outgoing:drafts", "edit": "outgoing:edit",
    "approve": "outgoing:approve", "reject": "outgoing:reject", "resolve": "outgoing:resolve",
    "lint": "outgoing:lint_", "outbox": "outgoing:outbox", "send": "outgoing:send",
    "timeline": "track:timeline", "export": "track:export",
    "run": "daemon:run", "status": "daemon:status",
    "classify": "quality:classify_cmd", "eval": "quality:eval_cmd",
    "demo": "demo:demo",
}


class MailsyncGroup(click.Group):
    """Loads commands lazily; turns mailsync errors into one line and the exit code."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        module = importlib.import_module(f"mailsync.cli.{module_name}")
        command: click.Command = getattr(module, attr)
        return command

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


def main() -> None:
    try:
        cli.main(prog_name="mailsync", standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    finally:
        logging.shutdown()
