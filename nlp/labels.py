"""The label table: the model's labels mapped to PERSON, ORG, PLACE and DATE (a data file)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .errors import OptionError
from .types import LABELS


def data_path(name: str) -> Path:
    """Path of a data file shipped in ``nlp/data``."""
    return Path(str(resources.files(__package__) / "data" / name))


def load_json(path: str | Path) -> dict:
    """A JSON object from a data file, without its ``_comment`` keys."""
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    return {k: v for k, v in data.items() if not k.startswith("_")}


@lru_cache(maxsize=8)
def load_label_map(path: str | None = None) -> dict[str, str]:
    """The mapping from model labels to presstag labels (``nlp/data/labels.json`` by default)."""
    table = load_json(path or data_path("labels.json"))
    bad = sorted({v for v in table.values() if v not in LABELS})
    if bad:
        raise OptionError(f"label map {path} maps to unknown labels {', '.join(bad)}; use {', '.join(LABELS)}")
    return table


def parse_labels(value: str | Iterable[str] | None) -> tuple[str, ...]:
    """Parse ``--labels PERSON,ORG`` into a tuple; all labels when empty."""
    if value is None:
        return LABELS
    items = value.split(",") if isinstance(value, str) else list(value)
    labels = tuple(dict.fromkeys(x.strip().upper() for x in items if x.strip()))
    unknown = [x for x in labels if x not in LABELS]
    if unknown:
        raise OptionError(f"unknown label {', '.join(unknown)}: choose from {', '.join(LABELS)}")
    return labels or LABELS
