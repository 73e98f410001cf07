"""Matching credits what the resume's work implies and the years a line states, each with a quote that verifies."""

from datetime import date

from mulakat.assessment.matching import IMPLIED_CREDIT, LISTED_ONLY_CREDIT, LISTED_ONLY_YEARS_CREDIT, match_requirement
from mulakat.documents.reader import read_document
from mulakat.models import RequirementResult
from mulakat.skills.requirements import extract_requirements
from mulakat.skills.resume_skills import extract_resume_skills
from mulakat.skills.taxonomy import load_taxonomy

TAX = load_taxonomy()


def judge(resume: str, requirement: str) -> RequirementResult:
    r = read_document("resume", "cv.md", resume.encode())
    j = read_document("job", "job.md", f"# Engineer\n\n## Requirements\n\n- {requirement}\n".encode())
    skills = {s.skill: s for s in extract_resume_skills(r, TAX, today=date(2026, 6, 1))}
    (req,) = extract_requirements(j, TAX)
    result = match_requirement(req, skills, r, TAX)
    texts = {"resume": r.text, "job": j.text}
    assert all(texts[e.source][e.start : e.end] == e.quote for e in result.evidence)
    return result


def cv(bullets: str, role: str = "2020 - 2026", head: str = "", skills: str = "") -> str:
    listed = f"\n## Skills\n\n{skills}\n" if skills else ""
    return f"# Sam\n{head}\n## Experience\n\n### Engineer, Acme ({role})\n\n- {bullets}\n{listed}"


def test_six_years_of_java_show_object_oriented_programming() -> None:
    result = judge(cv("Built payment services in Java."), "Solid object-oriented programming skills")
    assert result.status == "met" and result.credit == IMPLIED_CREDIT < 1.0
    assert "shown by 6 years of Java" in result.reason
    assert result.evidence[1].quote == "Built payment services in Java."
    # Stated outright, the same requirement gets full credit.
    assert judge(cv("Applied object-oriented design to the domain model."), "Object-oriented programming").credit == 1.0


def test_implied_skills_still_need_the_years_asked() -> None:
    result = judge(cv("Built services in C#.", role="2024 - 2026"), "5+ years of object-oriented programming")
    assert result.status == "partial" and result.credit < IMPLIED_CREDIT and "5+ years" in result.reason


def test_mysql_shows_sql_and_spring_security_shows_authentication() -> None:
    sql = judge(cv("Kept the orders database in MySQL."), "Strong SQL skills")
    assert sql.status == "met" and "MySQL is built on SQL" in sql.reason
    auth = judge(cv("Secured the admin API with Spring Security."), "Experience with OAuth")
    assert auth.status == "met" and "Spring Security" in auth.reason


def test_summary_years_meet_the_years_asked_and_are_quoted() -> None:
    head = "\n## Summary\n\n8 years of professional experience in Python.\n"
    result = judge(cv("Built billing services in Python.", role="2024 - 2026", head=head), "5+ years of Python")
    assert result.status == "met" and result.credit == 1.0 and "8 years, as the summary states" in result.reason
    assert result.evidence[1].quote == "8 years of professional experience in Python."


def test_work_that_shows_a_listed_skill_gives_it_years() -> None:
    result = judge(cv("Tuned PostgreSQL queries.", skills="SQL"), "3+ years of SQL")
    assert result.status == "met" and "counting the work with PostgreSQL" in result.reason


def test_a_skill_only_listed_still_counts_with_less_confidence() -> None:
    result = judge(cv("Kept the release process running.", skills="Terraform"), "3+ years of Terraform")
    assert result.status == "partial" and result.credit == LISTED_ONLY_YEARS_CREDIT


def test_a_skill_only_listed_is_partly_shown_and_one_in_use_is_met() -> None:
    # The recruiter guidelines: "only listed with no use shown" is partial evidence.
    listed = judge(cv("Kept the release process running.", skills="Terraform"), "Terraform")
    assert listed.status == "partial" and listed.credit == LISTED_ONLY_CREDIT and "no role or project" in listed.reason
    used = judge(cv("Wrote the Terraform modules for every environment.", skills="Terraform"), "Terraform")
    assert used.status == "met" and used.credit == 1.0


def test_an_implied_skill_lends_no_further_credit() -> None:
    # Helm work shows Kubernetes, but Kubernetes known only that way is no basis for partial credit for EKS.
    result = judge(cv("Packaged every service as a Helm chart."), "Experience with Amazon EKS")
    assert result.status == "missing"


def test_subversion_is_a_sibling_of_git_not_git() -> None:
    """SVN on the resume is related evidence for a Git requirement, partial at most (it was once an alias)."""
    result = judge(cv("Kept the release branches in SVN"), "Git")
    assert result.status == "partial"
    assert "Subversion" in result.reason
