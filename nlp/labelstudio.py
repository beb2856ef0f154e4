"""Label Studio's JSON task format: pre-annotations out, corrected annotations back in as gold."""

from __future__ import annotations

from typing import Any

from .errors import GoldFormatError
from .types import DocumentResult, GoldDocument, GoldSpan

FROM_NAME, TO_NAME = "label", "text"


def to_task(result: DocumentResult) -> dict[str, Any]:
    """One Label Studio task with our mentions as a prediction (the text is required)."""
    regions = [
        {
            "id": f"e{i}",
            "from_name": FROM_NAME,
            "to_name": TO_NAME,
            "type": "labels",
            "value": {"start": m.start, "end": m.end, "text": m.text, "labels": [m.label]},
            "score": m.confidence,
        }
        for i, m in enumerate(result.entities)
    ]
    return {
        "data": {"text": result.text or "", "id": result.id, "source": result.source},
        "predictions": [{"model_version": f"presstag {result.extractor.version}" if result.extractor else "",
                         "result": regions}],
    }


def gold_from_labelstudio(tasks: Any, where: str) -> list[GoldDocument]:
    """Gold documents from a Label Studio export: the latest annotation of each annotated task.

    A task nobody annotated is left out: its predictions are presstag's own, and scoring them against
    themselves would say nothing. An export without any annotation is refused."""
    if not isinstance(tasks, list):
        raise GoldFormatError(f"{where}: a Label Studio export is a JSON list of tasks")
    if not tasks:
        raise GoldFormatError(f"{where}: no tasks in the Label Studio export")
    docs: list[GoldDocument] = []
    for n, task in enumerate(tasks, 1):
        try:
            text = task["data"]["text"]
            runs = [a for a in task.get("annotations", []) if not a.get("was_cancelled")]
            if not runs:
                continue
            spans = tuple(
                GoldSpan(int(r["value"]["start"]), int(r["value"]["end"]), r["value"]["labels"][0])
                for r in runs[-1]["result"]
                if r.get("type") == "labels"
            )
        except (KeyError, TypeError, IndexError, ValueError) as exc:
            raise GoldFormatError(f"{where}: task {n} is not a Label Studio text task with labels") from exc
        doc_id = str(task.get("data", {}).get("id") or task.get("id") or n)
        docs.append(GoldDocument(id=doc_id, text=text, spans=spans))
    if not docs:
        raise GoldFormatError(f"{where}: none of its {len(tasks)} tasks is annotated: annotate them in Label Studio "
                              "and export again (predictions alone are presstag's own output)")
    return docs
