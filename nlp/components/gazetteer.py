"""``presstag_gazetteer``: names from the gazetteers (countries, regions, cities, organisations)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..gazetteer import Gazetteer, default_gazetteer
from ..spans import LEADING_WORDS, EntitySet, best_label, claim, is_capitalised, move_meta, set_entities, vote

MAX_NAME_TOKENS = 9


def is_modifier(token: object) -> bool:
    """A word that may precede a name without being part of it: "Kurdish YPG", "Near Palmyra"."""
    text = token.text  # type: ignore[attr-defined]
    return text.islower() or text.lower() in LEADING_WORDS or text.endswith(("ish", "ian", "ese", "i", "an"))


class GazetteerTagger:
    """Tags gazetteer names, adds evidence to model spans that agree, and settles disagreements by weight.

    A gazetteer name longer than the model's spans over it replaces them ("Islamic State of Iraq" + "Levant"
    → one ORG); a model span that contains a gazetteer name keeps it (outermost name only), unless all it adds
    are modifiers ("Kurdish YPG" → "YPG").
    """

    def __init__(self, *, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def find(self, doc: Doc) -> list[tuple[int, int, str, str]]:
        """Longest gazetteer matches, left to right, not overlapping each other."""
        out: list[tuple[int, int, str, str]] = []
        i, n = 0, len(doc)
        while i < n:
            if not is_capitalised(doc[i]) or not self.gazetteer.may_start(doc[i].text):
                i += 1
                continue
            found = None
            for k in range(min(MAX_NAME_TOKENS, n - i), 0, -1):
                last = doc[i + k - 1]
                if not (is_capitalised(last) or last.text[-1:] in ".’'"):
                    continue
                hit = self.gazetteer.lookup(doc[i:i + k].text)
                if hit:
                    found = (i, i + k, *hit)
                    break
            if found is None:
                i += 1
                continue
            out.append(found)
            i = found[1]
        return out

    def __call__(self, doc: Doc) -> Doc:
        ents = EntitySet(doc.ents)
        for start, end, label, kind in self.find(doc):
            overlaps = ents.overlapping(start, end)
            if any(e.label_ == "DATE" for e in overlaps):
                # A date does not run into a name: "5 March 2024 - Human Rights Watch" is a date and an ORG.
                cut_dates(doc, ents, start, end)
                overlaps = ents.overlapping(start, end)
            if not overlaps:
                if end < len(doc) and is_capitalised(doc[end]):
                    continue  # the start of a longer name ("Greenwich Mean Time")
                span = Span(doc, start, end, label=label)
                vote(doc, span, label, kind)
                ents.add(span)
                continue
            if all(start <= e.start and e.end <= end for e in overlaps):
                claim(doc, ents, Span(doc, start, end, label=label), kind)
                continue
            outer = next((e for e in overlaps if e.start <= start and end <= e.end), None)
            if outer is not None and all(is_modifier(t) for t in doc[outer.start:start]) and end == outer.end:
                span = Span(doc, start, end, label=label)
                move_meta(doc, outer, span)
                vote(doc, span, label, kind)
                ents.replace(outer, Span(doc, start, end, label=best_label(doc, span)))
        set_entities(doc, ents)
        return doc


def cut_dates(doc: Doc, ents: EntitySet, start: int, end: int) -> None:
    """Cut the DATE entities overlapping tokens ``start:end`` back to the words before them."""
    for e in ents.overlapping(start, end):
        if e.label_ != "DATE":
            continue
        ents.remove(e)
        stop = start
        while stop > e.start and not doc[stop - 1].is_alpha and not doc[stop - 1].like_num:
            stop -= 1
        if stop > e.start:
            head = Span(doc, e.start, stop, label="DATE")
            move_meta(doc, e, head)
            ents.add(head)


@Language.factory("presstag_gazetteer", assigns=["doc.ents"], default_config={})
def make_gazetteer(nlp: Language, name: str) -> GazetteerTagger:
    return GazetteerTagger(gazetteer=default_gazetteer())
