"""Classify one incoming message: exactly one kind, zero or more flags, reasons, deadlines.

A pure function (no I/O, no clock): the same message, thread, programs and
feedback always give the same answer. The method is a weighted cue registry
(:mod:`mailsync.classify.cues`) read over the *new* part of the message
(:mod:`mailsync.classify.quoting`), a gate for mail that is not about the
applicant's applications (:mod:`mailsync.classify.context`), the precedence of
taxonomy.md, and deadline extraction (:mod:`mailsync.classify.deadlines`).

Both methods, chosen by measurement on mail by writers the cues were not
written from (``mailsync.evaluate``): the cues decide the flags always and the
kind when several agree; where they are unsure (confidence below 0.8), a small
learned model of the kind (:mod:`mailsync.classify.model`) may overrule them,
with its own reason. On the first two unseen held-out sets that lifted kind
macro-F1 from 0.85 to 0.92 and from 0.84 to 0.93. Red flags are the cues' and the
frames' (:mod:`mailsync.classify.frames`: an ask, a topic and an addressee, for
wording no cue knows), which say exactly which words asked, plus a learned addition:
a sentence-level model (:mod:`mailsync.classify.flag_model`) may add a red flag the
cues missed, naming the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from itertools import pairwise

from icalendar import Calendar

from mailsync.classify import engine, flag_model, model
from mailsync.classify.context import program_index, residency_terms, sender_context
from mailsync.classify.cues import ALL_CUES, INSTITUTIONAL_CUES
from mailsync.classify.deadlines import (
    candidate_sentences,
    deadlines_before_then,
    find_deadlines,
    has_date_hint,
)
from mailsync.classify.feedback import Feedback, FeedbackExample
from mailsync.classify.quoting import Parts, split_message
from mailsync.classify.text import normalize, sentence_at, sentences
from mailsync.labels import Classification, Deadline, Reason
from mailsync.message import ParsedMessage
from mailsync.programs import Program
from mailsync.season import match_year_for, third_friday_of_march
from mailsync.taxonomy import RED_FLAGS, Flag, Kind

__all__ = ["Feedback", "FeedbackExample", "classify", "message_view", "warm"]

_REPLY = ("re:", "aw:", "sv:", "antw:")
#: Rules confidence above their fallbacks (0.35-0.4): some cue said what the mail is.
_RULES_KNOW = 0.5


def message_view(msg: ParsedMessage) -> tuple[engine.View, Parts]:
    """The normalized texts the cues read, and the quoting split they came from."""
    subject = normalize(msg.subject or "")
    parts = split_message(msg.text or "", subject)
    is_reply = subject.lower().lstrip().startswith(_REPLY)
    body = normalize(parts.readable)
    if not is_reply and subject:
        body = f"{subject}\n\n{body}"
    att = "\n\n".join(normalize(a.text if a.content_type != "text/calendar"
                                  else _calendar_text(a.text))
                        for a in msg.attachments if a.text)
    return engine.View(subject=subject, body=body, attachments=att, is_reply=is_reply), parts


def _calendar_text(ics: str) -> str:
    """What a person reads in a calendar invitation: each event's title and description
    ("Commitment conversation. Dr. B would like to hear your commitment to rank us first
    …"), not the iCalendar source around them. Unreadable calendars give nothing."""
    try:
        cal = Calendar.from_ical(ics)
    except (ValueError, IndexError, KeyError):
        return ""
    parts = []
    for event in cal.walk("VEVENT"):
        for key in ("SUMMARY", "DESCRIPTION"):
            value = event.get(key)
            if value:
                parts.append(str(value))
    return "\n\n".join(parts)


def warm() -> None:
    """Load the learned models now. A process about to fork analysis workers calls this
    so that each worker inherits them instead of reading a megabyte of JSON itself."""
    model._default()
    flag_model._default()


def classify(
    msg: ParsedMessage,
    *,
    thread: Sequence[ParsedMessage] = (),
    programs: Sequence[Program] = (),
    feedback: Feedback | None = None,
    default_tz: str = "America/New_York",
) -> Classification:
    """Label one message (see the module docstring). Never raises on odd text."""
    view, parts = message_view(msg)
    ctx = sender_context(msg, programs, parts.forwarded_from, parts.forwarded_to)
    # A program's words through a friend's or an alumnus's mailbox: read them all.
    relay = None if ctx.institutional else relayed_ask(view.body,
                                                        program_index(programs).physicians)
    if relay is not None and ctx.personal:
        ctx = replace(ctx, personal=False)
    reading = engine.Reading(view)  # shared by the early exit and the full read
    early = engine.early_other(view, ctx, reading)  # personal, scam, commerce: nothing else to read
    if early is not None:
        return _apply_feedback(Classification(kind=Kind.OTHER, confidence=0.8, reasons=(early,)),
                               msg, feedback)
    # Commerce and subscription cues only matter for senders that are not a service, a
    # platform or a known program (see engine.other_gate); skip them otherwise.
    hits = engine.collect_hits(view, INSTITUTIONAL_CUES if ctx.institutional else ALL_CUES,
                               reading)
    past = _past_match_day(msg.date)  # no Match is at stake after Match Day
    hits = _after_match_day(hits) if past else hits
    hits = _interview_for_a_position(hits)
    # The vocabulary count only matters for senders that are not institutions.
    terms = 0 if ctx.institutional else len(residency_terms(f"{view.subject}\n{view.body}",
                                                            most=engine.OFF_TOPIC_EVIDENCE))
    best = max(engine.kind_scores(hits).values(), default=0.0)
    gate = engine.other_gate(hits, ctx, terms, bool(parts.forwarded), best, view.body,
                             relayed=relay is not None)
    if gate is not None:
        result = Classification(kind=Kind.OTHER, confidence=0.8 if gate.cue != "other.off_topic"
                                else 0.6, reasons=(gate,))
    else:
        result = _residency(msg, view, hits, ctx, programs, default_tz, past)
    # Where the cues are unsure, a learned second opinion may change the kind, and may add
    # a red flag the cues missed; neither makes an offer or a withdrawal request
    # of mail to an applicant who matched here (the contract is the Match's).
    after_match = engine.matched_here(hits)
    offered = any(h.cue.startswith("offer.") for h in hits)
    no_offer = after_match or (not offered and (past or _invited(hits)))
    combined = model.combine(result, view, msg)
    # The model reads words, not asks: a known program's mail whose cues say what it is or
    # find a red flag (an invitation dashed off from a phone, a bargain in Spanish) stays
    # about the applicant's applications, as does a relayed ask, and a program's text that a
    # phone service mails on (whose opt-out boilerplate the model reads as marketing).
    sure = relay is not None or ((ctx.program or ctx.phone_notice) and (
        result.confidence >= _RULES_KNOW or bool(result.flags & RED_FLAGS)))
    if not (no_offer and combined.kind is Kind.PRE_MATCH_OFFER) \
            and not (combined.kind is Kind.OTHER and sure):
        result = combined
    not_residency = _not_a_residency_position(result, hits, view.body)
    if not_residency is not None:
        return _apply_feedback(Classification(kind=Kind.OTHER, confidence=0.7,
                                              reasons=(not_residency,)), msg, feedback)
    if not after_match:
        result = flag_model.add_flags(result, view, msg, past_match_day=past,
                                      outside_match=past or _outside_match(hits, ctx, programs))
        if not past:
            result = _offer_asks_acceptance(result, hits, view.body, msg.date)
    if ctx.national:
        result = _from_rule_keeper(result, ctx.address)
    elif not ctx.program and relay is None and result.flags & RED_FLAGS \
            and _ADVISOR.search(_own_text(msg, parts)[-_SIGNATURE:]):
        result = _from_advisor(result)
    elif ctx.program and ctx.address not in program_index(programs).contacts \
            and not _PROGRAM_MAILBOX.search(ctx.address.partition("@")[0]) \
            and _ADVISOR.search(_own_text(msg, parts)[-_SIGNATURE:]):
        result = _from_school_office(result)
    result = _relayed(result, relay) if relay is not None else _red_flag_ask(result)
    return _apply_feedback(result, msg, feedback)


def _red_flag_ask(result: Classification) -> Classification:
    """No kind cue and no learned opinion, but a red-flag ask ("she'd like you to cancel your
    remaining FM interviews and reply here to confirm"): a request put to the applicant,
    not a notice. Decided last, so that the learned models read the kind the cues gave."""
    if result.kind is not Kind.ADMIN_NOTICE or not result.flags & RED_FLAGS \
            or not result.reasons or result.reasons[0].cue != "fallback":
        return result
    why = Reason(cue="fallback.red_flag_ask", detail="residency mail whose one cue is a "
                 "red-flag ask: it asks something of the applicant")
    return replace(result, kind=Kind.INFO_REQUEST, reasons=(why, *result.reasons[1:]))


def _relayed(result: Classification, relay: Reason) -> Classification:
    """A relayed ask with the kind it asks for: a sender-based fallback (a notice, a
    mailing) says nothing about a friend's note, so a relayed rank question is an info
    request and a relayed bargain or push an interest signal."""
    if result.kind is Kind.OTHER:
        return result
    kind = result.kind
    if kind in (Kind.ADMIN_NOTICE, Kind.PROGRAM_UPDATE):
        kind = Kind.INFO_REQUEST if Flag.RANK_INQUIRY in result.flags else \
            Kind.INTEREST_SIGNAL if result.flags & RED_FLAGS else kind
    return replace(result, kind=kind, reasons=(*result.reasons, relay))


#: Someone passing on a program's words: "Dr. Bashir ... asked me to find out from you",
#: "El Dr. Haddad me pidió que te escribiera". A physician or a program role must be
#: the one asking: "Nani asked me to find out which hospital is number one" is family.
_RELAY = re.compile(
    r"\b(?:asked|told|wanted|begged|messaged|called|texted) (?:me|(?:a few|some|several|a "
    r"couple|two|three) of us(?: alumni| residents| chiefs)?) to (?:\w+ly |sort of |kind of |"
    r"just )?(?:reach out|find out|ask|get in touch|write|pass|tell|check|text|message|contact|"
    # "Dr. Hutchens asked me to sort of feel things out with the Egyptian applicants"
    r"sound (?:you|things|it) out|feel (?:you|things|it) out)\b|"
    r"\b(?:he|she|they) said to tell you\b|\bme pidi[óo] que\b|"
    # "Then he asked me point blank whether you'd be ranking Bluewater first"
    r"\basked me (?:point[- ]blank |directly |straight out |outright )?(?:whether|if) you(?:'d| "
    r"would|'re| are| will| plan)\b", re.I)
_RELAY_KEYS = (" me to ", "said to tell", "pidió", "pidio", " ME TO ", " of us ", "asked me")
_PROGRAM_PERSON = re.compile(r"\b(?:Dr\.?|Doctor|PD|APD|program director|chair|chief)\b")


def relayed_ask(body: str, physicians: frozenset[str] = frozenset()) -> Reason | None:
    """A personal or unknown mailbox passing on a program's ask (an alumnus or a resident
    writing as "someone from home" for the PD) writes about the applicant's applications, not
    personal mail (taxonomy.md): the message is read like the program's own, and its
    red flags count. The physician asking is named in the relaying sentence or the two
    before it, as "Dr. …", by role, or by a program physician's name ("Preston asked a few
    of us alumni to reach out")."""
    if not any(k in body for k in _RELAY_KEYS):  # one of them is in every relay
        return None
    m = _RELAY.search(body)
    if m is None:
        return None
    spans = sentences(body)
    start, end = sentence_at(body, spans, m.start())
    n = next((i for i, (a, _) in enumerate(spans) if a == start), 0)
    window = body[spans[max(0, n - 2)][0] if spans else start:end]
    if not _PROGRAM_PERSON.search(window) and not any(
            name in window for name in physicians):
        return None
    return Reason(cue="relay.program_ask", detail="someone outside the program passes on its "
                  "ask", span=body[start:end].strip()[:160])


#: Posts that are no position at all: an observership, an externship, shadowing. (A paid
#: research fellowship outside the Match is a non-Match position: writers label its offer
#: ``pre_match_offer``.)
_NOT_RESIDENCY = re.compile(r"\b(?:observer ?ships?|externships?|clinical observer|"
                            r"volunteer|shadowing|visiting (?:student|scholar))\b", re.I)
_RESIDENCY_WORDS = re.compile(r"\b(?:PGY-?\d|residen(?:t|cy|ts)|intern(?:ship)?|house "
                              r"(?:officer|staff)|categorical|preliminary|Match)\b", re.I)


def _not_a_residency_position(result: Classification, hits: list[engine.Hit],
                              body: str) -> Reason | None:
    """An "offer of a position" in an observership, an externship or shadowing is not
    about the applicant's residency applications (taxonomy.md: ``other``), however
    much it reads like an offer letter ("pleased to offer you a position in our
    International Observership Program … to accept, sign and return …"). Read from the
    sentence that makes the offer: it names the post, and no residency position."""
    if result.kind is not Kind.PRE_MATCH_OFFER:
        return None
    offer = next((h for h in hits if h.cue.startswith("offer.") and h.where == "body"), None)
    pos = body.find(offer.span) if offer is not None and offer.span else -1
    if pos < 0:
        return None
    start, end = sentence_at(body, sentences(body), pos)
    sentence = body[start:end]
    post = _NOT_RESIDENCY.search(body, pos, end)  # what is offered follows the offer
    if post is None or _RESIDENCY_WORDS.search(sentence):
        return None
    return Reason(cue="other.not_residency", detail="offers a post that is not a residency "
                  "position", span=post.group(0))


def _offer_asks_acceptance(result: Classification, hits: list[engine.Hit], body: str,
                           sent: datetime | None) -> Classification:
    """An offer of a position before Match Day asks the applicant to accept it, which
    taxonomy.md counts as a commitment request ("asks for a promise or commitment ... to
    accept, to commit early"), however kindly it is put: the development corpus labels
    every such offer so, the off-cycle vacancy that says going through the Match "is
    completely fine" (d134) included. Whether the offer is written to be signed, answered
    or merely considered, the reply must stay non-binding until the applicant decides.

    Not so an offer that asks nothing before the Match: one whose every deadline falls on
    or after Match Day, or that says so ("there is no decision to make now", "the letter
    would not need to be signed until after Match Day", "accepting does not require you to
    withdraw from the Match"), as research positions beside a residency application do."""
    if result.kind is not Kind.PRE_MATCH_OFFER or Flag.COMMITMENT_REQUEST in result.flags \
            or not result.flags & {Flag.RESPONSE_DEADLINE, Flag.WITHDRAWAL_REQUEST}:
        return result
    if Flag.WITHDRAWAL_REQUEST not in result.flags and (
            _NO_DECISION_BEFORE_MATCH.search(body) or _answered_after_match(result, sent)):
        return result
    offer = next((h for h in hits if h.cue.startswith("offer.")), None)
    why = Reason(cue="commit.offer_acceptance", detail="an offer of a position before Match "
                 "Day asks the applicant to accept it", span=offer.span if offer else "")
    return Classification(kind=result.kind, flags=result.flags | {Flag.COMMITMENT_REQUEST},
                          confidence=result.confidence, reasons=(*result.reasons, why),
                          deadlines=result.deadlines)


#: An offer that asks for no decision before the Match (see _offer_asks_acceptance).
_NO_DECISION_BEFORE_MATCH = re.compile(
    r"\bno decision (?:to make|is needed|needed|is required|required)\b|"
    r"\b(?:do not|don't|no need to|need not) sign (?:anything|it|this|the (?:letter|offer|"
    r"contract|agreement))(?: \w+)? (?:now|yet|until|before)\b|"
    r"\bnot (?:need|have) to be (?:signed|accepted|returned) (?:until|before) (?:after )?"
    r"(?:the )?match\b|"
    r"\b(?:does not|doesn't|do not|don't|will not|won't|would not|never) (?:require|ask|need|"
    r"expect) (?:you )?(?:to )?withdraw", re.I)


def _answered_after_match(result: Classification, sent: datetime | None) -> bool:
    """Every deadline found falls on or after Match Day of the season the mail was sent in."""
    if sent is None or not result.deadlines:
        return False
    match_day = third_friday_of_march(match_year_for(sent))
    return all(datetime.fromisoformat(d.when).date() >= match_day for d in result.deadlines)


#: The applicant's own school signing: "Career Advisor, General Surgery", "Office of
#: Student Affairs". An advisor may ask anything about the list (policy.md binds programs).
_ADVISOR = re.compile(r"\b(?:career|faculty|specialty|residency|match|academic|student|"
                      r"applicant) advis(?:e|o)r\b|\b(?:office of )?student affairs\b|"
                      r"\bdean of students\b|\bcareer advising\b|\badvising (?:office|dean)\b",
                      re.I)
#: How far from the end of the new text a signature is looked for.
_SIGNATURE = 400


def _own_text(msg: ParsedMessage, parts: Parts) -> str:
    """The sender's own words with their signature (which the cues' text drops after
    "-- "): the raw text above any quoted history."""
    raw = msg.text or ""
    quoted = parts.quoted.strip()[:80]
    cut = raw.find(quoted) if quoted else -1
    return raw[:cut] if cut > 0 else raw


def _from_advisor(result: Classification) -> Classification:
    """An advisor at the applicant's school (no program's sender) asks about the list to
    help, not to pressure: the red flags are dropped, with a reason."""
    kept = tuple(r for r in result.reasons if not r.cue.startswith(_RED_CUES))
    why = Reason(cue="sender.advisor", detail="the applicant's school advising, not a program",
                 span="")
    return replace(result, flags=result.flags - RED_FLAGS, reasons=(*kept, why))


def _from_school_office(result: Classification) -> Classification:
    """The applicant's own medical school writing from the university's domain, which a
    program of the same university shares ("Office of Student Affairs", osa@calderbrook.edu
    beside Calderbrook Psychiatry's records): the school's advising, not the program's mail.
    In the tuning sets 11 of 12 such mails are linked to no program and none carries a red
    flag; most are labelled ``other``."""
    kept = tuple(r for r in result.reasons if not r.cue.startswith(_RED_CUES))
    why = Reason(cue="sender.school_office", detail="the applicant's school, writing from a "
                 "domain a program shares; not the program's mail", span="")
    return replace(result, kind=Kind.OTHER, flags=result.flags - RED_FLAGS, reasons=(*kept, why))


#: A program's own mailbox on a shared university domain ("psychresidency@", "gme@").
_PROGRAM_MAILBOX = re.compile(r"residen|gme|program|fellow|intern|match|recruit", re.I)


#: The reasons a red flag carries: its cues, its frames and the learned flag model.
_RED_CUES = ("rank.", "commit.", "withdraw.", "frame.", "model.flag")


def _from_rule_keeper(result: Classification, address: str) -> Classification:
    """NRMP, ERAS and ECFMG explain the Match rules ("you must withdraw before the
    deadline if you accept a position outside the Match"); they never ask for a rank,
    a promise or a withdrawal, never offer a position and never signal interest (their
    reminders quote "we will rank you highly" as what binds nobody). Their wording of the rules
    trips the red-flag cues, so those conclusions are dropped, with a reason.

    What they do ask for (a questionnaire in the sponsorship portal, a document to upload)
    is the portal notice taxonomy.md names ``admin_notice``, not a program's
    ``info_request``: no corpus labels a national service's mail an info request."""
    red = result.flags & RED_FLAGS
    to_admin = result.kind in (Kind.PRE_MATCH_OFFER, Kind.INFO_REQUEST, Kind.INTEREST_SIGNAL)
    if not red and not to_admin:
        return result
    dropped = (*_RED_CUES, *(("offer.", "info.", "interest.") if to_admin else ()))
    kept = tuple(r for r in result.reasons if not r.cue.startswith(dropped))
    why = Reason(cue="sender.rule_keeper", detail="a national Match service states the rules "
                 "and runs the portals; it asks nothing of a program's kind", span=address)
    return Classification(kind=Kind.ADMIN_NOTICE if to_admin else result.kind,
                          flags=result.flags - RED_FLAGS, confidence=result.confidence,
                          reasons=(*kept, why), deadlines=result.deadlines)


def _residency(msg: ParsedMessage, view: engine.View, hits: list[engine.Hit], ctx,
               programs: Sequence[Program], default_tz: str, past: bool) -> Classification:
    kind, why, confidence = engine.choose_kind(hits, ctx, view.body,
                                               view.subject if view.is_reply else "")
    flags, flag_why = engine.red_flags(hits, kind)
    contract = None if past else _match_contract(kind, flags, hits, ctx, programs)
    if contract is not None:
        flags, flag_why = flags | {Flag.WITHDRAWAL_REQUEST}, [*flag_why, contract]
    tz = _program_tz(ctx.address, ctx.domain, programs) or default_tz
    deadlines = _deadlines(view.body, msg.date, tz)
    reasons = [*why, *flag_why]
    if deadlines:
        flags = flags | {Flag.RESPONSE_DEADLINE}
        reasons.append(Reason(cue="deadline.date", detail=f"respond by {deadlines[0].when}",
                              span=deadlines[0].span))
    return Classification(kind=kind, flags=flags, confidence=round(confidence, 2),
                          reasons=tuple(reasons), deadlines=tuple(deadlines))


def _deadlines(body: str, sent: datetime | None, tz: str) -> list[Deadline]:
    """Deadlines in the sentences that hold a digit or a day word (the only candidates)."""
    out: list[Deadline] = []
    low = body.lower()
    if not has_date_hint(low):
        return out
    spans = sentences(body)
    after = dict(pairwise(spans))  # each sentence → the one after it
    for span in candidate_sentences(body, spans, low if len(low) == len(body) else None):
        chunk = body[span[0]:span[1]]
        found = find_deadlines(chunk, sent=sent, tz=tz)
        if not found and span in after:  # "… meets on February 12. Before then, …"
            a, b = after[span]
            found = deadlines_before_then(chunk, body[a:b], sent=sent, tz=tz)
        for f in found:
            out.append(Deadline(when=f.when.isoformat(), span=chunk.strip()[:200]))
    return out


def _match_contract(kind: Kind, flags: frozenset[Flag], hits: list[engine.Hit], ctx,
                    programs: Sequence[Program]) -> Reason | None:
    """taxonomy.md counts "sign a contract for a Match-participating position before Match
    Day" as a withdrawal request: signing binds the applicant outside the Match their
    program is in (the caller asks only before Match Day: after it the contract is the
    Match's own). The program records say whether the sender's program is in the Match;
    the offer need not say so ("please sign and return the Resident Agreement by Friday")."""
    if kind is not Kind.PRE_MATCH_OFFER or Flag.WITHDRAWAL_REQUEST in flags or not programs:
        return None
    sign = next((h for h in hits if h.cue == "commit.accept_offer"), None)
    if any(h.cue == "offer.off_cycle" for h in hits):
        return None  # a vacancy starting mid-year is no Match position
    if sign is None or not program_index(programs).in_match(ctx.address, ctx.domain):
        return None
    return Reason(cue="withdraw.match_contract", detail="a program in the NRMP Match asks for "
                  "a signed contract before Match Day", span=sign.span)


def _past_match_day(sent: datetime | None) -> bool:
    """Sent on or after Match Day of its season (no Match is then at stake)."""
    return sent is not None and sent.date() >= third_friday_of_march(match_year_for(sent))


def _after_match_day(hits: list[engine.Hit]) -> list[engine.Hit]:
    """After Match Day no rank list is pending: a question about it ("what influenced your
    rank list, and where you matched") is a program's survey, not a rank inquiry; and a
    contract is the Match's own (:func:`_contract_after_match_day`)."""
    hits = [h for h in hits if h.target is not Flag.RANK_INQUIRY]
    return _contract_after_match_day(hits)


def _contract_after_match_day(hits: list[engine.Hit]) -> list[engine.Hit]:
    """After Match Day a contract to sign, with no other word of an offer, is the Match's
    own ("your resident agreement will follow", "all parties have signed"): onboarding,
    not an offer outside the Match, so its offer cue is dropped."""
    offers = {h.cue for h in hits if h.cue.startswith("offer.")}
    if not offers or not offers <= _CONTRACT_ONLY:
        return hits
    return [h for h in hits if not h.cue.startswith("offer.")]


def _interview_for_a_position(hits: list[engine.Hit]) -> list[engine.Hit]:
    """An invitation to interview for an off-cycle or non-Match position ("we have an
    unexpected off-cycle PGY-1 opening … would like to do a phone interview") offers an
    interview, not yet the position: the cues that only describe the position are dropped."""
    offers = {h.cue for h in hits if h.cue.startswith("offer.")}
    if not offers or not offers <= _POSITION_ONLY or not _invited(hits):
        return hits
    return [h for h in hits if h.cue not in _POSITION_ONLY]


def _invited(hits: list[engine.Hit]) -> bool:
    return any(h.target is Kind.INTERVIEW_INVITE for h in hits)


#: Offer cues that only say what kind of position it is.
_POSITION_ONLY = frozenset({"offer.off_cycle", "offer.outside_match"})
#: Offer cues that only say a contract exists.
_CONTRACT_ONLY = frozenset({"offer.letter"})


def _outside_match(hits: list[engine.Hit], ctx, programs: Sequence[Program]) -> bool:
    """No Match is at stake in signing: the mail says its position is outside the Match,
    or the sender's programs are (the caller adds "or Match Day has passed")."""
    return any(h.cue == "offer.outside_match" for h in hits) or bool(
        programs and program_index(programs).outside_match(ctx.address, ctx.domain))


def _program_tz(address: str, domain: str, programs: Sequence[Program]) -> str | None:
    """The time zone of the program the sender belongs to, when it is unambiguous."""
    zones = program_index(programs).zones_for(address, domain) if programs else frozenset()
    return next(iter(zones)) if len(zones) == 1 else None


def _apply_feedback(result: Classification, msg: ParsedMessage,
                    feedback: Feedback | None) -> Classification:
    match = feedback.nearest(msg) if feedback else None
    if match is None:
        return result
    ex, score = match
    reason = Reason(cue="feedback.nearest", detail=f"your correction of similar mail from "
                    f"{ex.sender} ({score:.2f})", span=" ".join(sorted(ex.subject_tokens))[:120])
    flags = ex.flags if ex.kind is not Kind.OTHER else frozenset()
    return Classification(kind=ex.kind, flags=flags, confidence=max(result.confidence, score),
                          reasons=(reason, *result.reasons), deadlines=result.deadlines)
