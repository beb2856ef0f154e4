import csv
import io
import json

import pytest
from typer.testing import CliRunner

from presstag.cli import app
from tests.conftest import KZ_GOLD, KZ_TEXT

runner = CliRunner()
pytestmark = [pytest.mark.model, pytest.mark.shared]


def test_every_command_has_help_text():
    for command in app.registered_commands:
        assert command.callback.__doc__, f"{command.callback.__name__} has no help text"
        result = runner.invoke(app, [command.name or command.callback.__name__, "--help"])
        assert result.exit_code == 0


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.startswith("presstag ")


def test_extract_jsonl_meets_the_contract(kz_text):
    result = runner.invoke(app, ["extract", str(KZ_TEXT), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    doc = json.loads(lines[0])
    assert doc["id"] == "kazakhstan-press-freedom" and doc["source"] == str(KZ_TEXT)
    assert set(doc["extractor"]) == {"version", "model", "model_version"}
    assert doc["extractor"]["model"].startswith("en_core_web_sm")
    assert len(doc["entities"]) > 80
    for e in doc["entities"]:
        assert kz_text[e["start"]:e["end"]] == e["text"]
        assert e["label"] in {"PERSON", "ORG", "PLACE", "DATE"}
        assert e["source_label"]
        assert ("value" in e) == (e["label"] == "DATE")
    gulnara = next(e for e in doc["entities"] if e["text"] == "Gulnara Bazhkenova")
    assert (gulnara["label"], gulnara["start"], gulnara["end"]) == ("PERSON", 1726, 1744)


def test_stdin_gives_the_same_entities(kz_text):
    from_file = json.loads(runner.invoke(app, ["extract", str(KZ_TEXT), "-f", "jsonl"]).stdout)
    from_stdin = runner.invoke(app, ["extract", "-", "-f", "jsonl"], input=kz_text)
    assert from_stdin.exit_code == 0
    doc = json.loads(from_stdin.stdout)
    assert doc["id"] == "stdin" and doc["source"] == "-"
    assert doc["entities"] == from_file["entities"]
    implicit = runner.invoke(app, ["extract", "-f", "jsonl"], input=kz_text)
    assert json.loads(implicit.stdout)["entities"] == from_file["entities"]


def test_csv_has_a_row_per_entity(tmp_path):
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["extract", str(KZ_TEXT), "-f", "csv", "-o", str(out)])
    assert result.exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM: spreadsheet programs read the accents right
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    as_json = json.loads(runner.invoke(app, ["extract", str(KZ_TEXT), "-f", "jsonl"]).stdout)
    assert len(rows) == len(as_json["entities"])
    assert list(rows[0])[:7] == ["id", "source", "label", "text", "start", "end", "value"]
    assert rows[0]["text"] == as_json["entities"][0]["text"]
    assert not (tmp_path / "out.csv.part").exists()


def test_json_is_a_list_and_labels_select(tmp_path):
    result = runner.invoke(app, ["extract", str(KZ_TEXT), "-f", "json", "--labels", "person"])
    docs = json.loads(result.stdout)
    assert isinstance(docs, list) and len(docs) == 1
    assert {e["label"] for e in docs[0]["entities"]} == {"PERSON"}


def test_missing_file_is_one_clean_line(tmp_path):
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"presstag: {tmp_path / 'nope.txt'}: no such file or folder"
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--labels", "GPE"], "unknown label GPE"),
        (["--reference-date", "17/12/2025"], "is not a date: use YYYY-MM-DD"),
        (["--model", "no_such_pipeline"], "spaCy pipeline 'no_such_pipeline' is not installed"),
        (["--disable", "presstag_nothing"], "unknown component presstag_nothing"),
    ],
)
def test_bad_options_exit_2_with_one_line(args, message):
    result = runner.invoke(app, ["extract", str(KZ_TEXT), *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_unknown_format_is_a_usage_error():
    result = runner.invoke(app, ["extract", str(KZ_TEXT), "--format", "xml"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_table_output_names_entities():
    result = runner.invoke(app, ["extract", str(KZ_TEXT), "-f", "table"])
    assert result.exit_code == 0
    assert "Gulnara Bazhkenova" in result.stdout and "PERSON" in result.stdout


def test_bad_document_gives_an_error_record_and_exit_1(tmp_path):
    (tmp_path / "good.txt").write_text("Amnesty International spoke in Geneva.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02\x03binary")
    (tmp_path / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["extract", str(tmp_path), "-f", "jsonl"])
    assert result.exit_code == 1
    docs = {d["id"]: d for d in map(json.loads, result.stdout.splitlines())}
    assert set(docs) == {"good", "bad", "empty"}
    assert docs["bad"]["error"]["type"] == "binary"
    assert docs["empty"]["error"]["type"] == "empty"
    assert "error" not in docs["good"]
    assert "bad.txt: binary data" in result.stderr


def test_evaluate_prints_the_table():
    result = runner.invoke(app, ["evaluate", str(KZ_GOLD)])
    assert result.exit_code == 0
    for word in ("PERSON", "ORG", "PLACE", "DATE", "micro", "precision", "date values"):
        assert word in result.stdout


def test_evaluate_json():
    result = runner.invoke(app, ["evaluate", str(KZ_GOLD), "--format", "json"])
    report = json.loads(result.stdout)
    assert report["documents"] == 1
    assert set(report["labels"]) == {"PERSON", "ORG", "PLACE", "DATE"}
    assert 0.0 < report["micro"]["f1"] <= 1.0
    assert report["date_values"]["scored"] > 0


def test_evaluate_bad_gold_file(tmp_path):
    bad = tmp_path / "gold.jsonl"
    bad.write_text('{"id": 1, "text": "x"}\n', encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(bad)])
    assert result.exit_code == 2
    assert "not a gold record" in result.stderr


def test_info_lists_components():
    result = runner.invoke(app, ["info"])
    assert result.exit_code == 0
    assert "presstag_labels" in result.stdout and "ner" in result.stdout
    assert "parser" not in result.stdout.split("components:")[1].splitlines()[0]


def test_timeline_json_and_markdown():
    result = runner.invoke(app, ["timeline", str(KZ_TEXT), "-f", "json"])
    assert result.exit_code == 0
    events = json.loads(result.stdout)
    values = [e["value"] for e in events]
    assert values == sorted(values)
    dec18 = next(e for e in events if e["value"] == "2025-12-18")
    assert dec18["text"] == "December 18"
    assert "Senate" in dec18["organizations"] and "bill goes to a vote" in dec18["sentence"]
    md = runner.invoke(app, ["timeline", str(KZ_TEXT), "-f", "markdown"])
    assert md.stdout.startswith("| date | what | who | where | appointed | source |")
    bad = runner.invoke(app, ["timeline", str(KZ_TEXT), "-f", "pdf"])
    assert bad.exit_code == 2 and "'pdf' is not one of 'table', 'json', 'csv', 'markdown'" in bad.stderr


def test_user_patterns_option(tmp_path):
    p = tmp_path / "p.jsonl"
    p.write_text('{"label": "ORG", "pattern": "Prosto Journalistika"}\n', encoding="utf-8")
    result = runner.invoke(app, ["extract", str(KZ_TEXT), "-f", "jsonl", "--patterns", str(p)])
    doc = json.loads(result.stdout)
    hit = next(e for e in doc["entities"] if e["text"] == "Prosto Journalistika")
    assert "pattern" in hit["evidence"]
    missing = runner.invoke(app, ["extract", str(KZ_TEXT), "--patterns", str(tmp_path / "none.jsonl")])
    assert missing.exit_code == 2 and "patterns file" in missing.stderr


def test_two_workers_give_the_same_output(tmp_path):
    for i in range(3):
        (tmp_path / f"r{i}.txt").write_text(KZ_TEXT.read_text(encoding="utf-8"), encoding="utf-8")
    one = runner.invoke(app, ["extract", str(tmp_path), "-f", "jsonl", "-w", "1"])
    two = runner.invoke(app, ["extract", str(tmp_path), "-f", "jsonl", "-w", "2"])
    assert two.exit_code == 0
    assert [json.loads(x) for x in two.stdout.splitlines()] == [json.loads(x) for x in one.stdout.splitlines()]


def test_importing_the_command_line_does_not_import_spacy():
    import subprocess
    import sys

    code = "import sys, presstag.cli; print('spacy' in sys.modules, 'thinc' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]  # so `presstag --help` answers at once


def test_progress_bar_counts_documents_and_is_silent_when_disabled():
    from presstag.batch import RunStats
    from presstag.cli import Progress

    bar = Progress(10, True)
    try:
        bar.update(RunStats(processed=3, skipped=2, words=500))
        task = bar.bar.tasks[0]
        assert (task.completed, task.total) == (5, 10)
    finally:
        bar.stop()
    quiet = Progress(10, False)
    quiet.update(RunStats(processed=3))
    assert quiet.bar is None
