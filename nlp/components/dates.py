"""``presstag_dateline`` finds the release's dateline; ``presstag_dates`` gives every DATE mention its value."""

from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from ..dateline import US_HINTS, find_dateline
from ..dates import precise_day, resolve
from ..spans import claim, set_entities, span_meta


class DatelineFinder:
    """Records ``doc._.dateline`` and makes its place a PLACE and its date a DATE mention."""


    def __call__(self, doc: Doc) -> Doc:
        found = find_dateline(doc.text)
        if found is None:
            return doc
        doc._.dateline = {"place": found.place, "date": found.date, "text": found.text, "start": found.start,
                          "end": found.end}
        ents = list(doc.ents)
        wanted = []
        if found.place and found.place_start is not None:
            name = found.place.split(",")[0].strip()
            wanted.append((found.place_start, found.place_start + len(name), "PLACE"))
        wanted.append((found.date_start, found.date_start + len(found.date_text), "DATE"))
        for start, end, label in wanted:
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is not None:
                ents = claim(doc, ents, span, "dateline")
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
        day_first = not US_HINTS.search(doc.text[:600])
        anchor = None
        for ent in doc.ents:
            if ent.label_ != "DATE":
                continue
            sentence = ent.sent.text if doc.has_annotation("SENT_START") else ""
            value = resolve(ent.text, ref_date, sentence=sentence, anchor=anchor, day_first=day_first)
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
