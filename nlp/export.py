"""Writing results: table, json, jsonl, csv, Label Studio, CoNLL and HTML, streamed document by document."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Any, TextIO

from .terminal import terminal_safe
from .types import DocumentResult


class Format(StrEnum):
    """Output formats of ``presstag extract``."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    labelstudio = "labelstudio"
    conll = "conll"
    html = "html"


CSV_COLUMNS = ("id", "source", "label", "text", "start", "end", "value", "canonical", "confidence", "error")


@contextlib.contextmanager
def open_output(path: str | None, *, bom: bool = False) -> Iterator[TextIO]:
    """A text stream for ``path`` (stdout for None or ``-``), written atomically.

    A file is written as ``PATH.part`` and renamed when complete; if writing fails the ``.part`` file is
    left behind, never a partial file under the real name. ``bom``: start a file (not stdout) with a UTF-8 byte
    order mark, which spreadsheet programs need to read a CSV file's accents.
    """
    if path in (None, "-"):
        yield sys.stdout
        sys.stdout.flush()
        return
    encoding = "utf-8-sig" if bom else "utf-8"
    target = Path(path)
    if target.exists() and not target.is_file():  # /dev/null, a named pipe: nothing to rename
        with open(target, "w", encoding="utf-8", newline="") as fh:
            yield fh
        return
    part = target.with_name(target.name + ".part")
    with open(part, "w", encoding=encoding, newline="") as fh:
        yield fh
    os.replace(part, target)


def write_jsonl(results: Iterable[DocumentResult], out: TextIO, *, with_text: bool = False, **_: Any) -> None:
    """One JSON object per line, flushed as each document is done."""
    for r in results:
        out.write(json.dumps(r.to_dict(with_text=with_text), ensure_ascii=False) + "\n")
        out.flush()


def write_json(results: Iterable[DocumentResult], out: TextIO, *, with_text: bool = False, **_: Any) -> None:
    """A JSON list of document objects, streamed element by element."""
    out.write("[")
    for i, r in enumerate(results):
        out.write(",\n" if i else "\n")
        out.write(json.dumps(r.to_dict(with_text=with_text), ensure_ascii=False, indent=2))
    out.write("\n]\n")


def write_csv(results: Iterable[DocumentResult], out: TextIO, **_: Any) -> None:
    """One row per mention; a failed document has one row with its error, and a document with no mention one row
    with only its id and source, so that every input is in the file."""
    w = csv.writer(out)
    w.writerow(CSV_COLUMNS)
    for r in results:
        if r.error is not None:
            w.writerow([r.id, r.source, "", "", "", "", "", "", "", f"{r.error.type}: {r.error.message}"])
            continue
        if not r.entities:
            w.writerow([r.id, r.source, "", "", "", "", "", "", "", ""])
        for m in r.entities:
            w.writerow([r.id, r.source, m.label, m.text, m.start, m.end, m.value or "", m.canonical or "",
                        m.confidence, ""])


def write_table(results: Iterable[DocumentResult], out: TextIO, **_: Any) -> None:
    """Per document, a Rich table of its entities, most salient first (as the HTML report): label (in the report's
    colours), the entity as written (a date as the release writes it, with its value), mentions and other
    spellings; then its quotes and the roles it states. Texts are shown as written: never read as Rich markup,
    escape sequences made visible."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from .report import COLOURS

    def cell(value: str, style: str = "") -> Text:
        return Text(terminal_safe(value), style=style)

    console = Console(file=out, soft_wrap=False, width=None if out.isatty() else 120)
    for r in results:
        if r.error is not None:
            line = Text.assemble((terminal_safe(one_line(r.id)), "bold"), f" ({terminal_safe(one_line(r.source))}): ",
                                 (r.error.type, "red"), f": {terminal_safe(r.error.message)}")
            console.print(line, highlight=False)
            continue
        title = one_line(f"{r.id} ({r.source})")
        if r.reference_date:
            title += f" · reference date {r.reference_date}"
        table = Table(title=cell(title), title_justify="left")
        for col, justify in (("label", "left"), ("entity", "left"), ("mentions", "right"), ("also written", "left"),
                             ("date value", "left")):
            table.add_column(col, justify=justify)  # type: ignore[arg-type]
        for c in sorted(r.canonical_entities, key=lambda c: (-c.salience, c.first_start)):
            written, others, value = c.name, list(c.aliases), ""
            if c.label == "DATE":  # a date's canonical name is its value: show it as written
                written, others, value = (c.aliases[0], list(c.aliases[1:]), c.name) if c.aliases else (c.name, [], "")
            table.add_row(cell(f" {c.label} ", f"black on {COLOURS[c.label]}"), cell(written), str(c.mentions),
                          cell("; ".join(others)), cell(value))
        console.print(table)
        if r.quotes:
            quotes = Table(title=f"{len(r.quotes)} quotes", title_justify="left")
            for col in ("speaker", "role", "organization", "quote"):
                quotes.add_column(col, overflow="fold")
            for q in r.quotes:
                quotes.add_row(cell(q.speaker or ""), cell(q.role or ""), cell(q.organization or ""),
                               cell(q.text if len(q.text) <= 80 else q.text[:77] + "..."))
            console.print(quotes)
        if r.roles:
            roles = Table(title=f"{len(r.roles)} roles", title_justify="left")
            for col in ("person", "role", "organization", "kind"):
                roles.add_column(col, overflow="fold")
            for x in r.roles:
                roles.add_row(cell(x.person), cell(x.role or ""), cell(x.organization or ""), x.kind)
            console.print(roles)


def one_line(name: str) -> str:
    """A file name on one line: line breaks and tabs in it written as ``\\n`` and ``\\t``."""
    return name.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")


def write_labelstudio(results: Iterable[DocumentResult], out: TextIO, **_: Any) -> None:
    """A JSON list of Label Studio tasks with our mentions as predictions."""
    from .labelstudio import to_task

    out.write("[")
    written = 0
    for r in results:
        if r.error is not None:
            continue  # a failed document has no text to annotate; it is reported on stderr
        out.write(",\n" if written else "\n")
        out.write(json.dumps(to_task(r), ensure_ascii=False))
        written += 1
    out.write("\n]\n")


def write_conll(results: Iterable[DocumentResult], out: TextIO, *, tokenize: Any = None, **_: Any) -> None:
    """Token-level IOB: ``token<TAB>tag`` lines, a blank line between lines of the text, a docstart per document;
    ``tokenize`` is the pipeline's tokenizer (``Extractor.tokenize``)."""
    from .conll import iob_lines

    for r in results:
        if r.error is not None or r.text is None:
            continue
        out.write(f"-DOCSTART- {one_line(r.id)}\n\n")
        for line in iob_lines(r, tokenize):
            out.write(line + "\n")


def _write_html(results: Iterable[DocumentResult], out: TextIO, **_: Any) -> None:
    from .report import write_html

    write_html(results, out)


WRITERS: dict[Format, Callable[..., None]] = {
    Format.table: write_table,
    Format.json: write_json,
    Format.jsonl: write_jsonl,
    Format.csv: write_csv,
    Format.labelstudio: write_labelstudio,
    Format.conll: write_conll,
    Format.html: _write_html,
}


def write_results(
    results: Iterable[DocumentResult], fmt: Format, out: TextIO, *, with_text: bool = False, tokenize: Any = None
) -> None:
    """Write ``results`` to ``out`` in ``fmt``; ``tokenize`` (the pipeline's tokenizer) is for ``conll``."""
    WRITERS[fmt](results, out, with_text=with_text, tokenize=tokenize)
