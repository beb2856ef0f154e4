"""``presstag_negatives``: what is not an entity, or not all of one — jargon and headings, titles on names,
lower-case tails, laws and events named like organisations, "the Government of X", corporate furniture."""

from __future__ import annotations

from nameparser.config import CONSTANTS
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..gazetteer import Gazetteer, default_gazetteer, first_token_forms, word_list
from ..spans import (
    INNER_POSSESSIVES,
    LEADING_WORDS,
    best_label,
    is_capitalised,
    move_meta,
    set_entities,
    span_meta,
    vote,
)

# "the Asad regime", "the Obama administration": a single name before these is the leader's.
LEADER_HEADS = {"regime", "dictatorship", "administration", "government", "junta"}
QUOTE_MARKS = {'"', "“", "”", "'", "‘", "’"}
LOCATIVE = {"in", "near", "outside", "around", "across", "throughout", "toward", "towards", "into", "inside"}
# "the town of Tel Tamer", "the vicinity of Ayn Issa", "north of Aleppo": what follows is a place.
PLACE_NOUNS = {"town", "city", "village", "vicinity", "outskirts", "province", "region", "district", "governorate",
               "suburb", "suburbs", "neighbourhood", "neighborhood", "capital", "north", "south", "east", "west",
               "northeast", "northwest", "southeast", "southwest", "port", "island", "municipality"}
GOVERNMENT = {"Government", "government", "Governments", "authorities", "Authorities", "regime", "Regime",
              "parliament", "people", "forces", "military", "officials", "side"}
FIRST_WORD_EVENTS = {"Operation"}
# Lower-case particles inside personal names ("Stéphane de La Faverie", "Ludwig van Beethoven") and generational
# suffixes after them ("Jr.", "III"), from nameparser's lists.
NAME_PARTICLES = frozenset(p for p in CONSTANTS.prefixes if p.isalpha() and p.islower() and len(p) <= 4)
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "esq", "jnr", "snr"} & set(CONSTANTS.suffix_not_acronyms))
# Head words of laws and treaties: a "person" named with one is a law ("Securities Litigation Reform Act").
LAW_HEADS = {"Act", "Acts", "Law", "Code", "Constitution", "Covenant", "Convention", "Treaty", "Charter",
             "Declaration", "Protocol", "Resolution", "Agreement", "Accord", "Amendment", "Statute", "Directive",
             "Regulation", "Ordinance"}
# Capitalised nouns that stand for an organisation named elsewhere ("the Company", "the State"), besides the
# organisation head nouns.
GENERIC_NOUNS = {"Company", "Companies", "State", "Firm", "Issuer", "Board", "Group", "Partnership", "Subsidiary"}


class NegativeEvidence:
    """Removes non-entities and trims what does not belong to a name."""

    def __init__(self, *, gazetteer: Gazetteer, not_entities: frozenset[str], titles: frozenset[str],
                 non_org_heads: frozenset[str], org_heads: frozenset[str] = frozenset(),
                 bodies: frozenset[str] = frozenset()) -> None:
        self.gazetteer = gazetteer
        # head nouns that, standing alone, refer back to a name rather than name anything
        self.generic_heads = frozenset(h for h in org_heads | GENERIC_NOUNS if h not in bodies)
        self.org_heads = org_heads
        self.not_entities = not_entities
        self.titles = titles
        self.max_title = max((len(t.split()) for t in titles), default=1)
        self.titles_lower = frozenset(t.lower() for t in titles)
        self.title_starts = frozenset(f for t in titles for f in first_token_forms(t))
        self.title_firsts_lower = frozenset(f.lower() for f in self.title_starts)
        # the last token a title can end with, however the tokenizer cuts "Gen." ("Gen." or "Gen" + ".")
        self.title_ends = frozenset(x for t in titles for x in (t.split()[-1], t.split()[-1].rstrip(".")))
        self.title_ends_or_period = self.title_ends | {"."}
        self.non_org_heads = non_org_heads

    def __call__(self, doc: Doc) -> Doc:
        out: list[Span] = []
        for ent in doc.ents:
            for span in self.fix(doc, ent):
                out.append(span)
        out = self.with_nicknames(doc, out)
        out.extend(self.titled_names(doc, out))
        out = self.acronyms_of_non_entities(doc, out)
        out = join_adjacent_people(doc, out)
        out = with_suffixes(doc, out)
        set_entities(doc, [Span(doc, e.start, e.end, label=best_label(doc, e)) for e in out])
        return doc

    def acronyms_of_non_entities(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """An acronym defined for what is no entity is none either: "Memorandum of Understanding (MOU)", "Smart
        Policing Initiative (SPI)"."""
        from ..canonical import spells

        covered = {i for e in ents for i in range(e.start, e.end)}
        dropped: set[str] = set()
        for t in doc:
            if t.text != "(" or t.i + 2 >= len(doc) or doc[t.i + 2].text != ")" or t.i < 2:
                continue
            acr = doc[t.i + 1].text
            if not (acr.isupper() and 2 <= len(acr) <= 8):
                continue
            k = t.i
            while k > 0 and t.i - k < 8 and (is_capitalised(doc[k - 1]) or doc[k - 1].lower_ in ("of", "for", "and")):
                k -= 1
            words = doc[k:t.i]
            if len(words) >= 2 and spells(acr, words.text) and not any(i in covered for i in range(k, t.i)):
                dropped.add(acr)
        return [e for e in ents if e.text not in dropped] if dropped else ents

    def title_length(self, doc: Doc, start: int, end: int) -> int:
        """Number of tokens of a title at ``doc[start:end]``'s start (0 when none)."""
        if start >= end or doc[start].text not in self.title_starts:
            return 0
        best = 0
        for k in range(1, min(self.max_title + 2, end - start) + 1):
            if doc[start:start + k].text in self.titles:
                best = k
        return best

    def in_title(self, doc: Doc, span: Span) -> bool:
        """True when the span is (part of) a title: "State" in "Secretary of State", "Navy Capt"."""
        for a in range(max(0, span.start - self.max_title), span.start + 1):
            if doc[a].text not in self.title_starts:
                continue
            for b in range(span.end, min(len(doc), span.end + self.max_title) + 1):
                if doc[a:b].text in self.titles:
                    return True
        return False

    def fix(self, doc: Doc, ent: Span) -> list[Span]:
        text, label = ent.text, ent.label_
        if text in self.not_entities or text.upper() in self.not_entities and text.isupper():
            return []
        if label == "ORG" and len(ent) == 1 and text.capitalize() in self.generic_heads:
            return []  # "the Association", "the Company", "the Board": a reference, not a name (but "the Senate")
        start, end = ent.start, ent.end
        if label == "DATE":
            return [ent]
        if not any(ch.isupper() for ch in text) or doc[start].text in FIRST_WORD_EVENTS or self.in_title(doc, ent):
            return []
        # leading function words capitalised at a sentence start: "Near Tal Afar"
        while start < end - 1 and (doc[start].lower_ in STOP_WORDS or doc[start].lower_ in LEADING_WORDS):
            start += 1
        if label == "PERSON":
            if any(ch.isdigit() for ch in text) or len(ent) > 1 and ent[-1].text in LAW_HEADS:
                return []  # "Securities Litigation Reform Act" is a law, not a person
            while (k := self.title_length(doc, start, end)) and k < end - start:
                start += k
                while start < end - 1 and doc[start].text in {".", ","}:
                    start += 1
        portfolio = self.portfolio_and_holder(doc, start, end)
        if portfolio:
            return portfolio
        if label == "ORG":
            # a title is not an organisation: "Minister of Foreign Affairs of Iraq" names Iraq
            k = self.title_length(doc, start, end)
            if k and k < end - start:
                rest = start + k
                while rest < end - 1 and doc[rest].lower_ in ("of", "for", "the"):
                    rest += 1
                owner = self.gazetteer.label_of(doc[rest:end].text)
                if owner is not None and rest > start + k:
                    span = self._rebound(doc, ent, rest, end)
                    vote(doc, span, owner, "gazetteer")
                    return [Span(doc, rest, end, label=best_label(doc, span))]
                if rest == start + k and doc[rest].text not in INNER_POSSESSIVES \
                        and any(t.text in self.org_heads for t in doc[rest:end]):
                    # a title before an organisation's name: "Vice President Commission for Air Quality Management"
                    # (but "Prosecutor General's Office" is the office of the title)
                    return self.fix_org(doc, self._rebound(doc, ent, rest, end))
            # nor is the start of a title after the name: "Pentagon Press" of "Pentagon Press Secretary"
            for j in range(start + 1, end):
                if doc[j].text in self.title_starts and any(
                        doc[j:b].text in self.titles for b in range(end + 1, min(len(doc), end + self.max_title) + 1)):
                    end = j
                    break
        # names do not end in lower-case words: "Kazakhstan government", "Orda.kz’s capital bureau"
        while end > start + 1 and not is_capitalised(doc[end - 1]):
            end -= 1
        while end > start + 1 and doc[end - 1].text in INNER_POSSESSIVES:
            end -= 1
        if (start, end) != (ent.start, ent.end) and (ent.end - end) > 0 and label == "ORG":
            # the dropped tail was what made it an organisation; ask the gazetteer about what is left
            rest = doc[start:end].text
            gl = self.gazetteer.label_of(rest)
            span = self._rebound(doc, ent, start, end)
            if gl:
                vote(doc, span, gl, "gazetteer")
                span = Span(doc, start, end, label=best_label(doc, span))
            return [span]
        span = self._rebound(doc, ent, start, end)
        if label == "ORG":
            return self.fix_org(doc, span)
        after_locative = label == "PERSON" and start > 0 and (
            doc[start - 1].lower_ in LOCATIVE
            or (start > 1 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in PLACE_NOUNS))
        if after_locative and (self.gazetteer.label_of(span.text) == "PLACE"
                               or not span_meta(doc, span)["evidence"][1:]):
            vote(doc, span, "PLACE", "grammar")
            span = Span(doc, span.start, span.end, label=best_label(doc, span))
        return [span]

    def fix_org(self, doc: Doc, span: Span) -> list[Span]:
        """Laws and events named like organisations; "Government of Iraq"; "Kazakhstan’s Constitution"."""
        tokens = list(span)
        head = tokens[-1]
        for t in tokens[1:]:
            if t.lower_ in ("of", "for", "on", "against"):
                head = doc[t.i - 1]
                break
        if head.text in self.non_org_heads:
            owner = self._possessive_owner(doc, span)
            return [owner] if owner is not None else []
        if tokens[0].text in GOVERNMENT and len(tokens) > 2 and tokens[1].lower_ == "of":
            place = Span(doc, span.start + 2, span.end, label="PLACE")
            if self.gazetteer.label_of(place.text) == "PLACE":
                vote(doc, place, "PLACE", "gazetteer")
                return [place]
        if tokens[-1].text in GOVERNMENT and len(tokens) > 1:
            place = Span(doc, span.start, span.end - 1, label="PLACE")
            if self.gazetteer.label_of(place.text) == "PLACE":
                vote(doc, place, "PLACE", "gazetteer")
                return [place]
        known = self.gazetteer.lookup(span.text)  # a country or a known group, not a small town's name
        if len(span) == 1 and span.end < len(doc) and doc[span.end].lower_ in LEADER_HEADS \
                and (known is None or known[1] == "city"):
            vote(doc, span, "PERSON", "grammar")  # "the Asad regime": named after its leader
            return [Span(doc, span.start, span.end, label=best_label(doc, span))]
        return [span]

    def _possessive_owner(self, doc: Doc, span: Span) -> Span | None:
        for t in span:
            if t.text in INNER_POSSESSIVES and t.i > span.start:
                owner = Span(doc, span.start, t.i, label="PLACE")
                label = self.gazetteer.label_of(owner.text)
                if label:
                    owner = Span(doc, span.start, t.i, label=label)
                    vote(doc, owner, label, "gazetteer")
                    return owner
        return None

    def titled_names(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """A capitalised name right after a title is a person ("Mr Ellwood", "Gen. Joseph Votel")."""
        covered = {i for e in ents for i in range(e.start, e.end)}
        out = []
        i, n = 0, len(doc)
        while i < n:
            k = self.title_length(doc, i, n)
            if not k or any(j in covered for j in range(i, i + k)):
                i += 1
                continue
            j = i + k
            while j < n and doc[j].text == ".":
                j += 1
            end = j
            while end < n and end - j < 4 and is_capitalised(doc[end]) and end not in covered \
                    and doc[end].text not in self.titles and doc[end].lower_ not in STOP_WORDS:
                end += 1
            if end > j and not self.gazetteer.label_of(doc[j:end].text):
                span = Span(doc, j, end, label="PERSON")
                vote(doc, span, "PERSON", "title")
                out.append(span)
            i = max(end, i + 1)
        taken = covered | {i for e in out for i in range(e.start, e.end)}
        out.extend(self.named_before_title(doc, taken))
        out.extend(self.transcript_speakers(doc, taken))
        for e in ents:
            if e.label_ in ("ORG", "PLACE") and self.before_title(doc, e) and not self.gazetteer.label_of(e.text) \
                    and not any(t.text in self.org_heads for t in e) and span_meta(doc, e)["evidence"] == ["model"]:
                vote(doc, e, "PERSON", "title")  # "Stéphane de La Faverie, CEO of …"
            if e.label_ == "PERSON" and e.start >= 2 and doc[e.start - 1].lower_ in ("of", "at") \
                    and doc[e.start - 2].text in self.title_ends and span_meta(doc, e)["evidence"] == ["model"]:
                vote(doc, e, "ORG", "title")  # "CEO of Estée Lauder": a title's organisation
            if e.label_ == "PERSON" or e.start == 0 or doc[e.start - 1].text not in self.title_ends_or_period:
                continue
            before = range(max(0, e.start - self.max_title - 1), e.start)
            titled = any(doc[s:e.start].text in self.titles for s in before)
            headed = e.label_ == "ORG" and any(t.text in self.org_heads for t in e)
            if titled and self.gazetteer.label_of(e.text) is None and e.label_ != "DATE" and not headed:
                vote(doc, e, "PERSON", "title")
        return out

    def before_title(self, doc: Doc, e: Span) -> bool:
        """Whether ``e`` stands in apposition before a title: "X, CEO of …", "X, the Chief Financial Officer"."""
        j = e.end
        if j >= len(doc) or doc[j].text != ",":
            return False
        j += 1
        if j < len(doc) and doc[j].lower_ in ("the", "a", "an"):
            j += 1
        return any(doc[j:j + k].text.lower() in self.titles_lower for k in range(1, self.max_title + 1)
                   if j + k <= len(doc))

    def portfolio_and_holder(self, doc: Doc, start: int, end: int) -> list[Span]:
        """ "Minister for the Middle East Tobias Ellwood": after "TITLE for (the)", a place then the holder's name."""
        j = start
        if j > 0 and doc[j - 1].lower_ == "the":
            j -= 1
        if j < 2 or doc[j - 1].lower_ not in ("for", "of") or doc[j - 2].text not in self.title_ends:
            return []
        for k in range(end - start - 2, 0, -1):
            place, rest = doc[start:start + k], doc[start + k:end]
            if self.gazetteer.label_of(place.text) == "PLACE" and all(t.is_title for t in rest) \
                    and not self.gazetteer.label_of(rest.text):
                spans = [Span(doc, place.start, place.end, label="PLACE"), Span(doc, rest.start, rest.end,
                                                                                label="PERSON")]
                for span in spans:
                    vote(doc, span, span.label_, "title")
                return spans
        return []

    @staticmethod
    def with_nicknames(doc: Doc, ents: list[Span]) -> list[Span]:
        """A quoted nickname and the surname after it belong to the name: Richard "Tex" Coe."""
        starts = {e.start for e in ents}
        out = []
        for e in ents:
            j = e.end
            if (e.label_ == "PERSON" and j + 3 < len(doc) and doc[j].text in QUOTE_MARKS
                    and doc[j + 1].is_title and doc[j + 2].text in QUOTE_MARKS and doc[j + 3].is_title
                    and not starts & set(range(j, j + 4))):
                end = j + 4
                while end < len(doc) and doc[end].is_title and end not in starts and end - j < 6:
                    end += 1
                span = Span(doc, e.start, end, label="PERSON")
                move_meta(doc, e, span)
                e = span
            out.append(e)
        return out

    def transcript_speakers(self, doc: Doc, covered: set[int]) -> list[Span]:
        """A transcript's speaker label: "SECRETARY KERRY:", "MR KIRBY:" at a line start names a person.

        ``covered`` holds the tokens already in an entity; the new names are added to it."""
        out = []
        for colon in (t.i for t in doc if t.text == ":"):
            found = None
            for n in (1, 2):  # the name: one or two capitalised words before the colon
                name = doc[max(0, colon - n):colon]
                if len(name) < n or any(not t.is_alpha or not t.is_upper or t.i in covered for t in name):
                    break
                for k in range(1, self.max_title + 1):
                    first = colon - n - k
                    if first < 0:
                        break
                    title = " ".join(t.text.title() if t.is_upper else t.text for t in doc[first:colon - n])
                    if title in self.titles and (first == 0 or "\n" in doc[first - 1].text_with_ws):
                        found = name
                        break
                if found is not None:
                    break
            if found is not None:
                span = Span(doc, found.start, found.end, label="PERSON")
                vote(doc, span, "PERSON", "title")
                out.append(span)
                covered.update(range(found.start, found.end))
        return out

    def named_before_title(self, doc: Doc, covered: set[int]) -> list[Span]:
        """A full name in apposition to a title is a person: "Irungu Houghton, Executive Director of …".

        ``covered`` holds the tokens already in an entity; the new names are added to it."""
        out = []
        for comma in (t.i for t in doc if t.text == ","):
            j = comma + 1
            if j < len(doc) and doc[j].lower_ in ("the", "a", "an"):
                j += 1
            if j >= len(doc) or doc[j].lower_ not in self.title_firsts_lower:
                continue
            title = next((k for k in range(min(self.max_title, len(doc) - j), 0, -1)
                          if doc[j:j + k].text.lower() in self.titles_lower), 0)
            if not title:
                continue
            start = comma
            while start > 0 and comma - start < 5 and start - 1 not in covered and (
                    is_capitalised(doc[start - 1]) and doc[start - 1].lower_ not in STOP_WORDS
                    and doc[start - 1].text not in self.titles
                    or doc[start - 1].lower_ in NAME_PARTICLES and start - 2 >= 0 and is_capitalised(doc[start - 2])):
                start -= 1
            if comma - start >= 2 and not self.gazetteer.label_of(doc[start:comma].text):
                span = Span(doc, start, comma, label="PERSON")
                vote(doc, span, "PERSON", "title")
                out.append(span)
                covered.update(range(start, comma))
        return out

    def _rebound(self, doc: Doc, ent: Span, start: int, end: int) -> Span:
        if (start, end) == (ent.start, ent.end):
            return ent
        span = Span(doc, start, end, label=ent.label)
        move_meta(doc, ent, span)
        return span

@Language.factory("presstag_negatives", assigns=["doc.ents"], default_config={})
def make_negatives(nlp: Language, name: str) -> NegativeEvidence:
    return NegativeEvidence(
        gazetteer=default_gazetteer(),
        not_entities=word_list("not_entities.txt"),
        titles=word_list("titles.txt"),
        non_org_heads=word_list("non_org_heads.txt"),
        org_heads=word_list("org_heads.txt"),
        bodies=word_list("bodies.txt"),
    )


def join_adjacent_people(doc: Doc, ents: list[Span]) -> list[Span]:
    """Two person spans with only a space between them are one name the model cut: "Sally Quillian" + "Yates";
    so are a name and a surname around a nickname: "Robert H." + "(Bob)" + "Swan"."""
    ordered = sorted(ents, key=lambda e: e.start)
    out: list[Span] = []
    skip: set[int] = set()
    for k, e in enumerate(ordered):
        if k in skip:
            continue
        last = out[-1] if out else None
        nick = _nickname_end(doc, last, ordered, k) if last is not None and last.label_ == "PERSON" else None
        if nick is not None:
            end, used = nick
            span = Span(doc, last.start, end, label="PERSON")
            move_meta(doc, last, span)
            out[-1] = span
            skip.update(used)
            continue
        if last is not None and last.label_ == e.label_ == "PERSON" and last.end == e.start \
                and last[-1].whitespace_ == " " and len(last) + len(e) <= 5:
            span = Span(doc, last.start, e.end, label="PERSON")
            move_meta(doc, last, span)
            out[-1] = span
            continue
        out.append(e)
    return out


def _nickname_end(doc: Doc, last: Span, ordered: list[Span], k: int) -> tuple[int, list[int]] | None:
    """Where a name continues after a nickname in parentheses ("Robert H. (Bob) Swan"), and which of ``ordered``
    (from ``k``) it takes in; None when ``last`` is not followed by one."""
    i = last.end
    if i + 3 >= len(doc) or doc[i].text != "(" or doc[i + 2].text != ")" or not doc[i + 1].is_title \
            or not doc[i + 1].is_alpha:
        return None
    used = []
    j = k
    if j < len(ordered) and ordered[j].start == i + 1 and ordered[j].end == i + 2:
        if ordered[j].label_ != "PERSON":
            return None
        used.append(j)
        j += 1
    if j < len(ordered) and ordered[j].start == i + 3:
        if len(ordered[j]) > 2 or (ordered[j].label_ != "PERSON" and len(ordered[j]) > 1):
            return None
        used.append(j)
        return ordered[j].end, used
    if doc[i + 3].is_title and doc[i + 3].is_alpha and (j >= len(ordered) or ordered[j].start > i + 3):
        return i + 4, used
    return None


def with_suffixes(doc: Doc, ents: list[Span]) -> list[Span]:
    """A person's name keeps its generational suffix: "Stephen Spinelli Jr.", "Martin Luther King III"."""
    starts = {e.start for e in ents}
    out = []
    for e in ents:
        j = e.end
        if e.label_ == "PERSON" and j < len(doc) and doc[j].text == "," and j + 1 < len(doc) \
                and doc[j + 1].lower_.rstrip(".") in NAME_SUFFIXES:
            j += 1
        if e.label_ == "PERSON" and j < len(doc) and doc[j].lower_.rstrip(".") in NAME_SUFFIXES \
                and doc[j].text[:1].isupper() and j not in starts:
            span = Span(doc, e.start, j + 1, label="PERSON")
            move_meta(doc, e, span)
            e = span
        out.append(e)
    return out
