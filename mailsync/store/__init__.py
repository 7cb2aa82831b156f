"""The durable store: SQLAlchemy 2 tables, Alembic migrations and one repository."""

from mailsync.store.db import Database, open_database

__all__ = ["Database", "open_database"]
