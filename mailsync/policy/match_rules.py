"""Match rules: what the NRMP rules and the season forbid outright.

* ``letter_of_intent_unique``: one "#1" letter in total (policy.md (b), all seeds).
* ``soap``: no applicant-initiated contact during SOAP (R13).
* ``match_deadline``: no accepting a concurrent-year position after the
  rank-list deadline (R11); ``all_in``: an offer from a Match program breaches
  All In unless an exception applies (R6).
* ``rank_locked``: nothing rank-related once the list is certified (policy.md (c)).

Only ``all_in`` and (before the deadline) ``rank_locked`` may be overridden.
"""

from __future__ import annotations

from mailsync.policy.context import CheckContext
from mailsync.policy.timing import midnight_after
from mailsync.policy.values import Block
from mailsync.taxonomy import OutgoingType as T


def check_intent_unique(ctx: CheckContext) -> list[Block]:
    """Exactly one letter of intent per season (policy.md (b), all seeds)."""
    if ctx.proposal.type is not T.LETTER_OF_INTENT:
        return []
    taken = ctx.taken_by or next(
        (r.program_id or "?" for r in ctx.history if r.type is T.LETTER_OF_INTENT), None
    )
    if taken is None:
        return []
    return [Block(rule="letter_of_intent_unique", overridable=False,
                  reason=f"a letter of intent already went to program {taken}; only one "
                         "program may ever be told it is your #1 (policy.md (b))")]


def check_soap(ctx: CheckContext) -> list[Block]:
    """R13: during SOAP applicants may not initiate contact with programs."""
    if not ctx.rule.unsolicited or not ctx.season.in_soap(ctx.send_at):
        return []
    after = midnight_after(ctx.season.soap_end, ctx.season.rol_deadline.tzinfo)
    return [Block(rule="soap", overridable=False, not_before=after,
                  reason="SOAP week: applicants may not initiate contact with programs (R13)")]


def check_offer(ctx: CheckContext) -> list[Block]:
    """R11 (no acceptance after the deadline) and R6 All In (Match programs)."""
    if ctx.proposal.type is not T.OFFER_ACCEPT:
        return []
    if ctx.season.deadline_passed(ctx.send_at):
        return [Block(rule="match_deadline", overridable=False,
                      reason="the rank-list deadline has passed: an independent applicant may "
                             "not accept a concurrent-year position outside the Match (R11)")]
    if ctx.program is not None and ctx.program.nrmp_participating:
        return [Block(rule="all_in", overridable=True,
                      reason=f"{ctx.program.name} takes part in the NRMP Match: an offer outside "
                             "it breaches All In unless an exception applies (R6); get it in "
                             "writing and check policy.md (e)")]
    return []


def check_rank_locked(ctx: CheckContext) -> list[Block]:
    """Nothing rank-related after the rank list is certified (policy.md (c), 003 seed)."""
    if not ctx.rule.rank_related or not ctx.season.rank_list_locked(ctx.send_at):
        return []
    passed = ctx.season.deadline_passed(ctx.send_at)
    why = "the rank-list deadline has passed" if passed else "your rank list is certified"
    return [Block(rule="rank_locked", overridable=not passed,
                  reason=f"{why}: nothing rank-related may be sent now (policy.md (c))")]
