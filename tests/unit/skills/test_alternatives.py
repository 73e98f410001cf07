"""Alternatives ("PHP, Python or Go") form one group of requirements; umbrellas with examples stay one."""

from __future__ import annotations

import pytest

from mulakat.documents.reader import read_document
from mulakat.skills.requirements import extract_requirements
from mulakat.skills.taxonomy import load_taxonomy

TAX = load_taxonomy()


def groups(line: str) -> dict[str, str | None]:
    doc = read_document("job", "j.txt", f"Requirements\n- {line}\n".encode())
    return {r.skill: r.group for r in extract_requirements(doc, TAX)}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("MariaDB or PostgreSQL", {"mariadb": "alt-mariadb-postgresql", "postgresql": "alt-mariadb-postgresql"}),
        ("PHP, Python or Go", dict.fromkeys(["php", "python", "go"], "alt-php-python-go")),
        ("One of Java, Kotlin", dict.fromkeys(["java", "kotlin"], "alt-java-kotlin")),
        ("Design tools such as Figma, Sketch", dict.fromkeys(["figma", "sketch"], "alt-figma-sketch")),
        ("Jenkins or a similar tool", {"jenkins": "alt-jenkins"}),
        (
            "Terraform or another infrastructure-as-code tool",
            dict.fromkeys(["terraform", "infrastructure-as-code"], "alt-terraform-infrastructure-as-code"),
        ),
        ("Docker and Python or Go", {"docker": None, "python": "alt-python-go", "go": "alt-python-go"}),
        ("Python, Docker and Kubernetes", {"python": None, "docker": None, "kubernetes": None}),
        ("Experience with AWS (EC2, S3)", {"aws": None}),  # an umbrella with examples: one requirement, as before
    ],
)
def test_alternatives_share_a_group(line: str, expected: dict[str, str | None]) -> None:
    assert groups(line) == expected


def test_years_asked_of_a_group_are_on_each_member() -> None:
    doc = read_document("job", "j.txt", b"Requirements\n- 3 years with PHP, Python or Go\n")
    reqs = extract_requirements(doc, TAX)
    assert [(r.id, r.min_years, r.group) for r in reqs] == [
        ("req-php", 3.0, "alt-php-python-go"),
        ("req-python", 3.0, "alt-php-python-go"),
        ("req-go", 3.0, "alt-php-python-go"),
    ]


def test_a_skill_asked_alone_elsewhere_is_its_own_requirement() -> None:
    text = "Requirements\n- Strong Python skills\n- MySQL or PostgreSQL\n\nNice to have\n- Python or Go\n"
    reqs = {r.skill: r.group for r in extract_requirements(read_document("job", "j.txt", text.encode()), TAX)}
    assert reqs == {
        "python": None,
        "mysql": "alt-mysql-postgresql",
        "postgresql": "alt-mysql-postgresql",
        "go": "alt-python-go",
    }
