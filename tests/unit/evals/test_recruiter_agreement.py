"""Agreement between two labellers: list precision/recall and status kappa, as computed by hand."""

from __future__ import annotations

import math

import pytest

from evals.quality.recruiter_agreement import agreement, agreement_rows, cohen_kappa
from evals.quality.recruiter_labels import LabelFile, check_labels
from tests.support.recruiter_fixtures import A_POSTING_1, label_file, req, text_of

B_POSTING_1 = [
    req("Python", "met", "Python"),  # inside A's "PHP, Python or Go"
    req("Docker and Kubernetes", "met", "Docker"),  # overlaps Kubernetes most, so A's Docker stays unmatched
    req("Good communication skills", "missing", kind="soft"),
    req("AWS (EC2, S3)", "met", "AWS", priority="nice"),
    req("3+ years", "met", "2019 - 2024", kind="qualification"),  # A did not list it
]


def _files() -> tuple[LabelFile, LabelFile]:
    pairs = [("cv-1", "posting-1", A_POSTING_1), ("cv-2", "posting-1", A_POSTING_1[2:3])]
    a = check_labels(label_file("A", pairs), text_of)
    b = check_labels(label_file("B", [("cv-1", "posting-1", B_POSTING_1)]), text_of)
    return a, b


def test_agreement_on_the_shared_pair_matches_the_hand_count() -> None:
    a, b = _files()
    found = agreement(a, b, text_of)
    # cv-2 was labelled by A only, so one pair; 4 of 5 requirements match on each side.
    assert (found.pairs, found.a_requirements, found.b_requirements, found.matched) == (1, 5, 5, 4)
    assert (
        found.precision == pytest.approx(0.8) and found.recall == pytest.approx(0.8) and found.f1 == pytest.approx(0.8)
    )
    assert found.statuses == [("met", "met"), ("missing", "met"), ("partial", "missing"), ("met", "met")]
    # Observed 2/4. Chance: A met 2, missing 1, partial 1; B met 3, missing 1, partial 0
    # -> (2*3 + 1*1 + 1*0) / 16 = 7/16. Kappa = (1/2 - 7/16) / (1 - 7/16) = 1/9.
    assert found.status_share == pytest.approx(0.5)
    assert cohen_kappa(found.statuses) == pytest.approx(1 / 9)
    assert found.same_priority == 4


def test_kappa_edges() -> None:
    assert cohen_kappa([("met", "met"), ("missing", "missing")]) == pytest.approx(1.0)
    assert cohen_kappa([("met", "missing"), ("missing", "met")]) == pytest.approx(-1.0)
    assert math.isnan(cohen_kappa([("met", "met")]))  # one category: chance already agrees fully
    assert math.isnan(cohen_kappa([]))


def test_rows_report_the_figures_and_a_file_with_no_shared_pair() -> None:
    a, b = _files()
    rows = {row[0]: row[1] for row in agreement_rows(a, b, text_of)}
    assert rows["status Cohen's kappa"] == f"{1 / 9:.3f}" and rows["requirement-list F1"] == "0.800"
    other = check_labels(label_file("C", [("cv-2", "posting-2", [req("SQL", "met", "SQL")])]), text_of)
    assert agreement_rows(a, other, text_of)[0][1] == "0"
