import io
import os
import re
import sys
from pathlib import Path

import pytest

from presstag.errors import InputError
from presstag.sources import chunk_text, decode_text, expand_inputs, read_bytes, read_inputs, read_path

TEXT = "Amnesty International said on 3 March 2024 in Geneva that Café Zoë closed."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
    ],
)
def test_decode_known_encodings(data, encoding):
    assert decode_text(data, "x") == (TEXT, encoding)


def test_decode_legacy_encoding_is_detected_and_reported():
    data = ("Le ministère a déclaré que la société générale était fermée. " * 5).encode("cp1252")
    doc = read_bytes(data, id="x", source="x.txt", suffix=".txt")
    assert doc.error is None
    assert "ministère" in doc.text
    assert doc.metadata["encoding"] == "cp1252"


@pytest.mark.parametrize(
    ("data", "kind"),
    [(b"", "empty"), (b"   \n\n", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
     (b"%PDF-1.4 this is not really a pdf", "pdf")],
)
def test_bad_bytes_become_error_records(data, kind):
    doc = read_bytes(data, id="x", source="x.txt", suffix=".txt")
    assert doc.text is None
    assert doc.error is not None and doc.error.type == kind
    assert "x.txt" in doc.error.message and "\n" not in doc.error.message


def test_read_path_missing_file_is_an_error_record(tmp_path):
    doc = read_path(tmp_path / "gone.txt")
    assert doc.error.type == "missing" and doc.id == "gone"


def test_html_main_text_and_metadata(tmp_path):
    page = tmp_path / "release.html"
    page.write_text(
        "<html><head><title>Rights groups urge release</title>"
        '<meta property="article:published_time" content="2024-03-05"></head><body>'
        "<nav>Home | About | Donate</nav><script>var x = 1;</script>"
        "<article><h1>Rights groups urge release</h1>"
        + "<p>Human Rights Watch said on Tuesday that the authorities in Almaty must free the journalist.</p>" * 3
        + "</article><footer>Copyright</footer></body></html>",
        encoding="utf-8",
    )
    doc = read_path(page)
    assert doc.error is None
    assert "Human Rights Watch said on Tuesday" in doc.text
    assert "var x" not in doc.text and "Donate" not in doc.text
    assert doc.metadata["title"] == "Rights groups urge release"
    assert doc.metadata["date"] == "2024-03-05"


def test_expand_inputs_folders_globs_and_errors(tmp_path):
    (tmp_path / "a.txt").write_text("A", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("<p>B</p>", encoding="utf-8")
    (tmp_path / "sub" / "c.png").write_bytes(b"\x89PNG")
    assert expand_inputs([str(tmp_path)]) == [str(tmp_path / "a.txt"), str(tmp_path / "sub" / "b.html")]
    assert expand_inputs([str(tmp_path / "*.txt"), "-"]) == [str(tmp_path / "a.txt"), "-"]
    with pytest.raises(InputError, match="no such file or folder"):
        expand_inputs([str(tmp_path / "nope.txt")])
    with pytest.raises(InputError, match="matches no files"):
        expand_inputs([str(tmp_path / "*.doc")])
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no .txt"):
        expand_inputs([str(tmp_path / "empty")])


def test_chunk_text_cuts_at_paragraphs_and_keeps_offsets():
    text = ("Para one is here.\n\n" * 30) + "Tail."
    chunks = chunk_text(text, 100)
    assert "".join(c for _, c in chunks) == text
    assert all(len(c) <= 100 for _, c in chunks)
    assert all(text[off:off + len(c)] == c for off, c in chunks)
    assert all(c.endswith("\n\n") for _, c in chunks[:-1])
    assert chunk_text("short", 100) == [(0, "short")]


# ---------------------------------------------------------------------------------------------- hostile inputs

RELEASE = "Human Rights Watch said in Geneva that the journalist must be freed."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (RELEASE.encode("utf-32"), "utf-32"),  # its BOM begins with UTF-16's: read as UTF-16 it was garbage
        (RELEASE.encode("utf-16-le"), "utf-16-le"),  # no BOM: was called binary
        (RELEASE.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_utf32_and_bomless_utf16_are_decoded(data, encoding):
    assert decode_text(data, "x") == (RELEASE, encoding)


def test_a_stray_nul_does_not_reject_a_release_but_binary_is_still_binary():
    doc = read_bytes(b"Human Rights Watch said in Geneva\x00 that the journalist must be freed.", id="x",
                     source="x.txt", suffix=".txt")
    assert doc.error is None and doc.text == "Human Rights Watch said in Geneva  that the journalist must be freed."
    assert read_bytes(bytes(range(256)) * 40, id="b", source="b.txt", suffix=".txt").error.type == "binary"


def test_a_file_name_that_is_not_utf8_is_read_and_written_as_text(tmp_path):
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_text(RELEASE, encoding="utf-8")
    doc = read_path(tmp_path / name)
    assert doc.error is None and doc.text == RELEASE
    assert doc.id == "caf\\xe9" and doc.source == str(tmp_path) + "/caf\\xe9.txt"
    assert doc.source.encode("utf-8")  # no surrogates: JSON, CSV and SQLite can hold it
    assert expand_inputs([str(tmp_path)]) == [str(tmp_path / name)]


def test_a_file_above_the_size_limit_is_a_too_large_record_read_no_further(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(RELEASE * 100, encoding="utf-8")
    doc = read_path(big, max_bytes=1000)
    assert doc.error.type == "too_large" and doc.text is None
    assert doc.error.message == f"{big}: larger than the size limit of 0.001 MB (--max-size)"
    assert read_path(big, max_bytes=0).error is None  # 0: no limit
    stdin = next(read_inputs(["-"], stdin=io.BytesIO(RELEASE.encode() * 100), max_bytes=1000))
    assert stdin.error.type == "too_large"


def test_symlink_loops_are_not_followed_and_each_file_is_read_once(tmp_path):
    (tmp_path / "a.txt").write_text(RELEASE)
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "b.txt").write_text(RELEASE)
    (sub / "loop").symlink_to(tmp_path)
    (sub / "also-a.txt").symlink_to(tmp_path / "a.txt")
    expected = [str(tmp_path / "a.txt"), str(sub / "b.txt")]
    assert expand_inputs([str(tmp_path)]) == expected
    assert expand_inputs([str(tmp_path / "**" / "*.txt")]) == expected
    assert expand_inputs([str(tmp_path / "a.txt"), str(sub / "loop" / "a.txt")]) == [str(tmp_path / "a.txt")]


def test_an_unlistable_subfolder_becomes_an_error_record(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(RELEASE)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text(RELEASE)
    real_scandir, real_listdir = os.scandir, os.listdir

    def refuse(path, real):
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(locked))
        return real(path)

    monkeypatch.setattr(os, "scandir", lambda p=".": refuse(p, real_scandir))
    monkeypatch.setattr(os, "listdir", lambda p=".": refuse(p, real_listdir))
    paths = expand_inputs([str(tmp_path)])
    assert paths == [str(tmp_path / "a.txt"), str(locked)]
    docs = list(read_inputs(paths))
    assert docs[0].error is None
    assert docs[1].error.type == "unreadable"
    assert docs[1].error.message == f"{locked}: the folder cannot be listed (Permission denied)"


def test_a_reader_that_cannot_be_loaded_is_a_reader_error_record(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import trafilatura now raises ImportError
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>" + RELEASE + "</p></body></html>")
    doc = read_path(page)
    assert doc.error.type == "reader"
    assert doc.error.message.startswith(f"{page}: HTML pages cannot be read here: trafilatura could not be loaded")
    assert doc.sha256 is not None


def test_a_crashing_parser_is_the_documents_error_not_the_runs(tmp_path, monkeypatch):
    import presstag.sources as sources

    def crash(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(sources, "read_pdf", crash)
    doc = read_bytes(b"%PDF-1.7 whatever", id="x", source="x.pdf", suffix=".pdf")
    assert doc.error.type == "pdf"
    assert doc.error.message == "x.pdf: could not be read (RecursionError: maximum recursion depth exceeded)"


@pytest.mark.shared
def test_an_aes_encrypted_pdf_with_an_empty_password_is_read():
    pdf = Path(__file__).resolve().parents[2] / "shared" / "fuzz" / "aes-encrypted.pdf"
    if not pdf.exists():
        pytest.skip("../shared/fuzz is not beside this checkout")
    doc = read_path(pdf)
    assert doc.error is None
    assert doc.text.startswith("GENEVA (17 May 2023) - Human Rights Watch said today")


def test_pypdf_warnings_on_a_damaged_pdf_stay_quiet(tmp_path):
    import subprocess

    from pypdf import PdfWriter

    out = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.write(out)
    pdf = out.getvalue()
    offset = re.search(rb"startxref\s+(\d+)", pdf)
    damaged = tmp_path / "d.pdf"  # a wrong xref offset: pypdf logs "incorrect startxref pointer"
    damaged.write_bytes(pdf[:offset.start(1)] + str(int(offset.group(1)) + 3).encode() + pdf[offset.end(1):])
    code = f"from presstag.sources import read_path; print(read_path({str(damaged)!r}).error.type)"
    # a process of its own: pytest's log capture would hide the warning that reaches a user's terminal
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout == "empty\n"  # a blank page, read all the same
    assert proc.stderr == ""


def test_html_nested_deeper_than_lxml_parses_keeps_its_text():
    body = "<p>Angela Merkel met Emmanuel Macron in Paris on Monday.</p><p>A second paragraph about Berlin.</p>"
    for depth in (250, 300, 3000):
        page = f"<html><head><title>T</title></head><body>{'<div>' * depth}{body}{'</div>' * depth}</body></html>"
        doc = read_bytes(page.encode(), id="x", source="x.html", suffix=".html")
        assert doc.error is None, depth
        assert doc.text == "Angela Merkel met Emmanuel Macron in Paris on Monday.\nA second paragraph about Berlin."


def test_an_html_page_with_no_visible_text_is_still_empty():
    page = "<html><head><title>T</title><script>var x = 'text';</script></head><body><style>p {}</style></body></html>"
    doc = read_bytes(page.encode(), id="x", source="x.html", suffix=".html")
    assert doc.error.type == "empty" and doc.error.message == "x.html: no text found in the HTML page"


def _read_in_a_thread(path: Path):
    """``read_path(path)``, failing the test (not hanging it) if reading blocks."""
    import threading

    out = []
    reader = threading.Thread(target=lambda: out.append(read_path(path)), daemon=True)
    reader.start()
    reader.join(10)
    assert not reader.is_alive(), f"reading {path} blocked"
    return out[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_broken_link_or_a_named_pipe_in_a_folder_is_an_error_record_and_never_blocks(tmp_path):
    (tmp_path / "good.txt").write_text(RELEASE, encoding="utf-8")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "pipe").mkdir()
    os.mkfifo(tmp_path / "pipe" / "notes.doc")  # not a readable kind: not listed
    listed = [str(tmp_path / name) for name in ("dangling.txt", "good.txt", "pipe.txt")]
    assert expand_inputs([str(tmp_path)]) == listed
    assert expand_inputs([str(tmp_path / "*.txt")]) == listed
    dangling, good, pipe = (_read_in_a_thread(Path(p)) for p in listed)
    assert good.error is None and good.text == RELEASE
    assert dangling.error.type == "missing"
    assert dangling.error.message == f"{tmp_path / 'dangling.txt'}: a link to a file that does not exist"
    assert pipe.error.type == "unreadable"
    assert pipe.error.message == f"{tmp_path / 'pipe.txt'}: not a regular file (a named pipe), not read"
