"""Newswire check: presstag against the raw model on a CoNLL-2003 file, PERSON, ORG and PLACE (no DATE gold).

Run: python bench/newswire.py FILE.conll [SENTENCES_PER_DOCUMENT]

FILE is CoNLL-2003 style, ``token ... TAG`` per line (the tag last), sentences separated by blank lines; PER, ORG
and LOC map to PERSON, ORG and PLACE, MISC is left out. Sentences are joined into documents of
SENTENCES_PER_DOCUMENT (default 30), tokens separated by spaces. Prints precision, recall and F1 per label for the
raw model (every presstag component switched off, labels mapped) and for presstag, in one run.
"""

from __future__ import annotations

import sys
from pathlib import Path

from presstag.evaluate import GoldDocument, GoldSpan, gold_sources, score
from presstag.pipeline import PRESSTAG_COMPONENTS, Extractor

LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "PLACE"}
RAW = [c for c in PRESSTAG_COMPONENTS if c not in ("presstag_labels", "presstag_patterns")]


def read_conll(path: Path, per_document: int) -> list[GoldDocument]:
    sentences: list[list[tuple[str, str]]] = [[]]
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if sentences[-1]:
                sentences.append([])
            continue
        if parts[0] == "-DOCSTART-":
            continue
        tag = next((p for p in reversed(parts[1:]) if p == "O" or p[:2] in ("B-", "I-")), "O")
        sentences[-1].append((parts[0], tag))
    sentences = [s for s in sentences if s]
    docs = []
    for n in range(0, len(sentences), per_document):
        text, spans = "", []
        open_span: list = []
        for sentence in sentences[n:n + per_document]:
            for k, (token, tag) in enumerate(sentence):
                if k:
                    text += " "
                start = len(text)
                text += token
                kind = LABELS.get(tag[2:]) if tag != "O" else None
                if open_span and (kind is None or tag.startswith("B-") or kind != open_span[2]):
                    spans.append(GoldSpan(*open_span))
                    open_span = []
                if kind is not None:
                    open_span = [open_span[0], len(text), kind] if open_span else [start, len(text), kind]
            if open_span:
                spans.append(GoldSpan(*open_span))
                open_span = []
            text += "\n"
        docs.append(GoldDocument(id=f"doc{n // per_document}", text=text, spans=tuple(spans)))
    return docs


def main() -> None:
    path = Path(sys.argv[1])
    per_document = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    docs = read_conll(path, per_document)
    print(f"{path.name}: {len(docs)} documents, {sum(len(d.spans) for d in docs)} spans (PERSON, ORG, PLACE)")
    for name, disable in (("raw model", RAW), ("presstag", [])):
        report = score(docs, Extractor(disable=disable, labels="PERSON,ORG,PLACE").process(gold_sources(docs)))
        row = "  ".join(f"{label} {s.f1:.3f} (P {s.precision:.3f} R {s.recall:.3f})"
                        for label, s in report.per_label.items() if label != "DATE")
        print(f"{name:10} micro {report.micro.f1:.3f}  {row}")


if __name__ == "__main__":
    main()
