"""Where batches run: this process, or a pool of worker processes on this machine.

Every engine maps ``Extractor.process_batch`` over batches of documents and yields the results in input order;
the per-document code path is the same whichever engine runs it. The Dask engine lives in ``nlp.cluster``.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any, Protocol

from .errors import PresstagError, WorkerError

if TYPE_CHECKING:
    from .pipeline import Extractor
    from .sources import SourceDocument
    from .types import DocumentResult

Batch = list["SourceDocument"]


class Engine(Protocol):
    def map(self, extractor: Extractor, batches: Iterable[Batch]) -> Iterator[list[DocumentResult]]: ...

    def close(self) -> None: ...


class LocalEngine:
    """Batches in this process (``workers=1``) or in ``workers`` processes, each with its own pipeline.

    Worker processes are forked from this one where the platform allows, so they share the loaded pipeline
    instead of loading it again; elsewhere each worker builds it from the extractor's spec. At most
    ``2 * workers`` batches are in flight, so a folder of any size streams through in constant memory.
    """

    def __init__(self, workers: int = 1) -> None:
        self.workers = max(1, workers)

    def close(self) -> None:
        """Nothing to release: worker pools live only as long as one ``map``."""

    def map(self, extractor: Extractor, batches: Iterable[Batch]) -> Iterator[list[DocumentResult]]:
        if self.workers == 1:
            for batch in batches:
                yield extractor.process_batch(batch)
            return
        with _pool(extractor, self.workers) as pool:
            pending: deque[Future[list[DocumentResult]]] = deque()
            try:
                for batch in batches:
                    pending.append(pool.submit(_run_batch, batch))
                    if len(pending) >= 2 * self.workers:
                        yield pending.popleft().result()
                while pending:
                    yield pending.popleft().result()
            except BrokenProcessPool as exc:
                raise WorkerError("a worker process died (out of memory?); rerun with fewer --workers") from exc
            finally:
                for f in pending:
                    f.cancel()


_EXTRACTOR: Extractor | None = None


def _pool(extractor: Extractor, workers: int) -> ProcessPoolExecutor:
    global _EXTRACTOR
    methods = mp.get_all_start_methods()
    if "fork" in methods:
        _EXTRACTOR = extractor  # inherited by the forked workers
        return ProcessPoolExecutor(workers, mp_context=mp.get_context("fork"), initializer=_init_worker)
    if extractor.spec is None:
        raise PresstagError("this platform cannot fork: several workers need an extractor built from a model name")
    return ProcessPoolExecutor(
        workers, mp_context=mp.get_context("spawn"), initializer=_init_worker, initargs=(extractor.spec,)
    )


def _init_worker(spec: dict[str, Any] | None = None) -> None:
    # Ctrl-C is the parent's to handle: it stops the run and keeps the store consistent.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _exit_with_parent(os.getppid())
    global _EXTRACTOR
    if spec is not None:
        from .pipeline import Extractor

        _EXTRACTOR = Extractor(**spec)


PARENT_CHECK_SECONDS = 1.0


def _exit_with_parent(parent: int) -> None:
    """End this worker when its parent is gone (killed by SIGKILL, the OOM killer, a CI stop): an orphaned
    worker would wait for work forever."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="presstag-parent-watch", daemon=True).start()


def _run_batch(batch: Batch) -> list[DocumentResult]:
    assert _EXTRACTOR is not None
    return _EXTRACTOR.process_batch(batch)
