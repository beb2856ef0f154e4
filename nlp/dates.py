"""Calendar values for DATE mentions: ISO dates, months and years, durations, ranges, or None.

``resolve`` takes the mention text, the reference date, the sentence it stands in (for tense) and the last
explicit date before it (for "the same day"). Absolute expressions are parsed with python-dateutil; the
anchoring (year choice, relative days, weekdays) is ours.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.parser import ParserError
from dateutil.parser import parse as dateutil_parse
from dateutil.relativedelta import relativedelta

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
MONTH_RE = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|" \
           r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
# A month written with a capital, as in running text ("may" and "march" are verbs): the calendar's names and
# abbreviations, "Sept" too.
CAPITALISED_MONTH_RE = (rf"(?:{'|'.join(calendar.month_name[1:])}|(?:{'|'.join(calendar.month_abbr[1:])}|Sept)\.?)"
                        r"(?![a-z])")
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
# Explicit calendar dates in running text: "Nov. 29, 2016", "5-6 April 2016", "April 2016", "September 17";
# and the days named relative to the release: today, yesterday, tomorrow.
EXPLICIT_DATE_RE = re.compile(
    rf"\b(?:{_DAY}(?:\s*[-–]\s*{_DAY})?\s+{CAPITALISED_MONTH_RE}(?:,?\s+\d{{4}})?"
    rf"|{CAPITALISED_MONTH_RE}\s+{_DAY}(?:\s*[-–]\s*{_DAY})?(?:,?\s+\d{{4}})?\b"
    rf"|{CAPITALISED_MONTH_RE}\s+\d{{4}}\b"
    r"|(?i:today|yesterday|tomorrow))(?![\w-])"
)
# Business periods and spans of years, as a release writes them: "Q4 2025", "the third quarter of 2025", "the first
# half of 2025", "fiscal 2024", "FY2025", "fiscal year 2025-26", "summer 2026", "the 1990s", "2024-2026", "2025-26".
_YEAR = r"(?:1[89]|20|21)\d\d"
BUSINESS_DATE_RE = re.compile(
    rf"\b(?:(?:(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter|Q[1-4])(?:\s+of|,)?\s+(?:fiscal\s+(?:year\s+)?)?"
    rf"{_YEAR}"
    rf"|(?:first|second|1st|2nd)\s+half\s+of\s+{_YEAR}|H[12]\s+{_YEAR}"
    rf"|(?:[Ff]iscal(?:\s+[Yy]ear)?|FY)\s?{_YEAR}(?:\s*[-–/]\s*\d{{2,4}})?"
    rf"|(?:[Ss]pring|[Ss]ummer|[Ff]all|[Aa]utumn|[Ww]inter)\s+(?:of\s+)?{_YEAR}"
    rf"|{_YEAR[:-4]}\d0s"
    rf"|{_YEAR}\s*[-–]\s*(?:{_YEAR}|\d\d))(?![\w-])"
)
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "eighteen": 18, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}
UNITS = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "Y"}
# Words before a duration that keep its length: "more than 25 years" is P25Y (ANNOTATION.md).
DURATION_MODIFIER = re.compile(r"^(?:more than|over|nearly|almost|about|around|approximately|roughly|at least|"
                               r"up to|close to|less than|under|just over|well over|just under|some)\s+")
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
RANGE_SPLIT = re.compile(r"\s*,?\s+(?:to|through|thru|until|and)\s+|\s*[–—]\s*|(?<=\d)\s*-\s*(?=[A-Za-z]|\d{4})")


def number(words: str) -> int | None:
    """An amount written in digits or words: "25", "five", "twenty-five", "one hundred"."""
    words = words.strip()
    if words.isdigit():
        return int(words)
    if words in NUMBER_WORDS:
        return NUMBER_WORDS[words]
    from text_to_num import text2num

    try:
        return int(text2num(words, "en"))
    except (ValueError, TypeError):
        return None
VAGUE = {"several", "few", "recent", "many", "some", "couple", "coming", "past", "last", "next", "numerous"}
FUTURE_CUES = re.compile(
    r"\b(will|shall|'ll|’ll|going to|scheduled|upcoming|due to|is due|are due|set to|expected to|plans? to|"
    r"intends? to|next|goes to|go to a vote|forthcoming|would be held)\b", re.IGNORECASE)
PAST_CUES = re.compile(
    r"\b(was|were|had|did|has been|have been|ago|last|earlier|previously|\w{3,}ed|met|said|told|held|took|made|"
    r"gave|went|came|saw|began|sent|spoke|wrote|found|left|brought|became|ran|led|fled|fought|won|lost|paid|"
    r"kept|struck|sought|got|meant|put|set out|stood|understood|knew|heard|felt|chose|drove|threw|broke)\b",
    re.IGNORECASE)
# Matched at the end of the cleaned mention (a leading "the" is already gone): "that same day" ends in "same day".
ANCHOR_OFFSETS = {
    "same day": 0, "that day": 0, "following day": 1, "next day": 1, "day after": 1, "previous day": -1,
    "day before": -1,
}


Cues = tuple[list[tuple[int, int]], list[tuple[int, int]]]


def sentence_cues(sentence: str) -> Cues:
    """Where a sentence's past and future cues stand: found once per sentence, however many dates it holds."""
    return [m.span() for m in PAST_CUES.finditer(sentence)], [m.span() for m in FUTURE_CUES.finditer(sentence)]


@dataclass(frozen=True)
class Tense:
    """What the sentence around a date says about its time: past, future or unknown."""

    past: bool
    future: bool

    @classmethod
    def of(cls, sentence: str, mention: str = "", cues: Cues | None = None) -> Tense:
        """The tense of ``sentence`` without the cues inside ``mention`` ("last" of "last year" is no cue);
        ``cues`` are the sentence's cues when already found."""
        past, future = cues if cues is not None else sentence_cues(sentence)
        if mention and (past or future):
            hidden: list[tuple[int, int]] = []
            at = sentence.find(mention)
            while at != -1:
                hidden.append((at, at + len(mention)))
                at = sentence.find(mention, at + len(mention))

            def shown(spans: list[tuple[int, int]]) -> bool:
                return any(all(e <= a or b <= s for a, b in hidden) for s, e in spans)

            return cls(past=shown(past), future=shown(future))
        return cls(past=bool(past), future=bool(future))


def _clean(text: str) -> str:
    t = text.strip().strip(".,;:()")
    t = re.sub(r"^(?:the|on|in|of|at|by|since|from|until|during|between)\s+", "", t, flags=re.IGNORECASE)
    t = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", t)
    t = t.replace("Sept.", "Sep").replace("Sept ", "Sep ").replace("’", "'")
    return re.sub(r"\s+", " ", t)


def _month(name: str) -> int | None:
    return MONTHS.get(name.lower().rstrip("."))


def choose_year(month: int, day: int | None, ref: date, tense: Tense) -> int:
    """The year that fits: past sentences look back, future ones forward, otherwise the nearest."""
    def first(y: int) -> date:
        return date(y, month, day or 1)

    def last(y: int) -> date:
        return date(y, month, day or calendar.monthrange(y, month)[1])

    years = [ref.year - 1, ref.year, ref.year + 1]
    if tense.future and not tense.past:
        return next(y for y in years if last(y) >= ref)
    if tense.past and not tense.future:
        return [y for y in years if first(y) <= ref][-1]
    return min(years, key=lambda y: abs((first(y) - ref).days))


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def resolve(
    text: str, ref: date | None, *, sentence: str = "", anchor: date | None = None, day_first: bool = True,
    cues: Cues | None = None,
) -> str | None:
    """The value of one DATE mention (see ANNOTATION.md), or None when nothing definite can be said.

    ``sentence`` is the mention's sentence (its tense picks the year of a year-less date); ``cues`` its
    ``sentence_cues`` when the caller has them."""
    t = _clean(text)
    low = t.lower()
    tense = Tense.of(sentence, text, cues)

    # a duration's modifier keeps its length: "more than 25 years", "nearly 30 years", "over a decade ago"
    m = DURATION_MODIFIER.match(low)
    if m and re.search(r"\b(?:days?|weeks?|months?|years?|decades?)\b", low):
        return resolve(t[m.end():], ref, sentence=sentence, anchor=anchor, day_first=day_first, cues=cues)
    business = business_value(low, ref)
    if business is not None:
        return business
    # an adjective duration: "a five-year plan", "50-year", "two-year term"
    m = re.fullmatch(r"([a-z0-9]+(?:-[a-z]+)?)-(day|week|month|year|decade)(?:-long)?", low)
    if m:
        n = number(m.group(1))
        if n is None:
            return None
        return f"P{n * 10 if m.group(2) == 'decade' else n}{UNITS[m.group(2)]}"
    # counted from the date the narrative last named: "a year later", "two days later"
    m = re.fullmatch(r"(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+) (day|week|month|year)s? later", low)
    if m:
        if anchor is None:
            return None
        n = number(m.group(1)) or 1
        d = anchor + relativedelta(**{m.group(2) + "s": n})
        return str(d.year) if m.group(2) == "year" else f"{d.year:04d}-{d.month:02d}" if m.group(2) == "month" \
            else d.isoformat()
    if ref is not None and re.fullmatch(r"(?:later|earlier) this year|(?:later|earlier) in the year", low):
        return str(ref.year)
    if ref is not None and re.fullmatch(r"(?:later|earlier) this month", low):
        return f"{ref.year:04d}-{ref.month:02d}"
    m = re.fullmatch(rf"(this|next|last) ({MONTH_RE})", low)
    if m and ref is not None:
        month = _month(m.group(2))
        if month is not None:
            year = ref.year + (1 if m.group(1) == "next" and month <= ref.month else 0) \
                - (1 if m.group(1) == "last" and month >= ref.month else 0)
            return f"{year:04d}-{month:02d}"

    # ranges: one span, one interval ("June 5 to June 11", "July 1, 2025, through June 30, 2026", "2024-2026")
    ranged = range_value(t, ref, sentence=sentence, anchor=anchor, day_first=day_first, cues=cues)
    if ranged is not None:
        return ranged

    # ranges: "5-6 April 2024", "April 5-6, 2024"
    m = re.fullmatch(rf"(\d{{1,2}})\s*[-–]\s*(\d{{1,2}})\s+({MONTH_RE})(?:,?\s+(\d{{4}}))?", t, re.IGNORECASE)
    if m is None:
        m2 = re.fullmatch(rf"({MONTH_RE})\s+(\d{{1,2}})\s*[-–]\s*(\d{{1,2}})(?:,?\s+(\d{{4}}))?", t, re.IGNORECASE)
        if m2:
            m = m2
            d1, d2, mon, yr = m2.group(2), m2.group(3), m2.group(1), m2.group(4)
    else:
        d1, d2, mon, yr = m.group(1), m.group(2), m.group(3), m.group(4)
    if m:
        month = _month(mon)
        if month is None:
            return None
        year = int(yr) if yr else (choose_year(month, int(d1), ref, tense) if ref else None)
        if year is None:
            return None
        a, b = _safe_date(year, month, int(d1)), _safe_date(year, month, int(d2))
        return f"{a.isoformat()}/{b.isoformat()}" if a and b else None

    # anchored: "the same day", "the following day"
    for phrase, offset in ANCHOR_OFFSETS.items():
        if low == phrase or low.endswith(" " + phrase):
            return (anchor + timedelta(days=offset)).isoformat() if anchor else None

    # relative to the reference date
    if low in ("today", "this day", "tonight", "this morning", "this afternoon", "this evening"):
        return ref.isoformat() if ref else None
    if low in ("yesterday", "last night"):
        return (ref - timedelta(days=1)).isoformat() if ref else None
    if low == "tomorrow":
        return (ref + timedelta(days=1)).isoformat() if ref else None
    m = re.fullmatch(r"(this|last|next|past|previous|coming) (year|month|week)", low)
    if m:
        if ref is None:
            return None
        step = {"this": 0, "coming": 1, "next": 1}.get(m.group(1), -1)
        if m.group(2) == "year":
            return str(ref.year + step)
        if m.group(2) == "month":
            d = ref + relativedelta(months=step)
            return f"{d.year:04d}-{d.month:02d}"
        d = ref + timedelta(weeks=step)
        iso = d.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    m = re.fullmatch(r"(?:(last|next|this|on)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)", low)
    if m:
        if ref is None:
            return None
        target = WEEKDAYS[m.group(2)]
        delta = (ref.weekday() - target) % 7
        back = ref - timedelta(days=delta or 7) if m.group(1) == "last" else ref - timedelta(days=delta)
        ahead = ref + timedelta(days=(target - ref.weekday()) % 7 or (7 if m.group(1) == "next" else 0))
        if m.group(1) == "next" or (tense.future and not tense.past):
            return ahead.isoformat()
        return back.isoformat()
    m = re.fullmatch(r"(?:([\w-]+) )?(year|years|month|months|week|weeks|day|days|decade|decades) ago", low)
    if m and (m.group(1) is None or number(m.group(1)) is not None):
        if ref is None:
            return None
        n = number(m.group(1) or "a") or 1
        unit = m.group(2).rstrip("s")
        if unit == "decade":
            unit, n = "year", n * 10
        d = ref - relativedelta(**{unit + "s": n})
        return str(d.year) if unit == "year" else f"{d.year:04d}-{d.month:02d}" if unit == "month" else d.isoformat()

    # durations: "two months", "the past three years", "48 days"
    m = re.fullmatch(r"(?:(?:the )?(?:past|last|next|previous|first|coming|over|for)\s+)?"
                     r"((?:[\w-]+\s+){0,2}?[\w-]+)\s+(days?|weeks?|months?|years?|decades?)", low)
    if m:
        word = m.group(1)
        n = number(word)
        if n is None or word in VAGUE:
            return None
        unit = m.group(2).rstrip("s")
        if unit == "decade":
            n *= 10
        return f"P{n}{UNITS[unit]}"

    # "late November", "early 2024", "mid-March", "the end of 2023", "the beginning of June"
    m = re.fullmatch(rf"(?:early|late|mid|mid-|the end of|end of|the beginning of|beginning of|the start of|"
                     rf"start of|the middle of)\s*-?\s*({MONTH_RE}|\d{{4}})(?:,? (\d{{4}}))?", low)
    if m:
        low = m.group(1) + (f" {m.group(2)}" if m.group(2) else "")
        t = low

    # a year: "2025", "in 2024"
    if re.fullmatch(r"\d{4}", low):
        return low
    # a month (and year): "January", "April 2016"
    m = re.fullmatch(rf"({MONTH_RE})(?:,?\s+(\d{{4}}))?", low)
    if m:
        month = _month(m.group(1))
        if month is None:
            return None
        if m.group(2):
            return f"{m.group(2)}-{month:02d}"
        return f"{choose_year(month, None, ref, tense):04d}-{month:02d}" if ref else None
    # ISO or numeric dates
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", low)
    if m:
        d = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return d.isoformat() if d else None
    m = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})", low)
    if m:
        return numeric_date(m.group(1), m.group(2), m.group(3), day_first=day_first)
    # day and month, with or without a year: "December 1", "12 February", "Dec. 6, 2016"
    m = re.fullmatch(rf"(?:(?:\w+day),?\s+)?(?:({MONTH_RE})\s+(\d{{1,2}})|(\d{{1,2}})\s+(?:of\s+)?({MONTH_RE}))"
                     rf"(?:,?\s+(\d{{4}}))?", low)
    if m:
        month = _month(m.group(1) or m.group(4))
        day = int(m.group(2) or m.group(3))
        if month is None:
            return None
        if m.group(5):
            d = _safe_date(int(m.group(5)), month, day)
            return d.isoformat() if d else None
        if ref is None:
            return None
        d = _safe_date(choose_year(month, day, ref, tense), month, day)
        return d.isoformat() if d else None
    return _dateutil(t)


def numeric_date(a: str, b: str, y: str, *, day_first: bool = True) -> str | None:
    """``21/03/2023`` → 2023-03-21: day first unless the numbers or the release say month first."""
    x, z = int(a), int(b)
    year = int(y) if len(y) == 4 else 2000 + int(y)
    if x > 12:
        day_first = True
    elif z > 12:
        day_first = False
    d = _safe_date(year, z, x) if day_first else _safe_date(year, x, z)
    return d.isoformat() if d else None


def _dateutil(text: str) -> str | None:
    """Full dates in other spellings, via dateutil; only when day, month and year are all written."""
    if not (re.search(r"\d{4}", text) and re.search(MONTH_RE, text, re.IGNORECASE) and re.search(r"\b\d{1,2}\b", text)):
        return None
    try:
        return dateutil_parse(text, fuzzy=False, default=None).date().isoformat()  # type: ignore[arg-type]
    except (ParserError, ValueError, OverflowError, TypeError):
        return None


def precise_day(value: str | None) -> date | None:
    """The date of a day-precision value, for anchoring "the same day"."""
    if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return date.fromisoformat(value)
    return None


def business_value(low: str, ref: date | None) -> str | None:
    """Quarters, halves, fiscal years, seasons and decades in TIMEX3 form: 2025-Q4, 2025-H1, FY2025, 2026-SU, 199."""
    m = re.fullmatch(r"(?:(first|second|third|fourth|1st|2nd|3rd|4th) quarter|q([1-4]))(?: of|,)? "
                     r"(?:fiscal (?:year )?)?(\d{4})", low)
    if m:
        n = ORDINALS.get(m.group(1) or "") or int(m.group(2))
        return f"{m.group(3)}-Q{n}"
    m = re.fullmatch(r"(?:(first|second|1st|2nd) half of|h([12])) (\d{4})", low)
    if m:
        return f"{m.group(3)}-H{ORDINALS.get(m.group(1) or '') or int(m.group(2))}"
    m = re.fullmatch(r"(?:fiscal(?: year)?|fy) ?(\d{4})(?:\s*[-–/]\s*(\d{2,4}))?", low)
    if m:
        if m.group(2):  # "fiscal year 2025-26": the interval of the years it spans
            return f"{m.group(1)}/{_full_year(m.group(1), m.group(2))}"
        return f"FY{m.group(1)}"
    m = re.fullmatch(r"(?:(this|next|last) )?(spring|summer|fall|autumn|winter)(?: of)?(?: (\d{4}))?", low)
    if m and (m.group(3) or (m.group(1) and ref is not None)):
        shift = {"this": 0, "next": 1, "last": -1}
        year = int(m.group(3)) if m.group(3) else ref.year + shift[m.group(1)]  # type: ignore[union-attr]
        return f"{year}-{SEASONS[m.group(2)]}"
    m = re.fullmatch(r"(?:the )?(\d{3})0s", low)
    if m:
        return m.group(1)
    m = re.fullmatch(r"(\d{4})\s*[-–/]\s*(\d{4}|\d{2})", low)
    if m:
        return f"{m.group(1)}/{_full_year(m.group(1), m.group(2))}"
    return None


def _full_year(first: str, second: str) -> str:
    """The end year of a span of years: "2025-26" ends in 2026."""
    return second if len(second) == 4 else first[:2] + second


def range_value(text: str, ref: date | None, **context: object) -> str | None:
    """``FIRST/LAST`` for a range of two dates of the same precision; each side borrows the year or month the
    other writes ("June 5 to June 11", "May 1 to 3, 2025")."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        return None
    parts = RANGE_SPLIT.split(text.strip(), maxsplit=1)
    if len(parts) != 2 or not all(p.strip() for p in parts):
        return None
    first, last = (p.strip(" ,") for p in parts)
    year = re.search(r"\b\d{4}\b", last)
    if year and not re.search(r"\b\d{4}\b", first) and re.search(MONTH_RE, first, re.IGNORECASE):
        first = f"{first}, {year.group(0)}"
    month = re.match(rf"({MONTH_RE})\s", first, re.IGNORECASE)
    if month and re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?(?:,? \d{4})?", last):
        last = f"{month.group(1)} {last}"
    a = resolve(first, ref, **context)  # type: ignore[arg-type]
    b = resolve(last, ref, **context)  # type: ignore[arg-type]
    if a and b and len(a) == len(b) and not a.startswith("P") and "/" not in a + b:
        return f"{a}/{b}"
    return None
