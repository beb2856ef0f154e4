"""Date values, written from ANNOTATION.md and the date rules (reference dates chosen per case)."""

from datetime import date

import pytest

from presstag.dates import FUTURE_CUES, PAST_CUES, Tense, choose_year, numeric_date, resolve, sentence_cues

DEC17 = date(2025, 12, 17)  # a Wednesday
JAN10 = date(2024, 1, 10)  # a Wednesday
JUN15 = date(2023, 6, 15)  # a Thursday


@pytest.mark.parametrize(
    ("text", "ref", "sentence", "expected"),
    [
        # absolute dates, US and day-first, abbreviations, ordinals
        ("December 1, 2025", DEC17, "", "2025-12-01"),
        ("1 December 2025", DEC17, "", "2025-12-01"),
        ("Dec. 6th, 2016", DEC17, "", "2016-12-06"),
        ("Dec. 6, 2016", None, "", "2016-12-06"),
        ("Sept. 5, 2024", None, "", "2024-09-05"),
        ("Sept 5, 2024", None, "", "2024-09-05"),
        ("5 Sept 2024", None, "", "2024-09-05"),
        ("March 3rd, 2024", None, "", "2024-03-03"),
        ("the 3rd of March 2024", None, "", "2024-03-03"),
        ("Wednesday, 17 December 2025", None, "", "2025-12-17"),
        ("2023-03-21", None, "", "2023-03-21"),
        ("21/03/2023", None, "", "2023-03-21"),
        ("03/21/2023", None, "", "2023-03-21"),
        ("21.03.2023", None, "", "2023-03-21"),
        ("31 February 2024", None, "", None),
        # months and years
        ("April 2016", None, "", "2016-04"),
        ("April, 2016", None, "", "2016-04"),
        ("2025", None, "", "2025"),
        ("in 2024", None, "", "2024"),
        ("the end of 2023", DEC17, "", "2023"),
        ("early 2024", DEC17, "", "2024"),
        ("late November", DEC17, "accounts were removed in late November", "2025-11"),
        ("mid-March", JUN15, "talks collapsed in mid-March", "2023-03"),
        ("early January", DEC17, "the court will rule in early January", "2026-01"),
        ("the beginning of June", JAN10, "the law will take effect at the beginning of June", "2024-06"),
        # year-less dates take the year that fits the sentence
        ("December 18", DEC17, "On December 18, when the bill goes to a vote", "2025-12-18"),
        ("December 2", DEC17, "the website experienced an attack on December 2", "2025-12-02"),
        ("January", DEC17, "has repeatedly pledged, including in January at its review", "2025-01"),
        ("9 January", DEC17, "The court will hear the appeal on 9 January", "2026-01-09"),
        ("November", JAN10, "The delegation met officials in November", "2023-11"),
        ("November 28", JAN10, "They published the film on November 28", "2023-11-28"),
        ("February 3", JAN10, "The trial is scheduled to open on February 3", "2024-02-03"),
        ("July", DEC17, "The account was removed in July", "2025-07"),
        ("12 February", DEC17, "The minister met her counterpart on 12 February", "2025-02-12"),
        ("December 20", DEC17, "", "2025-12-20"),
        ("January 5", DEC17, "", "2026-01-05"),
        ("December 1", None, "police detained her on December 1", None),
        # ranges
        ("5-6 April 2024", None, "", "2024-04-05/2024-04-06"),
        ("5–6 April 2024", None, "", "2024-04-05/2024-04-06"),
        ("April 5-6, 2024", None, "", "2024-04-05/2024-04-06"),
        ("10-12 March", JAN10, "The summit will take place on 10-12 March", "2024-03-10/2024-03-12"),
        # relative to the reference date
        ("today", DEC17, "", "2025-12-17"),
        ("Today", JAN10, "", "2024-01-10"),
        ("yesterday", DEC17, "", "2025-12-16"),
        ("tomorrow", DEC17, "", "2025-12-18"),
        ("today", None, "", None),
        ("last year", DEC17, "", "2024"),
        ("this year", DEC17, "", "2025"),
        ("next year", DEC17, "", "2026"),
        ("last month", JAN10, "", "2023-12"),
        ("next month", DEC17, "", "2026-01"),
        ("this month", DEC17, "", "2025-12"),
        ("on Friday", DEC17, "police detained him on Friday", "2025-12-12"),
        ("Friday", DEC17, "The court will rule on Friday", "2025-12-19"),
        ("last Friday", DEC17, "", "2025-12-12"),
        ("next Monday", DEC17, "", "2025-12-22"),
        ("Wednesday", DEC17, "She was arrested on Wednesday", "2025-12-17"),
        ("a year ago", DEC17, "", "2024"),
        ("two months ago", DEC17, "", "2025-10"),
        ("three days ago", DEC17, "", "2025-12-14"),
        # durations
        ("two months", DEC17, "", "P2M"),
        ("three days", DEC17, "", "P3D"),
        ("the past three years", DEC17, "", "P3Y"),
        ("past three years", DEC17, "", "P3Y"),
        ("10 years", None, "", "P10Y"),
        ("a decade", None, "", "P10Y"),
        ("six weeks", None, "", "P6W"),
        ("the next two years", None, "", "P2Y"),
        # vague
        ("recent weeks", DEC17, "", None),
        ("several days", DEC17, "", None),
        ("a few months", DEC17, "", None),
        ("the coming weeks", DEC17, "", None),
        ("recent years", DEC17, "", None),
    ],
)
def test_resolve(text, ref, sentence, expected):
    assert resolve(text, ref, sentence=sentence) == expected


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("the same day", date(2025, 12, 1), "2025-12-01"),
        ("same day", date(2025, 12, 1), "2025-12-01"),
        ("that day", date(2024, 3, 5), "2024-03-05"),
        ("the following day", date(2024, 3, 5), "2024-03-06"),
        ("the next day", date(2024, 2, 29), "2024-03-01"),
        ("the previous day", date(2024, 3, 1), "2024-02-29"),
        ("the same day", None, None),
    ],
)
def test_anchored(text, anchor, expected):
    assert resolve(text, DEC17, anchor=anchor) == expected


def test_day_first_unless_the_numbers_or_release_say_otherwise():
    assert numeric_date("04", "05", "2023", day_first=True) == "2023-05-04"
    assert numeric_date("04", "05", "2023", day_first=False) == "2023-04-05"
    assert numeric_date("13", "05", "23", day_first=False) == "2023-05-13"
    assert resolve("04/05/2023", None, day_first=False) == "2023-04-05"


def test_choose_year_by_tense():
    assert choose_year(1, None, DEC17, Tense(past=True, future=False)) == 2025
    assert choose_year(1, None, DEC17, Tense(past=False, future=True)) == 2026
    assert choose_year(1, None, DEC17, Tense(past=False, future=False)) == 2026
    assert choose_year(11, 30, JAN10, Tense(past=False, future=False)) == 2023


@pytest.mark.parametrize(
    ("sentence", "mention"),
    [
        ("The court will hear the appeal on 9 January.", "9 January"),
        ("Last year the court heard the appeal.", "Last year"),
        ("The vote is next week and the review was held last month.", "next week"),
        ("Officials met on 5 May and on 5 May again.", "5 May"),
    ],
)
def test_tense_from_a_sentences_cues_found_once_is_the_tense_without_the_mention(sentence, mention):
    text = sentence.replace(mention, " ")
    plain = Tense(past=bool(PAST_CUES.search(text)), future=bool(FUTURE_CUES.search(text)))
    assert Tense.of(sentence, mention, sentence_cues(sentence)) == plain == Tense.of(sentence, mention)


def test_a_sentence_of_many_dates_finds_its_cues_once(monkeypatch):
    import presstag.components.dates as component
    from tests.helpers import pipeline

    calls = []
    real = component.sentence_cues
    monkeypatch.setattr(component, "sentence_cues", lambda s: calls.append(s) or real(s))
    days = [f"{d} March 2024" for d in range(1, 29)]
    nlp = pipeline(dict.fromkeys(days, "DATE"), ["presstag_dates"])
    doc = nlp("The hearings were held on " + ", ".join(days) + ". The court adjourned.")
    values = [doc._.presstag_meta[f"{e.start_char}:{e.end_char}"]["value"] for e in doc.ents]
    assert values == [f"2024-03-{d:02d}" for d in range(1, 29)]
    assert len(calls) == 1  # one search of the sentence, not one per date


JUN06 = date(2026, 6, 6)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("more than 25 years", "P25Y"), ("nearly 30 years", "P30Y"), ("more than one hundred years", "P100Y"),
        ("five-year", "P5Y"), ("50-year", "P50Y"), ("seventeen days", "P17D"), ("sixty days", "P60D"),
        ("Q4 2025", "2025-Q4"), ("the third quarter of 2025", "2025-Q3"), ("first half of 2025", "2025-H1"),
        ("H2 2024", "2024-H2"), ("fiscal 2024", "FY2024"), ("FY2025", "FY2025"),
        ("fiscal year 2025-26", "2025/2026"), ("2025-26", "2025/2026"), ("1884-1949", "1884/1949"),
        ("2026–2027", "2026/2027"), ("June 5 to June 11", "2026-06-05/2026-06-11"),
        ("July 1, 2025, through June 30, 2026", "2025-07-01/2026-06-30"), ("May 1 to 3, 2025", "2025-05-01/2025-05-03"),
        ("summer 2026", "2026-SU"), ("this winter", "2026-WI"), ("the 1990s", "199"), ("later this year", "2026"),
        ("this November", "2026-11"), ("over a decade ago", "2016"), ("two years ago", "2024"),
        ("2024-03-05", "2024-03-05"), ("12-18 months", None),
    ],
)
def test_business_dates_ranges_and_modified_durations(text, expected):
    assert resolve(text, JUN06) == expected


def test_a_span_of_time_later_counts_from_the_last_date_named():
    assert resolve("A year later", JUN06, anchor=date(2017, 5, 1)) == "2018"
    assert resolve("two days later", JUN06, anchor=date(2017, 5, 1)) == "2017-05-03"
    assert resolve("a year later", JUN06) is None


@pytest.mark.parametrize(
    ("text", "model", "expected"),
    [
        ("It has served clients for more than 25 years.", {"25 years": "DATE"}, [("more than 25 years", "DATE")]),
        ("It ran from June 5 to June 11.", {"June 5": "DATE", "June 11": "DATE"}, [("June 5 to June 11", "DATE")]),
        ("Deposits during the years 2020 and 2021 grew.", {"2020": "DATE", "2021": "DATE"},
         [("years 2020 and 2021", "DATE")]),
        ("The event is on Friday, June 6, 2025.", {"Friday": "DATE", "June 6, 2025": "DATE"},
         [("Friday, June 6, 2025", "DATE")]),
        ("Operations start in Q4 2025 and at POWERGEN 2026.", {"2026": "DATE"}, [("Q4 2025", "DATE")]),
        ("Circuits double every 12-18 months.", {"12-18 months": "DATE"}, []),
        ("Press Release Number: 1181", {"1181": "DATE"}, []),
        ("He lived at 3301 Nostrand Avenue.", {"3301": "DATE"}, []),
        ("Her 10-month-old son and a four-season resort.", {"10-month-old": "DATE", "four-season": "DATE"}, []),
    ],
)
def test_date_span_grammar(text, model, expected):
    from tests.helpers import ents, pipeline

    assert ents(pipeline(model, ["presstag_date_spans"])(text)) == expected
