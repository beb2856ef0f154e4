"""Markdown as a reader sees it: the rendered text, without markup, link targets or images.

Paragraphs, headings and blocks are separated by blank lines, list items and table rows are lines of their own,
line breaks inside a paragraph are kept (datelines and contact blocks are line by line), link text is kept and the
link target dropped, images and HTML tags are dropped (the text inside HTML blocks is kept), emphasis and code
markers are dropped. Navigation after the document's last rule (``---``) — paragraphs that are links with at
most a few words of their own, as archives and news sites append ("Original/Source Press Release", "Pickup -
https://…") — is left out. Offsets of entities are offsets into this text, as for HTML.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import unescape
from typing import Any

# A paragraph after the last rule is navigation when, besides its links, it has at most this many words.
NAVIGATION_WORDS = 3
TAG = re.compile(r"<[^>]*>")
# markdown-it stops parsing, and drops the rest of the document, at this depth of nested blocks (a list item
# counts two, its list and itself: 19 levels of lists), deeper than any release nests; its commonmark preset's 20
# lost text at 9 levels of lists. Inline parsing slows in proportion to it, so it is not set higher.
MAX_NESTING = 40
# What nests blocks at the start of a line: block quote markers and indentation (list items nest by it).
LINE_NESTING = re.compile(r"^(?:[ \t]*>)*[ \t]*", re.MULTILINE)


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table")


def render_markdown(source: str) -> str:
    """The text a reader sees in a Markdown document.

    A document nested deeper than ``MAX_NESTING`` (hostile input: thousands of ``>``) is rendered again without
    block quote markers and indentation, and if still too deep (list markers nested on one line) is its own
    text: its structure is lost, but not a word of its text."""
    try:
        tokens = _parser().parse(source)
    except RecursionError:
        tokens = None
    if tokens is None or _too_deep(tokens):
        flat = LINE_NESTING.sub("", source)
        if flat == source:
            return source if source.endswith("\n") else source + "\n"
        return render_markdown(flat)
    return _render(tokens)


def _too_deep(tokens: list[Any]) -> bool:
    """Whether markdown-it reached its nesting limit, where it skips the rest of the document."""
    return any(t.level >= MAX_NESTING - 1 for t in tokens)


def _render(tokens: list[Any]) -> str:
    last_rule = max((i for i, t in enumerate(tokens) if t.type == "hr"), default=-1)
    blocks: list[str] = []
    lines: list[str] = []  # the current list or table, one line per item or row
    depth = 0  # nesting of lists and tables
    cells: list[str] = []
    for i, token in enumerate(tokens):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open", "table_open"):
            depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close", "table_close"):
            depth -= 1
            if depth == 0 and lines:
                blocks.append("\n".join(lines))
                lines = []
        elif kind == "tr_open":
            cells = []
        elif kind == "tr_close":
            lines.append("\t".join(cells))
        elif kind == "inline":
            text = _inline(token.children or [])
            if i > last_rule >= 0 and _is_navigation(token.children or []):
                continue
            if tokens[i - 1].type in ("th_open", "td_open"):
                cells.append(text)
            elif depth:
                item = tokens[i - 2].type == "list_item_open" if i >= 2 else False
                lines.append(("- " if item else "") + text)
            elif text.strip():
                blocks.append(text)
        elif kind in ("fence", "code_block"):
            (lines if depth else blocks).append(token.content.rstrip("\n"))
        elif kind == "html_block":
            text = unescape(TAG.sub("", token.content)).strip()
            if text:
                (lines if depth else blocks).append(text)
    if lines:
        blocks.append("\n".join(lines))
    return "\n\n".join(b for b in blocks if b.strip()) + "\n"


def _inline(children: list[Any]) -> str:
    out: list[str] = []
    for child in children:
        kind = child.type
        if kind in ("text", "code_inline"):
            out.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            out.append("\n")
    return "".join(out).strip(" ")


def _is_navigation(children: list[Any]) -> bool:
    """Links (or images) with at most a few words of their own: "Pickup - [https://…](…)"."""
    inside = 0
    own: list[str] = []
    links = 0
    for child in children:
        if child.type == "link_open":
            inside += 1
            links += 1
        elif child.type == "link_close":
            inside -= 1
        elif child.type == "image":
            links += 1
        elif child.type == "text" and not inside:
            own.append(child.content)
    return links > 0 and len(" ".join(own).split()) <= NAVIGATION_WORDS
