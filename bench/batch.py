"""Whole-process batch figures, in one run: presstag against raw spaCy, workers, peak memory, --help.

Run: python bench/batch.py [COPIES]   (corpus: the shared releases, each copied COPIES times with a unique first
line so that no two files are the same; default 10)
     python bench/batch.py --corpus DIR   (a real folder of releases, such as ../shared/corpus/press-release-archive,
     read by raw spaCy and presstag alike: one and two workers, peak memory)

Prints, every figure from commands run here and now:
- words/s of ``presstag extract DIR --format jsonl`` (every component, one process) against a raw spaCy process
  (same model, tok2vec + ner only, ``nlp.pipe`` over the same files, entities written as JSONL), start-up included;
- words/s beyond start-up of ``--workers 2`` against ``--workers 1`` (start-up = the same command on one file);
- peak RSS of ``presstag extract`` at 1x and 10x the corpus;
- wall time of ``presstag --help``.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
PRESSTAG = [str(Path(sys.executable).with_name("presstag"))]

RAW = r"""
import json, sys
from pathlib import Path
import spacy
from presstag.pipeline import resolve_model_name
nlp = spacy.load(resolve_model_name(), exclude=["parser", "tagger", "attribute_ruler", "lemmatizer", "senter"])
paths = sorted(p for p in Path(sys.argv[1]).rglob("*") if p.suffix in (".txt", ".md") and p.is_file())
texts = (p.read_text(encoding="utf-8", errors="replace") for p in paths)
out = sys.stdout
for path, doc in zip(paths, nlp.pipe(texts, batch_size=16)):
    ents = [{"text": e.text, "label": e.label_, "start": e.start_char, "end": e.end_char} for e in doc.ents]
    out.write(json.dumps({"id": path.stem, "entities": ents}) + "\n")
"""


def texts() -> list[str]:
    gold = [json.loads(line)["text"] for line in (SHARED / "re3d-dev.gold.jsonl").read_text("utf-8").splitlines()]
    return [*gold, (SHARED / "kazakhstan-press-freedom.txt").read_text("utf-8")]


def make_corpus(folder: Path, copies: int) -> int:
    folder.mkdir(parents=True)
    words = 0
    for c in range(copies):
        for i, text in enumerate(texts()):
            body = f"Release {c}-{i}.\n\n{text}"
            (folder / f"r{c:04d}-{i:02d}.txt").write_text(body, encoding="utf-8")
            words += len(body.split())
    return words


def run(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (MiB) of one command, its output discarded."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    secs = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr.read().decode() if proc.stderr else ''}")
    return secs, usage.ru_maxrss // 1024


def best(cmd: list[str], repeat: int = 2) -> tuple[float, int]:
    runs = [run(cmd) for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs)


def corpus_figures(folder: Path) -> None:
    """Raw spaCy against presstag with one and two workers on a real folder, start-up included and excluded."""
    files = sorted(p for p in folder.rglob("*") if p.suffix in (".txt", ".md") and p.is_file())
    words = sum(len(p.read_text(encoding="utf-8", errors="replace").split()) for p in files)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"corpus {folder}: {len(files):,} files, {words:,} words")
    tmp = Path(tempfile.mkdtemp(prefix="presstag-bench-"))
    try:
        single = tmp / "one"
        single.mkdir()
        shutil.copy(files[0], single)
        extract = [*PRESSTAG, "extract", "--format", "jsonl", "--quiet"]
        raw_t, raw_rss = run([sys.executable, "-c", RAW, str(folder)])
        start1, _ = best([*extract, "-w", "1", str(single)])
        start2, _ = best([*extract, "-w", "2", str(single)])
        w1, rss1 = run([*extract, "-w", "1", str(folder)])
        w2, rss2 = run([*extract, "-w", "2", str(folder)])
        print(f"raw spaCy process (tok2vec+ner): {raw_t:7.1f} s  {words / raw_t:8,.0f} words/s  peak {raw_rss} MiB")
        print(f"presstag -w 1:                   {w1:7.1f} s  {words / w1:8,.0f} words/s  peak {rss1} MiB "
              f"(start-up {start1:.2f} s)")
        print(f"presstag -w 2:                   {w2:7.1f} s  {words / w2:8,.0f} words/s  peak {rss2} MiB "
              f"(start-up {start2:.2f} s; peak of the largest process)")
        print(f"presstag -w 1 / raw, whole process: {raw_t / w1:.2f}; -w 2 / -w 1 beyond start-up: "
              f"{(w1 - start1) / (w2 - start2):.2f}x")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--corpus":
        corpus_figures(Path(sys.argv[2]))
        return
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    tmp = Path(tempfile.mkdtemp(prefix="presstag-bench-"))
    try:
        one, ten, single = tmp / "x1", tmp / "x10", tmp / "one"
        words = make_corpus(one, copies)
        words10 = make_corpus(ten, copies * 10)
        single.mkdir()
        shutil.copy(next(one.glob("*.txt")), single)
        files = len(list(one.glob("*.txt")))
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
        print(f"corpus 1x: {files} files, {words:,} words; 10x: {files * 10} files, {words10:,} words")

        extract = [*PRESSTAG, "extract", "--format", "jsonl", "--quiet"]
        raw_s = []
        pt_s = []
        for _ in range(2):  # interleaved, so both see the same machine noise
            raw_s.append(run([sys.executable, "-c", RAW, str(one)])[0])
            pt_s.append(run([*extract, str(one)])[0])
        raw_t, pt_t = min(raw_s), min(pt_s)
        print(f"raw spaCy process (tok2vec+ner): {raw_t:6.2f} s  {words / raw_t:8,.0f} words/s")
        print(f"presstag extract -f jsonl:       {pt_t:6.2f} s  {words / pt_t:8,.0f} words/s")
        print(f"presstag / raw, whole process:   {raw_t / pt_t:.2f}")

        start1, _ = best([*extract, "-w", "1", str(single)])
        start2, _ = best([*extract, "-w", "2", str(single)])
        w1, _ = best([*extract, "-w", "1", str(ten)], 1)
        w2, _ = best([*extract, "-w", "2", str(ten)], 1)
        r1, r2 = words10 / (w1 - start1), words10 / (w2 - start2)
        print(f"--workers 1 on 10x: {w1:6.2f} s (start-up {start1:.2f} s)  {r1:8,.0f} words/s beyond start-up")
        print(f"--workers 2 on 10x: {w2:6.2f} s (start-up {start2:.2f} s)  {r2:8,.0f} words/s beyond start-up")
        print(f"--workers 2 / --workers 1: {r2 / r1:.2f}x")

        _, rss1 = run([*extract, str(one)])
        _, rss10 = run([*extract, str(ten)])
        print(f"peak RSS 1x: {rss1} MiB; 10x: {rss10} MiB; ratio {rss10 / rss1:.2f}")

        help_s = min(run([*PRESSTAG, "--help"])[0] for _ in range(5))
        print(f"presstag --help: {help_s:.3f} s")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
