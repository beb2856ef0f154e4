"""Canonical names: which mentions of a document stand for one entity, and the key that merges them across
documents."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from .types import CanonicalEntity, Mention

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "`": "'", "\u2010": "-", "\u2011": "-",
                         "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-"})
_SPACE = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"'s?$")


def fold(name: str) -> str:
    """A name's key: case, diacritics, apostrophe and dash styles, spacing and a possessive ending removed.

    >>> fold("Human Rights Watch's") == fold("HUMAN  RIGHTS WATCH") == "human rights watch"
    True
    >>> fold("Tokayev") == fold("Tokáyev")
    True
    """
    text = unicodedata.normalize("NFKD", name.translate(_QUOTES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _SPACE.sub(" ", text).strip().casefold()
    return _POSSESSIVE.sub("", text)


# Words left out of an acronym's letters: "Organization for Security and Co-operation in Europe" is OSCE.
ACRONYM_SKIP = {"of", "and", "for", "the", "in", "on", "at", "to", "de", "des", "du", "la", "le", "&"}
_ACRONYM = re.compile(r"^[A-Z]\.?(?:[a-z]?[A-Z]\.?){1,7}$")
# Weights of the salience score: how often, how early, and whether the entity speaks in a quote.
SALIENCE_WEIGHTS = {"mentions": 0.5, "lead": 0.3, "quoted": 0.2}


def is_acronym(text: str) -> bool:
    """ "OSCE", "U.N.", "HRW", "DoD": two to eight capitals, with or without periods or a small letter between."""
    return bool(_ACRONYM.match(text.replace(" ", "")))


def initials(name: str) -> str:
    """The acronym a name would have: first letters of its words, small words and hyphen tails left out."""
    words = [w for w in name.split() if w and w.lower() not in ACRONYM_SKIP]
    return "".join(w[0] for w in words if w[0].isalpha()).upper()


COMPANY_SUFFIXES = {"inc", "inc.", "ltd", "ltd.", "llc", "corp", "corp.", "co.", "plc", "gmbh", "s.a.", "ag",
                    "n.v.", "limited", "incorporated", "corporation"}


def org_words(name: str) -> list[str]:
    """An organisation's folded words without a trailing company suffix: "Acme Robotics Inc." -> acme, robotics."""
    words = fold(name).replace(",", " ").split()
    while len(words) > 1 and words[-1] in COMPANY_SUFFIXES:
        words.pop()
    return words


def spells(acronym: str, name: str) -> bool:
    """Whether ``acronym`` abbreviates ``name`` or its last words: "OSCE", "CoI" for "UN Commission of Inquiry"."""
    capitals = "".join(ch for ch in acronym if ch.isupper())
    letters = acronym.replace(".", "").upper()
    words = name.split()
    for k in range(len(words)):
        every = "".join(w[0] for w in words[k:] if w[0].isalpha()).upper()
        if capitals == initials(" ".join(words[k:])) or letters == every:
            return True
    return False


@dataclass
class Cluster:
    """The mentions of one entity of a document."""

    label: str
    members: list[int] = field(default_factory=list)
    gazetteer_name: str | None = None


def cluster_mentions(
    mentions: Sequence[Mention], canonical_of: Callable[[str], str | None] | None = None
) -> list[Cluster]:
    """Group a document's mentions by the entity they stand for, in order of first appearance.

    - a case, accent, punctuation or possessive variant goes with its name (``fold``);
    - a surname or given name ("Bazhkenova", "Gulnara") goes with the full name of the document that ends or
      starts with it, the nearest one before it if there are several ("Kim" after "Dmitry Kim");
    - an acronym goes with the name whose initials it spells ("OSCE");
    - a short form of an organisation goes with the one longer name it begins ("Acme" with "Acme Robotics Inc.");
    - aliases in the gazetteers go with their canonical name ("U.S." and "United States");
    - a date goes with the other mentions of the same calendar value ("today", "December 17, 2025").
    """
    keys: list[str] = []
    gazetteer_names: dict[str, str] = {}
    for m in mentions:
        if m.label == "DATE":
            keys.append(f"DATE|{m.value}" if m.value else f"DATE|{fold(m.text)}")
            continue
        gaz = canonical_of(m.text) if canonical_of and m.label in ("ORG", "PLACE") else None
        base = " ".join(org_words(m.text)) if m.label == "ORG" and not gaz else fold(gaz or m.text)
        key = f"{m.label}|{base}"
        if gaz:
            gazetteer_names[key] = gaz
        keys.append(key)

    parent = {k: k for k in keys}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    # Person name parts: join the nearest full name before (else after) that starts or ends with them.
    people = [(i, fold(m.text).split()) for i, m in enumerate(mentions) if m.label == "PERSON"]
    full = [(i, words) for i, words in people if len(words) >= 2]
    for i, words in people:
        candidates = [(j, fw) for j, fw in full if len(fw) > len(words) and (fw[-len(words):] == words
                                                                              or fw[:len(words)] == words)]
        if not candidates:
            continue
        before = [c for c in candidates if mentions[c[0]].start < mentions[i].start]
        j = (before[-1] if before else candidates[0])[0]
        parent[find(keys[i])] = find(keys[j])

    # Short forms of organisations: "Acme" and "Acme Robotics" go with "Acme Robotics Inc." when that is the only
    # longer name they begin (a name the gazetteer knows stands for itself: "Amnesty International").
    orgs = [(i, org_words(m.text)) for i, m in enumerate(mentions)
            if m.label == "ORG" and not is_acronym(m.text) and keys[i] not in gazetteer_names]
    for i, words in orgs:
        roots = {find(keys[j]) for j, longer in orgs if len(longer) > len(words) and longer[:len(words)] == words}
        roots.discard(find(keys[i]))
        if len(roots) == 1:
            parent[find(keys[i])] = roots.pop()

    # Acronyms: join the one longer name of the same label whose initials they spell.
    for i, m in enumerate(mentions):
        if m.label not in ("ORG", "PLACE") or not is_acronym(m.text) or keys[i] in gazetteer_names:
            continue
        targets = {find(keys[j]) for j, o in enumerate(mentions)
                   if o.label == m.label and not is_acronym(o.text) and spells(m.text, o.text)}
        if len(targets) == 1:
            parent[find(keys[i])] = targets.pop()

    clusters: dict[str, Cluster] = {}
    for i, m in enumerate(mentions):
        root = find(keys[i])
        cluster = clusters.setdefault(root, Cluster(label=m.label))
        cluster.members.append(i)
        cluster.gazetteer_name = cluster.gazetteer_name or gazetteer_names.get(keys[i])
    return list(clusters.values())


def cluster_name(cluster: Cluster, mentions: Sequence[Mention]) -> str:
    """A cluster's name: the gazetteer's name if it has one, a date's value, else its longest form."""
    if cluster.gazetteer_name:
        return cluster.gazetteer_name
    first = mentions[cluster.members[0]]
    if cluster.label == "DATE":
        return first.value or first.text
    forms = [mentions[i].text for i in cluster.members if not is_acronym(mentions[i].text)] or [first.text]
    if cluster.label == "PERSON":
        return max(forms, key=lambda t: (len(t.split()), -forms.index(t)))
    return max(forms, key=lambda t: (len(t), -forms.index(t)))


def canonicalise(
    mentions: Sequence[Mention],
    *,
    canonical_of: Callable[[str], str | None] | None = None,
    lead_end: int = 0,
    speakers: Iterable[str] = (),
) -> tuple[list[Mention], list[CanonicalEntity]]:
    """Each mention with its ``canonical`` name, and the document's canonical entities.

    ``lead_end`` is where the lead (dateline and first paragraph) ends; ``speakers`` are the canonical names
    of quote speakers and their organisations. Both raise salience, as does the number of mentions.
    """
    clusters = cluster_mentions(mentions, canonical_of)
    out = list(mentions)
    spoken = {fold(s) for s in speakers}
    counted = [sum(1 for i in c.members if not mentions[i].boilerplate) for c in clusters]
    most = max(counted, default=0) or 1
    entities: list[CanonicalEntity] = []
    w = SALIENCE_WEIGHTS
    for cluster, count in zip(clusters, counted, strict=True):
        name = cluster_name(cluster, mentions)
        forms = list(dict.fromkeys(mentions[i].text for i in cluster.members))
        for i in cluster.members:
            out[i] = replace(mentions[i], canonical=name)
        first = mentions[cluster.members[0]].start
        salience = (w["mentions"] * count / most + w["lead"] * (first < lead_end)
                    + w["quoted"] * (fold(name) in spoken))
        entities.append(CanonicalEntity(
            name=name, label=cluster.label, mentions=len(cluster.members), first_start=first,
            aliases=tuple(f for f in forms if f != name), salience=round(salience, 3),
        ))
    entities.sort(key=lambda e: e.first_start)
    return out, entities
