"""Time on pathological inputs: whether it grows in proportion to the input, not faster.

Run: python bench/pathological.py
Prints seconds for: the whole pipeline on one whitespace-free word of 20,000 and 100,000 characters (of letters,
of "a-" and of "Mr.") followed by " Paris"; the contact-detail search alone on 40,000-character words; and the
roles reader on the longest development release repeated to about 100 KB, 1 MB and 4 MB (its mentions and
quotes shifted along). Each figure's ratio to the smallest size is printed beside it: about the size ratio is
linear time.
"""

from __future__ import annotations

import json
import time
from dataclasses import replace
from pathlib import Path

from presstag.contacts import contact_spans
from presstag.pipeline import Extractor
from presstag.roles import find_roles
from presstag.sources import SourceDocument

GOLD = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "press-releases-dev.gold.jsonl"


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    extractor = Extractor()
    extractor.process_text("Warm-up in Paris.")
    print("whole pipeline, one word + ' Paris':")
    for unit in ("A", "a-", "Mr."):
        times = {n: timed(lambda n=n, unit=unit: extractor.process_text(unit * (n // len(unit)) + " Paris"))
                 for n in (20_000, 100_000)}
        print(f"  {unit!r:6} 20k chars {times[20_000]:6.2f} s   100k chars {times[100_000]:6.2f} s   "
              f"ratio {times[100_000] / times[20_000]:.1f} (size ratio 5)")
    print("contact-detail search, 40k-character words:")
    for unit in ("A", "a-", "a.", "1-", "_"):
        word = unit * (40_000 // len(unit))
        print(f"  {unit!r:6} {timed(lambda word=word: contact_spans(word + ' press@acme.com')):6.3f} s")
    texts = [json.loads(line)["text"] for line in GOLD.read_text(encoding="utf-8").splitlines()]
    longest = max(texts, key=len)
    (r,) = extractor.process([SourceDocument(id="long", source="long", text=longest)])
    print(f"roles reader on the longest development release ({len(longest):,} characters) repeated:")
    base = None
    for target in (100_000, 1_000_000, 4_000_000):
        k = max(1, target // (len(longest) + 2))
        step = len(longest) + 2
        text = "\n\n".join([longest] * k)
        mentions = [replace(m, start=m.start + i * step, end=m.end + i * step) for i in range(k) for m in r.entities]
        quotes = [replace(q, start=q.start + i * step, end=q.end + i * step) for i in range(k) for q in r.quotes]
        took = timed(lambda text=text, mentions=mentions, quotes=quotes:
                     find_roles(text, mentions, quotes, r.canonical_entities))
        base = base or (took, len(text))
        print(f"  {len(text):>9,} chars {took:6.2f} s   time ratio {took / base[0]:5.1f}   size ratio "
              f"{len(text) / base[1]:5.1f}")


if __name__ == "__main__":
    main()
