"""The ranking suite's arithmetic on a synthetic label file: Spearman with ties, halves, baselines, the weight grid."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from evals.quality.posting_rankings import load_rankings, mean_ranks, orders_agree, spearman
from evals.quality.ranking_baselines import bm25_scores, embedding_scores, tfidf_scores
from evals.quality.ranking_suite import FIT, ranking_tables, reweighed, tuning_rows
from evals.suites import ALL, SUITES
from evals.tables import SuiteError
from mulakat.assessment.fit import DEFAULT_WEIGHTS
from mulakat.models import Component, Fit, JobRef, Readiness, Report

SYNTHETIC = Path(__file__).resolve().parents[2] / "support" / "posting_rankings_synthetic.json"
ORDER = ["p1", "p2", "p3", "p4", "p5"]


def test_spearman_of_full_orders_matches_the_textbook_formula() -> None:
    assert spearman(ORDER, {"p1": 5, "p2": 4, "p3": 3, "p4": 2, "p5": 1}) == pytest.approx(1.0)
    assert spearman(ORDER, {"p1": 1, "p2": 2, "p3": 3, "p4": 4, "p5": 5}) == pytest.approx(-1.0)
    # Ranks 2, 1, 3, 5, 4: sum of squared differences 4, so 1 - 6 * 4 / (5 * 24) = 0.8.
    assert spearman(ORDER, {"p1": 40, "p2": 50, "p3": 30, "p4": 10, "p5": 20}) == pytest.approx(0.8)


def test_ties_share_their_mean_rank_and_a_flat_system_scores_zero() -> None:
    assert mean_ranks([3.0, 3.0, 1.0]) == [1.5, 1.5, 3.0]
    assert spearman(["a", "b", "c"], {"a": 3, "b": 3, "c": 1}) == pytest.approx(1.5 / 3**0.5)
    assert spearman(ORDER, dict.fromkeys(ORDER, 7.0)) == 0.0


def test_two_labellers_agree_over_the_postings_both_ranked() -> None:
    assert orders_agree(ORDER, ORDER) == pytest.approx(1.0)
    assert orders_agree(["a", "b", "c"], ["c", "b", "a", "d"]) == pytest.approx(-1.0)


def test_a_label_file_is_checked_before_use(tmp_path: Path) -> None:
    labels = load_rankings(SYNTHETIC)
    assert labels.labeller == "synthetic" and len(labels.rankings) == 4
    bad = json.loads(SYNTHETIC.read_text())
    bad["rankings"][0]["order"] = ["posting-a", "posting-a", "posting-x"]
    bad["rankings"].append(bad["rankings"][1])
    path = tmp_path / "labeller-a.json"
    path.write_text(json.dumps(bad))
    with pytest.raises(SuiteError, match="2 problems: cv-1: order .* cv-2 is ranked twice"):
        load_rankings(path)


def _report(score: int, requirements: float, level: float, role: float) -> Report:
    parts = [
        Component(name=name, weight=w, value=v, explanation="synthetic", points=0)
        for name, w, v in (("requirements", 0.5, requirements), ("level", 0.3, level), ("role", 0.2, role))
    ]
    return Report(
        thread_id="t",
        job=JobRef(title=None, source="p.txt"),
        readiness=Readiness(score=score, components=[]),
        requirements=[],
        feedback=[],
        plan=[],
        mode="deterministic",
        fallback=False,
        fit=Fit(score=score, parts=parts, reason="synthetic"),
    )


def test_the_tables_split_cvs_into_held_even_and_tuning_odd_halves() -> None:
    labels = load_rankings(SYNTHETIC)
    # A system that agrees with every odd CV and is reversed on every even one.
    scores: dict[tuple[str, str], float] = {}
    for r in labels.rankings:
        for place, posting in enumerate(r.order):
            scores[(r.cv, posting)] = float(place if int(r.cv[-1]) % 2 == 0 else -place)
    reports = {pair: _report(50, 0.5, 0.5, 0.5) for pair in scores}
    summary, _, per_cv, _ = ranking_tables(labels, labels, {FIT: scores}, reports)
    assert summary.rows[0] == [FIT, "-1.000 (2)", "1.000 (2)", "0.000 (4)"]
    assert summary.rows[1][1:] == ["1.000 (2)", "1.000 (2)", "1.000 (4)"]  # a labeller against itself
    assert [row[:3] for row in per_cv.rows[:2]] == [["cv-1", "tuning", "1.00"], ["cv-2", "held", "-1.00"]]


def test_the_grid_finds_weights_at_least_as_good_as_the_shipped_ones_on_the_tuning_half() -> None:
    labels = load_rankings(SYNTHETIC)
    # Only the role part follows the labels; requirements and level run against them.
    reports = {}
    for r in labels.rankings:
        for place, posting in enumerate(r.order):
            reports[(r.cv, posting)] = _report(50, 0.2 + 0.3 * place, 0.2 + 0.3 * place, 0.9 - 0.4 * place)
    shipped, best = tuning_rows(labels, reports)
    assert float(best[3].split()[0]) >= float(shipped[3].split()[0])
    # Only role moves with the labels (content is the same for every posting): the best puts nothing on the rest.
    assert best[3].startswith("1.000") and "requirements 0," in best[1] and "level 0," in best[1]
    role_only = replace(DEFAULT_WEIGHTS, requirements=0.0, level=0.0, role=1.0, content=0.0)
    assert reweighed(reports[("cv-1", "posting-a")], role_only) == 90


def test_baselines_prefer_the_posting_that_shares_the_cvs_words() -> None:
    cv = "Kotlin Android developer: Jetpack Compose, Room, Retrofit"
    postings = {"android": "Android developer with Kotlin and Jetpack Compose", "sap": "SAP finance consultant"}
    bm25 = bm25_scores(cv, postings)
    assert bm25["android"] > bm25["sap"] == 0.0
    tfidf = tfidf_scores({"cv": cv}, postings)
    assert tfidf[("cv", "android")] > tfidf[("cv", "sap")]

    def embed(texts: list[str]) -> list[list[float]]:  # one axis per topic
        return [[float("Kotlin" in t or "Android" in t), float("SAP" in t), 0.1] for t in texts]

    long_cv = "Built Kotlin apps for Android phones\nWrote Room migrations for the app"
    long_postings = {"android": "We build Android apps in Kotlin", "sap": "You will run SAP finance closing"}
    emb = embedding_scores({"cv": long_cv}, long_postings, embed)
    assert emb[("cv", "android")] > emb[("cv", "sap")]


def test_the_suite_is_registered_but_not_in_all() -> None:
    assert "ranking" in SUITES and "ranking" not in ALL
