"""``init`` and ``account add``: creating the config without hand-editing TOML."""

from __future__ import annotations

import json
import os
import sys
import tomllib
from dataclasses import dataclass
from importlib import resources

import click

from mailsync.cli.app import App, config_option, pass_app
from mailsync.clock import SystemClock
from mailsync.config import OAUTH2_PROVIDERS, TLS_MODES, AccountSettings, settings_from_dict
from mailsync.credentials import store_password
from mailsync.errors import ConfigError

CLIENT_SECRET_ENV = "MAILSYNC_OAUTH2_CLIENT_SECRET"


def starter_config() -> str:
    return (resources.files("mailsync") / "data" / "starter.toml").read_text(encoding="utf-8")


def _toml_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


@click.command()
@config_option
@click.option("--force", is_flag=True, help="Overwrite an existing config file.")
@click.option("--name", default=None, help="Your name as programs know it.")
@click.option("--email", default=None, help="Your application email address.")
@pass_app
def init(app: App, force: bool, name: str | None, email: str | None) -> None:
    """Write a starter config (applicant profile, policy defaults) to --config."""
    path = app.config_path
    if path.exists() and not force:
        raise ConfigError(f"{path} exists; pass --force to overwrite it")
    interactive = sys.stdin.isatty()
    if name is None and interactive:
        name = click.prompt("Your full name", default="", show_default=False)
    if email is None and interactive:
        email = click.prompt("Your email address", default="", show_default=False)
    text = starter_config()
    text = text.replace('name = ""', f"name = {_toml_str(name or '')}", 1)
    text = text.replace('email = ""', f"email = {_toml_str(email or '')}", 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    click.echo(f"wrote {path}")
    click.echo("next: mailsync account add NAME --imap-host ... --smtp-host ... --user ...")


@click.group()
def account() -> None:
    """Mail accounts mailsync reads and sends from."""


@account.command("add")
@config_option
@click.argument("name")
@click.option("--imap-host", required=True)
@click.option("--imap-port", type=int, default=None)
@click.option("--imap-tls", type=click.Choice(TLS_MODES), default="ssl", show_default=True)
@click.option("--smtp-host", required=True)
@click.option("--smtp-port", type=int, default=None)
@click.option("--smtp-tls", type=click.Choice(TLS_MODES), default="starttls", show_default=True)
@click.option("--user", required=True, help="Login name (usually your address).")
@click.option("--email", default=None, help="From address, if not the login name.")
@click.option("--password-command", default=None,
              help="Command printing the password (e.g. 'pass show mail'); else keyring.")
@click.option("--password-stdin", is_flag=True, help="Read the password for keyring from stdin.")
@click.option("--folder", "folders", multiple=True, help="Folder to watch (repeat; default INBOX).")
@click.option("--oauth2", "oauth2", type=click.Choice(OAUTH2_PROVIDERS), default=None,
              help="Log in with OAuth2 (XOAUTH2) instead of a password; prints a consent URL. "
                   "Again for an existing OAuth2 account: re-authorize it.")
@click.option("--oauth2-client-id", default=None, help="The OAuth2 client (application) id.")
@click.option("--oauth2-token-url", default=None, help="Token endpoint (--oauth2 custom only).")
@click.option("--oauth2-refresh-token-stdin", is_flag=True,
              help="Headless set-up: read a refresh token from stdin instead of the browser "
                   f"flow. A client secret, if the provider needs one, is read from "
                   f"${CLIENT_SECRET_ENV}.")
@pass_app
def account_add(app: App, name: str, imap_host: str, imap_port: int | None, imap_tls: str,
                smtp_host: str, smtp_port: int | None, smtp_tls: str, user: str,
                email: str | None, password_command: str | None, password_stdin: bool,
                folders: tuple[str, ...], oauth2: str | None, oauth2_client_id: str | None,
                oauth2_token_url: str | None, oauth2_refresh_token_stdin: bool) -> None:
    """Add an account; the password goes to keyring unless a password command is given."""
    path = app.config_path
    if not path.exists():
        raise ConfigError(f"no config at {path}; run `mailsync init` first")
    current = path.read_text(encoding="utf-8")
    data = tomllib.loads(current)
    oauth = _OAuthOptions(oauth2, oauth2_client_id, oauth2_token_url, oauth2_refresh_token_stdin)
    oauth.check(password_command, password_stdin)
    if name in data.get("accounts", {}):
        if oauth2 and data["accounts"][name].get("auth") == "oauth2":
            _reauthorize(settings_from_dict(data, path=path).account(name), user, oauth)
            click.echo(f"re-authorized account {name} (config unchanged)")
            return
        raise ConfigError(f"account {name!r} already exists in {path}")
    if oauth2 and not oauth2_client_id:
        raise ConfigError("--oauth2 needs --oauth2-client-id (the id of your OAuth2 client)")
    block = _account_block(name, imap_host, imap_port, imap_tls, smtp_host, smtp_port,
                           smtp_tls, user, email, password_command, folders) + oauth.lines()
    updated = current.rstrip("\n") + "\n\n" + block
    settings = settings_from_dict(tomllib.loads(updated), path=path)  # validate before writing
    if oauth2:
        _authorize(settings.account(name), oauth)
    elif not password_command:
        _store_secret(name, user, password_stdin)
    path.write_text(updated, encoding="utf-8")
    click.echo(f"added account {name} to {path}")


@dataclass(frozen=True)
class _OAuthOptions:
    provider: str | None
    client_id: str | None
    token_url: str | None
    from_stdin: bool

    def check(self, password_command: str | None, password_stdin: bool) -> None:
        if not self.provider:
            if self.client_id or self.token_url or self.from_stdin:
                raise ConfigError("--oauth2-* options need --oauth2 gmail|outlook|custom")
            return
        if password_command or password_stdin:
            raise ConfigError("--oauth2 replaces the password: drop --password-command and "
                              "--password-stdin")

    def lines(self) -> str:
        if not self.provider:
            return ""
        lines = ['auth = "oauth2"', f"oauth2_provider = {_toml_str(self.provider)}",
                 f"oauth2_client_id = {_toml_str(self.client_id or '')}"]
        if self.token_url:
            lines.append(f"oauth2_token_url = {_toml_str(self.token_url)}")
        return "\n".join(lines) + "\n"


def _reauthorize(account: AccountSettings, user: str, options: _OAuthOptions) -> None:
    """A new consent for an OAuth2 account that exists; its config stays as it is."""
    if user != account.user or options.provider != account.oauth2_provider:
        raise ConfigError(f"account {account.name!r} exists with user {account.user} and "
                          f"--oauth2 {account.oauth2_provider}; give the same to re-authorize")
    _authorize(account, options)


def _authorize(account: AccountSettings, options: _OAuthOptions) -> None:
    """Store a refresh token (from stdin, or the browser consent) and check it works."""
    from mailsync import oauth

    client = oauth.OAuth2Client.for_account(account)
    client_secret = os.environ.get(CLIENT_SECRET_ENV) or None
    if options.from_stdin:
        oauth.store_refresh_token(client, sys.stdin.readline().strip(), client_secret)
        try:
            oauth.refresh(client, clock=SystemClock())
        except oauth.OAuth2Unavailable as exc:
            click.echo(f"warning: refresh token stored but not checked: {exc}", err=True)
        return
    oauth.authorize(client, clock=SystemClock(), echo=click.echo, client_secret=client_secret)


def _account_block(name: str, imap_host: str, imap_port: int | None, imap_tls: str,
                   smtp_host: str, smtp_port: int | None, smtp_tls: str, user: str,
                   email: str | None, password_command: str | None,
                   folders: tuple[str, ...]) -> str:
    lines = [f"[accounts.{_toml_key(name)}]",
             f"imap_host = {_toml_str(imap_host)}", f"imap_tls = {_toml_str(imap_tls)}",
             f"smtp_host = {_toml_str(smtp_host)}", f"smtp_tls = {_toml_str(smtp_tls)}",
             f"user = {_toml_str(user)}"]
    if imap_port:
        lines.append(f"imap_port = {imap_port}")
    if smtp_port:
        lines.append(f"smtp_port = {smtp_port}")
    if email:
        lines.append(f"email = {_toml_str(email)}")
    if password_command:
        lines.append(f"password_command = {_toml_str(password_command)}")
    if folders:
        lines.append("folders = [" + ", ".join(_toml_str(f) for f in folders) + "]")
    return "\n".join(lines) + "\n"


def _toml_key(name: str) -> str:
    return name if name.replace("-", "").replace("_", "").isalnum() else _toml_str(name)


def _store_secret(name: str, user: str, from_stdin: bool) -> None:
    if from_stdin:
        secret = sys.stdin.readline().rstrip("\n")
    elif sys.stdin.isatty():
        secret = click.prompt(f"Password for {user}", hide_input=True)
    else:
        click.echo("no password stored: use --password-stdin or --password-command", err=True)
        return
    if secret:
        store_password(name, user, secret)
