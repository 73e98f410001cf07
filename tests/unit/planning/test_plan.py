"""The plan studies a group of alternatives once: not at all when one member is met."""

from __future__ import annotations

from mulakat.planning.plan import plan_needs
from tests.support.core import TAX, analyse

RESUME = "# Sam\n\n## Experience\n\n### Engineer, Example Co (2019 - 2025)\n\n- Built services in Python.\n"


def _needs(job_line: str) -> list[str]:
    _, _, skills, reqs, results = analyse(RESUME, f"# Engineer\n\n## Requirements\n\n- {job_line}\n")
    asked = {r.skill for r in reqs}  # prerequisites aside
    return [n.skill for n in plan_needs(results, {r.id: r.skill for r in reqs}, skills, TAX) if n.skill in asked]


def test_a_met_group_needs_no_study() -> None:
    assert _needs("PHP, Python or Go") == []


def test_an_unmet_group_is_one_topic() -> None:
    assert _needs("MariaDB or PostgreSQL") == ["mariadb"]
