"""Which schema migration this release bundles, learned without SQLAlchemy or Alembic.

Opening the store compares this with the store's ``alembic_version`` before it
imports alembic (a tenth of a second), and the quick no-op pass
(:mod:`mailsync.quicksync`) compares it before trusting the tables it reads. It
lives outside :mod:`mailsync.store`, whose package import loads SQLAlchemy.
"""

from __future__ import annotations

import re
from pathlib import Path

#: The migration files: mailsync/store/migrations/versions/*.py.
VERSIONS = Path(__file__).resolve().parent / "store" / "migrations" / "versions"
_REVISION = re.compile(r'^(down_)?revision\s*(?::[^=]*)?=\s*["\']?([\w-]*)', re.M)


def bundled_head(versions: Path = VERSIONS) -> str | None:
    """The newest bundled migration, read from the revision files themselves; None when
    the files do not show one clear head (alembic then decides)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in versions.iterdir():
        if not path.name.endswith(".py"):
            continue
        for down, rev in _REVISION.findall(path.read_text(encoding="utf-8")):
            (parents if down else revisions).add(rev)
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None
