"""Opening the database: engine, SQLite pragmas, migrations, transactions.

SQLite runs in WAL mode with ``synchronous=FULL``: a commit is on disk before
the action it guards (fetching the next batch, handing a message to SMTP), so a
kill -9 or a power cut never loses an acknowledged write. ``busy_timeout`` lets
the daemon and a CLI command share the file.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from mailsync.errors import StoreError
from mailsync.schema_version import bundled_head

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Database:
    """An engine plus a session factory; use :meth:`transaction` for every write."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One atomic unit: committed on success, rolled back on any exception."""
        with self._session() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads; nothing is committed."""
        with self._session() as session:
            yield session

    @contextmanager
    def _session(self) -> Iterator[Session]:
        """A session whose database errors arrive as one clear StoreError."""
        session = self.sessions()
        try:
            yield session
        except OperationalError as exc:
            raise StoreError(_explain(exc)) from exc
        finally:
            session.close()

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def dispose(self) -> None:
        self.engine.dispose()


def _explain(exc: OperationalError) -> str:
    text = str(exc.orig) if exc.orig else str(exc)
    if "locked" in text:
        return f"database is locked by another process ({text}); try again"
    if "disk" in text and "full" in text:
        return f"database disk is full ({text}); free space, nothing was lost"
    return f"database error: {text}"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if str(path) not in ("", ":memory:"):
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 10})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def open_database(url: str, *, migrate: bool = True) -> Database:
    """Open (and by default migrate to head) the database at ``url``."""
    try:
        engine = make_engine(url)
        if migrate:
            upgrade(engine)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot open database {_redact(url)}: {exc}") from exc
    return Database(url=url, engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))


def _redact(url: str) -> str:
    """Never print a database password."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        return f"{scheme}://{creds.split(':', 1)[0]}:***@{host}"
    return url


def _alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("mailsync.store") / "migrations"))
    cfg.attributes["engine"] = engine
    return cfg


def _head_revision(cfg: Any) -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(cfg).get_current_head()


def current_revision(engine: Engine) -> str | None:
    if not inspect(engine).has_table("alembic_version"):
        return None
    with engine.connect() as conn:
        row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
    return row[0] if row else None


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration; cheap when it is already there."""
    current = current_revision(engine)
    if current is not None and current == bundled_head():
        return
    from alembic import command

    cfg = _alembic_config(engine)
    if current == _head_revision(cfg):
        return
    log.info("migrating database to %s", _head_revision(cfg))
    command.upgrade(cfg, "head")
