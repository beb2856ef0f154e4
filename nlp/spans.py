"""Entity spans on a Doc and what is known about each: source label, evidence, date value.

Components keep ``doc.ents`` labelled with presstag's four labels; everything else about a span lives in
``doc._.presstag_meta``, a dict keyed by ``"start_char:end_char"`` strings holding plain values, so that it
survives spaCy's msgpack serialisation of ``user_data`` under ``nlp.pipe(n_process=N)``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .contacts import ContactIndex, contact_spans
from .evidence import weight

CONTACTS_KEY = "presstag_contacts"
CONTROLS_KEY = "presstag_controls"
# Terminal escape sequences (colours: "\x1b[31mIBM\x1b[0m", titles, charset switches) and the other control
# characters besides tab and line breaks: never text a reader sees, so never in an entity nor inside one. Each
# pattern stops at the next ESC, so a text of unfinished sequences is still scanned in linear time.
CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves
    r"|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC, DCS and other strings, ended by BEL or ST
    r"|\x1b[ -/]*[0-~]"  # two-character sequences: "\x1b(B", "\x1b7"
    r"|\x9b[0-?]*[ -/]*[@-~]"  # the 8-bit CSI
    r"|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
)

DOC_EXTENSIONS: dict[str, Any] = {
    "presstag_meta": None,
    "dateline": None,
    "reference_date": None,
    "reference_date_source": None,
    "reference_date_override": None,
    "published_date": None,
}

LEADING_DETERMINERS = {"the", "a", "an"}
# Function words that are capitalised at a sentence start but never begin a name: "Near Palmyra", "On Friday".
LEADING_WORDS = {"near", "in", "on", "at", "from", "outside", "inside", "during", "after", "before", "since",
                 "around", "across", "throughout", "by", "with", "for", "to", "of", "and", "but", "when", "while"}
POSSESSIVES = {"'s", "’s", "'", "’", "s'", "s’"}
INNER_POSSESSIVES = {"’s", "'s"}  # a possessive inside a name: "Prosecutor General’s Office"
EDGE_PUNCT = set("\"'“”‘’«»()[]{},.;:!?-–—/*•|")


def ensure_extensions() -> None:
    """Register presstag's Doc extensions (idempotent)."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


ensure_extensions()


def key(span: Span) -> str:
    """The metadata key of a span: ``"start_char:end_char"``."""
    return f"{span.start_char}:{span.end_char}"


def meta(doc: Doc) -> dict[str, dict[str, Any]]:
    """The per-span metadata dict of ``doc`` (created on first use)."""
    m = doc._.presstag_meta
    if m is None:
        m = {}
        doc._.presstag_meta = m
    return m


def span_meta(doc: Doc, span: Span) -> dict[str, Any]:
    """Metadata of one span, created with the span's own label as source label when missing."""
    m = meta(doc)
    k = key(span)
    if k not in m:
        m[k] = {"source_label": span.label_, "evidence": [], "value": None, "boilerplate": False}
    return m[k]


def add_evidence(doc: Doc, span: Span, *kinds: str) -> None:
    """Record that ``kinds`` of evidence support ``span``'s label."""
    ev = span_meta(doc, span)["evidence"]
    for kind in kinds:
        if kind not in ev:
            ev.append(kind)


def move_meta(doc: Doc, old: Span, new: Span) -> None:
    """Carry a span's metadata to a re-bounded copy of it."""
    m = meta(doc)
    old_key, new_key = key(old), key(new)
    if old_key in m and old_key != new_key:
        m.setdefault(new_key, m[old_key])


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per document (spaCy joins every token's text on each access)."""
    text = doc.user_data.get("presstag_text")
    if text is None:
        text = doc.user_data["presstag_text"] = doc.text
    return text


def trim(span: Span) -> Span | None:
    """The minimal name inside ``span``: no leading determiner, trailing possessive or edge punctuation."""
    doc = span.doc
    start, end = span.start, span.end
    changed = True
    while changed and start < end:
        changed = False
        first, last = doc[start], doc[end - 1]
        if first.lower_ in LEADING_DETERMINERS or first.text in EDGE_PUNCT or first.is_space:
            start += 1
            changed = True
        elif last.text in POSSESSIVES or last.text in EDGE_PUNCT or last.is_space:
            end -= 1
            changed = True
    for k in range(start + 1, end):
        if doc[k].text in ("(", "[") and k > start:
            end = k  # "Commission of Inquiry (CoI" → the name before the bracket
            break
    if start >= end:
        return None
    if start == span.start and end == span.end:
        return span
    return Span(doc, start, end, label=span.label)


def relabel(span: Span, label: str) -> Span:
    """A copy of ``span`` with another label."""
    return Span(span.doc, span.start, span.end, label=label)


def set_entities(doc: Doc, spans: Iterable[Span]) -> None:
    """Replace ``doc.ents``, keeping the longest of overlapping spans (earlier wins on ties) and none that overlaps
    a web or email address, a phone number, a hashtag or a handle (see ``nlp.contacts``) or a control character
    (see ``CONTROL``)."""
    contacts = ContactIndex(contact_details(doc))
    controls = ContactIndex(control_characters(doc))
    doc.ents = filter_spans([s for s in spans if not contacts.overlaps(s.start_char, s.end_char)
                             and not controls.overlaps(s.start_char, s.end_char)])


def contact_details(doc: Doc) -> list[tuple[int, int]]:
    """The character spans of ``doc``'s contact details, found once per document (from the original text when
    ``note_contact_details`` was given it)."""
    return _once(doc, CONTACTS_KEY, contact_spans)


def control_characters(doc: Doc) -> list[tuple[int, int]]:
    """The character spans of ``doc``'s control characters and escape sequences (from the original text when
    ``note_contact_details`` was given it)."""
    return _once(doc, CONTROLS_KEY, control_spans)


def _once(doc: Doc, key: str, find: Callable[[str], list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """``find`` on the document's text, computed once and kept in ``doc.user_data[key]``."""
    found = doc.user_data.get(key)
    if found is None:
        found = doc.user_data[key] = find(doc_text(doc))
    return found


def control_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the escape sequences and other control characters of ``text``, in order."""
    return [m.span() for m in CONTROL.finditer(text)]


def note_contact_details(doc: Doc, text: str) -> None:
    """Find the contact details and control characters of ``doc`` in ``text``, its original text (the model sees
    control characters as spaces, and may see another spelling)."""
    doc.user_data[CONTACTS_KEY] = contact_spans(text)
    doc.user_data[CONTROLS_KEY] = control_spans(text)


class EntitySet:
    """A Doc's entity spans while a component edits them, indexed by token.

    Finding what overlaps a span costs the span's length, not the number of entities, so a document with
    thousands of entities is edited in linear time. Spans may overlap; ``set_entities`` keeps the longest.
    """

    def __init__(self, spans: Iterable[Span] = ()) -> None:
        self._spans: dict[tuple[int, int, int], Span] = {}
        self._at: dict[int, dict[tuple[int, int, int], None]] = {}
        for span in spans:
            self.add(span)

    def __iter__(self) -> Iterator[Span]:
        """The spans in document order."""
        return iter(sorted(self._spans.values(), key=lambda s: (s.start, s.end)))

    def __len__(self) -> int:
        return len(self._spans)

    def add(self, span: Span) -> None:
        k = (span.start, span.end, span.label)
        if k in self._spans:
            return
        self._spans[k] = span
        for i in range(span.start, span.end):
            self._at.setdefault(i, {})[k] = None

    def remove(self, span: Span) -> None:
        k = (span.start, span.end, span.label)
        if self._spans.pop(k, None) is None:
            return
        for i in range(span.start, span.end):
            self._at[i].pop(k, None)

    def replace(self, old: Span, new: Span) -> None:
        self.remove(old)
        self.add(new)

    def overlapping(self, start: int, end: int) -> list[Span]:
        """The spans that share a token with tokens ``start:end``, in document order."""
        keys: dict[tuple[int, int, int], None] = {}
        for i in range(start, end):
            keys.update(self._at.get(i, {}))
        return sorted((self._spans[k] for k in keys), key=lambda s: (s.start, s.end))

    def exact(self, start: int, end: int) -> Span | None:
        """A span with exactly these bounds, if any."""
        return next((s for s in self.overlapping(start, end) if (s.start, s.end) == (start, end)), None)


def vote(doc: Doc, span: Span, label: str, kind: str) -> None:
    """Add evidence ``kind`` for ``label`` to ``span``'s votes (weights from ``evidence.json``)."""
    info = span_meta(doc, span)
    if kind not in info["evidence"]:
        info["evidence"].append(kind)
    votes = info.setdefault("votes", {})
    votes[label] = votes.get(label, 0.0) + weight(kind)


def claim(doc: Doc, ents: EntitySet, span: Span, kind: str) -> EntitySet:
    """Put ``kind`` evidence for ``span``'s label into ``ents``.

    An entity with exactly these bounds gets the vote and takes its best label; otherwise ``span`` replaces
    every entity it overlaps. Returns ``ents``, changed in place.
    """
    overlaps = ents.overlapping(span.start, span.end)
    same = next((e for e in overlaps if (e.start, e.end) == (span.start, span.end)), None)
    if same is not None:
        vote(doc, same, span.label_, kind)
        ents.replace(same, Span(doc, same.start, same.end, label=best_label(doc, same)))
        return ents
    vote(doc, span, span.label_, kind)
    for e in overlaps:
        ents.remove(e)
    ents.add(span)
    return ents


def best_label(doc: Doc, span: Span) -> str:
    """The label with the most evidence for ``span`` (its current label without votes)."""
    votes = meta(doc).get(key(span), {}).get("votes")
    if not votes:
        return span.label_
    return max(votes.items(), key=lambda kv: (kv[1], kv[0] == span.label_))[0]


def is_capitalised(token: Any) -> bool:
    """A token that can be part of a name: starts with an upper-case letter or a digit."""
    text = token.text
    return bool(text) and (text[0].isupper() or (text[0].isdigit() and any(c.isalpha() for c in text)))
