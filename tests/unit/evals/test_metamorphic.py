"""Metamorphic properties of the score: changes that must (not) move it, checked on the shipped samples."""

from __future__ import annotations

import pytest

from evals.quality.metamorphic import ALIASES, HELD, INJECTION, JOB, MISSING, RESUME, readiness, reordered_resume

BASE = readiness()


def test_identical_inputs_give_identical_scores() -> None:
    assert readiness() == BASE


@pytest.mark.parametrize("skill", MISSING)
def test_adding_a_required_skill_never_lowers_the_score(skill: str) -> None:
    more = RESUME.replace("- Added Redis caching", f"- Ran production services with {skill}.\n- Added Redis caching")
    assert readiness(more).score >= BASE.score


@pytest.mark.parametrize("skill", HELD)
def test_removing_a_skill_never_raises_the_score(skill: str) -> None:
    assert readiness(RESUME.replace(skill, "")).score <= BASE.score


@pytest.mark.parametrize(("name", "alias"), ALIASES)
def test_an_alias_changes_nothing(name: str, alias: str) -> None:
    assert readiness(RESUME.replace(name, alias)).score == BASE.score


def test_reordering_resume_sections_changes_nothing() -> None:
    reordered = reordered_resume()
    assert reordered != RESUME
    assert readiness(reordered).score == BASE.score


@pytest.mark.parametrize("where", ["resume", "job"])
def test_injected_instructions_change_nothing(where: str) -> None:
    if where == "resume":
        assert readiness(RESUME.replace("## Skills", f"{INJECTION}\n\n## Skills")).score == BASE.score
    else:
        assert readiness(job=JOB.replace("## Benefits", f"- {INJECTION}\n\n## Benefits")).score == BASE.score


def test_interval_contains_the_score_and_widens_with_doubt() -> None:
    assert BASE.low <= BASE.score <= BASE.high
    thin = readiness(job="Requirements\n- Python\n")
    assert thin.high - thin.low > BASE.high - BASE.low
