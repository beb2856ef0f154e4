"""Engines run the same per-batch code path: in this process or in worker processes, results in input order."""

import pytest
from spacy.language import Language

from presstag.engines import LocalEngine
from presstag.pipeline import batched
from presstag.sources import SourceDocument
from presstag.types import ErrorRecord

pytestmark = [pytest.mark.model]


@Language.component("presstag_test_boom")
def boom(doc):
    if "BOOM" in doc.text:
        raise ValueError("a component failed")
    return doc


def corpus(n):
    docs = [SourceDocument(id=f"d{i}", source=f"d{i}.txt",
                           text=f"Amnesty International said police in Almaty detained Anna Petrova on Monday "
                                f"(case {i}).")
            for i in range(n)]
    docs.insert(3, SourceDocument(id="bad", source="bad.bin", error=ErrorRecord("binary", "bad.bin: binary data")))
    return docs


def test_two_workers_give_the_results_of_one_in_input_order(extractor):
    docs = corpus(40)
    one = [r.to_dict() for rs in LocalEngine(1).map(extractor, batched(docs, 4)) for r in rs]
    two = [r.to_dict() for rs in LocalEngine(2).map(extractor, batched(docs, 4)) for r in rs]
    assert one == two
    assert [d["id"] for d in two] == [d.id for d in docs]
    assert two[3]["error"] == {"type": "binary", "message": "bad.bin: binary data"}
    assert ("Anna Petrova", "PERSON") in {(e["text"], e["label"]) for e in two[-1]["entities"]}


def test_a_document_that_breaks_the_pipeline_fails_alone(extractor):
    extractor.nlp.add_pipe("presstag_test_boom", last=True)
    try:
        docs = corpus(3)
        docs[1] = SourceDocument(id="boom", source="boom.txt", text="BOOM in Almaty.")
        results = extractor.process_batch(docs)
    finally:
        extractor.nlp.remove_pipe("presstag_test_boom")
    assert [r.id for r in results] == ["d0", "boom", "d2", "bad"]
    assert results[1].error.type == "processing"
    assert "ValueError: a component failed" in results[1].error.message
    assert "Almaty" in {m.text for m in results[2].entities}
    # the pipeline still works after the failure inside its memory zone
    assert "Almaty" in {m.text for m in extractor.process_text("Police in Almaty said so.").entities}
