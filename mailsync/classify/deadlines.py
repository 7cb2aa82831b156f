"""Response deadlines: a date, time or window attached to something the applicant must do.

``response_deadline`` (taxonomy.md) needs a concrete date, time or window *for the
applicant's reply or action*. So a sentence counts only when it has both an action
("reply", "select a date", "sign and return", "register", "RSVP", "expires",
"hold this date until") and a time expression tied to it by "by", "until", "no
later than", "through", "within", a colon, or "deadline … is". Event dates alone
("Open house on Nov 12", "log in at 7:15 AM") do not count.

Dates are resolved to timezone-aware datetimes: the zone named in the text ("CT",
"Eastern") wins, else the program's zone, else the caller's default; a missing
year is the first one that puts the date on or after the message date (a January
deadline in a December message is next year); a missing time means the end of
that day; "within 48 hours" counts from the message date.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mailsync.classify.cues import WordAlternation

_MONTHS = {m: i for i, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
    ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
    ("oct", "october"), ("nov", "november"), ("dec", "december")), start=1) for m in names}
_WEEKDAYS = {d: i for i, names in enumerate((
    ("mon", "monday"), ("tue", "tues", "tuesday"), ("wed", "wednesday"),
    ("thu", "thur", "thurs", "thursday"), ("fri", "friday"), ("sat", "saturday"),
    ("sun", "sunday"))) for d in names}
_ZONES = {
    "et": "America/New_York", "est": "America/New_York", "edt": "America/New_York",
    "eastern": "America/New_York", "ct": "America/Chicago", "cst": "America/Chicago",
    "cdt": "America/Chicago", "central": "America/Chicago", "mt": "America/Denver",
    "mdt": "America/Denver", "mountain": "America/Denver", "mst": "America/Phoenix",
    "arizona": "America/Phoenix", "pt": "America/Los_Angeles", "pst": "America/Los_Angeles",
    "pdt": "America/Los_Angeles", "pacific": "America/Los_Angeles",
    "ht": "Pacific/Honolulu", "hst": "Pacific/Honolulu", "hawaii": "Pacific/Honolulu",
    "akt": "America/Anchorage", "akst": "America/Anchorage", "akdt": "America/Anchorage",
    "alaska": "America/Anchorage",
}
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "ten": 10, "fourteen": 14, "twenty-four": 24, "forty-eight": 48,
            "seventy-two": 72}

_MONTH_RE = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|" \
            r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WD_RE = r"(?P<wd>mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|" \
         r"fri(?:day)?|sat(?:urday)?|sun(?:day)?)\.?"
_TIME_RE = r"(?P<time>(?P<hh>\d{1,2})(?::(?P<mm>\d{2}))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)|noon|" \
           r"midnight)(?:\s+(?P<tz>ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|" \
           r"HST|HT|AKST|AKDT|AKT|Eastern|Central|Mountain|Pacific|Arizona|Hawaii|Alaska)\b" \
           r"(?:\s+(?:standard\s+|daylight\s+)?time\b)?)?"
_DATE_RE = (
    r"(?:(?:this|next)\s+)?(?:" + _WD_RE + r",?\s+)?(?:" + _MONTH_RE
    + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>20\d\d))?|"
    r"(?P<nm>\d{1,2})/(?P<nd>\d{1,2})(?:/(?P<ny>(?:20)?\d\d))?)|(?:this|next)\s+"
    + _WD_RE.replace("wd", "wd2")
    + r"|(?P<rel>tomorrow|tonight|today)"
    # "by the 9th", "until Wednesday the 28th": the next such day of the month
    + r"|(?:" + _WD_RE.replace("?P<wd>", "?:") + r",?\s+)?the\s+(?P<dom>\d{1,2})(?:st|nd|rd|th)\b"
    r"(?!\s+of\s+" + _MONTH_RE.replace("?P<mon>", "?:") + r")"
    # "reply by Friday": the next such weekday (only ever read after a tie word)
    + r"|" + _WD_RE.replace("wd", "wd3") + r"(?![\w/])"
)
_WHEN = re.compile(
    r"(?:" + _TIME_RE + r"(?:\s+(?:on|,))?\s+)?(?:" + _DATE_RE + r")(?:,?\s+(?:at\s+)?"
    + _TIME_RE.replace("?P<", "?P<t2") + r")?", re.I)
_WINDOW = re.compile(
    r"\b(?:within|in)\s+(?:the\s+next\s+)?(?P<n>\d+|one|two|three|four|five|six|seven|ten|fourt"
    r"een|twenty-four|"
    r"forty-eight|seventy-two)(?:\s*\(\d+\))?\s+(?P<biz>business\s+)?(?P<unit>hours?|hrs?|days?|"
    r"weeks?)\b|\b(?:held|hold|expire[sd]?|valid|open)\s+(?:for|in)\s+(?P<n2>\d+)\s+"
    r"(?P<unit2>hours?|hrs?|days?)\b", re.I)
_ACTION_SRC = (
    r"\b(?:reply|replies|respond|response|answer|return(?:ed|ing)?|submit(?:ted)?|send|provide|"
    r"tell (?:me|us)|e(?<!to e)-?mail|lmk|"
    r"request|forward|get back|hear(?:ing)? (?:back )?from you|holding|reserved?|release|pay|"
    r"complete|confirm|on file|in writing|yes or no|grab|"
    r"register|registration|rsvp|sign|select(?:ion|ed)?|choose|schedule[ds]?|book|"
    r"accept(?:ed|ance)?|let (?:me|us) know|"
    r"upload|decide|decision|certify|certified|hold|held|expires?|expiring|expiry|valid|"
    r"need|claim|lapse|fill (?:in|out)|(?:remains?|stays?|is|will be) open|"
    r"deadline|due|know|prefer(?:ence)?|assure|assurance|commit|give (?:you|her|him) until|"
    # an offer kept open: "I'm happy to extend the offer until Monday, January 25"
    r"extend(?:ed|ing)? (?:the |this |our |my |your )offer|"
    r"(?:get|have|send) (?:[\w#]+ ){0,4}(?:to|back to) (?:me|us|her|him))\b")
_TIE = re.compile(
    r"(?:\bby\b|\buntil\b|\bno later than\b|\bthrough\b|\bbefore\b|\blatest by\b|:|"
    # "before our committee meets on the 17th", "before the rank meeting on February 12"
    r"\bbefore (?:our|the|your)\b[^.?!,;:]{0,50}\b(?:on|at)|"
    r"\bdeadline\b[^.?!]{0,80}\bis\b|\bdeadline (?:to|of|until)|\bexpiry(?: date)?(?: of| is)?|"
    r"\b(?:expires?|closes|lapses|ends|due)(?:\s+(?:on|at))?)\s*"
    # "by COB Friday 2/5", "by end of day Thursday"
    r"(?:(?:COB|EOD|close of business|end of (?:the )?(?:business )?day)[,\s]+(?:on\s+)?)?"
    r"(?:the\s+)?$", re.I)


#: The time window is the program's own: "We'll confirm within two business days."
_PROGRAM_WILL = re.compile(
    r"\b(?:we|I|our (?:team|office|coordinator|committee)|the (?:program|committee|coordinator))"
    r"(?:'ll| will| would| should| aim to| try to)? (?:\w+ )?(?:confirm|respond|reply|get back|"
    r"send|notify|contact|review|let you know|be in touch|follow up|hear)\b[^.?!]{0,40}\bwithin\b",
    re.I)
_BY = re.compile(r"\b(?:by|until|no later than|latest by)\s*$", re.I)
#: "Registration date: 09/16/2026", "Interview date: Nov 12": a record field, not a deadline.
_RECORD_LABEL = re.compile(
    r"\b(?:registration|submission|issue|issued|received|sent|birth|creation|payment|"
    r"certification|interview|event|start|session|graduation|match|release|publication|posting|"
    r"effective|update|updated|upload|uploaded|transmission|approval|decision) date\s*:\s*$|"
    # a bare "Date:" field of a reminder or a record ("Due date:" is a deadline)
    r"(?:^|[\n|•·]|\s{2})\s*date\s*:\s*$|"
    # "Application certified: September 11" is a record of what happened, not a deadline
    r"\b(?:certified|submitted|released|received|issued|completed|updated|uploaded|sent|"
    r"processed|paid|registered|verified)(?: on)?\s*:\s*$", re.I)


@dataclass(frozen=True, slots=True)
class Found:
    """One deadline: the resolved moment and the text that gave it."""

    when: datetime
    span: str


def zone(name: str | None, fallback: str = "America/New_York") -> tzinfo:
    """A ZoneInfo for an IANA name or a US abbreviation; the fallback when unknown."""
    key = _ZONES.get((name or "").lower(), name or fallback)
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(fallback)


_ACTION = re.compile(_ACTION_SRC.lower())  # keeps \b: "reschedule" is not "schedule"
_ACTION_FAST = WordAlternation(_ACTION)  # the same matches on lower case, faster
_DIGIT = re.compile(r"[0-9]")
#: A necessary condition for a date :data:`_WHEN` reads as one (a month or weekday that
#: starts a word: "doctor", "summary" and "dedicated" hold none), cheap to test first: most
#: candidate sentences only hold a clock time or a phone number.
_DATEISH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|"
                      r"fri|sat|sun|tomorrow|tonight|today)|\d/\d|the \d\d?(?:st|nd|rd|th)",
                      re.I)
_DAYWORD = re.compile(r"day\b|within|tomorrow|tonight|noon|midnight")


def may_have_deadline(text: str) -> bool:
    """Cheap test before the real search: a digit or a day word, and an action word."""
    low = text.lower()
    return bool((_DIGIT.search(low) or _DAYWORD.search(low)) and _ACTION.search(low))


_DATE_HINT = re.compile(r"[0-9]|day\b|within|tomorrow|tonight|noon|midnight")


def has_date_hint(low: str) -> bool:
    """A digit or a day word in lower-cased text: else no sentence can hold a deadline."""
    return _DATE_HINT.search(low) is not None
#: A necessary condition for :data:`_WINDOW` (its unit words), tested on lower case first.
_UNIT = re.compile(r"hour|hr|day|week")
_DATEISH_LOW = re.compile(_DATEISH.pattern)  # for lower-cased text: no re.I
_WHEN_LOW = re.compile(_WHEN.pattern.lower().replace("(?p<", "(?P<"))


def candidate_sentences(text: str, spans: tuple[tuple[int, int], ...], low: str | None = None
                        ) -> list[tuple[int, int]]:
    """The sentences (of ``spans``) holding a digit or a day word. One search per
    candidate: after a hit the search resumes at the end of its sentence. ``low`` is
    ``text.lower()`` when the caller has it."""
    low = text.lower() if low is None else low
    starts = [a for a, _ in spans]
    picked: list[tuple[int, int]] = []
    search, n_spans, pos = _DATE_HINT.search, len(spans), 0
    while True:
        m = search(low, pos)
        if m is None:
            break
        n = bisect_right(starts, m.start()) - 1
        n = n if n > 0 else 0
        if n >= n_spans:
            break
        picked.append(spans[n])
        pos = max(spans[n][1], m.end())
    return picked


def find_deadlines(sentence: str, *, sent: datetime | None, tz: str) -> list[Found]:
    """Deadlines stated in one sentence (empty when it has no action or no tied time)."""
    low = sentence.lower()
    if not (_DIGIT.search(low) or _DAYWORD.search(low)):
        return []
    windows = _UNIT.search(low) is not None  # cheap necessary conditions first
    dates = _DATEISH_LOW.search(low) is not None
    if not (windows or dates) or not _ACTION_FAST.search(low):
        return []
    found = [f for f in (_window(m, sent) for m in _WINDOW.finditer(sentence)) if f] \
        if windows and not ("within" in low and _PROGRAM_WILL.search(sentence)) else []
    if not dates:  # _WHEN needs a month, weekday, d/m or tomorrow/tonight
        return found
    # Matched on lower case (same offsets, no re.I: about twice as fast); the groups are
    # read case-insensitively by _resolve, and the span is cut from the original text.
    text = low if len(low) == len(sentence) else sentence
    when_rx = _WHEN_LOW if text is low else _WHEN
    for m in when_rx.finditer(text):
        before = sentence[max(0, m.start() - 90):m.start()]
        if m.group("wd3") and not _BY.search(before):
            continue  # a bare weekday is a deadline only right after "by" or "until"
        named = _TIE.search(before) is None and _NAMED_DEADLINE.match(sentence, m.end())
        if (named or _TIE.search(before)) and not _RECORD_LABEL.search(before):
            when = _resolve(m, sent, tz)
            if when and not (named and sent is not None and when < sent):  # "… deadline passed"
                found.append(Found(when, sentence[m.start():m.end()].strip()))
    return found


#: "My February 20 deadline stands", "the Jan 8 deadline": a date that names a deadline.
_NAMED_DEADLINE = re.compile(r"\s*(?:'s\s+)?deadline\b", re.I)
#: "Our committee meets on Friday, February 12. Before then, I'd like your assurance…":
#: the ask points back at the date of the sentence before it.
_THEN = re.compile(r"^\W*(?:before|by) then\b", re.I)


def deadlines_before_then(sentence: str, following: str, *, sent: datetime | None,
                          tz: str) -> list[Found]:
    """The dates of ``sentence`` when the sentence after it asks for something "before
    then" or "by then" (and ``sentence`` itself states no deadline)."""
    if _THEN.match(following.lstrip()) is None or not _ACTION_FAST.search(following.lower()):
        return []
    if not _DATEISH.search(sentence):
        return []
    found = []
    for m in _WHEN.finditer(sentence):
        if m.group("wd3"):
            continue  # a bare weekday names no date by itself
        when = _resolve(m, sent, tz)
        if when:
            found.append(Found(when, sentence[m.start():m.end()].strip()))
    return found[-1:]  # the date nearest the ask


def _window(m: re.Match[str], sent: datetime | None) -> Found | None:
    if sent is None:
        return None
    raw = m.group("n") or m.group("n2")
    n = int(raw) if raw.isdigit() else _NUMBERS.get(raw.lower(), 0)
    unit = (m.group("unit") or m.group("unit2")).lower()
    if unit.startswith("h"):
        delta = timedelta(hours=n)
    elif unit.startswith("w"):
        delta = timedelta(weeks=n)
    else:
        delta = timedelta(days=n * (7 / 5 if m.group("biz") else 1))
    return Found(sent + delta, m.group(0))


def _resolve(m: re.Match[str], sent: datetime | None, tz: str) -> datetime | None:
    zname = m.group("tz") or m.group("t2tz")
    tzi = zone(zname, tz) if zname else zone(tz)
    ref = sent.astimezone(tzi) if sent else None
    day = _day(m, ref)
    if day is None:
        return None
    return datetime.combine(day, _clock(m), tzinfo=tzi)


def _day(m: re.Match[str], ref: datetime | None) -> date | None:
    g = m.groupdict()
    if g.get("rel"):
        return (ref.date() + timedelta(days=1 if g["rel"].lower() == "tomorrow" else 0)
                if ref else None)
    if g.get("dom"):
        return _next_day_of_month(int(g["dom"]), ref)
    if g.get("mon") and g.get("day"):
        month, dnum, year = _MONTHS[g["mon"].lower().rstrip(".")[:3] if g["mon"].lower()[:3]
                                    != "sep" else "sep"], int(g["day"]), g.get("year")
    elif g.get("nm"):
        month, dnum, year = int(g["nm"]), int(g["nd"]), g.get("ny")
        if year and len(year) == 2:
            year = "20" + year
    else:
        wd = (g.get("wd2") or g.get("wd3") or "").lower().rstrip(".")
        if not wd or ref is None:
            return None
        ahead = (_WEEKDAYS[wd] - ref.weekday()) % 7 or 7
        return ref.date() + timedelta(days=ahead)
    return _with_year(month, dnum, int(year) if year else None, ref)


def _next_day_of_month(dnum: int, ref: datetime | None) -> date | None:
    """"By the 9th": that day of this month, or of the next month once it has passed."""
    if ref is None:
        return None
    month, year = ref.month, ref.year
    for _ in range(3):  # the 31st may skip a short month
        if dnum >= ref.day or (month, year) != (ref.month, ref.year):
            try:
                return date(year, month, dnum)
            except ValueError:
                pass
        month, year = (1, year + 1) if month == 12 else (month + 1, year)
    return None


def _with_year(month: int, dnum: int, year: int | None, ref: datetime | None) -> date | None:
    try:
        if year:
            return date(year, month, dnum)
        base = ref.year if ref else 2000
        guess = date(base, month, dnum)
        if ref and guess < ref.date() - timedelta(days=30):
            guess = date(base + 1, month, dnum)
        return guess
    except ValueError:
        return None


def _clock(m: re.Match[str]) -> time:
    for p in ("", "t2"):
        raw = m.group(f"{p}time")
        if not raw:
            continue
        low = raw.lower()
        if low == "noon":
            return time(12, 0)
        if low == "midnight":
            return time(23, 59)
        hh, mm = int(m.group(f"{p}hh")), int(m.group(f"{p}mm") or 0)
        pm = m.group(f"{p}ampm").lower().startswith("p")
        hh = hh % 12 + (12 if pm else 0)
        if 0 <= hh < 24 and 0 <= mm < 60:
            return time(hh, mm)
    return time(23, 59)
