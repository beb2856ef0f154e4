"""What a press release says about its own names, read from its layout.

- "About X" headings: X is an organisation (the release says so in as many words);
- ticker parentheses, "Acme Inc. (NASDAQ: ACME)": the name before them is a listed company, the exchange is an
  organisation, the ticker is not an entity;
- legal forms, "Smiths Group plc", "Haier Smart Home Co., Ltd.": the name with its legal form is an organisation
  (the legal forms of many countries, from cleanco);
- boilerplate: the "About" sections at the end of a release, safe-harbour statements and the issuer's disclaimer.

Everything here works on the text alone; ``nlp.components.release`` turns it into entity evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .labels import data_path

# "About X" at a line start; X runs to the end of the line, a colon or a dash. Headings glued to their section by
# a scraper ("About 45Drives45Drives designs …") are cut where the name starts again.
ABOUT_RE = re.compile(r"^[ \t]*(?:#+[ \t]*)?[*_]*(?:About|ABOUT)[ \t]+(?P<rest>[^\n]{1,400})", re.MULTILINE)
# Mid-line, after a sentence (a scraper joined the lines): only when a colon or a parenthesis closes the name.
INLINE_ABOUT_RE = re.compile(r"(?<=[.!?”\"])[ ]?(?:About|ABOUT)[ \t]+(?P<rest>[A-Z][^\n]{1,400})")
ABOUT_END = re.compile(r"\s*(?::|[-–—]\s|\*\*|__|\s\(|$)")
MAX_ABOUT_WORDS = 10
# "About the Company", "About Us": headings that name nothing.
GENERIC_ABOUT = {"us", "the company", "company", "the companies", "the author", "the authors", "this release",
                 "the study", "the survey", "the report", "the research", "the event", "the program",
                 "the programme", "the campaign", "the foundation", "the firm", "the fund", "the issuer", "inc.",
                 "the artist", "the artists", "the partnership", "the offering", "the project", "the book",
                 "the award", "the awards", "the data", "our company"}
# A ticker group: "(NASDAQ: AMZN)", "(CSE: LOAN) (OTC: PNNRF)", "(A-share: 600690.SH; H-share: 06690.HK)".
LISTING = r"(?P<market>[A-Z][\w&.\-]*(?:[ ][A-Z][\w&.\-]*){0,3})[ \t]*:[ \t]*(?P<symbol>[A-Z0-9][A-Za-z0-9.\-]{0,11})"
TICKER_GROUP = re.compile(r"\((?:[ \t]*[A-Z][\w&.\-]*(?:[ ][A-Z][\w&.\-]*){0,3}[ \t]*:[ \t]*"
                          r"[A-Z0-9][A-Za-z0-9.\-]{0,11}[ \t]*[;,]?)+[ \t]*\)")
LISTING_RE = re.compile(LISTING)
# Markets that are no exchange but still mark a security's symbol: "(A-share: 600690.SH)", "(Ticker: ACME)".
SECURITY_WORDS = re.compile(r"(?i)\b(?:shares?|ticker|symbol|wkn|isin|cusip)$")
# Boilerplate that is not an "About" section: safe-harbour statements and wire-service disclaimers.
SAFE_HARBOUR = re.compile(r"^[ \t]*[*_#]*[ \t]*(?:Forward[- ]Looking Statements?|Cautionary (?:Note|Statement)[^\n]*|"
                          r"Safe Harbou?r(?: Statement)?|Disclaimer|Legal Disclaimer|Notice Regarding Forward[- ]"
                          r"Looking[^\n]*)[ \t]*:?[*_]*[ \t]*$"
                          # a wire service's closing lines: "To receive SMS alerts …", "Please see full terms of use …"
                          r"|^[ \t]*(?:To receive (?:SMS|instant SMS|text) alerts|Please see full terms of use|"
                          r"The issuer is solely responsible|This content was originally published|NOTE TO INVESTORS)",
                          re.MULTILINE | re.IGNORECASE)
# An About section in a release's lead is not its closing boilerplate ("About the campaign" early on): the lead is
# its first 600 characters or 15% of it.
LEAD_CHARS = 600
BOILERPLATE_FROM = 0.15


@dataclass(frozen=True)
class Listing:
    """One ``MARKET: SYMBOL`` of a ticker group; the market is an exchange when ``exchange`` is True."""

    market: tuple[int, int]
    symbol: tuple[int, int]
    exchange: bool


@dataclass(frozen=True)
class TickerGroup:
    """Ticker parentheses after a name: where they stand and their listings."""

    start: int
    end: int
    listings: tuple[Listing, ...]


def about_names(text: str) -> list[tuple[int, int]]:
    """Character spans of the names in the release's "About X" headings."""
    return [(start, end) for start, end, _ in about_headings(text)]


def about_headings(text: str) -> list[tuple[int, int, bool]]:
    """``(start, end, glued)`` of each "About X" heading's name; ``glued`` when a scraper ran the heading into its
    section's first word ("About Canadian ClubCanadian Club is …"): the name is known, but the text there is no
    mention of it."""
    out = []
    matches = sorted([*ABOUT_RE.finditer(text), *INLINE_ABOUT_RE.finditer(text)], key=lambda m: m.start())
    for m in matches:
        start = m.start("rest")
        rest = m.group("rest")
        end_match = ABOUT_END.search(rest)
        name = rest[:end_match.start()] if end_match else rest
        glued = _glued_repeat(name)
        inline = m.re is INLINE_ABOUT_RE
        if inline and glued is None and not (end_match and rest[end_match.start():end_match.end()].strip()[:1] in ":("):
            continue  # mid-line, only a colon, a bracket or the name starting again closes the heading
        if glued is not None:
            name = name[:glued]
        elif len(name.split()) > MAX_ABOUT_WORDS:
            continue
        lead = re.match(r"(?:the|The|THE)\s+", name)
        if lead:
            start += lead.end()
            name = name[lead.end():]
        name = name.rstrip(" \t:,;–—-*_")
        if not name or not (name[0].isupper() or name[0].isdigit() and glued is not None) \
                or name.lower() in GENERIC_ABOUT \
                or f"the {name.lower()}" in GENERIC_ABOUT:
            continue
        out.append((start, start + len(name), glued is not None))
    return out


def _glued_repeat(heading: str) -> int | None:
    """Where a heading glued to its first sentence ends: "45Drives45Drives designs" → 8, "Haier Co., Ltd.Haier
    Smart Home is" → 15: where the heading's first word starts again right after a letter or a period."""
    words = [w for w in heading.split() if w.lower() != "the"]
    if not words:
        return None
    offset = heading.find(words[0])
    for p in range(offset + 3, len(heading) - 2):
        if heading[p - 1].isspace() or not (heading[p].isupper() or heading[p].isdigit()):
            continue
        first = heading[offset:p].split()[0] if heading[offset:p].split() else ""
        if len(first) >= 3 and (heading.startswith(first, p) or heading.startswith(f"The {first}", p)):
            return p
    return None


def ticker_groups(text: str) -> list[TickerGroup]:
    """Every run of ticker parentheses: "(NASDAQ: AMZN)", "(CSE: LOAN) (OTC: PNNRF)"."""
    groups: list[TickerGroup] = []
    for m in TICKER_GROUP.finditer(text):
        listings = tuple(
            Listing(market=(m.start() + x.start("market"), m.start() + x.end("market")),
                    symbol=(m.start() + x.start("symbol"), m.start() + x.end("symbol")),
                    exchange=is_exchange(x.group("market")))
            for x in LISTING_RE.finditer(m.group(0))
        )
        if not any(x.exchange or SECURITY_WORDS.search(m.group(0)[x.market[0] - m.start():x.market[1] - m.start()])
                   for x in listings):
            continue  # "(Note: A)" is no listing
        if groups and not text[groups[-1].end:m.start()].strip():
            last = groups.pop()  # "(CSE: LOAN) (OTC: PNNRF)": one group after one name
            groups.append(TickerGroup(last.start, m.end(), last.listings + listings))
        else:
            groups.append(TickerGroup(m.start(), m.end(), listings))
    return groups


@lru_cache(maxsize=1)
def exchanges() -> frozenset[str]:
    """Names of stock exchanges and markets as written in ticker parentheses, folded (``nlp/data/exchanges.txt``)."""
    from .gazetteer import read_lines

    return frozenset(_market_key(x) for x in read_lines(data_path("exchanges.txt")))


def _market_key(name: str) -> str:
    return re.sub(r"[\s.\-]+", " ", name).strip().casefold()


def is_exchange(market: str) -> bool:
    """Whether a ticker parenthesis' market names an exchange ("NASDAQ", "NYSE American", "TSX.V")."""
    return _market_key(market) in exchanges()


def boilerplate_start(text: str) -> int | None:
    """Where the release's closing boilerplate begins: its first "About" heading or safe-harbour statement after
    the lead, else None."""
    floor = max(LEAD_CHARS, int(len(text) * BOILERPLATE_FROM))
    starts = [m.start() for m in ABOUT_RE.finditer(text) if m.start() >= floor]
    starts += [m.start() for m in SAFE_HARBOUR.finditer(text) if m.start() >= floor]
    return min(starts) if starts else None


# ------------------------------------------------------------------------------------------------ legal forms

# Written forms that cleanco lists as legal forms but that are far more often something else in English text:
# US state and Canadian province codes, country codes, words.
NOT_LEGAL_FORMS = {"uk", "ca", "ky", "sc", "sd", "ks", "ok", "mb", "nl", "ae", "at", "eu", "it", "as", "ad", "da",
                   "et", "ee", "ei", "fa", "pp", "ps", "ss", "sp", "sf", "od", "oe", "og", "ou", "pc", "pt",
                   "rt", "ud", "xt", "private", "ent", "sem", "sep", "ses", "ong", "sal", "sha", "cpt", "ba", "bl",
                   "bm", "bt", "ec", "ep", "ev", "gp", "hb", "ij", "ik", "kb", "kd", "kf", "kt", "kv", "pse",
                   "psu", "qk", "tdv", "teo", "vat", "xk", "dd", "sl", "ct"}


@lru_cache(maxsize=1)
def legal_forms() -> frozenset[tuple[str, ...]]:
    """Legal forms as token sequences, lower case without periods: ("inc",), ("co", "ltd"), ("gmbh",)."""
    from cleanco import prepare_default_terms

    forms = {tuple(words) for _, words in prepare_default_terms()}
    return frozenset(f for f in forms if not (len(f) == 1 and f[0] in NOT_LEGAL_FORMS))


LEGAL_TOKEN = re.compile(r"^(?:[A-Z][A-Za-z]*\.?|[A-Z](?:\.[A-Z])+\.?|plc|&|[A-Z]{2,5}|S\.?A\.?)$")


def legal_form_length(words: list[str]) -> int:
    """How many of ``words`` (the tokens after a name) make up its legal form, 0 if none: "Inc.", ", Inc.",
    "Co., Ltd.", "GmbH & Co. KG", "S.A.", "plc", "Corporation"."""
    i = 1 if words[:1] == [","] else 0
    end = 0
    while i < len(words):
        longest = 0
        tokens: list[str] = []
        for k in range(i, min(len(words), i + 4)):
            if not LEGAL_TOKEN.match(words[k]):
                break
            tokens.append(words[k].replace(".", "").casefold())
            if tuple(tokens) in legal_forms():
                longest = k + 1 - i
        if not longest:
            break
        end = i + longest
        i = end + (1 if words[end:end + 1] == [","] else 0)  # "Co., Ltd."
    return end
