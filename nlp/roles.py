"""Who holds which role where: the people of a release with their titles and organisations, as the text states them.

Works on the whole text and its final mentions (with canonical names), after quote attribution. Forms read:

- an apposition after the name: "Jane Doe, Chief Financial Officer of Acme", "Jane Doe, Acme's CFO", "Jane Doe,
  President, and CEO of Acme", "Jane Doe, Deputy CEO of Quality, Acme", "Jane Doe of Acme";
- a title before it: "Acme CEO Jane Doe", "District Attorney Ken Thompson", "acclaimed chef Edward Lee";
- appointments: "Acme appoints Jane Doe as CFO", "Doe has been named the Association's new treasurer", "Doe will
  start a term as president", "Doe joins Acme as CFO", "Doe is the new president-elect";
- statements about a person named before or by a pronoun: "Doe is a managing partner at Beta", "He previously
  served as CFO of Beta", "He serves on the board of directors at Nike, eBay and GoTo", "Beta was founded by Jane
  Doe";
- contact blocks: "Media contact:" followed by name, title and organisation lines, or "contact Jane Doe, Press
  Officer".

A role is a phrase that ends in a role word (``data/role_heads.txt``) or follows "as" in an appointment; an
organisation is an ORG mention, a capitalised name built on an organisation noun, or "the Association" / "the
company" standing for the release's own organisation.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from .canonical import fold, initials
from .contacts import contact_spans
from .gazetteer import word_list
from .quotes import SPEECH_RE, is_full_stop
from .quotes import name_of as _name
from .release import about_names, legal_form_length
from .types import CanonicalEntity, Mention, Quote, RoleRelation

MAX_ROLE_WORDS = 8
MAX_CHAIN = 260
WORD_RE = re.compile(r"[^\W\d_][\w'’./&-]*[\w']|[^\W\d_]|\d+[^\W\d_][\w'’-]*|&")
# Words that end a role's run of words: function words and verbs.
STOP_WORDS = frozenset({
    "a", "after", "also", "an", "and", "are", "as", "at", "based", "be", "been", "before", "being", "both", "by",
    "during", "for", "former", "from", "had", "has", "have", "he", "her", "his", "in", "include", "includes",
    "including", "is", "it", "its", "join", "joined", "joins", "lead", "leads", "led", "new", "no", "not", "of",
    "on", "or", "said", "say", "says", "she", "since", "than", "that", "the", "their", "these", "they", "this",
    "those", "to", "was", "were", "when", "where", "which", "while", "who", "whose", "will", "with", "would"
})
ARTICLE_RE = re.compile(r"(?:an?|the)\s+", re.IGNORECASE)
FORMER_RE = re.compile(r"(?:(?:former|formerly|retired|immediate\s+past|past|previous|then|one-time|onetime)\b|ex-)\s*",
                       re.IGNORECASE)
NEW_RE = re.compile(r"(?:new|newly\s+(?:appointed|named|elected)|incoming|next|current|currently)\s+", re.IGNORECASE)
LINK_RE = re.compile(r"(?:of|at|for|with|from|in|on)\s+", re.IGNORECASE)
AND_RE = re.compile(r"(?:and|&)\s+", re.IGNORECASE)
POSSESSIVE_RE = re.compile(r"['’]s?(?=\s)")
# "J.D.", "Ph.D.", "M.B.A.", "FAHA", "Jr." after a name: not a role.
CREDENTIAL_RE = re.compile(r"(?:(?:[A-Z][a-z]{0,2}\.){1,4}|[A-Z]{2,6}|Jr\.?|Sr\.?|[IVX]{2,4})(?=\s*[,;)]|\s*$)")
WHO_RE = re.compile(r"who\s+(?:is|was|has\s+been|had\s+been|serves\s+as|served\s+as|is\s+also|was\s+also)\s+",
                    re.IGNORECASE)
PAREN_RE = re.compile(r"\s*\([^()\n]{0,60}\)")
# Generic references to an organisation named elsewhere: "the Association's new treasurer", "of the company".
GENERIC_ORG_RE = re.compile(
    r"(?:the|our|its)\s+(association|company|foundation|board|organi[sz]ation|society|institute|university|bank|"
    r"group|firm|corporation|agency|department|museum|club|council|college|school|hospital|charity|federation|"
    r"league|commission|office|trust|fund)\b",
    re.IGNORECASE,
)
ISSUER_WORDS = {"company", "board", "firm", "group", "organization", "organisation", "corporation"}
TITLE_GENERAL_RE = re.compile(r"\bGeneral$")
ORDINAL_RE = re.compile(r"\d+(?:st|nd|rd|th)$")

# Statements about a person already named (or "he"/"she"): what follows is a chain of roles and organisations.
COPULA = r"(?:is|was|has\s+been|had\s+been|remains|became|becomes|will\s+be|will\s+become)"
ADVERB = r"(?:also|currently|now|still|previously|formerly|most\s+recently|recently|presently|most\s+notably)"
TRIGGERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("board", re.compile(
        rf"\b(?:{COPULA}\s+(?:{ADVERB}\s+)?(?:a\s+member\s+of|on)|serves?|served|serving|sits?|sat|"
        rf"(?:{ADVERB}\s+)?served)\s+(?:{ADVERB}\s+)?(?:on\s+)?the\s+(?:(?:advisory|supervisory|executive)\s+)?"
        r"boards?(?:\s+of\s+(?:directors|trustees|governors))?\s+(?:of|at|for)\s+(?:the\s+)?", re.IGNORECASE)),
    ("appointed", re.compile(
        r"\b(?:has\s+been|have\s+been|had\s+been|was|were|is|are|been|being|to\s+be|will\s+be)\s+"
        r"(?:(?:newly|recently|formally|officially|unanimously)\s+)?"
        r"(?:appointed|named|elected|promoted|hired|selected|chosen|confirmed|tapped|re-?elected|re-?appointed)\s+"
        r"(?:as\s+|to\s+(?:(?:the|a)\s+(?:new\s+)?(?:role|position|post|office)\s+of\s+|serve\s+as\s+)?)?",
        re.IGNORECASE)),
    ("term", re.compile(
        r"\b(?:(?:will\s+|to\s+)?(?:start|starts|started|begin|begins|beginning|began|assume|assumes|take|takes)"
        r"(?:\s+up)?\s+(?:the\s+first\s+of\s+)?(?:an?|his|her|their|the)\s+(?:[\w-]+\s+){0,2})?"
        r"(?:(?:term|tenure|stint|mandate)(?:\s+of\s+office)?|role|position|post|duties)\s+as\s+",
        re.IGNORECASE)),
    ("serve", re.compile(
        rf"\b(?:(?:{ADVERB}\s+)?(?:serves?|served|serving|works?|worked|working|acts?|acted|acting|"
        rf"has\s+served|had\s+served|will\s+serve|to\s+serve|continues\s+to\s+serve|began\s+(?:his|her)\s+career)"
        rf"\s+as\s+)", re.IGNORECASE)),
    ("held", re.compile(
        r"\b(?:holds?|held|has\s+held|previously\s+held)\s+(?:the\s+|senior\s+)?"
        r"(?:positions?|roles?|posts?|titles?|offices?)\s+of\s+", re.IGNORECASE)),
    ("copula", re.compile(rf"\b{COPULA}\s+(?:{ADVERB}\s+)?", re.IGNORECASE)),
)
APPOINT_ACTIVE_RE = re.compile(
    r"\b(?:appoints?|appointed|names|named|elects?|elected|promotes?|promoted|hires?|hired|welcomes?|welcomed|"
    r"taps|tapped|(?:announce[sd]?|confirms?|confirmed)\s+the\s+(?:appointment|election|promotion|hiring)\s+of)\s+",
    re.IGNORECASE)
APPOINT_AS_RE = re.compile(r"\s*(?:\([^()\n]{0,60}\)\s*)?(?:,[^,\n]{1,100},\s*)?"
                           r"(?:as|to(?:\s+the\s+(?:role|position|post)\s+of)?)\s+(?:(?:its|our|the|their)\s+)?",
                           re.IGNORECASE)
JOIN_RE = re.compile(r"\b(?:joins|joined|has\s+joined|rejoins|rejoined|will\s+join)\s+", re.IGNORECASE)
SUCCEED_RE = re.compile(r"\b(?:succeeds|succeeded|will\s+succeed|replaces|will\s+replace)\s+", re.IGNORECASE)
FOUNDED_BY_RE = re.compile(r"\b(?:was\s+|were\s+|is\s+)?((?:co-?)?founded)\s+(?:in\s+\d{4}\s+)?(?:by\s+)",
                           re.IGNORECASE)
FOUNDED_RE = re.compile(r"\b((?:co-?)?founded)\s+(?:the\s+)?", re.IGNORECASE)
PRONOUN_RE = re.compile(r"\b(?:he|she)\s+$", re.IGNORECASE)
LED_BY_RE = re.compile(r"(?:,\s*|\s+)(?:headed|led|chaired|directed|run)\s+by\s+$", re.IGNORECASE)
# Between a subject and its statement only an apposition, a parenthesis or an adverb may stand.
SUBJECT_GAP_WORDS = {"who", "also", "currently", "previously", "now", "still", "most", "recently", "and", "formerly",
                     "presently", "then", "later", "since"}
# A contact heading's keyword; the words before it on its line ("FBI Public Affairs") are read back from there (a
# pattern that started at any of them would try every position of a long hyphenated word).
CONTACT_HEAD_RE = re.compile(r"(?i)\b(?:contacts?|enquiries|inquiries)\b[^\n:|]{0,30}:|\bplease\s+contact\s*:")
CONTACT_HEAD_WORDS = 4
INLINE_CONTACT_RE = re.compile(r"\b(?:please\s+)?contact\s+(?=[A-Z])", re.IGNORECASE)
CONTACT_LINE_RE = re.compile(r"(?i)^\s*(?:tel|phone|mobile|cell|fax|e-?mail|email|web|www|http|office|direct|"
                             r"m|t|p|e|x|twitter|linkedin)\b\s*[.:]|@|\+?\d[\d ()./-]{6,}")
MAX_CONTACT_LINES = 14


@lru_cache(maxsize=1)
def role_heads() -> frozenset[str]:
    return frozenset(w.lower() for w in word_list("role_heads.txt"))


@lru_cache(maxsize=1)
def role_modifiers() -> frozenset[str]:
    return frozenset(w.lower() for w in word_list("role_modifiers.txt"))


@lru_cache(maxsize=1)
def org_heads() -> frozenset[str]:
    return frozenset(w.lower() for w in word_list("org_heads.txt"))


def is_head(word: str) -> bool:
    """Whether ``word`` is a role's head: "Officer", "chef", "co-founder", "CEO/Founder", "president-elect"."""
    w = word.lower().strip(".,'’")
    if w in role_heads():
        return True
    parts = [p for p in re.split(r"[-/]", w) if p]
    return len(parts) > 1 and any(p in role_heads() for p in parts) and parts[-1] not in {"based", "led", "owned"}


@dataclass
class _Context:
    text: str
    mentions: Sequence[Mention]  # sorted by start
    starts: list[int]
    known_orgs: dict[str, str]  # folded name or alias -> canonical ORG name
    acronyms: dict[str, str]  # initials -> canonical ORG name
    issuer: str | None
    orgs_by_salience: list[str]
    people: list[Mention]
    people_starts: list[int]

    def at(self, pos: int, labels: tuple[str, ...] = ("PERSON", "ORG", "PLACE")) -> Mention | None:
        """The mention starting at ``pos``."""
        i = bisect_left(self.starts, pos)
        if i < len(self.mentions) and self.mentions[i].start == pos and self.mentions[i].label in labels:
            return self.mentions[i]
        return None

    def covering(self, pos: int) -> Mention | None:
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and self.mentions[i].start <= pos < self.mentions[i].end:
            return self.mentions[i]
        return None

    def people_in(self, start: int, end: int) -> list[Mention]:
        """The people named from ``start`` to ``end`` (by where their names start)."""
        return self.people[bisect_left(self.people_starts, start):bisect_left(self.people_starts, end)]

    def inside(self, start: int, end: int, label: str) -> list[Mention]:
        i = bisect_left(self.starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            m = self.mentions[i]
            if m.label == label and m.end <= end:
                out.append(m)
            i += 1
        return out

    def generic(self, word: str) -> str | None:
        """The organisation "the Association" or "the company" stands for."""
        w = word.lower()
        for name in self.orgs_by_salience:
            if w in fold(name).split():
                return name
        return self.issuer if w in ISSUER_WORDS else None


@dataclass
class _Element:
    kind: str  # role, org, link, comma, and, poss, place, former, new
    text: str
    start: int
    end: int


def find_roles(
    text: str,
    mentions: Sequence[Mention],
    quotes: Sequence[Quote] = (),
    entities: Sequence[CanonicalEntity] = (),
) -> list[RoleRelation]:
    """The people of ``text`` with their roles and organisations, one entry per distinct (person, role,
    organization), in order of first statement. ``mentions`` carry canonical names; ``entities`` give salience."""
    ordered = sorted((m for m in mentions if m.label in ("PERSON", "ORG", "PLACE")), key=lambda m: m.start)
    ctx = _context(text, ordered, entities)
    found: list[RoleRelation] = []
    quoted = _quote_zones(text, quotes)
    for person in ctx.people:
        found += _title_before(ctx, person)
        found += _apposition_after(ctx, person, quoted)
    found += _statements(ctx)
    found += _contacts(ctx)
    return _distinct(found)


def _context(text: str, ordered: list[Mention], entities: Sequence[CanonicalEntity]) -> _Context:
    known: dict[str, str] = {}
    for m in ordered:
        if m.label == "ORG":
            known.setdefault(fold(m.text), m.canonical or m.text)
            known.setdefault(fold(m.canonical or m.text), m.canonical or m.text)
    orgs = sorted((e for e in entities if e.label == "ORG"), key=lambda e: -e.salience)
    by_salience = [e.name for e in orgs]
    # The release's own organisation: the first organisation of the headline, else its first "About" section,
    # else the most salient one.
    issuer = None
    headline_end = text.find("\n", 0, 400)
    headline = [m for m in ordered if m.label == "ORG" and m.end <= (headline_end if headline_end > 0 else 0)
                and not _in_parentheses(text, 0, m.start)]
    if headline:
        issuer = _name(headline[0])
    for start, end in about_names(text):
        issuer = issuer or known.get(fold(text[start:end])) or text[start:end].strip()
        break
    if issuer is None and by_salience:
        issuer = by_salience[0]
    people = [m for m in ordered if m.label == "PERSON"]
    acronyms = {}
    for name in dict.fromkeys(known.values()):
        letters = initials(name)
        if len(letters) >= 2:
            acronyms.setdefault(letters, name)
    return _Context(text=text, mentions=ordered, starts=[m.start for m in ordered], known_orgs=known, acronyms=acronyms,
                    issuer=issuer, orgs_by_salience=by_salience, people=people,
                    people_starts=[m.start for m in people])


# --- chains of roles and organisations --------------------------------------------------------------------------


def _role_run(ctx: _Context, pos: int, limit: int) -> tuple[str, int] | None:
    """A role's words from ``pos``: a run ending in a role word ("Senior Vice President", "a New York City-based
    cardiologist"), with "of" phrases that name no organisation ("Head of Commercial", "chief of the division of
    cardiology")."""
    text = ctx.text
    words: list[tuple[int, int]] = []
    p = pos
    while p < limit and len(words) < MAX_ROLE_WORDS:
        m = WORD_RE.match(text, p)
        if m is None or m.end() > limit:
            break
        word = m.group(0)
        hit = ctx.covering(m.start())
        if hit is not None and hit.label in ("PERSON", "ORG"):
            break
        if word.lower() in STOP_WORDS and not (words and word == "&"):
            break
        if words and word[0].isupper() and _org_candidate(ctx, m.start(), limit) is not None and not is_head(word):
            break
        end = m.end()
        if word.endswith(".") and not re.fullmatch(r"(?:[A-Za-z]\.)+|Sr\.|Jr\.|Dept\.", word):
            end -= 1
        words.append((m.start(), end))
        gap = re.match(r"[ \t]+", text[end:limit])
        if end < m.end() or gap is None:
            break
        p = end + gap.end()
    heads = [i for i, (s, e) in enumerate(words) if is_head(text[s:e])]
    if heads:
        last = heads[-1]
        if last + 1 < len(words) and TITLE_GENERAL_RE.search(text[words[last + 1][0]:words[last + 1][1]]):
            last += 1  # "Attorney General", "Secretary General"
        elif 0 < len(words) - 1 - last <= 2 and all(text[a:b].isalpha() and text[a:b].islower()
                                                    and not text[a:b].endswith(("ed", "ing", "ly"))
                                                    for a, b in words[last + 1:]):
            last = len(words) - 1  # "chief resident", "professor emeritus"
        words = words[:last + 1]
    else:
        return None
    start, end = words[0][0], words[-1][1]
    # "of" phrases that are part of the role: "Head of Commercial", "Consul of Italy", "Professor of Cardiology"
    while True:
        link = re.match(r"\s+(?:of|for)\s+(?:the\s+)?", text[end:limit])
        if link is None:
            break
        q = end + link.end()
        q0 = end + len(re.match(r"\s+(?:of|for)\s+", text[end:limit]).group(0))
        if _org_candidate(ctx, q0, limit) is not None or ctx.at(q, ("PERSON",)) is not None:
            break
        place = ctx.at(q, ("PLACE",))
        if place is not None:
            end = place.end
            continue
        if _lower_role(text[start:end]) and text[q:q + 1].isupper():
            break  # "president of Allscripts"
        ext = []
        r = q
        while r < limit and len(ext) < 5:
            m = WORD_RE.match(text, r)
            if m is None or m.group(0).lower() in STOP_WORDS or ctx.covering(m.start()) is not None:
                break
            ext.append(m.end())
            gap = re.match(r"[ \t]+", text[m.end():limit])
            if gap is None:
                break
            r = m.end() + gap.end()
        if not ext:
            break
        end = ext[-1]
    return text[start:end].strip(" .,"), end


def _org_candidate(ctx: _Context, pos: int, limit: int, *, loose: bool = False) -> tuple[str, int] | None:
    """An organisation named at ``pos``: an ORG mention, "the Association", or a capitalised name on an
    organisation noun, a legal form, a name known as an ORG elsewhere in the release, or an internal capital
    ("eBay", "7wireVentures"); ``loose``, any capitalised name that is no role ("president of Allscripts")."""
    text = ctx.text
    lead = re.match(r"(?:the\s+)?", text[pos:limit], re.IGNORECASE)
    q = pos + (lead.end() if lead else 0)
    m = ctx.at(q, ("ORG",)) or ctx.at(pos, ("ORG",))
    if m is not None:
        return _name(m), m.end
    place = ctx.at(q, ("PLACE",))
    if place is not None:
        return _place_org(ctx, place, limit)
    if ctx.at(q, ("PERSON",)) is not None:
        return None
    g = GENERIC_ORG_RE.match(text, pos, limit)
    if g is not None and (g.group(1)[0].isupper() or g.group(1).lower() in ISSUER_WORDS):
        name = ctx.generic(g.group(1))
        if name is not None:
            return name, g.end()
    words: list[tuple[int, int]] = []
    r = q
    while r < limit and len(words) < 8:
        w = WORD_RE.match(text, r)
        hit = ctx.covering(w.start()) if w is not None else None
        if w is not None and hit is not None and hit.label == "ORG" and words and hit.start == w.start() and \
                not any(is_head(text[a:b]) for a, b in words):
            words.append((w.start(), hit.end))  # "General" + "Atlantic LLC"
            break
        if w is None or (hit is not None and (hit.label != "ORG" or words)):
            break
        word = w.group(0)
        if not words and is_head(word):
            return None  # "Chief of Homicide Bureau" is a role and its organisation
        if not (word[0].isupper() or (word[0].isdigit() and not ORDINAL_RE.match(word))
                or re.match(r"[a-z]+[A-Z]", word) or (words and word in {"of", "and", "&", "for", "the"})):
            break
        if word.lower() in {"said", "says", "the"} and not words:
            break
        words.append((w.start(), w.end()))
        gap = re.match(r"[ \t]+", text[w.end():limit])
        if gap is None:
            break
        r = w.end() + gap.end()
    while words and text[words[-1][0]:words[-1][1]] in {"of", "and", "&", "for", "the"}:
        words.pop()
    if not words:
        return None
    tokens = [text[s:e].rstrip(".,") for s, e in words]
    name = text[words[0][0]:words[-1][1]].rstrip(".,")
    end = words[-1][1]
    if fold(name) in ctx.known_orgs:
        return ctx.known_orgs[fold(name)], end
    if len(tokens) == 1 and name.isupper() and name in ctx.acronyms:
        return ctx.acronyms[name], end  # "OJP" for the Office of Justice Programs
    if loose or any(t.lower() in org_heads() for t in tokens[1:]) or legal_form_length(tokens[1:] + [""]) or \
            any(re.search(r"[a-z][A-Z]", t) for t in tokens):
        if all(is_head(t) or t.lower() in role_modifiers() for t in tokens):
            return None
        return name, end
    return None


def _place_org(ctx: _Context, place: Mention, limit: int) -> tuple[str, int] | None:
    """An organisation whose name starts with a place: "Halifax Port Authority" (even when the model took "Port
    Authority" for a person)."""
    text = ctx.text
    end = place.end
    words = []
    while len(words) < 5:
        w = re.match(r"[ \t]+([A-Z][\w&'’.-]*)", text[end:limit])
        if w is None:
            break
        words.append(w.group(1).rstrip("."))
        end += w.end()
    while words and words[-1].lower() not in org_heads():
        end = text.rfind(words.pop(), place.end, end)
    if not words or any(is_head(w) for w in words):
        return None
    return text[place.start:end].strip(), end


def _lower_role(role: str) -> bool:
    """Whether a role is written in lower case ("chief financial officer"): a capitalised "of" phrase after it names
    an organisation, not a department."""
    heads = [w for w in role.split() if is_head(w)]
    return bool(heads) and heads[-1][0].islower()


def _chain(ctx: _Context, pos: int, limit: int) -> list[_Element]:
    """The roles and organisations from ``pos``: "President, and CEO of the Halifax Port Authority", "Acme's
    CFO", "Deputy CEO of Quality, Acme", "Executive Vice President, Canadian Premier League and Canadian Soccer
    Business"."""
    text = ctx.text
    out: list[_Element] = []
    p = pos
    while p < limit:
        while p < limit and text[p] in " \t":
            p += 1
        if p >= limit:
            break
        if text[p] == ",":
            out.append(_Element("comma", ",", p, p + 1))
            p += 1
            continue
        if text[p] in ";:(\n" or text[p] in "“\"«":
            break
        m = PAREN_RE.match(text, p) if text[p] == "(" else None
        if m:
            p = m.end()
            continue
        if (not out or out[-1].kind == "comma") and (m := CREDENTIAL_RE.match(text, p, limit)):
            p = m.end()
            continue
        if (m := WHO_RE.match(text, p, limit)) is not None:
            if "was" in m.group(0).lower().split() or "had" in m.group(0).lower().split():
                out.append(_Element("former", "", p, m.end()))
            p = m.end()
            continue
        if ctx.at(p, ("PERSON",)) is not None:
            break
        place = ctx.at(p, ("PLACE",))
        if place is not None:
            based = re.match(r"-based\b", text[place.end:limit])
            if based:  # "a New York City-based cardiologist"
                p = place.end + based.end()
                continue
            named = 0
            for w in re.finditer(r"[ \t]+([A-Z][\w&'’-]*)", text[place.end:limit]):
                if w.start() != named or is_head(w.group(1)) or w.group(1).lower() in role_modifiers():
                    break
                named = w.end()
            if named and _role_run(ctx, _skip_space(text, place.end + named), limit) is not None:
                # "Canada Soccer Director": the organisation, then the role
                out.append(_Element("org", text[place.start:place.end + named], place.start, place.end + named))
                p = place.end + named
                continue
            role = _role_run(ctx, _skip_space(text, place.end), limit) if text[place.end:place.end + 1] == " " \
                else None
            if role is not None:  # "Central Asia researcher"
                out.append(_Element("role", text[place.start:role[1]], place.start, role[1]))
                p = role[1]
                continue
            out.append(_Element("place", place.text, place.start, place.end))
            p = place.end
            continue
        if (m := FORMER_RE.match(text, p, limit)) is not None and m.end() > p:
            out.append(_Element("former", "", p, m.end()))
            p = m.end()
            continue
        if (m := NEW_RE.match(text, p, limit)) is not None:
            out.append(_Element("new", "", p, m.end()))
            p = m.end()
            continue
        roles = [e for e in out if e.kind == "role"]
        loose = bool(out and out[-1].kind == "link" and roles and (out[-1].text == "at" or _lower_role(roles[-1].text)))
        org = _org_candidate(ctx, p, limit, loose=loose)
        if org is not None:
            out.append(_Element("org", org[0], p, org[1]))
            p = org[1]
            if (m := POSSESSIVE_RE.match(text, p, limit)) is not None:
                out.append(_Element("poss", "", p, m.end()))
                p = m.end()
            continue
        if (m := ARTICLE_RE.match(text, p, limit)) is not None:
            p = m.end()
            continue
        if (m := AND_RE.match(text, p, limit)) is not None:
            out.append(_Element("and", "and", p, m.end()))
            p = m.end()
            continue
        if (m := LINK_RE.match(text, p, limit)) is not None:
            out.append(_Element("link", m.group(0).split()[0].lower(), p, m.end()))
            p = m.end()
            continue
        role = _role_run(ctx, p, limit)
        if role is None:
            break
        out.append(_Element("role", role[0], p, role[1]))
        p = role[1]
    while out and out[-1].kind in ("comma", "and", "link", "former", "new"):
        out.pop()
    return out


def _pairs(elements: Sequence[_Element], *, org_only: bool = False) -> list[tuple[str | None, str | None, bool,
                                                                                    int]]:
    """(role, organization, former, end) pairs from a chain. ``org_only``: a bare "of ORG" counts ("Adam Lucas
    of Concentric Equity Partners")."""
    pairs: list[tuple[str | None, str | None, bool, int]] = []
    pending: list[str] = []
    group: list[str] = []  # roles given to the last organisation
    owner: str | None = None  # "Acme's" waiting for its role
    former = False
    prev = ""
    for i, e in enumerate(elements):
        if e.kind == "former":
            former = True
        elif e.kind == "role":
            if owner is not None:
                pairs.append((e.text, owner, former, e.end))
                group, owner = [e.text], None
            elif prev in ("org",) and group and not pending:
                # "ORG ROLE" inside an apposition ("GSM Global CEO") when nothing was waiting for the org
                pairs.append((e.text, elements[i - 1].text, former, e.end))
            elif re.search(r"\s(?:of|for)\s", e.text) and elements[i + 1:i + 2] and elements[i + 1].kind != "link":
                # "chief of the division of cardiology, chief of …, and co-director of the Duke Heart Center"
                pairs.append((e.text, None, former, e.end))
            else:
                pending.append(e.text)
        elif e.kind == "org":
            nxt = [x.kind for x in elements[i + 1:] if x.kind not in ("new", "former")][:2]
            if nxt == ["poss", "role"]:
                owner = e.text
            elif pending and prev == "comma" and nxt == ["and", "role"]:
                pass  # a department between two roles: "Vice President, Information Services and CIO of X"
            elif pending:
                pairs += [(r, e.text, former, e.end) for r in pending]
                group, pending = pending, []
            elif group and prev == "and":
                pairs += [(r, e.text, former, e.end) for r in group]
            elif group and prev == "comma":
                pairs = [p for p in pairs if not (p[0] in group and p[0] is not None)]
                pairs += [(r, e.text, former, e.end) for r in group]
            elif not pairs and nxt[:1] == ["role"]:
                group, owner = [], e.text  # "Acme CEO" with no possessive: the role comes next
            elif org_only and not pairs and i <= 1:
                pairs.append((None, e.text, former, e.end))
                group = [None]  # type: ignore[list-item]
            else:
                break
        elif e.kind == "link" and prev == "org" and not pending:
            break
        if e.kind not in ("former", "new", "place"):
            prev = e.kind
    pairs += [(r, None, former, elements[-1].end) for r in pending]
    return pairs


# --- the forms -------------------------------------------------------------------------------------------------


def _title_before(ctx: _Context, person: Mention) -> list[RoleRelation]:
    """ "Acme CEO Jane Doe", "Brooklyn Supreme Court Justice Neil Firetog", "acclaimed chef Edward Lee", "Acme's
    Chief Financial Officer Jane Doe", "visionary founder, Mike McLeod"."""
    text = ctx.text
    start = max(0, person.start - 120, text.rfind("\n", 0, person.start) + 1)
    seg = text[start:person.start]
    m = re.search(r"((?:[\w'’./&-]+[ \t]+){1,9})$", seg) or re.search(r"((?:[\w'’./&-]+[ \t]+){0,8}[\w-]+),[ \t]+$",
                                                                         seg)
    if m is None:
        return []
    base = start + m.start(1)
    words = [(base + w.start(), base + w.end()) for w in re.finditer(r"[\w'’./&-]+", m.group(1))]
    comma = seg.rstrip().endswith(",")
    for i in range(len(words) - 1, -1, -1):
        hit = ctx.covering(words[i][0])
        word_end = words[i][1] - 1
        if (hit is not None and hit.label == "PERSON") or (text[word_end] == "." and is_full_stop(text, word_end)):
            words = words[i + 1:]  # not across another name or a sentence end
            break
    if not words:
        return []
    last = text[words[-1][0]:words[-1][1]]
    k = len(words) - 1
    if TITLE_GENERAL_RE.search(last) and k > 0 and is_head(text[words[k - 1][0]:words[k - 1][1]]):
        k -= 1
    if not is_head(text[words[k][0]:words[k][1]]):
        return []
    head = text[words[k][0]:words[k][1]]
    if comma and head[0].isupper():
        return []  # "Chairman, Jane Doe" is a list more often than a title
    first = k
    capital = head[0].isupper()
    while first > 0:
        s, e = words[first - 1]
        word = text[s:e]
        if ctx.covering(s) is not None or word.lower() in STOP_WORDS:
            break
        if capital and not (word[0].isupper() and (word.lower() in role_modifiers() or is_head(word) or (
                k - first < 2 and not _sentence_initial(text, s)))):
            break  # "Defense Secretary", "Senior Assistant District Attorney"; not "Today President"
        if not capital and not (word.lower() in role_modifiers() or is_head(word) or word.endswith("-based")):
            break
        first -= 1
    if first >= 2 and text[words[first - 1][0]:words[first - 1][1]] in ("and", "&") and \
            is_head(text[words[first - 2][0]:words[first - 2][1]]):
        first -= 2  # "President and CEO Carlos Migoya"
        while first > 0 and (text[words[first - 1][0]:words[first - 1][1]].lower() in role_modifiers()):
            first -= 1
    role_start = words[first][0]
    role = text[role_start:words[-1][1]].strip(" ,")
    org = None
    before = text[max(0, role_start - 160):role_start]
    own = re.search(r"['’]s?\s+$", before)
    hit = _mention_before(ctx, role_start - (own.end() - own.start() if own else 0))
    if hit is not None and hit.label == "PLACE" and not own:
        hit = _mention_before(ctx, hit.start)  # "TSUTAYA BOOKSTORE Taiwan Chairman Kazuma Otsuka"
    if hit is not None and hit.label == "ORG":
        org = _name(hit)
    elif (led := LED_BY_RE.search(before)) is not None:
        lead = re.sub(r"\s*\([^()]*\)\s*$", "", before[:led.start()])  # "OJP, headed by", "X (OJP), led by"
        hit = _mention_before(ctx, role_start - len(before) + len(lead))
        if hit is not None and hit.label == "ORG":
            org = _name(hit)
    after = _of_org(ctx, person.end, person)
    if org is None and after is not None:
        org = after[0]
    kind = "apposition"
    line = text[max(0, role_start - 40):role_start].lower()
    if re.search(r"\b(?:former|formerly|retired|late|ex-)\s*$", line):
        kind = "former"
    if org is None and re.fullmatch(r"(?i)(?:[\w-]+\s+)?(?:co-?)?founders?", role):
        org = ctx.issuer  # "visionary founder, Mike McLeod" in a company's release is its founder
    end = max(person.end, after[1] if after is not None and org == after[0] else person.end)
    return [RoleRelation(person=_name(person), role=role, organization=org, kind=kind, start=role_start, end=end)]


def _sentence_initial(text: str, pos: int) -> bool:
    """Whether the word at ``pos`` opens a sentence, a line or a quotation."""
    before = text[max(0, pos - 3):pos].rstrip(" \t")
    return not before or before[-1] in ".!?\n“\"(:;"


def _mention_before(ctx: _Context, pos: int) -> Mention | None:
    """The mention that ends right before ``pos`` (spaces between)."""
    k = pos
    while k > 0 and ctx.text[k - 1] in " \t":
        k -= 1
    hit = ctx.covering(k - 1) if k > 0 else None
    return hit if hit is not None and hit.end == k else None


def _of_org(ctx: _Context, pos: int, person: Mention | None = None) -> tuple[str, int] | None:
    """ "of the Almaty Bar Association" right after a name (not one that is an object: "works by Sharp from the
    Harwood")."""
    m = re.match(r"\s*(?:\([^()\n]{0,60}\)\s*)?(?:of|from|at|with)\s+", ctx.text[pos:pos + 80])
    if m is None:
        return None
    lead = ctx.text[max(0, person.start - 20):person.start] if person is not None else ""
    if re.search(r"\b(?:by|of|to|from|for|with|and|or)\s+$", lead, re.IGNORECASE) and \
            not re.search(r"\b(?:led|headed|chaired|directed|founded|co-founded)\s+by\s+$", lead, re.IGNORECASE):
        return None
    q = pos + m.end()
    limit = min(len(ctx.text), q + 120)
    org = _org_candidate(ctx, q, limit)
    if org is None or ctx.at(q, ("PLACE",)):
        return None
    return org


def _apposition_after(ctx: _Context, person: Mention, quoted: list[tuple[int, int]]) -> list[RoleRelation]:
    """ "Jane Doe, Chief Financial Officer of Acme", "Jane Doe of Acme", "Jane Doe – Vice President Acme"."""
    text = ctx.text
    limit = _clause_end(ctx, person.end)
    p = person.end
    m = PAREN_RE.match(text, p)
    if m:
        p = m.end()
    kind = "quote" if _in_zones(quoted, person.start) else "apposition"
    opener = re.match(r",\s*|\s+[-–—]\s+|\s*[–—]\s*", text[p:limit])
    if opener is None:
        of = _of_org(ctx, person.end, person)
        if of is None:
            return []
        return [RoleRelation(person=_name(person), role=None, organization=of[0], kind=kind, start=person.start,
                             end=of[1])]
    chain = _chain(ctx, p + opener.end(), _verb_cut(text, p + opener.end(), limit))
    if chain and chain[0].kind == "and":
        return []  # a list of people: "Jane Doe, and actor-host John Roe"
    if chain and chain[-1].kind == "role" and ctx.at(_skip_space(text, chain[-1].end), ("PERSON",)):
        chain = chain[:-1]  # the next person's title: "Jane Doe, Acme Director John Roe"
    out = []
    for role, org, former, end in _pairs(chain):
        if role is None:
            continue
        out.append(RoleRelation(person=_name(person), role=role, organization=org,
                                kind="former" if former and kind != "quote" else kind, start=person.start, end=end))
    return out


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos


def _verb_cut(text: str, start: int, limit: int) -> int:
    """Where an apposition ends at its clause's verb: ", said", ", will start", ", announced"."""
    m = re.search(r",?\s+(?:said|says|added|noted|explained|will|would|has|have|is|are|was|were|announced|"
                  r"commented|stated|who\s+(?!is\b|was\b|has\s+been\b|had\s+been\b|serves\b|served\b))\b",
                  text[start:limit])
    return start + m.start() if m else limit


def _clause_end(ctx: _Context, start: int) -> int:
    text = ctx.text
    limit = min(len(text), start + MAX_CHAIN)
    for i in range(start, limit):
        ch = text[i]
        if ch == "\n" or ch in "“”\"":
            return i
        if ch in ".!?;" and ctx.covering(i) is None and (ch != "." or is_full_stop(text, i)):
            return i
    return limit


def _quote_zones(text: str, quotes: Sequence[Quote]) -> list[tuple[int, int]]:
    """The stretches around quotations where attributions stand (200 characters either side of each quote),
    merged, in order."""
    zones: list[tuple[int, int]] = []
    for start, end in sorted((max(0, q.start - 200), min(len(text), q.end + 200)) for q in quotes):
        if zones and start <= zones[-1][1]:
            zones[-1] = (zones[-1][0], max(zones[-1][1], end))
        else:
            zones.append((start, end))
    return zones


def _in_zones(zones: list[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` falls in one of ``zones`` (disjoint, in order)."""
    k = bisect_right(zones, (pos, len(zones) and zones[-1][1] + 1)) - 1
    return k >= 0 and zones[k][0] <= pos < zones[k][1]


# --- statements ------------------------------------------------------------------------------------------------


def _sentences(ctx: _Context) -> list[tuple[int, int]]:
    text = ctx.text
    out = []
    start = 0
    for i, ch in enumerate(text):
        if ch == "\n" or (ch in ".!?" and ctx.covering(i) is None and (ch != "." or is_full_stop(text, i))
                          and (i + 1 == len(text) or text[i + 1] in " \n\t”\"’)")):
            if text[start:i].strip():
                out.append((start, i))
            start = i + 1
    if text[start:].strip():
        out.append((start, len(text)))
    return out


def _subject(ctx: _Context, sentence: tuple[int, int], pos: int) -> Mention | None:
    """The person a statement at ``pos`` is about: the person named last before it in the sentence with nothing but
    an apposition between, or "he"/"she" for the person named last before."""
    text = ctx.text
    s, _ = sentence
    before = [m for m in ctx.people_in(s, pos) if m.end <= pos]
    head = text[s:pos]
    pronoun = PRONOUN_RE.search(head)
    if pronoun is not None:
        return _antecedent(ctx, s + pronoun.start())
    if not before:
        return None
    person = before[-1]
    return person if _apposition_gap(ctx, person.end, pos) else None


def _sentence_subject(ctx: _Context, sentence: tuple[int, int], pos: int) -> Mention | None:
    """The person a sentence opens with, when no other person is named before ``pos``."""
    s, _ = sentence
    people = ctx.people_in(s, pos)
    if not people:
        lead = re.match(r"\s*(?:He|She)\b", ctx.text[s:pos])
        return _antecedent(ctx, s) if lead else None
    if len(people) != 1 or ctx.text[s:people[0].start].strip(" \t*_") not in ("", "Mr.", "Ms.", "Mrs.", "Dr."):
        return None
    return people[0]


def _apposition_gap(ctx: _Context, start: int, end: int) -> bool:
    """Whether only an apposition, a parenthesis, a residence or an adverb stands between a subject and its verb:
    "Jane Doe, M.D., a cardiologist, is", "Robert Swan, of Menlo Park, California has been", "Doe also serves"."""
    gap = ctx.text[start:end]
    for m in reversed(ctx.inside(start, end, "PLACE")):
        gap = gap[:m.start - start] + "Place" + gap[m.end - start:]
    gap = re.sub(r"\([^()]*\)", " ", gap)
    gap = re.sub(r",?\s*\bof\s+Place(?:\s*,\s*Place)*", " ", gap)
    gap = re.sub(r",\s*(?:(?:[A-Z][a-z]{0,2}\.){1,4}|[A-Z]{2,6}\b|Jr\.?|Sr\.?)(?=\s*(?:,|$))", " ", gap)
    stripped = gap.strip()
    if stripped.startswith(",") and stripped.endswith(","):
        return True
    gap = re.sub(r",[^,]*,", " ", gap)
    return all(w.lower() in SUBJECT_GAP_WORDS for w in gap.replace(",", " ").split())


def _antecedent(ctx: _Context, pos: int) -> Mention | None:
    """The person "he" or "she" at ``pos`` stands for: the last person before it who began a sentence (the
    subject), else the last person named."""
    earlier = [m for m in ctx.people_in(0, pos)[-9:] if m.end <= pos]
    for m in reversed(earlier[-8:]):
        lead = ctx.text[max(0, m.start - 12):m.start]
        if re.search(r"(?:^|[.!?”\n]\s*|\n\s*)(?:(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+)?$", lead):
            return m
    return earlier[-1] if earlier else None


def _statements(ctx: _Context) -> list[RoleRelation]:
    text = ctx.text
    out: list[RoleRelation] = []
    for sentence in _sentences(ctx):
        s, e = sentence
        if not ctx.people_in(s, e) and not re.search(r"\b(?:he|she|He|She)\b", text[s:e]):
            continue
        taken: list[tuple[int, int]] = []
        last_subject: Mention | None = None
        for name, pattern in TRIGGERS:
            for t in pattern.finditer(text, s, e):
                if any(a <= t.start() < b for a, b in taken):
                    continue
                subject = _subject(ctx, sentence, t.start())
                if subject is None and re.search(r"(?:\band|,)\s+$", text[s:t.start()]):
                    # "He held …, was an operating partner at …", "Rosen received …, and served as …"
                    subject = last_subject or _sentence_subject(ctx, sentence, t.start())
                if subject is None:
                    continue
                rels = _statement(ctx, name, t, (s, e), subject)
                if rels:
                    taken.append((t.start(), t.end()))
                    last_subject = subject
                    out += rels
        out += _appoint_active(ctx, sentence)
        out += _founded(ctx, sentence)
    return out


def _statement(ctx: _Context, name: str, t: re.Match[str], sentence: tuple[int, int],
               subject: Mention) -> list[RoleRelation]:
    """The roles a statement gives its subject; they are stated from the subject, or from the sentence's start when
    the subject was named before it ("He serves …")."""
    text = ctx.text
    start, limit = max(subject.start, sentence[0]), sentence[1]
    words = t.group(0).lower()
    past = bool(re.search(r"\b(?:was|were|had|served|worked|acted|previously|formerly|held)\b", words))
    if name == "board":
        chain = _chain(ctx, t.end(), limit)
        orgs = []
        for el in chain:  # "the board of directors at Nike, eBay, GoTo and Flexport"
            if el.kind in ("org", "place"):
                orgs.append(el)
            elif el.kind not in ("comma", "and"):
                break
        kind = "former" if past else "apposition"
        rels = []
        for el in orgs:
            rels.append(RoleRelation(person=_name(subject), role="board member", organization=el.text, kind=kind,
                                     start=start, end=el.end))
        return rels
    cut = _verb_cut(text, t.end(), limit)
    chain = _chain(ctx, t.end(), cut)
    if name == "copula" and (not chain or chain[0].kind not in ("role", "org", "former", "new")):
        return []
    new = any(el.kind == "new" for el in chain)
    kind = "appointment" if name in ("appointed", "term") or (name == "copula" and new) else (
        "former" if past or any(el.kind == "former" for el in chain) else "apposition")
    rels = []
    for role, org, former, end in _pairs(chain):
        if role is None:
            continue
        if org is None and kind == "appointment":
            org = ctx.issuer
        rels.append(RoleRelation(person=_name(subject), role=role, organization=org,
                                 kind="former" if former and kind != "appointment" else kind,
                                 start=start, end=end))
    return rels


def _appoint_active(ctx: _Context, sentence: tuple[int, int]) -> list[RoleRelation]:
    """ "Acme appoints Jane Doe as CFO", "Acme Inc. announced the appointment of Jane Doe as CFO", "Jane Doe joins
    Acme as CFO", "Jane Doe will succeed John Roe as CEO"."""
    text = ctx.text
    s, e = sentence
    out = []
    for t in APPOINT_ACTIVE_RE.finditer(text, s, e):
        person = ctx.at(t.end(), ("PERSON",))
        if person is None:
            title = re.match(r"(?:(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+)", text[t.end():e])
            person = ctx.at(t.end() + title.end(), ("PERSON",)) if title else None
        if person is None:
            continue
        q = person.end
        m = PAREN_RE.match(text, q)
        q = m.end() if m else q
        m = APPOINT_AS_RE.match(text, q, e)
        if m is None:
            continue
        chain = _chain(ctx, m.end(), _verb_cut(text, m.end(), e))
        subject = [x for x in ctx.inside(s, t.start(), "ORG") if not _in_parentheses(text, s, x.start)]
        for role, org, _, end in _pairs(chain):
            if role is None:
                continue
            org = org or (_name(subject[-1]) if subject else ctx.issuer)
            out.append(RoleRelation(person=_name(person), role=role, organization=org, kind="appointment",
                                    start=t.start(), end=end))
    for t in JOIN_RE.finditer(text, s, e):
        subject = _subject(ctx, sentence, t.start())
        org = _org_candidate(ctx, t.end(), e)
        if subject is None or org is None:
            continue
        m = re.match(r"\s+as\s+(?:(?:its|our|the|a|an)\s+)?", text[org[1]:e])
        if m is None:
            continue
        chain = _chain(ctx, org[1] + m.end(), _verb_cut(text, org[1] + m.end(), e))
        kind = "appointment" if not re.search(r"joined", t.group(0), re.IGNORECASE) else "apposition"
        for role, _, _, end in _pairs(chain):
            if role is not None:
                out.append(RoleRelation(person=_name(subject), role=role, organization=org[0], kind=kind,
                                        start=max(s, subject.start), end=end))
    for t in SUCCEED_RE.finditer(text, s, e):
        subject = _subject(ctx, sentence, t.start())
        other = ctx.at(t.end(), ("PERSON",))
        if subject is None or other is None:
            continue
        m = re.match(r"\s+as\s+(?:(?:its|our|the|a|an)\s+)?", text[other.end:e])
        if m is None:
            continue
        chain = _chain(ctx, other.end + m.end(), _verb_cut(text, other.end + m.end(), e))
        for role, org, _, end in _pairs(chain):
            if role is not None:
                out.append(RoleRelation(person=_name(subject), role=role, organization=org or ctx.issuer,
                                        kind="appointment", start=max(s, subject.start), end=end))
    return out


def _shared_surname(ctx: _Context, person: Mention) -> str:
    """A first name that shares the surname of the name after it: "Harrison" in "Harrison and Jennifer Steans"."""
    name = _name(person)
    if len(name.split()) == 1:
        m = re.match(r"\s+and\s+", ctx.text[person.end:person.end + 8])
        other = ctx.at(person.end + m.end(), ("PERSON",)) if m else None
        if other is not None and len(other.text.split()) == 2:
            return f"{name} {other.text.split()[-1]}"
    return name


def _in_parentheses(text: str, start: int, pos: int) -> bool:
    """Whether ``pos`` is inside parentheses opened after ``start``: "(OTC: AERA)"."""
    before = text[start:pos]
    return before.rfind("(") > before.rfind(")")


def _founded(ctx: _Context, sentence: tuple[int, int]) -> list[RoleRelation]:
    """ "Acme was founded in 1994 by Jane Doe and John Roe", "Jane Doe co-founded Acme"."""
    text = ctx.text
    s, e = sentence
    out = []
    for t in FOUNDED_BY_RE.finditer(text, s, e):
        orgs = ctx.inside(s, t.start(), "ORG")
        if not orgs:
            continue
        role = "co-founder" if t.group(1).lower().startswith("co") else "founder"
        q = t.end()
        while True:
            skip = re.match(r"\s*(?:(?:his|her|their|father|mother|son|daughter|brothers?|sisters?|husband|wife|and|"
                            r",|the)\s*)*", text[q:e])
            q += skip.end() if skip else 0
            person = ctx.at(q, ("PERSON",))
            if person is None:
                break
            out.append(RoleRelation(person=_shared_surname(ctx, person), role=role, organization=_name(orgs[-1]),
                                    kind="former", start=orgs[-1].start, end=person.end))
            q = person.end
    for t in FOUNDED_RE.finditer(text, s, e):
        if re.search(r"\b(?:was|were|is|be)\s+$", text[s:t.start()]):
            continue
        subject = _subject(ctx, sentence, t.start())
        org = _org_candidate(ctx, t.end(), e)
        if subject is None or org is None:
            continue
        role = "co-founder" if t.group(1).lower().startswith("co") else "founder"
        out.append(RoleRelation(person=_name(subject), role=role, organization=org[0], kind="former",
                                start=max(s, subject.start), end=org[1]))
    return out


# --- contact blocks --------------------------------------------------------------------------------------------


def _contacts(ctx: _Context) -> list[RoleRelation]:
    """Media and investor contact blocks: a heading ("Media contact:", "FBI Public Affairs Contact:", "For further
    information, please contact:") and then name, title and organisation lines or ``|``-separated parts; or
    "contact Jane Doe, Press Officer" in a sentence."""
    text = ctx.text
    out: list[RoleRelation] = []
    spans = contact_spans(text)
    for head in CONTACT_HEAD_RE.finditer(text):
        line_start = max(text.rfind("\n", 0, head.start()), text.rfind("|", 0, head.start())) + 1
        words = text[line_start:head.start()].split()[-CONTACT_HEAD_WORDS:]
        start = text.rfind(words[0], line_start, head.start()) if words else head.start()
        orgs = ctx.inside(start, head.end(), "ORG")
        out += _contact_block(ctx, head.end(), spans, _name(orgs[-1]) if orgs else None)
    for t in INLINE_CONTACT_RE.finditer(text):
        person = ctx.at(t.end(), ("PERSON",))
        if person is None:
            continue
        end = _clause_end(ctx, person.end)
        m = re.match(r",\s*", text[person.end:end])
        chain = _chain(ctx, person.end + m.end(), end) if m else []
        of = _of_org(ctx, person.end)
        pairs = _pairs(chain) or [(None, of[0] if of else None, False, person.end)]
        for role, org, _, stop in pairs:
            if role or org:
                out.append(RoleRelation(person=_name(person), role=role, organization=org, kind="contact",
                                        start=t.start(), end=stop))
    return out


def _contact_block(ctx: _Context, pos: int, spans: list[tuple[int, int]], default_org: str | None
                   ) -> list[RoleRelation]:
    text = ctx.text
    out: list[RoleRelation] = []
    person: tuple[str, int] | None = None
    roles: list[str] = []
    orgs: list[str] = []
    last_end = pos

    def flush() -> None:
        if person is None:
            return
        for role in roles or [None]:
            for org in orgs or [default_org]:
                if role or org:
                    out.append(RoleRelation(person=person[0], role=role, organization=org, kind="contact",
                                            start=person[1], end=last_end))

    parts = 0
    for seg in re.finditer(r"[^\n|]+", text[pos:pos + 1500]):
        raw = seg.group(0)
        line = raw.strip(" \t*_#>")
        if not line:
            continue
        start = pos + seg.start() + raw.find(line)
        end = start + len(line)
        parts += 1
        if parts > MAX_CONTACT_LINES or len(line) > 90 or CONTACT_HEAD_RE.match(line) or \
                re.match(r"(?:About\b|[A-Z][A-Z ]{2,30}:)", line):
            break
        if re.search(r"(?:^|\s)[A-Z]{3,}(?: [A-Z]{2,})*:(?:\s|$)", re.sub(r"\([^()]*\)", "", line)) and parts > 1:
            break  # the next heading ("RESOURCES:")
        if CONTACT_LINE_RE.search(line) or any(a <= start < b for a, b in spans):
            continue
        kind, value = _contact_part(ctx, start, end)
        pieces = [(kind, value, start, end)]
        if kind is None and "," in line:
            pieces = []
            for m in re.finditer(r"[^,]+", line):
                a = start + m.start() + len(m.group(0)) - len(m.group(0).lstrip())
                b = start + m.end() - (len(m.group(0)) - len(m.group(0).rstrip()))
                if a < b:
                    pieces.append((*_contact_part(ctx, a, b), a, b))
        for kind, value, a, b in pieces:
            if kind == "person":
                flush()
                person, roles, orgs = (value, a), [], []
            elif kind == "role" and person is not None:
                roles.append(value)
            elif kind == "org" and person is not None:
                orgs.append(value)
            elif kind is None and person is None:
                return out
            last_end = b
    flush()
    return out


def _contact_part(ctx: _Context, a: int, b: int) -> tuple[str | None, str]:
    """What one line (or comma part) of a contact block is: a person, a role, an organisation or neither."""
    text = ctx.text
    paren = re.search(r"\s*\([^()]*\)$", text[a:b])
    if paren and paren.start() > 0:
        b = a + paren.start()  # "AI Era Corp. (OTC: AERA)"
    part = text[a:b]
    if CONTACT_LINE_RE.search(part):
        return None, part
    hit = ctx.covering(a)
    if hit is not None and hit.end >= b - 1 and hit.start <= a:
        if hit.label == "PERSON":
            return "person", _name(hit)
        if hit.label == "ORG":
            return "org", _name(hit)
        return None, part
    people = ctx.inside(a, b, "PERSON")
    if people and people[0].start == a and not any(is_head(w) for w in part[people[0].end - a:].split()):
        return "person", _name(people[0])
    role = _role_run(ctx, a, b)
    if role is not None:
        rest = re.match(r"\s*,\s*", text[role[1]:b])
        tail = _org_candidate(ctx, role[1] + rest.end(), b) if rest else None
        if role[1] >= b - 3 or (rest and not (tail and tail[1] >= b - 1 and _organisation_like(tail[0]))):
            return "role", part.strip(" .")  # "Group Vice President, Power Plants"
    org = _org_candidate(ctx, a, b)
    if org is not None and org[1] >= b - 1:
        return "org", org[0]
    words = part.split()
    if 2 <= len(words) <= 4 and not part.isupper() and \
            all(re.fullmatch(r"[A-ZÀ-Þ][\w'’-]*\.?|[a-z]{1,3}", w) for w in words) and \
            words[0][0].isupper() and words[-1][0].isupper() and not any(is_head(w) for w in words) and \
            not any(w.lower() in org_heads() for w in words):
        return "person", part.strip()
    return None, part


def _organisation_like(name: str) -> bool:
    """A name that says it is an organisation: an organisation noun or a legal form ("Acme Inc.")."""
    tokens = [t.rstrip(".,") for t in name.split()]
    return any(t.lower() in org_heads() for t in tokens[1:]) or bool(legal_form_length(tokens[1:] + [""]))


# --- distinct entries ------------------------------------------------------------------------------------------


def _distinct(found: list[RoleRelation]) -> list[RoleRelation]:
    """One entry per (person, role, organization); an entry without an organisation or role gives way to one that
    has it for the same person; an appointment outranks other statements of the same role."""
    rank = {"appointment": 0, "quote": 1, "contact": 2, "former": 3, "apposition": 4}
    keyed: dict[tuple[str, str, str], RoleRelation] = {}
    found = [replace(r, role=part) for r in found for part in _split_roles(r.role)]
    for r in found:
        person = person_name(r.person)
        if person is None:
            continue
        r = replace(r, person=person, organization=organization_name(r.organization))
        if r.role is None and r.organization is None:
            continue
        role = _clean_role(r.role)
        r = replace(r, role=role)
        if r.role is None and r.organization is None:
            continue
        key = (_words(r.person), _words(r.role or ""), _words(r.organization or ""))
        old = keyed.get(key)
        if old is None:
            keyed[key] = r
        elif rank[r.kind] < rank[old.kind]:
            keyed[key] = replace(r, start=min(r.start, old.start))
    items = list(keyed.values())
    out = []
    for r in items:
        p = fold(r.person)
        if r.role is None and any(fold(o.person) == p and o.role and o.organization and
                                  _same_org(o.organization, r.organization) for o in items):
            continue
        if r.organization is None and any(fold(o.person) == p and o.organization and o.role and
                                          _words(o.role) == _words(r.role or "") for o in items):
            continue
        if any(fold(o.person) == p and o is not r and o.role and r.role and _same_org(o.organization, r.organization)
               and _words(r.role) != _words(o.role) and f" {_words(r.role)} " in f" {_words(o.role)} " for o in out):
            continue  # a shorter form of a role already there: "volunteer president" after "89th volunteer president"
        out.append(r)
    out.sort(key=lambda r: (r.start, r.end))
    return out


NAME_PARTICLES = {"de", "da", "del", "della", "der", "den", "di", "du", "la", "le", "van", "von", "bin", "ibn", "al",
                  "el", "dos", "das", "y", "ter", "ten", "st."}
MAX_NAME_WORDS = 4


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    return frozenset(t.lower().rstrip(".") for t in word_list("titles.txt"))


def person_name(name: str) -> str | None:
    """A person's name fit for a who's-who, or None: at least a first name and a surname, no title left in front
    ("Councilman Mikey Nguyen" is Mikey Nguyen), no role or organisation word in it ("Chief Experience" from
    "Chief Experience Officer" is no one)."""
    words = _undoubled(name.split())
    while words and (words[0].lower().rstrip(".") in _titles() or is_head(words[0])):
        words.pop(0)
    named = [w for w in words if w.lower() not in NAME_PARTICLES]
    if not 2 <= len(named) <= MAX_NAME_WORDS:
        return None
    for w in named:
        if not (w[0].isupper() or (w[0] == "(" and w[1:2].isupper()) or re.match(r"[a-z]{1,3}[-’'][A-Z]", w)) \
                or is_head(w) or w.lower() in org_heads() \
                or w.lower().rstrip(".,") in _titles() or any(ch.isdigit() for ch in w):
            return None
    return " ".join(words)


def _undoubled(words: list[str]) -> list[str]:
    """A name a scraper ran into itself ("TONY ROBBINS Tony Robbins", "Acme Acme") once."""
    half = len(words) // 2
    if half and len(words) % 2 == 0 and fold(" ".join(words[:half])) == fold(" ".join(words[half:])):
        return words[half:]
    return words


def organization_name(name: str | None) -> str | None:
    """``name`` as an organisation's name, or None when it cannot be one: a job title or a board ("Chief Financial
    Officer", "Founder of X", "Board of Directors", "EVP")."""
    if not name:
        return None
    name = " ".join(_undoubled(name.split()))
    first, last = name.split()[0].strip(".,"), name.split()[-1].strip(".,")
    if is_head(first) and re.match(r"\S+\s+of\s", name):
        return None
    board = last.lower() in {"board", "team"} and re.match(r"(?i)(?:the\s+)?(?:\w+\s+)?(?:board|team)\b", name)
    return None if is_head(last) or board or last.lower() in {"contact", "contacts"} else name


def _words(name: str) -> str:
    return " ".join(re.findall(r"\w+", fold(name)))


def _split_roles(role: str | None) -> list[str | None]:
    """ "President and CEO" is two roles; "Minister for Industries & Commerce" is one."""
    if role is None:
        return [None]
    parts = re.split(r",?\s+(?:and|&)\s+", role)
    if len(parts) > 1 and all(any(is_head(w) for w in p.split()) for p in parts):
        return [p.strip() for p in parts]
    return [role]


def _clean_role(role: str | None) -> str | None:
    if role is None:
        return None
    role = re.sub(r"^(?:(?:the|a|an|its|our|their|his|her|\d+(?:st|nd|rd|th))\s+)+", "", role.strip(" ,;:–—-"),
                  flags=re.IGNORECASE)
    if not role or len(role.split()) > 12 or SPEECH_RE.search(role):
        return None
    return role


def _same_org(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return not a and not b
    fa, fb = fold(a), fold(b)
    return fa in fb or fb in fa or initials(a) == b.upper().replace(".", "") or initials(b) == a.upper().replace(
        ".", "")

