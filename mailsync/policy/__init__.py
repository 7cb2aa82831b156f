"""Per-program sending policy: may this message go out now, and if not, when?

Pure: the history, the program, the season and ``now`` come in; a
:class:`Decision` with every reason comes out. The numbers live in
``config/policy.default.toml`` (mirrored by :data:`DEFAULTS`); the rules come
from spec/policy.md: playbook caps (b), frequency limits (c), specialty notes
(f) and the NRMP rules R6, R11 and R13 (a).

Rule ids (stable, shown to the applicant and stored with the decision)::

    letter_of_intent_unique  second letter of intent this season     never overridable
    soap                     applicant-initiated mail during SOAP    never overridable
    match_deadline           accepting an offer after the deadline   never overridable
    program_policy           program's stated no-contact policy      never overridable
    rank_locked              rank-related mail after certification  overridable until the deadline
    all_in                   accepting an offer from a Match program overridable (R6 exceptions)
    specialty_cap            IM thank-you without an invitation      overridable
    budget                   per-program cap for the type            overridable
    duplicate                same interviewer / same status twice    overridable
    repeat                   second message of a type too soon       overridable
    season_cap               letters of interest to too many programs overridable
    post_interview_total     too many post-interview letters         overridable
    spacing                  messages to one program too close       overridable
    window                   outside the type's timing window        overridable
    daily_cap                global daily cap reached                overridable
    quiet_hours              22:00–06:00 in the program's time zone  overridable
    weekend                  Saturday or Sunday there                overridable

Modules: :mod:`~mailsync.policy.rules` (the numbers and their loading),
:mod:`~mailsync.policy.values` (Proposal, SentRecord, Block, Decision),
:mod:`~mailsync.policy.context` (what a check reads),
:mod:`~mailsync.policy.match_rules` (NRMP rules), :mod:`~mailsync.policy.limits`
(caps and frequency), :mod:`~mailsync.policy.windows` (timing windows, quiet
hours), :mod:`~mailsync.policy.timing` (time-zone and send-window maths) and
:mod:`~mailsync.policy.decision` (:func:`evaluate_policy`).
"""

from __future__ import annotations

from mailsync.policy.decision import CHECKS, evaluate_policy
from mailsync.policy.limits import POST_INTERVIEW_LETTERS
from mailsync.policy.rules import DEFAULTS, PolicyRules, TypeRule
from mailsync.policy.timing import (
    DEFAULT_TZ,
    in_quiet_hours,
    in_send_window,
    next_send_window,
    program_tz,
)
from mailsync.policy.values import Block, Decision, Proposal, SentRecord

__all__ = [
    "CHECKS", "DEFAULTS", "DEFAULT_TZ", "POST_INTERVIEW_LETTERS", "Block", "Decision",
    "PolicyRules", "Proposal", "SentRecord", "TypeRule", "evaluate_policy", "in_quiet_hours",
    "in_send_window", "next_send_window", "program_tz",
]
