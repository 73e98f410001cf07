"""Status accuracy on a labelled set: found / not found and statuses counted as the module documents."""

from __future__ import annotations

import math

import numpy as np
import pytest

from evals.quality.recruiter_baselines import Query, Thresholds, accuracy, choose_thresholds, keyword_scores
from evals.quality.recruiter_labels import STATUSES, LabelStatus, check_labels, phrase_spans
from evals.quality.recruiter_status import (
    ProductRequirement,
    judge_pair,
    product_requirements,
    split_postings,
    status_rows,
    tally,
)
from mulakat.skills.taxonomy import load_taxonomy
from tests.support.recruiter_fixtures import A_POSTING_1, POSTING, doc_of, label_file, req, text_of


def _found(phrase: str, status: LabelStatus) -> ProductRequirement:
    return ProductRequirement(phrase, tuple(phrase_spans(POSTING, phrase)), status)


def test_not_found_is_wrong_over_all_and_left_out_over_found() -> None:
    pair = check_labels(label_file("A", [("cv-1", "posting-1", A_POSTING_1)]), text_of).pairs[0]
    product = [
        _found("Python", "met"),  # A: "PHP, Python or Go" met -> right
        _found("Docker", "partial"),  # A: met -> wrong
        _found("Kubernetes", "missing"),  # A: missing -> right
        _found("Backend", "met"),  # no labelled requirement: not counted anywhere
    ]  # communication skills and AWS: not found
    judged = judge_pair(pair, POSTING, product)
    assert [j.predicted for j in judged] == ["met", "partial", "missing", None, None]
    counts = tally(judged)
    assert (counts.judged, counts.found, counts.correct) == (5, 3, 2)
    assert counts.accuracy_all == pytest.approx(2 / 5) and counts.accuracy_found == pytest.approx(2 / 3)
    assert counts.found_share == pytest.approx(3 / 5)
    assert math.isnan(tally([]).accuracy_all)


def test_the_product_runs_end_to_end_on_the_documents() -> None:
    taxonomy = load_taxonomy()
    found = product_requirements(doc_of("posting-1"), doc_of("cv-1"), taxonomy)
    by_name = {p.name: p for p in found}
    assert "Docker" in by_name and by_name["Docker"].status in STATUSES
    for p in found:  # each mention is a place in the posting, inside the requirements' lines
        assert p.spans and all(0 <= s < e <= len(POSTING) for s, e in p.spans)
    docker = by_name["Docker"].spans
    assert [POSTING[s:e] for s, e in docker] == ["Docker"]


def test_thresholds_are_the_most_accurate_pair_on_the_tuning_scores() -> None:
    scores = [0.1, 0.2, 0.5, 0.6, 0.9, 0.95]
    gold: list[LabelStatus] = ["missing", "missing", "partial", "partial", "met", "met"]
    cut = choose_thresholds(scores, gold)
    assert accuracy(scores, gold, cut) == 1.0
    assert (cut.status(0.15), cut.status(0.55), cut.status(0.92)) == ("missing", "partial", "met")
    never = choose_thresholds([0.3, 0.4], ["missing", "missing"])
    assert never.status(0.4) == "missing" and str(never) == "partial never, met never"
    assert Thresholds(0.5, 0.8).status(0.5) == "partial" and str(Thresholds(0.5, 0.8)) == "partial >= 0.5, met >= 0.8"


def test_keyword_baseline_reads_whole_names_then_words() -> None:
    cv = "Built services in Python and Django.\nMongoDB admin"
    queries = [Query("p", "Go", "Go", cv, "missing"), Query("p", "Python", "Python 3", cv, "met")]
    queries.append(Query("p", "NoSQL databases", "NoSQL databases such as MongoDB", cv, "met"))
    # "Go" is not a word of "MongoDB"; of nosql, databases, such, mongodb only the last is in the CV.
    assert keyword_scores(queries) == [0.0, 1.0, pytest.approx(1 / 4)]


def test_split_by_posting_and_the_whole_table() -> None:
    pairs = [
        ("cv-1", "posting-1", A_POSTING_1),
        ("cv-2", "posting-2", [req("SQL", "met", "SQL"), req("Airflow", "missing"), req("Spark", "missing")]),
        ("cv-2", "posting-1", [req("Docker", "missing")]),  # tuning half: 3 met, 2 missing, 1 partial
    ]
    labels = check_labels(label_file("A", pairs), text_of)
    tuning, held = split_postings(labels.pairs)
    assert (tuning, held) == ({"posting-1"}, {"posting-2"})

    def embed(texts: list[str]) -> list[list[float]]:
        vectors = np.array([[t.lower().count(c) + 0.01 for c in "aeiosqlk"] for t in texts])
        return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).tolist()  # type: ignore[no-any-return]

    rows = status_rows(labels, doc_of, load_taxonomy(), embed)
    product, majority, *baselines, summary = rows
    assert product[2].endswith("/3") and product[5].endswith("/9")  # held: posting-2's 3 labels; all: 9
    assert majority[0].startswith("always 'met'") and len(baselines) == 4
    assert all(row[2] == "3/3" for row in baselines)  # a baseline judges every held requirement
    assert "3 pairs (1 held), 9 labelled requirements (3 held)" in summary[0]
