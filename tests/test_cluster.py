"""The Dask engine: the same results as the local engine, on a LocalCluster of two workers."""

import json
import time

import pytest
from typer.testing import CliRunner

from presstag.cli import app
from tests.conftest import KZ_TEXT, RE3D_GOLD

pytest.importorskip("distributed")
runner = CliRunner()
pytestmark = [pytest.mark.model, pytest.mark.shared]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "kz.txt").write_bytes(KZ_TEXT.read_bytes())
    for i, line in enumerate(RE3D_GOLD.read_text(encoding="utf-8").splitlines()[:12]):
        (folder / f"re3d-{i:02d}.txt").write_text(json.loads(line)["text"], encoding="utf-8")
    (folder / "blob.txt").write_bytes(bytes(range(256)) * 8)
    return folder


def test_dask_local_cluster_gives_the_local_engines_output_and_store(corpus, tmp_path):
    local = runner.invoke(app, ["extract", str(corpus), "-f", "jsonl", "-q", "--batch-size", "3",
                                "--db", str(tmp_path / "local.sqlite")])
    dask = runner.invoke(app, ["extract", str(corpus), "-f", "jsonl", "-q", "--batch-size", "3",
                               "--engine", "dask", "--workers", "2", "--db", str(tmp_path / "dask.sqlite")])
    assert local.exit_code == dask.exit_code == 1  # blob.txt fails in both
    assert dask.stdout == local.stdout
    assert len(dask.stdout.splitlines()) == 14
    ents = [runner.invoke(app, ["entities", "--db", str(tmp_path / f"{n}.sqlite"), "-f", "json"]).stdout
            for n in ("local", "dask")]
    assert ents[0] == ents[1] and "Human Rights Watch" in ents[1]


def test_an_unreachable_scheduler_is_one_line_and_exit_2(corpus, tmp_path):
    out = tmp_path / "out.jsonl"
    start = time.monotonic()
    result = runner.invoke(app, ["extract", str(corpus / "kz.txt"), "--scheduler", "tcp://127.0.0.1:9",
                                 "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr.startswith("presstag: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert len(result.stderr.strip().splitlines()) == 1
    assert time.monotonic() - start < 30
    assert not out.exists() and not list(tmp_path.glob("*.part"))  # nothing half-written


def test_a_task_that_fails_after_retries_reports_each_document():
    from presstag.cluster import _collect
    from presstag.sources import SourceDocument

    class LostFuture:
        def result(self):
            raise RuntimeError("worker lost")

    batch = [SourceDocument(id="a", source="a.txt", text="Text.", sha256="h1"),
             SourceDocument(id="b", source="b.txt", text="More.", sha256="h2")]
    from presstag.types import ExtractorInfo

    info = ExtractorInfo(version="0", model="en_test", model_version="1")
    results = _collect(LostFuture(), batch, info)
    assert [(r.id, r.error.type, r.sha256) for r in results] == [("a", "processing", "h1"), ("b", "processing", "h2")]
    assert all(r.extractor == info for r in results)  # reported like the local engine's failures
    assert "the Dask task failed (worker lost)" in results[0].error.message
