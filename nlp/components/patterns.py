"""``presstag_patterns``: a team's own names as spaCy EntityRuler patterns (JSONL), taking precedence."""

from __future__ import annotations

import json

from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span

from ..errors import OptionError
from ..labels import load_label_map
from ..spans import set_entities, vote


def read_patterns(path: str, label_map: dict[str, str]) -> list[dict]:
    """EntityRuler patterns from JSONL, labels mapped to presstag's (GPE → PLACE)."""
    patterns = []
    try:
        with open(path, encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    p = json.loads(line)
                    label = label_map.get(p["label"], p["label"])
                    p["label"] = label
                    _ = p["pattern"]
                except (json.JSONDecodeError, KeyError, TypeError) as exc:
                    raise OptionError(
                        f'{path}:{number}: not an EntityRuler pattern like {{"label": "ORG", "pattern": "..."}}'
                    ) from exc
                if label not in ("PERSON", "ORG", "PLACE", "DATE"):
                    raise OptionError(f"{path}:{number}: label {label} is not PERSON, ORG, PLACE or DATE")
                patterns.append(p)
    except OSError as exc:
        raise OptionError(f"{path}: cannot read the patterns file ({exc.strerror or exc})") from exc
    return patterns


class UserPatterns:
    """Runs an EntityRuler over the text; its matches replace whatever overlaps them."""

    def __init__(self, nlp: Language, *, patterns: list[dict]) -> None:
        self.ruler = EntityRuler(nlp, name="presstag_patterns_ruler", phrase_matcher_attr=None)
        self.ruler.add_patterns(patterns)

    def __call__(self, doc: Doc) -> Doc:
        matches = self.ruler.match(doc)
        spans = [Span(doc, start, end, label=doc.vocab.strings[mid]) for mid, start, end in matches]
        if not spans:
            return doc
        kept = [e for e in doc.ents if not any(e.start < s.end and s.start < e.end for s in spans)]
        for s in spans:
            vote(doc, s, s.label_, "pattern")
        set_entities(doc, spans + kept)
        return doc


@Language.factory("presstag_patterns", assigns=["doc.ents"], default_config={"patterns_path": ""})
def make_patterns(nlp: Language, name: str, patterns_path: str) -> UserPatterns:
    return UserPatterns(nlp, patterns=read_patterns(patterns_path, load_label_map()))
