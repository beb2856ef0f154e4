"""The HTML report: one self-contained page (no scripts, fonts or styles from elsewhere) that works offline.

Each document gets a section with its text (entities highlighted, with label and canonical name on hover), its
canonical entities, its quotes and its timeline; a batch gets an index of its documents at the top. Sections
are written as documents arrive, so a report over thousands of releases streams like any other format.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import TextIO

from .timeline import events
from .types import DocumentResult
from .version import __version__

COLOURS = {"PERSON": "#fde2a7", "ORG": "#bfe3ff", "PLACE": "#c9f0c9", "DATE": "#ead7ff"}
STYLE = """
body{font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
main{display:flex;flex-direction:column;max-width:1100px;margin:0 auto;padding:1.5rem}
header{order:-2}
header h1{margin:0 0 .25rem;font-size:1.6rem}
header p{margin:0;color:#5a6372}
nav.index{order:-1;background:#fff;border:1px solid #dde1e7;border-radius:8px;padding:1rem;margin:1rem 0}
section.document{background:#fff;border:1px solid #dde1e7;border-radius:8px;padding:1rem 1.25rem;margin:1rem 0}
section.document h2{margin-top:0;font-size:1.25rem}
.meta{color:#5a6372;font-size:.9rem}
.text{white-space:pre-wrap;border-left:3px solid #dde1e7;padding-left:1rem;max-height:60vh;overflow:auto}
mark{border-radius:3px;padding:0 2px;color:inherit}
mark::after{content:attr(data-label);font-size:.62em;font-weight:600;margin-left:3px;opacity:.65;
vertical-align:middle}
""" + "".join(f"mark.{label},span.label.{label}{{background:{c}}}\n" for label, c in COLOURS.items()) + """
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.92rem}
th,td{border-bottom:1px solid #e6e9ee;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f2f5}
td.num{text-align:right;font-variant-numeric:tabular-nums}
span.label{border-radius:3px;padding:0 4px;font-size:.8rem;font-weight:600}
blockquote{margin:.2rem 0;color:#333}
.error{color:#a31515;font-weight:600}
.legend span.label{margin-right:.4rem}
@media print{.text{max-height:none;overflow:visible}body{background:#fff}}
"""


def write_html(results: Iterable[DocumentResult], out: TextIO, **_: object) -> None:
    """The report of ``results`` as one HTML page."""
    out.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
              "<title>presstag report</title>\n<style>" + STYLE + "</style>\n</head>\n<body>\n<main>\n")
    out.write("<header><h1>presstag report</h1><p class=\"legend\">"
              + "".join(f'<span class="label {lab}">{lab}</span>' for lab in COLOURS)
              + f" presstag {escape(__version__)}</p></header>\n")
    index: list[str] = []
    for n, r in enumerate(results, 1):
        anchor = f"doc-{n}"
        out.write(document_section(r, anchor))
        out.flush()
        status = (f'<span class="error">{escape(r.error.type)}</span>' if r.error is not None
                  else ", ".join(_count(n, word) for n, word in ((len(r.entities), "mention"),
                                                                 (len(r.canonical_entities), "entity"),
                                                                 (len(r.quotes), "quote"))))
        index.append(f'<tr><td><a href="#{anchor}">{escape(r.id)}</a></td><td>{escape(r.source)}</td>'
                     f"<td>{escape(r.reference_date or '')}</td><td>{status}</td></tr>")
    if len(index) > 1:
        out.write(f'<nav class="index" id="index"><h2>{len(index)} documents</h2><table><thead><tr><th>document'
                  "</th><th>source</th><th>reference date</th><th>found</th></tr></thead><tbody>"
                  + "".join(index) + "</tbody></table></nav>\n")
    out.write("</main>\n</body>\n</html>\n")


def _count(n: int, word: str) -> str:
    plural = word[:-1] + "ies" if word.endswith("y") else word + "s"
    return f"{n} {word if n == 1 else plural}"


def document_section(r: DocumentResult, anchor: str) -> str:
    """One document's section of the report."""
    head = f'<section class="document" id="{anchor}"><h2>{escape(r.id)}</h2>'
    meta = [f"source {escape(r.source)}"]
    if r.metadata.get("title"):
        meta.append(f"title “{escape(str(r.metadata['title']))}”")
    if r.dateline is not None:
        meta.append(f"dateline {escape(r.dateline.text)}")
    if r.reference_date:
        meta.append(f"reference date {escape(r.reference_date)} ({escape(r.reference_date_source or '')})")
    head += f'<p class="meta">{" · ".join(meta)}</p>'
    if r.error is not None:
        return head + f'<p class="error">{escape(r.error.type)}: {escape(r.error.message)}</p></section>\n'
    parts = [head, "<h3>Text</h3>", highlighted(r), "<h3>Entities</h3>", entities_table(r), "<h3>Quotes</h3>",
             quotes_table(r), "<h3>People and roles</h3>", roles_table(r), "<h3>Timeline</h3>", timeline_table(r),
             "</section>\n"]
    return "".join(parts)


def highlighted(r: DocumentResult) -> str:
    """The text with each mention in a ``<mark>`` (label and canonical name or date value in its title)."""
    text = r.text or ""
    out: list[str] = ['<div class="text">']
    pos = 0
    for m in sorted(r.entities, key=lambda m: m.start):
        if m.start < pos:
            continue
        out.append(escape(text[pos:m.start]))
        tip = m.label + (f": {m.value}" if m.label == "DATE" and m.value else
                         f": {m.canonical}" if m.canonical and m.canonical != m.text else "")
        out.append(f'<mark class="{m.label}" data-label="{m.label}" title="{escape(tip)}">'
                   f"{escape(text[m.start:m.end])}</mark>")
        pos = m.end
    out.append(escape(text[pos:]) + "</div>")
    return "".join(out)


class Num(str):
    """A table cell that is a number (right-aligned)."""


def table(name: str, headers: tuple[str, ...], rows: list[tuple[str, ...]], empty: str) -> str:
    """An HTML table of already escaped cells, or ``empty`` when there are no rows."""
    if not rows:
        return f"<p>{empty}</p>"
    head = "".join(f"<th>{h}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f'<td class="num">{c}</td>' if isinstance(c, Num) else f"<td>{c}</td>"
                                   for c in row) + "</tr>" for row in rows)
    return f'<table class="{name}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def entities_table(r: DocumentResult) -> str:
    rows = [(escape(c.name), f'<span class="label {c.label}">{c.label}</span>', Num(c.mentions),
             escape("; ".join(c.aliases)), Num(f"{c.salience:.2f}"))
            for c in sorted(r.canonical_entities, key=lambda c: (-c.salience, c.first_start))]
    return table("entities", ("entity", "label", "mentions", "also written", "salience"), rows,
                 "No entities found.")


def quotes_table(r: DocumentResult) -> str:
    rows = [(escape(q.speaker or ""), escape(q.role or ""), escape(q.organization or ""),
             f"<blockquote>“{escape(q.text)}”</blockquote>") for q in r.quotes]
    return table("quotes", ("speaker", "role", "organization", "quote"), rows, "No attributed quotes.")


def roles_table(r: DocumentResult) -> str:
    text = r.text or ""
    rows = [(escape(x.person), escape(x.role or ""), escape(x.organization or ""), escape(x.kind),
             f"<q>{escape(text[x.start:x.end])}</q>") for x in r.roles]
    return table("roles", ("person", "role", "organization", "kind", "stated as"), rows, "No roles stated.")


def timeline_table(r: DocumentResult) -> str:
    rows = [(escape(e.value), escape(e.sentence), escape(", ".join(e.people + e.organizations)),
             escape(", ".join(e.places)), escape("; ".join(e.appointments))) for e in events([r])]
    return table("timeline", ("date", "what", "who", "where", "appointed"), rows, "No dated events.")
