"""Per-invocation state shared by the commands: config path, settings, store, clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click

from mailsync.clock import Clock, SystemClock
from mailsync.config import Settings, load_settings, resolve_config_path

if TYPE_CHECKING:
    from mailsync.store import Database


@dataclass
class App:
    config_option: str | None = None
    clock: Clock = field(default_factory=SystemClock)
    _settings: Settings | None = None
    _db: Database | None = None

    @property
    def config_path(self) -> Path:
        return resolve_config_path(self.config_option)

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(self.config_path)
        return self._settings

    @property
    def db(self) -> Database:
        if self._db is None:
            from mailsync.service import open_store

            self._db = open_store(self.settings)
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()


pass_app = click.make_pass_decorator(App)


def config_option(func):  # type: ignore[no-untyped-def]
    """``--config FILE`` on every command (also accepted before the command name)."""

    def callback(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
        if value:
            ctx.ensure_object(App).config_option = value

    return click.option(
        "--config", "config", metavar="FILE", expose_value=False, callback=callback,
        is_eager=True, help="Config file (default: $MAILSYNC_CONFIG or the user config dir).",
    )(func)
