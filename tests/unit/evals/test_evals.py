"""The evaluators themselves: scores computed as documented."""

from __future__ import annotations

import pytest

from evals.quality.match_quality import Case, bm25, build_cases, gap_scores, keyword_overlap, ours
from evals.quality.skill_spans import Counts, gold_spans
from mulakat.skills.taxonomy import load_taxonomy
from tests.support.paths import SHARED_DATA, requires_shared_data


def test_gold_spans_and_counts() -> None:
    tokens = ["Experience", "with", "Apache", "Kafka", "and", "Go"]
    spans = gold_spans(tokens, ["O", "O", "B", "I", "O", "B"])
    assert spans == {(16, 28), (33, 35)}
    counts = Counts()
    counts.add({(16, 28), (0, 10)}, spans)
    assert counts.strict() == (0.5, 0.5, 0.5)
    counts.add({(20, 28)}, {(16, 28)})  # overlaps but is not exact
    assert counts.overlap()[1] == pytest.approx(2 / 3) and counts.strict()[0] == pytest.approx(1 / 3)


def test_gap_scores_and_baselines() -> None:
    cv = "Built APIs in Python and Django.\nDeployed with Docker."
    cases = [
        Case("Python", "python", cv, True),
        Case("Kubernetes", "kubernetes", cv, False),
        Case("Docker containers", "docker", cv, True),
    ]
    assert [keyword_overlap(c) for c in cases] == [1.0, 0.0, 0.5]
    assert gap_scores(cases, [1.0, 0.0, 0.5], threshold=0.5) == (1.0, 1.0, 1.0, 1.0)
    assert bm25(cases)[1] == 0.0 and bm25(cases)[0] > 0
    assert ours(cases, load_taxonomy()) == [1.0, 0.35, 1.0]  # Kubernetes: related Docker, still a gap


@requires_shared_data
def test_constructed_cases_are_balanced_enough() -> None:
    skillspan, dotin = SHARED_DATA / "skills" / "skillspan", SHARED_DATA / "skills" / "dotin_train" / "train.jsonl"
    cases = build_cases(skillspan, dotin, load_taxonomy())
    met = sum(c.met for c in cases)
    assert len(cases) > 500 and 0.1 < met / len(cases) < 0.5


def test_eval_suites_are_named_and_speed_prints_figures() -> None:
    from evals.suites import run_suite
    from evals.tables import SuiteError
    from mulakat.storage.settings import Settings

    with pytest.raises(SuiteError, match="available: extraction"):
        run_suite("nope", SHARED_DATA, SHARED_DATA, Settings(_env_file=None))  # type: ignore[call-arg]
    (table,) = run_suite("speed", SHARED_DATA, SHARED_DATA, Settings(_env_file=None))  # type: ignore[call-arg]
    assert [row[0].split(" (")[0] for row in table.rows] == ["parse", "taxonomy matching", "extraction"]
    assert all(float(row[1]) > 0 for row in table.rows)
