"""The one TOML configuration file, validated on load into frozen settings.

Where it is: ``--config`` beats ``MAILSYNC_CONFIG`` beats the platformdirs
config dir. Every problem is one ConfigError line that names the key, because
the applicant fixing it is usually not a programmer. Secrets never live here:
accounts name a keyring entry or a ``password_command`` instead.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs

from mailsync.errors import ConfigError

APP = "mailsync"
ENV_CONFIG = "MAILSYNC_CONFIG"
TLS_MODES = ("ssl", "starttls", "none")
CITIZENSHIP = ("us_citizen", "permanent_resident", "needs_visa")
VISAS = ("J-1", "H-1B", "")
APPLICANT_KEYS = (
    "name", "degree", "email", "phone", "aamc_id", "eras_id", "ecfmg_id", "school", "country",
    "specialty", "citizenship", "visa", "timezone", "signature",
)
AUTH_MODES = ("password", "oauth2")
OAUTH2_PROVIDERS = ("gmail", "outlook", "microsoft365", "custom")
DEFAULT_NOTIFY_KINDS = (
    "interview_invite", "red_flag", "pre_match_offer", "deadline", "send_failure",
)


def default_config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP)) / "mailsync.toml"


def default_store_url() -> str:
    return f"sqlite:///{Path(platformdirs.user_data_dir(APP)) / 'mailsync.sqlite3'}"


def resolve_config_path(option: str | os.PathLike[str] | None) -> Path:
    """``--config`` > ``MAILSYNC_CONFIG`` > platformdirs."""
    if option:
        return Path(option).expanduser()
    env = os.environ.get(ENV_CONFIG)
    return Path(env).expanduser() if env else default_config_path()


@dataclass(frozen=True, slots=True, kw_only=True)
class AccountSettings:
    """One mailbox: where to read, where to send, and the folders mailsync uses."""

    name: str
    user: str
    email: str
    imap_host: str
    imap_port: int
    imap_tls: str
    smtp_host: str
    smtp_port: int
    smtp_tls: str
    password_command: str = ""
    folders: tuple[str, ...] = ("INBOX",)
    drafts_folder: str = ""  # empty: found by SPECIAL-USE \Drafts, else by name
    sent_folder: str = ""
    approve_folder: str = "mailsync/Approve"
    reject_folder: str = "mailsync/Reject"
    approve_keyword: str = "$MailsyncApprove"
    file_sent: str = "auto"  # auto | always | never
    write_keywords: bool = False
    enabled: bool = True
    # auth = "oauth2": XOAUTH2 with an access token refreshed from keyring (mailsync.oauth).
    auth: str = "password"  # password | oauth2
    oauth2_provider: str = ""  # gmail | outlook | microsoft365 | custom
    oauth2_client_id: str = ""
    oauth2_token_url: str = ""  # custom provider only (a preset knows its own)


@dataclass(frozen=True, slots=True, kw_only=True)
class SyncSettings:
    batch_size: int = 500
    idle: bool = True
    idle_renew_seconds: int = 600
    poll_seconds: int = 60
    parse_workers: int = 0  # 0: one per core


@dataclass(frozen=True, slots=True, kw_only=True)
class NotifySettings:
    urls: tuple[str, ...] = ()
    kinds: tuple[str, ...] = DEFAULT_NOTIFY_KINDS
    max_per_minute: int = 6


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """Everything mailsync reads from the config file, validated."""

    path: Path | None
    applicant: Mapping[str, str]
    accounts: tuple[AccountSettings, ...]
    store_url: str
    policy: Mapping[str, Any] = field(default_factory=dict)
    season: Mapping[str, Any] = field(default_factory=dict)
    notify: NotifySettings = NotifySettings()
    sync: SyncSettings = SyncSettings()
    programs_csv: str = ""
    templates_dir: str = ""

    def account(self, name: str) -> AccountSettings:
        for acct in self.accounts:
            if acct.name == name:
                return acct
        known = ", ".join(a.name for a in self.accounts) or "none configured"
        raise ConfigError(f"unknown account {name!r} (known: {known})")

    @property
    def applicant_timezone(self) -> str:
        return self.applicant.get("timezone") or "America/New_York"


def load_settings(path: Path, *, must_exist: bool = True) -> Settings:
    """Read and validate ``path``. A missing file is an error unless ``must_exist`` is false."""
    if not path.exists():
        if must_exist:
            raise ConfigError(
                f"no config file at {path}; run `mailsync init --config {path}` to create one"
            )
        return settings_from_dict({}, path=path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config {path}: not valid TOML: {exc}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"config {path}: cannot be read: {exc}") from exc
    return settings_from_dict(data, path=path)


_TOP_KEYS = {"applicant", "accounts", "store", "policy", "season", "notify", "sync", "programs",
             "templates"}


def settings_from_dict(data: Mapping[str, Any], *, path: Path | None = None) -> Settings:
    """Validate a parsed TOML document. Unknown keys are errors: they are usually typos."""
    _no_unknown(data, _TOP_KEYS, "")
    store = _table(data, "store")
    _no_unknown(store, {"url"}, "store.")
    programs = _table(data, "programs")
    _no_unknown(programs, {"csv"}, "programs.")
    templates = _table(data, "templates")
    _no_unknown(templates, {"dir"}, "templates.")
    base = path.parent if path else Path.cwd()
    return Settings(
        path=path,
        applicant=_applicant(_table(data, "applicant")),
        accounts=_accounts(_table(data, "accounts")),
        store_url=_store_url(store.get("url"), base),
        policy=_policy(_table(data, "policy")),
        season=_season(_table(data, "season")),
        notify=_notify(_table(data, "notify")),
        sync=_sync(_table(data, "sync")),
        programs_csv=_str(programs, "csv", "programs."),
        templates_dir=_str(templates, "dir", "templates."),
    )


def _table(data: Mapping[str, Any], key: str, prefix: str = "") -> Mapping[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, Mapping):
        raise ConfigError(f"config key {prefix}{key}: must be a table, got {type(value).__name__}")
    return value


def _no_unknown(table: Mapping[str, Any], allowed: set[str], prefix: str) -> None:
    for key in table:
        if key not in allowed:
            raise ConfigError(f"config key {prefix}{key}: unknown key")


def _str(table: Mapping[str, Any], key: str, prefix: str, default: str = "") -> str:
    value = table.get(key, default)
    if not isinstance(value, str):
        raise ConfigError(f"config key {prefix}{key}: must be a string")
    return value


def _int(table: Mapping[str, Any], key: str, prefix: str, default: int, low: int = 0) -> int:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise ConfigError(f"config key {prefix}{key}: must be a whole number ≥ {low}")
    return value


def _bool(table: Mapping[str, Any], key: str, prefix: str, default: bool) -> bool:
    value = table.get(key, default)
    if not isinstance(value, bool):
        raise ConfigError(f"config key {prefix}{key}: must be true or false")
    return value


def _choice(table: Mapping[str, Any], key: str, prefix: str, choices: tuple[str, ...],
            default: str) -> str:
    value = _str(table, key, prefix, default)
    if value not in choices:
        raise ConfigError(f"config key {prefix}{key}: must be one of {', '.join(choices)}")
    return value


def _applicant(table: Mapping[str, Any]) -> dict[str, str]:
    _no_unknown(table, set(APPLICANT_KEYS), "applicant.")
    values = {k: _str(table, k, "applicant.") for k in APPLICANT_KEYS}
    if values["citizenship"] and values["citizenship"] not in CITIZENSHIP:
        allowed = ", ".join(CITIZENSHIP)
        raise ConfigError(f"config key applicant.citizenship: must be one of {allowed}")
    if values["visa"] not in VISAS:
        raise ConfigError("config key applicant.visa: must be J-1, H-1B or empty")
    if values["timezone"]:
        _check_tz(values["timezone"], "applicant.timezone")
    return values


def _check_tz(name: str, key: str) -> None:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(f"config key {key}: unknown time zone {name!r}") from exc


_ACCOUNT_KEYS = {
    "user", "email", "imap_host", "imap_port", "imap_tls", "smtp_host", "smtp_port", "smtp_tls",
    "password_command", "folders", "drafts_folder", "sent_folder", "approve_folder",
    "reject_folder", "approve_keyword", "file_sent", "write_keywords", "enabled",
    "auth", "oauth2_provider", "oauth2_client_id", "oauth2_token_url",
}
_DEFAULT_PORTS = {"imap": {"ssl": 993, "starttls": 143, "none": 143},
                  "smtp": {"ssl": 465, "starttls": 587, "none": 25}}


def _accounts(table: Mapping[str, Any]) -> tuple[AccountSettings, ...]:
    return tuple(_account(name, _table(table, name, "accounts.")) for name in table)


def _account(name: str, t: Mapping[str, Any]) -> AccountSettings:
    p = f"accounts.{name}."
    _no_unknown(t, _ACCOUNT_KEYS, p)
    for key in ("user", "imap_host", "smtp_host"):
        if not _str(t, key, p):
            raise ConfigError(f"config key {p}{key}: required")
    imap_tls = _choice(t, "imap_tls", p, TLS_MODES, "ssl")
    smtp_tls = _choice(t, "smtp_tls", p, TLS_MODES, "starttls")
    folders = t.get("folders", ["INBOX"])
    if not isinstance(folders, list) or not all(isinstance(f, str) and f for f in folders):
        raise ConfigError(f"config key {p}folders: must be a list of folder names")
    user = _str(t, "user", p)
    auth, provider, client_id, token_url = _oauth2(t, p)
    return AccountSettings(
        name=name, user=user, email=_str(t, "email", p, user if "@" in user else ""),
        imap_host=_str(t, "imap_host", p),
        imap_port=_int(t, "imap_port", p, _DEFAULT_PORTS["imap"][imap_tls], 1),
        imap_tls=imap_tls, smtp_host=_str(t, "smtp_host", p),
        smtp_port=_int(t, "smtp_port", p, _DEFAULT_PORTS["smtp"][smtp_tls], 1),
        smtp_tls=smtp_tls, password_command=_str(t, "password_command", p),
        folders=tuple(folders), drafts_folder=_str(t, "drafts_folder", p),
        sent_folder=_str(t, "sent_folder", p),
        approve_folder=_str(t, "approve_folder", p, "mailsync/Approve"),
        reject_folder=_str(t, "reject_folder", p, "mailsync/Reject"),
        approve_keyword=_str(t, "approve_keyword", p, "$MailsyncApprove"),
        file_sent=_choice(t, "file_sent", p, ("auto", "always", "never"), "auto"),
        write_keywords=_bool(t, "write_keywords", p, False),
        enabled=_bool(t, "enabled", p, True),
        auth=auth, oauth2_provider=provider, oauth2_client_id=client_id,
        oauth2_token_url=token_url,
    )


def _oauth2(t: Mapping[str, Any], p: str) -> tuple[str, str, str, str]:
    """``auth``, provider, client id and token URL; the OAuth2 keys only with oauth2.

    With ``auth = "oauth2"`` the secret is a refresh token in keyring, so a
    ``password_command`` would be ignored and is refused instead.
    """
    auth = _choice(t, "auth", p, AUTH_MODES, "password")
    keys = ("oauth2_provider", "oauth2_client_id", "oauth2_token_url")
    if auth == "password":
        for key in keys:
            if _str(t, key, p):
                raise ConfigError(f'config key {p}{key}: only used with auth = "oauth2"')
        return auth, "", "", ""
    if _str(t, "password_command", p):
        raise ConfigError(f'config key {p}password_command: not used with auth = "oauth2" '
                          "(the refresh token lives in keyring)")
    if "oauth2_provider" not in t:
        raise ConfigError(f"config key {p}oauth2_provider: required with auth = \"oauth2\" "
                          f"(one of {', '.join(OAUTH2_PROVIDERS)})")
    provider = _choice(t, "oauth2_provider", p, OAUTH2_PROVIDERS, "")
    client_id = _str(t, "oauth2_client_id", p).strip()
    if not client_id:
        raise ConfigError(f'config key {p}oauth2_client_id: required with auth = "oauth2"')
    token_url = _str(t, "oauth2_token_url", p).strip()
    if provider == "custom" and not token_url:
        raise ConfigError(f'config key {p}oauth2_token_url: required with oauth2_provider = '
                          '"custom"')
    if token_url and provider != "custom":
        raise ConfigError(f'config key {p}oauth2_token_url: only used with oauth2_provider = '
                          f'"custom" ({provider} has its own)')
    if token_url and not _token_url_ok(token_url):
        raise ConfigError(f"config key {p}oauth2_token_url: must be an https:// URL "
                          "(http:// only for 127.0.0.1 or localhost)")
    return auth, provider, client_id, token_url


def _token_url_ok(url: str) -> bool:
    parts = urlsplit(url)
    if not parts.hostname:
        return False
    if parts.scheme == "https":
        return True
    return parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost", "::1")


def _store_url(value: Any, base: Path) -> str:
    if value is None or value == "":
        return default_store_url()
    if not isinstance(value, str):
        raise ConfigError("config key store.url: must be a string")
    if "://" not in value:  # a bare path means a SQLite file, relative to the config file
        path = Path(value).expanduser()
        return f"sqlite:///{path if path.is_absolute() else (base / path)}"
    return value


def _policy(table: Mapping[str, Any]) -> dict[str, Any]:
    """Validated against the default policy's keys, so a typo is a load error."""
    from mailsync.policy import PolicyRules

    try:
        PolicyRules.from_toml("", overrides=table)
    except ConfigError as exc:
        raise ConfigError(f"config key {exc}") from None
    return dict(table)


def _season(table: Mapping[str, Any]) -> dict[str, Any]:
    """Checked here so a bad date is a load error, not a surprise at approval time."""
    from datetime import UTC, datetime

    from mailsync.season import season_for

    _no_unknown(table, {"match_year", "rol_deadline", "match_day", "rol_certified_at"},
                "season.")
    try:
        season_for(datetime(2026, 11, 1, tzinfo=UTC), table)
    except ConfigError as exc:
        raise ConfigError(f"config key {exc}") from None
    return dict(table)


def _notify(table: Mapping[str, Any]) -> NotifySettings:
    _no_unknown(table, {"urls", "kinds", "max_per_minute"}, "notify.")
    urls = table.get("urls", [])
    kinds = table.get("kinds", list(DEFAULT_NOTIFY_KINDS))
    for key, value in (("urls", urls), ("kinds", kinds)):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"config key notify.{key}: must be a list of strings")
    return NotifySettings(urls=tuple(urls), kinds=tuple(kinds),
                          max_per_minute=_int(table, "max_per_minute", "notify.", 6, 1))


def _sync(table: Mapping[str, Any]) -> SyncSettings:
    p = "sync."
    _no_unknown(table, {"batch_size", "idle", "idle_renew_seconds", "poll_seconds",
                        "parse_workers"}, p)
    return SyncSettings(
        batch_size=_int(table, "batch_size", p, 500, 1),
        idle=_bool(table, "idle", p, True),
        idle_renew_seconds=_int(table, "idle_renew_seconds", p, 600, 10),
        poll_seconds=_int(table, "poll_seconds", p, 60, 1),
        parse_workers=_int(table, "parse_workers", p, 0, 0),
    )
