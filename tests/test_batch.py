"""Batch runs: counts, the closing summary, and resuming from the store."""

import pytest

from presstag.batch import RunStats, run
from presstag.sources import SourceDocument
from presstag.store import Store


def test_summary_line():
    stats = RunStats(processed=1204, skipped=18)
    stats.failed.update({"binary": 2, "empty": 1})
    assert stats.summary() == "1,204 processed, 3 failed (binary: 2, empty: 1), 18 skipped (already stored)"
    assert RunStats(processed=2).summary() == "2 processed, 0 failed"


@pytest.mark.model
def test_rerun_skips_stored_documents_and_copies(extractor, tmp_path):
    docs = [SourceDocument(id=f"d{i}", source=f"d{i}.txt", text=f"Officials in Almaty met Anna Petrova{i}.",
                           sha256=f"h{i}") for i in range(5)]
    copy = SourceDocument(id="copy", source="copy.txt", text=docs[0].text, sha256="h0")
    seen = []
    with Store(tmp_path / "s.sqlite") as store:
        stats = RunStats()
        out = list(run(extractor, [], sources=[*docs[:3], copy], store=store, batch_size=2, stats=stats,
                       on_progress=lambda s: seen.append(s.done)))
        assert [r.id for r in out] == ["d0", "d1", "d2"]
        assert (stats.processed, stats.skipped, stats.words) == (3, 1, 18)
        assert seen[-1] == 4
        stats = RunStats()
        out = list(run(extractor, [], sources=docs, store=store, batch_size=2, stats=stats))
        assert [r.id for r in out] == ["d3", "d4"]
        assert stats.summary() == "2 processed, 0 failed, 3 skipped (already stored)"
