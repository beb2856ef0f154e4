"""The SQLite store: every document of a batch run, its mentions, and the entities across documents.

One writer at a time holds an exclusive lock on the store, so a second run gets a clear "in use" error instead
of interleaved writes; readers (``presstag entities``, ``presstag documents``) never wait for it thanks to WAL.
Each batch is written in one transaction: a run stopped by a crash or Ctrl-C leaves whole documents only,
and the next run skips the documents whose content (sha256) is already stored with the same settings (model,
labels, patterns, disabled components, reference date).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import weakref
from collections.abc import Iterable, Iterator
from contextlib import closing
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from .canonical import fold
from .errors import StoreError, StoreWriteError
from .types import DocumentResult, Mention

SCHEMA_VERSION = "3"
SCHEMA = """
CREATE TABLE IF NOT EXISTS store_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    source TEXT NOT NULL,
    sha256 TEXT,
    processed_at TEXT NOT NULL,
    reference_date TEXT,
    reference_date_source TEXT,
    title TEXT,
    status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
    error_type TEXT,
    error_message TEXT,
    model TEXT,
    presstag_version TEXT,
    path TEXT,
    settings TEXT
);
CREATE INDEX IF NOT EXISTS documents_sha256 ON documents (sha256);
CREATE INDEX IF NOT EXISTS documents_source ON documents (source);
CREATE TABLE IF NOT EXISTS entities (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    label TEXT NOT NULL,
    name TEXT NOT NULL,
    UNIQUE (key, label)
);
CREATE TABLE IF NOT EXISTS mentions (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    entity_id INTEGER REFERENCES entities (id),
    text TEXT NOT NULL,
    key TEXT NOT NULL,
    label TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    value TEXT,
    confidence REAL,
    boilerplate INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions (entity_id);
CREATE INDEX IF NOT EXISTS mentions_document ON mentions (document_id);
CREATE INDEX IF NOT EXISTS mentions_key ON mentions (key);
CREATE TABLE IF NOT EXISTS quotes (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    speaker TEXT,
    role TEXT,
    organization TEXT,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT
);
CREATE INDEX IF NOT EXISTS quotes_document ON quotes (document_id);
CREATE TABLE IF NOT EXISTS roles (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    person TEXT NOT NULL,
    person_key TEXT NOT NULL,
    role TEXT,
    role_key TEXT NOT NULL,
    organization TEXT,
    organization_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS roles_document ON roles (document_id);
CREATE INDEX IF NOT EXISTS roles_person ON roles (person_key);
"""


def entity_name(m: Mention) -> str | None:
    """The name a mention is indexed under: its canonical name, else its text; a date's calendar value (a date
    without one, such as "today" with no reference date, and a duration such as "P20Y", are stored as mentions
    but not indexed)."""
    if m.label == "DATE":
        return None if m.value is None or m.value.startswith("P") else m.value  # a duration is no date to index
    return m.canonical or m.text


# Columns added since the first schema, created in older stores when they are opened for writing.
ADDED_COLUMNS = {"documents": (("path", "TEXT"), ("settings", "TEXT")), "quotes": (("text", "TEXT"),)}
_OPEN_STORES: weakref.WeakSet[Store] = weakref.WeakSet()


class Store:
    """A store opened for writing by one run. Use as a context manager."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if self.path.is_dir():
            raise StoreError(f"{self.path} is a folder: give --db a file name such as releases.sqlite")
        self._lock: IO[bytes] | None = None
        self.conn = self._open()
        _OPEN_STORES.add(self)

    def _open(self) -> sqlite3.Connection:
        try:
            self._lock = open(self.path, "ab")  # noqa: SIM115 - held for the store's lifetime
        except OSError as exc:
            raise StoreError(f"cannot open the store {self.path}: {exc.strerror or exc}") from exc
        try:
            import fcntl

            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # no flock on this platform: SQLite's own locking still prevents corruption
            pass
        except OSError as exc:
            self._lock.close()
            raise StoreError(
                f"the store {self.path} is in use by another presstag run; wait for it to finish"
            ) from exc
        conn = None
        try:
            conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")
            check_store(conn, self.path)
            conn.executescript(SCHEMA)
            for table, columns in ADDED_COLUMNS.items():
                have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
                for name, kind in columns:
                    if name not in have:
                        conn.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")
            conn.execute("INSERT OR REPLACE INTO store_info VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
        except (sqlite3.DatabaseError, StoreError) as exc:
            if conn is not None:
                conn.close()
            self._release()
            if isinstance(exc, StoreError):
                raise
            raise StoreError(f"{self.path} is not a presstag store ({exc})") from exc
        return conn

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        conn = getattr(self, "conn", None)
        if conn is not None:
            conn.close()
            self.conn = None  # type: ignore[assignment]
        self._release()

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def stored_hashes(self, settings: str | None = None) -> tuple[set[str], set[str]]:
        """sha256 of the documents stored without error with these ``settings`` (skipped on a rerun), and of
        those stored with other settings (processed again)."""
        try:
            rows = self.conn.execute(
                "SELECT sha256, settings IS ? FROM documents WHERE status = 'ok' AND sha256 IS NOT NULL", (settings,)
            ).fetchall()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"the store {self.path} could not be read ({exc})") from exc
        same = {sha for sha, match in rows if match}
        return same, {sha for sha, match in rows if not match} - same

    def add(self, results: Iterable[DocumentResult], settings: str | None = None) -> None:
        """Store a batch of results in one transaction (all or nothing).

        A failure of the database itself (a full disk, a damaged file) rolls the batch back and raises
        ``StoreWriteError``: the store keeps every earlier batch, whole, and a rerun carries on.
        """
        now = datetime.now(UTC).isoformat(timespec="seconds")
        entity_ids: dict[tuple[str, str], int] = {}
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            for r in results:
                self._add_one(r, now, entity_ids, settings)
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:  # SQLite may have rolled back already (a full disk does)
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise StoreWriteError(f"the store {self.path} could not be written ({exc}); this batch was not "
                                      "stored, the earlier ones are, and the same command resumes") from exc
            raise

    def _add_one(self, r: DocumentResult, now: str, entity_ids: dict[tuple[str, str], int],
                 settings: str | None) -> None:
        conn = self.conn
        if r.path is not None:
            # One row per input file, whatever spelling of its path was given: a file read again (changed,
            # failed before, or with other settings) replaces its old row.
            conn.execute("DELETE FROM documents WHERE path = ? OR (path IS NULL AND source = ?)", (r.path, r.source))
        elif r.source != "-":
            conn.execute("DELETE FROM documents WHERE source = ?", (r.source,))
        info = r.extractor
        cur = conn.execute(
            "INSERT INTO documents (name, source, sha256, processed_at, reference_date, reference_date_source,"
            " title, status, error_type, error_message, model, presstag_version, path, settings)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                r.id, r.source, r.sha256, now, r.reference_date, r.reference_date_source, r.metadata.get("title"),
                "ok" if r.ok else "failed", r.error.type if r.error else None, r.error.message if r.error else None,
                f"{info.model} {info.model_version}" if info else None, info.version if info else None, r.path,
                settings if r.ok else None,
            ),
        )
        doc_id = cur.lastrowid
        rows = []
        for m in r.entities:
            name = entity_name(m)
            entity_id = self._entity_id(name, m.label, entity_ids) if name else None
            rows.append((doc_id, entity_id, m.text, fold(m.text), m.label, m.start, m.end,
                         m.value, m.confidence, int(m.boilerplate)))
        conn.executemany(
            'INSERT INTO mentions (document_id, entity_id, text, key, label, start, "end", value, confidence,'
            " boilerplate) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        conn.executemany(
            'INSERT INTO quotes (document_id, speaker, role, organization, start, "end", text)'
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(doc_id, q.speaker, q.role, q.organization, q.start, q.end, q.text) for q in r.quotes],
        )
        conn.executemany(
            "INSERT INTO roles (document_id, person, person_key, role, role_key, organization, organization_key,"
            ' kind, start, "end") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            [(doc_id, x.person, fold(x.person), x.role, fold(x.role or ""), x.organization,
              fold(x.organization or ""), x.kind, x.start, x.end) for x in r.roles],
        )

    def _entity_id(self, name: str, label: str, cache: dict[tuple[str, str], int]) -> int:
        key = (fold(name), label)
        if key in cache:
            return cache[key]
        row = self.conn.execute("SELECT id FROM entities WHERE key = ? AND label = ?", key).fetchone()
        if row is None:
            row = (self.conn.execute("INSERT INTO entities (key, label, name) VALUES (?, ?, ?)",
                                     (*key, name)).lastrowid,)
        cache[key] = row[0]
        return row[0]


def _release_inherited_locks() -> None:
    """In a forked child (a worker process): let go of the stores' locks, which belong to the parent alone, so that
    a worker outliving its parent never keeps the store locked."""
    for store in list(_OPEN_STORES):
        lock, store._lock = store._lock, None
        if lock is not None:
            with contextlib.suppress(OSError):
                lock.close()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_release_inherited_locks)


def check_store(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a database that holds other tables than a presstag store's."""
    tables = _tables(conn)
    if tables and "store_info" not in tables:
        raise StoreError(f"{path} is an SQLite database but not a presstag store; choose another file")


# ----------------------------------------------------------------------------------------------- queries


@dataclass(frozen=True)
class EntityRow:
    """One entity of the cross-document index."""

    name: str
    label: str
    documents: int
    mentions: int
    first_seen: str | None
    last_seen: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class DocumentRow:
    """One stored document."""

    name: str
    source: str
    reference_date: str | None
    title: str | None
    mentions: int
    status: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class PersonRow:
    """A person's role at an organisation, across the stored releases that state it."""

    person: str
    role: str | None
    organization: str | None
    documents: int
    first_seen: str | None
    last_seen: str | None
    kinds: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["kinds"] = list(self.kinds)
        return d


def open_readonly(path: str | Path) -> sqlite3.Connection:
    """A read-only connection to an existing store."""
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"no store at {path}: create one with `presstag extract INPUT --db {path}`")
    uri = path.resolve().as_uri()
    try:
        try:
            conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=10)
            tables = _tables(conn)
        except sqlite3.OperationalError:
            # A store in a folder this user cannot write: SQLite cannot make the WAL's shared-memory file there.
            # Nobody can be writing it either, so it is read as an unchanging file.
            conn = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, timeout=10)
            tables = _tables(conn)
    except sqlite3.OperationalError as exc:
        raise StoreError(f"the store {path} cannot be opened ({exc})") from exc
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} is not a presstag store ({exc})") from exc
    if "store_info" not in tables:
        conn.close()
        raise StoreError(f"{path} is not a presstag store")
    return conn


def query_entities(
    path: str | Path, *, label: str | Iterable[str] | None = None, search: str | None = None,
    top: int | None = None, include_boilerplate: bool = False,
) -> list[EntityRow]:
    """Entities across all stored documents, most documents first; ``label`` is one label or several."""
    where = ["d.status = 'ok'"]
    args: list[Any] = []
    if not include_boilerplate:
        where.append("m.boilerplate = 0")
    labels = [label] if isinstance(label, str) else list(label or ())
    if labels:
        where.append(f"e.label IN ({', '.join('?' * len(labels))})")
        args.extend(labels)
    if search:  # the entity's name or any of the ways it is written
        pattern = "%" + _like(search_key(search)) + "%"
        where.append("(e.key LIKE ? ESCAPE '\\' OR e.id IN (SELECT entity_id FROM mentions WHERE key LIKE ?"
                     " ESCAPE '\\'))")
        args += [pattern, pattern]
    sql = (
        "SELECT e.name, e.label, COUNT(DISTINCT m.document_id), COUNT(*), MIN(d.reference_date),"
        " MAX(d.reference_date) FROM mentions m JOIN entities e ON e.id = m.entity_id"
        " JOIN documents d ON d.id = m.document_id WHERE " + " AND ".join(where)
        + " GROUP BY e.id ORDER BY 3 DESC, 4 DESC, e.name"
    )
    if top:
        sql += " LIMIT ?"
        args.append(top)
    with closing(open_readonly(path)) as conn:
        return [EntityRow(*row) for row in _query(conn, sql, args)]


def query_documents(path: str | Path, *, entity: str, label: str | None = None) -> list[DocumentRow]:
    """Stored documents that mention ``entity``, oldest first.

    ``entity`` is matched, case and accents aside, against entity names and every way a mention was written, so
    "Daesh" finds the releases of the entity the index names "Islamic State of Iraq and the Levant".
    """
    where = ["(e.key = ? OR e.id IN (SELECT entity_id FROM mentions WHERE key = ?))"]
    args: list[Any] = [fold(entity), fold(entity)]
    if label:
        where.append("e.label = ?")
        args.append(label)
    sql = (
        "SELECT d.name, d.source, d.reference_date, d.title, COUNT(*), d.status FROM mentions m"
        " JOIN entities e ON e.id = m.entity_id JOIN documents d ON d.id = m.document_id"
        " WHERE " + " AND ".join(where) + " GROUP BY d.id ORDER BY d.reference_date IS NULL, d.reference_date,"
        " d.source"
    )
    with closing(open_readonly(path)) as conn:
        return [DocumentRow(*row) for row in _query(conn, sql, args)]


def query_people(
    path: str | Path, *, person: str | None = None, organization: str | None = None, top: int | None = None,
) -> list[PersonRow]:
    """Who holds which role where across the stored releases: one row per (person, role, organisation), most
    releases first. ``person`` and ``organization`` match part of the name, case and accents aside."""
    where = ["d.status = 'ok'"]
    args: list[Any] = []
    if person:
        where.append("r.person_key LIKE ? ESCAPE '\\'")
        args.append("%" + _like(search_key(person)) + "%")
    if organization:
        where.append("r.organization_key LIKE ? ESCAPE '\\'")
        args.append("%" + _like(search_key(organization)) + "%")
    sql = (
        "SELECT MIN(r.person), MIN(r.role), MIN(r.organization), COUNT(DISTINCT r.document_id),"
        " MIN(d.reference_date), MAX(d.reference_date), GROUP_CONCAT(DISTINCT r.kind)"
        " FROM roles r JOIN documents d ON d.id = r.document_id WHERE " + " AND ".join(where)
        + " GROUP BY r.person_key, r.role_key, r.organization_key ORDER BY 4 DESC, r.person_key, r.role_key"
    )
    if top:
        sql += " LIMIT ?"
        args.append(top)
    with closing(open_readonly(path)) as conn:
        if "roles" not in _tables(conn):
            raise StoreError(f"the store {path} was made by an older presstag and has no roles: run "
                             f"`presstag extract INPUT --db {path}` again to add them")
        return [PersonRow(*row[:6], tuple(sorted((row[6] or "").split(",")))) for row in _query(conn, sql, args)]


def search_key(text: str) -> str:
    """The key a search matches: the folded text, or the text itself where folding leaves nothing ("'")."""
    return fold(text) or " ".join(text.split()).casefold()


def _query(conn: sqlite3.Connection, sql: str, args: list[Any]) -> Iterator[tuple[Any, ...]]:
    try:
        yield from conn.execute(sql, args).fetchall()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"the store could not be read ({exc})") from exc


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
