"""Progress bars on stderr for long work (first sync, big imports), silent when piped."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def progress_bar() -> Iterator[Callable[[str, int | None], Callable[[int], None]]]:
    """Yields ``start(description, total) -> advance(n)``. Rich is imported here: a
    no-op sync, run every few minutes, should not pay for loading it."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    console = Console(stderr=True)
    bar = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
        TimeRemainingColumn(), console=console, transient=True,
        disable=not sys.stderr.isatty(),
    )

    def start(description: str, total: int | None) -> Callable[[int], None]:
        task = bar.add_task(description, total=total)
        return lambda n: bar.advance(task, n)

    with bar:
        yield start
