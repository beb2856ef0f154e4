"""Quote attribution on invented releases: speaker, role, organisation, span."""

from presstag.quotes import find_quotes
from tests.test_canonical import mentions


def quotes(text, spec):
    return [(q.speaker, q.role, q.organization, q.text) for q in find_quotes(text, mentions(text, spec))]


def test_after_the_quote_with_role_and_organisation_and_a_continuation():
    text = ("“Police must free the reporters at once,” said Anna Petrova, West Africa director at Media Watch. "
            "“Nobody should be jailed for reporting.”\n“This is a second paragraph without a speaker.”")
    got = quotes(text, [("Anna Petrova", "PERSON"), ("Media Watch", "ORG")])
    assert got == [
        ("Anna Petrova", "West Africa director", "Media Watch", "Police must free the reporters at once,"),
        ("Anna Petrova", "West Africa director", "Media Watch", "Nobody should be jailed for reporting."),
    ]


def test_surname_after_the_quote_takes_the_canonical_full_name():
    text = "Anna Petrova leads the group. “The law must change now,” Petrova said."
    ms = mentions(text, [("Anna Petrova", "PERSON"), ("Petrova", "PERSON")])
    from presstag.canonical import canonicalise

    ms, _ = canonicalise(ms)
    got = find_quotes(text, ms)
    assert [(q.speaker, q.start, q.end) for q in got] == [
        ("Anna Petrova", text.index("The law"), text.index("now,") + 4)]


def test_before_the_quote_and_according_to():
    text = ('Ivan Kim, chair of the Almaty Bar Association, said: "The ruling ignores the constitution."\n'
            "According to Olga Sato, “the court acted within its powers today.”")
    got = quotes(text, [("Ivan Kim", "PERSON"), ("Almaty Bar Association", "ORG"), ("Olga Sato", "PERSON")])
    assert got == [("Ivan Kim", "chair", "Almaty Bar Association", "The ruling ignores the constitution."),
                   ("Olga Sato", None, None, "the court acted within its powers today.")]


def test_possessive_role_before_the_name_and_a_pronoun_speaker():
    text = ("“Journalists are not criminals and must be released,” said Media Watch’s legal adviser Ivan Kim.\n"
            "Olga Sato was arrested on Monday. “I will keep writing whatever they do,” she said.")
    got = quotes(text, [("Media Watch", "ORG"), ("Ivan Kim", "PERSON"), ("Olga Sato", "PERSON")])
    assert got == [("Ivan Kim", "legal adviser", "Media Watch", "Journalists are not criminals and must be released,"),
                   ("Olga Sato", None, None, "I will keep writing whatever they do,")]


def test_organisation_speakers_and_scare_quotes():
    text = ("Accounts were removed for “community guidelines violations.” "
            "“We are reviewing every single request carefully,” the Interior Ministry said.")
    got = quotes(text, [("Interior Ministry", "ORG")])
    assert got == [("Interior Ministry", None, "Interior Ministry", "We are reviewing every single request carefully,")]


def test_quote_split_around_its_attribution():
    text = "“The trial was unfair,” said Ivan Kim, “and the verdict must be overturned on appeal.”"
    got = quotes(text, [("Ivan Kim", "PERSON")])
    assert [g[0] for g in got] == ["Ivan Kim", "Ivan Kim"]
    assert got[1][3] == "and the verdict must be overturned on appeal."


def test_title_speakers_abbreviations_and_introduced_statements():
    text = ("Interior Minister Olga Sato met Ivan Kim in Geneva. The minister and Kim spoke.\n"
            "“Our talks were frank and very useful indeed,” the minister said in a statement.\n"
            "“The border will reopen next week for all traffic,” Col. J. Brown, spokesman for the Border Guard, said.\n"
            "The Border Guard issued the following statement:\n"
            "“Crossings resume on Monday at six in the morning.”")
    got = quotes(text, [("Olga Sato", "PERSON"), ("Ivan Kim", "PERSON"), ("Kim", "PERSON"), ("J. Brown", "PERSON"),
                        ("Border Guard", "ORG"), ("Border Guard", "ORG")])
    assert got == [
        ("Olga Sato", None, None, "Our talks were frank and very useful indeed,"),
        ("J. Brown", "spokesman", "Border Guard", "The border will reopen next week for all traffic,"),
        ("Border Guard", None, "Border Guard", "Crossings resume on Monday at six in the morning."),
    ]


def test_role_after_the_organisations_possessive():
    text = "“We delivered record revenue this quarter,” said Priya Natarajan, BlueSky’s Chief Financial Officer."
    assert quotes(text, [("Priya Natarajan", "PERSON"), ("BlueSky", "ORG")]) == [
        ("Priya Natarajan", "Chief Financial Officer", "BlueSky", "We delivered record revenue this quarter,")]


def test_speaker_of_an_organisation():
    text = "“The verdict will be appealed at once,” said Ivan Kim of the Almaty Bar Association."
    assert quotes(text, [("Ivan Kim", "PERSON"), ("Almaty Bar Association", "ORG")]) == [
        ("Ivan Kim", None, "Almaty Bar Association", "The verdict will be appealed at once,")]


def test_a_quote_inside_reported_speech():
    text = "Meta responded saying that they “strive to notify users and share information” about it."
    assert quotes(text, [("Meta", "ORG")]) == [("Meta", None, "Meta", "strive to notify users and share information")]
