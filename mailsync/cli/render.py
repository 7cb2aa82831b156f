"""Output: Rich tables for people, one JSON object per line for scripts."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

import click
from rich.console import Console
from rich.table import Table

FORMAT_CHOICE = click.Choice(["table", "jsonl"])


def format_option(default: str = "table"):  # type: ignore[no-untyped-def]
    return click.option("--format", "fmt", type=FORMAT_CHOICE, default=default,
                        show_default=True, help="table for people, jsonl for scripts.")


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(value) if isinstance(value, (set, frozenset)) else list(value)
    return str(value)


def jsonl(rows: Iterable[Mapping[str, Any]]) -> None:
    for row in rows:
        click.echo(json.dumps(row, ensure_ascii=False, default=_default))


def table(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], *, title: str = "") -> None:
    tbl = Table(title=title or None, show_lines=False)
    for col in columns:
        tbl.add_column(col, overflow="fold")
    for row in rows:
        tbl.add_row(*[_cell(row.get(col)) for col in columns])
    Console().print(tbl)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, (list, tuple, set, frozenset)):
        return ",".join(str(v) for v in value)
    return str(value)


def emit(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], fmt: str,
         *, title: str = "") -> None:
    if fmt == "jsonl":
        jsonl(rows)
    else:
        table(rows, columns, title=title)


def err(message: str) -> None:
    click.echo(f"error: {message}", err=True)
