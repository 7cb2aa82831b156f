"""``mailsync demo``: the whole pipeline on bundled sample mail, embedded defaults."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.option("--keep", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Keep the demo's database in this directory instead of a temporary one.")
def demo(keep: Path | None) -> None:
    """Run sync, classify, link, draft, approve and send on sample mail; no account needed."""
    from mailsync.demo import run_demo

    if keep:
        keep.mkdir(parents=True, exist_ok=True)
    click.echo("mailsync demo: a Match season's mailbox, processed end to end")
    click.echo("")
    result = run_demo(click.echo, keep)
    click.echo("")
    click.echo(f"done: {result.imported} messages, {len(result.kinds)} kinds, "
               f"{sum(result.flags.values())} flags, {result.linked} linked")
