"""The release's dateline: "(London, December 17, 2025) –", "GENEVA (17 May 2023) –",
"GENEVA, March 3, 2024 /PRNewswire/ --",
"WASHINGTON — Jan. 8, 2019 —", "17 December 2025 — Nairobi:", a "Date: 21/03/2023" line."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import MONTH_RE, numeric_date, resolve

HEAD_CHARS = 600
PLACE_RE = (r"(?P<place>[A-Z][A-Za-z.'’\-]+(?:[ ][A-Z][A-Za-z.'’\-]+){0,3}"
            r"(?:,[ ][A-Z][A-Za-z.]+(?:[ ][A-Z][A-Za-z.]+)?)?)")
MONTH = f"(?i:{MONTH_RE})"
TEXT_DATE_RE = (rf"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
                rf"(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH},?\s+\d{{4}})")
NUM_DATE_RE = r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}-\d{2}-\d{2}"
DATE_RE = rf"(?P<date>{TEXT_DATE_RE}|{NUM_DATE_RE})"
SEP = r"\s*(?:,|—|–|-{1,2}|:)\s*"
PATTERNS = [
    # (London, December 17, 2025) –    /   GENEVA, March 3, 2024 /PRNewswire/ --   /   WASHINGTON — Jan. 8, 2019 —
    re.compile(rf"^\s*\(?{PLACE_RE}(?:\s*\([^)]{{1,40}}\))?{SEP}{DATE_RE}\)?", re.MULTILINE),
    # GENEVA (17 May 2023) –
    re.compile(rf"^\s*{PLACE_RE}\s*\(\s*{DATE_RE}\s*\)(?=\s*(?:—|–|-{{1,2}}|:))", re.MULTILINE),
    # 17 December 2025 — Nairobi:
    re.compile(rf"^\s*{DATE_RE}{SEP}{PLACE_RE}\s*[:—–-]", re.MULTILINE),
    # Date: 21/03/2023   /   Published 14 February 2024
    re.compile(rf"^\s*(?:Date|Dated|Published|Released|Issued)(?:\s*:\s*|\s+(?:on\s+)?){DATE_RE}",
               re.IGNORECASE | re.MULTILINE),
]
NOT_PLACES = {"date", "dated", "published", "released", "issued", "for immediate release", "press release",
              "update", "updated", "news"}
US_HINTS = re.compile(r"\b(WASHINGTON|NEW YORK|U\.S\.|United States|PRNewswire|Business Wire|GLOBE NEWSWIRE)\b")


@dataclass(frozen=True)
class DatelineMatch:
    """A dateline found in the text: its place and resolved date, and its character span."""

    place: str | None
    place_start: int | None
    date: str | None
    date_text: str
    date_start: int
    text: str
    start: int
    end: int


def _heading(place: str | None) -> bool:
    """A "place" that is really a heading word ("Date", "Press release")."""
    return bool(place) and place.lower().rstrip(".") in NOT_PLACES  # type: ignore[union-attr]


def find_dateline(text: str) -> DatelineMatch | None:
    """The dateline in the first lines of ``text``, or None."""
    head = text[:HEAD_CHARS]
    found = [m for pattern in PATTERNS for m in pattern.finditer(head) if not _heading(m.groupdict().get("place"))]
    if not found:
        return None
    best = min(found, key=lambda m: m.start())
    date_text = best.group("date")
    us = bool(US_HINTS.search(head))
    if re.fullmatch(r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}", date_text):
        a, b, y = re.split(r"[/.]", date_text)
        value = numeric_date(a, b, y, day_first=not us)
    else:
        value = resolve(date_text, None)
    place = best.groupdict().get("place")
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
    )
