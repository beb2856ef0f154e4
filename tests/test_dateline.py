import pytest

from presstag.dateline import find_dateline


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
        # wire services
        ("Green SM launches a taxi service\n\nNEW DELHI, INDIA - Media OutReach Newswire - 6 June 2026 - Green SM "
         "officially launched", "NEW DELHI, INDIA", "2026-06-06",
         "NEW DELHI, INDIA - Media OutReach Newswire - 6 June 2026"),
        ("A headline\n\n(NewMediaWire) - July 01, 2025 - DALLAS — The American Heart Association", "DALLAS",
         "2025-07-01", "(NewMediaWire) - July 01, 2025 - DALLAS"),
        ("A headline\n\nST. LOUIS, MO / PR Karma / January 9, 2025 11:45\n\nSt Louis, MO. (January 9, 2025) –",
         "ST. LOUIS, MO", "2025-01-09", "ST. LOUIS, MO / PR Karma / January 9, 2025"),
        ("A headline\n\nAustin, Texas (Newsworthy.ai) Friday Oct 24, 2025 @ 5:00 AM Pacific — The Livestrong",
         "Austin, Texas", "2025-10-24", "Austin, Texas (Newsworthy.ai) Friday Oct 24, 2025"),
        # the date on a line of its own
        ("News Release 17-Aug-2020\n\n2D materials for transistors", None, "2020-08-17", "17-Aug-2020"),
        ("Department of Justice\nFOR IMMEDIATE RELEASE\nMonday, September 28, 2015\n\nJustice Department Announces",
         None, "2015-09-28", "Monday, September 28, 2015"),
        ("Wärtsilä likely to be awarded an order\n\nWärtsilä Corporation, Company Announcement, 31 January 2012, at "
         "3:00 PM (EET)\n\nA bid consortium", None, "2012-01-31", "31 January 2012"),
        ("TC Energy Goes All-In\n\nMay 13, 2020 09:00 AM Eastern Daylight Time\n\nSEATTLE--(BUSINESS WIRE)--Today, "
         "Amazon", "SEATTLE", "2020-05-13", "May 13, 2020"),
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


def test_a_wire_service_in_the_dateline_is_named():
    found = find_dateline("NEW DELHI, INDIA - Media OutReach Newswire - 6 June 2026 - Green SM launched")
    assert (found.wire, found.wire_start) == ("Media OutReach Newswire", 19)


@pytest.mark.parametrize(
    "text",
    ["Results for the quarter ended March 31, 2025, beat the estimates of the analysts who follow the company.",
     "Monday, the company said it would close."],
)
def test_a_date_in_a_sentence_is_no_date_line(text):
    assert find_dateline(text) is None
