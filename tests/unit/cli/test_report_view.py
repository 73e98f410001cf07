"""The terminal report stays readable at 40 requirements: gaps first, largest first; the met ones on one line."""

from __future__ import annotations

from io import StringIO

from rich.console import Console

from mulakat.cli.report_view import by_gap, render_report, requirement_areas
from mulakat.models import Component, JobRef, Readiness, Report, RequirementResult
from mulakat.skills.taxonomy import load_taxonomy


def _req(skill: str, status: str, priority: str, credit: float) -> RequirementResult:
    return RequirementResult.model_validate(
        {
            "id": f"req-{skill.lower()}",
            "text": skill,
            "skill": skill,
            "priority": priority,
            "status": status,
            "credit": credit,
            "reason": f"why-{skill}",
            "evidence": [],
        }
    )


# Posting order, deliberately not the order the report shows.
MIXED = [
    _req("Python", "met", "must", 1.0),
    _req("Terraform", "missing", "nice", 0.0),
    _req("Kubernetes", "partial", "must", 0.35),
    _req("Go", "partial", "nice", 0.2),
    _req("Kafka", "missing", "must", 0.0),
    _req("Redis", "partial", "must", 0.6),
    _req("Docker", "met", "must", 0.9),
]
MET_MANY = [f"Skill{i:02d}" for i in range(30)]


def _report(requirements: list[RequirementResult]) -> Report:
    component = Component(name="must_have", weight=1, value=0.5, explanation="half")
    return Report(
        thread_id="t-1",
        job=JobRef(title="Engineer", source="job.md"),
        readiness=Readiness(score=50, components=[component]),
        requirements=requirements,
        feedback=[],
        plan=[],
        mode="deterministic",
        fallback=False,
    )


def _render(report: Report, areas: dict[str, str] | None = None) -> str:
    console = Console(record=True, width=160, file=StringIO())
    render_report(report, console, areas)
    return console.export_text()


def _header(text: str) -> str:
    return next(line for line in text.splitlines() if "status" in line and "skill" in line)


def test_missing_then_partial_then_met_must_first_and_largest_gap_first() -> None:
    order = [r.skill for r in by_gap(MIXED, {})]
    assert order == ["Kafka", "Terraform", "Kubernetes", "Redis", "Go", "Docker", "Python"]
    text = _render(_report(MIXED))
    rows = [line for line in text.splitlines() if "why-" in line]
    assert [next(s for s in order if f"why-{s}" in line) for line in rows] == order[:5]
    assert "Requirements: 2 missing, 3 partial, 2 met" in text


def test_met_requirements_collapse_to_one_wrapped_line_listing_them_all() -> None:
    report = _report([*MIXED, *(_req(name, "met", "must", 1.0) for name in MET_MANY)])
    text = _render(report)
    assert not any(f"why-{name}" in text for name in [*MET_MANY, "Python", "Docker"]), "met ones got table rows"
    start = text.index("met (32): ")
    assert all(name in text[start:] for name in [*MET_MANY, "Python", "Docker"])
    assert all(len(line) <= 160 for line in text.splitlines())
    assert text.index("why-Go") < start  # the gaps come before the met line


def test_area_is_a_column_only_when_the_requirements_have_one() -> None:
    assert "area" not in _header(_render(_report(MIXED)))
    areas = requirement_areas(_report(MIXED), load_taxonomy())
    assert areas["Python"] == "language" and areas["Kubernetes"] == "devops"
    text = _render(_report(MIXED), areas)
    assert "area" in _header(text)
    assert any("devops" in line and "why-Kubernetes" in line for line in text.splitlines())


def test_equal_gaps_sit_together_by_area() -> None:
    reqs = [_req("A", "missing", "must", 0.0), _req("B", "missing", "must", 0.0), _req("C", "missing", "must", 0.0)]
    areas = {"A": "data", "B": "cloud", "C": "data"}
    assert [r.skill for r in by_gap(reqs, areas)] == ["B", "A", "C"]


def test_a_report_with_every_requirement_met_shows_no_empty_table() -> None:
    text = _render(_report([_req("Python", "met", "must", 1.0)]))
    assert "Requirements: 0 missing, 0 partial, 1 met" in text and "met (1): Python" in text
    assert "why-" not in text


def test_needs_in_the_postings_own_words_come_after_known_skills_at_an_equal_gap() -> None:
    known = _req("Kafka", "missing", "must", 0.0).model_copy(update={"skill_id": "kafka"})
    own = _req("balance creativity", "missing", "must", 0.0).model_copy(
        update={"kind": "domain", "mention": {"start": 0, "end": 18, "quote": "balance creativity"}}
    )
    assert [r.skill for r in by_gap([own, known], {})] == ["Kafka", "balance creativity"]
    areas = requirement_areas(_report([own, known]), load_taxonomy())
    assert areas == {"Kafka": "data", "balance creativity": "domain, own words"}
