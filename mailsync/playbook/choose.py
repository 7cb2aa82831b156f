"""Choosing a reply: which outgoing types fit an incoming message, best first.

From the playbook (policy.md (b)) and the red-flag table (d): a rank inquiry,
commitment request or withdrawal request puts the non-binding reply first;
a pre-match offer is clarified first against the (e) checklist
(:data:`OFFER_CHECKLIST`, shown next to those drafts).
"""

from __future__ import annotations

import re

from mailsync.taxonomy import Flag, Kind
from mailsync.taxonomy import OutgoingType as T

# policy.md (e), shown next to offer_clarify / offer_time_request drafts.
OFFER_CHECKLIST: tuple[str, ...] = (
    "Match status: is this program (ACGME number) in this year's Main Match? If yes, an offer "
    "outside the Match breaches All In unless an exception applies. Get it in writing.",
    "ACGME accreditation in the specialty.",
    "Board eligibility on completion (e.g. ABEM/AOBEM).",
    "Visa type sponsored, in writing, feasible for the start date (ECFMG certification, "
    "DS-2019 timing, Step 3 and fee for H-1B).",
    "Written contract: PGY level, salary, length, start date, conditions.",
    "Time: ask for a few days.",
    "Does acceptance require withdrawing from the Match? Withdrawal must precede the ROL "
    "deadline (R11).",
    "Quality: current residents (ideally IMGs), board pass rates, outcomes.",
    "Advice before signing: advisor, ECFMG, NRMP.",
)


_VISA_CUE = re.compile(r"\b(visa|j-?1|h-?1b|sponsor\w*|ecfmg|citizenship|green card|"
                       r"permanent resident|work authori[sz]ation)\b", re.I)
_INTEREST_CUE = re.compile(r"\b(level of interest|still interested|remain (under )?"
                           r"consideration|continued interest)\b", re.I)
_UPDATE_CUE = re.compile(r"\b(step ?[123]|score|transcript|updated? (cv|documents?)|"
                         r"publication|certification)\b", re.I)
_RED = frozenset({Flag.RANK_INQUIRY, Flag.COMMITMENT_REQUEST, Flag.WITHDRAWAL_REQUEST})


def choose_type(kind: Kind, flags: frozenset[Flag], *, text: str = "") -> tuple[T, ...]:
    """Reply types for an incoming message, best first (policy.md (b), (d)).

    A red flag puts the non-binding reply first, except for a pre-match offer,
    where clarifying the offer (checklist (e), :data:`OFFER_CHECKLIST`) comes
    first. ``text`` (the message body) refines info requests (visa → visa_update).
    """
    red = bool(flags & _RED)
    if kind is Kind.PRE_MATCH_OFFER:
        base: tuple[T, ...] = (T.OFFER_CLARIFY, T.OFFER_TIME_REQUEST, T.OFFER_DECLINE,
                               T.OFFER_ACCEPT)
        return (*base, T.RANK_INQUIRY_REPLY) if red else base
    by_kind: dict[Kind, tuple[T, ...]] = {
        Kind.INTERVIEW_INVITE: (T.INVITE_REPLY, T.RESCHEDULE_REQUEST),
        Kind.INTERVIEW_LOGISTICS: (T.RESCHEDULE_REQUEST,),
        Kind.INTEREST_SIGNAL: (T.INTEREST_REPLY,),
        Kind.INFO_REQUEST: _info_types(text),
        Kind.WAITLIST: (T.UPDATE_LETTER,),
    }
    types = by_kind.get(kind, ())
    if red:
        return (T.RANK_INQUIRY_REPLY, *(t for t in types if t is not T.RANK_INQUIRY_REPLY))
    return types


def _info_types(text: str) -> tuple[T, ...]:
    order = [T.VISA_UPDATE, T.UPDATE_LETTER, T.INTEREST_REPLY]
    if _INTEREST_CUE.search(text):
        order = [T.INTEREST_REPLY, T.UPDATE_LETTER, T.VISA_UPDATE]
    elif _UPDATE_CUE.search(text) and not _VISA_CUE.search(text):
        order = [T.UPDATE_LETTER, T.VISA_UPDATE, T.INTEREST_REPLY]
    return tuple(order)
