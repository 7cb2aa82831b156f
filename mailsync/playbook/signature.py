"""The closing and signature every draft ends with.

policy.md (b) "All messages": a signature with the AAMC and ECFMG IDs (002,
003 seeds); letters to the program director close formally.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from mailsync.taxonomy import OutgoingType as T

_FORMAL = {T.PRE_INTERVIEW_INTEREST, T.UPDATE_LETTER, T.LETTER_OF_INTEREST,
           T.LETTER_OF_INTENT, T.THANK_YOU, T.OFFER_ACCEPT, T.OFFER_DECLINE}


def signature_block(profile: Mapping[str, str], type_: T) -> str:
    """Closing and signature; the AAMC and ECFMG IDs are always added (002, 003 seeds)."""
    closing = "Sincerely," if type_ in _FORMAL else "Best regards,"
    custom = profile.get("signature", "").strip()
    aamc, ecfmg = profile.get("aamc_id", "").strip(), profile.get("ecfmg_id", "").strip()
    if custom:
        lines = [custom]
    else:
        name = profile.get("name", "").strip()
        degree = profile.get("degree", "").strip()
        lines = [f"{name}, {degree}" if degree else name]
        school = ", ".join(x for x in (profile.get("school", "").strip(),
                                       profile.get("country", "").strip()) if x)
        if school:
            lines.append(school)
    digits = re.sub(r"\D", "", "\n".join(lines))
    for label, value in (("AAMC ID", aamc), ("ECFMG ID", ecfmg)):
        if value and re.sub(r"\D", "", value) not in digits:
            lines.append(f"{label}: {value}")
    contact = " | ".join(x for x in (profile.get("email", "").strip(),
                                     profile.get("phone", "").strip()) if x)
    if contact and not custom:
        lines.append(contact)
    return closing + "\n" + "\n".join(lines)
