"""Output: Rich tables for people, one JSON object per line for scripts."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

import click

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


def jsonl(rows: Iterable[Mapping[str, Any]], *, chunk: int = 500) -> None:
    """One JSON object a line, written a few hundred lines at a time (one write and
    flush a line costs more than encoding it, on a 10,000-message inbox)."""
    lines: list[str] = []
    for row in rows:
        lines.append(json.dumps(row, ensure_ascii=False, default=_default))
        if len(lines) >= chunk:
            click.echo("\n".join(lines))
            lines = []
    if lines:
        click.echo("\n".join(lines))


#: Above this many rows a table is printed as plain aligned text: Rich measures every
#: cell to lay the table out, which takes 11 s for a 10,000-message inbox.
PLAIN_ABOVE = 500
#: The widest a plain-text column gets; longer cells are cut with an ellipsis.
PLAIN_WIDTH = 48


def table(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], *, title: str = "") -> None:
    """A Rich table; plain aligned text above PLAIN_ABOVE rows. Rich is imported here, so
    commands that print no table (a no-op sync, jsonl output) start without it."""
    if len(rows) > PLAIN_ABOVE:
        plain_table(rows, columns, title=title)
        return
    from rich.console import Console
    from rich.table import Table

    tbl = Table(title=title or None, show_lines=False)
    for col in columns:
        tbl.add_column(col, overflow="fold")
    for row in rows:
        tbl.add_row(*[_cell(row.get(col)) for col in columns])
    Console().print(tbl)


def plain_table(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], *,
                title: str = "") -> None:
    """The same columns as :func:`table`, one line a row, cells cut to ``PLAIN_WIDTH``."""
    cells = [[_cut(_cell(row.get(col))) for col in columns] for row in rows]
    widths = [max([len(col), *(len(line[i]) for line in cells)]) for i, col in enumerate(columns)]
    lines = [f"{title} ({len(rows)} rows)"] if title else []
    lines.append("  ".join(col.ljust(w) for col, w in zip(columns, widths, strict=True)).rstrip())
    lines.extend("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip()
                 for line in cells)
    for i in range(0, len(lines), 1000):
        click.echo("\n".join(lines[i:i + 1000]))


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= PLAIN_WIDTH else text[:PLAIN_WIDTH - 1] + "…"


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
