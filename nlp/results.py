"""From a processed Doc to a typed DocumentResult."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from .canonical import canonical_entities, name_mentions
from .evidence import confidence
from .quotes import find_quotes
from .release import boilerplate_start
from .roles import find_roles
from .spans import key, meta
from .types import Dateline, DocumentResult, ExtractorInfo, Mention


def mentions_from_doc(doc: Any, labels: tuple[str, ...], offset: int = 0, original: str | None = None) -> list[Mention]:
    """The mentions of ``doc.ents`` with the wanted labels; texts from ``original`` (the whole document's text,
    which the Doc's may differ from in invisible characters) when given."""
    info = meta(doc)
    out: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in labels:
            continue
        m = info.get(key(ent), {})
        evidence = tuple(m.get("evidence") or ("model",))
        out.append(
            Mention(
                text=original[ent.start_char + offset:ent.end_char + offset] if original is not None else ent.text,
                label=ent.label_,
                source_label=m.get("source_label") or ent.label_,
                start=ent.start_char + offset,
                end=ent.end_char + offset,
                value=m.get("value"),
                evidence=evidence,
                confidence=confidence(evidence),
                boilerplate=bool(m.get("boilerplate")),
            )
        )
    return out


def build_result(
    doc: Any, sdoc: Any, info: ExtractorInfo, labels: tuple[str, ...], *, offset: int = 0
) -> DocumentResult:
    """The DocumentResult of one processed Doc."""
    mentions = mentions_from_doc(doc, labels, offset, sdoc.text)
    dl = doc._.dateline
    dateline = None
    if dl:
        dateline = Dateline(
            place=dl.get("place"), date=dl.get("date"), text=dl["text"],
            start=dl["start"] + offset, end=dl["end"] + offset,
        )
    return DocumentResult(
        id=sdoc.id,
        source=sdoc.source,
        extractor=info,
        entities=tuple(mentions),
        text=sdoc.text,
        dateline=dateline,
        reference_date=doc._.reference_date,
        reference_date_source=doc._.reference_date_source,
        metadata=dict(sdoc.metadata),
        sha256=sdoc.sha256,
        path=sdoc.path,
    )


def error_result(sdoc: Any, info: ExtractorInfo | None) -> DocumentResult:
    """The result of a document that could not be read or processed: its ``error`` and where it came from."""
    return DocumentResult(id=sdoc.id, source=sdoc.source, extractor=info, error=sdoc.error, sha256=sdoc.sha256,
                          metadata=dict(sdoc.metadata), path=sdoc.path)


def lead_end(text: str, min_words: int = 25) -> int:
    """Where a release's lead ends: the first paragraph, or the first few if it is only a dateline."""
    end, words = 0, 0
    while end < len(text) and words < min_words:
        nl = text.find("\n", end)
        stop = len(text) if nl == -1 else nl + 1
        words += len(text[end:stop].split())
        end = stop
    return end


def complete(result: DocumentResult, canonical_of: Callable[[str], str | None] | None = None) -> DocumentResult:
    """Add what needs the whole document: the boilerplate, canonical names and entities, quotes, roles and
    salience."""
    if result.error is not None or result.text is None:
        return result
    cut = boilerplate_start(result.text)  # on the whole text, whichever component added a mention
    marked = [replace(m, boilerplate=cut is not None and m.start > cut) for m in result.entities]
    mentions, clusters = name_mentions(marked, canonical_of, result.text)
    quotes = find_quotes(result.text, mentions)
    speakers = [name for q in quotes for name in (q.speaker, q.organization) if name]
    entities = canonical_entities(mentions, clusters, lead_end=lead_end(result.text), speakers=speakers)
    roles = find_roles(result.text, mentions, quotes, entities)
    return replace(result, entities=tuple(mentions), canonical_entities=tuple(entities), quotes=tuple(quotes),
                   roles=tuple(roles))
