"""The SQLite store: documents, mentions and entities; resume by sha256; one writer; queries."""

import multiprocessing
import os
import sqlite3
import time
from dataclasses import replace

import pytest

from presstag.errors import StoreError, StoreWriteError
from presstag.store import SCHEMA, Store, query_documents, query_entities
from presstag.types import DocumentResult, ErrorRecord, ExtractorInfo, Mention

INFO = ExtractorInfo(version="0", model="en_test", model_version="1")


def doc(name, sha, ref, mentions, error=None):
    ents = tuple(Mention(text=t, label=lab, source_label=lab, start=s, end=s + len(t), value=v)
                 for t, lab, s, v in mentions)
    return DocumentResult(id=name, source=f"/in/{name}.txt", extractor=INFO, entities=ents, reference_date=ref,
                          sha256=sha, error=error)


def test_entities_merge_across_documents_case_and_accent_insensitively(tmp_path):
    db = tmp_path / "s.sqlite"
    with Store(db) as store:
        store.add([
            doc("a", "h1", "2025-01-05", [("Human Rights Watch", "ORG", 0, None), ("Tokáyev", "PERSON", 30, None),
                                          ("5 January", "DATE", 50, "2025-01-05")]),
            doc("b", "h2", "2025-03-01", [("HUMAN RIGHTS WATCH", "ORG", 0, None),
                                          ("Human Rights Watch's", "ORG", 40, None), ("Tokayev", "PERSON", 70, None),
                                          ("today", "DATE", 90, None)]),
        ])
    rows = {(r.name, r.label): r for r in query_entities(db)}
    hrw = rows[("Human Rights Watch", "ORG")]
    assert (hrw.documents, hrw.mentions, hrw.first_seen, hrw.last_seen) == (2, 3, "2025-01-05", "2025-03-01")
    assert rows[("Tokáyev", "PERSON")].documents == 2
    assert rows[("2025-01-05", "DATE")].mentions == 1
    assert not any(name == "today" for name, _ in rows)  # a date without a value is not an index entry
    assert [r.name for r in query_entities(db, label="PERSON")] == ["Tokáyev"]
    assert [r.name for r in query_entities(db, search="rights")] == ["Human Rights Watch"]
    assert len(query_entities(db, top=1)) == 1
    docs = query_documents(db, entity="human rights watch")
    assert [(d.name, d.mentions) for d in docs] == [("a", 1), ("b", 2)]


def test_failed_documents_are_rows_and_only_ok_hashes_are_skipped(tmp_path):
    db = tmp_path / "s.sqlite"
    bad = doc("bin", "h3", None, [], error=ErrorRecord("binary", "/in/bin.txt: binary data, not text"))
    with Store(db) as store:
        store.add([doc("a", "h1", None, [("Paris", "PLACE", 0, None)]), bad])
        assert store.stored_hashes()[0] == {"h1"}
        store.add([bad])  # a rerun replaces the failed row of the same file
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT name, status, error_type, error_message FROM documents ORDER BY name").fetchall()
    assert rows == [("a", "ok", None, None), ("bin", "failed", "binary", "/in/bin.txt: binary data, not text")]


def test_a_batch_is_all_or_nothing(tmp_path):
    db = tmp_path / "s.sqlite"

    def interrupted():
        yield doc("b", "h2", None, [("Paris", "PLACE", 0, None)])
        raise KeyboardInterrupt  # Ctrl-C in the middle of a batch

    with Store(db) as store:
        store.add([doc("a", "h1", None, [])])
        with pytest.raises(KeyboardInterrupt):
            store.add(interrupted())
        assert store.stored_hashes()[0] == {"h1"}
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM mentions").fetchone() == (0,)


def test_a_second_writer_is_told_the_store_is_in_use(tmp_path):
    db = tmp_path / "s.sqlite"
    with Store(db):
        with pytest.raises(StoreError, match="in use by another presstag run"):
            Store(db)
        assert query_entities(db) == []  # readers are not blocked
    Store(db).close()  # free again once the first writer is done


def test_files_that_are_not_stores_are_refused(tmp_path):
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)")
    with pytest.raises(StoreError, match="not a presstag store"):
        Store(other)
    text = tmp_path / "notes.txt"
    text.write_text("not a database at all, just some words " * 50)
    with pytest.raises(StoreError, match="not a presstag store"):
        Store(text)
    with pytest.raises(StoreError, match="no store at"):
        query_entities(tmp_path / "missing.sqlite")
    with pytest.raises(StoreError, match="is a folder"):
        Store(tmp_path)


def test_aliases_find_their_entity(tmp_path):
    db = tmp_path / "s.sqlite"
    isil = "Islamic State of Iraq and the Levant"
    ms = (Mention("Daesh", "ORG", "ORG", 0, 5, canonical=isil), Mention("ISIL", "ORG", "ORG", 10, 14, canonical=isil))
    with Store(db) as store:
        store.add([DocumentResult(id="a", source="/in/a.txt", extractor=INFO, entities=ms, sha256="h1")])
    assert [(r.name, r.mentions) for r in query_entities(db, search="daesh")] == [(isil, 2)]
    assert [(d.name, d.mentions) for d in query_documents(db, entity="DAESH")] == [("a", 2)]
    assert query_documents(db, entity="Daesh", label="PLACE") == []


def test_the_same_file_under_another_spelling_replaces_its_row(tmp_path):
    db = tmp_path / "s.sqlite"
    first = replace(doc("a", "h1", None, [("Paris", "PLACE", 0, None)]), source="in/a.txt", path="/abs/in/a.txt")
    changed = replace(doc("a", "h2", None, [("Paris", "PLACE", 0, None)]), source="/abs/in/a.txt",
                      path="/abs/in/a.txt")
    with Store(db) as store:
        store.add([first])
        store.add([changed])
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT source, sha256 FROM documents").fetchall() == [("/abs/in/a.txt", "h2")]
    assert [(r.name, r.documents, r.mentions) for r in query_entities(db)] == [("Paris", 1, 1)]


def test_documents_stored_with_other_settings_are_not_skipped(tmp_path):
    db = tmp_path / "s.sqlite"
    with Store(db) as store:
        store.add([doc("a", "h1", None, [])], settings="labels=PERSON")
        store.add([doc("b", "h2", None, [])], settings="all")
        assert store.stored_hashes("all") == ({"h2"}, {"h1"})
        assert store.stored_hashes("labels=PERSON") == ({"h1"}, {"h2"})


def test_an_older_store_gains_the_new_columns(tmp_path):
    db = tmp_path / "old.sqlite"
    conn = sqlite3.connect(db)
    first_schema = SCHEMA.replace(",\n    path TEXT,\n    settings TEXT", "").replace(",\n    text TEXT\n);", "\n);")
    conn.executescript(first_schema)
    conn.execute("INSERT INTO store_info VALUES ('schema_version', '1')")
    conn.commit()
    conn.close()
    with Store(db) as store:
        store.add([doc("a", "h1", None, [])], settings="all")
        assert store.stored_hashes("all") == ({"h1"}, set())


def test_a_full_disk_is_one_error_and_keeps_earlier_batches(tmp_path, monkeypatch):
    db = tmp_path / "s.sqlite"
    with Store(db) as store:
        store.add([doc("a", "h1", None, [("Paris", "PLACE", 0, None)])])
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages}")  # the disk is full from here on
        many = [doc(f"d{i}", f"x{i}", None, [(f"Place {i} " * 20, "PLACE", 0, None)]) for i in range(200)]
        with pytest.raises(StoreWriteError, match="could not be written .*full.*; this batch was not stored"):
            store.add(many)
        assert store.stored_hashes()[0] == {"h1"}
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("SELECT name FROM documents").fetchall() == [("a",)]


def test_a_store_in_a_read_only_folder_can_be_queried(tmp_path, monkeypatch):
    db = tmp_path / "s.sqlite"
    with Store(db) as store:
        store.add([doc("a", "h1", None, [("Paris", "PLACE", 0, None)])])
    real_connect = sqlite3.connect

    def read_only_folder(target, *args, **kwargs):  # WAL's shared-memory file cannot be made there
        if "mode=ro" in str(target) and "immutable=1" not in str(target):
            raise sqlite3.OperationalError("unable to open database file")
        return real_connect(target, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", read_only_folder)
    assert [r.name for r in query_entities(db)] == ["Paris"]


def test_several_labels_and_a_search_that_folds_to_nothing(tmp_path):
    db = tmp_path / "s.sqlite"
    with Store(db) as store:
        store.add([doc("a", "h1", None, [("Paris", "PLACE", 0, None), ("Ann Lee", "PERSON", 10, None),
                                         ("Acme", "ORG", 20, None), ("O'Brien", "PERSON", 30, None)])])
    assert sorted(r.name for r in query_entities(db, label=["PERSON", "ORG"])) == ["Acme", "Ann Lee", "O'Brien"]
    assert [r.name for r in query_entities(db, search="'")] == ["O'Brien"]


def test_a_forked_child_never_holds_the_store_lock(tmp_path):
    if not hasattr(os, "fork"):
        pytest.skip("no fork on this platform")
    db = tmp_path / "s.sqlite"
    store = Store(db)
    context = multiprocessing.get_context("fork")
    running = context.Event()
    child = context.Process(target=_signal_then_sleep, args=(running,))
    child.start()
    assert running.wait(30)  # the child runs (a forked child lets go of the lock before it runs anything)
    try:
        store.close()  # the parent is done (or killed); the child lives on
        Store(db).close()  # not "in use by another presstag run"
    finally:
        child.terminate()
        child.join()


def _signal_then_sleep(event) -> None:
    event.set()
    time.sleep(30)


def test_quotes_are_stored_with_their_words(tmp_path):
    from presstag.types import Quote

    db = tmp_path / "s.sqlite"
    quote = Quote(speaker="Ann Lee", role="director", organization="Acme", start=10, end=30,
                  text="We will open in May")
    with Store(db) as store:
        store.add([replace(doc("a", "h1", None, []), quotes=(quote,))])
    row = sqlite3.connect(db).execute("SELECT speaker, role, organization, text FROM quotes").fetchone()
    assert row == ("Ann Lee", "director", "Acme", "We will open in May")


def test_people_across_releases_with_filters(tmp_path):
    from presstag.store import query_people
    from presstag.types import RoleRelation

    def with_roles(name, sha, ref, roles):
        return replace(doc(name, sha, ref, []), roles=tuple(
            RoleRelation(person=p, role=r, organization=o, kind=k, start=0, end=10) for p, r, o, k in roles))

    db = tmp_path / "s.sqlite"
    with Store(db) as store:
        store.add([
            with_roles("a", "h1", "2025-01-05", [("Jane Doe", "CEO", "Acme Inc.", "quote"),
                                                 ("John Roe", "CFO", "Beta Corp", "apposition")]),
            with_roles("b", "h2", "2025-03-01", [("JANE DOE", "CEO", "Acme Inc.", "apposition")]),
            doc("c", "h3", "2025-04-01", [], error=ErrorRecord("binary", "binary data")),
        ])
    rows = query_people(db)
    assert [(r.person, r.role, r.organization, r.documents, r.first_seen, r.last_seen, r.kinds) for r in rows] == [
        ("JANE DOE", "CEO", "Acme Inc.", 2, "2025-01-05", "2025-03-01", ("apposition", "quote")),
        ("John Roe", "CFO", "Beta Corp", 1, "2025-01-05", "2025-01-05", ("apposition",)),
    ]
    assert [r.person for r in query_people(db, organization="beta")] == ["John Roe"]
    assert [r.person for r in query_people(db, person="doe")] == ["JANE DOE"]
    assert query_people(db, person="nobody") == []


def test_people_in_a_store_made_before_roles_says_to_extract_again(tmp_path):
    from presstag.store import query_people

    db = tmp_path / "old.sqlite"
    conn = sqlite3.connect(db)
    conn.executescript(SCHEMA.split("CREATE TABLE IF NOT EXISTS roles")[0])
    conn.close()
    with pytest.raises(StoreError, match="older presstag and has no roles: run `presstag extract"):
        query_people(db)
