"""Quote attribution: who said each quotation of a release, in what role, for which organisation.

Works on the whole text and its final mentions (with canonical names), so a speaker named in full once and by
surname later is reported by the full name. Forms handled, with “curly” or "straight" quotation marks:

- after the quote: “…,” said Maisy Weicherding, Central Asia researcher at Amnesty International.
  / “…,” Weicherding said. / “…,” said Amnesty International’s researcher Maisy Weicherding.
- before it: Maisy Weicherding said: “…” / According to Weicherding, “…” / Meta responded saying that they “…”
- a quote split around its attribution, or continued in the same paragraph: both parts get the speaker.
- a pronoun speaker (“…,” she said.) is the person named last before the quote; a title speaker (“…,” the
  secretary said.) is the person named last with that title beside the name ("Defense Secretary Ash Carter").
- a statement introduced at the end of the paragraph before it: "X provided the following statement:".
Quotations of fewer than ``MIN_WORDS`` words are scare quotes ("so-called “violations”"), not quotes.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache

from .gazetteer import word_list
from .types import Mention, Quote

MIN_WORDS = 4
QUOTE_RE = re.compile(r"“([^“”\n]+)”|\"([^\"\n]+)\"|«([^«»\n]+)»")
SPEECH_VERBS = (r"said|says|say|added|adds|stated|states|noted|notes|explained|explains|warned|warns|urged|urges|"
                r"told|tells|wrote|writes|commented|declared|insisted|argued|stressed|emphasi[sz]ed|continued|"
                r"concluded|asked|responded|replied|remarked|observed|according to|"
                r"(?:issued|released|made|gave|provided|delivered|published)\s+(?:the\s+following|a|this|his|her|their)"
                r"(?:\s+\w+)?\s+statement")
SPEECH_RE = re.compile(rf"\b(?:{SPEECH_VERBS})\b", re.IGNORECASE)
PRONOUN_RE = re.compile(r"\b(?:he|she)\b", re.IGNORECASE)
ROLE_LINK_RE = re.compile(r"\s+(?:at|of|for|with|from|in)\s+(?:the\s+)?$", re.IGNORECASE)
POSSESSIVE_RE = re.compile(r"^[’']s?\s+", re.IGNORECASE)
MAX_CLAUSE = 250
# Words whose final period does not end a sentence ("Lt. Gen. Stephen J. Townsend said"), besides titles; "May"
# is never shortened, so "in May." ends one.
ABBREVIATIONS = {*(m for m in calendar.month_abbr[1:] if m != "May"), "Sept", "Jr", "Sr", "St", "No", "Inc",
                 "Ltd", "Co", "Corp", "Dept", "Gov", "Govt", "Hon", "Messrs", "Mt", "Ft"}
TITLE_WORD_MIN = 4


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Abbreviations whose period is not a full stop: the titles that end with one, and ``ABBREVIATIONS``."""
    return frozenset(ABBREVIATIONS | {t[:-1].split()[-1] for t in word_list("titles.txt") if t.endswith(".")})


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    """Role words that may stand for a person named earlier: "the secretary said"."""
    return frozenset(w.lower() for t in word_list("titles.txt") for w in t.split()
                     if w.isalpha() and len(w) >= TITLE_WORD_MIN and w[0].isupper())


def is_full_stop(text: str, i: int) -> bool:
    """Whether the period at ``text[i]`` ends a sentence rather than an abbreviation or an initial."""
    j = i
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    word = text[j:i]
    return not (len(word) == 1 and word.isupper()) and word not in abbreviations()


def find_quotes(text: str, mentions: Sequence[Mention]) -> list[Quote]:
    """The attributed quotations of ``text``, in order; ``mentions`` carry canonical names."""
    names = [m for m in mentions if m.label in ("PERSON", "ORG")]
    line_ends = [i for i, ch in enumerate(text) if ch == "\n"]
    quotes: list[Quote] = []
    last: Quote | None = None
    last_paragraph = -1
    for match in QUOTE_RE.finditer(text):
        group = next(g for g in range(1, 4) if match.group(g) is not None)
        body = match.group(group)
        if len(body.split()) < MIN_WORDS:
            continue
        start = match.start(group) + len(body) - len(body.lstrip())
        end = match.end(group) - (len(body) - len(body.rstrip()))
        paragraph = bisect_right(line_ends, match.start())
        found = _after(text, match.end(), names) or _before(text, match.start(), names)
        if found is None and last is not None and paragraph == last_paragraph:
            found = (last.speaker, last.role, last.organization)
        if found is None:
            continue
        speaker, role, organization = found
        last = Quote(speaker=speaker, role=role, organization=organization, start=start, end=end,
                     text=text[start:end])
        last_paragraph = paragraph
        quotes.append(last)
    return quotes


def _clause_end(text: str, start: int, mentions: Sequence[Mention]) -> int:
    """End of the sentence from ``start``: a full stop outside any mention ("U.S."), a line end or a quote."""
    limit = min(len(text), start + MAX_CLAUSE)
    for i in range(start, limit):
        ch = text[i]
        if ch in "\n“\"«":
            return i
        if ch in ".!?;" and not _inside(mentions, i) and (ch != "." or is_full_stop(text, i)):
            return i
    return limit


def _after(text: str, pos: int, names: Sequence[Mention]) -> tuple[str | None, str | None, str | None] | None:
    """An attribution right after a quote: ``,” said X, ROLE at ORG.`` or ``,” X said.``"""
    end = _clause_end(text, pos, names)
    clause = text[pos:end]
    verb = SPEECH_RE.search(clause)
    if verb is None:
        return None
    inside = [m for m in names if pos <= m.start and m.end <= end]
    people = [m for m in inside if m.label == "PERSON"]
    speaker = people[0] if people else None
    if speaker is None:
        referent = _referent(text, names, clause[:verb.start()], clause[verb.end():], pos)
        if referent is not None:
            return name_of(referent), None, None
        if inside:
            org = inside[0]
            return name_of(org), None, name_of(org)
        return None
    return name_of(speaker), *_role(text, speaker, pos + verb.end(), end, inside)


def _before(text: str, pos: int, names: Sequence[Mention]) -> tuple[str | None, str | None, str | None] | None:
    """An attribution leading into a quote: ``X said: “…”``, ``According to X, “…”``."""
    line_start = text.rfind("\n", 0, pos) + 1
    if not text[line_start:pos].strip() and line_start > 1:
        # A quote that opens a paragraph, introduced by the paragraph before: "… the following statement:"
        prev_end = len(text[:line_start].rstrip())
        if text[:prev_end].endswith(":"):
            pos, line_start = prev_end, text.rfind("\n", 0, prev_end) + 1
    head_start = max(line_start, pos - MAX_CLAUSE)
    for cut in range(pos - 1, head_start - 1, -1):
        ch = text[cut]
        ends = ch in "!?”\"" or (ch == "." and is_full_stop(text, cut))
        if ends and not _inside(names, cut):
            head_start = cut + 1
            break
    head = text[head_start:pos]
    # "X said: “…”", "According to X, “…”", or a quote inside reported speech: "X said that they “…”"
    if not re.search(r"[:,]\s*$|\b(?:that|saying)\s+(?:\w+\s+){0,3}$", head):
        return None
    verbs = list(SPEECH_RE.finditer(head))
    if not verbs:
        return None
    verb = verbs[-1]
    inside = [m for m in names if head_start <= m.start and m.end <= pos]
    people = [m for m in inside if m.label == "PERSON"]
    if not people:
        referent = _referent(text, names, head[:verb.start()], head[verb.end():], head_start)
        if referent is not None:
            return name_of(referent), None, None
        if inside:
            return name_of(inside[0]), None, name_of(inside[0])
        return None
    if verb.group(0).lower() == "according to":
        after = [m for m in people if m.start >= head_start + verb.end()]
        speaker = after[0] if after else people[-1]
    else:
        ahead = [m for m in people if m.end <= head_start + verb.start()]
        speaker = ahead[-1] if ahead else people[0]
    return name_of(speaker), *_role(text, speaker, head_start, pos, inside)


def _role(text: str, speaker: Mention, clause_start: int, clause_end: int,
          inside: Sequence[Mention]) -> tuple[str | None, str | None]:
    """The speaker's role and organisation: ``X, ROLE at ORG`` after the name, or ``ORG's ROLE X`` before it."""
    orgs = [m for m in inside if m.label == "ORG"]
    tail = text[speaker.end:clause_end]
    if tail.startswith(","):
        verb = SPEECH_RE.search(tail)
        tail_end = speaker.end + (verb.start() if verb else len(tail))  # the apposition ends at the verb
        after = [m for m in orgs if m.start >= speaker.end and m.end <= tail_end]
        if after:
            org = after[0]
            owner = POSSESSIVE_RE.match(text[org.end:tail_end])
            if owner and not text[speaker.end + 1:org.start].strip():
                # "Priya Natarajan, BlueSky's Chief Financial Officer"
                role = re.split(r"[,;:]", text[org.end + owner.end():tail_end], maxsplit=1)[0]
                return _clean(role), name_of(org)
            lead = text[speaker.end + 1:org.start]
            link = ROLE_LINK_RE.search(lead)
            role = lead[:link.start()] if link else lead.rstrip(", ")
            if "," not in role.strip(", "):
                return _clean(role), name_of(org)
        role = re.split(r"[,;:]", text[speaker.end + 1:tail_end], maxsplit=1)[0]
        return _clean(role), None
    following = [m for m in orgs if m.start >= speaker.end]
    if following and re.fullmatch(r"\s+(?:of|from|at|with)\s+(?:the\s+)?", text[speaker.end:following[0].start]):
        return None, name_of(following[0])  # "said Ivan Kim of the Almaty Bar Association"
    before = [m for m in orgs if clause_start <= m.start and m.end <= speaker.start]
    if before:
        org = before[-1]
        between = text[org.end:speaker.start]
        if POSSESSIVE_RE.match(between):
            return _clean(POSSESSIVE_RE.sub("", between, count=1)), name_of(org)
    lead = text[clause_start:speaker.start]
    if lead.strip() and lead.strip()[0].isupper() and len(lead.split()) <= 6 and not SPEECH_RE.search(lead):
        return _clean(lead), None
    return None, None


def _clean(role: str) -> str | None:
    role = role.strip(" ,;:–—-")
    if not role or len(role.split()) > 10 or SPEECH_RE.search(role):
        return None
    return re.sub(r"^(?:the|a|an)\s+", "", role, flags=re.IGNORECASE) or None


def _referent(text: str, names: Sequence[Mention], before_verb: str, after_verb: str,
              before: int) -> Mention | None:
    """The person a pronoun or a title next to the speech verb stands for: "she said", "the secretary said",
    "said the foreign secretary"."""
    people = [m for m in names if m.label == "PERSON" and m.end <= before]
    if PRONOUN_RE.search(before_verb[-20:]) or PRONOUN_RE.match(after_verb.lstrip()):
        return people[-1] if people else None
    phrase = (re.search(r"\bthe((?:\s+[\w-]+){1,3})\s*,?\s*$", before_verb, re.IGNORECASE)
              or re.match(r"\s*the((?:\s+[\w-]+){1,3})", after_verb, re.IGNORECASE))
    if phrase is None:
        return None
    titles = [w for w in phrase.group(1).split() if w.lower() in title_words()]
    if not titles:
        return None
    title = re.escape(titles[-1])
    # the title right before the name ("Defense Secretary Ash Carter", "Secretary of Defense Ash Carter") or in
    # an apposition right after it ("Ash Carter, the defense secretary")
    before_name = re.compile(rf"\b(?i:{title})(?:\s+(?:of|for|the|[A-Z][\w.'’-]*)){{0,5}}\s*$")
    after_name = re.compile(rf"^,\s+(?:the\s+)?(?:[\w-]+\s+){{0,3}}?(?i:{title})\b")
    for m in reversed(people):
        if before_name.search(text[max(0, m.start - 50):m.start]) or after_name.match(text[m.end:m.end + 50]):
            return m
    return None


def _inside(mentions: Sequence[Mention], i: int) -> bool:
    """Whether position ``i`` falls inside one of ``mentions`` (sorted by start, not overlapping)."""
    k = bisect_right(mentions, i, key=lambda m: m.start) - 1
    return k >= 0 and mentions[k].start <= i < mentions[k].end


def name_of(m: Mention) -> str:
    """A mention's name: its canonical name, else its text."""
    return m.canonical or m.text
