"""Evidence weights (``nlp/data/evidence.json``) and the confidence they give a mention."""

from __future__ import annotations

from functools import lru_cache

from .labels import data_path, load_json

UNKNOWN_WEIGHT = 0.3


@lru_cache(maxsize=1)
def evidence_weights() -> dict[str, float]:
    """How much each kind of evidence supports a label."""
    return load_json(data_path("evidence.json"))


def weight(kind: str) -> float:
    """The weight of one kind of evidence."""
    return evidence_weights().get(kind, UNKNOWN_WEIGHT)


def confidence(evidence: tuple[str, ...]) -> float:
    """Confidence in [0, 1] from independent pieces of evidence: ``1 - prod(1 - w)``."""
    doubt = 1.0
    for kind in evidence:
        doubt *= 1.0 - weight(kind)
    return round(1.0 - doubt, 3)
