"""The pure core stays pure: decision modules import no I/O library and read no clock."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "mailsync"
PURE = [
    "taxonomy.py", "message.py", "labels.py", "programs.py", "classify", "link.py",
    "sync.py", "playbook", "lint", "policy", "outbox.py", "timeline.py",
    "season.py", "evaluate.py", "alerts.py",
]
FORBIDDEN_MODULES = {
    "sqlalchemy", "imapclient", "aiosmtplib", "apscheduler", "keyring", "apprise", "click",
    "rich", "socket", "subprocess", "requests", "httpx",
}
FORBIDDEN_CALLS = {("time", "sleep"), ("datetime", "now"), ("datetime", "utcnow"),
                   ("date", "today")}


def _files() -> list[Path]:
    out: list[Path] = []
    for name in PURE:
        path = PACKAGE / name
        if path.is_dir():
            out.extend(sorted(path.rglob("*.py")))
        elif path.exists():
            out.append(path)
    return out


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_pure_module_has_no_io(path: Path) -> None:
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                assert alias.name.split(".")[0] not in FORBIDDEN_MODULES, (
                    f"{path.name} imports {alias.name}")
        elif isinstance(node, ast.ImportFrom) and node.module:
            assert node.module.split(".")[0] not in FORBIDDEN_MODULES, (
                f"{path.name} imports from {node.module}")
            assert not node.module.startswith(("mailsync.store", "mailsync.imap",
                                               "mailsync.smtp", "mailsync.cli")), (
                f"{path.name} imports the adapter {node.module}")
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            assert (node.value.id, node.attr) not in FORBIDDEN_CALLS, (
                f"{path.name} calls {node.value.id}.{node.attr}")


def test_pure_modules_exist() -> None:
    assert len(_files()) >= 12
