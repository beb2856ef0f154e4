import pytest

from nlp.dateline import find_dateline


@pytest.mark.parametrize(
    ("text", "place", "date", "dateline_text"),
    [
        ("(London, December 17, 2025) – Authorities in Kazakhstan have", "London", "2025-12-17",
         "(London, December 17, 2025)"),
        ("GENEVA, March 3, 2024 /PRNewswire/ -- The company said", "GENEVA", "2024-03-03", "GENEVA, March 3, 2024"),
        ("WASHINGTON — Jan. 8, 2019 — The Secretary met", "WASHINGTON", "2019-01-08", "WASHINGTON — Jan. 8, 2019"),
        ("17 December 2025 — Nairobi: Officials said", "Nairobi", "2025-12-17", "17 December 2025 — Nairobi:"),
        ("Statement on the elections\nDate: 21/03/2023\nThe ministry", None, "2023-03-21", "Date: 21/03/2023"),
        ("NEW YORK (Reuters), Sept. 5, 2024 -- A group", "NEW YORK", "2024-09-05", None),
        ("Brussels, 4 June 2024\n\nThe Council adopted", "Brussels", "2024-06-04", "Brussels, 4 June 2024"),
        ("Sanctions announced\n\nPublished 14 February 2024\n\nThe UK", None, "2024-02-14",
         "Published 14 February 2024"),
        ("GENEVA (17 May 2023) – UN human rights experts today urged", "GENEVA", "2023-05-17",
         "GENEVA (17 May 2023)"),
    ],
)
def test_dateline_forms(text, place, date, dateline_text):
    found = find_dateline(text)
    assert found is not None
    assert found.place == place
    assert found.date == date
    if dateline_text:
        assert found.text == dateline_text
        assert text[found.start:found.end] == dateline_text


def test_us_release_reads_numeric_dates_month_first():
    found = find_dateline("WASHINGTON\nDate: 03/04/2023\nThe U.S. Department of State announced")
    assert found.date == "2023-03-04"
    found = find_dateline("Date: 03/04/2023\nThe ministry in Nairobi announced")
    assert found.date == "2023-04-03"


@pytest.mark.parametrize(
    "text",
    ["On December 1, police searched the newsroom.", "Human Rights Watch said today that", ""],
)
def test_no_dateline(text):
    assert find_dateline(text) is None
