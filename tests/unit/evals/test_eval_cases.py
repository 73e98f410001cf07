"""Case suites run through `langsmith.evaluate`: offline their results match a direct comparison, and with
a key they upload a dataset, an experiment and per-case feedback (to an in-process LangSmith)."""

from __future__ import annotations

import dataclasses

import pytest

from evals.cases import Case, example_of, run_suite_cases
from evals.quality.metamorphic import metamorphic_suite
from evals.quality.requirement_status import assess, requirement_suite
from mulakat.skills.taxonomy import load_taxonomy
from tests.support.fake_langsmith import fake_langsmith

TAX = load_taxonomy()


def _direct_accuracy(case: Case) -> float:
    """Share of labelled requirements whose status the core gets right, compared without the runner."""
    got = assess(case.inputs)["requirements"]
    labels = case.outputs["requirements"]
    right = 0
    for name, want in labels.items():
        skill = TAX.resolve(name)
        right += skill is not None and got.get(skill.id, {}).get("status") == want["status"]
    return right / len(labels)


def test_offline_scores_match_a_direct_comparison() -> None:
    suite = requirement_suite()
    run = run_suite_cases(suite, upload=False)
    assert run.experiment is None
    assert [r.case.id for r in run.results] == [c.id for c in suite.cases]
    for result in run.results:
        assert result.scores["status accuracy"] == pytest.approx(_direct_accuracy(result.case)), result.case.id
        assert (result.scores["status accuracy"] < 1) == bool(result.comments.get("status accuracy"))
    labelled = sum(len(c.outputs["requirements"]) for c in suite.cases)
    right = sum(_direct_accuracy(c) * len(c.outputs["requirements"]) for c in suite.cases)
    assert run.summary["requirements with the right status"] == pytest.approx(right / labelled)


def test_a_wrong_label_is_reported_by_name() -> None:
    suite = requirement_suite()
    first = suite.cases[0]  # Python, enough years: met
    flipped = dataclasses.replace(
        first, outputs={"requirements": {"Python": {"status": "missing", "priority": "must"}}}
    )
    run = run_suite_cases(dataclasses.replace(suite, cases=[first, flipped]), upload=False)
    assert run.results[0].scores["status accuracy"] == 1.0
    assert run.results[1].scores["status accuracy"] == 0.0
    assert "Python: missing expected, met" in run.results[1].comments["status accuracy"]


def test_with_a_key_the_suite_uploads_dataset_experiment_and_feedback(monkeypatch: pytest.MonkeyPatch) -> None:
    suite = metamorphic_suite()
    with fake_langsmith(monkeypatch) as store:
        run = run_suite_cases(suite, upload=True)
        again = run_suite_cases(suite, upload=True)
    assert [d["name"] for d in store.datasets.values()] == ["mulakat-metamorphic"]
    assert set(store.examples) == {str(example_of(suite, c).id) for c in suite.cases}
    assert store.example_posts == 1  # the second run found every example and added none
    assert run.experiment is not None and again.experiment is not None and run.experiment != again.experiment
    experiments = [s for s in store.sessions.values() if s.get("name") == run.experiment]
    assert experiments and experiments[0]["extra"]["metadata"]["app_version"]
    per_case = [f for f in store.feedback if f["key"] == "property holds"]
    assert len(per_case) == 2 * len(suite.cases)
    assert {f["score"] for f in per_case} == {r.scores["property holds"] for r in run.results}
    assert any(f["key"] == "violations" for f in store.feedback)
