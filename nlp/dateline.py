"""The release's dateline and the date it prints: "(London, December 17, 2025) –", "GENEVA (17 May 2023) –",
"GENEVA, March 3, 2024 /PRNewswire/ --", "WASHINGTON — Jan. 8, 2019 —", "17 December 2025 — Nairobi:", wire-service
forms ("NEW DELHI, INDIA - Media OutReach Newswire - 6 June 2026 -", "(NewMediaWire) - July 01, 2025 - DALLAS —",
"ST. LOUIS, MO / PR Karma / January 9, 2025", "San Antonio, Texas (Newsworthy.ai) Wednesday Jan 14, 2026 @ 7:20
AM"), and a line that is the date and little else ("Date: 21/03/2023", "News Release 17-Aug-2020", "FOR IMMEDIATE
RELEASE / Monday, September 28, 2015", "Wärtsilä Corporation, Company Announcement, 31 January 2012, at 3:00 PM")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import MONTH_RE, numeric_date, resolve

HEAD_CHARS = 1200
PLACE_RE = (r"(?P<place>[A-Z][A-Za-z.'’\-]+(?:[ ][A-Z][A-Za-z.'’\-]+){0,3}"
            r"(?:,[ ][A-Z][A-Za-z.]+(?:[ ][A-Z][A-Za-z.]+)?)?)")
MONTH = f"(?i:{MONTH_RE})"
WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\.?)"
TEXT_DATE_RE = (rf"(?:{WEEKDAY},?\s+)?"
                rf"(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH},?\s+\d{{4}}"
                rf"|\d{{1,2}}-{MONTH}-\d{{4}})")
NUM_DATE_RE = r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}-\d{2}-\d{2}"
DATE_RE = rf"(?P<date>{TEXT_DATE_RE}|{NUM_DATE_RE})"
SEP = r"\s*(?:,|—|–|-{1,2}|:)\s*"
DASH = r"\s*(?:—|–|-{1,2}|\|)\s*"
# A wire service or publisher credited in the dateline: a short capitalised name ("Media OutReach Newswire",
# "PR Karma", "BUSINESS WIRE", "Newsworthy.ai").
WIRE_RE = r"(?P<wire>[A-Z][\w.!&'’]*(?:[ ][A-Z0-9][\w.!&'’]*){0,4})"
PATTERNS = [
    # (London, December 17, 2025) –    /   GENEVA, March 3, 2024 /PRNewswire/ --   /   WASHINGTON — Jan. 8, 2019 —
    # /   MIAMI, FL — November 15, 2024 — (NOTICIAS NEWSWIRE) —
    re.compile(rf"^\s*\(?{PLACE_RE}(?:\s*\([^)]{{1,40}}\))?{SEP}{DATE_RE}\)?(?:{DASH}\({WIRE_RE}\)(?=\s*[—–-]))?",
               re.MULTILINE),
    # GENEVA (17 May 2023) –
    re.compile(rf"^\s*{PLACE_RE}\s*\(\s*{DATE_RE}\s*\)(?=\s*(?:—|–|-{{1,2}}|:))", re.MULTILINE),
    # 17 December 2025 — Nairobi:
    re.compile(rf"^\s*{DATE_RE}{SEP}{PLACE_RE}\s*[:—–-]", re.MULTILINE),
    # Date: 21/03/2023   /   Published 14 February 2024
    re.compile(rf"^\s*(?:Date|Dated|Published|Released|Issued)(?:\s*:\s*|\s+(?:on\s+)?){DATE_RE}",
               re.IGNORECASE | re.MULTILINE),
    # NEW DELHI, INDIA - Media OutReach Newswire - 6 June 2026 -
    re.compile(rf"^\s*{PLACE_RE}{DASH}{WIRE_RE}{DASH}{DATE_RE}", re.MULTILINE),
    # ST. LOUIS, MO / PR Karma / January 9, 2025
    re.compile(rf"^\s*{PLACE_RE}\s*/\s*{WIRE_RE}\s*/\s*{DATE_RE}", re.MULTILINE),
    # San Antonio, Texas (Newsworthy.ai) Wednesday Jan 14, 2026 @ 7:20 AM Central —
    re.compile(rf"^\s*{PLACE_RE}\s*\({WIRE_RE}\)\s*{DATE_RE}", re.MULTILINE),
    # (NewMediaWire) - July 01, 2025 - DALLAS —
    re.compile(rf"^\s*\({WIRE_RE}\){DASH}{DATE_RE}{DASH}{PLACE_RE}(?=\s*[—–,-])", re.MULTILINE),
]
# SEATTLE--(BUSINESS WIRE)--: a place and a wire without a date (the date is on a line of its own above).
PLACE_WIRE_RE = re.compile(rf"^\s*{PLACE_RE}\s*--\({WIRE_RE}\)--", re.MULTILINE)
FULL_DATE_RE = re.compile(DATE_RE)
# What may share a line with a printed date: times, time zones and the words of a release's header.
DATE_LINE_NOISE = re.compile(
    r"(?i)\b(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?|[ap]\.m\.|am|pm|[ECMP][SD]?T|EET|EEST|CET|CEST|GMT|UTC|BST|IST|"
    r"JST|AEST|eastern|central|pacific|mountain|daylight|standard|time|for|immediate|release|news|press|media|"
    r"company|announcement|stock|exchange|published|updated|released|issued|date|dated|at|on|embargoed|until)\b")
MAX_DATE_LINE_WORDS = 3
DATE_LINES = 10
NOT_PLACES = {"date", "dated", "published", "released", "issued", "for immediate release", "press release",
              "update", "updated", "news", "news release", "media release", *(d.lower() for d in (
                  "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"))}
US_HINTS = re.compile(r"\b(WASHINGTON|NEW YORK|U\.S\.|United States|PRNewswire|Business Wire|GLOBE NEWSWIRE)\b")


@dataclass(frozen=True)
class DatelineMatch:
    """A dateline found in the text: its place, wire service and resolved date, and its character span."""

    place: str | None
    place_start: int | None
    date: str | None
    date_text: str
    date_start: int
    text: str
    start: int
    end: int
    wire: str | None = None
    wire_start: int | None = None


def _heading(place: str | None) -> bool:
    """A "place" that is really a heading word ("Date", "Press release", "Monday")."""
    return bool(place) and place.lower().rstrip(".") in NOT_PLACES  # type: ignore[union-attr]


def find_dateline(text: str) -> DatelineMatch | None:
    """The dateline in the first lines of ``text`` (else the line that prints the release's date), or None."""
    head = text[:HEAD_CHARS]
    found = [m for pattern in PATTERNS for m in pattern.finditer(head) if not _heading(m.groupdict().get("place"))]
    line = date_line(head)
    if not found and line is None:
        return None
    best = min(found, key=lambda m: m.start()) if found else line
    if line is not None and line.start() < best.start() and best.start() - line.start() > 300:
        best = line  # a date line well above a later dateline-like line
    match = _match(text, best, us=bool(US_HINTS.search(head)))
    if match.place is None:
        wired = PLACE_WIRE_RE.search(head)  # "May 13, 2020 …" above "SEATTLE--(BUSINESS WIRE)--"
        if wired is not None and not _heading(wired.group("place")):
            match = DatelineMatch(place=wired.group("place").strip(), place_start=wired.start("place"),
                                  date=match.date, date_text=match.date_text, date_start=match.date_start,
                                  text=match.text, start=match.start, end=match.end, wire=wired.group("wire"),
                                  wire_start=wired.start("wire"))
    return match


def date_line(head: str) -> re.Match[str] | None:
    """The first of the top lines that is a full date and little else (a time, a time zone, a release header,
    at most a few words such as the issuer's name)."""
    offset = 0
    for number, line in enumerate(head.split("\n")):
        if number >= DATE_LINES:
            break
        m = FULL_DATE_RE.search(line)
        if m is not None:
            rest = DATE_LINE_NOISE.sub(" ", line[:m.start()] + " " + line[m.end():])
            words = re.findall(r"[A-Za-z][\w.'’&-]*", rest)
            if len(words) <= MAX_DATE_LINE_WORDS:
                return FULL_DATE_RE.search(head, offset + m.start())
        offset += len(line) + 1
    return None


def _match(text: str, best: re.Match[str], *, us: bool) -> DatelineMatch:
    date_text = best.group("date")
    if re.fullmatch(r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}", date_text):
        a, b, y = re.split(r"[/.]", date_text)
        value = numeric_date(a, b, y, day_first=not us)
    else:
        value = resolve(date_text.replace("-", " "), None) if re.fullmatch(rf"\d{{1,2}}-{MONTH}-\d{{4}}", date_text) \
            else resolve(date_text, None)
    groups = best.groupdict()
    place, wire = groups.get("place"), groups.get("wire")
    start = best.start() + (len(best.group(0)) - len(best.group(0).lstrip()))
    return DatelineMatch(
        place=place.strip() if place else None,
        place_start=best.start("place") if place else None,
        date=value,
        date_text=date_text,
        date_start=best.start("date"),
        text=text[start:best.end()],
        start=start,
        end=best.end(),
        wire=wire.strip() if wire else None,
        wire_start=best.start("wire") if wire else None,
    )
