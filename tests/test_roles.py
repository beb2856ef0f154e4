"""Roles on invented releases: who holds which role where, and how the text says it."""

from presstag.canonical import canonicalise
from presstag.quotes import find_quotes
from presstag.roles import find_roles, organization_name, person_name
from tests.test_canonical import mentions


def roles(text, spec):
    ms, entities = canonicalise(mentions(text, spec), text=text)
    return [(r.person, r.role, r.organization, r.kind)
            for r in find_roles(text, ms, find_quotes(text, ms), entities)]


def test_apposition_after_a_name_with_two_roles_and_one_organisation():
    text = "The port welcomed Allan Gray, President, and CEO of the Halifax Port Authority, to the event."
    got = roles(text, [("Allan Gray", "PERSON"), ("Halifax Port Authority", "ORG")])
    assert got == [("Allan Gray", "President", "Halifax Port Authority", "apposition"),
                   ("Allan Gray", "CEO", "Halifax Port Authority", "apposition")]


def test_quote_attribution_takes_the_last_organisation_of_the_apposition():
    text = ("“Quality is our first concern in every market,” said Nguyen Manh Quan, Deputy CEO of Quality Control "
            "Division, VinFast.")
    got = roles(text, [("Nguyen Manh Quan", "PERSON"), ("Quality Control Division", "ORG"), ("VinFast", "ORG")])
    assert got == [("Nguyen Manh Quan", "Deputy CEO", "VinFast", "quote")]


def test_a_department_between_two_roles_is_not_the_organisation():
    text = ("“We moved everything to the cloud,” said Chris Foster, Vice President, Information Services and Chief "
            "Information Officer of TC Energy.")
    got = roles(text, [("Chris Foster", "PERSON"), ("Information Services", "ORG"), ("TC Energy", "ORG")])
    assert got == [("Chris Foster", "Vice President", "TC Energy", "quote"),
                   ("Chris Foster", "Chief Information Officer", "TC Energy", "quote")]


def test_titles_before_a_name_with_and_without_an_organisation():
    text = ("State Attorney Katherine Fernandez Rundle, Miami-Dade Police Department Director Stephanie Daniels "
            "and acclaimed chef Edward Lee attended.")
    got = roles(text, [("Katherine Fernandez Rundle", "PERSON"), ("Miami-Dade Police Department", "ORG"),
                       ("Stephanie Daniels", "PERSON"), ("Edward Lee", "PERSON")])
    assert got == [("Katherine Fernandez Rundle", "State Attorney", None, "apposition"),
                   ("Stephanie Daniels", "Director", "Miami-Dade Police Department", "apposition"),
                   ("Edward Lee", "chef", None, "apposition")]


def test_headed_by_gives_the_organisation_named_before():
    text = "The Office of Justice Programs (OJP) OJP, headed by Assistant Attorney General Karol V. Mason, leads."
    got = roles(text, [("Office of Justice Programs", "ORG"), ("OJP", "ORG"), ("OJP", "ORG"),
                       ("Karol V. Mason", "PERSON")])
    assert got == [("Karol V. Mason", "Assistant Attorney General", "Office of Justice Programs", "apposition")]


def test_an_appointment_by_the_organisation_that_announces_it():
    text = "AI Era Corp. (OTC: AERA) Appoints Ahmad Moradi as Chief Executive Officer\n\nMoradi starts in May."
    got = roles(text, [("AI Era Corp.", "ORG"), ("OTC", "ORG"), ("Ahmad Moradi", "PERSON"), ("Moradi", "PERSON")])
    assert got == [("Ahmad Moradi", "Chief Executive Officer", "AI Era Corp.", "appointment")]


def test_statements_about_a_person_named_before_or_by_a_pronoun():
    text = ("Acme Health names a new board.\n\nRobert Swan, of Menlo Park, California has been named as the "
            "Association's new volunteer treasurer. Swan is currently an operating partner at General Atlantic LLC. "
            "He previously held the positions of CEO and CFO of Intel, and was the CFO of eBay Inc. He serves on "
            "the board of directors at Nike, GoTo and Flexport.")
    got = roles(text, [("Acme Health", "ORG"), ("Robert Swan", "PERSON"), ("Menlo Park", "PLACE"),
                       ("California", "PLACE"), ("Association", "ORG"), ("Swan", "PERSON"),
                       ("General Atlantic LLC", "ORG"), ("Intel", "ORG"), ("eBay Inc.", "ORG"), ("Nike", "ORG"),
                       ("GoTo", "PLACE"), ("Flexport", "ORG")])
    assert got == [
        ("Robert Swan", "volunteer treasurer", "Association", "appointment"),
        ("Robert Swan", "operating partner", "General Atlantic LLC", "apposition"),
        ("Robert Swan", "CEO", "Intel", "former"),
        ("Robert Swan", "CFO", "Intel", "former"),
        ("Robert Swan", "CFO", "eBay Inc.", "former"),
        ("Robert Swan", "board member", "Nike", "apposition"),
        ("Robert Swan", "board member", "GoTo", "apposition"),
        ("Robert Swan", "board member", "Flexport", "apposition"),
    ]


def test_founders_named_by_the_organisation_and_by_a_shared_surname():
    text = "Financial Investments Corporation was founded in 1994 by father and daughter Harrison and Jennifer Steans."
    got = roles(text, [("Financial Investments Corporation", "ORG"), ("Harrison", "PERSON"),
                       ("Jennifer Steans", "PERSON")])
    assert got == [("Harrison Steans", "founder", "Financial Investments Corporation", "former"),
                   ("Jennifer Steans", "founder", "Financial Investments Corporation", "former")]


def test_a_contact_block_of_name_title_and_organisation_lines():
    text = ("Wärtsilä wins an order.\n\nFor further information, please contact:\n\nVesa Riihimäki\n\n"
            "Group Vice President, Power Plants\n\nWärtsilä Corporation\n\nTel: +358 40 504 5929\n\n"
            "vesa.riihimaki@wartsila.com\n\nWärtsilä in brief\n")
    got = roles(text, [("Wärtsilä", "ORG"), ("Vesa Riihimäki", "PERSON"), ("Power Plants", "ORG"),
                       ("Wärtsilä Corporation", "ORG")])
    assert got == [("Vesa Riihimäki", "Group Vice President, Power Plants", "Wärtsilä Corporation", "contact")]


def test_a_contact_heading_names_the_organisation():
    text = "Story.\n\nFBI PUBLIC AFFAIRS CONTACT: Margot Cravens | (505) 889-1438 | RESOURCES: MEDIA KIT\n"
    got = roles(text, [("FBI", "ORG"), ("Margot Cravens", "PERSON")])
    assert got == [("Margot Cravens", None, "FBI", "contact")]


def test_a_list_of_people_is_no_apposition_and_a_title_goes_to_the_next_name():
    text = "Guests included Kazuma Otsuka, and actor-host Andrew Chau, Jane Roe, Acme Director John Smith."
    got = roles(text, [("Kazuma Otsuka", "PERSON"), ("Andrew Chau", "PERSON"), ("Jane Roe", "PERSON"),
                       ("Acme", "ORG"), ("John Smith", "PERSON")])
    assert got == [("Andrew Chau", "actor-host", None, "apposition"),
                   ("John Smith", "Director", "Acme", "apposition")]


def test_names_and_organisations_fit_for_a_whos_who():
    assert person_name("Councilman Mikey Nguyen") == "Mikey Nguyen"
    assert person_name("Experience") is None and person_name("Chief Experience") is None
    assert person_name("Trump") is None and person_name("Barbara Wray Interviews Carol Morgan") is None
    assert person_name("Willem de Kooning") == "Willem de Kooning"
    assert person_name("TONY ROBBINS Tony Robbins") == "Tony Robbins"
    assert organization_name("Acme Robotics Inc.") == "Acme Robotics Inc."
    assert organization_name("River North River North") == "River North"
    assert organization_name("Centre Chief Financial Officer") is None and organization_name("Founder of X") is None
    assert not organization_name("Board of Directors") and not organization_name("Spartan Capital Contact")


def test_a_capitalised_title_before_a_name_keeps_its_qualifier_but_not_the_sentence_opening():
    text = ("In Baghdad, Defense Secretary Ash Carter met Prime Minister Haider al-Abadi. Today President Fuad Masum "
            "spoke.")
    got = roles(text, [("Ash Carter", "PERSON"), ("Haider al-Abadi", "PERSON"), ("Fuad Masum", "PERSON")])
    assert got == [("Ash Carter", "Defense Secretary", None, "apposition"),
                   ("Haider al-Abadi", "Prime Minister", None, "apposition"),
                   ("Fuad Masum", "President", None, "apposition")]
