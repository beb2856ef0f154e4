"""Reading inputs: files, folders, globs and stdin; text in any common encoding, Markdown, HTML and PDF.

Reading never raises for a single document: a file that cannot be read becomes a ``SourceDocument`` with
``error`` set, so batch runs report it and go on. Only a path that names nothing raises ``InputError``.
"""

from __future__ import annotations

import glob
import hashlib
import io
import logging
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, BinaryIO

from .errors import DocumentError, InputError
from .types import ErrorRecord

TEXT_SUFFIXES = (".txt",)
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
PDF_SUFFIXES = (".pdf",)
READABLE_SUFFIXES = TEXT_SUFFIXES + MARKDOWN_SUFFIXES + HTML_SUFFIXES + PDF_SUFFIXES
STDIN = "-"
# The largest input read (bytes of a file, characters of its text): a larger one becomes a ``too_large`` error
# record, read no further. Memory stays bounded below it (long texts go through the model in pieces).
DEFAULT_MAX_BYTES = 20_000_000
# Paths of a descriptor this process inherited: a shell's process substitution, ``<(curl …)``, names a pipe so.
# Any other pipe, socket or device is not read (a named pipe nothing writes to would block the run for ever).
DESCRIPTOR_PATHS = ("/dev/fd/", "/proc/self/fd/", "/dev/stdin")


@dataclass(frozen=True)
class SourceDocument:
    """A document as read: its text (None on error) and where it came from.

    ``source`` is the path as given (bytes that are not UTF-8 written as ``\\xe9``), ``path`` the file's
    absolute real path in the same form: the same file under another spelling has the same ``path``.
    """

    id: str
    source: str
    text: str | None = None
    encoding: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    sha256: str | None = None
    error: ErrorRecord | None = None
    path: str | None = None


def printable_path(path: str | os.PathLike[str]) -> str:
    """A path as valid Unicode text: bytes of a file name that are not UTF-8 as ``\\xe9`` escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def expand_inputs(inputs: Iterable[str]) -> list[str]:
    """Files named by ``inputs``: files as given, folders recursed for readable files, glob patterns.

    Symbolic links to folders are not followed inside a folder or a ``**`` pattern (no loops), and a file
    reached twice (by a link, or another spelling of its path) is read once. A subfolder that cannot be listed
    is returned as an item of its own, so that reading it gives that folder's error record. Raises
    ``InputError`` for a path that does not exist or a folder or pattern with nothing to read.
    """
    out: list[str] = []
    for item in inputs:
        if item == STDIN:
            out.append(STDIN)
            continue
        path = Path(item)
        if path.is_dir():
            found = _walk(path)
            if not found:
                raise InputError(f"{printable_path(item)}: no .txt, .md, .html, .htm or .pdf files in this folder")
            out.extend(found)
        elif path.exists() or path.is_symlink():
            out.append(str(path))
        elif glob.has_magic(item):
            found = _glob(item)
            if not found:
                raise InputError(f"{printable_path(item)}: the pattern matches no files")
            out.extend(found)
        else:
            raise InputError(f"{printable_path(item)}: no such file or folder")
    seen: set[str] = set()
    unique: list[str] = []
    for p in out:
        key = p if p == STDIN else os.path.realpath(p)
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def _walk(folder: Path) -> list[str]:
    """Readable files under ``folder`` (links to folders not followed), and the subfolders that cannot be listed.

    Entries with a readable suffix that are not files (a link to nothing, a named pipe, a socket) are listed too:
    reading them gives their error record, where skipping them would lose a document without a word."""
    found: list[str] = []
    unlistable: list[str] = []
    for root, dirs, files in os.walk(folder, onerror=lambda exc: unlistable.append(exc.filename)):
        dirs.sort()
        for name in files:
            if Path(name).suffix.lower() in READABLE_SUFFIXES:
                found.append(os.path.join(root, name))
    return sorted(found) + sorted(str(u) for u in unlistable if u)


def _glob(pattern: str) -> list[str]:
    """Files matching a glob pattern; ``**`` matches folders at any depth without following links to folders."""
    parts = Path(pattern).parts
    k = next(i for i, part in enumerate(parts) if glob.has_magic(part))
    root = Path(*parts[:k]) if k else Path()
    rest = str(Path(*parts[k:]))
    matches = []
    for p in root.glob(rest):
        hidden = any(part.startswith(".") for part in p.relative_to(root).parts)
        if not hidden and not p.is_dir():  # a link to nothing or a named pipe is read into its error record
            matches.append(str(p))
    return sorted(matches)


def read_inputs(
    paths: Iterable[str], *, stdin: BinaryIO | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[SourceDocument]:
    """Read each path lazily (``-`` reads stdin); every path gives one document, failures included."""
    for p in paths:
        if p == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            try:
                data = stream.read(max_bytes + 1) if max_bytes else stream.read()
            except (OSError, ValueError) as exc:
                yield _failed("stdin", STDIN, "unreadable", f"-: stdin cannot be read ({exc})")
                continue
            if max_bytes and len(data) > max_bytes:
                yield _failed("stdin", STDIN, "too_large", f"-: {_too_large(max_bytes)}")
                continue
            yield read_bytes(data, id="stdin", source=STDIN, max_chars=max_bytes)
        else:
            yield read_path(p, max_bytes=max_bytes)


def read_path(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceDocument:
    """Read one file into a SourceDocument; every failure, of any kind, becomes its ``error``."""
    path = Path(path)
    doc_id, source = printable_path(path.stem), printable_path(path)
    try:
        real = printable_path(os.path.realpath(path))
    except (OSError, ValueError):
        real = None
    try:
        if path.is_dir():
            os.listdir(path)
            return _failed(doc_id, source, "unreadable", f"{source}: is a folder, not a file", path=real)
        special = _special_kind(os.stat(path).st_mode)
        if special and not str(path).startswith(DESCRIPTOR_PATHS):
            return _failed(doc_id, source, "unreadable", f"{source}: not a regular file ({special}), not read",
                           path=real)
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1) if max_bytes else fh.read()
    except FileNotFoundError:
        if path.is_symlink():
            return _failed(doc_id, source, "missing", f"{source}: a link to a file that does not exist")
        return _failed(doc_id, source, "missing", f"{source}: the file vanished before it could be read")
    except PermissionError as exc:
        what = "folder cannot be listed" if path.is_dir() else "file cannot be read"
        return _failed(doc_id, source, "unreadable", f"{source}: the {what} ({exc.strerror or exc})", path=real)
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        return _failed(doc_id, source, "unreadable", f"{source}: cannot be read ({reason})", path=real)
    if max_bytes and len(data) > max_bytes:
        return _failed(doc_id, source, "too_large", f"{source}: {_too_large(max_bytes)}", path=real)
    return read_bytes(data, id=doc_id, source=source, suffix=path.suffix.lower(), path=real, max_chars=max_bytes)


def _special_kind(mode: int) -> str | None:
    """What a path that is neither a file nor a folder is ("a named pipe"), None for a file or folder."""
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return None


def _too_large(limit: int) -> str:
    return f"larger than the size limit of {limit / 1_000_000:g} MB (--max-size)"


def read_bytes(
    data: bytes, *, id: str, source: str, suffix: str = "", path: str | None = None,
    max_chars: int = DEFAULT_MAX_BYTES,
) -> SourceDocument:
    """Decode one document's bytes by its kind (text, HTML or PDF) into a SourceDocument.

    Never raises: a document that cannot be decoded or parsed, for whatever reason (a reader library that
    cannot be loaded included), comes back with its ``error`` set."""
    sha = hashlib.sha256(data).hexdigest()
    kind = ("pdf" if suffix in PDF_SUFFIXES or data[:5] == b"%PDF-" else "html" if suffix in HTML_SUFFIXES
            else "markdown" if suffix in MARKDOWN_SUFFIXES else "text")
    try:
        if kind == "pdf":
            text, meta, encoding = read_pdf(data, source, max_chars=max_chars), {}, "pdf"
        else:
            text, encoding = decode_text(data, source)
            meta = {}
            if kind == "html" or (not suffix and looks_like_html(text)):
                text, meta = read_html(text, source)
            elif kind == "markdown":
                text = read_markdown(text, source)
        if max_chars and len(text) > max_chars:
            raise DocumentError("too_large", f"{source}: {_too_large(max_chars)}")
        if not text.strip():
            raise DocumentError("empty", f"{source}: no text to read (empty document)")
    except DocumentError as exc:
        return _failed(id, source, exc.kind, str(exc), sha, path=path)
    except Exception as exc:  # noqa: BLE001 - a parser's crash is this document's failure, never the run's
        error = "encoding" if kind == "text" else kind
        return _failed(id, source, error, f"{source}: could not be read ({type(exc).__name__}: {exc})", sha,
                       path=path)
    if encoding not in ("utf-8", "pdf"):
        meta = {**meta, "encoding": encoding}
    return SourceDocument(id=id, source=source, text=text.replace("\x00", " "), encoding=encoding, metadata=meta,
                          sha256=sha, path=path)


def _failed(doc_id: str, source: str, kind: str, message: str, sha: str | None = None,
            path: str | None = None) -> SourceDocument:
    return SourceDocument(id=doc_id, source=source, sha256=sha, error=ErrorRecord(type=kind, message=message),
                          path=path)


PREFERRED_LEGACY = "cp1252"
# Longest first: the UTF-32 little-endian BOM begins with the UTF-16 one.
BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
SAMPLE_BYTES = 8192
# More NUL bytes than this share of the first 8 KB (and more than MAX_STRAY_NULS) means binary data (random bytes
# hold 0.4%), unless they are UTF-16's; a stray NUL in a text file does not.
MAX_NUL_SHARE = 0.001
MAX_STRAY_NULS = 2


def decode_text(data: bytes, source: str) -> tuple[str, str]:
    """Text and the encoding it was read with: BOMs first, then UTF-16 without one, UTF-8, then detection."""
    if not data:
        raise DocumentError("empty", f"{source}: the file is empty")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise DocumentError("encoding", f"{source}: not valid {encoding} despite its BOM") from exc
    sample = data[:SAMPLE_BYTES]
    if sample.count(0) > max(MAX_STRAY_NULS, len(sample) * MAX_NUL_SHARE):
        encoding = _utf16_without_bom(sample)
        if encoding is None:
            raise DocumentError("binary", f"{source}: binary data, not text")
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise DocumentError("binary", f"{source}: binary data, not text") from exc
        if _control_ratio(text) > 0.05:
            raise DocumentError("binary", f"{source}: binary data, not text")
        return text, encoding
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _control_ratio(text) > 0.05:
            raise DocumentError("binary", f"{source}: binary data, not text")
        return text, "utf-8"
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


def _utf16_without_bom(sample: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when the sample is UTF-16 text written without a BOM (every other byte NUL,
    as Latin-script text gives), else None."""
    sample = sample[:len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) <= 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) <= 0.1 * len(odd):
        return "utf-16-be"
    return None


def _control_ratio(text: str) -> float:
    sample = text[:SAMPLE_BYTES]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return bad / len(sample)


def looks_like_html(text: str) -> bool:
    """True when a text without a file name starts like an HTML page."""
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html"))


def _reader_missing(source: str, what: str, library: str, exc: BaseException) -> DocumentError:
    return DocumentError("reader", f"{source}: {what} cannot be read here: {library} could not be loaded "
                                   f"({type(exc).__name__}: {exc})")


def read_html(html: str, source: str) -> tuple[str, dict[str, Any]]:
    """Main text of an HTML page via trafilatura, with its title and published date."""
    try:
        import trafilatura
    except Exception as exc:  # noqa: BLE001 - a broken install fails in many ways; HTML only is lost
        raise _reader_missing(source, "HTML pages", "trafilatura", exc) from exc
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except ImportError as exc:  # a module trafilatura loads late (jusText's lxml.html.clean)
        raise _reader_missing(source, "HTML pages", "trafilatura", exc) from exc
    except Exception as exc:  # noqa: BLE001 - trafilatura raises many kinds on broken pages
        raise DocumentError("html", f"{source}: the HTML could not be parsed ({exc})") from exc
    if doc is not None and not isinstance(doc, dict):
        doc = doc.as_dict()
    doc = doc or {}
    text = doc.get("text") or ""
    meta = {k: doc[k] for k in ("title", "date", "author", "sitename") if doc.get(k)}
    if not text.strip():
        # trafilatura finds no main text in a page too short for it, or nested deeper than lxml parses (255
        # elements): the page's visible text, boilerplate and all, rather than losing what it says.
        text = visible_text(html)
    if not text.strip():
        raise DocumentError("empty", f"{source}: no text found in the HTML page")
    return text, meta


# Elements whose content a browser does not show in the page; elements that start a line of their own.
HIDDEN_ELEMENTS = frozenset({"script", "style", "template", "title"})
BLOCK_ELEMENTS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
    "table", "td", "th", "tr", "ul",
})


class _VisibleText(HTMLParser):
    """The text of an HTML page outside hidden elements, one line per block; no tree, so no depth limit."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN_ELEMENTS:
            self.hidden += 1
        elif tag in BLOCK_ELEMENTS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN_ELEMENTS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCK_ELEMENTS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The visible text of an HTML page, whitespace collapsed as a browser does, one line per block."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def read_markdown(text: str, source: str) -> str:
    """The text a reader sees in a Markdown document (see ``nlp.markdown``)."""
    try:
        from .markdown import render_markdown
    except Exception as exc:  # noqa: BLE001
        raise _reader_missing(source, "Markdown files", "markdown-it-py", exc) from exc
    return render_markdown(text)


def read_pdf(data: bytes, source: str, *, max_chars: int = 0) -> str:
    """Text of a PDF via pypdf, pages separated by blank lines; an encrypted PDF that opens without a password
    (an empty user password) is decrypted. Reading stops with ``too_large`` once ``max_chars`` is passed."""
    try:
        from pypdf import PdfReader
    except Exception as exc:  # noqa: BLE001
        raise _reader_missing(source, "PDF files", "pypdf", exc) from exc
    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.ERROR)  # its warnings on damaged files say nothing a reader can act on
    try:
        reader = PdfReader(io.BytesIO(data))
        pages: list[str] = []
        size = 0
        for page in reader.pages:
            pages.append((page.extract_text() or "").strip())
            size += len(pages[-1]) + 2
            if max_chars and size > max_chars:
                raise DocumentError("too_large", f"{source}: {_too_large(max_chars)}")
    except DocumentError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on damaged or encrypted files
        if type(exc).__name__ == "FileNotDecryptedError":
            raise DocumentError("pdf", f"{source}: the PDF is encrypted with a password") from exc
        raise DocumentError("pdf", f"{source}: the PDF could not be read ({type(exc).__name__}: {exc})") from exc
    finally:
        pypdf_log.setLevel(level)
    return "\n\n".join(pages)


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
