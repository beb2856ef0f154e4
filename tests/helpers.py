"""A blank English pipeline whose "model" entities come from an EntityRuler, plus presstag components."""

from __future__ import annotations

import spacy

import presstag.components  # noqa: F401  (registers the factories)


def pipeline(model_ents: dict[str, str], components: list[str]) -> spacy.language.Language:
    """``model_ents`` maps phrases to model labels (GPE, ORG, PERSON, ...), standing in for the trained NER."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler", name="ner")
    ruler.add_patterns([{"label": label, "pattern": text} for text, label in model_ents.items()]
                       or [{"label": "ORG", "pattern": "\u0000"}])  # an empty ruler warns on every call
    nlp.add_pipe("presstag_labels")
    for name in components:
        nlp.add_pipe(name)
    return nlp


def ents(doc) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in doc.ents]
