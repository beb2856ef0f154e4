import pytest
from spacy.tokens import Span

from presstag.components.labels import LabelMapper
from presstag.errors import OptionError
from presstag.labels import load_label_map, parse_labels
from presstag.spans import key, meta


def test_label_map_is_the_annotation_table():
    table = load_label_map()
    assert table["GPE"] == table["LOC"] == table["FAC"] == "PLACE"
    assert table["PERSON"] == "PERSON" and table["ORG"] == "ORG" and table["DATE"] == "DATE"
    assert "NORP" not in table and "TIME" not in table and "LAW" not in table


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, ("PERSON", "ORG", "PLACE", "DATE")), ("person,org", ("PERSON", "ORG")), ("DATE", ("DATE",)),
     ("PLACE, PLACE", ("PLACE",))],
)
def test_parse_labels(value, expected):
    assert parse_labels(value) == expected


def test_parse_labels_rejects_unknown():
    with pytest.raises(OptionError, match="unknown label GPE"):
        parse_labels("PERSON,GPE")


def _doc_with(nlp, text, ents):
    doc = nlp(text)
    doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in ents]
    return doc


def test_mapper_maps_drops_and_trims(blank_nlp):
    mapper = LabelMapper(label_map=load_label_map())
    text = "The Norwegian Helsinki Committee met Syrian officials in Almaty on Monday at 10 a.m. with Bokayev's lawyer."
    # tokens: The(0) Norwegian(1) Helsinki(2) Committee(3) met(4) Syrian(5) officials(6) in(7) Almaty(8) on(9)
    # Monday(10) at(11) 10(12) a.m.(13) with(14) Bokayev(15) 's(16) lawyer(17) .(18)
    doc = _doc_with(blank_nlp, text, [(0, 4, "ORG"), (5, 6, "NORP"), (8, 9, "GPE"), (10, 11, "DATE"),
                                      (12, 14, "TIME"), (15, 17, "PERSON")])
    doc = mapper(doc)
    got = [(e.text, e.label_) for e in doc.ents]
    assert got == [("Norwegian Helsinki Committee", "ORG"), ("Almaty", "PLACE"), ("Monday", "DATE"),
                   ("Bokayev", "PERSON")]
    almaty = doc.ents[1]
    info = meta(doc)[key(almaty)]
    assert info["source_label"] == "GPE" and info["evidence"] == ["model"]
