"""``mailsync demo``: the whole pipeline on bundled sample mail, no account needed.

Everything runs against embedded defaults: a temporary SQLite store, the sample
programs and applicant bundled in ``mailsync/sample``, and, for sending, an SMTP
server started in-process on 127.0.0.1. The clock is fixed inside the sample
season so the demo prints the same story every time.
"""

from __future__ import annotations

import tempfile
import tomllib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from mailsync import service
from mailsync.clock import FixedClock
from mailsync.config import Settings, settings_from_dict
from mailsync.programs import parse_programs_csv
from mailsync.store import Database
from mailsync.store import messages as repo
from mailsync.store.schema import ProgramRow
from mailsync.taxonomy import RED_FLAGS

#: A Tuesday morning in the sample season, so quiet hours and weekends do not interfere.
DEMO_NOW = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)

Echo = Callable[[str], None]


def sample_dir() -> Path:
    return Path(str(resources.files("mailsync") / "sample"))


def demo_settings(workdir: Path, smtp_port: int | None = None) -> Settings:
    from mailsync.demo_loop import account_table

    applicant = tomllib.loads((sample_dir() / "applicant.toml").read_text())["applicant"]
    data: dict[str, Any] = {
        "applicant": applicant, "store": {"url": f"sqlite:///{workdir / 'demo.sqlite3'}"},
        "sync": {"parse_workers": 1},
    }
    if smtp_port:
        data["accounts"] = account_table(smtp_port)
    return settings_from_dict(data, path=workdir / "mailsync.toml")


@dataclass
class DemoResult:
    """What the demo did, for the summary and for tests."""

    imported: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    flags: Counter[str] = field(default_factory=Counter)
    linked: int = 0
    rows: list[dict[str, Any]] = field(default_factory=list)
    loop: dict[str, Any] = field(default_factory=dict)


def import_programs(db: Database, now: datetime) -> int:
    records = parse_programs_csv((sample_dir() / "programs.csv").read_text())
    with db.transaction() as s:
        for p in records:
            s.merge(ProgramRow(program_id=p.program_id, name=p.name, record=p.as_row(),
                               imported_at=now))
    return len(records)


def run_demo(echo: Echo, workdir: Path | None = None) -> DemoResult:
    """Run every stage, printing as it goes; returns what happened."""
    from mailsync.demo_loop import embedded_smtp

    with tempfile.TemporaryDirectory(prefix="mailsync-demo-") as tmp, \
            embedded_smtp() as (port, received):
        root = workdir or Path(tmp)
        settings = demo_settings(root, port)
        clock = FixedClock(DEMO_NOW)
        db = service.open_store(settings)
        try:
            return _stages(settings, db, clock, echo, received)
        finally:
            db.dispose()


def _stages(settings: Settings, db: Database, clock: FixedClock, echo: Echo,
            received: Any) -> DemoResult:
    result = DemoResult()
    n_programs = import_programs(db, clock.now())
    echo(f"1. programs: {n_programs} sample programs imported")
    seen, new = service.import_path(db, sample_dir() / "mail", clock)
    result.imported = new
    echo(f"2. sync: {seen} sample messages stored (raw bytes first, never altered)")
    analyzed = service.analyze_pending(db, settings, clock)
    echo(f"3. classify + link: {analyzed} messages labeled, each with its reasons")
    _collect(db, result)
    _print_summary(result, echo)
    from mailsync.demo_loop import run_loop

    result.loop = run_loop(settings, db, clock, echo, result.rows, received)
    return result


def _collect(db: Database, result: DemoResult) -> None:
    with db.reading() as s:
        for row in s.execute(repo.message_query()):
            kind = row.kind or "unlabeled"
            result.kinds[kind] += 1
            for flag in row.flags or []:
                result.flags[flag] += 1
            if row.program_id:
                result.linked += 1
            result.rows.append({
                "id": row.id, "date": row.date, "from": row.from_addr, "subject": row.subject,
                "kind": kind, "flags": list(row.flags or []),
                "program_id": row.program_id,
                "reason": _first_reason(row.reasons or []),
            })


def _first_reason(reasons: list[dict[str, str]]) -> str:
    if not reasons:
        return ""
    r = reasons[0]
    return f"{r.get('cue')}: {r.get('span') or r.get('detail')}"[:70]


def _print_summary(result: DemoResult, echo: Echo) -> None:
    echo("")
    echo("   kind                  messages")
    for kind, n in result.kinds.most_common():
        echo(f"   {kind:<22}{n:>5}")
    echo(f"   linked to a program: {result.linked} of {sum(result.kinds.values())}")
    red = [r for r in result.rows if set(r["flags"]) & {f.value for f in RED_FLAGS}]
    echo("")
    echo(f"   red flags needing your attention before any reply: {len(red)}")
    for r in red:
        echo(f"   ! #{r['id']} {r['program_id'] or '-':<4} {', '.join(r['flags'])}: "
             f"{r['subject'][:60]}")
        echo(f"       because {r['reason']}")
    echo("")
