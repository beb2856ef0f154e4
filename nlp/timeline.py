"""A timeline: the dated events of one or many releases in date order, with who and where."""

from __future__ import annotations

import csv
import html
import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
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
    """One dated statement: the DATE value and text, its sentence, the entities in that sentence, and the
    appointments it announces ("Ahmad Moradi: Chief Executive Officer, AI Era Corp."). An appointment whose
    sentence names no date is dated by its release (``text`` is then empty)."""

    value: str
    text: str
    sentence: str
    source: str
    id: str
    start: int
    people: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    appointments: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        d = asdict(self)
        for k in ("people", "organizations", "places", "appointments"):
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


def appointment_text(person: str, role: str | None, organization: str | None) -> str:
    """ "Ahmad Moradi: Chief Executive Officer, AI Era Corp." """
    return person + ": " + ", ".join(x for x in (role, organization) if x)


def events(results: Iterable[DocumentResult]) -> list[Event]:
    """Events of all documents with a calendar value (durations and unknowns left out), and their appointments,
    sorted by date."""
    out: list[Event] = []
    for r in results:
        if r.error is not None or not r.text:
            continue
        found = _dated_events(r)
        appointed: dict[int, list[str]] = {}
        for role in r.roles:
            if role.kind == "appointment":
                s, _ = sentence_bounds(r.text, role.start)
                appointed.setdefault(s, []).append(appointment_text(role.person, role.role, role.organization))
        for s, items in appointed.items():
            dated = [i for i, ev in enumerate(found) if sentence_bounds(r.text, ev.start)[0] == s]
            if dated:
                found[dated[0]] = replace(found[dated[0]], appointments=tuple(items))
            elif r.reference_date:
                e = sentence_bounds(r.text, s)[1]
                inside = [x for x in r.entities if s <= x.start and x.end <= e]
                found.append(Event(value=r.reference_date, text="", sentence=balanced(r.text[s:e].strip()),
                                   source=r.source, id=r.id, start=s, people=_names(inside, "PERSON", r.text),
                                   organizations=_names(inside, "ORG", r.text), appointments=tuple(items)))
        out += found
    return sorted(out, key=lambda ev: (ev.value, ev.source, ev.start))


def _names(inside: list, label: str, text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(x.canonical or x.text for x in inside if x.label == label
                               and not (label == "PLACE" and in_title(text, x.start))))


def _dated_events(r: DocumentResult) -> list[Event]:
    """The events of one document's dates."""
    out: list[Event] = []
    if r.text:
        told: set[tuple[int, str]] = set()  # a sentence that names its date twice tells one event
        for m in r.entities:
            if m.label != "DATE" or not m.value or m.value.startswith("P") or m.boilerplate:
                continue
            s, e = sentence_bounds(r.text, m.start)
            if (s, m.value) in told:
                continue
            told.add((s, m.value))
            inside = [x for x in r.entities if s <= x.start and x.end <= e]
            out.append(Event(value=m.value, text=m.text, sentence=balanced(r.text[s:e].strip()), source=r.source,
                             id=r.id, start=m.start, people=_names(inside, "PERSON", r.text),
                             organizations=_names(inside, "ORG", r.text), places=_names(inside, "PLACE", r.text)))
    return out


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
        w.writerow(["value", "text", "sentence", "people", "organizations", "places", "appointments", "source"])
        for e in evs:
            w.writerow([e.value, e.text, e.sentence, "; ".join(e.people), "; ".join(e.organizations),
                        "; ".join(e.places), "; ".join(e.appointments), e.source])
    elif fmt is TimelineFormat.markdown:
        out.write("| date | what | who | where | appointed | source |\n|---|---|---|---|---|---|\n")
        for e in evs:
            who = ", ".join(e.people + e.organizations)
            out.write(f"| {e.value} | {_md(e.sentence)} | {_md(who)} | {_md(', '.join(e.places))} | "
                      f"{_md('; '.join(e.appointments))} | {_md(e.id)} |\n")
    else:
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        from .terminal import terminal_safe

        table = Table()
        appointments = any(e.appointments for e in evs)
        for col in ("date", "text", "sentence", "who", "where", *(("appointed",) if appointments else ()), "source"):
            table.add_column(col)
        for e in evs:
            cells = (e.value, e.text, e.sentence, ", ".join(e.people + e.organizations), ", ".join(e.places),
                     *(("; ".join(e.appointments),) if appointments else ()), e.id)
            table.add_row(*(Text(terminal_safe(c)) for c in cells))
        Console(file=out, width=None if out.isatty() else 160).print(table)


def _md(text: str) -> str:
    """A Markdown table cell: HTML in a release shown as text, pipes escaped, on one line."""
    return html.escape(text, quote=False).replace("|", "\\|").replace("\n", " ")
