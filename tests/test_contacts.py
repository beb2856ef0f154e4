"""Contact details are never entities nor inside one."""

from presstag.contacts import contact_spans
from tests.helpers import ents, pipeline


def test_contact_details_are_found():
    text = ("Call 314-602-8918, 3146028918, (212) 418-1217, +1 212 418 1217 or 758-9826; mail press@acme.com; see "
            "https://www.BioMedWire.com/Disclaimer and www.RedfundCapital.com. Texaswww.example.com/x #GreenSM @acme")
    assert [text[s:e] for s, e in contact_spans(text)] == [
        "314-602-8918", "3146028918", "(212) 418-1217", "+1 212 418 1217", "758-9826", "press@acme.com",
        "https://www.BioMedWire.com/Disclaimer", "www.RedfundCapital.com", "Texaswww.example.com/x", "#GreenSM",
        "@acme"]


def test_dates_years_and_bare_domains_are_not_contact_details():
    text = "From 2024-2026 and 1884-1949, on 2025-03-05 and 21/03/2023, 10,000 people read Orda.kz and Newsworthy.ai."
    assert contact_spans(text) == []


def test_no_entity_overlaps_a_contact_detail():
    nlp = pipeline({"https://www.BioMedWire.com/Disclaimer": "PERSON", "press@acme.com": "ORG", "758-9826": "DATE",
                    "Acme": "ORG", "Orda.kz": "ORG"}, [])
    doc = nlp("Acme (press@acme.com, 758-9826) and Orda.kz: see https://www.BioMedWire.com/Disclaimer today.")
    assert ents(doc) == [("Acme", "ORG"), ("Orda.kz", "ORG")]


def test_an_address_after_a_very_long_word_is_found_and_the_word_is_none():
    # the search's time over such words is measured by bench/pathological.py
    for unit in ("A", "a-", "a.", "1-", "_"):
        word = unit * (40_000 // len(unit))
        assert contact_spans(word + " press@acme.com") == [(len(word) + 1, len(word) + 15)]


def test_an_address_after_an_ellipsis_is_still_found():
    text = "Read more...acme.com/news or mail ...press@acme.com"
    assert [text[s:e] for s, e in contact_spans(text)] == ["acme.com/news", "...press@acme.com"]
