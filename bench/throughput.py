"""Throughput of presstag's pipeline against raw spaCy NER on the same texts, in one run.

Run: python bench/throughput.py [REPEAT]   (texts: the re3d development releases, repeated REPEAT times)
Prints words per second for: raw spaCy (tok2vec + ner, nlp.pipe), the slimmed model alone (ner + senter), and
presstag with every component; and the ratio of presstag to raw.
"""

from __future__ import annotations

import json
import platform
import sys
import time
from pathlib import Path

import spacy

from presstag.pipeline import Extractor, resolve_model_name
from presstag.sources import SourceDocument

GOLD = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "re3d-dev.gold.jsonl"


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    texts = [json.loads(line)["text"] for line in GOLD.read_text(encoding="utf-8").splitlines()] * repeat
    words = sum(len(t.split()) for t in texts)
    name = resolve_model_name()
    raw = spacy.load(name, exclude=["parser", "tagger", "attribute_ruler", "lemmatizer", "senter"])
    ex = Extractor(name)
    slim = spacy.load(name, exclude=["parser", "tagger", "attribute_ruler", "lemmatizer", "tok2vec"])
    slim.enable_pipe("senter") if "senter" in slim.disabled else None
    docs = [SourceDocument(id=str(i), source=str(i), text=t) for i, t in enumerate(texts)]
    list(raw.pipe(texts[:20]))
    list(ex.process(docs[:20]))
    results = {}
    for _ in range(2):  # interleave to share the machine's noise
        results.setdefault("raw spaCy (" + ", ".join(raw.pipe_names) + ")", []).append(
            timed(lambda: list(raw.pipe(texts, batch_size=16))))
        results.setdefault("model alone (" + ", ".join(slim.pipe_names) + ")", []).append(
            timed(lambda: list(slim.pipe(texts, batch_size=16))))
        results.setdefault("presstag (all components)", []).append(timed(lambda: list(ex.process(docs))))
    print(f"{len(texts)} documents, {words:,} words; {platform.processor() or platform.machine()}, "
          f"Python {platform.python_version()}, spaCy {spacy.__version__}, model {name}")
    best = {k: min(v) for k, v in results.items()}
    raw_key = next(iter(best))
    for k, secs in best.items():
        print(f"{k:60} {words / secs:10,.0f} words/s  ({secs / best[raw_key]:.2f}x raw time)")
    print(f"presstag / raw throughput: {best[raw_key] / best['presstag (all components)']:.2f}")


if __name__ == "__main__":
    main()
