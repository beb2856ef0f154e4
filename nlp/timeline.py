"""A timeline: the dated events of one or many releases in date order, with who and where."""

from __future__ import annotations

import csv
import html
import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import TextIO

from .types import DocumentResult

SENTENCE_END = re.compile(r"(?<=[.!?])[”\"’]?\s+(?=[“\"A-Z0-9(])|\n+")


class TimelineFormat(StrEnum):
    """Output formats of ``presstag timeline``."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


@dataclass(frozen=True)
class Event:
    """One dated statement: the DATE value and text, its sentence, and the entities in that sentence."""

    value: str
    text: str
    sentence: str
    source: str
    id: str
    start: int
    people: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    places: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        d = asdict(self)
        for k in ("people", "organizations", "places"):
            d[k] = list(d[k])
        return d


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """Start and end of the sentence of ``text`` that contains ``pos``; an abbreviation's period ("Nov. 29",
    "Lt. Gen.") ends none."""
    from .quotes import is_full_stop

    start, end = 0, len(text)
    for m in SENTENCE_END.finditer(text):
        stop = m.start() - 1
        while stop >= 0 and text[stop] in "”\"’":
            stop -= 1
        if "\n" not in m.group(0) and stop >= 0 and text[stop] == "." and not is_full_stop(text, stop):
            continue
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


def balanced(sentence: str) -> str:
    """A sentence cut from quoted speech with its quotation marks paired: “… said.” → “…” said."""
    opened, closed = sentence.count("“"), sentence.count("”")
    if opened > closed:
        sentence += "”"
    elif closed > opened:
        sentence = "“" + sentence
    if sentence.count('"') % 2:
        sentence = sentence.strip('"') if sentence.startswith('"') or sentence.endswith('"') else sentence + '"'
    return sentence


def events(results: Iterable[DocumentResult]) -> list[Event]:
    """Events of all documents with a calendar value (durations and unknowns left out), sorted by date."""
    out: list[Event] = []
    for r in results:
        if r.error is not None or not r.text:
            continue
        told: set[tuple[int, str]] = set()  # a sentence that names its date twice tells one event
        for m in r.entities:
            if m.label != "DATE" or not m.value or m.value.startswith("P") or m.boilerplate:
                continue
            s, e = sentence_bounds(r.text, m.start)
            if (s, m.value) in told:
                continue
            told.add((s, m.value))
            inside = [x for x in r.entities if s <= x.start and x.end <= e]

            def names(label: str, inside: list = inside, text: str = r.text) -> tuple[str, ...]:
                return tuple(dict.fromkeys(x.canonical or x.text for x in inside if x.label == label
                                           and not (label == "PLACE" and in_title(text, x.start))))

            out.append(Event(value=m.value, text=m.text, sentence=balanced(r.text[s:e].strip()), source=r.source,
                             id=r.id, start=m.start, people=names("PERSON"), organizations=names("ORG"),
                             places=names("PLACE")))
    return sorted(out, key=lambda ev: (ev.value, ev.source, ev.start))


def in_title(text: str, start: int) -> bool:
    """Whether a place at ``start`` is part of a title ("Minister for Central Asia"): it names no event's place."""
    from .quotes import title_words

    before = re.search(r"([A-Za-z]+)\s+(?:for|of)\s+(?:the\s+)?$", text[max(0, start - 40):start])
    return before is not None and before.group(1).lower() in title_words()


def write_timeline(evs: list[Event], fmt: TimelineFormat, out: TextIO) -> None:
    """Write events as a table, JSON, CSV or Markdown."""
    if fmt is TimelineFormat.json:
        out.write(json.dumps([e.to_dict() for e in evs], ensure_ascii=False, indent=2) + "\n")
    elif fmt is TimelineFormat.csv:
        w = csv.writer(out)
        w.writerow(["value", "text", "sentence", "people", "organizations", "places", "source"])
        for e in evs:
            w.writerow([e.value, e.text, e.sentence, "; ".join(e.people), "; ".join(e.organizations),
                        "; ".join(e.places), e.source])
    elif fmt is TimelineFormat.markdown:
        out.write("| date | what | who | where | source |\n|---|---|---|---|---|\n")
        for e in evs:
            who = ", ".join(e.people + e.organizations)
            out.write(f"| {e.value} | {_md(e.sentence)} | {_md(who)} | {_md(', '.join(e.places))} | {e.id} |\n")
    else:
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        from .terminal import terminal_safe

        table = Table()
        for col in ("date", "text", "sentence", "who", "where", "source"):
            table.add_column(col)
        for e in evs:
            cells = (e.value, e.text, e.sentence, ", ".join(e.people + e.organizations), ", ".join(e.places), e.id)
            table.add_row(*(Text(terminal_safe(c)) for c in cells))
        Console(file=out, width=None if out.isatty() else 160).print(table)


def _md(text: str) -> str:
    """A Markdown table cell: HTML in a release shown as text, pipes escaped, on one line."""
    return html.escape(text, quote=False).replace("|", "\\|").replace("\n", " ")
