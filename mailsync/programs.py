"""Program records: the CSV schema of the corpus, and the contacts it implies.

Extra CSV columns are kept in ``extra`` so an applicant's own spreadsheet
columns survive an import/export round trip.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from mailsync.errors import ConfigError

CSV_COLUMNS = (
    "program_id", "name", "institution", "specialty", "track", "city", "state", "timezone",
    "nrmp_participating", "email_domains", "pd_name", "pd_email", "coordinator_name",
    "coordinator_email",
)
REQUIRED_COLUMNS = ("program_id", "name")


@dataclass(frozen=True, slots=True, kw_only=True)
class Contact:
    """A person at a program the applicant hears from."""

    role: str  # pd, apd, coordinator, interviewer, other
    name: str
    email: str

    @property
    def physician_names(self) -> tuple[str, ...]:
        """How mail names this contact when they are a physician: the surname, then the
        given name when written ("Dr. Emilio Castellanos" → ("Castellanos", "Emilio"),
        "Ana Ruiz, MD" → ("Ruiz", "Ana")), as in "Dr. Castellanos asked me to reach out"
        or "Emilio asked a few of us to write"; () for a contact not written as one."""
        name = self.name.strip()
        if not _DOCTOR.match(name) and not _DEGREE.search(name):
            return ()
        words = [w for w in name.split(",", 1)[0].split()
                 if w.rstrip(".").lower() not in ("dr", "doctor")]
        if not words or (len(words) == 1 and _DOCTOR.match(name) is None):
            return ()  # "Ruiz, MD" alone is too little to find in a letter
        given = words[0] if len(words) >= 2 else ""
        return (words[-1], given) if len(given) >= 3 and given[0].isupper() else (words[-1],)

    @property
    def physician_surname(self) -> str:
        """The surname of :attr:`physician_names`, or ""."""
        names = self.physician_names
        return names[0] if names else ""


_DOCTOR = re.compile(r"(?:Dr\.?|Doctor)\s")
_DEGREE = re.compile(r",\s*(?:MD|DO|MBBS)\b")


@dataclass(frozen=True, slots=True, kw_only=True)
class Program:
    """One residency program the applicant applied to."""

    program_id: str
    name: str
    institution: str = ""
    specialty: str = ""
    track: str = ""
    city: str = ""
    state: str = ""
    timezone: str = "America/New_York"
    nrmp_participating: bool = True
    email_domains: tuple[str, ...] = ()
    pd_name: str = ""
    pd_email: str = ""
    coordinator_name: str = ""
    coordinator_email: str = ""
    contacts: tuple[Contact, ...] = ()
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def all_contacts(self) -> tuple[Contact, ...]:
        """The PD and coordinator from their columns, then any other known contacts."""
        base = []
        if self.pd_email or self.pd_name:
            base.append(Contact(role="pd", name=self.pd_name, email=self.pd_email.lower()))
        if self.coordinator_email or self.coordinator_name:
            base.append(
                Contact(
                    role="coordinator",
                    name=self.coordinator_name,
                    email=self.coordinator_email.lower(),
                )
            )
        return (*base, *self.contacts)

    @property
    def pd_last_name(self) -> str:
        """The PD's family name, for "Dear Dr. Lastname" (titles and suffixes stripped)."""
        words = [w for w in self.pd_name.replace(",", " ").split() if w.rstrip(".").lower()
                 not in {"dr", "md", "do", "phd", "mph", "facp", "facep", "mba", "ms", "prof"}]
        return words[-1] if words else ""

    def as_row(self) -> dict[str, str]:
        row = {
            "program_id": self.program_id, "name": self.name, "institution": self.institution,
            "specialty": self.specialty, "track": self.track, "city": self.city,
            "state": self.state, "timezone": self.timezone,
            "nrmp_participating": "true" if self.nrmp_participating else "false",
            "email_domains": ";".join(self.email_domains), "pd_name": self.pd_name,
            "pd_email": self.pd_email, "coordinator_name": self.coordinator_name,
            "coordinator_email": self.coordinator_email,
        }
        row.update(self.extra)
        return row


def _truthy(value: str) -> bool:
    return value.strip().lower() in {"true", "yes", "1", "y", "t"}


def program_from_row(row: dict[str, str], *, line: int = 0) -> Program:
    """One CSV row to a Program; raises ConfigError naming the line and column."""
    clean = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k}
    for col in REQUIRED_COLUMNS:
        if not clean.get(col):
            raise ConfigError(f"programs CSV line {line}: column {col!r} is empty")
    domains = tuple(
        d.strip().lower().lstrip("@") for d in clean.get("email_domains", "").split(";")
        if d.strip()
    )
    extra = {k: v for k, v in clean.items() if k not in CSV_COLUMNS}
    nrmp = clean.get("nrmp_participating", "true")
    return Program(
        program_id=clean["program_id"],
        name=clean["name"],
        institution=clean.get("institution", ""),
        specialty=clean.get("specialty", ""),
        track=clean.get("track", ""),
        city=clean.get("city", ""),
        state=clean.get("state", ""),
        timezone=clean.get("timezone") or "America/New_York",
        nrmp_participating=_truthy(nrmp) if nrmp else True,
        email_domains=domains,
        pd_name=clean.get("pd_name", ""),
        pd_email=clean.get("pd_email", "").lower(),
        coordinator_name=clean.get("coordinator_name", ""),
        coordinator_email=clean.get("coordinator_email", "").lower(),
        extra=extra,
    )


def parse_programs_csv(text: str) -> list[Program]:
    """Parse the whole CSV text; duplicate ids are an error naming the id."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if not reader.fieldnames or "program_id" not in [f.strip() for f in reader.fieldnames]:
        raise ConfigError("programs CSV: no 'program_id' column in the header")
    programs: list[Program] = []
    seen: set[str] = set()
    for i, row in enumerate(reader, start=2):
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue
        prog = program_from_row(row, line=i)
        if prog.program_id in seen:
            raise ConfigError(f"programs CSV line {i}: duplicate program_id {prog.program_id!r}")
        seen.add(prog.program_id)
        programs.append(prog)
    return programs


def programs_to_csv(programs: Iterable[Program]) -> str:
    """The inverse of :func:`parse_programs_csv`, extra columns included."""
    rows = [p.as_row() for p in programs]
    columns = list(CSV_COLUMNS)
    for row in rows:
        columns.extend(k for k in row if k not in columns)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
