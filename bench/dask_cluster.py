"""Words/s on a real two-worker Dask cluster against ``--workers 2`` on the same files, in one run.

Run: python bench/dask_cluster.py [COPIES]   (needs the dask extra; corpus as in bench/batch.py)

Starts ``dask scheduler`` and ``dask worker --nworkers 2 --nthreads 1`` (the commands the README gives for a
real cluster), warms the workers with one file (each loads the pipeline once), then times the corpus through
``presstag extract --scheduler``; ``--workers 2`` is timed on the same corpus, its start-up (one file) taken off.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from batch import PRESSTAG, make_corpus, run  # noqa: E402

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    tmp = Path(tempfile.mkdtemp(prefix="presstag-dask-"))
    procs: list[subprocess.Popen] = []
    try:
        corpus, single = tmp / "corpus", tmp / "one"
        words = make_corpus(corpus, copies)
        single.mkdir()
        shutil.copy(next(corpus.glob("*.txt")), single)
        address = f"tcp://127.0.0.1:{free_port()}"
        log = open(tmp / "dask.log", "w")  # noqa: SIM115
        procs.append(subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port",
                                       address.rsplit(":", 1)[1], "--no-dashboard"], stdout=log, stderr=log))
        time.sleep(3)
        procs.append(subprocess.Popen([str(BIN / "dask"), "worker", address, "--nworkers", "2", "--nthreads", "1",
                                       "--no-dashboard"], stdout=log, stderr=log, cwd=Path(__file__).parent.parent))
        time.sleep(5)
        extract = [*PRESSTAG, "extract", "--format", "jsonl", "--quiet"]
        warm, _ = run([*extract, "--scheduler", address, str(single)])
        print(f"{os.cpu_count()} cores; corpus {len(list(corpus.glob('*.txt')))} files, {words:,} words")
        print(f"warm-up of the cluster's workers (one file): {warm:.2f} s")
        connect, _ = run([*extract, "--scheduler", address, str(single)])
        dask_s, _ = run([*extract, "--scheduler", address, str(corpus)])
        start2, _ = run([*extract, "--workers", "2", str(single)])
        local_s, _ = run([*extract, "--workers", "2", str(corpus)])
        dask_rate, local_rate = words / (dask_s - connect), words / (local_s - start2)
        print(f"Dask, 2-worker scheduler: {dask_s:6.2f} s (client start-up {connect:.2f} s)  "
              f"{dask_rate:8,.0f} words/s beyond start-up")
        print(f"--workers 2:              {local_s:6.2f} s (start-up {start2:.2f} s)  "
              f"{local_rate:8,.0f} words/s beyond start-up")
        print(f"Dask / --workers 2: {dask_rate / local_rate:.2f}")
    finally:
        for p in reversed(procs):
            p.terminate()
            p.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
