"""Shared fixtures: the shared gold data, a blank pipeline, and one loaded extractor per session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
KZ_TEXT = SHARED / "kazakhstan-press-freedom.txt"
KZ_GOLD = SHARED / "kazakhstan-press-freedom.gold.jsonl"
RE3D_GOLD = SHARED / "re3d-dev.gold.jsonl"
DATA = Path(__file__).resolve().parent / "data"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not KZ_TEXT.exists():
        skip = pytest.mark.skip(reason="../shared/data is not beside this checkout")
        for item in items:
            if "shared" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def kz_text() -> str:
    return KZ_TEXT.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def kz_gold() -> dict:
    return json.loads(KZ_GOLD.read_text(encoding="utf-8").splitlines()[0])


@pytest.fixture()
def blank_nlp() -> spacy.language.Language:
    return spacy.blank("en")


@pytest.fixture(scope="session")
def extractor():
    from presstag.pipeline import Extractor

    return Extractor()
