"""Every output format written from fixed results and read back."""

import csv
import io
import json
from dataclasses import replace

from presstag.export import Format, write_results
from presstag.labelstudio import gold_from_labelstudio
from presstag.types import DocumentResult, ErrorRecord, ExtractorInfo, Mention

TEXT = "Amnesty International met in Almaty on December 1."
INFO = ExtractorInfo(version="0.1.0", model="en_test", model_version="1.0")
GOOD = DocumentResult(
    id="a", source="a.txt", extractor=INFO, text=TEXT,
    entities=(Mention("Amnesty International", "ORG", "ORG", 0, 21, confidence=0.6),
              Mention("Almaty", "PLACE", "GPE", 29, 35, confidence=0.6),
              Mention("December 1", "DATE", "DATE", 39, 49, value="2025-12-01", confidence=0.6)),
)
BAD = DocumentResult(id="b", source="b.txt", extractor=INFO, error=ErrorRecord("binary", "b.txt: binary data"))


def _write(fmt, results):
    out = io.StringIO()
    write_results(iter(results), fmt, out)
    return out.getvalue()


def test_jsonl_and_json_round_trip():
    lines = [json.loads(x) for x in _write(Format.jsonl, [BAD, GOOD]).splitlines()]
    assert lines[0]["error"] == {"type": "binary", "message": "b.txt: binary data"}
    assert [e["text"] for e in lines[1]["entities"]] == ["Amnesty International", "Almaty", "December 1"]
    assert lines[1]["entities"][2]["value"] == "2025-12-01" and "value" not in lines[1]["entities"][0]
    assert json.loads(_write(Format.json, [BAD, GOOD])) == lines


def test_csv_rows_per_mention_and_error():
    rows = list(csv.DictReader(io.StringIO(_write(Format.csv, [GOOD, BAD]))))
    assert [(r["id"], r["label"], r["text"], r["value"]) for r in rows] == [
        ("a", "ORG", "Amnesty International", ""), ("a", "PLACE", "Almaty", ""),
        ("a", "DATE", "December 1", "2025-12-01"), ("b", "", "", "")]
    assert rows[3]["error"] == "binary: b.txt: binary data"


def test_labelstudio_is_valid_json_after_a_failed_document_and_reads_back_as_gold():
    tasks = json.loads(_write(Format.labelstudio, [BAD, GOOD]))
    assert len(tasks) == 1
    # as a team corrects the predictions in Label Studio: the annotation keeps two of the three and adds one
    result = tasks[0]["predictions"][0]["result"]
    corrected = [result[0], result[2], {**result[1], "value": {**result[1]["value"], "labels": ["GPE"]}}]
    annotated = [{**tasks[0], "annotations": [{"result": corrected}]}]
    gold = gold_from_labelstudio(annotated, "x")
    assert [(s.start, s.end, s.label) for s in gold[0].spans] == [(0, 21, "ORG"), (39, 49, "DATE"), (29, 35, "GPE")]
    assert gold[0].text == TEXT


def test_a_label_studio_export_without_annotations_is_refused(tmp_path):
    import pytest

    from presstag.errors import GoldFormatError
    from presstag.evaluate import load_gold

    export = tmp_path / "export.json"
    export.write_text(_write(Format.labelstudio, [GOOD]), encoding="utf-8")  # predictions only
    with pytest.raises(GoldFormatError, match="none of its 1 tasks is annotated"):
        load_gold(export)


def test_gold_spans_with_spacy_labels_are_mapped(tmp_path):
    from presstag.evaluate import load_gold, score

    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "a", "text": TEXT, "spans": [
        {"start": 0, "end": 21, "label": "ORG"}, {"start": 29, "end": 35, "label": "GPE"},
        {"start": 39, "end": 49, "label": "DATE", "value": "2025-12-01"}]}) + "\n", encoding="utf-8")
    docs = load_gold(gold)
    assert [s.label for s in docs[0].spans] == ["ORG", "PLACE", "DATE"]
    report = score(docs, [GOOD])
    assert (report.micro.tp, report.micro.fp, report.micro.fn) == (3, 0, 0)


def test_conll_iob():
    lines = _write(Format.conll, [GOOD]).splitlines()
    assert lines[0] == "-DOCSTART- a"
    assert lines[2:6] == ["Amnesty\tB-ORG", "International\tI-ORG", "met\tO", "in\tO"]
    assert "Almaty\tB-PLACE" in lines and "December\tB-DATE" in lines and "1\tI-DATE" in lines


def test_the_table_reads_like_the_report():
    from presstag.types import CanonicalEntity

    doc = DocumentResult(
        id="a", source="a.txt", extractor=INFO, text=TEXT, entities=GOOD.entities,
        canonical_entities=(CanonicalEntity("Almaty", "PLACE", 1, 29, salience=0.2),
                            CanonicalEntity("P2M", "DATE", 1, 40, aliases=("two months",), salience=0.5),
                            CanonicalEntity("Amnesty International", "ORG", 3, 0, salience=0.9)))
    rows = [ln for ln in _write(Format.table, [doc]).splitlines() if ln.startswith("│")]
    cells = [[c.strip() for c in ln.strip("│").split("│")] for ln in rows]
    assert cells == [["ORG", "Amnesty International", "3", "", ""],  # most salient first, no offsets
                     ["DATE", "two months", "1", "", "P2M"],  # a date as written, with its value
                     ["PLACE", "Almaty", "1", "", ""]]


def test_timeline_sentences_events_and_places():
    from presstag.timeline import events

    text = ("“We will vote on Dec. 18,” the Minister for Central Asia said in Almaty. The vote, set for December 18, "
            "is final.")
    ents = (Mention("Dec. 18", "DATE", "DATE", 17, 24, value="2025-12-18"),
            Mention("Central Asia", "PLACE", "LOC", 44, 56), Mention("Almaty", "PLACE", "GPE", 65, 71),
            Mention("December 18", "DATE", "DATE", 94, 105, value="2025-12-18"))
    doc = DocumentResult(id="a", source="a.txt", extractor=INFO, text=text, entities=ents)
    evs = events([doc])
    assert [(e.value, e.sentence) for e in evs] == [
        ("2025-12-18", "“We will vote on Dec. 18,” the Minister for Central Asia said in Almaty."),
        ("2025-12-18", "The vote, set for December 18, is final.")]
    assert evs[0].places == ("Almaty",)  # "Central Asia" is part of a title, not where it happens
    twice = DocumentResult(id="b", source="b.txt", extractor=INFO, text="On May 5, 2024 (5 May 2024) they met.",
                           entities=(Mention("May 5, 2024", "DATE", "DATE", 3, 14, value="2024-05-05"),
                                     Mention("5 May 2024", "DATE", "DATE", 16, 26, value="2024-05-05")))
    assert len(events([twice])) == 1  # a sentence that names its date twice tells one event
    cut = DocumentResult(id="c", source="c.txt", extractor=INFO, text="He said: “We met on May 5, 2024. It went well.”",
                         entities=(Mention("May 5, 2024", "DATE", "DATE", 20, 31, value="2024-05-05"),))
    assert events([cut])[0].sentence == "He said: “We met on May 5, 2024.”"


def test_timeline_appointments_dated_by_their_sentence_or_by_the_release():
    from presstag.timeline import TimelineFormat, events, write_timeline
    from presstag.types import RoleRelation

    text = "Acme names Jane Doe as CFO. On 3 May 2025 Acme appointed John Roe as CEO. Sales grew."
    ents = (Mention("Jane Doe", "PERSON", "PERSON", 11, 19), Mention("3 May 2025", "DATE", "DATE", 31, 41,
                                                                     value="2025-05-03"),
            Mention("John Roe", "PERSON", "PERSON", 56, 64))
    roles = (RoleRelation("Jane Doe", "CFO", "Acme", "appointment", 5, 26),
             RoleRelation("John Roe", "CEO", "Acme", "appointment", 47, 71))
    doc = DocumentResult(id="a", source="a.txt", extractor=INFO, text=text, entities=ents, roles=roles,
                         reference_date="2025-04-01")
    evs = events([doc])
    assert [(e.value, e.text, e.sentence, e.appointments) for e in evs] == [
        ("2025-04-01", "", "Acme names Jane Doe as CFO.", ("Jane Doe: CFO, Acme",)),
        ("2025-05-03", "3 May 2025", "On 3 May 2025 Acme appointed John Roe as CEO.", ("John Roe: CEO, Acme",))]
    out = io.StringIO()
    write_timeline(evs, TimelineFormat.markdown, out)
    assert out.getvalue().splitlines()[2] == "| 2025-04-01 | Acme names Jane Doe as CFO. | Jane Doe |  | " \
                                             "Jane Doe: CFO, Acme | a |"
    assert events([replace(doc, reference_date=None)])[0].value == "2025-05-03"  # no release date: no event
