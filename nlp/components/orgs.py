"""``presstag_orgs``: organisation grammar — names built on head nouns, named bodies, coordinated lists,
acronyms defined in parentheses, and quoted names of outlets."""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..canonical import spells
from ..gazetteer import Gazetteer, default_gazetteer, word_list
from ..spans import INNER_POSSESSIVES, EntitySet, best_label, claim, is_capitalised, set_entities, vote

CONNECTORS = {"of", "for", "and", "on", "the", "de", "du", "des", "&", "against", "to"}
OF_WORDS = {"of", "for", "on", "against", "to"}
MEDIA_NOUNS = {"channel", "newspaper", "magazine", "outlet", "website", "portal", "agency", "platform",
               "movement", "group", "initiative", "organisation", "organization", "foundation", "association",
               "blog", "page"}
OPEN_QUOTES, CLOSE_QUOTES = {"“", '"', "«"}, {"”", '"', "»"}
ACRONYM = re.compile(r"^[A-Z][A-Za-z]*[A-Z][A-Za-z-]*$")


def name_runs(doc: Doc) -> list[tuple[int, int]]:
    """Maximal runs of capitalised tokens with inner connectors, possessives and hyphens, ending capitalised."""
    runs: list[tuple[int, int]] = []
    i, n = 0, len(doc)
    while i < n:
        if not is_capitalised(doc[i]):
            i += 1
            continue
        j = i + 1
        while j < n and _continues_name(doc, j):
            j += 1
        while j > i and not is_capitalised(doc[j - 1]):
            j -= 1
        start = i
        while start < j and (doc[start].lower_ in STOP_WORDS or doc[start].is_sent_start and doc[start].lower_ in
                             STOP_WORDS):
            start += 1
        if start < j:
            runs.append((start, j))
        i = max(j, i + 1)
    return runs


class OrganisationGrammar:
    """Finds organisation names the model misses or mislabels, by grammar rather than by list."""

    def __init__(self, *, gazetteer: Gazetteer, heads: frozenset[str], bodies: frozenset[str]) -> None:
        self.gazetteer = gazetteer
        self.heads = heads
        self.bodies = bodies

    def __call__(self, doc: Doc) -> Doc:
        ents = EntitySet(doc.ents)
        for start, end in self.headed_names(doc):
            ents = self._propose(doc, ents, start, end, "ORG", "grammar")
        for start, end in self.named_bodies(doc, ents):
            ents = self._propose(doc, ents, start, end, "ORG", "grammar")
        for start, end in self.quoted_names(doc):
            ents = self._propose(doc, ents, start, end, "ORG", "grammar")
        ents = self.lists(doc, ents)
        ents = self.acronyms(doc, ents)
        set_entities(doc, ents)
        return doc

    def _propose(self, doc: Doc, ents: EntitySet, start: int, end: int, label: str, kind: str) -> EntitySet:
        overlaps = ents.overlapping(start, end)
        for e in overlaps:
            if e.start <= start and end <= e.end and (e.start, e.end) != (start, end):
                # a longer name covers it (outermost only), unless all it adds is "Members of the"
                lead = doc[e.start:start]
                if e.end != end or not lead or lead[-1].lower_ not in OF_WORDS | {"the"}:
                    return ents
                if any(t.text in self.heads for t in lead):
                    return ents
        return claim(doc, ents, Span(doc, start, end, label=label), kind)

    def headed_names(self, doc: Doc) -> list[tuple[int, int]]:
        """Capitalised names whose last head noun (plus its of/for phrase) marks an organisation."""
        out = []
        for start, end in name_runs(doc):
            # split at a possessive whose owner is a known place or organisation: "Kazakhstan’s Senate"
            for k in range(start, end):
                if doc[k].text in INNER_POSSESSIVES and self.gazetteer.label_of(doc[start:k].text):
                    start = k + 1
            heads = [k for k in range(start, end) if doc[k].text in self.heads]
            if not heads:
                continue
            h = heads[-1]
            # "Members of the Security Council": what precedes an of-phrase without a head is not the name
            ofs = [k for k in range(start, h) if doc[k].lower_ in OF_WORDS]
            if ofs and not any(doc[k].text in self.heads for k in range(start, ofs[-1])):
                start = ofs[-1] + 1
                while start < h and doc[start].lower_ == "the":
                    start += 1
            stop = h + 1
            if stop < end and doc[stop].lower_ in OF_WORDS:
                stop = end
            if stop - start == 1 and doc[start].text in self.heads:
                continue  # a bare head noun ("Ministry") is not a name
            out.append((start, stop))
        return out

    def named_bodies(self, doc: Doc, ents: EntitySet) -> list[tuple[int, int]]:
        """Single capitalised body words mid-sentence ("the Coalition", "the Senate")."""
        covered = {i for e in ents for i in range(e.start, e.end)}
        out = []
        for t in doc:
            if t.text in self.bodies and t.i not in covered and not t.is_sent_start:
                nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
                if nxt is not None and is_capitalised(nxt):
                    continue
                out.append((t.i, t.i + 1))
        return out

    def quoted_names(self, doc: Doc) -> list[tuple[int, int]]:
        """A quoted capitalised name next to an outlet noun: channel “Voices of Steppe”, the “Daily Steppe” website."""
        out = []
        n = len(doc)
        for t in doc:
            if t.text not in OPEN_QUOTES:
                continue
            j = t.i + 1
            while j < n and j - t.i <= 5 and doc[j].text not in CLOSE_QUOTES:
                j += 1
            if j >= n or doc[j].text not in CLOSE_QUOTES or j == t.i + 1:
                continue
            inner = doc[t.i + 1:j]
            if not all(is_capitalised(x) or x.lower_ in CONNECTORS for x in inner):
                continue
            before = doc[t.i - 1].lower_ if t.i > 0 else ""
            after = doc[j + 1].lower_ if j + 1 < n else ""
            if before in MEDIA_NOUNS or after in MEDIA_NOUNS:
                out.append((inner.start, inner.end))
        return out

    def lists(self, doc: Doc, ents: EntitySet) -> EntitySet:
        """In a coordinated list of names, members the model missed take the list's label.

        Members are comma-separated capitalised phrases; when at least two members are fully entities and they
        agree, each other member becomes one entity of that label (replacing partial spans inside it).
        """
        for members in self._coordinations(doc):
            by_member: list[tuple[tuple[int, int], Span | None]] = []
            for s, e in members:
                exact = ents.exact(s, e)
                by_member.append(((s, e), exact))
            labels = [x.label_ for _, x in by_member if x is not None]
            if len(labels) < 2 or len(set(labels)) != 1 or len(members) < 3:
                continue
            label = labels[0]
            if label not in ("ORG", "PLACE"):
                continue
            for (s, e), exact in by_member:
                if exact is not None:
                    continue
                inner = ents.overlapping(s, e)
                if any(x.start < s or x.end > e for x in inner):
                    continue
                if label == "PLACE" and any(x.label_ != "PLACE" for x in inner):
                    continue
                span = Span(doc, s, e, label=label)
                vote(doc, span, label, "list")
                for x in inner:
                    ents.remove(x)
                ents.add(span)
        return ents

    def _coordinations(self, doc: Doc) -> list[list[tuple[int, int]]]:
        out = []
        for sent in doc.sents:
            members: list[tuple[int, int]] = []
            segment: list[int] = []
            for t in list(sent) + [None]:
                if t is None or t.text in (",", ";") or t.lower_ == "and" and segment and not _inner_and(doc, t.i):
                    span = _trailing_name(doc, segment)
                    if span:
                        members.append(span)
                    elif t is not None and segment:
                        if len(members) >= 3:
                            out.append(members)
                        members = []
                    segment = []
                    continue
                segment.append(t.i)
            if len(members) >= 3:
                out.append(members)
        return out

    def acronyms(self, doc: Doc, ents: EntitySet) -> EntitySet:
        """``Name (ACR)``: the acronym takes the name's label here and wherever it stands alone."""
        defined: dict[str, str] = {}
        for e in ents:
            if e.end + 2 < len(doc) and doc[e.end].text == "(" and doc[e.end + 2].text == ")":
                acr = doc[e.end + 1]
                if not ACRONYM.match(acr.text) or len(acr.text) > 10:
                    continue
                # an acronym that spells the name, or any capitals after an organisation: acronyms of names in
                # another language ("Lebanese Center for Human Rights (CLDH)", "Doctors Without Borders (MSF)")
                foreign = e.label_ == "ORG" and acr.text.isupper() and self.gazetteer.lookup(acr.text) is None
                if spells(acr.text, e.text) or foreign:
                    defined[acr.text.upper()] = e.label_
        if not defined:
            return ents
        covered = {i: e for e in ents for i in range(e.start, e.end)}
        for t in doc:
            if not ACRONYM.match(t.text):
                continue
            label = defined.get(t.text.upper())
            if label is None:
                continue
            current = covered.get(t.i)
            if current is not None and (current.start, current.end) != (t.i, t.i + 1):
                continue
            span = Span(doc, t.i, t.i + 1, label=label)
            vote(doc, current or span, label, "acronym")
            new = Span(doc, t.i, t.i + 1, label=best_label(doc, current or span))
            if current is not None:
                ents.remove(current)
            ents.add(new)
        return ents


def _continues_name(doc: Doc, j: int) -> bool:
    """Whether token ``j`` continues the name before it (capitalised, or a connector before a capital)."""
    t, n = doc[j], len(doc)
    nxt_cap = j + 1 < n and is_capitalised(doc[j + 1])
    if is_capitalised(t):
        return True
    if t.text in ("-", "–"):
        # "Rolls-Royce", "Task Force – Inherent Resolve"; a spaced hyphen separates: "Dr. Sharma - Vice President"
        return nxt_cap and not (t.text == "-" and (t.whitespace_ or doc[j - 1].whitespace_))
    if t.lower_ in CONNECTORS or t.text in INNER_POSSESSIVES:
        the_then_cap = j + 2 < n and doc[j + 1].lower_ == "the" and t.lower_ != "and" and is_capitalised(doc[j + 2])
        return nxt_cap or the_then_cap
    return False


def _inner_and(doc: Doc, i: int) -> bool:
    """An "and" inside a name ("Human Rights and Rule of Law") rather than between list members."""
    if i == 0 or i + 1 >= len(doc):
        return False
    return is_capitalised(doc[i - 1]) and is_capitalised(doc[i + 1]) and doc[i + 1].lower_ != "the"


def _trailing_name(doc: Doc, segment: list[int]) -> tuple[int, int] | None:
    """The capitalised name at the end of a list segment ("The coalition includes Amnesty International")."""
    if not segment:
        return None
    end = segment[-1] + 1
    if not is_capitalised(doc[end - 1]):
        return None
    start = end - 1
    while start - 1 >= segment[0] and (
        is_capitalised(doc[start - 1]) or doc[start - 1].lower_ in CONNECTORS - {"the"} and start - 2 >= segment[0]
        and is_capitalised(doc[start - 2])
    ):
        start -= 1
    while start < end and doc[start].lower_ in STOP_WORDS:
        start += 1
    if start >= end:
        return None
    # a member is the whole segment after an optional lead-in; the lead-in must be lower-case words
    lead = [doc[k] for k in range(segment[0], start)]
    if lead and any(is_capitalised(x) for x in lead if x.lower_ not in STOP_WORDS):
        return None
    return start, end


@Language.factory("presstag_orgs", assigns=["doc.ents"], default_config={})
def make_orgs(nlp: Language, name: str) -> OrganisationGrammar:
    return OrganisationGrammar(
        gazetteer=default_gazetteer(), heads=word_list("org_heads.txt"), bodies=word_list("bodies.txt")
    )
