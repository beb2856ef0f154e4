import pytest

from nlp.errors import InputError
from nlp.sources import chunk_text, decode_text, expand_inputs, read_bytes, read_path

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
