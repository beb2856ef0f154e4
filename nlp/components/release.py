"""``presstag_release``: what the release says about its own names, which outweighs what a name looks like.

A name is an organisation when the release heads a section "About X", lists it with a ticker ("(NASDAQ: AMZN)"),
writes it with a legal form ("AI Era Corp.", "Haier Smart Home Co., Ltd."), defines a short form of an
organisation with it ("Kane Fire Protection (Kane)"), describes it with an organisation noun ("DB Schenker, a
global leader in logistics", "Kane is a fire protection contractor"), or makes it the subject of the release's
news in the headline or lead ("Green SM officially launched …"). Exchanges in ticker parentheses are
organisations; tickers there are not entities.

These names are recorded in ``doc.user_data["presstag_release"]`` (name key → label) with ``release`` evidence;
``presstag_consistency`` gives every mention of them, and their short forms, that label.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..gazetteer import Gazetteer, default_gazetteer, word_list
from ..release import about_headings, legal_form_length, ticker_groups
from ..spans import EntitySet, claim, doc_text, is_capitalised, set_entities
from .consistency import RELEASE_FORMS_KEY, RELEASE_KEY, name_key
from .orgs import name_runs

LEAD_CHARS = 1200  # the headline and lead: where a release's news and its subject stand
APPOSITION_TOKENS = 10
MAX_NAME_TOKENS = 8
DETERMINERS = {"a", "an", "the", "one"}
# Where a description's noun phrase ends: "a global leader in logistics", "a firm that partners", "… based in".
PHRASE_END = {"in", "of", "for", "that", "which", "who", "with", "based", "headquartered", "focused", "dedicated",
              "specializing", "specialising", "serving", "on", "to", "and", ",", ".", "(", ";", ":", "–", "—", "-"}
PERSON_LIKE_HEADS = {"leader", "pioneer"}  # org nouns only before "in"/"of", after one of LEADER_MODIFIERS
LEADER_MODIFIERS = {"global", "world", "worldwide", "market", "industry", "international", "national", "recognized",
                    "recognised", "leading", "technology", "european", "american", "asian", "regional", "category"}
ADVERBS = {"today", "officially", "recently", "proudly", "formally", "also", "jointly", "successfully", "now",
           "currently", "has", "have", "had", "is", "are", "will", "to", "just", "finally", "publicly", "again",
           "yesterday", "this", "week", "month", "morning", "been", "on", "monday", "tuesday", "wednesday",
           "thursday", "friday", "saturday", "sunday"}


CLAUSE_MARKS = {"-", "–", "—", "--", ":", ")", "|"}


class ReleaseEvidence:
    """Finds the names the release itself vouches for (see the module's docstring)."""

    def __init__(self, *, gazetteer: Gazetteer, org_nouns: frozenset[str], verbs: frozenset[str],
                 non_org_heads: frozenset[str]) -> None:
        self.gazetteer = gazetteer
        self.org_nouns = org_nouns
        self.verbs = verbs
        self.non_org_heads = non_org_heads

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        ents = EntitySet(doc.ents)
        names: dict[str, str] = {}
        self.tickers(doc, text, ents, names)
        self.about(doc, text, ents, names)
        self.legal_forms(doc, ents, names)
        self.short_forms(doc, ents, names)
        self.descriptions(doc, ents, names)
        self.headline_verbs(doc, ents)
        self.news_subjects(doc, ents, names)
        doc.user_data[RELEASE_KEY] = names
        set_entities(doc, ents)
        return doc

    def _org(self, doc: Doc, ents: EntitySet, names: dict[str, str], span: Span | None) -> None:
        """Make ``span`` an ORG with release evidence and record its name."""
        if span is None or not len(span) or not any(ch.isalpha() for ch in span.text):
            return
        org = Span(doc, span.start, span.end, label="ORG")
        claim(doc, ents, org, "release")
        names[name_key(org.text)] = "ORG"
        doc.user_data.setdefault(RELEASE_FORMS_KEY, {})[org.text] = "ORG"

    def tickers(self, doc: Doc, text: str, ents: EntitySet, names: dict[str, str]) -> None:
        """"Acme Inc. (NASDAQ: ACME)": Acme Inc. and NASDAQ are organisations, ACME is no entity."""
        for group in ticker_groups(text):
            for listing in group.listings:
                symbol = doc.char_span(*listing.symbol, alignment_mode="expand")
                if symbol is not None:
                    for e in ents.overlapping(symbol.start, symbol.end):
                        ents.remove(e)
                if listing.exchange:
                    market = doc.char_span(*listing.market, alignment_mode="contract")
                    if market is not None and len(market):
                        self._org(doc, ents, names, market)
            before = doc.char_span(group.start, group.end, alignment_mode="expand")
            if before is not None:
                self._org(doc, ents, names, self.name_before(doc, ents, before.start))

    def name_before(self, doc: Doc, ents: EntitySet, i: int) -> Span | None:
        """The name that ends right before token ``i``: an entity, else a run of capitalised words."""
        if i == 0:
            return None
        ending = [e for e in ents.overlapping(i - 1, i) if e.end == i and e.label_ != "DATE"]
        if ending:
            return ending[0]
        start = i
        while start > 0 and i - start < MAX_NAME_TOKENS and (
                is_capitalised(doc[start - 1]) or doc[start - 1].text in ("&", ",", ".") and start - 1 > 0
                and is_capitalised(doc[start - 2])):
            start -= 1
        while start < i and not is_capitalised(doc[start]):
            start += 1
        if start == i or doc[start].is_sent_start and doc[start].lower_ in ("the", "a", "an"):
            return None
        return Span(doc, start, i, label="ORG")

    def about(self, doc: Doc, text: str, ents: EntitySet, names: dict[str, str]) -> None:
        """"About X": X is an organisation (a heading glued to its text names it, but is no mention)."""
        for start, end, glued in about_headings(text):
            names[name_key(text[start:end])] = "ORG"
            doc.user_data.setdefault(RELEASE_FORMS_KEY, {})[text[start:end]] = "ORG"
            if glued:
                continue
            self._org(doc, ents, names, doc.char_span(start, end, alignment_mode="contract"))

    def legal_forms(self, doc: Doc, ents: EntitySet, names: dict[str, str]) -> None:
        """"Smiths Group plc", "Haier Smart Home Co., Ltd.": one organisation, its legal form included."""
        words = [t.text for t in doc]
        i = 1
        while i < len(doc):
            starts_form = doc[i].text == "," or is_capitalised(doc[i]) or doc[i].text == "plc"
            n = legal_form_length(words[i:i + 8]) if starts_form else 0
            if not n:
                i += 1
                continue
            end = i + n
            # an entity that already runs to the end of the legal form: "Bank of America Corporation"
            whole = next((e for e in ents.overlapping(i, end) if e.start < i and e.end == end), None)
            name = Span(doc, whole.start, i) if whole is not None else self.name_before(doc, ents, i)
            if name is None or not len(name) or name.label_ == "DATE" or legal_form_length(words[name.start:i]):
                i = end
                continue
            full = Span(doc, name.start, end, label="ORG")
            wider = [e for e in ents.overlapping(full.start, full.end) if e.start < full.start or e.end > full.end]
            # a wider entity is replaced only when it joined several names ("Mitsubishi Corporation and
            # Wärtsilä Corporation"), never when it holds this one ("Bank of America Corporation Foundation")
            if all(" and " in e.text or ", " in e.text for e in wider):
                self._org(doc, ents, names, full)
                names[name_key(name.text)] = "ORG"  # "AI Era" of "AI Era Corp."
            i = end

    def short_forms(self, doc: Doc, ents: EntitySet, names: dict[str, str]) -> None:
        """"Kane Fire Protection (Kane)", "Amazon Web Services, Inc. (AWS)": the short form is the same
        organisation."""
        for e in list(ents):
            j = e.end
            if e.label_ != "ORG" and names.get(name_key(e.text)) != "ORG":
                continue
            if j + 2 >= len(doc) or doc[j].text != "(":
                continue
            k = j + 1
            while k < len(doc) and k - j <= 4 and doc[k].text != ")":
                k += 1
            if k >= len(doc) or doc[k].text != ")" or k == j + 1:
                continue
            short = doc[j + 1:k]
            if not all(is_capitalised(t) or t.text in ("&", "-", ".") for t in short):
                continue
            long_words = [w.casefold() for w in e.text.replace(",", " ").split()]
            short_words = [w.casefold() for w in short.text.split()]
            initials = "".join(w[0] for w in long_words if w[0].isalpha())
            if long_words[:len(short_words)] == short_words or short.text.casefold() == initials:
                self._org(doc, ents, names, Span(doc, short.start, short.end, label="ORG"))

    def descriptions(self, doc: Doc, ents: EntitySet, names: dict[str, str]) -> None:
        """"X, a global leader in …", "X, a leading provider of …", "X is a private investment firm"."""
        for e in list(ents):
            if e.label_ == "DATE" or e.end + 2 >= len(doc):
                continue
            j = e.end
            if doc[j].text == "(":  # "Amazon Web Services, Inc. (AWS), an Amazon.com company"
                close = next((k for k in range(j, min(len(doc), j + 8)) if doc[k].text == ")"), None)
                if close is None:
                    continue
                j = close + 1
            if j + 1 >= len(doc) or not (doc[j].text == "," or doc[j].lower_ in ("is", "was")):
                continue
            if doc[j + 1].lower_ not in DETERMINERS:
                continue
            head = self.description_head(doc, j + 2)
            if head is not None:
                if self.gazetteer.label_of(e.text) == "PLACE":
                    continue  # a place described as a market or a hub stays a place
                self._org(doc, ents, names, e)

    def description_head(self, doc: Doc, start: int) -> str | None:
        """The organisation noun that heads the noun phrase starting at token ``start``, if any."""
        for k in range(start, min(len(doc), start + APPOSITION_TOKENS)):
            word = doc[k].lower_
            if word in PHRASE_END or doc[k].is_punct and word not in ("’s", "'s", "-", "“", "”", '"'):
                if k == start:
                    return None
                head = doc[k - 1].lower_
                if head in PERSON_LIKE_HEADS and (word not in ("in", "of") or k - 2 < start
                                                  or doc[k - 2].lower_ not in LEADER_MODIFIERS):
                    return None  # "a global leader in logistics", not "a gang leader in Raqqah"
                return head if head in self.org_nouns else None
        return None

    def headline_verbs(self, doc: Doc, ents: EntitySet) -> None:
        """A headline in title case runs names into its verb ("Jon Lindsay Announce Spring U.S. Tour"): a name in the
        headline ends before the news verb."""
        first_line = next((t.i for t in doc if "\n" in t.text_with_ws), len(doc) - 1) + 1
        for e in [x for x in ents if x.end <= first_line and x.label_ != "DATE"]:
            cut = next((t.i for t in e[1:] if t.lower_ in self.verbs and t.text[:1].isupper()), None)
            if cut is not None:
                ents.remove(e)
                if cut > e.start:
                    ents.add(Span(doc, e.start, cut, label=e.label_))

    def news_subjects(self, doc: Doc, ents: EntitySet, names: dict[str, str]) -> None:
        """The subject of the news at the head of a clause in the headline or lead: "Green SM officially launched
        …", "Barrio Energy Announces …", "Tokyo Metropolitan Government to Dispatch …". Not a person, not a
        place the gazetteer knows, not an event or a law."""
        lead_end = next((t.i for t in doc if t.idx > LEAD_CHARS), len(doc))
        candidates = [e for e in ents if e.end <= lead_end and e.label_ != "DATE"]
        covered = {i for e in candidates for i in range(e.start, e.end)}
        for start, end in name_runs(doc):
            if end > lead_end:
                break
            if any(i in covered for i in range(start, end)):
                continue
            verb = next((k for k in range(start + 1, end) if doc[k].lower_ in self.verbs | ADVERBS), end)
            if verb - start <= MAX_NAME_TOKENS and self.clause_start(doc, start):
                candidates.append(Span(doc, start, verb, label="ORG"))
        for e in candidates:
            if e.label_ == "PERSON" or self.gazetteer.label_of(e.text) == "PLACE" or e[-1].text in self.non_org_heads:
                continue
            j = e.end
            if j < len(doc) and doc[j].text == "(":  # "(RapidFire)", "(NASDAQ: AMZN)"
                close = next((k for k in range(j, min(len(doc), j + 12)) if doc[k].text == ")"), None)
                j = close + 1 if close is not None else j
            if j < len(doc) and doc[j].text == ",":  # an apposition: ", a leading provider of …,"
                close = next((k for k in range(j + 1, min(len(doc), j + 30)) if doc[k].text == ","), None)
                j = close + 1 if close is not None else j
            while j < len(doc) and doc[j].lower_ in ADVERBS:
                j += 1
            dated = j + 1 < len(doc) and doc[j + 1].text[:1].isdigit()  # "News Release 17-Aug-2020"
            if j < len(doc) and doc[j].lower_ in self.verbs and not dated:
                self._org(doc, ents, names, e)

    @staticmethod
    def clause_start(doc: Doc, i: int) -> bool:
        """Whether token ``i`` begins a line, a sentence or what follows a dateline's dash."""
        return i == 0 or doc[i].is_sent_start or "\n" in doc[i - 1].text_with_ws or doc[i - 1].text in CLAUSE_MARKS


@Language.factory("presstag_release", assigns=["doc.ents"], default_config={})
def make_release(nlp: Language, name: str) -> ReleaseEvidence:
    return ReleaseEvidence(gazetteer=default_gazetteer(), org_nouns=word_list("org_nouns.txt"),
                           verbs=word_list("release_verbs.txt"), non_org_heads=word_list("non_org_heads.txt"))
