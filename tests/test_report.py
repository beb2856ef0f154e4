"""The HTML report: self-contained, escaped, and rendered by a real browser (headless Chromium) when present."""

import re
import shutil
import subprocess
from html.parser import HTMLParser
from io import StringIO

import pytest

from presstag.report import write_html
from presstag.types import CanonicalEntity, DocumentResult, ErrorRecord, ExtractorInfo, Mention, Quote

INFO = ExtractorInfo(version="0", model="en_test", model_version="1")
TEXT = "GENEVA - Anna <Petrova> said “we will appeal the ruling now,” on 5 March 2024."


def sample() -> list[DocumentResult]:
    ents = (Mention("GENEVA", "PLACE", "GPE", 0, 6, canonical="Geneva"),
            Mention("Anna <Petrova>", "PERSON", "PERSON", 9, 23, canonical="Anna <Petrova>"),
            Mention("5 March 2024", "DATE", "DATE", TEXT.index("5 M"), TEXT.index("5 M") + 12, value="2024-03-05"))
    ok = DocumentResult(
        id="geneva", source="in/geneva.txt", extractor=INFO, entities=ents, text=TEXT, reference_date="2024-03-05",
        quotes=(Quote("Anna <Petrova>", "lawyer", None, 30, 59, "we will appeal the ruling now,"),),
        canonical_entities=(CanonicalEntity("Geneva", "PLACE", 1, 0, ("GENEVA",), 0.8),
                            CanonicalEntity("Anna <Petrova>", "PERSON", 1, 9, (), 0.7)),
    )
    bad = DocumentResult(id="blob", source="in/blob.txt", extractor=INFO,
                         error=ErrorRecord("binary", "in/blob.txt: binary data, not text"))
    return [ok, bad]


class Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.marks, self.urls = [], [], []
        self._in_mark = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        a = dict(attrs)
        self.urls += [v for k, v in attrs if k in ("src", "href") and v and not v.startswith("#")]
        if tag == "mark":
            self._in_mark = True
            self.marks.append([a.get("class"), a.get("title"), ""])

    def handle_endtag(self, tag):
        if tag == "mark":
            self._in_mark = False

    def handle_data(self, data):
        if self._in_mark:
            self.marks[-1][2] += data


def test_report_is_self_contained_escaped_and_indexed():
    out = StringIO()
    write_html(sample(), out)
    page = out.getvalue()
    p = Collect()
    p.feed(page)
    assert "script" not in p.tags and "link" not in p.tags and p.urls == []  # nothing loaded from elsewhere
    assert not re.search(r"url\(|@import|https?://", page)
    assert p.marks == [["PLACE", "PLACE: Geneva", "GENEVA"], ["PERSON", "PERSON", "Anna <Petrova>"],
                       ["DATE", "DATE: 2024-03-05", "5 March 2024"]]
    assert "Anna &lt;Petrova&gt;" in page and "<Petrova>" not in page
    assert 'href="#doc-1"' in page and 'href="#doc-2"' in page  # the batch index
    assert "binary: in/blob.txt: binary data, not text" in page
    assert '<td>Geneva</td><td><span class="label PLACE">PLACE</span></td><td class="num">1</td><td>GENEVA</td>' \
        '<td class="num">0.80</td>' in page


def _chromium() -> str | None:
    return next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)


@pytest.mark.model
@pytest.mark.shared
@pytest.mark.skipif(_chromium() is None, reason="Chromium is not installed (Debian package: chromium)")
def test_chromium_renders_the_sample_report(tmp_path):
    from typer.testing import CliRunner

    from presstag.cli import app
    from presstag.sources import read_pdf
    from tests.conftest import KZ_TEXT

    html = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["extract", str(KZ_TEXT), "-f", "html", "-o", str(html), "-q"])
    assert result.exit_code == 0
    pdf = tmp_path / "report.pdf"
    subprocess.run([_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.as_uri()],
                   capture_output=True, timeout=120, check=True)
    rendered = " ".join(read_pdf(pdf.read_bytes(), str(pdf)).split())
    for seen in ("Gulnara Bazhkenova", "Bazhkenova", "Human Rights Watch", "Maisy Weicherding",
                 "Central Asia researcher", "Amnesty International", "Leila Seiitbek", "Freedom for Eurasia",
                 "Mihra Rittmann", "Central Asia adviser", "2025-12-18", "Quotes", "Timeline"):
        assert seen in rendered, seen
    shot = tmp_path / "report.png"
    subprocess.run([_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--window-size=1200,900", f"--screenshot={shot}", html.as_uri()],
                   capture_output=True, timeout=120, check=True)
    assert shot.stat().st_size > 10_000  # a page was painted, not a blank one
