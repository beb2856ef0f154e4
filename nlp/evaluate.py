"""Scoring against gold annotation by the rules of ANNOTATION.md: exact (start, end, label) match."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import GoldFormatError
from .labels import load_label_map
from .labelstudio import gold_from_labelstudio
from .sources import SourceDocument
from .types import LABELS, DocumentResult, GoldDocument, GoldSpan

LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
TRAILING_POSSESSIVE = re.compile(r"(?:['’]s|s?['’])$")


@dataclass
class Scores:
    """Counts and precision, recall and F1 for one label (or all)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 3), "recall": round(self.recall, 3), "f1": round(self.f1, 3),
            "tp": self.tp, "fp": self.fp, "fn": self.fn,
        }


@dataclass
class Report:
    """The outcome of an evaluation: per-label and micro scores, date-value accuracy, and the errors."""

    per_label: dict[str, Scores] = field(default_factory=lambda: {label: Scores() for label in LABELS})
    per_genre: dict[str, Scores] = field(default_factory=dict)
    date_values_correct: int = 0
    date_values_scored: int = 0
    reference_dates_correct: int = 0
    reference_dates_scored: int = 0
    documents: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def micro(self) -> Scores:
        s = Scores()
        for sc in self.per_label.values():
            s.tp, s.fp, s.fn = s.tp + sc.tp, s.fp + sc.fp, s.fn + sc.fn
        return s

    @property
    def date_value_accuracy(self) -> float | None:
        return self.date_values_correct / self.date_values_scored if self.date_values_scored else None

    def to_dict(self, *, with_errors: bool = False) -> dict[str, Any]:
        acc = self.date_value_accuracy
        d: dict[str, Any] = {
            "documents": self.documents,
            "labels": {label: s.to_dict() for label, s in self.per_label.items()},
            "micro": self.micro.to_dict(),
            "date_values": {
                "accuracy": round(acc, 3) if acc is not None else None,
                "correct": self.date_values_correct,
                "scored": self.date_values_scored,
            },
        }
        if self.per_genre:
            d["genres"] = {genre: s.to_dict() for genre, s in sorted(self.per_genre.items())}
        if self.reference_dates_scored:
            d["reference_dates"] = {"correct": self.reference_dates_correct, "scored": self.reference_dates_scored}
        if with_errors:
            d["errors"] = self.errors
        return d


def load_gold(path: str | Path) -> list[GoldDocument]:
    """Gold documents from JSONL (``{"id", "text", "spans"}``) or a Label Studio JSON export; spaCy's labels map to
    presstag's as the model's do (GPE, LOC and FAC are PLACE)."""
    return [_mapped(d) for d in _read_gold(path)]


def _mapped(doc: GoldDocument) -> GoldDocument:
    table = load_label_map()
    spans = tuple(GoldSpan(s.start, s.end, table.get(s.label, s.label), s.value) for s in doc.spans)
    return GoldDocument(id=doc.id, text=doc.text, spans=spans, genre=doc.genre, reference_date=doc.reference_date)


def _read_gold(path: str | Path) -> list[GoldDocument]:
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise GoldFormatError(f"{path}: cannot read the gold file ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise GoldFormatError(f"{path}: the gold file is not UTF-8") from exc
    stripped = raw.lstrip()
    if stripped.startswith("["):
        try:
            tasks = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise GoldFormatError(f"{path}: not valid JSON ({exc.msg}, line {exc.lineno})") from exc
        return gold_from_labelstudio(tasks, str(path))
    docs: list[GoldDocument] = []
    for number, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            text = obj["text"]
            spans = tuple(
                GoldSpan(int(s["start"]), int(s["end"]), str(s["label"]), s.get("value")) for s in obj["spans"]
            )
            docs.append(GoldDocument(id=str(obj.get("id", number)), text=text, spans=spans, genre=obj.get("genre"),
                                     reference_date=obj.get("reference_date")))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise GoldFormatError(
                f"{path}:{number}: not a gold record with id, text and spans (start, end, label)"
            ) from exc
    if not docs:
        raise GoldFormatError(f"{path}: no gold documents in the file")
    return docs


def normalise(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets after dropping a leading "the" and a trailing possessive, as the scorer does."""
    s = text[start:end]
    m = LEADING_THE.match(s)
    if m:
        start += m.end()
        s = s[m.end():]
    m = TRAILING_POSSESSIVE.search(s)
    if m and m.start() > 0:
        end -= len(m.group(0))
    return start, end


def score(gold: Iterable[GoldDocument], predicted: Iterable[DocumentResult]) -> Report:
    """Score predictions against gold documents, matched by position in the two streams."""
    report = Report()
    for g, p in zip(gold, predicted, strict=True):
        report.documents += 1
        genre = report.per_genre.setdefault(g.genre, Scores()) if g.genre else Scores()
        if g.reference_date is not None:
            report.reference_dates_scored += 1
            if p.reference_date == g.reference_date:
                report.reference_dates_correct += 1
            else:
                report.errors.append({"id": g.id, "kind": "reference_date", "label": "DATE", "text": "",
                                      "start": 0, "gold": g.reference_date, "predicted": p.reference_date})
        gold_spans = {(*normalise(g.text, s.start, s.end), s.label): s for s in g.spans}
        pred_spans = {(*normalise(g.text, m.start, m.end), m.label): m for m in p.entities}
        for key, m in pred_spans.items():
            label = key[2]
            if label not in report.per_label:
                continue
            if key in gold_spans:
                report.per_label[label].tp += 1
                genre.tp += 1
                gs = gold_spans[key]
                if label == "DATE" and gs.value is not None:
                    report.date_values_scored += 1
                    if m.value == gs.value:
                        report.date_values_correct += 1
                    else:
                        report.errors.append(_error(g, "value", key, gold=gs.value, predicted=m.value))
            else:
                report.per_label[label].fp += 1
                genre.fp += 1
                report.errors.append(_error(g, "fp", key))
        for key in gold_spans:
            if key not in pred_spans and key[2] in report.per_label:
                report.per_label[key[2]].fn += 1
                genre.fn += 1
                report.errors.append(_error(g, "fn", key))
    return report


def _error(g: GoldDocument, kind: str, key: tuple[int, int, str], **extra: Any) -> dict[str, Any]:
    start, end, label = key
    return {"id": g.id, "kind": kind, "label": label, "text": g.text[start:end], "start": start, **extra}


def gold_sources(gold: Iterable[GoldDocument]) -> list[SourceDocument]:
    """The gold texts as documents to extract from."""
    return [SourceDocument(id=g.id, source=g.id, text=g.text) for g in gold]
