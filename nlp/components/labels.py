"""``presstag_labels``: map the model's entity labels to presstag's four and trim spans to the minimal name."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..labels import load_label_map
from ..spans import move_meta, set_entities, span_meta, trim, vote


class LabelMapper:
    """Keeps mapped entities only, trimmed, each recording the model's label as ``source_label``."""

    def __init__(self, *, label_map: dict[str, str]) -> None:
        self.label_map = label_map

    def __call__(self, doc: Doc) -> Doc:
        kept: list[Span] = []
        for ent in doc.ents:
            label = self.label_map.get(ent.label_)
            if label is None:
                continue
            span_meta(doc, ent)
            for part in split_at_line_breaks(ent):
                trimmed = trim(part)
                if trimmed is None:
                    continue
                new = Span(doc, trimmed.start, trimmed.end, label=label)
                move_meta(doc, ent, new)
                vote(doc, new, label, "model")
                kept.append(new)
        set_entities(doc, kept)
        return doc


def split_at_line_breaks(span: Span) -> list[Span]:
    """A name does not run across a line break: "Contacts\n\nAmazon.com, Inc." is a heading and a name."""
    parts, start = [], span.start
    for t in span:
        if "\n" in t.text or "\n" in t.whitespace_:
            end = t.i if t.is_space else t.i + 1
            if end > start:
                parts.append(Span(span.doc, start, end, label=span.label))
            start = t.i + 1
    if start < span.end:
        parts.append(Span(span.doc, start, span.end, label=span.label))
    return parts if len(parts) > 1 else [span]


@Language.factory(
    "presstag_labels",
    assigns=["doc.ents"],
    default_config={"label_map_path": None},
)
def make_label_mapper(nlp: Language, name: str, label_map_path: str | None) -> LabelMapper:
    return LabelMapper(label_map=load_label_map(label_map_path))
