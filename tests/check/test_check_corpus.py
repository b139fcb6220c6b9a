"""The answer corpus: realistic answers from the syllabus, each with its true verdict.

Zero false accepts: every not_equivalent answer must be rejected; every false reject is a bug.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from symprimer.check.answer import ReadOptions, check_answer

CORPUS = yaml.safe_load((Path(__file__).parent / "corpus.yaml").read_text(encoding="utf-8"))


def test_corpus_is_large_and_covers_the_syllabus():
    topics = {entry["topic"] for entry in CORPUS}
    assert len(CORPUS) >= 80
    assert {"sigmoid", "tanh", "softplus", "bce", "cce", "hinge", "det", "inverse", "transpose", "product", "eigen", "gradient", "trap"} <= topics
    assert sum(entry["verdict"] == "not_equivalent" for entry in CORPUS) >= 30


@pytest.mark.parametrize("entry", CORPUS, ids=[f"{i}-{e['topic']}" for i, e in enumerate(CORPUS)])
def test_corpus_verdict(entry):
    verdict = check_answer(entry["expected"], entry["answer"], ReadOptions(plain=entry.get("plain", False)))
    assert verdict.verdict == entry["verdict"], verdict.reason
    if verdict.verdict == "not_equivalent":
        assert verdict.reason.startswith("not equivalent")
        if verdict.method in ("numeric", "exact"):
            assert verdict.counterexample is not None
            assert verdict.counterexample.expected != verdict.counterexample.answer
    if verdict.verdict == "equivalent":
        assert verdict.method in ("symbolic", "numeric", "exact", "multiset", "solution set")
        assert verdict.read_as
    if verdict.verdict == "unparseable":
        assert "write" in verdict.reason  # says how to write it instead
