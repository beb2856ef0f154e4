"""What a release says about its names: About headings, tickers, legal forms, short forms, descriptions, the
subject of its news (nlp/release.py and the presstag_release component)."""

import pytest

from presstag.release import about_headings, boilerplate_start, legal_form_length, ticker_groups
from tests.helpers import ents, pipeline


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("About Kane Fire Protection: Kane is a contractor.", [("Kane Fire Protection", False)]),
        ("About the American Heart Association\nThe Association is …", [("American Heart Association", False)]),
        ("**About AmeriLife**\n", [("AmeriLife", False)]),
        ("ABOUT HARWOOD MUSEUM OF ART: Founded in 1923", [("HARWOOD MUSEUM OF ART", False)]),
        ("About the Office of Justice Programs (OJP) OJP, headed by Karol V. Mason, provides leadership.",
         [("Office of Justice Programs", False)]),
        ("Ahmad Moradi. About AI Era Corp. (OTC: AERA) AI Era Corp. is a firm.", [("AI Era Corp.", False)]),
        # a heading a scraper glued to its section: the name is known, the text there is no mention
        ("About 45Drives45Drives designs and manufactures open storage.", [("45Drives", True)]),
        ("About Haier Smart Home Co., Ltd.Haier Smart Home is the world's largest appliance company.",
         [("Haier Smart Home Co., Ltd.", True)]),
        ("About the Company\nAbout Us\nAbout 200 people attended the opening of the new plant in the city.", []),
    ],
)
def test_about_headings(text, names):
    assert [(text[s:e], glued) for s, e, glued in about_headings(text)] == names


def test_ticker_groups_are_listings_after_a_name():
    text = ("Redfund Capital (CSE: LOAN) (OTC: PNNRF) (Frankfurt: O3X4) met Haier (A-share: 600690.SH; H-share: "
            "06690.HK) and (Note: A).")
    groups = ticker_groups(text)
    assert [text[g.start:g.end] for g in groups] == ["(CSE: LOAN) (OTC: PNNRF) (Frankfurt: O3X4)",
                                                     "(A-share: 600690.SH; H-share: 06690.HK)"]
    assert [(text[slice(*x.market)], text[slice(*x.symbol)], x.exchange) for x in groups[0].listings] == [
        ("CSE", "LOAN", True), ("OTC", "PNNRF", True), ("Frankfurt", "O3X4", True)]
    assert [x.exchange for x in groups[1].listings] == [False, False]


@pytest.mark.parametrize(
    ("words", "length"),
    [(["Inc."], 1), ([",", "Inc.", "said"], 2), (["Co.", ",", "Ltd."], 3), (["GmbH", "&", "Co.", "KG"], 4),
     (["plc"], 1), (["S.A."], 1), (["Corporation"], 1), (["Group"], 0), (["CA"], 0), (["announced"], 0)],
)
def test_legal_forms(words, length):
    assert legal_form_length(words) == length


def test_boilerplate_starts_at_the_closing_about_section_or_safe_harbour():
    body = "Acme opened a plant in Ohio. " * 40
    text = f"{body}\nAbout Acme\nAcme makes robots.\n\nForward-Looking Statements\nThis release …"
    assert text[boilerplate_start(text):].startswith("About Acme")
    assert boilerplate_start(f"About the campaign\n{body}") is None  # in the lead: not boilerplate


RELEASE = ["presstag_release", "presstag_consistency"]


def test_an_about_heading_outweighs_a_surname():
    nlp = pipeline({"Kane Fire Protection": "PERSON", "Pat Kane": "PERSON", "Kane": "PERSON"}, RELEASE)
    doc = nlp("Pat Kane sold Kane Fire Protection. Kane grew.\n\nAbout Kane Fire Protection\nKane installs sprinklers.")
    assert ents(doc) == [("Pat Kane", "PERSON"), ("Kane Fire Protection", "ORG"), ("Kane", "ORG"),
                         ("Kane Fire Protection", "ORG"), ("Kane", "ORG")]


def test_tickers_exchanges_and_legal_forms():
    nlp = pipeline({"AMZN": "ORG", "Amazon.com": "ORG", "Smiths Group": "PERSON"}, RELEASE)
    doc = nlp("Amazon.com, Inc. (NASDAQ: AMZN) bought shares of Smiths Group plc on Monday.")
    assert ents(doc) == [("Amazon.com, Inc.", "ORG"), ("NASDAQ", "ORG"), ("Smiths Group plc", "ORG")]


def test_a_short_form_defined_in_brackets_takes_the_names_label():
    nlp = pipeline({"RapidFire Safety & Security": "ORG", "RapidFire": "PERSON"}, RELEASE)
    doc = nlp("RapidFire Safety & Security (RapidFire) grew. RapidFire hired staff.")
    assert ents(doc) == [("RapidFire Safety & Security", "ORG"), ("RapidFire", "ORG"), ("RapidFire", "ORG")]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("TÜV Rheinland, a global leader in automotive testing, signed the deal.", "ORG"),
        ("Barrio Energy, a leading provider of energy infrastructure, said so.", "ORG"),
        ("Concentric is a private investment firm that partners with companies.", "ORG"),
        ("Abu Jandal, an ISIL gang leader in Raqqah, was killed.", "PERSON"),  # a person's leader is no company
        ("Ahmad Moradi is a pioneer in the digital media room concept.", "PERSON"),
    ],
)
def test_descriptions_with_an_organisation_noun(text, label):
    name = text.split(",")[0].split(" is ")[0]
    nlp = pipeline({name: "PERSON"}, RELEASE)
    assert ents(nlp(text))[0] == (name, label)


def test_the_subject_of_the_news_is_an_organisation_unless_a_person_or_a_known_place():
    nlp = pipeline({"Green SM": "GPE", "India": "GPE", "Ken Thompson": "PERSON"}, RELEASE)
    doc = nlp("Green SM launches a taxi service\n\nNEW DELHI - 6 June 2026 - Green SM officially launched rides "
              "in India. Later, Green SM said so.")
    assert [e for e in ents(doc) if e[0] == "Green SM"] == [("Green SM", "ORG")] * 3
    person = pipeline({"Ken Thompson": "PERSON", "Texas": "GPE"}, RELEASE)
    assert ents(person("District Attorney Ken Thompson today announced a verdict. Texas announced nothing.")) == [
        ("Ken Thompson", "PERSON"), ("Texas", "PLACE")]


def test_a_title_case_headline_ends_a_name_before_its_verb():
    nlp = pipeline({"Jon Lindsay Announce Spring": "PERSON", "Benji Hughes": "PERSON"}, ["presstag_release"])
    doc = nlp("Benji Hughes and Jon Lindsay Announce Spring U.S. Tour\n\nThe tour starts in Seattle.")
    assert ents(doc) == [("Benji Hughes", "PERSON"), ("Jon Lindsay", "PERSON")]
