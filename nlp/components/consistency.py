"""``presstag_consistency``: one label per name across the release, settled by the weight of evidence, and
carried to the name's other mentions and to the parts of personal names."""

from __future__ import annotations

from collections import defaultdict

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..evidence import weight
from ..gazetteer import default_gazetteer
from ..spans import EntitySet, claim, doc_text, is_capitalised, key, meta, set_entities, span_meta, vote

POSSESSIVE_ENDINGS = ("’s", "'s")
RELEASE_KEY = "presstag_release"  # set by presstag_release: name key -> the label the release gives it
RELEASE_FORMS_KEY = "presstag_release_forms"  # and the names as written -> label
LABELS = ("PERSON", "ORG", "PLACE")


def name_key(text: str) -> str:
    """The form a name is grouped by: case-folded, without a possessive ending."""
    for ending in POSSESSIVE_ENDINGS:
        if text.endswith(ending):
            text = text[: -len(ending)]
    return text.casefold()


class DocumentConsistency:
    """Document-level label voting and propagation.

    1. Parts of personal names: a surname or given name standing alone gets strong PERSON evidence when the
       full name (two or more tokens) is a PERSON in the same release.
    2. Votes of all mentions of one name are summed; every mention takes the winning label.
    3. Unlabelled occurrences of a name with good evidence (more than the model alone, or a multi-word name)
       are tagged too.
    """

    def __init__(self, *, propagate: bool = True) -> None:
        self.propagate = propagate

    def __call__(self, doc: Doc) -> Doc:
        ents = self.release_names(doc, list(doc.ents))
        names = [e for e in ents if e.label_ in LABELS]
        parts: dict[str, str] = {}
        for e in names:
            words = [t for t in e if is_capitalised(t)]
            if e.label_ == "PERSON" and len(words) >= 2:
                for t in (words[0], words[-1]):
                    parts[t.text.casefold()] = t.text
        for e in names:
            if len(e) == 1 and e.text.casefold() in parts:
                vote(doc, e, "PERSON", "surname")
        totals: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        for e in names:
            for label, amount in (span_meta(doc, e).get("votes") or {e.label_: weight("model")}).items():
                totals[name_key(e.text)][label] += amount
        said = release_labels(doc)
        org_forms = [f for f, label in (doc.user_data.get(RELEASE_FORMS_KEY) or {}).items() if label == "ORG"]
        out: list[Span] = []
        for e in ents:
            if e.label_ not in LABELS:
                out.append(e)
                continue
            votes = totals[name_key(e.text)]
            label = said.get(name_key(e.text)) or max(votes.items(), key=lambda kv: (kv[1], kv[0] == e.label_))[0]
            if label != "ORG" and any(e.text.startswith(f + " ") for f in org_forms):
                label = "ORG"  # "Green SM Limo" of "Green SM": a release's organisation names no person or place
            if label != e.label_:
                new = Span(doc, e.start, e.end, label=label)
                vote(doc, new, label, "consistency")
                out.append(new)
            else:
                out.append(e)
        if self.propagate:
            out.extend(self._propagate(doc, out, parts))
        set_entities(doc, out)
        return doc

    @staticmethod
    def release_names(doc: Doc, ents: list[Span]) -> list[Span]:
        """Every occurrence of a name the release vouches for is that entity, whatever the model made of its parts
        ("Canada" + "Soccer" → "Canada Soccer"), unless a longer name holds it ("Canada Soccer National Team",
        "Pat Kane")."""
        forms = doc.user_data.get(RELEASE_FORMS_KEY) or {}
        if not forms:
            return ents
        index = EntitySet(ents)
        text = doc_text(doc)
        for form, label in forms.items():
            at = text.find(form)
            while at != -1:
                end = at + len(form)
                glued = (at > 0 and text[at - 1].isalnum()) or (end < len(text) and text[end].isalnum())
                span = None if glued else doc.char_span(at, end, label=label)
                if span is not None and span.end < len(doc) and is_capitalised(doc[span.end]) \
                        and not doc[span.end].is_sent_start:
                    span = None  # the start of a longer name: "Green SM Limo", "Kane Mechanical"
                if span is not None:
                    inside = index.overlapping(span.start, span.end)
                    wider = any(e.start < span.start or e.end > span.end for e in inside)
                    if not wider and not any((e.start, e.end, e.label_) == (span.start, span.end, label)
                                             for e in inside):
                        claim(doc, index, span, "release")
                at = text.find(form, end)
        return list(index)

    def _propagate(self, doc: Doc, ents: list[Span], parts: dict[str, str]) -> list[Span]:
        """Tag unlabelled occurrences of names known with good evidence, and of personal-name parts."""
        m = meta(doc)
        strong: dict[str, str] = {}
        for e in ents:
            if e.label_ not in LABELS:
                continue
            evidence = m.get(key(e), {}).get("evidence", [])
            if len(e) >= 2 or any(k not in ("model", "city") for k in evidence):
                strong.setdefault(e.text, e.label_)  # a town's name alone is too weak to spread
        for part in parts.values():
            strong.setdefault(part, "PERSON")
        by_first: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for text, label in strong.items():
            by_first[text.split()[0]].append((text, label))
        covered = {i for e in ents for i in range(e.start, e.end)}
        new: list[Span] = []
        for t in doc:
            if t.i in covered or not is_capitalised(t) or t.text not in by_first:
                continue
            for text, label in sorted(by_first[t.text], key=lambda x: -len(x[0])):
                if doc_text(doc)[t.idx:t.idx + len(text)] != text:
                    continue
                span = doc.char_span(t.idx, t.idx + len(text), label=label)
                if span is None or any(i in covered for i in range(span.start, span.end)):
                    continue
                if span.end < len(doc) and is_capitalised(doc[span.end]):
                    continue  # part of a longer name
                vote(doc, span, label, "consistency")
                new.append(span)
                covered.update(range(span.start, span.end))
                break
        return new


def release_labels(doc: Doc) -> dict[str, str]:
    """What the release says its names are (``presstag_release``), with the short forms of its organisations:
    "Kane" of "Kane Fire Protection", "Wärtsilä" of "Wärtsilä Corporation" — not a word the gazetteer knows as
    something else ("Canada" of "Canada Soccer" stays a place)."""
    said: dict[str, str] = doc.user_data.get(RELEASE_KEY) or {}
    if not said:
        return {}
    gazetteer = default_gazetteer()
    out = dict(said)
    for name, label in said.items():
        if label != "ORG":
            continue
        words = name.split()
        for k in range(1, len(words)):
            short = " ".join(words[:k])
            if short in out or len(short) < 3 or short in STOP_WORDS or words[k - 1] in STOP_WORDS:
                continue
            known = gazetteer.label_of(" ".join(w.capitalize() for w in words[:k]))
            if known is None:
                out[short] = "ORG"
    return out


@Language.factory("presstag_consistency", assigns=["doc.ents"], default_config={"propagate": True})
def make_consistency(nlp: Language, name: str, propagate: bool) -> DocumentConsistency:
    return DocumentConsistency(propagate=propagate)
