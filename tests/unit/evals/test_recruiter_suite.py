"""`mulakat eval recruiter` without labels says so, with them prints agreement and status, and refuses bad ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.quality.recruiter_baselines import Embed
from evals.quality.recruiter_labels import LabelError
from evals.quality.suites import labelled_tables
from evals.suites import ALL, SUITES
from tests.support.recruiter_fixtures import A_POSTING_1, doc_of, label_file, req


def _embed(texts: list[str]) -> list[list[float]]:
    return [[1.0, float(len(t) % 7)] for t in texts]


def _no_embeddings() -> Embed:
    raise AssertionError("embeddings are loaded only when there are labels to score")


def test_without_label_files_the_suite_says_what_is_missing(tmp_path: Path) -> None:
    [table] = labelled_tables(tmp_path / "labeller-a.json", tmp_path / "labeller-b.json", doc_of, _no_embeddings)
    assert table.rows[0][0] == "labeller-a.json" and "not found" in table.rows[0][1]
    assert "recruiter" in SUITES and "recruiter" in ALL  # the labels landed, so `mulakat eval all` runs it


def test_with_labels_it_scores_and_with_bad_labels_it_stops(tmp_path: Path) -> None:
    a, b = tmp_path / "labeller-a.json", tmp_path / "labeller-b.json"
    pairs = [("cv-1", "posting-1", A_POSTING_1), ("cv-2", "posting-2", [req("SQL", "met", "SQL")])]
    a.write_text(json.dumps(label_file("A", pairs)), encoding="utf-8")
    missing_b, status = labelled_tables(a, b, doc_of, lambda: _embed)
    assert "labeller-b.json" in missing_b.rows[0][0] and status.title.endswith("labeller A")
    b.write_text(json.dumps(label_file("B", pairs[:1])), encoding="utf-8")
    agreement, _ = labelled_tables(a, b, doc_of, lambda: _embed)
    assert {row[0]: row[1] for row in agreement.rows}["status agreement"] == "1.000"  # B copied A
    b.write_text(json.dumps(label_file("B", [("cv-1", "posting-1", [req("Rust", "missing")])])), encoding="utf-8")
    with pytest.raises(LabelError, match="labeller-b.json: B: 1 problems"):
        labelled_tables(a, b, doc_of, lambda: _embed)
