import pytest
from spacy.tokens import Span

from presstag.spans import trim


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


def test_entity_set_finds_overlaps_through_its_token_index(blank_nlp):
    from presstag.spans import EntitySet

    doc = blank_nlp("Human Rights Watch met officials in Almaty and Astana on Monday")
    hrw, almaty, astana = Span(doc, 0, 3, "ORG"), Span(doc, 6, 7, "PLACE"), Span(doc, 8, 9, "PLACE")
    ents = EntitySet([astana, hrw, almaty])
    assert ents.overlapping(2, 7) == [hrw, almaty]  # in document order
    assert ents.overlapping(3, 6) == []
    assert ents.exact(6, 7) == almaty and ents.exact(5, 7) is None
    bigger = Span(doc, 5, 9, "PLACE")
    ents.replace(almaty, bigger)
    assert ents.overlapping(8, 9) == [bigger, astana]
    ents.remove(astana)
    ents.remove(astana)  # removing twice is harmless
    assert sorted((s.start, s.end) for s in ents) == [(0, 3), (5, 9)] and len(ents) == 2


def test_claim_replaces_what_it_overlaps_or_votes_for_the_same_bounds(blank_nlp):
    from presstag.spans import EntitySet, claim, meta

    doc = blank_nlp("Islamic State of Iraq and the Levant fighters")
    ents = EntitySet([Span(doc, 0, 2, "ORG"), Span(doc, 3, 4, "PLACE")])
    claim(doc, ents, Span(doc, 0, 7, "ORG"), "gazetteer")
    assert [(s.text, s.label_) for s in ents] == [("Islamic State of Iraq and the Levant", "ORG")]
    claim(doc, ents, Span(doc, 0, 7, "ORG"), "grammar")
    assert meta(doc)["0:36"]["evidence"] == ["gazetteer", "grammar"] and len(ents) == 1


def test_no_entity_holds_a_control_character():
    from tests.helpers import ents, pipeline

    nlp = pipeline({"John\x01Smith": "PERSON", "\x1b[31mIBM\x1b[0m": "ORG", "Acme": "ORG"}, [])
    doc = nlp("John\x01Smith of \x1b[31mIBM\x1b[0m met Acme.")
    assert ents(doc) == [("Acme", "ORG")]  # a pipeline that tokenizes escapes into words: those are dropped


def test_control_spans_cover_whole_escape_sequences():
    from presstag.spans import control_spans

    text = "a\x1b[1;31mb\x1b]8;;https://x\x1b\\c\x1b(Bd\x07e\tf\ng\x1b."
    assert [text[s:e] for s, e in control_spans(text)] == ["\x1b[1;31m", "\x1b]8;;https://x\x1b\\", "\x1b(B", "\x07",
                                                           "\x1b"]
