"""The press-release components, each on a blank pipeline whose model output is fixed by a ruler."""

import re

import pytest

from presstag.errors import OptionError
from presstag.spans import key, meta
from presstag.types import Mention
from tests.helpers import ents, pipeline


def test_gazetteer_tags_places_and_groups_and_overrules_the_model():
    nlp = pipeline({"Raqqah": "PERSON", "Daesh": "GPE"}, ["presstag_gazetteer"])
    doc = nlp("Coalition forces struck Daesh near Raqqah and in Aleppo, then met in Uzbekistan.")
    assert ents(doc) == [("Daesh", "ORG"), ("Raqqah", "PLACE"), ("Aleppo", "PLACE"), ("Uzbekistan", "PLACE")]
    daesh = doc.ents[0]
    assert meta(doc)[key(daesh)]["evidence"] == ["model", "gazetteer"]


def test_gazetteer_longer_name_replaces_model_fragments_and_modifiers_fall_off():
    nlp = pipeline({"Islamic State of Iraq": "ORG", "Levant": "LOC", "Kurdish YPG": "ORG"}, ["presstag_gazetteer"])
    doc = nlp("The Islamic State of Iraq and the Levant fought the Kurdish YPG.")
    assert ents(doc) == [("Islamic State of Iraq and the Levant", "ORG"), ("YPG", "ORG")]


def test_gazetteer_keeps_outermost_names_and_skips_longer_unknown_names():
    nlp = pipeline({"Almaty Civic Bureau": "ORG"}, ["presstag_gazetteer"])
    doc = nlp("The Almaty Civic Bureau met at Greenwich Mean Time in Almaty.")
    assert ents(doc) == [("Almaty Civic Bureau", "ORG"), ("Almaty", "PLACE")]


def test_a_model_date_that_runs_into_a_gazetteer_name_is_cut_before_it():
    nlp = pipeline({"May 2023 - Amnesty International": "DATE"}, ["presstag_gazetteer"])
    doc = nlp("On 4 May 2023 - Amnesty International said so.")
    assert ents(doc) == [("May 2023", "DATE"), ("Amnesty International", "ORG")]


@pytest.mark.parametrize(
    ("text", "model", "expected"),
    [
        ("Officials of the Ministry of Water Resources met on Monday.", {}, [("Ministry of Water Resources", "ORG")]),
        ("The Members of the Security Council are encouraged.", {"Members of the Security Council": "ORG"},
         [("Security Council", "ORG")]),
        ("She thanked the Prosecutor General’s Office for its work.", {"General’s Office": "ORG"},
         [("Prosecutor General’s Office", "ORG")]),
        ("The vote in Kenya’s Senate was delayed.", {"Kenya": "GPE"}, [("Kenya", "PLACE"), ("Senate", "ORG")]),
        ("Troops of the Coalition advanced.", {}, [("Coalition", "ORG")]),
        ("They ran the YouTube channel “Voices of Steppe” for years.", {"YouTube": "ORG"},
         [("YouTube", "ORG"), ("Voices of Steppe", "ORG")]),
        ("the Kazakh Bureau for Civic Monitoring (KBCM) said so. Later, KBCM added more.",
         {"Kazakh Bureau for Civic Monitoring": "ORG"},
         [("Kazakh Bureau for Civic Monitoring", "ORG"), ("KBCM", "ORG"), ("KBCM", "ORG")]),
    ],
)
def test_organisation_grammar(text, model, expected):
    nlp = pipeline(model, ["presstag_gazetteer", "presstag_orgs"])
    assert ents(nlp(text)) == expected


def test_list_members_take_the_list_label():
    nlp = pipeline({"Green Earth Alliance": "ORG", "Lagos Civic Forum": "ORG", "Eurasia": "LOC"},
                   ["presstag_gazetteer", "presstag_orgs"])
    doc = nlp("The statement was signed by Green Earth Alliance, Open Data Fund, Clean Water Now, Freedom for "
              "Eurasia, and the Lagos Civic Forum.")
    assert ents(doc) == [("Green Earth Alliance", "ORG"), ("Open Data Fund", "ORG"), ("Clean Water Now", "ORG"),
                         ("Freedom for Eurasia", "ORG"), ("Lagos Civic Forum", "ORG")]


def test_list_of_places_stays_places():
    nlp = pipeline({"Iraq": "GPE", "Syria": "GPE"}, ["presstag_gazetteer", "presstag_orgs"])
    doc = nlp("Strikes hit targets in Iraq, Syria, Libya, and Yemen.")
    assert ents(doc) == [("Iraq", "PLACE"), ("Syria", "PLACE"), ("Libya", "PLACE"), ("Yemen", "PLACE")]


@pytest.mark.parametrize(
    ("text", "model", "expected"),
    [
        ("Foreign Secretary Boris Johnson said it.", {"Foreign Secretary Boris Johnson": "PERSON"},
         [("Boris Johnson", "PERSON")]),
        ("Later Mr Ellwood said it.", {}, [("Ellwood", "PERSON")]),
        ("Gen. Joseph Votel spoke.", {"Gen.": "ORG"}, [("Joseph Votel", "PERSON")]),
        ("Hackers launched DDoS attacks on LGBTI groups.", {"DDoS": "ORG", "LGBTI": "GPE"}, []),
        ("It spoke at the Universal Periodic Review and signed the International Covenant on Civil and Political "
         "Rights.", {"Universal Periodic Review": "ORG",
                     "International Covenant on Civil and Political Rights": "ORG"}, []),
        ("Support for the Government of Iraq continues.", {"Government of Iraq": "ORG"}, [("Iraq", "PLACE")]),
        ("The Kenya government denied it.", {"Kenya government": "ORG"}, [("Kenya", "PLACE")]),
        ("He met the Secretary of State.", {"State": "ORG"}, []),
        ("Near Palmyra, strikes hit a unit.", {"Near Palmyra": "PERSON"}, [("Palmyra", "PLACE")]),
        ("Call Passcode 3080897 now.", {"Passcode 3080897": "PERSON"}, []),
        ("The Explosive Unit joined Operation Inherent Resolve.", {"Operation Inherent Resolve": "ORG"}, []),
    ],
)
def test_negative_evidence(text, model, expected):
    nlp = pipeline(model, ["presstag_gazetteer", "presstag_negatives"])
    assert [e for e in ents(nlp(text)) if e[0] != "Explosive Unit"] == expected


def test_boilerplate_section_is_marked_not_dropped():
    from presstag.results import complete
    from presstag.types import DocumentResult

    body = "Amnesty International spoke in Geneva. " * 20
    text = f"{body}\nAbout Amnesty International\nAmnesty International is a movement."
    found = [m.start() for m in re.finditer("Amnesty International|Geneva", text)]
    mentions = tuple(Mention(text=text[s:s + (6 if text[s] == "G" else 21)], label="PLACE" if text[s] == "G" else "ORG",
                             source_label="ORG", start=s, end=s + (6 if text[s] == "G" else 21)) for s in found)
    result = complete(DocumentResult(id="x", source="x", extractor=None, entities=mentions, text=text))
    marks = [(m.text, m.boilerplate) for m in result.entities]
    assert marks[:2] == [("Amnesty International", False), ("Geneva", False)]
    assert marks[-2:] == [("Amnesty International", True), ("Amnesty International", True)]


def test_consistency_surnames_and_majority():
    nlp = pipeline({"Anna Petrova": "PERSON", "Petrova": "ORG", "Almaty": "GPE"}, ["presstag_consistency"])
    doc = nlp("Police detained Anna Petrova in Almaty. Petrova’s lawyer said Petrova was held in Almaty.")
    assert ents(doc) == [("Anna Petrova", "PERSON"), ("Almaty", "PLACE"), ("Petrova", "PERSON"),
                         ("Petrova", "PERSON"), ("Almaty", "PLACE")]


def test_consistency_weighs_evidence_across_the_document():
    nlp = pipeline({"Nurly Zhol": "ORG"}, ["presstag_consistency"])
    doc = nlp("Nurly Zhol won seats. Later Nurly Zhol said it would act.")
    assert ents(doc) == [("Nurly Zhol", "ORG"), ("Nurly Zhol", "ORG")]
    assert meta(doc)[key(doc.ents[1])]["evidence"] == ["model"]


def test_consistency_propagates_to_unlabelled_mentions():
    from spacy.tokens import Span

    nlp = pipeline({}, [])
    doc = nlp("The Open Media Fund spoke. Later the Open Media Fund wrote again.")
    doc.ents = [Span(doc, 1, 4, label="ORG")]
    from presstag.components.consistency import DocumentConsistency

    doc = DocumentConsistency()(doc)
    assert ents(doc) == [("Open Media Fund", "ORG"), ("Open Media Fund", "ORG")]


def test_user_patterns_take_precedence(tmp_path):
    patterns = tmp_path / "p.jsonl"
    patterns.write_text('{"label": "ORG", "pattern": "Almaty Watch"}\n{"label": "GPE", "pattern": "Zhanaozen"}\n',
                        encoding="utf-8")
    nlp = pipeline({"Almaty": "GPE"}, [])
    nlp.add_pipe("presstag_patterns", config={"patterns_path": str(patterns)})
    doc = nlp("Almaty Watch reported from Zhanaozen.")
    assert ents(doc) == [("Almaty Watch", "ORG"), ("Zhanaozen", "PLACE")]


def test_bad_patterns_file(tmp_path):
    from presstag.components.patterns import read_patterns

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"label": "ORG"}\n', encoding="utf-8")
    with pytest.raises(OptionError, match="bad.jsonl:1"):
        read_patterns(str(bad), {})
    bad.write_text('{"label": "NORP", "pattern": "Kazakh"}\n', encoding="utf-8")
    with pytest.raises(OptionError, match="label NORP"):
        read_patterns(str(bad), {})


@pytest.mark.parametrize(
    ("text", "model", "expected"),
    [
        ("Scott Dayton, 42, died on Nov. 29, 2016 at 10 a.m.", {"42": "DATE"}, [("Nov. 29, 2016", "DATE")]),
        ("The team met daily from 5-6 April 2016 in Ankara.", {"daily": "DATE", "April 2016": "DATE"},
         [("5-6 April 2016", "DATE")]),
        ("A year ago we said so, and this Thanksgiving Day too; today as well.",
         {"year ago": "DATE", "Thanksgiving": "DATE"},
         [("A year ago", "DATE"), ("this Thanksgiving Day", "DATE"), ("today", "DATE")]),
        ("The vote is on 11 December. Later in the day, aged 42, she left.", {"day": "DATE", "42": "DATE"},
         [("11 December", "DATE")]),
        ("Theresa May met Mayor Junta Marchetti in March.", {"Theresa May": "PERSON"},
         [("Theresa May", "PERSON")]),
    ],
)
def test_date_grammar(text, model, expected):
    nlp = pipeline(model, ["presstag_date_spans"])
    assert ents(nlp(text)) == expected


def test_a_person_after_a_place_noun_is_a_place():
    nlp = pipeline({"Tel Tamer": "PERSON", "Ayn Issa": "PERSON", "John Smith": "PERSON"}, ["presstag_negatives"])
    doc = nlp("Attacks in the town of Tel Tamer and the vicinity of Ayn Issa shocked the family of John Smith.")
    assert ents(doc) == [("Tel Tamer", "PLACE"), ("Ayn Issa", "PLACE"), ("John Smith", "PERSON")]


def test_acronyms_of_the_last_words_of_a_name_and_their_case_variants():
    nlp = pipeline({"UN Independent Commission of Inquiry": "ORG"}, ["presstag_orgs"])
    doc = nlp("The UN Independent Commission of Inquiry (CoI) on Syria reported. The COI found abuses.")
    assert ents(doc) == [("UN Independent Commission of Inquiry", "ORG"), ("CoI", "ORG"), ("COI", "ORG")]


def test_titles_are_not_organisations():
    nlp = pipeline({"Minister of Foreign Affairs of Iraq": "ORG", "Pentagon Press": "ORG", "Peter Cook": "PERSON"},
                   ["presstag_negatives"])
    doc = nlp("He met the Minister of Foreign Affairs of Iraq, said Pentagon Press Secretary Peter Cook.")
    assert ents(doc) == [("Iraq", "PLACE"), ("Pentagon", "ORG"), ("Peter Cook", "PERSON")]


def test_a_full_name_in_apposition_to_a_title_is_a_person():
    nlp = pipeline({}, ["presstag_negatives"])
    doc = nlp("Irungu Houghton, Executive Director of the group, said so. Kenya, the director said, is calm.")
    assert ents(doc) == [("Irungu Houghton", "PERSON")]


def test_corporate_titles_are_titles_not_names():
    nlp = pipeline({"Priya Natarajan": "PERSON", "BlueSky": "ORG"}, ["presstag_negatives"])
    doc = nlp("Priya Natarajan, BlueSky's Chief Financial Officer, and CEO Mark Ellison will attend.")
    assert ents(doc) == [("Priya Natarajan", "PERSON"), ("BlueSky", "ORG"), ("Mark Ellison", "PERSON")]


def test_transcript_speaker_labels_name_people():
    nlp = pipeline({}, ["presstag_negatives"])
    doc = nlp("QUESTION: Did you discuss it?\n\nSECRETARY KERRY: We talked.\n\nPRIME MINISTER MODI: Thank you.\n"
              "NOTE: Not a speaker.")
    assert ents(doc) == [("KERRY", "PERSON"), ("MODI", "PERSON")]


def test_a_quoted_nickname_belongs_to_the_name():
    nlp = pipeline({"Richard": "PERSON", "Anna": "PERSON"}, ["presstag_negatives"])
    doc = nlp('Brig. Gen. Richard "Tex" Coe spoke. Anna "the" rest.')
    assert ents(doc) == [('Richard "Tex" Coe', "PERSON"), ("Anna", "PERSON")]


def test_a_portfolio_and_its_holder_are_a_place_and_a_person():
    nlp = pipeline({"Middle East Tobias Ellwood": "ORG", "Africa Minister": "ORG"}, ["presstag_negatives"])
    doc = nlp("The Minister for the Middle East Tobias Ellwood visited Cairo.")
    assert ents(doc) == [("Middle East", "PLACE"), ("Tobias Ellwood", "PERSON")]


def test_a_regime_or_administration_is_named_after_its_leader():
    nlp = pipeline({"Asad": "ORG", "Obama": "ORG", "Kazakhstan": "GPE"}, ["presstag_gazetteer", "presstag_negatives"])
    doc = nlp("The Asad regime and the Obama administration differ; the Kazakhstan government does not.")
    assert ents(doc) == [("Asad", "PERSON"), ("Obama", "PERSON"), ("Kazakhstan", "PLACE")]


def test_an_acronym_in_brackets_after_an_organisation_is_one_whatever_it_spells():
    nlp = pipeline({"Doctors Without Borders": "ORG", "Save the Children": "ORG"},
                   ["presstag_gazetteer", "presstag_orgs"])
    doc = nlp("Doctors Without Borders (MSF) and Save the Children (UK) spoke. MSF said more.")
    assert ents(doc) == [("Doctors Without Borders", "ORG"), ("MSF", "ORG"), ("Save the Children", "ORG"),
                         ("UK", "PLACE"), ("MSF", "ORG")]


@pytest.mark.parametrize(
    ("text", "model", "expected"),
    [
        ("Ships reach the Port of Halifax daily.", {"Port": "PERSON", "Halifax": "GPE"},
         [("Port of Halifax", "PLACE")]),
        ("Sites in Matagorda County, TX, and Toronto, ON grew.", {"Matagorda County": "GPE", "Toronto": "GPE"},
         [("Matagorda County", "PLACE"), ("TX", "PLACE"), ("Toronto", "PLACE"), ("ON", "PLACE")]),
    ],
)
def test_place_phrases_and_state_codes(text, model, expected):
    assert ents(pipeline(model, ["presstag_gazetteer"])(text)) == expected


@pytest.mark.parametrize(
    ("text", "model", "expected"),
    [
        # an acronym defined for what is no entity is none either
        ("They signed a Memorandum of Understanding (MOU). The MOU runs.", {"MOU": "ORG"}, []),
        ("The Office of Justice Programs (OJP) said. OJP grants.",
         {"Office of Justice Programs": "ORG", "OJP": "ORG"},
         [("Office of Justice Programs", "ORG"), ("OJP", "ORG"), ("OJP", "ORG")]),
        # two person spans the model cut apart
        ("said Deputy Attorney General Sally Quillian Yates today.", {"Sally Quillian": "PERSON", "Yates": "PERSON"},
         [("Sally Quillian Yates", "PERSON")]),
        # a title before an organisation's name, but the office of a title is an organisation
        ("Vice President Commission for Air Quality Management met.",
         {"Vice President Commission for Air Quality Management": "ORG"},
         [("Commission for Air Quality Management", "ORG")]),
        ("the Prosecutor General’s Office said", {"Prosecutor General’s Office": "ORG"},
         [("Prosecutor General’s Office", "ORG")]),
        # a lone head noun refers back; a named body names
        ("The Association said the Senate and the Company agreed.",
         {"Association": "ORG", "Senate": "ORG", "Company": "ORG"}, [("Senate", "ORG")]),
        ("Costs in MW and EUR rose; the MOU and IoT.", {"MW": "ORG", "EUR": "ORG", "MOU": "ORG", "IoT": "ORG"}, []),
        # names with particles and suffixes; a title's organisation
        ("Stéphane de La Faverie, CEO of Estée Lauder, spoke.",
         {"Stéphane de La Faverie": "ORG", "Estée Lauder": "PERSON"},
         [("Stéphane de La Faverie", "PERSON"), ("Estée Lauder", "ORG")]),
        ("said Stephen Spinelli Jr., president of the college.", {"Stephen Spinelli": "PERSON"},
         [("Stephen Spinelli Jr.", "PERSON")]),
    ],
)
def test_corporate_negatives(text, model, expected):
    assert ents(pipeline(model, ["presstag_negatives"])(text)) == expected


@pytest.mark.parametrize(
    ("text", "model", "expected"),
    [
        # a city's name the model passes over becomes a place only where something says place
        ("Leeds 1 Middlesbrough 0", {}, []),
        ("Sites in Odessa and Waco, Texas, opened.", {"Texas": "GPE"},
         [("Odessa", "PLACE"), ("Waco", "PLACE"), ("Texas", "PLACE")]),
        ("Geneva, May 5 - Shares rose.", {}, [("Geneva", "PLACE")]),
        # a city's name the model reads as an organisation stays one, unless something says place
        ("Leeds beat Chelsea.", {"Leeds": "ORG"}, [("Leeds", "ORG")]),
        ("Ships docked in Tartus.", {"Tartus": "ORG"}, [("Tartus", "PLACE")]),
        # countries are places whatever the model says
        ("Japan beat Syria 2-1.", {"Japan": "ORG"}, [("Japan", "PLACE"), ("Syria", "PLACE")]),
    ],
)
def test_city_names_need_the_model_or_a_place_cue(text, model, expected):
    assert ents(pipeline(model, ["presstag_gazetteer"])(text)) == expected
