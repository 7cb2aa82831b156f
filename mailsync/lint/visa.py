"""The ``visa_tense`` rule: state current visa and citizenship status only (R10).

R10 requires accurate data and the *current* status; all seeds warn against
stating an expected status as current (policy.md (b) "Visa status update",
(d)). A status claim ("I am ECFMG certified", "my H-1B is approved") blocks
when a future cue is near it ("expected by July") or when the profile
contradicts it (a profile that needs a visa claiming citizenship).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from mailsync.lint.document import Doc, sentence_bounds
from mailsync.lint.findings import BLOCKING, Finding, Span
from mailsync.lint.patterns import any_of as _p

_STATUS_CLAIM = _p(
    r"\bI(?: am|'m) (?:now |currently |already |officially )?(?:an? )?(?:U\.?S\.? citizen|"
    r"(?:lawful )?permanent resident|green[- ]card holder|ECFMG[- ]certified|certified by "
    r"(?:the )?ECFMG|(?:fully )?(?:eligible|authori[sz]ed) to work|on an? (?:H-?1B|J-?1|O-1)"
    r"|(?:an? )?(?:H-?1B|J-?1|EAD) holder)",
    r"\bI (?:have|hold|now have|now hold|currently hold|already have|have received|have "
    r"obtained|received|obtained) (?:my |an? |the )?(?:green card|permanent residen\w+|"
    r"U\.?S\.? citizenship|H-?1B(?: visa)?|J-?1(?: visa)?|EAD|work authori[sz]ation|ECFMG "
    r"certification|ECFMG certificate|DS-2019)\b",
    r"\bI (?:do not|don't|no longer|will not|won't) (?:need|require) (?:any )?(?:visa )?"
    r"sponsorship\b",
    r"\bmy (?:(?:J-?1|H-?1B|O-1) )?(?:green card|visa|H-?1B|J-?1|ECFMG certification|"
    r"certification|citizenship|EAD) "
    r"(?:is|has been) (?:approved|granted|issued|complete|completed|finali[sz]ed|done)\b",
)
_FUTURE = _p(r"\b(?:expected|expect|expecting|anticipated|anticipate|pending|should be|"
             r"soon|upcoming|awaiting|projected|hopefully|in process|being processed|"
             r"later this|in the coming|next (?:week|month|year)|by the time|"
             r"by (?:the )?(?:start|spring|summer|July|June|May|April|March|February|"
             r"January|December|November|October)|before (?:the )?(?:start|July|June))\b")
# A clause break after the claim: a future cue past it counts only if its clause is about
# the same status ("; my certificate is expected in March"), not other news ("and I expect
# my Step 3 result in February").
_CLAUSE_BREAK = re.compile(r";|\s[-–—]\s|\b(?:and|but|while|whereas|although|though|also)\s+"
                           r"(?=(?:I|I'm|I've|my|we|our|the|a|an|there)\b)", re.I)
_STATUS_WORD = re.compile(r"\b(?:certif\w*|ECFMG|visa|H-?1B|J-?1|O-1|green card|permanent|"
                          r"residen\w*|citizen\w*|EAD|DS-?2019|petition|approv\w*|sponsor\w*|"
                          r"status|it|this|that|which)\b", re.I)


def _future_near(text: str, s: int, e: int, m: re.Match[str]) -> bool:
    before = text[max(s, m.start() - 30):m.start()]
    if _FUTURE.search(before):
        return True
    after = text[m.end():min(e, m.end() + 40)]
    cue = _FUTURE.search(after)
    if cue is None:
        return False
    brk = None
    for b in _CLAUSE_BREAK.finditer(after, 0, cue.start()):
        brk = b
    if brk is None:
        return True
    return bool(_STATUS_WORD.search(text[m.end() + brk.end():min(e, m.end() + cue.end() + 30)]))


_CITIZEN = re.compile(r"citizen|permanent|green|(?:do not|don't|no longer|will not|won't) "
                      r"(?:need|require)|authori[sz]ed to work|eligible to work", re.I)


def visa_tense(doc: Doc, profile: Mapping[str, str]) -> Iterator[Finding]:
    """R10: state current visa/citizenship status, never an expected one as current."""
    needs_visa = profile.get("citizenship", "").strip() == "needs_visa"
    pr = profile.get("citizenship", "").strip() == "permanent_resident"
    for m in doc.finditer(_STATUS_CLAIM):
        s, e = sentence_bounds(doc.text, m.start())
        claim = m.group(0)
        contradicts = (needs_visa and _CITIZEN.search(claim)) or (
            pr and re.search(r"citizen", claim, re.I))
        if contradicts or _future_near(doc.text, s, e, m):
            why = ("states as current a status your profile does not have"
                   if contradicts else "states an expected status as current")
            yield Finding(rule="visa_tense", severity=BLOCKING,
                          span=Span.of(m),
                          reason=f"{why} (R10: give accurate, current status)",
                          fix="say what is true today, and what you expect, with its date")
