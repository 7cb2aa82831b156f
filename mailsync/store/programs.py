"""Reading program records from the store: one place for every command and step."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from mailsync.errors import UnknownRecordError
from mailsync.programs import Program, program_from_row
from mailsync.store.schema import ProgramRow


def load_programs(session: Session) -> list[Program]:
    """Every imported program, by id; linking and the lint check against all of them."""
    rows = session.scalars(select(ProgramRow).order_by(ProgramRow.program_id))
    return [program_from_row(r.record) for r in rows]


def get_program(session: Session, program_id: str | None) -> Program | None:
    """The program with this id (None for none); UnknownRecordError if it is not imported."""
    if not program_id:
        return None
    row = session.get(ProgramRow, program_id)
    if row is None:
        raise UnknownRecordError(f"no program {program_id!r}; see `mailsync programs list`")
    return program_from_row(row.record)
