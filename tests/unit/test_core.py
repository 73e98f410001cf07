"""The deterministic core: extraction, matching, readiness and plan order, without the database."""

from mulakat.assessment.readiness import score_readiness
from mulakat.planning.plan import plan_needs
from tests.support.core import TAX, analyse
from tests.support.samples import RESUME


def test_years_come_from_dated_roles() -> None:
    _, _, skills, _, _ = analyse()
    assert skills["docker"].years == 2 and skills["docker"].last_used == 2023
    assert skills["sql"].years == 2 and skills["sql"].last_used == 2019
    assert skills["git"].years is None  # only listed under Skills


def test_requirements_priority_and_years() -> None:
    _, _, _, reqs, _ = analyse()
    by_skill = {r.skill: r for r in reqs}
    assert by_skill["kubernetes"].priority == "must" and by_skill["kubernetes"].min_years == 3
    assert by_skill["python"].min_years == 5
    assert by_skill["terraform"].priority == "nice"
    # Benefits are not requirements, even when they name a skill.
    assert all(r.evidence.section != "benefits" for r in reqs)


def test_docker_met_kubernetes_partial_through_related_skill() -> None:
    _, _, _, _, results = analyse()
    status = {r.skill: (r.status, r.credit) for r in results}
    assert status["Docker"] == ("met", 1.0)
    assert status["Kubernetes"][0] == "partial" and 0 < status["Kubernetes"][1] < 0.5
    assert status["Terraform"] == ("missing", 0.0)
    # 5 years of Python asked, 2 shown: partial, with the numbers in the reason.
    python = next(r for r in results if r.skill == "Python")
    assert python.status == "partial" and "5" in python.reason and "2" in python.reason


def test_a_sibling_technology_is_partial_and_another_family_is_not() -> None:
    resume = RESUME.replace("Reporting in SQL.", "Reporting in SQL on PostgreSQL.")
    job = "Data Engineer\n\nRequirements\n- MySQL\n- REST APIs\n"
    _, _, _, _, results = analyse(resume.replace("Skills\n", "Skills\nHTTP, "), job)
    status = {r.skill: (r.status, r.credit) for r in results}
    assert status["MySQL"][0] == "partial" and "PostgreSQL" in next(r.reason for r in results if r.skill == "MySQL")
    assert status["REST APIs"] == ("missing", 0.0)  # HTTP is related, but from another family


def test_evidence_quotes_match_offsets() -> None:
    r, j, _, _, results = analyse()
    texts = {"resume": r.text, "job": j.text}
    for result in results:
        assert result.evidence[0].source == "job"
        for ev in result.evidence:
            assert texts[ev.source][ev.start : ev.end] == ev.quote


def test_readiness_parts_add_up_and_are_stable() -> None:
    _, _, skills, reqs, results = analyse()
    first = score_readiness(results, reqs, skills, this_year=2026)
    again = score_readiness(results, reqs, skills, this_year=2026)
    assert first == again
    assert abs(sum(c.points for c in first.components) - first.score) <= 1
    assert 0 < first.score < 100


def test_adding_the_missing_skill_raises_readiness() -> None:
    _, _, skills, reqs, results = analyse()
    base = score_readiness(results, reqs, skills, this_year=2026).score
    better = RESUME.replace("Shipped Python services", "Shipped Python services on Kubernetes")
    _, _, skills2, reqs2, results2 = analyse(better)
    assert score_readiness(results2, reqs2, skills2, this_year=2026).score > base


def test_plan_puts_prerequisites_first() -> None:
    resume = "Experience\n\nAnalyst, Acme (2020 - 2022)\n- Excel reports\n"
    _, _, skills, reqs, results = analyse(resume)
    needs = plan_needs(results, {r.id: r.skill for r in reqs}, skills, TAX)
    order = [n.skill for n in needs]
    assert order.index("docker") < order.index("kubernetes")
    assert order.index("linux") < order.index("kubernetes")
    assert "Prerequisite" in next(n for n in needs if n.skill == "linux").reason


def _status_of(skill: str, resume_line: str, job_line: str, role: str = "2019 - 2024") -> tuple[str, float, str]:
    resume = f"Sam\n\nExperience\n\nEngineer, Acme ({role})\n- {resume_line}\n"
    _, _, _, _, results = analyse(resume, f"Engineer\n\nRequirements\n- {job_line}\n")
    found = next(r for r in results if r.skill == skill)
    return found.status, found.credit, found.reason


def test_work_with_a_skill_shows_the_one_it_is_built_on() -> None:
    status, _, reason = _status_of("SQL", "Tuned PostgreSQL queries and indexes.", "Strong SQL skills")
    assert status == "met" and "PostgreSQL" in reason and "built on" in reason
    # A kind of the skill shows it too, and the years asked still count.
    assert _status_of("Python", "Built Django services.", "Python")[0] == "met"
    short = _status_of("Python", "Built Django services.", "5+ years of Python", role="2023 - 2024")
    assert short[0] == "partial" and short[1] < 0.9 and "5+ years" in short[2]
    short = _status_of("SQL", "Tuned PostgreSQL queries.", "5+ years of SQL", role="2023 - 2024")
    assert short[0] == "partial" and "5+ years" in short[2]


def test_a_skill_built_on_another_kind_shows_only_part_of_it() -> None:
    status, credit, reason = _status_of("React", "Shipped two React Native mobile apps.", "Experience with React")
    assert status == "partial" and credit == 0.5 and "only part" in reason
