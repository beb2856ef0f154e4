"""The Dask engine: batches of documents run on a Dask cluster, results come back in input order.

Each worker builds the extractor once, from the client's extractor spec, and keeps it for every later batch;
the batch runs through ``Extractor.process_batch``, the code path of the local engine. Without a scheduler
address a LocalCluster is started on this machine, one single-threaded worker process per core.

Dask is an optional extra: ``pip install -e '.[dask]'``.
"""

from __future__ import annotations

import json
import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .errors import EngineError, OptionError
from .types import DocumentResult, ErrorRecord, ExtractorInfo

if TYPE_CHECKING:
    from .engines import Batch
    from .pipeline import Extractor

CONNECT_TIMEOUT = "5s"
TASK_RETRIES = 2


class DaskEngine:
    """Run batches on the Dask scheduler at ``scheduler``, or on a LocalCluster of ``workers`` processes."""

    def __init__(self, scheduler: str | None = None, workers: int | None = None) -> None:
        try:
            import distributed  # noqa: F401
        except ImportError as exc:
            raise OptionError("--engine dask needs Dask: pip install -e '.[dask]'") from exc
        self.scheduler = scheduler
        self.workers = workers
        self.client, self.cluster = self._connect()

    def close(self) -> None:
        """Disconnect, and stop the LocalCluster if this engine started one."""
        if self.client is not None:
            self.client.close()
            self.client = None
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None

    def _connect(self) -> tuple[Any, Any]:
        import logging

        from distributed import Client, LocalCluster

        if self.scheduler is None:
            cluster = LocalCluster(n_workers=self.workers or os.cpu_count() or 1, threads_per_worker=1,
                                   processes=True, dashboard_address=None, silence_logs=logging.ERROR)
            return Client(cluster), cluster
        try:
            return Client(self.scheduler, timeout=CONNECT_TIMEOUT), None
        except (OSError, TimeoutError, ValueError, TypeError) as exc:
            raise EngineError(f"cannot reach the Dask scheduler at {self.scheduler} ({exc}); "
                              "check the address and that `dask scheduler` is running") from exc

    def map(self, extractor: Extractor, batches: Iterable[Batch]) -> Iterator[list[DocumentResult]]:
        if extractor.spec is None:
            raise OptionError("--engine dask needs an extractor built from a model name or path")
        if self.client is None:
            raise EngineError("the Dask engine is closed")
        spec = _portable(extractor.spec)
        client = self.client
        window = 2 * max(1, sum(client.nthreads().values()))
        pending: deque[tuple[Any, Batch]] = deque()
        try:
            for batch in batches:
                pending.append((client.submit(run_batch, spec, batch, pure=False, retries=TASK_RETRIES), batch))
                if len(pending) >= window:
                    yield _collect(*pending.popleft(), extractor.info)
            while pending:
                yield _collect(*pending.popleft(), extractor.info)
        finally:
            for future, _ in pending:
                future.cancel()


def _collect(future: Any, batch: Batch, info: ExtractorInfo) -> list[DocumentResult]:
    """A batch's results; a task that failed after Dask's retries makes each of its documents an error record,
    as the local engine reports a document it could not process."""
    from .results import error_result

    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - a worker lost or killed: report, do not lose the documents
        return [error_result(replace(d, error=d.error or ErrorRecord(
            "processing", f"{d.source}: the Dask task failed ({exc})")), info) for d in batch]


def _portable(spec: dict[str, Any]) -> str:
    """The spec as JSON: hashable for the workers' cache, and free of local objects."""
    ref = spec.get("reference_date")
    return json.dumps({**spec, "reference_date": ref.isoformat() if ref else None}, sort_keys=True)


@lru_cache(maxsize=2)
def worker_extractor(spec: str) -> Extractor:
    """The extractor of a worker process, built on its first batch and kept."""
    from datetime import date

    from .pipeline import Extractor

    args = json.loads(spec)
    ref = args.pop("reference_date")
    return Extractor(**args, reference_date=date.fromisoformat(ref) if ref else None)


def run_batch(spec: str, batch: Batch) -> list[DocumentResult]:
    """The task each worker runs: the local engine's per-batch code path."""
    return worker_extractor(spec).process_batch(batch)
