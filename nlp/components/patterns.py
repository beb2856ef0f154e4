"""``presstag_patterns``: a team's own names as spaCy EntityRuler patterns (JSONL), taking precedence."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span

from ..errors import OptionError
from ..labels import load_label_map
from ..spans import set_entities, vote


def read_patterns(path: str, label_map: dict[str, str]) -> list[dict]:
    """EntityRuler patterns from JSONL, labels mapped to presstag's (GPE → PLACE).

    Every pattern is checked as spaCy's Matcher would check it; the first bad line raises ``OptionError``
    as ``FILE:LINE: what is wrong``."""
    from spacy.lang.en import English
    from spacy.matcher import Matcher

    if Path(path).is_dir():
        raise OptionError(f"{path}: is a folder; --patterns takes a spaCy EntityRuler JSONL file")
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise OptionError(f"{path}: cannot read the patterns file ({exc.strerror or exc})") from exc
    vocab = English().vocab
    patterns = []
    for number, line_bytes in enumerate(raw.splitlines(), 1):
        where = f"{path}:{number}"
        try:
            line = line_bytes.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            raise OptionError(f"{where}: not UTF-8 text") from exc
        if not line.strip():
            continue
        try:
            p = json.loads(line)
        except json.JSONDecodeError as exc:
            raise OptionError(f"{where}: not JSON ({exc.msg})") from exc
        except RecursionError as exc:
            raise OptionError(f"{where}: JSON nested too deeply") from exc
        if not isinstance(p, dict) or "label" not in p or "pattern" not in p:
            raise OptionError(f'{where}: not an EntityRuler pattern like {{"label": "ORG", "pattern": "..."}}')
        label = label_map.get(str(p["label"]), str(p["label"]))
        if label not in ("PERSON", "ORG", "PLACE", "DATE"):
            raise OptionError(f"{where}: label {p['label']} is not PERSON, ORG, PLACE or DATE")
        pattern = p["pattern"]
        if isinstance(pattern, str):
            if not pattern.strip():
                raise OptionError(f"{where}: the pattern is empty")
        elif isinstance(pattern, list) and all(isinstance(t, dict) for t in pattern):
            problem = token_pattern_problem(Matcher(vocab, validate=True), pattern)
            if problem:
                raise OptionError(f"{where}: {problem}")
        else:
            raise OptionError(f"{where}: a pattern is a phrase (text) or a list of token patterns ({{...}})")
        patterns.append({**p, "label": label})
    if not patterns:
        raise OptionError(f"{path}: no patterns in the file; --patterns takes one EntityRuler pattern per line")
    return patterns


def token_pattern_problem(matcher: Any, pattern: list[dict]) -> str | None:
    """What spaCy's Matcher finds wrong with a token pattern, in one line, or None."""
    try:
        matcher.add("pattern", [pattern])
    except re.error as exc:
        return f"bad regular expression ({exc})"
    except (ValueError, TypeError, KeyError) as exc:
        details = [ln.strip("- ").strip() for ln in str(exc).splitlines() if ln.strip().startswith("- [")]
        if details:
            return details[0].replace("pattern -> ", "token ")
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return "a token pattern needs at least one token" if "E012" in message else message
    return None


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
