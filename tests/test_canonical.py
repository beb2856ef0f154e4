"""Canonical entities: which mentions of a document are one entity, its name, aliases and salience."""

from presstag.canonical import canonicalise, cluster_mentions, fold, initials, is_acronym, name_mentions
from presstag.types import Mention


def mentions(text, spec):
    """Mentions of ``text`` from (surface, label[, value]) in order of appearance."""
    out, pos = [], 0
    for item in spec:
        surface, label = item[0], item[1]
        start = text.index(surface, pos)
        pos = start + len(surface)
        out.append(Mention(text=surface, label=label, source_label=label, start=start, end=pos,
                           value=item[2] if len(item) > 2 else None))
    return out


def names(ms, canonical_of=None):
    out, _ = canonicalise(ms, canonical_of=canonical_of)
    return [(m.text, m.canonical) for m in out]


def test_fold():
    assert fold("Human Rights Watch’s") == fold("HUMAN  RIGHTS WATCH") == "human rights watch"
    assert fold("Tokáyev") == "tokayev" and fold("Co–operation") == "co-operation"


def test_surnames_and_given_names_join_the_full_name_whatever_the_order():
    text = "Kim spoke. Later Dmitry Kim and Anna Petrova met. Petrova and Anna left; Kim stayed."
    ms = mentions(text, [("Kim", "PERSON"), ("Dmitry Kim", "PERSON"), ("Anna Petrova", "PERSON"),
                         ("Petrova", "PERSON"), ("Anna", "PERSON"), ("Kim", "PERSON")])
    assert names(ms) == [("Kim", "Dmitry Kim"), ("Dmitry Kim", "Dmitry Kim"), ("Anna Petrova", "Anna Petrova"),
                         ("Petrova", "Anna Petrova"), ("Anna", "Anna Petrova"), ("Kim", "Dmitry Kim")]
    _, entities = canonicalise(ms)
    assert [(e.name, e.mentions, e.aliases) for e in entities] == [
        ("Dmitry Kim", 3, ("Kim",)), ("Anna Petrova", 3, ("Petrova", "Anna"))]
    assert entities[0].first_start == 0


def test_a_shared_surname_goes_to_the_nearest_full_name_before_it():
    text = "Ivan Kim met Olga Kim. Kim said no."
    ms = mentions(text, [("Ivan Kim", "PERSON"), ("Olga Kim", "PERSON"), ("Kim", "PERSON")])
    assert names(ms)[2] == ("Kim", "Olga Kim")


def test_acronyms_join_the_name_they_spell_and_variants_merge():
    text = ("The Organization for Security and Cooperation in Europe (OSCE) and the Kazakh Press Club met. "
            "The OSCE and the Press Club’s staff and the KAZAKH PRESS CLUB agreed.")
    ms = mentions(text, [("Organization for Security and Cooperation in Europe", "ORG"), ("OSCE", "ORG"),
                         ("Kazakh Press Club", "ORG"), ("OSCE", "ORG"), ("KAZAKH PRESS CLUB", "ORG")])
    got = names(ms)
    assert {c for t, c in got if t == "OSCE"} == {"Organization for Security and Cooperation in Europe"}
    assert got[4] == ("KAZAKH PRESS CLUB", "Kazakh Press Club")
    assert initials("Organization for Security and Co-operation in Europe") == "OSCE"
    assert is_acronym("U.N.") and is_acronym("HRW") and not is_acronym("Meta")


def test_gazetteer_aliases_take_the_gazetteer_name():
    aliases = {"U.S.": "United States", "United States": "United States", "US": "United States"}
    text = "The U.S. and the United States and US officials."
    ms = mentions(text, [("U.S.", "PLACE"), ("United States", "PLACE"), ("US", "PLACE")])
    assert {c for _, c in names(ms, aliases.get)} == {"United States"}
    _, entities = canonicalise(ms, canonical_of=aliases.get)
    assert [(e.name, e.mentions, e.aliases) for e in entities] == [("United States", 3, ("U.S.", "US"))]


def test_dates_cluster_by_calendar_value():
    text = "On 17 December 2025 police came; today they left. On Monday too."
    ms = mentions(text, [("17 December 2025", "DATE", "2025-12-17"), ("today", "DATE", "2025-12-17"),
                         ("Monday", "DATE", "2025-12-15")])
    clusters = cluster_mentions(ms)
    assert [c.members for c in clusters] == [[0, 1], [2]]
    assert names(ms)[1] == ("today", "2025-12-17")


def test_salience_rewards_frequency_the_lead_and_quote_speakers():
    text = "GENEVA - Amnesty International said.\nAnna Petrova spoke. Petrova again. Petrova. Later Ivan Kim spoke."
    ms = mentions(text, [("GENEVA", "PLACE"), ("Amnesty International", "ORG"), ("Anna Petrova", "PERSON"),
                         ("Petrova", "PERSON"), ("Petrova", "PERSON"), ("Ivan Kim", "PERSON")])
    _, entities = canonicalise(ms, lead_end=text.index("\n"), speakers=["Ivan Kim"])
    s = {e.name: e.salience for e in entities}
    assert s["Anna Petrova"] == 0.5  # most mentions, not in the lead
    assert s["GENEVA"] == round(0.5 / 3 + 0.3, 3)  # in the lead
    assert s["Ivan Kim"] == round(0.5 / 3 + 0.2, 3)  # quoted
    assert all(0 <= v <= 1 for v in s.values())


def test_short_forms_of_an_organisation_and_company_suffixes():
    text = ("Acme Robotics Inc. bought Brightline Systems. Acme Robotics said Brightline and Acme fit. "
            "Amnesty International and Amnesty International Kenya spoke. The Commission of Inquiry (CoI) and the COI.")
    ms = mentions(text, [("Acme Robotics Inc.", "ORG"), ("Brightline Systems", "ORG"), ("Acme Robotics", "ORG"),
                         ("Brightline", "ORG"), ("Acme", "ORG"), ("Amnesty International", "ORG"),
                         ("Amnesty International Kenya", "ORG"), ("Commission of Inquiry", "ORG"), ("CoI", "ORG"),
                         ("COI", "ORG")])
    known = {"Amnesty International": "Amnesty International"}
    got = dict(names(ms, known.get))
    assert got["Acme"] == got["Acme Robotics"] == "Acme Robotics Inc."
    assert got["Brightline"] == "Brightline Systems"
    assert got["Amnesty International"] == "Amnesty International"  # a known name stands for itself
    assert got["CoI"] == got["COI"] == "Commission of Inquiry"


def test_a_shared_surname_never_merges_two_people():
    text = "Ivan Kim met Olga Kim. Kim said no. Then Ivan Kim spoke and Kim left."
    ms = mentions(text, [("Ivan Kim", "PERSON"), ("Olga Kim", "PERSON"), ("Kim", "PERSON"), ("Ivan Kim", "PERSON"),
                         ("Kim", "PERSON")])
    assert [c for _, c in names(ms)] == ["Ivan Kim", "Olga Kim", "Olga Kim", "Ivan Kim", "Ivan Kim"]
    _, entities = canonicalise(ms)
    assert [(e.name, e.mentions) for e in entities] == [("Ivan Kim", 3), ("Olga Kim", 2)]


def test_an_acronym_in_brackets_after_a_name_is_that_name():
    text = "The Lebanese Center for Human Rights (CLDH) said so. The CLDH also counted arrests."
    ms = mentions(text, [("Lebanese Center for Human Rights", "ORG"), ("CLDH", "ORG"), ("CLDH", "ORG")])
    named, _ = name_mentions(ms, None, text)
    assert [m.canonical for m in named] == ["Lebanese Center for Human Rights"] * 3
    named, _ = name_mentions(ms, None)  # without the text only spelling links them
    assert named[1].canonical == "CLDH"


def test_canonical_names_do_not_depend_on_the_hash_seed():
    import os
    import subprocess
    import sys

    code = ("from presstag.canonical import canonicalise\n"
            "from tests.test_canonical import mentions\n"
            "text = 'Harry Potter Series Update Reveals date. Harry Potter fans wait. The Harry Potter Series sold.'\n"
            "ms, _ = canonicalise(mentions(text, [('Harry Potter Series Update Reveals', 'ORG'),"
            " ('Harry Potter', 'ORG'), ('Harry Potter Series', 'ORG')]))\n"
            "print([m.canonical for m in ms])\n")
    outputs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in range(6)}
    assert len(outputs) == 1
