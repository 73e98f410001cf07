"""Degree requirements read by level and field, as a recruiter reads them."""

from __future__ import annotations

from datetime import date

import pytest

from mulakat.assessment.matching import match_requirement
from mulakat.documents.reader import read_document
from mulakat.models import ParsedDocument
from mulakat.skills.degrees import degree_asked, degrees_held, judge_degree
from mulakat.skills.requirements import extract_requirements
from mulakat.skills.resume_skills import extract_resume_skills
from mulakat.skills.tagger import load_tagger
from mulakat.skills.taxonomy import load_taxonomy

TAX = load_taxonomy()


def resume(education: str) -> ParsedDocument:
    experience = "## Experience\n\n### Engineer, Acme (2018 - 2026)\n\n- Ran the release train.\n"
    text = f"# Sam\n\n{experience}\n## Education\n\n{education}\n"
    return read_document("resume", "cv.md", text.encode())


@pytest.mark.parametrize(
    ("asked", "education", "status"),
    [
        ("BSc/MSc in CS/Engineering or other relevant field", "Done B.E. in Mechanical, 2012", "met"),
        ("BSc/MSc in CS/Engineering or other relevant field", "B-tech in Electronics and Telecommunication", "met"),
        ("BSc/MSc in CS/Engineering or other relevant field", "B.Sc. in Physics", "met"),  # relevant field
        ("a degree in computer science", 'Bachelor in "Instrumentation and Control Engineering"', "partial"),
        ("a degree in computer science", "Bachelor of Commerce", "missing"),
        ("a degree in computer science", "M.S. in Computer Engineering", "met"),
        ("Master's degree in Computer Science", "BSc in Computer Science", "partial"),  # below the level asked
        ("Bachelor's degree", "Bachelor of Arts in History", "met"),  # no field named
        ("Bachelor's degree", "Worked with MS SQL Server and BE-ready tools", "missing"),  # no degree at all
    ],
)
def test_a_degree_is_judged_by_level_and_field(asked: str, education: str, status: str) -> None:
    wanted = degree_asked(asked)
    assert wanted is not None
    assert judge_degree(wanted, degrees_held(resume(education)))[0] == status


def test_a_line_without_a_degree_asks_none() -> None:
    assert degree_asked("5+ years of experience in Java") is None


def test_the_analysis_quotes_the_degree_line_for_a_degree_requirement() -> None:
    job = read_document(
        "job", "job.md", b"# Engineer\n\n## Requirements\n\n- BSc in Computer Science or related field\n"
    )
    cv = resume("B.Tech in Information Technology, 2014")
    (req,) = extract_requirements(job, TAX, load_tagger())
    assert req.kind == "qualification"
    skills = {s.skill: s for s in extract_resume_skills(cv, TAX, today=date(2026, 6, 1))}
    result = match_requirement(req, skills, cv, TAX)
    assert result.status == "met"
    assert [e.quote for e in result.evidence if e.source == "resume"] == ["B.Tech in Information Technology, 2014"]
