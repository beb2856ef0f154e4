"""Reading inputs: files, folders, globs and stdin; text in any common encoding, HTML and PDF.

Reading never raises for a single document: a file that cannot be read becomes a ``SourceDocument`` with
``error`` set, so batch runs report it and go on. Only a path that names nothing raises ``InputError``.
"""

from __future__ import annotations

import glob
import hashlib
import io
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from .errors import DocumentError, InputError
from .types import ErrorRecord

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
PDF_SUFFIXES = (".pdf",)
READABLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + PDF_SUFFIXES
STDIN = "-"


@dataclass(frozen=True)
class SourceDocument:
    """A document as read: its text (None on error) and where it came from."""

    id: str
    source: str
    text: str | None = None
    encoding: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    sha256: str | None = None
    error: ErrorRecord | None = None


def expand_inputs(inputs: Iterable[str]) -> list[str]:
    """Files named by ``inputs``: files as given, folders recursed for readable files, glob patterns.

    Raises ``InputError`` for a path that does not exist or a folder or pattern with nothing to read.
    """
    out: list[str] = []
    for item in inputs:
        if item == STDIN:
            out.append(STDIN)
            continue
        path = Path(item)
        if path.is_dir():
            found = sorted(
                str(p) for p in path.rglob("*") if p.suffix.lower() in READABLE_SUFFIXES and p.is_file()
            )
            if not found:
                raise InputError(f"{item}: no .txt, .md, .html, .htm or .pdf files in this folder")
            out.extend(found)
        elif path.exists():
            out.append(str(path))
        elif glob.has_magic(item):
            found = sorted(p for p in glob.glob(item, recursive=True) if Path(p).is_file())
            if not found:
                raise InputError(f"{item}: the pattern matches no files")
            out.extend(found)
        else:
            raise InputError(f"{item}: no such file or folder")
    return list(dict.fromkeys(out))


def read_inputs(paths: Iterable[str], *, stdin: BinaryIO | None = None) -> Iterator[SourceDocument]:
    """Read each path lazily (``-`` reads stdin)."""
    for p in paths:
        if p == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield read_bytes(stream.read(), id="stdin", source=STDIN)
        else:
            yield read_path(p)


def read_path(path: str | Path) -> SourceDocument:
    """Read one file into a SourceDocument; failures become its ``error``."""
    path = Path(path)
    doc_id, source = path.stem, str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return _failed(doc_id, source, "missing", f"{source}: the file vanished before it could be read")
    except IsADirectoryError:
        return _failed(doc_id, source, "unreadable", f"{source}: is a folder, not a file")
    except OSError as exc:
        return _failed(doc_id, source, "unreadable", f"{source}: cannot be read ({exc.strerror or exc})")
    return read_bytes(data, id=doc_id, source=source, suffix=path.suffix.lower())


def read_bytes(data: bytes, *, id: str, source: str, suffix: str = "") -> SourceDocument:
    """Decode one document's bytes by its kind (text, HTML or PDF) into a SourceDocument."""
    sha = hashlib.sha256(data).hexdigest()
    try:
        if suffix in PDF_SUFFIXES or data[:5] == b"%PDF-":
            text, meta, encoding = read_pdf(data, source), {}, "pdf"
        else:
            text, encoding = decode_text(data, source)
            meta = {}
            if suffix in HTML_SUFFIXES or (not suffix and looks_like_html(text)):
                text, meta = read_html(text, source)
        if not text.strip():
            raise DocumentError("empty", f"{source}: no text to read (empty document)")
    except DocumentError as exc:
        return _failed(id, source, exc.kind, str(exc), sha)
    if encoding not in ("utf-8", "pdf"):
        meta = {**meta, "encoding": encoding}
    return SourceDocument(id=id, source=source, text=text, encoding=encoding, metadata=meta, sha256=sha)


def _failed(doc_id: str, source: str, kind: str, message: str, sha: str | None = None) -> SourceDocument:
    return SourceDocument(id=doc_id, source=source, sha256=sha, error=ErrorRecord(type=kind, message=message))


PREFERRED_LEGACY = "cp1252"
BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def decode_text(data: bytes, source: str) -> tuple[str, str]:
    """Text and the encoding it was read with: BOMs first, then UTF-8, then charset detection."""
    if not data:
        raise DocumentError("empty", f"{source}: the file is empty")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise DocumentError("encoding", f"{source}: not valid {encoding} despite its BOM") from exc
    if b"\x00" in data[:8192]:
        raise DocumentError("binary", f"{source}: binary data, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise DocumentError("binary", f"{source}: binary data or an unknown encoding, not text")
    if best.encoding != PREFERRED_LEGACY:
        # Short texts fit several single-byte code pages equally well; English releases are most often
        # Windows-1252, so it wins any tie.
        western = from_bytes(data, cp_isolation=[PREFERRED_LEGACY]).best()
        if western is not None and western.chaos <= best.chaos:
            best = western
    text = str(best)
    if _control_ratio(text) > 0.05:
        raise DocumentError("binary", f"{source}: binary data, not text")
    return text, best.encoding


def _control_ratio(text: str) -> float:
    sample = text[:8192]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return bad / len(sample)


def looks_like_html(text: str) -> bool:
    """True when a text without a file name starts like an HTML page."""
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html"))


def read_html(html: str, source: str) -> tuple[str, dict[str, Any]]:
    """Main text of an HTML page via trafilatura, with its title and published date."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception as exc:  # noqa: BLE001 - trafilatura raises many kinds on broken pages
        raise DocumentError("html", f"{source}: the HTML could not be parsed ({exc})") from exc
    if doc is None:
        raise DocumentError("empty", f"{source}: no main text found in the HTML page")
    if not isinstance(doc, dict):
        doc = doc.as_dict()
    text = doc.get("text") or ""
    meta = {k: doc[k] for k in ("title", "date", "author", "sitename") if doc.get(k)}
    return text, meta


def read_pdf(data: bytes, source: str) -> str:
    """Text of a PDF via pypdf, pages separated by blank lines."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise DocumentError("pdf", f"{source}: the PDF could not be read ({exc})") from exc
    return "\n\n".join(p.strip() for p in pages)


def chunk_text(text: str, max_length: int) -> list[tuple[int, str]]:
    """Split a text longer than ``max_length`` at paragraph (else line, else space) breaks.

    Returns ``(offset, chunk)`` pairs whose chunks concatenate back to ``text``.
    """
    if len(text) <= max_length:
        return [(0, text)]
    chunks: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(start + max_length, len(text))
        if end < len(text):
            window = text[start:end]
            for sep in ("\n\n", "\n", " "):
                cut = window.rfind(sep)
                if cut > max_length // 2:
                    end = start + cut + len(sep)
                    break
        chunks.append((start, text[start:end]))
        start = end
    return chunks
