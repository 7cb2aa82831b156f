"""Language rules: what an applicant must not say to a program.

Each rule is a phrase table (:class:`PatternRule`) drawn from spec/policy.md:

* ``rank_language``: "#1" / first-choice talk outside the one letter of
  intent (playbook (b), "Letter of intent (#1)").
* ``standing_inquiry``: asking where one stands or how one will be ranked (R4).
* ``reciprocity``: conditional rank talk, bargaining rank for rank (R3, R4).
* ``promise``: a commitment the Match does not allow to be binding (R1, R3).
* ``withdrawal``: agreeing to leave the Match or stop interviewing (R5, R11, (d)).
* ``pleading``, ``criticism``, ``flattery``: the playbook's Avoid column
  and the red flags of (d).

Rules skip negated statements ("I can't commit before the Match") and, for
withdrawal, questions (asking whether a position is in the Match is fine).
"""

from __future__ import annotations

import re

from mailsync.lint.document import is_question, negated, sentence_bounds
from mailsync.lint.findings import WARNING
from mailsync.lint.patterns import PatternRule
from mailsync.lint.patterns import any_of as _p
from mailsync.taxonomy import OutgoingType as T

_PROGRAMISH = r"programs?|residenc(?:y|ies)|interviews?|culture|environment|faculty|residents|" \
              r"director|coordinator|hospitals?|institutions?|department|staff|places?|team"


_TOP_ALLOWED = re.compile(r"\b(?:one of|among|amongst|in) (?:my|the) (?:very )?$", re.I)
_DATE_WORDS = re.compile(r"\b(?:date|dates|slot|session|time|day|morning|afternoon|january|"
                         r"february|march|april|may|june|july|august|september|october|"
                         r"november|december|monday|tuesday|wednesday|thursday|friday|"
                         r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b", re.I)
_RANK_WORDS = re.compile(r"\b(?:program|rank|list|residency|match|training)\b", re.I)
# "my first choice of specialty", "my first-choice area of research": a choice, not a rank.
_NON_RANK_CHOICE = re.compile(r"\b(?:specialt(?:y|ies)|subspecialt(?:y|ies)|field|career|area|"
                              r"research|topic|elective|rotation|project|interest|subject|"
                              r"career path|path)\b", re.I)


def _rank_exempt(text: str, m: re.Match[str]) -> bool:
    """"one of my top choices" is fine; "my first choice of date" is not rank talk."""
    phrase = m.group(0).lower()
    if "top" in phrase and _TOP_ALLOWED.search(text[max(0, m.start() - 20):m.start()]):
        return True
    s, e = sentence_bounds(text, m.start())
    sentence = text[s:e]
    if "choice" in phrase and not _RANK_WORDS.search(sentence) and (
            _DATE_WORDS.search(sentence) or _NON_RANK_CHOICE.search(sentence)):
        return True
    if re.search(r"priority|option|pick|number|no\.", phrase):
        # "patient safety is my top priority", "my number one goal": not about ranking.
        return not re.search(r"\b(?:program|rank\w*|list|choice|residency)\b", sentence, re.I)
    return False


_CONSEQUENCE = re.compile(r"\b(?:would|will|may|might|could|does|do|can)?\s*(?:mean|means|"
                          r"require|requires|involve|involves|entail|entails)\s+(?:me\s+)?"
                          r"(?:to\s+|having\s+to\s+)?$", re.I)
_AGREES = re.compile(r"\bI(?:'ll| will| shall| am| 'm|'m| agree| can| would|'d)\s+(?:\w+\s+)?"
                     r"(?:do (?:so|that|it)|willing|ready|happy|glad|prepared|agree|withdraw)",
                     re.I)


_NEGATED_AFTER = re.compile(r"^\W{0,3}(?:is|would be|was|will be)\s+(?:not|never|no longer)\b|"
                            r"^\W{0,3}(?:isn't|wouldn't be|won't be)\b", re.I)


def _withdrawal_exempt(text: str, m: re.Match[str]) -> bool:
    """"Accepting would mean withdrawing from the Match" states a consequence, not consent;
    "leaving the Match is not an option" is a refusal."""
    s, e = sentence_bounds(text, m.start())
    if _NEGATED_AFTER.search(text[m.end():m.end() + 30]):
        return True
    if not _CONSEQUENCE.search(text[max(s, m.start() - 40):m.start()]):
        return False
    return not _AGREES.search(text[s:e])


_MATCH_CONTEXT = re.compile(r"\b(?:rank\w*|match\w*|join\w*|come|coming|accept\w*|sign\w*|"
                            r"first|top|#\s?1|number one|commit\w*|list|program|position|offer|"
                            r"choose|residency|spot|yours|you)\b", re.I)


def _promise_exempt(text: str, m: re.Match[str]) -> bool:
    """"I promise to keep this short" is not a Match commitment: it needs a rank/join context."""
    s, e = sentence_bounds(text, m.start())
    return not _MATCH_CONTEXT.search(text[s:e])


def _standing_exempt(text: str, m: re.Match[str]) -> bool:
    """"I understand you cannot tell me where I stand." acknowledges; a question still asks."""
    return negated(text, m.start()) and not is_question(text, m.start())


def _flattery_exempt(text: str, m: re.Match[str]) -> bool:
    """"one of the best … in the country" is ordinary praise, not a superlative claim."""
    return bool(re.search(r"\b(?:one of|among|some of)\s*$", text[max(0, m.start() - 12):m.start()],
                          re.I))


_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I am|me|my|myself)\b", re.I)


_SCHEDULING = re.compile(r"\b(?:reschedul\w*|appointment|exam|flight|slot|session|date|dates|"
                         r"interview day|calendar)\b", re.I)


def _pleading_exempt(text: str, m: re.Match[str]) -> bool:
    """"The region desperately needs doctors" is about others, not the applicant pleading;
    "my only option is December 11" / "no other option but to reschedule" is logistics."""
    phrase = m.group(0).lower()
    s, e = sentence_bounds(text, m.start())
    if re.search(r"option|choice", phrase):
        return bool(_SCHEDULING.search(text[s:e]) or _DATE_WORDS.search(text[s:e]))
    if not phrase.startswith("desperat"):
        return False
    return not _FIRST_PERSON.search(text[max(s, m.start() - 40):min(e, m.end() + 25)])


LANGUAGE_RULES: tuple[PatternRule, ...] = (
    PatternRule(
        rule="rank_language",
        pattern=_p(r"(?<![\w-])#\s?1(?![\d.])", r"\bnumber[- ]one\b", r"\bno\.\s?1\b",
                   r"\bnumber 1\b",
                   r"\b(?:first|1st|top)[- ](?:choice|pick|priority|option)s?\b",
                   r"\brank(?:ed|ing)?\s+(?:you|your\s+(?:program|residency)|the\s+program|it|"
                   r"[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,3})\s+(?:as\s+)?(?:my\s+)?"
                   r"(?:first|1st|highest|at\s+the\s+top)\b",
                   r"\b(?:rank(?:ed|ing|s)?|plac(?:e|ed|es|ing)|put(?:s|ting)?|list(?:ed|ing)?|"
                   r"position(?:ed|ing)?)\s+(?:you|your\s+"
                   r"(?:program|residency)|the\s+program|it|(?-i:[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)"
                   r"{0,3}))"
                   r"\s+(?:as\s+)?(?:my\s+)?(?:first|1st|#\s?1|number\s+one|no\.\s?1|on\s+top|"
                   r"at\s+the\s+(?:very\s+)?top|highest|above\s+(?:all|every|any))\b",
                   r"\b(?:highest|top)[- ]ranked\s+(?:program|residency|choice|option|place|"
                   r"spot)\b",
                   r"\btop of my (?:rank(?:ing)? )?(?:order )?list\b",
                   r"\bfirst on my (?:rank(?:ing)? )?(?:order )?list\b",
                   r"\b(?:above|ahead of|higher than) (?:yours|your program|all others|"
                   r"every other program|any other program)\b"),
        reason="#1 / first-choice language belongs only in the one letter of intent "
               "(policy.md (b))",
        fix="say \"one of my top choices\" or \"I plan to rank your program highly\" instead",
        allowed_in=frozenset({T.LETTER_OF_INTENT}),
        skip_negated=True,
        exempt=_rank_exempt,
        untyped_severity=WARNING,  # may be the letter of intent; the caller did not say
    ),
    PatternRule(
        rule="standing_inquiry",
        pattern=_p(r"\bwhere (?:do |would |will )?I (?:currently |now )?stand\b",
                   r"\bhow (?:you|your (?:program|team|committee)|the (?:program|committee)) "
                   r"(?:will|would|plans? to|intends? to|are going to|might|may) rank me\b",
                   r"\b(?:where|how high(?:ly)?) (?:am I|I am|I'm|I will be|I'll be|I would be|"
                   r"will I be|would I be|I fall|I rank)\b(?=.{0,40}\b(?:rank|list)\w*)",
                   r"\b(?:am I|will I be|would I be) (?:being |going to be )?(?:ranked|on your "
                   r"(?:rank )?list|likely to match)\b",
                   r"\bwhether I (?:am|will be|would be|'m|'ll be) (?:being |going to be )?"
                   r"(?:ranked|on your (?:rank )?list|likely to match)\b",
                   # "if" asks only after a verb of asking; "If I am ranked to match, I
                   # will…" is a conditional statement, not a question about standing.
                   r"\b(?:know|wonder(?:ing)?|ask(?:ing)?|curious|sure|tell me|see|check) if I "
                   r"(?:am|will be|would be|'m|'ll be) (?:being |going to be )?(?:ranked|on your "
                   r"(?:rank )?list|likely to match)\b",
                   r"\b(?:whether|if|how likely|do you think|would you say|is it likely that) "
                   r"I(?:'m| am|'ll| will| would|'d)? (?:be )?"
                   r"(?:likely|going|expected|in a position|on track) to (?:be ranked|get ranked|"
                   r"match|be matched|be on your (?:rank )?list)\b",
                   r"\branked (?:high|highly|well) enough (?:to|for)\b",
                   r"\b(?:my|the) (?:chances|likelihood|odds|prospects) (?:of|for) (?:matching|"
                   r"a match|being ranked|getting ranked|ranking)\b",
                   r"\bmy (?:position|standing|place|spot|ranking) on your (?:rank(?:ing)? )?"
                   r"(?:order )?list\b",
                   r"\b(?:will|would|do|does|are) (?:you|your program|the program|the committee)"
                   r" (?:plan to |intend to |going to |be )?rank(?:ing)? me\b",
                   r"\bhow (?:competitive|strong) (?:my application|I) (?:is|am) (?:for|at|"
                   r"with) (?:your|the) program\b",
                   r"\bwhy (?:I have not|I haven't|haven't I|have I not) (?:yet )?(?:been "
                   r"invited|received an (?:interview|invitation))\b"),
        reason="asking a program where you stand or how it will rank you (R4)",
        fix="remove the question; state your own interest instead",
        exempt=_standing_exempt,
    ),
    PatternRule(
        rule="reciprocity",
        pattern=_p(r"\bif (?:you|your (?:program|team|committee)|the (?:program|committee)) "
                   r"(?:can |could |would |will |were to |agree to |decide to |plan to )?"
                   r"(?:rank|ranks|ranked|guarantee|promise|assure|commit|match)\w*\b",
                   r"\b(?:should|in case|in the event that|assuming|once|as soon as|provided) "
                   r"(?:you|your (?:program|team|committee)|the (?:program|committee))\b"
                   r"(?:\s+[\w']+){0,4}?\s+(?:rank|ranks|ranked|guarantee|promise|assure|commit)\w*"
                   r"\s+me\b",
                   r"\bwere (?:you|your (?:program|team|committee)) to (?:rank|guarantee|promise|"
                   r"commit)\w*\b",
                   # a bargain only when a rank or a promise is offered back: "if I am
                   # ranked to match, I would be honoured to train there" is not one.
                   r"\bif I (?:am|'m|get|were|was|will be) (?:ranked|guaranteed|assured|"
                   r"promised)\b(?=[^.!?\n]{0,80}\bI(?:'ll| will| would|'d| shall) (?:[\w']+ ){0,4}"
                   r"(?:rank|put|place|list|commit|accept|sign|choose|promise)\w*)",
                   r"\bif I rank (?:you|your program|the program|it)\b",
                   r"\b(?:in return|in exchange|quid pro quo)\b",
                   r"\b(?:as long as|provided (?:that )?|on the condition that|only if) "
                   r"(?:you|your program|the program)\b(?=[^.!?\n]{0,60}\b(?:rank|match|"
                   r"guarantee|promise|commit|offer|position|contract|spot|first|#1|top)\w*)",
                   r"\b(?:would|could|can) you (?:please )?(?:be willing to |consider )?"
                   r"rank(?:ing)? me\b",
                   r"\bmutual(?:ly)? (?:first|#1|top|ranking|commitment)\b",
                   r"\bas (?:high(?:ly)?|well|favou?rably) as you rank me\b",
                   r"\b(?:make|keep) (?:it|this|things|our ranking) mutual\b",
                   r"\brank me (?:to match|first|#1|highly)\b.{0,40}\b(?:and|then) I\b"),
        reason="conditional rank talk or bargaining (R3, R4)",
        fix="drop the condition; rank by true preference and say nothing in exchange",
        skip_negated=True,
    ),
    PatternRule(
        rule="promise",
        pattern=_p(r"\bI (?:hereby |solemnly |can |will |do )?(?:promise|guarantee|swear|pledge|"
                   r"vow)\b",
                   r"\b(?:you have|I give you|I'll give you|take) my word\b",
                   r"\b(?:rest assured|I (?:can |want to |would like to |do )?assure you|you can "
                   r"(?:count|rely) on me|(?:100%|completely|absolutely|fully) guaranteed|I give "
                   r"you my (?:commitment|assurance|guarantee))\b(?=[^.!?\n]{0,80}\b(?:rank|"
                   r"match|come|join|accept|sign|first|top|choose|commit|list|program)\w*)",
                   r"\b(?:I am|I'm|I) (?:fully |completely |100% |firmly )?commit(?:ted|ting)?"
                   r" to (?:rank|ranking|matching|accept|accepting|sign|signing|join|joining|"
                   r"attend|attending|coming to|your program|the program|you)\b",
                   r"\bmy commitment to (?:rank|ranking|join|joining|your program|the program|"
                   r"you)\b",
                   r"\b(?:binding|firm|formal) commitment\b",
                   r"\bI (?:will|shall) (?:definitely |certainly |surely )?(?:accept|sign) "
                   r"(?:a|an|your|the|any) (?:offer|position|contract)\b"),
        reason="a promise or commitment the Match does not allow to be binding (R1, R3)",
        fix="express interest without promising; only the certified list decides",
        allowed_in=frozenset({T.OFFER_ACCEPT}),
        skip_negated=True,
        exempt=_promise_exempt,
    ),
    PatternRule(
        rule="withdrawal",
        pattern=_p(r"\bwithdraw(?:ing|n|al)?(?: of)? (?:my (?:application|name|registration) )?"
                   r"from (?:the )?(?:NRMP|(?:NRMP |main |residency )*match)\b",
                   r"\b(?:cancel|cancelling|canceling|decline|declining|withdraw from) (?:all )?"
                   r"(?:of )?(?:my )?(?:other|remaining|upcoming|future) interviews\b",
                   r"\bnot (?:to )?(?:interview|go on interviews?|attend (?:any )?other "
                   r"interviews) (?:elsewhere|anywhere else|with other programs|at other "
                   r"programs)\b",
                   r"\b(?:pull(?:ing|ed)?|drop(?:ping|ped)?|back(?:ing|ed)?|opt(?:ing|ed)?) out "
                   r"(?:of|from) (?:the )?(?:NRMP|(?:NRMP |main |residency )*match)\b",
                   r"\b(?:leave|leaving|exit|exiting|quit|quitting|remove|removing) "
                   r"(?:myself |my name |my application |my registration )?(?:from )?(?:the )?"
                   r"(?:NRMP|(?:NRMP |main |residency )*match)\b",
                   r"\bstop interviewing\b",
                   r"\bsign(?:ing)? (?:a|the|your) contract before (?:the )?Match\b"),
        reason="agreeing to withdraw from the Match or stop interviewing (R5, R11; "
               "policy.md (d))",
        fix="ask whether the position is in the NRMP Match and say you plan to stay in it",
        allowed_in=frozenset({T.OFFER_ACCEPT}),
        skip_negated=True,
        skip_questions=True,
        exempt=_withdrawal_exempt,
    ),
    PatternRule(
        rule="withdrawal",
        # Here the negation is the fault: "I won't attend any more interviews" promises
        # to stop interviewing elsewhere (policy.md (d)), so negated sentences count.
        pattern=_p(r"\b(?:won't|will not|shall not|am not going to|do not plan to|don't plan "
                   r"to|no longer plan to) (?:be )?(?:attend(?:ing)?|go(?:ing)? (?:on|to)|"
                   r"schedul(?:e|ing)|accept(?:ing)?|do(?:ing)?) (?:any )?(?:more|further|other)"
                   r" interviews\b",
                   r"\b(?:no longer|not) (?:be )?interview(?:ing)? (?:anywhere else|elsewhere|"
                   r"with (?:any )?other programs|at (?:any )?other programs)\b"),
        reason="promising to stop interviewing elsewhere (policy.md (d))",
        fix="keep your other interviews; say what draws you to this program instead",
        allowed_in=frozenset({T.OFFER_ACCEPT}),
        skip_questions=True,
    ),
    PatternRule(
        rule="pleading",
        pattern=_p(r"\b(?:my|the|our) (?:only|last|final) (?:hope|chance|option|shot)\b",
                   r"\bonly hope\b", r"\bdesperat(?:e|ely|ion)\b", r"\bbeg(?:ging)?\b",
                   r"\bplease,? (?:please,? )?(?:just )?(?:give|grant) me (?:a|one|this|the|"
                   r"an) (?:chance|opportunity|shot)\b",
                   r"\bplease (?:don't|do not) (?:reject|forget|overlook|ignore|pass on) me\b",
                   r"\bI (?:really |truly |badly |desperately )?need (?:this|a|the) (?:position|"
                   r"spot|interview|chance|residency|match)\b(?!\s+(?:date|dates|time|slot|link|"
                   r"moved|to be|rescheduled|details|schedule|confirmation|invitation|letter))",
                   r"\b(?:I will|I'll|I would|I'd) do (?:anything|whatever it takes)\b",
                   r"\bI have no other (?:option|choice|interviews?|offers?|programs?)\b",
                   r"\bmy (?:life|future|whole career|family) (?:depends|is depending|rests) on\b",
                   r"\b(?:my|our) (?:whole |entire )?(?:family|parents) (?:is|are) "
                   r"(?:depending|counting|relying) on me\b",
                   r"\bI (?:really,? ){2,}(?:need|want)\b",
                   r"\bplease,? please\b", r"\bat your mercy\b"),
        reason="pleading or desperation (playbook Avoid column, policy.md (b), (d))",
        fix="state your interest and qualifications calmly",
        exempt=_pleading_exempt,
    ),
    PatternRule(
        rule="criticism",
        pattern=_p(r"\b(?:malignant|toxic|disorganized|unprofessional|rude|terrible|awful|"
                   r"horrible|worst|incompetent|mediocre|second[- ]rate|inferior|sub-?par|"
                   r"hostile|cold|unwelcoming|boring|useless|pathetic)\b(?=(?:\s+[\w-]+){0,2}"
                   rf"\s+(?:{_PROGRAMISH})\b)",
                   r"\b(?:other|another|previous|many|some|most|the other) (?:programs?|places|"
                   r"institutions|interviews)\b(?=.{0,80}\b(?:malignant|toxic|disorganized|"
                   r"unprofessional|rude|terrible|awful|horrible|worst|mediocre|inferior|"
                   r"hostile|cold|unwelcoming|boring|less (?:supportive|organized|welcoming|"
                   r"friendly))\b)"),
        reason="criticizing programs (policy.md (d))",
        fix="speak only to what draws you to this program",
    ),
    PatternRule(
        rule="criticism",
        pattern=_p(r"\bunlike (?:other|many|most|some|the other|so many) (?:programs|places|"
                   r"institutions|residencies|hospitals)\b",
                   r"\b(?:better|more \w+|(?!rather\b|other\b)\w+(?:ier|er)) than "
                   r"(?:other|the other|any "
                   r"other|many other|most other|all (?:the )?other) (?:programs|places)\b",
                   r"\bcompared (?:to|with) (?:other|my other|the other|all the other) "
                   r"(?:programs|interviews)\b"),
        reason="comparing programs unfavourably (policy.md (d))",
        fix="describe this program on its own merits",
        severity=WARNING,
    ),
    PatternRule(
        rule="flattery",
        pattern=_p(r"\b(?:the )?(?:best|greatest|finest|top|most prestigious|most amazing|most "
                   r"incredible|number one) (?:[\w-]+ ){0,3}(?:program|residency|hospital|"
                   r"institution|department|place)s? (?:in|of) (?:the )?(?:country|nation|world|"
                   r"US|U\.S\.|United States|America|universe|history|planet)\b",
                   r"\bthe (?:best|greatest|finest) (?:[\w-]+ ){0,2}(?:program|residency|hospital"
                   r")s? (?:I(?:'ve| have)? ever|there is|anywhere|in existence)\b",
                   r"\b(?:the )?(?:best|greatest|finest|most prestigious)\s+(?:[\w-]+\s+){0,3}?in "
                   r"(?:the )?(?:entire )?(?:country|nation|world|universe|US|U\.S\.|United States|"
                   r"America|history|planet)\b",
                   r"\b(?:is|are|was|were) (?:simply |truly |just |absolutely )?(?:perfection|"
                   r"flawless|perfect in every way)\b",
                   r"\b(?:world[- ]class|world[- ]renowned|unparalleled|unrivall?ed|unmatched|"
                   r"second to none|beyond compare|without equal|peerless|legendary|"
                   r"nothing short of|the pinnacle of|perfect program|dream program)\b"),
        reason="superlative flattery reads as insincere (policy.md (b) Avoid; design.md lint)",
        fix="name one specific, true feature of the program instead",
        severity=WARNING,
        exempt=_flattery_exempt,
    ),
)
