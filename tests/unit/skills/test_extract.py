"""`mulakat extract`: the contract, offsets, sections, roles and the skill tagger."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from mulakat.cli.app import app
from mulakat.documents.reader import guess_kind, read_document
from mulakat.documents.sections import find_sections
from mulakat.skills.extract_report import extract
from mulakat.skills.requirements import extract_requirements
from mulakat.skills.resume_skills import extract_resume_skills
from mulakat.skills.signals import find_roles
from mulakat.skills.tagger import load_tagger, tokenize
from mulakat.skills.taxonomy import load_taxonomy
from tests.support.paths import SAMPLES

TAX = load_taxonomy()


def run_extract(*args: str, stdin: bytes | None = None) -> dict[str, object]:
    result = CliRunner().invoke(app, ["extract", *args, "--json"], input=stdin)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_contract_and_offsets_from_a_file() -> None:
    out = run_extract(str(SAMPLES / "job.md"), "--kind", "job")
    assert set(out) >= {"text", "sections", "skills", "requirements", "quality"}
    text = out["text"]
    assert isinstance(text, str)
    for skill in out["skills"]:  # type: ignore[attr-defined]
        assert text[skill["start"] : skill["end"]] == skill["surface"]
        assert skill["section"] in {s["name"] for s in out["sections"]}  # type: ignore[attr-defined]
    # A known skill is a span's name, or inside a longer span ("Docker and container-based deployment").
    names = {n for s in out["skills"] for n in (s["name"], *s["contains"])}  # type: ignore[attr-defined]
    assert {"Python", "Kubernetes", "Docker", "Apache Kafka"} <= names
    for req in out["requirements"]:  # type: ignore[attr-defined]
        ev = req["evidence"]
        assert text[ev["start"] : ev["end"]] == ev["quote"]


def test_stdin_and_kind_guess() -> None:
    pasted = b"Requirements\n- 3+ years of Go\n- k8s\n\nWhat we offer\n- a desk\n"
    out = run_extract("-", stdin=pasted)
    assert out["kind"] == "job"
    assert [r["name"] for r in out["requirements"]] == ["Go", "Kubernetes"]  # type: ignore[index]
    assert out["requirements"][0]["min_years"] == 3  # type: ignore[index]


def test_bad_input_exits_with_a_message() -> None:
    result = CliRunner().invoke(app, ["extract", "-", "--json"], input=b"")
    assert result.exit_code == 2 and "empty" in result.output


def test_guess_kind_on_the_samples() -> None:
    assert guess_kind((SAMPLES / "resume.md").read_text()) == "resume"
    assert guess_kind((SAMPLES / "job.md").read_text()) == "job"


@pytest.mark.parametrize(
    ("line", "section"),
    [
        ("W O R K  E X P E R I E N C E", "experience"),
        ("Hard Skills:", "skills"),
        ("Experience and participated projects:", "experience"),
        ("EDUCATION", "education"),
        ("## Certifications", "certifications"),
        ("Projects", "projects"),
    ],
)
def test_resume_headings(line: str, section: str) -> None:
    text = f"Jane Doe\n{line}\nsome text here\n"
    assert [s.name for s in find_sections(text, "resume")] == ["header", section]


def test_sentences_are_not_headings() -> None:
    text = "Summary\nExperience with Docker\nSkills and tools we love\n"
    assert [s.name for s in find_sections(text, "resume")] == ["summary"]


@pytest.mark.parametrize(
    "line",
    [
        "Jan 2019 – Mar 2021 Engineer, Acme",
        "2019 - 2021 Engineer, Acme",
        "2019 march - 2021 may: Engineer, Acme",
        "03/2019 to 05/2021 Engineer, Acme",
        "Apr 2019Jun 2021 Engineer, Acme",
    ],
)
def test_date_range_formats(line: str) -> None:
    doc = read_document("resume", "cv.txt", f"Experience\n{line}\n- Python services\n".encode())
    roles = find_roles(doc, today=date(2026, 1, 1))
    assert [(r.first_year, r.last_year) for r in roles] == [(2019, 2021)]
    assert extract_resume_skills(doc, TAX, today=date(2026, 1, 1))[0].years == 2


def test_present_counts_to_this_year() -> None:
    doc = read_document("resume", "cv.txt", b"Experience\nFeb. 2022 - Present: Engineer\n- Rust services\n")
    (skill,) = extract_resume_skills(doc, TAX, today=date(2026, 6, 1))
    assert (skill.skill, skill.years, skill.last_used) == ("rust", 4, 2026)


def test_priority_from_section_and_wording() -> None:
    text = "Requirements\n- Python required\n- Docker is a bonus\n- Rust preferred\n\nNice to have\n- Kafka\n"
    reqs = {r.skill: r.priority for r in extract_requirements(read_document("job", "j.txt", text.encode()), TAX)}
    assert reqs == {"python": "must", "docker": "nice", "rust": "nice", "kafka": "nice"}


def test_umbrella_with_examples_is_one_requirement() -> None:
    text = "Requirements\n- Experience with AWS (S3, Lambda functions)\n"
    reqs = extract_requirements(read_document("job", "j.txt", text.encode()), TAX)
    assert [r.skill for r in reqs] == ["aws"]


def test_tokenizer_keeps_technical_names_whole() -> None:
    words = [t.text for t in tokenize("(Node.js, C++ and CI/CD).")]
    assert words == ["(", "Node.js", ",", "C++", "and", "CI/CD", ")", "."]


def test_tagger_finds_abilities_the_taxonomy_does_not_name() -> None:
    tagger = load_tagger()
    assert tagger is not None, "the trained tagger ships in knowledge/models"
    doc = read_document("job", "j.txt", b"Responsibilities\nYou will design and implement scalable test automation .\n")
    result = extract(doc, TAX, tagger)
    abilities = [s for s in result.skills if s.layer == "skill"]
    assert abilities and abilities[0].source == "tagger"
    assert all(doc.text[s.start : s.end] == s.surface for s in result.skills)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("We invest in R&D and plan our Go-to-market launch for the spring season.", []),
        ("Spring is our busiest season and Swift delivery matters to every customer.", []),
        ("Backend services written in Go and Rust on PostgreSQL.", ["go", "rust", "postgresql"]),
        ("Statistical modelling in R for the research team.", ["statistics", "r"]),
        ("Go-based microservices", ["go", "microservices"]),
        ("Swift, Kotlin", ["swift", "kotlin"]),
    ],
)
def test_ambiguous_names_need_technical_context(sentence: str, expected: list[str]) -> None:
    assert [m.skill for m in TAX.find(sentence) if m.skill != "go-to-market"] == expected


def test_levels_seniority_education_and_roles() -> None:
    job = read_document(
        "job",
        "j.txt",
        b"Senior Data Engineer\n\nRequirements\n- Expert knowledge of SQL\n- Familiarity with Airflow\n"
        b"- BSc in Computer Science or a related field\n",
    )
    out = extract(job, TAX, None)
    assert out.seniority == "senior"
    assert {r.name: r.level for r in out.requirements} == {"SQL": "expert", "Apache Airflow": "familiar"}
    assert [d.level for d in out.education] == ["bachelor"]
    assert job.text[out.education[0].start : out.education[0].end] == out.education[0].quote
    resume = read_document("resume", "r.md", (SAMPLES / "resume.md").read_bytes())
    cv = extract(resume, TAX, None)
    assert [(r.title, r.employer) for r in cv.roles] == [
        ("Senior Backend Engineer", "Kervan Logistics"),
        ("Backend Developer", "Ada Fintech"),
    ]
    assert cv.seniority == "senior" and cv.education[0].level == "bachelor"


def test_a_role_dated_by_one_year() -> None:
    doc = read_document("resume", "cv.txt", b"Experience\n2018 Hillel IT school, PHP developer\n- Laravel sites\n")
    roles = find_roles(doc, today=date(2026, 1, 1))
    assert [(r.first_year, r.last_year) for r in roles] == [(2018, 2018)]
    assert {s.skill: s.last_used for s in extract_resume_skills(doc, TAX, today=date(2026, 1, 1))}["laravel"] == 2018
