"""Checking a recruiter-labelled file: quotes must be exact and values allowed, each problem named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.quality.recruiter_labels import LabelError, check_labels, load_labels, match_one_to_one, phrase_spans
from tests.support.recruiter_fixtures import A_POSTING_1, POSTING, label_file, req, text_of


def test_a_clean_file_loads_with_every_field() -> None:
    labels = check_labels(label_file("A", [("cv-1", "posting-1", A_POSTING_1)]), text_of)
    assert labels.labeller == "A" and len(labels.pairs) == 1
    first = labels.pairs[0].requirements[0]
    assert (first.phrase, first.status, first.min_years, first.resume_quote) == (
        "PHP, Python or Go",
        "met",
        3.0,
        "Python",
    )
    assert [r.priority for r in labels.pairs[0].requirements].count("nice") == 1


def test_a_phrase_not_in_the_posting_is_named_by_pair_and_requirement() -> None:
    reqs = [*A_POSTING_1[:1], req("Rust", "missing")]
    with pytest.raises(LabelError) as caught:
        check_labels(label_file("A", [("cv-1", "posting-1", reqs)]), text_of)
    message = str(caught.value)
    assert "'cv-1' x 'posting-1'" in message and "requirement 2 ('Rust')" in message
    assert "phrase 'Rust' is not in the posting text" in message and "requirement 1" not in message


def test_a_bad_status_and_a_quote_not_in_the_cv_are_both_reported() -> None:
    reqs = [req("Docker", "done", "Docker"), req("Kubernetes", "met", "ran Kubernetes clusters")]
    with pytest.raises(LabelError) as caught:
        check_labels(label_file("A", [("cv-1", "posting-1", reqs)]), text_of)
    message = str(caught.value)
    assert "2 problems" in message
    assert "requirement 1 ('Docker'): status 'done' is not one of met, partial, missing" in message
    assert "requirement 2 ('Kubernetes'): resume_quote 'ran Kubernetes clusters' is not in the CV text" in message


@pytest.mark.parametrize(
    ("bad", "expected"),
    [
        (req("Docker", "met"), "met/partial need a quote"),
        (req("Kubernetes", "missing", "Docker"), "missing has none"),
        (req("Docker", "met", "Docker", kind="tool"), "kind 'tool'"),
        (req("Docker", "met", "Docker", priority="should"), "priority 'should'"),
        (req("Docker", "met", "Docker", min_years="three"), "min_years 'three'"),
        (req("Docker", "met", "Docker", why=""), "why is missing or empty"),
    ],
)
def test_each_rule_of_the_guidelines_is_checked(bad: dict[str, object], expected: str) -> None:
    with pytest.raises(LabelError, match=expected):
        check_labels(label_file("A", [("cv-1", "posting-1", [bad])]), text_of)


def test_an_unknown_document_and_a_pair_labelled_twice(tmp_path: Path) -> None:
    path = tmp_path / "labeller-x.json"
    pairs = [("cv-9", "posting-1", A_POSTING_1[:1]), ("cv-1", "posting-1", A_POSTING_1), ("cv-1", "posting-1", [])]
    path.write_text(json.dumps(label_file("X", pairs)), encoding="utf-8")
    with pytest.raises(LabelError) as caught:
        load_labels(path, text_of)
    message = str(caught.value)
    assert message.startswith("labeller-x.json: X:")
    assert "no document 'cv-9'" in message and "labelled twice" in message and "no requirements" in message


def test_phrases_match_one_to_one_by_largest_overlap() -> None:
    assert phrase_spans(POSTING, "Docker") == [(POSTING.index("Docker"), POSTING.index("Docker") + 6)]
    left = [phrase_spans(POSTING, p) for p in ("Docker", "Kubernetes", "Go")]
    right = [phrase_spans(POSTING, p) for p in ("Docker and Kubernetes", "Python or Go")]
    # "Docker and Kubernetes" shares 10 characters with Kubernetes and 6 with Docker: Kubernetes takes it.
    assert match_one_to_one(left, right) == [(1, 0), (2, 1)]
