"""Canonical names: which mentions of a document stand for one entity, and the key that merges them across
documents."""

from __future__ import annotations

import re
import unicodedata

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
