"""The labels of ``spec/taxonomy.md``: one kind and zero or more flags per message."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """Exactly one per message. Declared in precedence order, most actionable first."""

    PRE_MATCH_OFFER = "pre_match_offer"
    INTERVIEW_INVITE = "interview_invite"
    REJECTION = "rejection"
    WAITLIST = "waitlist"
    INFO_REQUEST = "info_request"
    INTEREST_SIGNAL = "interest_signal"
    INTERVIEW_LOGISTICS = "interview_logistics"
    ADMIN_NOTICE = "admin_notice"
    PROGRAM_UPDATE = "program_update"
    OTHER = "other"

    @property
    def precedence(self) -> int:
        """Lower wins when two kinds fit (taxonomy.md, "more specific and more actionable")."""
        return _PRECEDENCE[self]


_PRECEDENCE = {kind: i for i, kind in enumerate(Kind)}  # declaration order


class Flag(StrEnum):
    """Zero or more per message, independent of the kind."""

    RANK_INQUIRY = "rank_inquiry"
    COMMITMENT_REQUEST = "commitment_request"
    WITHDRAWAL_REQUEST = "withdrawal_request"
    RESPONSE_DEADLINE = "response_deadline"

    @property
    def is_red(self) -> bool:
        """Red flags need the applicant's attention before any reply is sent."""
        return self is not Flag.RESPONSE_DEADLINE


RED_FLAGS = frozenset(f for f in Flag if f.is_red)


class OutgoingType(StrEnum):
    """Outgoing message types of the playbook (design.md; ids are a contract)."""

    PRE_INTERVIEW_INTEREST = "pre_interview_interest"
    INVITE_REPLY = "invite_reply"
    RESCHEDULE_REQUEST = "reschedule_request"
    THANK_YOU = "thank_you"
    UPDATE_LETTER = "update_letter"
    LETTER_OF_INTEREST = "letter_of_interest"
    LETTER_OF_INTENT = "letter_of_intent"
    VISA_UPDATE = "visa_update"
    INTEREST_REPLY = "interest_reply"
    RANK_INQUIRY_REPLY = "rank_inquiry_reply"
    OFFER_CLARIFY = "offer_clarify"
    OFFER_TIME_REQUEST = "offer_time_request"
    OFFER_DECLINE = "offer_decline"
    OFFER_ACCEPT = "offer_accept"
