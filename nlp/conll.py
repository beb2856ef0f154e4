"""Token-level IOB export (CoNLL style) of a document's mentions."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from .types import DocumentResult


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    import spacy

    return spacy.blank("en").tokenizer


def iob_lines(result: DocumentResult) -> Iterator[str]:
    """``token<TAB>tag`` lines; a blank line at each line break of the text; tags B-/I-LABEL or O."""
    text = result.text or ""
    tags: dict[int, str] = {}
    doc = _tokenizer()(text)
    for m in result.entities:
        inside = [t for t in doc if t.idx >= m.start and t.idx + len(t) <= m.end]
        for k, tok in enumerate(inside):
            tags[tok.i] = ("B-" if k == 0 else "I-") + m.label
    pending_break = False
    for tok in doc:
        if tok.is_space:
            pending_break = pending_break or "\n" in tok.text
            continue
        if pending_break:
            yield ""
            pending_break = False
        yield f"{tok.text}\t{tags.get(tok.i, 'O')}"
        if "\n" in tok.whitespace_:
            pending_break = True
    yield ""
