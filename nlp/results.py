"""From a processed Doc to a typed DocumentResult."""

from __future__ import annotations

from typing import Any

from .evidence import confidence
from .spans import key, meta
from .types import Dateline, DocumentResult, ExtractorInfo, Mention, Quote


def mentions_from_doc(doc: Any, labels: tuple[str, ...], offset: int = 0) -> list[Mention]:
    """The mentions of ``doc.ents`` with the wanted labels."""
    info = meta(doc)
    out: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in labels:
            continue
        m = info.get(key(ent), {})
        evidence = tuple(m.get("evidence") or ("model",))
        out.append(
            Mention(
                text=ent.text,
                label=ent.label_,
                source_label=m.get("source_label") or ent.label_,
                start=ent.start_char + offset,
                end=ent.end_char + offset,
                value=m.get("value"),
                evidence=evidence,
                confidence=confidence(evidence),
                canonical=m.get("canonical"),
                boilerplate=bool(m.get("boilerplate")),
            )
        )
    return out


def build_result(
    doc: Any, sdoc: Any, info: ExtractorInfo, labels: tuple[str, ...], *, offset: int = 0
) -> DocumentResult:
    """The DocumentResult of one processed Doc."""
    mentions = mentions_from_doc(doc, labels, offset)
    dl = doc._.dateline
    dateline = None
    if dl:
        dateline = Dateline(
            place=dl.get("place"), date=dl.get("date"), text=dl["text"],
            start=dl["start"] + offset, end=dl["end"] + offset,
        )
    quotes = tuple(
        Quote(**{**q, "start": q["start"] + offset, "end": q["end"] + offset}) for q in (doc._.quotes or [])
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
        quotes=quotes,
        metadata=dict(sdoc.metadata),
        sha256=sdoc.sha256,
    )

