"""Token-level IOB export (CoNLL style) of a document's mentions, on the tokens the pipeline itself made."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from .types import DocumentResult

Tokenize = Callable[[str], Any]


@lru_cache(maxsize=1)
def _blank_tokenizer() -> Any:
    import spacy

    return spacy.blank("en").tokenizer


def iob_lines(result: DocumentResult, tokenize: Tokenize | None = None) -> Iterator[str]:
    """``token<TAB>tag`` lines; a blank line at each line break of the text; tags B-/I-LABEL or O.

    ``tokenize`` makes the Doc of a text with the pipeline's own tokenizer (``Extractor.tokenize``), so every
    mention falls on token boundaries ("U.S.-Iraq" is three tokens there); spaCy's ``offsets_to_biluo_tags`` turns
    the mentions into tags. Without it, a blank English tokenizer stands in."""
    from spacy.training import biluo_to_iob, offsets_to_biluo_tags

    text = result.text or ""
    doc = (tokenize or _blank_tokenizer())(text)
    biluo = offsets_to_biluo_tags(doc, [(m.start, m.end, m.label) for m in result.entities])
    tags = [tag if tag != "-" else "O" for tag in biluo_to_iob(biluo)]  # "-": a mention off this tokenizer's tokens
    pending_break = False
    for tok, tag in zip(doc, tags, strict=True):
        if tok.is_space:
            pending_break = pending_break or "\n" in tok.text
            continue
        if pending_break:
            yield ""
            pending_break = False
        yield f"{text[tok.idx:tok.idx + len(tok)]}\t{tag}"
        if "\n" in tok.whitespace_:
            pending_break = True
    yield ""
