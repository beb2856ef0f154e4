"""Ablation: micro F1 on every development set with each presstag component switched off in turn.

Run: python bench/ablation.py [GOLD.jsonl ...]   (default: ../shared/data/*.gold.jsonl)
"""

from __future__ import annotations

import sys
from pathlib import Path

from presstag.evaluate import gold_sources, load_gold, score
from presstag.pipeline import Extractor, load_model

COMPONENTS = ["presstag_gazetteer", "presstag_orgs", "presstag_negatives", "presstag_release", "presstag_consistency",
              "presstag_date_spans", "presstag_dateline"]


def micro_f1(gold_path: Path, disable: list[str], raw: bool = False) -> tuple[float, dict[str, float]]:
    docs = load_gold(gold_path)
    if raw:
        ex = Extractor(nlp=load_model(), disable=COMPONENTS + ["presstag_dates"])
    else:
        ex = Extractor(nlp=load_model(), disable=disable)
    report = score(docs, ex.process(gold_sources(docs)))
    return report.micro.f1, {k: v.f1 for k, v in report.per_label.items()}


def main() -> None:
    golds = [Path(p) for p in sys.argv[1:]] or sorted(
        (Path(__file__).resolve().parent.parent.parent / "shared" / "data").glob("*.gold.jsonl"))
    rows = [("raw model (labels mapped, trimmed)", None), ("all components", [])]
    rows += [(f"without {c}", [c]) for c in COMPONENTS]
    print("| configuration | " + " | ".join(g.name.replace(".gold.jsonl", "") for g in golds) + " |")
    print("|---|" + "---|" * len(golds))
    full = {}
    for name, disable in rows:
        cells = []
        for g in golds:
            f1, _ = micro_f1(g, disable or [], raw=disable is None)
            if disable == []:
                full[g] = f1
            delta = f" ({f1 - full[g]:+.3f})" if disable else ""
            cells.append(f"{f1:.3f}{delta}")
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
