"""Canonical names: which mentions of a document stand for one entity, and the key that merges them across
documents."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from .types import CanonicalEntity, Mention

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "`": "'", "\u2010": "-", "\u2011": "-",
                         "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-"})
_SPACE = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"'s?$")
_NICKNAME = re.compile(r"\s+\([^()]*\)\s+")


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
    mentions: Sequence[Mention], canonical_of: Callable[[str], str | None] | None = None, text: str | None = None
) -> list[Cluster]:
    """Group a document's mentions by the entity they stand for, in order of first appearance.

    - a case, accent, punctuation or possessive variant goes with its name (``fold``);
    - a surname or given name ("Bazhkenova", "Gulnara") goes with the full name of the document that ends or
      starts with it, the nearest one before it if there are several ("Kim" after "Dmitry Kim");
    - an acronym goes with the name whose initials it spells ("OSCE"), or that it follows in brackets when
      ``text`` is given ("Lebanese Center for Human Rights (CLDH)");
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

    # Person name parts join the full name of the release that starts or ends with them, or that is them with
    # middle initials ("Carlos Migoya" and "Carlos A. Migoya"). When several full names
    # do ("Kim" with "Ivan Kim" and "Olga Kim"), each mention takes the nearest one before it (else the first).
    assigned: dict[int, str] = {}
    full_starts: dict[tuple[str, ...], list[int]] = {}
    for m in mentions:
        if m.label == "PERSON" and len(words := tuple(fold(m.text).split())) >= 2:
            full_starts.setdefault(words, []).append(m.start)
    candidates_of: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for i, m in enumerate(mentions):
        if m.label != "PERSON":
            continue
        words = tuple(fold(m.text).split())
        if words not in candidates_of:
            n = len(words)
            candidates_of[words] = [fw for fw in full_starts if len(fw) > n and (
                fw[-n:] == words or fw[:n] == words or (n >= 2 and _without_initials(fw) == words))]
        candidates = candidates_of[words]
        if len(candidates) == 1:
            parent[find(keys[i])] = find("PERSON|" + " ".join(candidates[0]))
        elif candidates:
            def last_before(fw: tuple[str, ...], at: int = m.start) -> int:
                k = bisect_left(full_starts[fw], at)
                return full_starts[fw][k - 1] if k else -1
            best = max(candidates, key=lambda fw: (last_before(fw), -full_starts[fw][0]))
            assigned[i] = "PERSON|" + " ".join(best)

    # Short forms of organisations: "Acme" and "Acme Robotics" go with "Acme Robotics Inc." when that is the only
    # longer name they begin (a name the gazetteer knows stands for itself: "Amnesty International").
    orgs = {tuple(org_words(m.text)) for i, m in enumerate(mentions)
            if m.label == "ORG" and not is_acronym(m.text) and keys[i] not in gazetteer_names}
    for words in sorted(orgs, key=lambda w: (-len(w), w)):  # a fixed order: the same names whatever the hash seed
        roots = {find("ORG|" + " ".join(longer)) for longer in orgs
                 if len(longer) > len(words) and longer[:len(words)] == words}
        roots.discard(find("ORG|" + " ".join(words)))
        if len(roots) == 1:
            parent[find("ORG|" + " ".join(words))] = roots.pop()

    # Acronyms: join the one longer name of the same label whose initials they spell.
    names = {(m.label, m.text): keys[i] for i, m in enumerate(mentions) if m.label in ("ORG", "PLACE")}
    for (label, surface), key in names.items():
        if not is_acronym(surface) or key in gazetteer_names:
            continue
        targets = {find(k) for (lab, other), k in names.items()
                   if lab == label and not is_acronym(other) and spells(surface, other)}
        if len(targets) == 1:
            parent[find(key)] = targets.pop()

    # "Name (ACR)" in the text defines the acronym, whatever it spells, unless it spells another name of the
    # release ("Component(s): National Institute of Justice (OJP)" after "Office of Justice Programs (OJP)").
    if text is not None:
        for i in range(len(mentions) - 1):
            a, b = mentions[i], mentions[i + 1]
            if a.label == b.label != "DATE" and is_acronym(b.text) and text[a.end:b.start] == " (" \
                    and text[b.end:b.end + 1] == ")" and keys[i + 1] not in gazetteer_names:
                if not spells(b.text, a.text) and any(lab == a.label and not is_acronym(other) and other != a.text
                                                      and spells(b.text, other) for lab, other in names):
                    continue
                parent[find(keys[i + 1])] = find(keys[i])

    clusters: dict[str, Cluster] = {}
    for i, m in enumerate(mentions):
        root = find(assigned.get(i, keys[i]))
        cluster = clusters.setdefault(root, Cluster(label=m.label))
        cluster.members.append(i)
        cluster.gazetteer_name = cluster.gazetteer_name or gazetteer_names.get(keys[i])
    return list(clusters.values())


def _without_initials(words: tuple[str, ...]) -> tuple[str, ...]:
    """A name's words without its middle initials: "Carlos A. Migoya" is also "Carlos Migoya"."""
    return tuple(w for w in words if len(w.rstrip(".")) > 1)


def cluster_name(cluster: Cluster, mentions: Sequence[Mention]) -> str:
    """A cluster's name: the gazetteer's name if it has one, a date's value, else its longest form."""
    if cluster.gazetteer_name:
        return cluster.gazetteer_name
    first = mentions[cluster.members[0]]
    if cluster.label == "DATE":
        return first.value or first.text
    forms = list(dict.fromkeys(mentions[i].text for i in cluster.members if not is_acronym(mentions[i].text)))
    forms = forms or [first.text]
    if cluster.label == "PERSON":
        # a nickname in parentheses is an alias, not part of the name: "Robert H. (Bob) Swan" is Robert H. Swan
        forms = [_NICKNAME.sub(" ", t) for t in forms]
        return max(forms, key=lambda t: (len(t.split()), -forms.index(t)))
    return max(forms, key=lambda t: (len(t), -forms.index(t)))


def canonicalise(
    mentions: Sequence[Mention],
    *,
    canonical_of: Callable[[str], str | None] | None = None,
    lead_end: int = 0,
    speakers: Iterable[str] = (),
    text: str | None = None,
) -> tuple[list[Mention], list[CanonicalEntity]]:
    """Each mention with its ``canonical`` name, and the document's canonical entities.

    ``lead_end`` is where the lead (dateline and first paragraph) ends; ``speakers`` are the canonical names
    of quote speakers and their organisations. Both raise salience, as does the number of mentions.
    """
    named, clusters = name_mentions(mentions, canonical_of, text)
    return named, canonical_entities(named, clusters, lead_end=lead_end, speakers=speakers)


def name_mentions(
    mentions: Sequence[Mention], canonical_of: Callable[[str], str | None] | None = None, text: str | None = None
) -> tuple[list[Mention], list[Cluster]]:
    """Each mention with its ``canonical`` name, and the clusters behind the names."""
    clusters = cluster_mentions(mentions, canonical_of, text)
    out = list(mentions)
    for cluster in clusters:
        name = cluster_name(cluster, mentions)
        for i in cluster.members:
            out[i] = replace(mentions[i], canonical=name)
    return out, clusters


def canonical_entities(
    named: Sequence[Mention], clusters: Sequence[Cluster], *, lead_end: int = 0, speakers: Iterable[str] = ()
) -> list[CanonicalEntity]:
    """One entity per cluster of named mentions, in order of first appearance, with its salience."""
    spoken = {fold(s) for s in speakers}
    counted = [sum(1 for i in c.members if not named[i].boilerplate) for c in clusters]
    most = max(counted, default=0) or 1
    w = SALIENCE_WEIGHTS
    entities: list[CanonicalEntity] = []
    for cluster, count in zip(clusters, counted, strict=True):
        name = named[cluster.members[0]].canonical or named[cluster.members[0]].text
        forms = list(dict.fromkeys(named[i].text for i in cluster.members))
        first = named[cluster.members[0]].start
        salience = (w["mentions"] * count / most + w["lead"] * (first < lead_end)
                    + w["quoted"] * (fold(name) in spoken))
        entities.append(CanonicalEntity(
            name=name, label=cluster.label, mentions=len(cluster.members), first_start=first,
            aliases=tuple(f for f in forms if f != name), salience=round(salience, 3),
        ))
    entities.sort(key=lambda e: e.first_start)
    return entities
