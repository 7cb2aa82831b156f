"""People's names as they appear in mail: "Dr. Jane Doe, MD" → family name "Doe".

Greetings use the family name ("Dear Dr. Lastname", 001 seed), so titles and
degrees are stripped before taking the last word.
"""

from __future__ import annotations

import re

_TITLES = {"dr", "md", "do", "phd", "mph", "mbbs", "facp", "facep", "faap", "mba", "ms", "prof",
           "mr", "mrs", "miss", "jr", "sr", "ii", "iii"}


def last_name(full_name: str) -> str:
    """Family name with titles and degrees stripped ("Dr. Jane Doe, MD" → "Doe")."""
    words = [w for w in full_name.replace(",", " ").split()
             if w.strip(".").lower() not in _TITLES]
    return words[-1] if words else ""


def is_doctor(name: str) -> bool:
    return bool(re.match(r"\s*dr\b", name, re.I) or re.search(
        r",\s*(md|do|mbbs|phd)\b", name, re.I))
