"""The resume side: skills its work implies, years from roles of work that shows a skill, and years a line states."""

from datetime import date

from mulakat.documents.reader import read_document
from mulakat.models import CandidateSkill
from mulakat.skills.resume_skills import extract_resume_skills
from mulakat.skills.taxonomy import load_taxonomy

TAX = load_taxonomy()


def read(text: str) -> tuple[str, dict[str, CandidateSkill]]:
    doc = read_document("resume", "cv.md", text.encode())
    return doc.text, {s.skill: s for s in extract_resume_skills(doc, TAX, today=date(2026, 6, 1))}


def cv(summary: str = "", bullets: tuple[str, ...] = (), skills: str = "", role: str = "2019 - 2025") -> str:
    parts = ["# Sam Candidate\n"]
    if summary:
        parts.append(f"## Summary\n\n{summary}\n")
    if bullets:
        lines = "\n".join(f"- {b}" for b in bullets)
        parts.append(f"## Experience\n\n### Software Engineer, Example Co ({role})\n\n{lines}\n")
    if skills:
        parts.append(f"## Skills\n\n{skills}\n")
    return "\n".join(parts)


def test_java_work_implies_object_oriented_programming_with_its_years() -> None:
    text, skills = read(cv(bullets=("Built trading services in Java.",)))
    oop = skills["oop"]
    assert oop.implied and oop.implied_by == ["java"]
    assert (oop.years, oop.last_used) == (skills["java"].years, 2025) == (6, 2025)
    assert [m.surface for m in oop.mentions] == ["Java"]  # the evidence is the implying skill's
    assert all(text[m.start : m.end] == m.surface for m in oop.mentions)
    assert not skills["java"].implied


def test_a_database_shows_sql_and_spring_security_shows_authentication() -> None:
    _, skills = read(cv(bullets=("Stored orders in MySQL.", "Secured the admin API with Spring Security.")))
    assert skills["sql"].implied and skills["sql"].implied_by == ["mysql"] and skills["sql"].years == 6
    assert skills["auth"].implied and skills["auth"].implied_by == ["spring-security"]


def test_a_named_skill_counts_the_years_of_work_that_shows_it() -> None:
    resume = cv(bullets=("Tuned PostgreSQL queries.",), skills="SQL, Git")
    _, skills = read(resume)
    sql = skills["sql"]
    assert not sql.implied and sql.years == 6 and sql.implied_by == ["postgresql"]
    assert skills["git"].years is None and not skills["git"].implied_by  # only listed: no years, as before


def test_years_stated_in_a_summary() -> None:
    summary = (
        "8 years of professional experience in Python. 5+ years of experience with AWS. "
        "Over 10 years in software development. Senior Java developer with 7 years of experience."
    )
    text, skills = read(cv(summary=summary, bullets=("Built billing services in Python.",), role="2023 - 2025"))
    assert skills["python"].years == 8 and skills["python"].last_used == 2025  # the line beats 2 dated years
    assert skills["aws"].years == 5 and skills["java"].years == 7
    assert skills["programming"].years == 10  # total experience in software
    assert skills["oop"].years == 7 and skills["oop"].implied  # stated years carry through implication
    claim = skills["python"].years_claim
    assert claim is not None and claim.section == "summary" and text[claim.start : claim.end] == "Python"


def test_dated_roles_win_when_they_show_more() -> None:
    _, skills = read(cv(summary="Three years of Python.", bullets=("Built services in Python.",)))
    assert skills["python"].years == 6 and skills["python"].years_claim is None


def test_not_every_number_of_years_is_a_claim() -> None:
    summary = "Moved to Go 5 years ago. Python developer with 4 years of experience in Flask, and Docker (2 years)."
    _, skills = read(cv(summary=summary, bullets=("Wrote one Rust tool.",), skills="Kotlin"))
    assert skills["go"].years is None
    assert skills["flask"].years == 4 and skills["docker"].years == 2
    assert skills["python"].years == 4  # Flask work is Python work
    assert skills["kotlin"].years is None
    # Years inside a dated role are that role's, not a claim.
    _, skills = read(cv(bullets=("Led 12 years of legacy Perl scripts into Python.",), role="2024 - 2025"))
    assert skills["perl"].years == 1 and skills["python"].years == 1


def test_extract_lists_implied_skills_and_stated_years() -> None:
    from mulakat.skills.extract_report import extract

    text = cv(summary="8 years of professional experience in Python.", bullets=("Built services in Java.",))
    out = extract(read_document("resume", "cv.md", text.encode()), TAX, None, today=date(2026, 6, 1))
    assert [(s.name, s.implied_by, s.years) for s in out.implied] == [("Object-oriented programming", ["Java"], 6)]
    assert {s.name: s.years for s in out.skills} == {"Python": 8, "Java": 6}
    job = extract(read_document("job", "job.md", b"# Engineer\n\n## Requirements\n\n- Java\n"), TAX, None)
    assert job.implied == []
