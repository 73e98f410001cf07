"""Readiness counts a group of alternatives once, at its best member's credit; members keep their own status."""

from __future__ import annotations

from mulakat.assessment.readiness import counted, score_readiness
from tests.support.core import analyse

RESUME = (
    "# Sam Candidate\n\n## Experience\n\n### Backend Engineer, Example Co (2019 - 2025)\n\n"
    "- Built billing services in Python and PostgreSQL.\n"
)


def _job(*lines: str) -> str:
    return "# Engineer\n\n## Requirements\n\n" + "".join(f"- {line}\n" for line in lines)


def test_members_keep_their_status_and_the_group_counts_once() -> None:
    _, _, skills, reqs, results = analyse(RESUME, _job("3 years with PHP, Python or Go", "MariaDB or PostgreSQL"))
    assert {r.id: (r.status, r.group) for r in results} == {
        "req-php": ("missing", "alt-php-python-go"),
        "req-python": ("met", "alt-php-python-go"),
        "req-go": ("missing", "alt-php-python-go"),
        "req-mariadb": ("missing", "alt-mariadb-postgresql"),
        "req-postgresql": ("met", "alt-mariadb-postgresql"),
    }
    assert sorted(r.id for r in counted(results)) == ["req-postgresql", "req-python"]
    readiness = score_readiness(results, reqs, skills, this_year=2026)
    parts = {c.name: c for c in readiness.components}
    assert parts["must_have"].value == 1.0
    assert parts["must_have"].explanation.startswith("2 of 2 must-have requirements met")
    # Years asked of the group apply to the group: Python's 6 years meet it, no 0/3 for PHP or Go.
    assert parts["depth"].value == 1.0
    assert parts["depth"].explanation == "Years shown against years asked: PHP/Python/Go 6/3y."


def test_a_group_scores_as_one_requirement_held() -> None:
    alone = analyse(RESUME, _job("3 years with Python", "PostgreSQL"))
    grouped = analyse(RESUME, _job("3 years with PHP, Python or Go", "MariaDB or PostgreSQL"))
    scores = [score_readiness(res, reqs, sk, this_year=2026).score for _, _, sk, reqs, res in (alone, grouped)]
    assert scores[0] == scores[1]


def test_counting_does_not_depend_on_the_order_of_results() -> None:
    _, _, _, _, results = analyse(RESUME, _job("MariaDB or PostgreSQL", "Kafka or RabbitMQ"))
    assert sorted(r.id for r in counted(results)) == sorted(r.id for r in counted(results[::-1]))
