"""The ``other_program`` rule: another program's name in a letter to this one.

A letter pasted from one program to another, or talk of where else one
applied, breaks R2 / policy.md (d) ("I'd rather not discuss other programs")
and design.md's lint. A program is named by its full name, its institution,
its "brand" (the leading words shared by both, "Coral Ridge") and its
institution's acronym. Names the applicant's own program shares (same
institution, city, the applicant's school) are not counted; a name after
"my rotation at" is a place of training and only warns.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

from mailsync.lint.document import Doc
from mailsync.lint.findings import BLOCKING, WARNING, Finding, Span
from mailsync.programs import Program

_GENERIC = {"saint", "st", "university", "general", "memorial", "mount", "children's",
            "childrens", "regional", "community", "medical", "center", "centre", "hospital",
            "health", "system", "the", "of", "and", "college", "school", "clinic", "valley",
            "city", "county", "state", "north", "south", "east", "west", "new", "baptist",
            "methodist", "mercy", "university's", "institute", "hospitals", "healthcare"}
_SPECIALTY_WORDS = {"internal", "medicine", "emergency", "pediatric", "pediatrics",
                    "radiology", "diagnostic", "interventional", "surgery", "general", "family",
                    "psychiatry", "neurology", "anesthesiology", "transitional", "year",
                    "obstetrics", "gynecology", "residency", "program", "integrated"}


def _norm(text: str) -> str:
    text = text.lower().replace("’", "'").replace("saint ", "st ").replace("st. ", "st ")
    return re.sub(r"[^\w' ]+", " ", text).strip()


def _brand(program: Program) -> str:
    """Leading words shared by the program's name and its institution ("Coral Ridge")."""
    name, inst = program.name.split(), program.institution.split()
    shared = []
    for a, b in zip(name, inst, strict=False):
        if a.lower() != b.lower():
            break
        shared.append(a)
    if not shared:
        shared = [w for w in name if w.lower() not in _SPECIALTY_WORDS][:2]
        shared = shared if len(shared) == 2 else []
    return " ".join(shared)


def _acronym(institution: str) -> str:
    words = [w for w in re.split(r"[\s-]+", institution)
             if w and w.lower() not in {"of", "the", "and", "for", "at"}]
    return "".join(w[0] for w in words if w[0].isalpha()).upper()


def _phrases(program: Program) -> list[tuple[str, bool]]:
    """(phrase, case_sensitive) that name a program: full name, institution, brand, acronym."""
    out = [(program.name, False), (program.institution, False)]
    brand = _brand(program)
    words = [w for w in _norm(brand).split() if w]
    if words and any(w not in _GENERIC for w in words) and len(brand) >= 4:
        out.append((brand, False))
    acro = _acronym(program.institution)
    if len(acro) >= 3:
        out.append((acro, True))
    return [(p, cs) for p, cs in out if p.strip()]


def _phrase_regex(phrase: str, case_sensitive: bool) -> re.Pattern[str]:
    words = [re.escape(w) for w in re.split(r"\s+", phrase.strip())]
    body = r"\s+".join(words).replace("Saint", "(?:Saint|St\\.?)").replace("'", "['’]")
    return re.compile(rf"(?<![\w-]){body}(?![\w-])", 0 if case_sensitive else re.I)


def other_programs(doc: Doc, program: Program | None, programs: Sequence[Program],
                   profile: Mapping[str, str]) -> Iterator[Finding]:
    """Another program's name pasted in (design.md lint; shared institutions allowed)."""
    if program is None:
        return
    own = _norm(" ".join((program.name, program.institution, program.city,
                          profile.get("school", ""))))
    own_acro = _acronym(program.institution)
    seen: list[tuple[int, int]] = []
    for other in sorted(programs, key=lambda p: -len(p.name)):
        if other.program_id == program.program_id:
            continue
        same_inst = _norm(other.institution) == _norm(program.institution)
        for phrase, cs in sorted(_phrases(other), key=lambda x: -len(x[0])):
            if (cs and phrase == own_acro) or (not cs and _norm(phrase) in own):
                continue
            for m in doc.finditer(_phrase_regex(phrase, cs)):
                if any(s < m.end() and m.start() < e for s, e in seen):
                    continue
                seen.append((m.start(), m.end()))
                mild = same_inst or _experience(doc.text, m.start())
                yield _other_finding(other, m, mild)


_EXPERIENCE = re.compile(r"\b(?:rotation|rotations|observership|externship|clerkship|elective|"
                         r"sub-?internship|research|worked|work|trained|training|volunteered|"
                         r"shadowed|SLOE|letter)\b[^.\n]{0,40}\b(?:at|with|from|in)\s+(?:the\s+)?$",
                         re.I)


def _experience(text: str, start: int) -> bool:
    """"my rotation at X" names a place of experience, not a pasted letter."""
    return bool(_EXPERIENCE.search(text[max(0, start - 80):start]))


def _other_finding(other: Program, m: re.Match[str], mild: bool) -> Finding:
    return Finding(
        rule="other_program", severity=WARNING if mild else BLOCKING,
        span=Span.of(m),
        reason=f"names another program ({other.name}, {other.program_id})"
               + (" (same institution or a place you trained: check it)" if mild else "")
               + ": a pasted letter or talk of other programs (R2)",
        fix="remove it, or check the draft is addressed to the right program")
