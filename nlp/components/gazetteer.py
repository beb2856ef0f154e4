"""``presstag_gazetteer``: names from the gazetteers (countries, regions, cities, organisations)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..gazetteer import Gazetteer, default_gazetteer, word_list
from ..spans import LEADING_WORDS, EntitySet, best_label, claim, is_capitalised, move_meta, set_entities, vote

MAX_NAME_TOKENS = 9
# Words after which a town's name is the town: "in Monahans", "near Boerne", "from Taos".
PLACE_CUES = {"in", "at", "near", "from", "to", "of", "outside", "around", "across", "throughout", "into", "inside",
              "toward", "towards", "via", "between", "and", ",", "(", "/", "-", "–", "—"}
# Nouns that with "of" and a place name a place: "Port of Halifax", "State of Texas", "Gulf of Mexico".
PLACE_NOUNS = {"Port", "City", "County", "Province", "State", "Republic", "Gulf", "Bay", "Isle", "Island", "Islands",
               "Lake", "Mount", "Cape", "Strait", "Sea", "Region", "District", "Municipality", "Borough", "Town",
               "Village", "Canton", "Kingdom", "Commonwealth"}


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

    def __init__(self, *, gazetteer: Gazetteer, state_codes: frozenset[str] = frozenset()) -> None:
        self.gazetteer = gazetteer
        self.state_codes = state_codes

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
            city = label == "PLACE" and self.gazetteer.is_city(doc[start:end].text)
            if any(e.label_ == "DATE" for e in overlaps):
                # A date does not run into a name: "5 March 2024 - Human Rights Watch" is a date and an ORG.
                cut_dates(doc, ents, start, end)
                overlaps = ents.overlapping(start, end)
            if not overlaps:
                if end < len(doc) and is_capitalised(doc[end]):
                    continue  # the start of a longer name ("Greenwich Mean Time")
                if city and not self.place_cue(doc, start, end):
                    continue  # a city's name the model passed over, with nothing around it that says place
                span = Span(doc, start, end, label=label)
                vote(doc, span, label, kind)
                ents.add(span)
                continue
            if all(start <= e.start and e.end <= end for e in overlaps):
                if city and any(e.label_ == "ORG" for e in overlaps) and not self.place_cue(doc, start, end):
                    continue  # a city's name the model reads as an organisation, with nothing that says place, is
                    # its club or company ("Leeds 1", "Santa Fe Pacific"); "in Tartus" is the town
                claim(doc, ents, Span(doc, start, end, label=label), kind)
                continue
            outer = next((e for e in overlaps if e.start <= start and end <= e.end), None)
            if outer is not None and all(is_modifier(t) for t in doc[outer.start:start]) and end == outer.end:
                span = Span(doc, start, end, label=label)
                move_meta(doc, outer, span)
                vote(doc, span, label, kind)
                ents.replace(outer, Span(doc, start, end, label=best_label(doc, span)))
        self.place_phrases(doc, ents)
        set_entities(doc, ents)
        return doc

    @staticmethod
    def place_cue(doc: Doc, start: int, end: int) -> bool:
        """Whether the words around ``doc[start:end]`` say it is a place: a locative before it ("in Monahans"),
        a comma and a capitalised word after it ("Boerne, Texas"), "-based" ("Almaty-based"), or a dateline's start
        ("LONDON, 5 May –")."""
        before = doc[start - 1] if start > 0 else None
        if before is not None and before.lower_ in PLACE_CUES:
            return True
        after = doc[end].text if end < len(doc) else ""
        if (before is None or "\n" in before.text_with_ws) and after in (",", "-", "–", "—", "(", "--"):
            return True  # a dateline: "LONDON, 5 May –", "GENEVA (17 May 2023)"
        if end + 1 < len(doc) and after in ("-", "–") and doc[end + 1].lower_ in ("based", "born", "headquartered"):
            return True  # "Almaty-based"
        return end + 1 < len(doc) and after == "," and is_capitalised(doc[end + 1])

    def place_phrases(self, doc: Doc, ents: EntitySet) -> None:
        """ "Port of Halifax", "State of Texas": a place noun, "of" and a place are one place; "Matagorda County, TX",
        "TAOS, N.M.": a state or province code after a place is a place."""
        for e in [x for x in ents if x.label_ != "PLACE" and x.text in self.state_codes and x.start >= 2]:
            if doc[e.start - 1].text == "," and is_capitalised(doc[e.start - 2]):
                vote(doc, e, "PLACE", "gazetteer")  # "Houston, TX" is no organisation
                ents.replace(e, Span(doc, e.start, e.end, label="PLACE"))
        for e in [x for x in ents if x.label_ == "PLACE"]:
            if e.start >= 2 and doc[e.start - 1].lower_ == "of" and doc[e.start - 2].text in PLACE_NOUNS \
                    and all(x.start >= e.start - 2 for x in ents.overlapping(e.start - 2, e.start)):
                for x in ents.overlapping(e.start - 2, e.start):
                    ents.remove(x)  # "Port" alone was no person
                span = Span(doc, e.start - 2, e.end, label="PLACE")
                move_meta(doc, e, span)
                vote(doc, span, "PLACE", "grammar")
                ents.replace(e, span)
            k = e.end
            if k + 1 < len(doc) and doc[k].text == "," and doc[k + 1].text in self.state_codes \
                    and not ents.overlapping(k + 1, k + 2):
                code = Span(doc, k + 1, k + 2, label="PLACE")
                vote(doc, code, "PLACE", "gazetteer")
                ents.add(code)


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
    return GazetteerTagger(gazetteer=default_gazetteer(), state_codes=word_list("state_codes.txt"))
