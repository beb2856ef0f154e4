import json

import pytest

from presstag.errors import GoldFormatError
from presstag.evaluate import GoldDocument, GoldSpan, load_gold, normalise, score
from presstag.types import DocumentResult, Mention

TEXT = "The Norwegian Helsinki Committee and Bokayev’s lawyer met on December 1 in Almaty."


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [(0, 32, "Norwegian Helsinki Committee"), (37, 46, "Bokayev"), (75, 81, "Almaty")],
)
def test_normalise(start, end, expected):
    s, e = normalise(TEXT, start, end)
    assert TEXT[s:e] == expected


def _m(start, end, label, value=None):
    return Mention(text=TEXT[start:end], label=label, source_label=label, start=start, end=end, value=value)


def test_score_counts_and_date_values():
    gold = [GoldDocument("d", TEXT, (GoldSpan(4, 32, "ORG"), GoldSpan(37, 44, "PERSON"),
                                     GoldSpan(61, 71, "DATE", "2025-12-01"), GoldSpan(75, 81, "PLACE")))]
    pred = [DocumentResult(id="d", source="d", extractor=None, entities=(
        _m(0, 32, "ORG"), _m(37, 46, "PERSON"), _m(61, 71, "DATE", "2025-12-02"), _m(75, 81, "ORG")))]
    report = score(gold, pred)
    assert (report.per_label["ORG"].tp, report.per_label["ORG"].fp) == (1, 1)
    assert report.per_label["PERSON"].tp == 1
    assert report.per_label["PLACE"].fn == 1
    assert report.micro.tp == 3 and report.micro.fp == 1 and report.micro.fn == 1
    assert report.micro.f1 == pytest.approx(0.75)
    assert (report.date_values_correct, report.date_values_scored) == (0, 1)
    assert {e["kind"] for e in report.errors} == {"fp", "fn", "value"}


def test_load_gold_jsonl_and_errors(tmp_path):
    good = tmp_path / "g.jsonl"
    good.write_text(json.dumps({"id": "a", "text": "Almaty", "spans": [{"start": 0, "end": 6, "label": "PLACE"}]})
                    + "\n", encoding="utf-8")
    docs = load_gold(good)
    assert docs[0].spans == (GoldSpan(0, 6, "PLACE"),)
    bad = tmp_path / "b.jsonl"
    bad.write_text("not json\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match="b.jsonl:1"):
        load_gold(bad)
    with pytest.raises(GoldFormatError, match="cannot read"):
        load_gold(tmp_path / "missing.jsonl")
