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


def test_roles_scoring_rules_and_one_to_one_matching(tmp_path):
    from presstag.evaluate import load_roles_gold, organization_matches, person_matches, role_matches, score_roles
    from presstag.types import RoleRelation

    assert person_matches("Lee A. Shapiro", "shapiro") and person_matches("Vesa Riihimäki", "VESA RIIHIMAKI")
    assert not person_matches("Lee A. Shapiro", "Lee Shapiro") and not person_matches("Lee", "Lee A. Shapiro")
    assert organization_matches(None, None) and organization_matches("FBI", "Federal Bureau of Investigation")
    assert organization_matches("Harwood", "Harwood Museum of Art") and not organization_matches("Acme", None)
    assert not organization_matches("Art", "Harwood Museum of Artists")
    assert role_matches("Vice President", "Vice President, Information Services")
    assert role_matches("Senior Director, Communications", "Director of Communications")  # 2 of 3 words
    assert not role_matches("Chief Executive Officer", "CEO") and not role_matches(None, "CEO")

    gold_file = tmp_path / "g.roles.jsonl"
    gold_file.write_text(json.dumps({"id": "d", "relations": [
        {"person": "Jane Doe", "role": "CEO", "organization": "Acme", "kind": "quote", "evidence": "x"},
        {"person": "Jane Doe", "role": "President", "organization": "Acme", "kind": "apposition", "evidence": "y"},
        {"person": "John Roe", "role": None, "organization": "Beta", "kind": "contact", "evidence": "z"}]}) + "\n")
    gold = load_roles_gold(gold_file)

    def rel(p, r, o):
        return RoleRelation(person=p, role=r, organization=o, kind="apposition", start=0, end=1)

    predicted = DocumentResult(id="d", source="d", extractor=None, text="text", roles=(
        rel("Doe", "CEO", "Acme Inc."), rel("Jane Doe", "CEO", "Acme"), rel("John Roe", "CFO", "Beta")))
    report = score_roles(gold, [predicted])
    assert (report.relations.tp, report.relations.fp, report.relations.fn) == (1, 2, 2)
    assert (report.pairs.tp, report.pairs.fp, report.pairs.fn) == (2, 0, 0)
    assert report.to_dict()["recall_by_kind"]["quote"] == {"recall": 1.0, "tp": 1, "fn": 0}
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "d"}\n')
    with pytest.raises(GoldFormatError, match="bad.jsonl:1: not a roles record"):
        load_roles_gold(bad)
