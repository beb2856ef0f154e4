"""Typed results: a mention, a dateline, a quote, a canonical entity, a document result."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

LABELS: tuple[str, ...] = ("PERSON", "ORG", "PLACE", "DATE")


@dataclass(frozen=True)
class Mention:
    """One entity mention; ``text == document_text[start:end]``."""

    text: str
    label: str
    source_label: str
    start: int
    end: int
    value: str | None = None
    evidence: tuple[str, ...] = ("model",)
    confidence: float = 0.0
    canonical: str | None = None
    boilerplate: bool = False

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "text": self.text,
            "label": self.label,
            "source_label": self.source_label,
            "start": self.start,
            "end": self.end,
        }
        if self.label == "DATE":
            d["value"] = self.value
        d["evidence"] = list(self.evidence)
        d["confidence"] = self.confidence
        if self.canonical is not None:
            d["canonical"] = self.canonical
        if self.boilerplate:
            d["boilerplate"] = True
        return d


@dataclass(frozen=True)
class Dateline:
    """The release's dateline: where and when it was issued, and where that stands in the text."""

    place: str | None
    date: str | None
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Quote:
    """A quotation and who said it."""

    speaker: str | None
    role: str | None
    organization: str | None
    start: int
    end: int
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class RoleRelation:
    """A person's role and organisation as the release states it; ``kind`` is how: ``apposition`` ("Jane Doe, CEO
    of Acme"), ``quote`` (in a quote's attribution), ``appointment`` (a new role), ``former`` (a past role or a
    founding) or ``contact`` (a media or investor contact block). ``start``/``end`` span the statement."""

    person: str
    role: str | None
    organization: str | None
    kind: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class CanonicalEntity:
    """One real entity of a document with all its mentions."""

    name: str
    label: str
    mentions: int
    first_start: int
    aliases: tuple[str, ...] = ()
    salience: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["aliases"] = list(self.aliases)
        return d


@dataclass(frozen=True)
class ErrorRecord:
    """Why a document produced no entities."""

    type: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ExtractorInfo:
    """Which presstag and which model produced a result."""

    version: str
    model: str
    model_version: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class DocumentResult:
    """Everything presstag found in one document (or why it could not)."""

    id: str
    source: str
    extractor: ExtractorInfo | None
    entities: tuple[Mention, ...] = ()
    text: str | None = None
    dateline: Dateline | None = None
    reference_date: str | None = None
    reference_date_source: str | None = None
    quotes: tuple[Quote, ...] = ()
    roles: tuple[RoleRelation, ...] = ()
    canonical_entities: tuple[CanonicalEntity, ...] = ()
    metadata: dict[str, Any] = field(default_factory=dict)
    sha256: str | None = None
    error: ErrorRecord | None = None
    path: str | None = None  # the input file's absolute real path (the store's key for its row), not exported

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_dict(self, *, with_text: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "source": self.source,
            "extractor": self.extractor.to_dict() if self.extractor else None,
            "entities": [m.to_dict() for m in self.entities],
            "dateline": self.dateline.to_dict() if self.dateline else None,
            "reference_date": self.reference_date,
            "reference_date_source": self.reference_date_source,
            "quotes": [q.to_dict() for q in self.quotes],
            "roles": [r.to_dict() for r in self.roles],
            "canonical_entities": [c.to_dict() for c in self.canonical_entities],
        }
        if self.metadata:
            d["metadata"] = self.metadata
        if self.sha256:
            d["sha256"] = self.sha256
        if with_text:
            d["text"] = self.text
        if self.error is not None:
            d["error"] = self.error.to_dict()
        return d


@dataclass(frozen=True)
class GoldSpan:
    """A gold annotation's span (``nlp.evaluate`` scores against it)."""

    start: int
    end: int
    label: str
    value: str | None = None


@dataclass(frozen=True)
class GoldDocument:
    """A gold-annotated document: its text, spans, and what the gold file says about the release."""

    id: str
    text: str
    spans: tuple[GoldSpan, ...]
    genre: str | None = None
    reference_date: str | None = None  # the date the release prints (null or absent: none, or not annotated)
