import pytest
from spacy.tokens import Span

from nlp.spans import trim


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("the Norwegian Helsinki Committee said", 0, 4, "Norwegian Helsinki Committee"),
        ("Bazhkenova’s home", 0, 2, "Bazhkenova"),
        ("Orda.kz's lawyers", 0, 2, "Orda.kz"),
        ("“Just Journalism” project", 0, 4, "Just Journalism"),
        ("(London, December", 0, 3, "London"),
        ("the U.S. said", 0, 2, "U.S."),
        ("the", 0, 1, None),
    ],
)
def test_trim(blank_nlp, text, start, end, expected):
    doc = blank_nlp(text)
    got = trim(Span(doc, start, end, label="X"))
    assert (got.text if got is not None else None) == expected
