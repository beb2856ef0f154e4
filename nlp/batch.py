"""A batch run: read inputs lazily, skip what the store already holds, extract, store, and count.

``run`` yields every result in input order for the writers while it stores each batch in one transaction;
``RunStats`` keeps the counts for the progress display and the closing summary.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .pipeline import batched
from .sources import SourceDocument, read_inputs
from .types import DocumentResult

if TYPE_CHECKING:
    from .engines import Engine
    from .pipeline import Extractor
    from .store import Store


@dataclass
class RunStats:
    """What a run did so far."""

    processed: int = 0
    failed: Counter[str] = field(default_factory=Counter)
    skipped: int = 0
    redone: int = 0  # stored before with other settings, processed again
    words: int = 0

    @property
    def failures(self) -> int:
        return sum(self.failed.values())

    @property
    def done(self) -> int:
        return self.processed + self.failures + self.skipped

    def summary(self) -> str:
        """E.g. ``1,204 processed, 3 failed (binary: 2, empty: 1), 18 skipped (already stored)``."""
        parts = [f"{self.processed:,} processed"]
        if self.failures:
            kinds = ", ".join(f"{kind}: {n:,}" for kind, n in sorted(self.failed.items(), key=lambda x: (-x[1], x[0])))
            parts.append(f"{self.failures:,} failed ({kinds})")
        else:
            parts.append("0 failed")
        if self.skipped:
            parts.append(f"{self.skipped:,} skipped (already stored)")
        if self.redone:
            parts.append(f"{self.redone:,} stored before with other settings (model, labels, patterns, disabled "
                         "components or reference date) and processed again")
        return ", ".join(parts)


def run(
    extractor: Extractor,
    paths: Iterable[str],
    *,
    store: Store | None = None,
    batch_size: int = 16,
    engine: Engine | None = None,
    stats: RunStats | None = None,
    on_progress: Callable[[RunStats], None] | None = None,
    sources: Iterable[SourceDocument] | None = None,
) -> Iterator[DocumentResult]:
    """Extract from ``paths`` (or ``sources``), yielding results in input order.

    With a ``store``, documents whose sha256 is already stored with the extractor's settings are skipped
    (counted in ``stats.skipped``), and each batch of results is committed before its results are yielded.
    """
    from .engines import LocalEngine

    stats = stats if stats is not None else RunStats()
    engine = engine or LocalEngine(1)
    documents = sources if sources is not None else read_inputs(paths)
    if store is not None:
        same, other = store.stored_hashes(extractor.settings)
        documents = _unstored(documents, same, other, stats, on_progress)
    for results in engine.map(extractor, batched(documents, batch_size)):
        if store is not None:
            store.add(results, settings=extractor.settings)
        for r in results:
            if r.error is not None:
                stats.failed[r.error.type] += 1
            else:
                stats.processed += 1
                stats.words += len((r.text or "").split())
        if on_progress is not None:
            on_progress(stats)
        yield from results


def _unstored(
    documents: Iterable[SourceDocument], known: set[str], other: set[str], stats: RunStats,
    on_progress: Callable[[RunStats], None] | None,
) -> Iterator[SourceDocument]:
    for sdoc in documents:
        if sdoc.sha256 is not None and sdoc.error is None and sdoc.sha256 in known:
            stats.skipped += 1
            if on_progress is not None:
                on_progress(stats)
            continue
        if sdoc.sha256 is not None and sdoc.error is None:
            if sdoc.sha256 in other:
                stats.redone += 1
                other.discard(sdoc.sha256)
            known.add(sdoc.sha256)  # a second copy in the same run is stored once
        yield sdoc
