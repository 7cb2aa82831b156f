"""My pure modules import no I/O libraries and never read the clock (architecture.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PURE = ["playbook", "lint", "policy", "season", "timeline"]
FORBIDDEN = {"sqlalchemy", "imapclient", "aiosmtplib", "apscheduler", "keyring", "apprise",
             "click", "rich", "socket"}


@pytest.mark.parametrize("name", PURE)
def test_module_is_pure(name: str) -> None:
    path = Path(__file__).resolve().parents[2] / "mailsync" / f"{name}.py"
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            assert not {a.name.split(".")[0] for a in node.names} & FORBIDDEN
        elif isinstance(node, ast.ImportFrom):
            assert (node.module or "").split(".")[0] not in FORBIDDEN
        elif isinstance(node, ast.Attribute):
            assert node.attr not in {"now", "utcnow", "sleep", "today"} or not (
                isinstance(node.value, ast.Name) and node.value.id in {"datetime", "time", "date"})
