"""Specialty groups: which wording family of policy.md (f) a specialty belongs to.

Templates vary some sentences by specialty (EM's SLOE, radiology's IR track,
IM's AAIM guidance); a free-text specialty name maps to one of
:data:`SPECIALTY_GROUPS`, "general" when none fits.
"""

from __future__ import annotations

SPECIALTY_GROUPS = ("general", "internal_medicine", "emergency_medicine", "pediatrics",
                    "radiology")


def specialty_group(specialty: str) -> str:
    """Map a specialty name to the wording group of policy.md (f)."""
    s = specialty.strip().lower()
    if "radiolog" in s or s in {"dr", "ir", "esir"}:
        return "radiology"
    if "emergency" in s or s == "em":
        return "emergency_medicine"
    if "pediatric" in s or "paediatric" in s or s == "peds":
        return "pediatrics"
    if "internal medicine" in s or s == "im":
        return "internal_medicine"
    return "general"
