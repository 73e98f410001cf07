"""Plan topics: related requirements are one topic, every topic names its requirements, soft skills are one."""

from __future__ import annotations

from mulakat.planning.plan import BEHAVIOURAL, PlanNeed, plan_needs
from tests.support.core import TAX, analyse

RESUME = "# Sam\n\n## Experience\n\n### Engineer, Example Co (2019 - 2025)\n\n- Built services in Python.\n"


def _plan(*lines: str) -> tuple[list[PlanNeed], set[str]]:
    job = "# Engineer\n\n## Requirements\n\n" + "".join(f"- {line}\n" for line in lines)
    _, _, skills, reqs, results = analyse(RESUME, job)
    examples = {r.id: r.examples for r in reqs}
    return plan_needs(results, {r.id: r.skill for r in reqs}, skills, TAX, examples), {r.id for r in reqs}


def test_a_family_of_skills_is_one_topic_naming_every_requirement() -> None:
    needs, _ = _plan("Spring", "Spring Boot", "Spring Security")
    spring = [n for n in needs if n.kind == "skill"]
    assert len(spring) == 1 and spring[0].skill == "spring"
    assert spring[0].requirements == ["req-spring", "req-spring-boot", "req-spring-security"]


def test_every_topic_names_requirements_of_its_report() -> None:
    needs, ids = _plan("Kubernetes", "Spring Boot", "Experience with regulatory reporting", "Excellent communication")
    assert needs and all(n.requirements and set(n.requirements) <= ids for n in needs)
    prerequisite = next(n for n in needs if n.kind == "prerequisite")
    assert "Prerequisite for" in prerequisite.reason


def test_soft_skills_are_one_behavioural_topic_after_the_technical_ones() -> None:
    needs, _ = _plan("Kubernetes", "Excellent communication skills", "Strong teamwork", "Technical leadership")
    soft = [n for n in needs if n.kind == "behavioural"]
    assert len(soft) == 1 and soft[0].name == BEHAVIOURAL and len(soft[0].requirements) == 3
    kinds = [n.kind for n in needs]
    assert kinds.index("behavioural") > kinds.index("skill")


def test_a_need_in_the_postings_own_words_gets_a_topic() -> None:
    needs, _ = _plan("Experience with regulatory reporting")
    need = next(n for n in needs if n.requirements == ["req-regulatory-reporting"])
    assert need.kind == "need" and need.skill is None and need.name == "regulatory reporting"
