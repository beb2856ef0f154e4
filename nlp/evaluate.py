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


def _read_utf8(path: Path, what: str) -> str:
    """A gold file's text, or ``GoldFormatError`` saying why it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise GoldFormatError(f"{path}: cannot read the {what} ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise GoldFormatError(f"{path}: the {what} is not UTF-8") from exc


def _read_gold(path: str | Path) -> list[GoldDocument]:
    path = Path(path)
    raw = _read_utf8(path, "gold file")
    stripped = raw.lstrip()
    if stripped.startswith("["):
        try:
            tasks = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise GoldFormatError(f"{path}: not valid JSON ({exc.msg}, line {exc.lineno})") from exc
        except RecursionError as exc:
            raise GoldFormatError(f"{path}: JSON nested too deeply") from exc
        return [_checked(d, str(path)) for d in gold_from_labelstudio(tasks, str(path))]
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
            doc = GoldDocument(id=str(obj.get("id", number)), text=text, spans=spans, genre=obj.get("genre"),
                               reference_date=obj.get("reference_date"))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError, RecursionError) as exc:
            raise GoldFormatError(
                f"{path}:{number}: not a gold record with id, text and spans (start, end, label)"
            ) from exc
        docs.append(_checked(doc, f"{path}:{number}"))
    if not docs:
        raise GoldFormatError(f"{path}: no gold documents in the file")
    return docs


def _checked(doc: GoldDocument, where: str) -> GoldDocument:
    """A gold document whose text is text and whose spans lie inside it, else ``GoldFormatError``."""
    if not isinstance(doc.text, str):
        raise GoldFormatError(f"{where}: the gold record's text is not a string")
    for s in doc.spans:
        if not 0 <= s.start < s.end <= len(doc.text):
            raise GoldFormatError(f"{where}: span {s.start}-{s.end} ({s.label}) is not inside the text "
                                  f"({len(doc.text)} characters)")
    return doc


def ignored_labels(gold: Iterable[GoldDocument]) -> dict[str, int]:
    """Gold labels presstag does not tag (after the label map), with how many spans have them: they are not scored."""
    counts: dict[str, int] = {}
    for doc in gold:
        for s in doc.spans:
            if s.label not in LABELS:
                counts[s.label] = counts.get(s.label, 0) + 1
    return counts


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


# --- roles ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldRole:
    """One gold relation: who holds which role where, and the text that states it."""

    person: str
    role: str | None
    organization: str | None
    kind: str | None = None
    evidence: str | None = None


@dataclass
class RoleReport:
    """Relations scored against gold: all of them, and the distinct (person, organisation) pairs."""

    relations: Scores = field(default_factory=Scores)
    pairs: Scores = field(default_factory=Scores)
    per_kind: dict[str, Scores] = field(default_factory=dict)  # recall by the gold relation's kind
    documents: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self, *, with_errors: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {
            "documents": self.documents,
            "relations": self.relations.to_dict(),
            "person_organization_pairs": self.pairs.to_dict(),
            "recall_by_kind": {k: {"recall": round(s.recall, 3), "tp": s.tp, "fn": s.fn}
                               for k, s in sorted(self.per_kind.items())},
        }
        if with_errors:
            d["errors"] = self.errors
        return d


def load_roles_gold(path: str | Path) -> dict[str, list[GoldRole]]:
    """Gold relations by document id from JSONL: ``{"id", "relations": [{"person", "role", "organization",
    "kind", "evidence"}]}``."""
    path = Path(path)
    raw = _read_utf8(path, "roles file")
    out: dict[str, list[GoldRole]] = {}
    for number, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            out[str(obj["id"])] = [
                GoldRole(person=str(r["person"]), role=r.get("role") or None,
                         organization=r.get("organization") or None, kind=r.get("kind"), evidence=r.get("evidence"))
                for r in obj["relations"]
            ]
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
            raise GoldFormatError(f"{path}:{number}: not a roles record with id and relations (person, role, "
                                  "organization)") from exc
    if not out:
        raise GoldFormatError(f"{path}: no roles records in the file")
    return out


def _folded_words(text: str) -> list[str]:
    from .canonical import fold

    return re.findall(r"\w+", fold(text))


def person_matches(a: str, b: str) -> bool:
    """Same person: equal once case and accents are folded, or one is the other's surname."""
    wa, wb = _folded_words(a), _folded_words(b)
    if not wa or not wb:
        return False
    if wa == wb:
        return True
    return (len(wa) == 1 and wa[0] == wb[-1]) or (len(wb) == 1 and wb[0] == wa[-1])


def organization_matches(a: str | None, b: str | None) -> bool:
    """Same organisation: both empty, one name inside the other, or one the other's acronym."""
    if not a or not b:
        return not a and not b
    from .canonical import fold, initials

    fa, fb = " ".join(_folded_words(a)), " ".join(_folded_words(b))
    if not fa or not fb:
        return False
    if f" {fa} " in f" {fb} " or f" {fb} " in f" {fa} ":
        return True
    short = [x for x in (a, b) if " " not in x.strip()]
    return any(fold(s).replace(".", "") == fold(initials(o)) for s in short for o in (a, b) if o is not s)


def role_matches(a: str | None, b: str | None) -> bool:
    """Same role: both empty, one inside the other, or at least half the words of the longer shared."""
    if not a or not b:
        return not a and not b
    wa, wb = _folded_words(a), _folded_words(b)
    if not wa or not wb:
        return False
    fa, fb = " ".join(wa), " ".join(wb)
    if f" {fa} " in f" {fb} " or f" {fb} " in f" {fa} ":
        return True
    shared = len(set(wa) & set(wb))
    return shared * 2 >= max(len(set(wa)), len(set(wb)))


def _match(gold: list[Any], predicted: list[Any], same: Any) -> tuple[int, list[Any], list[Any]]:
    """One-to-one matching, each gold item taking the first unused prediction that matches it."""
    used = [False] * len(predicted)
    missed = []
    tp = 0
    for g in gold:
        for i, p in enumerate(predicted):
            if not used[i] and same(g, p):
                used[i] = True
                tp += 1
                break
        else:
            missed.append(g)
    return tp, missed, [p for i, p in enumerate(predicted) if not used[i]]


def score_roles(gold: dict[str, list[GoldRole]], predicted: Iterable[DocumentResult]) -> RoleReport:
    """Relations of the predicted results against the gold relations of the same document ids (documents without
    gold relations are not scored)."""
    report = RoleReport()
    for result in predicted:
        if result.id not in gold:
            continue
        report.documents += 1
        golds = gold[result.id]
        preds = list(result.roles)

        def same(g: GoldRole, p: Any) -> bool:
            return (person_matches(g.person, p.person) and organization_matches(g.organization, p.organization)
                    and role_matches(g.role, p.role))

        tp, missed, extra = _match(golds, preds, same)
        report.relations.tp += tp
        report.relations.fn += len(missed)
        report.relations.fp += len(extra)
        for g in golds:
            kind = report.per_kind.setdefault(g.kind or "other", Scores())
            if g in missed:
                kind.fn += 1
            else:
                kind.tp += 1
        report.errors += [{"id": result.id, "kind": "fn", "person": g.person, "role": g.role,
                           "organization": g.organization, "evidence": g.evidence} for g in missed]
        report.errors += [{"id": result.id, "kind": "fp", "person": p.person, "role": p.role,
                           "organization": p.organization, "evidence": result.text[p.start:p.end]
                           if result.text else None} for p in extra]
        gold_pairs = _distinct_pairs([(g.person, g.organization) for g in golds])
        pred_pairs = _distinct_pairs([(p.person, p.organization) for p in preds])
        ptp, pmissed, pextra = _match(gold_pairs, pred_pairs, lambda g, p: person_matches(g[0], p[0])
                                      and organization_matches(g[1], p[1]))
        report.pairs.tp += ptp
        report.pairs.fn += len(pmissed)
        report.pairs.fp += len(pextra)
    return report


def _distinct_pairs(pairs: list[tuple[str, str | None]]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for person, org in pairs:
        if org and not any(person_matches(person, p) and organization_matches(org, o) for p, o in out):
            out.append((person, org))
    return out
