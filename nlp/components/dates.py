"""``presstag_dateline`` finds the release's dateline; ``presstag_dates`` gives every DATE mention its value."""

from __future__ import annotations

import re
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..dateline import US_HINTS, find_dateline
from ..dates import BUSINESS_DATE_RE, EXPLICIT_DATE_RE, WEEKDAYS, Cues, number, precise_day, resolve, sentence_cues
from ..spans import EntitySet, claim, doc_text, move_meta, set_entities, span_meta, vote


class DatelineFinder:
    """Records ``doc._.dateline`` and makes its place a PLACE and its date a DATE mention."""


    def __call__(self, doc: Doc) -> Doc:
        found = find_dateline(doc_text(doc))
        if found is None:
            return doc
        doc._.dateline = {"place": found.place, "date": found.date, "text": found.text, "start": found.start,
                          "end": found.end}
        ents = EntitySet(doc.ents)
        wanted = []
        if found.place and found.place_start is not None:
            at = found.place_start  # every part is a place: "ST. LOUIS, MO", "NEW DELHI, INDIA"
            for part in found.place.split(","):
                lead = len(part) - len(part.lstrip())
                name = part.strip()
                if name:
                    wanted.append((at + lead, at + lead + len(name), "PLACE"))
                at += len(part) + 1
        if found.wire and found.wire_start is not None:
            wanted.append((found.wire_start, found.wire_start + len(found.wire), "ORG"))
        wanted.append((found.date_start, found.date_start + len(found.date_text), "DATE"))
        for start, end, label in wanted:
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is not None:
                claim(doc, ents, span, "dateline")
        set_entities(doc, ents)
        return doc


class DateResolver:
    """Sets the reference date (option, else dateline, else page metadata) and each DATE mention's value."""

    def __call__(self, doc: Doc) -> Doc:
        ref, source = None, None
        dateline = doc._.dateline or {}
        if doc._.reference_date_override:
            ref, source = doc._.reference_date_override, "option"
        elif dateline.get("date"):
            ref, source = dateline["date"], "dateline"
        elif doc._.published_date:
            ref, source = str(doc._.published_date)[:10], "metadata"
        doc._.reference_date = ref
        doc._.reference_date_source = source
        ref_date = _parse(ref)
        day_first = not US_HINTS.search(doc_text(doc)[:600])
        anchor = None
        has_sentences = doc.has_annotation("SENT_START")  # scans the doc: once, not per date
        sentences: dict[int, tuple[str, Cues]] = {}  # a sentence's text and cues, once however many dates it has
        for ent in doc.ents:
            if ent.label_ != "DATE":
                continue
            sentence, cues = "", None
            if has_sentences:
                sent = ent.sent
                if sent.start not in sentences:
                    sentences[sent.start] = (sent.text, sentence_cues(sent.text))
                sentence, cues = sentences[sent.start]
            try:
                value = resolve(ent.text, ref_date, sentence=sentence, anchor=anchor, day_first=day_first,
                                cues=cues)
            except (ValueError, OverflowError):  # calendar arithmetic beyond the years a date can hold
                value = None
            span_meta(doc, ent)["value"] = value
            in_dateline = dateline and dateline["start"] <= ent.start_char < dateline["end"]
            if not in_dateline and ent.text.lower() != "today" and precise_day(value):
                anchor = precise_day(value)
        return doc


def _parse(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@Language.factory("presstag_dateline", assigns=["doc.ents", "doc._.dateline"], default_config={})
def make_dateline(nlp: Language, name: str) -> DatelineFinder:
    return DatelineFinder()


@Language.factory("presstag_dates", assigns=["doc._.reference_date"], default_config={})
def make_dates(nlp: Language, name: str) -> DateResolver:
    return DateResolver()


# DATE mentions that are not calendar dates: frequencies, a bare "day", small numbers (ages: "Dayton, 42,"),
# ages ("10-month-old"), adjectives of other units ("four-season"), vague spans ("multiyear", "years").
NOT_DATES = {"daily", "weekly", "monthly", "yearly", "annually", "nightly", "hourly", "day", "days", "years",
             "multiyear", "multi-year"}
AGE_RE = re.compile(r"^\d{1,3}$|^[\w-]+[- ](?:years?|months?|weeks?|days?)[- ]old\b|^\w+-seasons?$", re.IGNORECASE)
# A number after these is an identifier or an address, not a year: "Press Release Number: 1181", "Suite 2000".
NUMBER_NOUNS = {"number", "no", "no.", "#", "suite", "room", "unit", "box", "ste", "ste.", "floor", "route", "highway"}
STREET_WORDS = {"street", "st", "st.", "avenue", "ave", "ave.", "road", "rd", "rd.", "boulevard", "blvd", "blvd.",
                "drive", "dr", "dr.", "lane", "ln", "way", "court", "place", "parkway", "highway", "square", "plaza"}
MODIFIER_WORDS = {"more than": 2, "over": 1, "nearly": 1, "almost": 1, "about": 1, "around": 1, "approximately": 1,
                  "roughly": 1, "at least": 2, "up to": 2, "close to": 2, "less than": 2, "under": 1, "just over": 2,
                  "well over": 2}
RANGE_WORDS = {"to", "through", "thru", "until", "and", "-", "–", "—"}
WEEKDAY_NAMES = set(WEEKDAYS)
RELATIVE_WORDS = {"this", "last", "next"}  # "this Thanksgiving", "last Christmas"
DURATION_UNITS = {"year", "years", "month", "months", "week", "weeks", "day", "days", "decade", "decades",
                  "fortnight"}


class DateSpans:
    """Date grammar: explicit dates and "today" the model missed or cut short are DATEs; frequencies, ages and
    a bare "day" are not; "a year ago" keeps its article (it is the number one, not a determiner)."""

    def __call__(self, doc: Doc) -> Doc:
        ents = EntitySet(e for e in doc.ents if not (e.label_ == "DATE" and self.not_a_date(doc, e)))
        for e in ents:
            if e.label_ != "DATE":
                continue
            start, end = e.start, e.end
            before = doc[start - 1].lower_ if start > 0 else ""
            if (before in ("a", "an") and e[0].lower_ in DURATION_UNITS) or \
                    (before in RELATIVE_WORDS and e[0].is_title):
                start -= 1
            if end < len(doc) and doc[end].text == "Day" and e[-1].is_title:
                end += 1  # "Thanksgiving Day"
            if (start, end) != (e.start, e.end) and all(o is e for o in ents.overlapping(start, end)):
                span = Span(doc, start, end, label="DATE")
                move_meta(doc, e, span)
                ents.replace(e, span)
        self.modified_durations(doc, ents)
        matches = [*EXPLICIT_DATE_RE.finditer(doc_text(doc)), *BUSINESS_DATE_RE.finditer(doc_text(doc))]
        for match in sorted(matches, key=lambda m: (m.start(), -m.end())):
            span = doc.char_span(match.start(), match.end(), label="DATE", alignment_mode="contract")
            if span is None or len(span) == 0:
                continue
            overlaps = ents.overlapping(span.start, span.end)
            if not overlaps:
                vote(doc, span, "DATE", "date_grammar")
                ents.add(span)
            elif all(e.label_ == "DATE" and span.start <= e.start and e.end <= span.end for e in overlaps) and \
                    any((e.start, e.end) != (span.start, span.end) for e in overlaps):
                claim(doc, ents, span, "date_grammar")  # "April 2016" -> "5-6 April 2016"
        self.ranges(doc, ents)
        set_entities(doc, ents)
        return doc

    @staticmethod
    def modified_durations(doc: Doc, ents: EntitySet) -> None:
        """A duration keeps its modifier: "more than 25 years", "nearly 30 years", "over a decade ago"."""
        for e in ents:
            if e.label_ != "DATE" or not any(t.lower_.rstrip("s") in DURATION_UNITS for t in e):
                continue
            if not (e[0].like_num or e[0].lower_ in ("a", "an") or number(e[0].lower_) is not None):
                continue  # a counted duration only: not "up to last year", "over several days"
            for words, n in MODIFIER_WORDS.items():
                start = e.start - n
                if start >= 0 and doc[start:e.start].text.lower() == words \
                        and all(o is e for o in ents.overlapping(start, e.end)):
                    span = Span(doc, start, e.end, label="DATE")
                    move_meta(doc, e, span)
                    ents.replace(e, span)
                    break

    @staticmethod
    def ranges(doc: Doc, ents: EntitySet) -> None:
        """Two dates joined by "to", "through", "and" or a dash are one range: "June 5 to June 11", "July 1, 2025,
        through June 30, 2026", "the years 2020 and 2021"; a weekday joins its date: "Friday, June 6, 2025"."""
        dates = [e for e in ents if e.label_ == "DATE"]
        for a, b in zip(dates, dates[1:], strict=False):
            if a not in ents or b not in ents:
                continue
            between = [t for t in doc[a.end:b.start] if not t.is_space]
            words = [t.lower_ for t in between if t.text != ","]
            weekday = len(a) == 1 and a[0].lower_ in WEEKDAY_NAMES and [t.text for t in between] == [","]
            if not (weekday or (len(words) == 1 and words[0] in RANGE_WORDS)) or len(between) > 2:
                continue
            if words == ["and"] and not (a.text.isdigit() and b.text.isdigit()):
                continue  # "and" joins years only: "2020 and 2021", not "May 1 and the same day"
            start = a.start
            if words == ["and"] and start > 0 and doc[start - 1].lower_ == "years":
                start -= 1
            span = Span(doc, start, b.end, label="DATE")
            move_meta(doc, a, span)
            ents.remove(a)
            ents.remove(b)
            ents.add(span)

    @staticmethod
    def not_a_date(doc: Doc, e: Span) -> bool:
        text = e.text.lower()
        if text in NOT_DATES or AGE_RE.match(text) or e[0].lower_ == "every":
            return True
        before = doc[e.start - 1] if e.start > 0 else None
        after = doc[e.end] if e.end < len(doc) else None
        if before is not None and before.lower_ in ("aged", "every", "per"):
            return True  # an age, a frequency: "every 12-18 months"
        if e.text.isdigit() and before is not None and before.lower_ == "of" and e.start > 1 \
                and doc[e.start - 2].text in ("Act", "Acts", "Law", "Code"):
            return True  # the year in a law's name: "the Securities Litigation Reform Act of 1995"
        if e.text.isdigit():
            if before is not None and (before.lower_.rstrip(":") in NUMBER_NOUNS or before.text == ":" and e.start > 1
                                       and doc[e.start - 2].lower_ in NUMBER_NOUNS):
                return True  # "Press Release Number: 1181"
            if after is not None and after.is_title and e.end + 1 < len(doc) and doc[e.end + 1].lower_ in STREET_WORDS:
                return True  # "3301 Nostrand Avenue"
            if before is not None and before.is_upper and len(before.text) > 2 and before.text.isalpha() \
                    and not before.is_sent_start:
                return True  # a year in an event's name: "POWERGEN 2026", "CES 2025"
        return False


@Language.factory("presstag_date_spans", assigns=["doc.ents"], default_config={})
def make_date_spans(nlp: Language, name: str) -> DateSpans:
    return DateSpans()
