"""Hostile inputs on the command line: each ends in one line on stderr or an error record, never a traceback."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from presstag.cli import app
from tests.conftest import KZ_TEXT, RE3D_GOLD

runner = CliRunner()
pytestmark = [pytest.mark.model, pytest.mark.shared]
RELEASE = "GENEVA, 5 March 2024 - Human Rights Watch urged Kazakhstan to free Anna Petrova, [sic] its lawyers said."


def _presstag() -> list[str]:
    exe = Path(sys.executable).with_name("presstag")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "presstag.cli"]


def test_square_brackets_are_text_not_markup(tmp_path):
    f = tmp_path / "[bold]release[red].txt"
    f.write_text('[caption id="1"]A photo[/caption] [/b] ' + RELEASE, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(f), "-f", "table"])
    assert result.exit_code == 0, result.output
    assert "[bold]release[red]" in result.stdout and "Anna Petrova" in result.stdout
    db = tmp_path / "s.sqlite"
    assert runner.invoke(app, ["extract", str(f), "--db", str(db), "-q"]).exit_code == 0
    listed = runner.invoke(app, ["documents", "--db", str(db), "--entity", "Anna Petrova"])
    assert listed.exit_code == 0 and "[bold]release[red]" in listed.stdout
    none = runner.invoke(app, ["documents", "--db", str(db), "--entity", "[/b]"])
    assert none.exit_code == 1 and none.stderr == "presstag: no stored release mentions '[/b]'\n"
    quoted = tmp_path / "quoted.txt"
    quoted.write_text("“The ruling [sic] must be reversed at once,” said Anna Petrova, a lawyer at Human Rights "
                      "Watch.", encoding="utf-8")
    table = runner.invoke(app, ["extract", str(quoted), "-f", "table"])
    assert "[sic]" in table.stdout


def test_escape_sequences_in_file_names_never_reach_the_terminal(tmp_path):
    f = tmp_path / "x\x1b[2J.txt"
    f.write_bytes(b"\x00\x01\x02\x03\x04 not text")
    result = runner.invoke(app, ["extract", str(f), "-f", "table"])
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr and "\x1b" not in result.stdout
    assert "x\\x1b[2J.txt: binary data" in result.stderr


def test_output_onto_the_store_or_an_input_is_refused(tmp_path):
    release = tmp_path / "r.txt"
    release.write_text(RELEASE, encoding="utf-8")
    db = tmp_path / "s.sqlite"
    assert runner.invoke(app, ["extract", str(release), "--db", str(db), "-q"]).exit_code == 0
    onto_db = runner.invoke(app, ["extract", str(release), "--db", str(db), "-o", str(db)])
    assert onto_db.exit_code == 2
    assert onto_db.stderr.strip() == f"presstag: -o {db} is the --db store: choose another output file"
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM documents").fetchone() == (1,)
    onto_input = runner.invoke(app, ["extract", str(tmp_path), "-o", str(release)])
    assert onto_input.exit_code == 2 and "is one of the inputs" in onto_input.stderr
    assert release.read_text(encoding="utf-8") == RELEASE


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_reference_dates_at_the_ends_of_the_calendar_are_usage_errors(day):
    result = runner.invoke(app, ["extract", str(KZ_TEXT), "--reference-date", day])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"presstag: --reference-date {day}: give a date between the years 1800 and 2200"


def test_usage_errors_are_one_line():
    result = runner.invoke(app, ["extract", str(KZ_TEXT), "--no-such-option"], prog_name="presstag")
    assert result.exit_code == 2
    assert result.stderr == "presstag: No such option: --no-such-option (see 'presstag extract --help')\n"
    result = runner.invoke(app, ["extract", str(KZ_TEXT), "--workers", "zero"])
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"label": "ORG", "pattern": [{"TEXT": {"REGEX": "(["}}]}\n', "p.jsonl:1: bad regular expression"),
        (b'{"label": "ORG", "pattern": "Acme"}\n{"label": "ORG", "pattern": [{"COLOUR": "red"}]}\n',
         "p.jsonl:2: [token 0 -> COLOUR] Extra inputs are not permitted"),
        (b'{"label": "ORG", "pattern": []}\n', "p.jsonl:1: a token pattern needs at least one token"),
        (b'{"label": "ORG", "pattern": 42}\n', "p.jsonl:1: a pattern is a phrase (text) or a list of token patterns"),
        (b'{"label": "ORG", "pattern": "Caf\xe9"}\n', "p.jsonl:1: not UTF-8 text"),
        (b'{"label": "ORG", "pattern": "Acme"\n', "p.jsonl:1: not JSON"),
    ],
)
def test_bad_pattern_files_say_file_line_and_what_is_wrong(tmp_path, content, message):
    p = tmp_path / "p.jsonl"
    p.write_bytes(content)
    result = runner.invoke(app, ["extract", str(KZ_TEXT), "--patterns", str(p)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"presstag: {tmp_path}/{message}")
    assert len(result.stderr.splitlines()) == 1


def test_a_pattern_folder_is_not_reported_missing(tmp_path):
    result = runner.invoke(app, ["extract", str(KZ_TEXT), "--patterns", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == f"presstag: {tmp_path}: is a folder; --patterns takes a spaCy EntityRuler JSONL file\n"


def test_entities_with_several_labels(tmp_path):
    release = tmp_path / "r.txt"
    release.write_text(RELEASE, encoding="utf-8")
    db = tmp_path / "s.sqlite"
    runner.invoke(app, ["extract", str(release), "--db", str(db), "-q"])
    result = runner.invoke(app, ["entities", "--db", str(db), "--label", "PERSON,ORG", "-f", "json"])
    assert result.exit_code == 0
    assert {e["label"] for e in json.loads(result.stdout)} == {"PERSON", "ORG"}


def test_the_markdown_timeline_shows_html_as_text(tmp_path):
    release = tmp_path / "r.txt"
    release.write_text("GENEVA, 5 March 2024 - Police detained <b>Anna Petrova</b> on 3 March 2024.",
                       encoding="utf-8")
    result = runner.invoke(app, ["timeline", str(release), "-f", "markdown"])
    assert result.exit_code == 0
    assert "&lt;b&gt;Anna Petrova&lt;/b&gt;" in result.stdout and "<b>" not in result.stdout


def test_a_store_that_cannot_be_written_is_one_line_and_exit_3(tmp_path, monkeypatch):
    from presstag.store import Store

    release = tmp_path / "r.txt"
    release.write_text(RELEASE, encoding="utf-8")

    def full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Store, "_add_one", full)
    db = tmp_path / "s.sqlite"
    result = runner.invoke(app, ["extract", str(release), "--db", str(db)])
    assert result.exit_code == 3
    assert result.stderr.startswith(f"presstag: the store {db} could not be written (database or disk is full)")
    assert len(result.stderr.splitlines()) == 1
    monkeypatch.undo()
    assert runner.invoke(app, ["extract", str(release), "--db", str(db), "-q"]).exit_code == 0


def test_an_unexpected_failure_is_one_line_and_exit_3(tmp_path, monkeypatch):
    import presstag.batch

    def broken(*args, **kwargs):
        raise RuntimeError("something unforeseen")

    monkeypatch.setattr(presstag.batch, "run", broken)
    result = runner.invoke(app, ["extract", str(KZ_TEXT)])
    assert result.exit_code == 3
    assert result.stderr.startswith("presstag: internal error (RuntimeError: something unforeseen)")
    assert "Traceback" not in result.output


def test_a_run_with_other_settings_completes_what_a_narrower_run_stored(tmp_path):
    release = tmp_path / "r.txt"
    release.write_text(RELEASE, encoding="utf-8")
    db = tmp_path / "s.sqlite"
    assert runner.invoke(app, ["extract", str(release), "--db", str(db), "--labels", "PERSON"]).exit_code == 0
    full = runner.invoke(app, ["extract", str(release), "--db", str(db)])
    assert full.exit_code == 0
    assert "1 processed, 0 failed, 1 stored before with other settings" in full.stderr
    labels = {r[0] for r in sqlite3.connect(db).execute("SELECT DISTINCT label FROM mentions")}
    assert labels == {"PERSON", "ORG", "PLACE", "DATE"}
    again = runner.invoke(app, ["extract", str(release), "--db", str(db)])
    assert "0 processed, 0 failed, 1 skipped (already stored)" in again.stderr


def test_an_unloadable_html_reader_fails_only_html_and_says_so_once(tmp_path):
    fake = tmp_path / "fake"
    (fake / "trafilatura").mkdir(parents=True)
    (fake / "trafilatura" / "__init__.py").write_text("raise ImportError('trafilatura is broken here')\n")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "release.txt").write_text(RELEASE, encoding="utf-8")
    for name in ("page.html", "other.html"):
        (folder / name).write_text(f"<html><body><p>{RELEASE}</p></body></html>", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "PYTHONPATH": str(fake)}
    proc = subprocess.run([*_presstag(), "extract", str(folder), "-f", "jsonl", "-o", str(out)], capture_output=True,
                          text=True, env=env, timeout=300)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    docs = {d["id"]: d for d in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert sorted(docs) == ["other", "page", "release"]
    assert "Anna Petrova" in {e["text"] for e in docs["release"]["entities"]}
    assert docs["page"]["error"]["type"] == docs["other"]["error"]["type"] == "reader"
    said = [ln for ln in proc.stderr.splitlines() if "trafilatura" in ln]
    assert said == ["presstag: HTML pages cannot be read here: trafilatura could not be loaded (ImportError: "
                    "trafilatura is broken here); every such file is recorded as failed"]
    assert "1 processed, 2 failed (reader: 2)" in proc.stderr


def test_a_reader_that_goes_away_ends_the_output_silently(tmp_path):
    for i in range(40):
        (tmp_path / f"r{i:02d}.txt").write_text(RELEASE, encoding="utf-8")
    proc = subprocess.run(f"{' '.join(_presstag())} extract {tmp_path} -f jsonl -q | head -1", shell=True,
                          capture_output=True, text=True, timeout=300)
    assert proc.stderr == ""
    assert json.loads(proc.stdout)["id"] == "r00"


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _many_releases(folder: Path, n: int) -> None:
    texts = [json.loads(line)["text"] for line in RE3D_GOLD.read_text(encoding="utf-8").splitlines()]
    folder.mkdir()
    for i in range(n):
        (folder / f"r{i:03d}.txt").write_text(f"Release {i}.\n\n{texts[i % len(texts)]}", encoding="utf-8")


def _wait_for_rows(db: Path, proc: subprocess.Popen, rows: int) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if sqlite3.connect(db).execute("SELECT COUNT(*) FROM documents").fetchone()[0] >= rows:
                return
        except sqlite3.OperationalError:
            pass
        time.sleep(0.05)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_killed_with_workers_the_workers_die_and_the_store_resumes(tmp_path):
    folder = tmp_path / "many"
    _many_releases(folder, 120)
    db = tmp_path / "run.sqlite"
    cmd = [*_presstag(), "extract", str(folder), "--db", str(db), "-w", "2", "--batch-size", "2", "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_for_rows(db, proc, 6)
    assert proc.poll() is None, "the run ended before it could be killed"
    workers = _children(proc.pid)
    assert workers
    proc.kill()  # SIGKILL: no handler runs in the parent
    proc.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.1)
    assert not any(_alive(w) for w in workers), "worker processes outlived their parent"
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("SELECT COUNT(*) FROM documents").fetchone() == (120,)


def test_sigterm_stops_like_ctrl_c_and_the_store_resumes(tmp_path):
    folder = tmp_path / "many"
    _many_releases(folder, 120)
    db = tmp_path / "run.sqlite"
    cmd = [*_presstag(), "extract", str(folder), "--db", str(db), "--batch-size", "4"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_for_rows(db, proc, 8)
    assert proc.poll() is None, "the run ended before it could be stopped"
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143
    assert "presstag: terminated;" in err and "run again to resume" in err and "Traceback" not in err
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM documents").fetchone() == (120,)


def test_every_hostile_input_of_a_folder_is_accounted_for(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_text(RELEASE, encoding="utf-8")
    (folder / os.fsdecode(b"caf\xe9.txt")).write_text(RELEASE + " Caf\u00e9.", encoding="utf-8")
    (folder / "u32.txt").write_bytes(RELEASE.encode("utf-32"))
    (folder / "parens.txt").write_text("(" * 8000, encoding="utf-8")
    (folder / "big.txt").write_text(RELEASE * 2000, encoding="utf-8")
    fuzz = Path(__file__).resolve().parents[2] / "shared" / "fuzz" / "aes-encrypted.pdf"
    if fuzz.exists():
        (folder / "aes.pdf").write_bytes(fuzz.read_bytes())
    out = tmp_path / "out.jsonl"
    db = tmp_path / "s.sqlite"
    result = runner.invoke(app, ["extract", str(folder), "-f", "jsonl", "-o", str(out), "--db", str(db),
                                 "--max-size", "0.1"])
    assert result.exit_code == 1, result.output
    docs = {d["source"]: d for d in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert len(docs) == len(list(folder.iterdir()))
    assert docs[f"{folder}/big.txt"]["error"]["type"] == "too_large"
    assert "error" not in docs[f"{folder}/caf\\xe9.txt"] and "error" not in docs[f"{folder}/u32.txt"]
    if fuzz.exists():
        assert "Gulnara Bazhkenova" in {e["text"] for e in docs[f"{folder}/aes.pdf"]["entities"]}
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("SELECT COUNT(*) FROM documents").fetchone() == (len(docs),)
    again = runner.invoke(app, ["extract", str(folder), "--db", str(db), "--max-size", "0.1"])
    assert again.exit_code == 1 and "skipped (already stored)" in again.stderr


def test_timeline_never_overwrites_an_input_and_says_why_it_cannot_write(tmp_path):
    f = tmp_path / "t.txt"
    f.write_text(RELEASE, encoding="utf-8")
    same = runner.invoke(app, ["timeline", "-o", str(f), str(f)])
    assert same.exit_code == 2 and "is one of the inputs" in same.stderr
    assert f.read_text(encoding="utf-8") == RELEASE
    nowhere = runner.invoke(app, ["timeline", "-f", "markdown", "-o", str(tmp_path / "nodir" / "x.md"), str(f)])
    assert nowhere.exit_code == 3 and nowhere.stderr.startswith("presstag: cannot write output:")
    assert "internal error" not in nowhere.stderr


def test_an_empty_input_name_is_a_usage_error_not_the_current_folder(tmp_path):
    result = runner.invoke(app, ["extract", "-q", "-f", "csv", ""])
    assert result.exit_code == 2 and "an input is an empty name" in result.stderr and result.stdout == ""


@pytest.mark.parametrize("args", [
    ["extract", "--max-size", "inf"], ["extract", "--max-size", "1e20"], ["extract", "--timeout", "inf"],
    ["extract", "--batch-size", "99999999999999999999"], ["extract", "-w", "99999999999999999999"],
    ["extract", "--reference-date", "20250101"], ["extract", "--reference-date", "2025-W01-1"],
])
def test_out_of_range_numbers_and_dates_are_usage_errors(tmp_path, args):
    f = tmp_path / "x.txt"
    f.write_text(RELEASE, encoding="utf-8")
    result = runner.invoke(app, [*args, "-q", str(f)])
    assert result.exit_code == 2, result.output
    assert "internal error" not in result.stderr and "Traceback" not in result.output


def test_top_beyond_sqlite_integers_is_a_usage_error(tmp_path):
    db = tmp_path / "s.sqlite"
    f = tmp_path / "x.txt"
    f.write_text(RELEASE, encoding="utf-8")
    assert runner.invoke(app, ["extract", str(f), "--db", str(db), "-q"]).exit_code == 0
    for command in ("entities", "people"):
        result = runner.invoke(app, [command, "--db", str(db), "--top", "99999999999999999999"])
        assert result.exit_code == 2 and "internal error" not in result.stderr


@pytest.mark.parametrize("record, message", [
    ('{"id": "x", "text": 5, "spans": []}', "the gold record's text is not a string"),
    ('{"id": "x", "text": null, "spans": []}', "the gold record's text is not a string"),
    ('{"id": "x", "text": "Angela", "spans": [{"start": 0, "end": 999, "label": "PERSON"}]}',
     "span 0-999 (PERSON) is not inside the text (6 characters)"),
    ('{"id": "x", "text": "Angela", "spans": [{"start": 4, "end": 2, "label": "PERSON"}]}', "span 4-2"),
    ('{"id": "x", "text": "Angela", "spans": [{"start": -1, "end": 2, "label": "PERSON"}]}', "span -1-2"),
    ("[" * 100000 + "]" * 100000, "not a gold record"),
])
def test_malformed_gold_records_are_refused_with_their_line(tmp_path, record, message):
    gold = tmp_path / "g.jsonl"
    gold.write_text('{"id": "ok", "text": "Angela", "spans": []}\n' + record + "\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(gold)])
    assert result.exit_code == 2, result.output
    assert f"g.jsonl:2: {message}" in result.stderr and "internal error" not in result.stderr


def test_gold_labels_presstag_does_not_tag_are_named_not_scored(tmp_path):
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({"id": "x", "text": "Angela Merkel bought a rifle.", "spans": [
        {"start": 0, "end": 13, "label": "PERSON"}, {"start": 23, "end": 28, "label": "WEAPON"}]}) + "\n")
    result = runner.invoke(app, ["evaluate", str(gold)])
    assert result.exit_code == 0 and "not scored (labels presstag does not tag): WEAPON (1)" in result.stdout
    as_json = runner.invoke(app, ["evaluate", str(gold), "-f", "json"])
    assert json.loads(as_json.stdout)["not_scored_labels"] == {"WEAPON": 1}


@pytest.mark.parametrize("content", ["", "\n\n", "[" * 100000 + "]" * 100000])
def test_an_empty_or_too_deep_patterns_file_is_one_line(tmp_path, content):
    patterns = tmp_path / "p.jsonl"
    patterns.write_text(content, encoding="utf-8")
    f = tmp_path / "x.txt"
    f.write_text(RELEASE, encoding="utf-8")
    result = runner.invoke(app, ["extract", "-q", "--patterns", str(patterns), str(f)])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "p.jsonl" in result.stderr and "Warning" not in result.stderr


def test_every_document_has_a_csv_row_and_file_names_stay_on_one_line(tmp_path):
    quiet = tmp_path / "u.txt"
    quiet.write_text("X\n", encoding="utf-8")
    odd = tmp_path / "new\nline.txt"
    odd.write_text(RELEASE, encoding="utf-8")
    rows = runner.invoke(app, ["extract", "-q", "-f", "csv", str(quiet)]).stdout.splitlines()
    assert rows[1:] == [f"u,{quiet},,,,,,,,"]
    conll = runner.invoke(app, ["extract", "-q", "-f", "conll", str(odd)]).stdout
    assert conll.startswith("-DOCSTART- new\\nline\n\n")
    md = runner.invoke(app, ["timeline", "-f", "markdown", str(odd)]).stdout
    assert all(line.startswith("|") for line in md.splitlines())
