"""Markdown as a reader sees it: text without markup, link targets or images; navigation after the last rule
left out."""

import pytest

from presstag.markdown import render_markdown
from presstag.sources import read_bytes

RELEASE = """# Acme Robotics Opens Office in Geneva &amp; Zurich

GENEVA - March 3, 2025 (NEWMEDIAWIRE) - **Acme Robotics**, a maker of [industrial robots](https://acme.example/robots),
today announced a new office. ![Logo](https://cdn.example/logo.png)

* Jane Doe, Chief Executive Officer
* John Roe, [Head of Sales](https://acme.example/roe)

| Region | Sales |
|---|---|
| Europe | 12 |

    indented text stays

<div>Contact: <b>press@acme.example</b></div>

---

[Original/Source Press Release](https://wire.example/acme)

Pickup - [https://news.example](https://news.example/acme)

The issuer is solely responsible for the content of this announcement.
"""


def test_markdown_renders_to_the_text_a_reader_sees():
    text = render_markdown(RELEASE)
    assert text == (
        "Acme Robotics Opens Office in Geneva & Zurich\n\n"
        "GENEVA - March 3, 2025 (NEWMEDIAWIRE) - Acme Robotics, a maker of industrial robots,\n"
        "today announced a new office.\n\n"
        "- Jane Doe, Chief Executive Officer\n"
        "- John Roe, Head of Sales\n\n"
        "Region\tSales\nEurope\t12\n\n"
        "indented text stays\n\n"
        "Contact: press@acme.example\n\n"
        "The issuer is solely responsible for the content of this announcement.\n"
    )


def test_links_before_the_last_rule_are_kept_as_text():
    assert render_markdown("See [Original/Source Press Release](https://x.example) for more.\n") == (
        "See Original/Source Press Release for more.\n")


def test_a_markdown_file_is_read_as_rendered_text():
    doc = read_bytes(RELEASE.encode("utf-8"), id="r", source="r.md", suffix=".md")
    assert doc.error is None
    assert doc.text.startswith("Acme Robotics Opens Office in Geneva & Zurich\n\nGENEVA - March 3, 2025")
    assert "](" not in doc.text and "https://" not in doc.text and "**" not in doc.text
    plain = read_bytes(RELEASE.encode("utf-8"), id="r", source="r.txt", suffix=".txt")
    assert plain.text == RELEASE  # a .txt file is read as written


# ---------------------------------------------------------------------------------------------- hostile inputs


def test_ten_levels_of_lists_keep_every_level_and_what_follows():
    source = "".join("  " * i + f"- level {i}: Angela Merkel in Paris.\n" for i in range(10))
    source += "\nFinal paragraph about Berlin.\n"
    text = render_markdown(source)
    assert text == "".join(f"- level {i}: Angela Merkel in Paris.\n" for i in range(10)) + (
        "\nFinal paragraph about Berlin.\n")


@pytest.mark.parametrize("depth", [20, 60, 5000])
def test_block_quotes_nested_at_any_depth_keep_their_text(depth):
    text = render_markdown(">" * depth + " Angela Merkel spoke in Paris.\n\nAfter the quote, Berlin.\n")
    assert text == "Angela Merkel spoke in Paris.\n\nAfter the quote, Berlin.\n"


def test_lists_nested_past_the_limit_keep_every_word():
    source = "".join("  " * i + f"- level {i} word{i}\n" for i in range(60)) + "\nFinal paragraph about Berlin.\n"
    text = render_markdown(source)
    assert all(f"level {i} word{i}\n" in text for i in range(60))
    assert text.endswith("Final paragraph about Berlin.\n")
    nested = "- " * 200 + "deep list words\n\nFinal paragraph about Berlin.\n"  # no way to flatten: as written
    assert render_markdown(nested) == nested


def test_a_deeply_quoted_markdown_file_is_read_not_empty():
    doc = read_bytes((">" * 5000 + " Angela Merkel spoke in Paris.\n").encode(), id="q", source="q.md", suffix=".md")
    assert doc.error is None and doc.text == "Angela Merkel spoke in Paris.\n"
