"""My pure modules import no I/O libraries and never read the clock (architecture.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PURE = ["playbook", "lint", "policy", "season", "timeline"]
FORBIDDEN = {"sqlalchemy", "imapclient", "aiosmtplib", "apscheduler", "keyring", "apprise",
             "click", "rich", "socket"}


def _paths(name: str) -> list[Path]:
    """``name.py``, or every module of the package ``name/``."""
    base = Path(__file__).resolve().parents[2] / "mailsync" / name
    return sorted(base.rglob("*.py")) if base.is_dir() else [base.with_suffix(".py")]


@pytest.mark.parametrize("path", [p for n in PURE for p in _paths(n)],
                         ids=lambda p: p.stem if p.parent.name == "mailsync"
                         else f"{p.parent.name}.{p.stem}")
def test_module_is_pure(path: Path) -> None:
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            assert not {a.name.split(".")[0] for a in node.names} & FORBIDDEN
        elif isinstance(node, ast.ImportFrom):
            assert (node.module or "").split(".")[0] not in FORBIDDEN
        elif isinstance(node, ast.Attribute):
            assert node.attr not in {"now", "utcnow", "sleep", "today"} or not (
                isinstance(node.value, ast.Name) and node.value.id in {"datetime", "time", "date"})
