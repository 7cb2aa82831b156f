"""Facts a template needs, and the header comment in which a template declares them.

"Missing facts are asked for, never invented" (design.md): every template
opens with a header naming its recipient and the facts it needs, each with a
plain-words description that :class:`~mailsync.playbook.render.MissingFacts`
shows to the applicant. Header format::

    {#-
    to: pd
    facts:
      program_tie: a real tie to the program or its city
    facts.emergency_medicine:
      em_rotation: your US emergency medicine rotation or SLOE
    optional:
      platform: the scheduling platform
    -#}
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

# Facts every template gets from the profile, program or reply; described for
# MissingFacts when a template needs one that is absent.
BASE_FACTS: dict[str, str] = {
    "applicant_name": "your full name (profile key 'name')",
    "program_name": "the program's name",
    "degree": "your medical degree, e.g. MD or MBBS (profile key 'degree')",
    "school": "your medical school (profile key 'school')",
    "country": "the country of your medical school (profile key 'country')",
    "pd_name": "the program director's name, for 'Dear Dr. Lastname'",
    "to_email": "the recipient's email address",
    "interviewer_email": "the interviewer's email address",
    "city": "the program's city",
}


class FactSpec(NamedTuple):
    """One fact a template needs: its key and what it is, in plain words."""

    key: str
    description: str


# Every template needs these two, whatever its header says.
BASE_REQUIRED: tuple[FactSpec, ...] = (
    FactSpec("applicant_name", BASE_FACTS["applicant_name"]),
    FactSpec("program_name", BASE_FACTS["program_name"]),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class TemplateSpec:
    """A template's header: recipient choice and declared facts."""

    to: tuple[str, ...]
    facts: tuple[FactSpec, ...]
    by_specialty: Mapping[str, tuple[FactSpec, ...]] = field(default_factory=dict)
    optional: tuple[FactSpec, ...] = ()

    def required(self, group: str) -> tuple[FactSpec, ...]:
        return (*self.facts, *self.by_specialty.get(group, ()))

    def declared(self) -> tuple[FactSpec, ...]:
        """Every fact the header names: required, optional, then per specialty."""
        return (*self.facts, *self.optional, *(f for v in self.by_specialty.values() for f in v))


_HEADER = re.compile(r"\A\s*\{#-?(.*?)-?#\}", re.S)


def parse_header(source: str) -> TemplateSpec:
    """Read the declaration comment at the top of a template (format: module doc)."""
    m = _HEADER.match(source)
    sections: dict[str, list[FactSpec]] = {}
    to: tuple[str, ...] = ()
    current = ""
    for raw in (m.group(1) if m else "").splitlines():
        line = raw.rstrip()
        if not line.strip():
            continue
        if not raw[:1].isspace():
            key, _, value = line.partition(":")
            if key == "to":
                to = tuple(v.strip() for v in value.split(",") if v.strip())
            current = key.strip()
            sections.setdefault(current, [])
            continue
        key, _, desc = line.strip().partition(":")
        sections.setdefault(current, []).append(FactSpec(key.strip(), desc.strip()))
    by_spec = {k.split(".", 1)[1]: tuple(v) for k, v in sections.items()
               if k.startswith("facts.")}
    return TemplateSpec(to=to, facts=tuple(sections.get("facts", ())), by_specialty=by_spec,
                        optional=tuple(sections.get("optional", ())))
