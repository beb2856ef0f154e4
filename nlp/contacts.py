"""Contact details in a text: web and email addresses, phone numbers, hashtags and social handles.

ANNOTATION.md: they are never entities, nor inside one ("https://www.BioMedWire.com/Disclaimer" is no PERSON,
"press@acme.com" no ORG, "758-9826" no DATE). A bare domain that names an organisation ("Orda.kz",
"Newsworthy.ai") is not a web address: it has no scheme, no "www." and no path.
"""

from __future__ import annotations

import re
from bisect import bisect_right

# An address starts where its run of address characters starts (a web address without a scheme also after
# punctuation: "Read more...acme.com/news"): a pattern that may start anywhere in a run rescans the rest of the
# run from every character, which takes minutes on a 100,000-character word.
URL = (r"(?:https?://|www\.)[^\s<>()\[\]{}\"'“”]+"
       r"|(?<![\w-])(?<!\w\.)[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}/[^\s<>()\[\]{}\"'“”]*")
EMAIL = r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
HANDLE = r"(?<![\w@])[@#](?=\w*[A-Za-z])\w+"
_NUMBER_END = r"(?!\w|[/-]\w|[.,]\d)"  # not a longer word, path, range or decimal
PHONE = (rf"(?<![\w/.,-])(?:\+\d{{1,3}}[\s.-]?)?(?:\(\d{{1,4}}\)[\s.-]?)?\d{{2,4}}(?:[\s.-]\d{{2,5}}){{1,4}}"
         rf"{_NUMBER_END}|(?<![\w/.,-])\+?\d{{10,13}}{_NUMBER_END}")
CONTACT = re.compile(rf"(?P<email>{EMAIL})|(?P<url>{URL})|(?P<handle>{HANDLE})|(?P<phone>{PHONE})")
DATE_LIKE = re.compile(r"\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}")
YEAR = re.compile(r"1[89]\d\d|2[01]\d\d")
MIN_PHONE_DIGITS, MAX_PHONE_DIGITS = 7, 15


def contact_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the contact details of ``text``, in order, not overlapping."""
    spans = []
    for m in CONTACT.finditer(text):
        if m.lastgroup == "phone" and not _is_phone(m.group(0)):
            continue
        end = m.end()
        while end > m.start() and text[end - 1] in ".,;:!?":  # a sentence's period after an address
            end -= 1
        spans.append((m.start(), end))
    return spans


def _is_phone(candidate: str) -> bool:
    digits = sum(ch.isdigit() for ch in candidate)
    if not MIN_PHONE_DIGITS <= digits <= MAX_PHONE_DIGITS or DATE_LIKE.fullmatch(candidate.strip()):
        return False
    groups = re.findall(r"\d+", candidate)
    return not all(len(g) == 4 and YEAR.fullmatch(g) for g in groups)  # "2024-2026", "2023 2024": years


class ContactIndex:
    """Answers whether a character span overlaps a contact detail, in logarithmic time."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [s for s, _ in spans]
        self.spans = spans

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect_right(self.starts, end - 1) - 1
        return k >= 0 and self.spans[k][1] > start
