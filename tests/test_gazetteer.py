"""The gazetteer: lookups, and its cache in the user's cache folder."""

from presstag import gazetteer


def test_lookups_and_canonical_names():
    g = gazetteer.default_gazetteer()
    assert g.lookup("Human Rights Watch") == ("ORG", "gazetteer")
    assert g.lookup("Kazakhstan") == ("PLACE", "gazetteer")
    assert g.lookup("Almaty")[0] == "PLACE"
    assert g.lookup("Statement") is None
    assert g.may_start("Human") and not g.may_start("Statement")


def test_built_once_then_read_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("PRESSTAG_CACHE_DIR", str(tmp_path))
    calls = []
    real = gazetteer.build_gazetteer
    monkeypatch.setattr(gazetteer, "build_gazetteer", lambda: calls.append(1) or real())
    first = gazetteer.default_gazetteer.__wrapped__()
    files = list(tmp_path.glob("gazetteer-*.pickle"))
    assert len(files) == 1 and calls == [1]
    second = gazetteer.default_gazetteer.__wrapped__()
    assert calls == [1] and second == first
    files[0].write_bytes(b"not a pickle")  # a damaged cache is rebuilt, not fatal
    assert gazetteer.default_gazetteer.__wrapped__() == first and calls == [1, 1]


def test_an_unwritable_cache_folder_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("PRESSTAG_CACHE_DIR", str(blocker / "sub"))
    assert gazetteer.default_gazetteer.__wrapped__().lookup("Kazakhstan") == ("PLACE", "gazetteer")


def test_ambiguous_alternate_city_names_have_no_canonical_name():
    g = gazetteer.default_gazetteer()
    assert g.canonical_name("Kiev") == "Kyiv" and g.canonical_name("Alma-Ata") == "Almaty"
    assert g.lookup("Odessos") is not None  # still a place...
    assert g.canonical_name("Odessos") is None  # ...but an old name of both Odesa and Varna
    assert g.canonical_name("U.S.") == "United States" and g.canonical_name("UN") == "United Nations"


def test_small_towns_lend_no_alternate_names():
    g = gazetteer.default_gazetteer()
    assert g.lookup("Media") is None  # an alternate name of Mehdya, Morocco (31,000 people)
    assert g.lookup("Mehdya") is not None


def test_an_inner_the_and_dash_styles_do_not_matter():
    g = gazetteer.default_gazetteer()
    assert g.lookup("Islamic State of Iraq and Levant") == ("ORG", "gazetteer")
    assert g.canonical_name("Islamic State of Iraq and Levant") == "Islamic State of Iraq and the Levant"
    assert g.canonical_name("Organization for Security and Co–operation in Europe") == g.canonical_name("OSCE")
