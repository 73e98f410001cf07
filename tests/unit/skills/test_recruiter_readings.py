"""Readings a recruiter makes that a keyword lookup misses: tag-style names, listing fields, the job's stack in a
"we are working with" sentence, example lines, examples of a need in the posting's own words, and an offer that
opens on the same line as a need."""

from __future__ import annotations

from datetime import date

from mulakat.assessment.matching import SOFT_SHOWN_AT, SemanticHit, match_requirement, semantic_floor
from mulakat.documents.reader import read_document
from mulakat.models import JobRequirement, ParsedDocument
from mulakat.skills.requirements import extract_requirements
from mulakat.skills.resume_skills import extract_resume_skills
from mulakat.skills.taxonomy import load_taxonomy
from tests.support.taggers import PhraseTagger

TAX = load_taxonomy()


def job(text: str) -> ParsedDocument:
    return read_document("job", "job.txt", text.encode())


def by_name(reqs: list[JobRequirement]) -> dict[str, JobRequirement]:
    return {r.name: r for r in reqs}


def test_tag_style_names_with_hyphens_link_to_their_skill() -> None:
    found = {m.skill for m in TAX.find("Technologies: amazon-web-services google-cloud-platform")}
    assert found == {"aws", "gcp"}
    # A hyphen inside a real name is not dropped: "e-mail" does not become a skill.
    assert not list(TAX.find("Answer every e-mail within a day"))


def test_a_listing_field_about_the_employer_states_no_need() -> None:
    text = "Backend Engineer\nIndustry:\nAgile Software Development Banking\nRequirements\n- Python and Docker\n"
    names = {r.skill for r in extract_requirements(job(text), TAX)}
    assert names == {"python", "docker"}  # Agile is the employer's industry here, not a need


def test_the_jobs_stack_named_in_a_we_are_working_with_sentence_is_required() -> None:
    text = (
        "Senior Engineer\nAbout us\n"
        "We are working with the latest tools, building a cloud service using mainly C#, Python and PostgreSQL.\n"
        "We are a leading company in Kafka consulting.\n"
    )
    skills = {r.skill for r in extract_requirements(job(text), TAX)}
    assert {"csharp", "python", "postgresql"} <= skills
    assert "kafka" not in skills  # the company line still states no need


def test_an_example_line_makes_one_need_with_its_examples() -> None:
    text = (
        "Performance Engineer\nNice to have\n"
        "Log analysis: e.g. ELK, Splunk\n"
        "End-to-end tracing: e.g. Dynatrace, AppDynamics\n"
    )
    reqs = by_name(extract_requirements(job(text), TAX))
    assert set(reqs) == {"Log analysis", "End-to-end tracing"}
    logs = reqs["Log analysis"]
    assert [m.quote for m in logs.mentions] == ["Log analysis", "ELK", "Splunk"]
    assert set(logs.examples) == {"elasticsearch", "splunk"}
    tracing = reqs["End-to-end tracing"]
    assert tracing.skill is None and tracing.mention is not None and tracing.mention.quote == "End-to-end tracing"
    assert set(tracing.examples) == {"dynatrace", "appdynamics"}


def test_a_known_example_of_a_need_in_own_words_shows_it_on_the_resume() -> None:
    text = "Data Engineer\nRequirements\n- Experience in working with big data tools ( ETL processes etc. )\n"
    (req,) = extract_requirements(job(text), TAX, PhraseTagger({"big data tools": 0.9}))
    assert req.skill is None and req.name == "big data tools" and req.examples == ["etl"]
    resume = read_document(
        "resume", "cv.md", b"# Sam\n\n## Experience\n\n### Engineer, Acme (2019 - 2026)\n\n- Built ETL loads.\n"
    )
    skills = {s.skill: s for s in extract_resume_skills(resume, TAX, today=date(2026, 6, 1))}
    result = match_requirement(req, skills, resume, TAX)
    assert result.status == "met" and "example of" in result.reason
    assert any(e.source == "resume" and e.quote == "Built ETL loads." for e in result.evidence)


def test_an_offer_opening_after_a_need_on_its_line_does_not_hide_it() -> None:
    text = "Engineer\n- Advantage: Experience with Terraform Job benefits:\n- Health insurance\n"
    reqs = extract_requirements(job(text), TAX)
    assert [(r.skill, r.priority) for r in reqs] == [("terraform", "nice")]


def test_a_soft_skill_is_read_from_the_work_described_and_a_technical_need_is_not() -> None:
    text = "Engineer\nRequirements\n- You are service minded\n- Experience with ledger reconciliation\n"
    tagger = PhraseTagger({"service minded": 0.9, "ledger reconciliation": 0.9})
    soft, technical = sorted(extract_requirements(job(text), TAX, tagger), key=lambda r: r.kind != "soft")
    assert soft.kind == "soft" and technical.kind != "soft"
    assert semantic_floor(soft) == SOFT_SHOWN_AT < semantic_floor(technical)
    resume = read_document(
        "resume",
        "cv.md",
        b"# Sam\n\n## Experience\n\n### Support lead, Acme (2019 - 2026)\n\n- Kept customers happy.\n",
    )
    passage = resume.text.index("Kept customers happy.")
    close = SemanticHit(0.35, passage, passage + len("Kept customers happy."))
    shown = match_requirement(soft, {}, resume, TAX, semantic=close)
    assert shown.status == "met" and "soft skill" in shown.reason
    assert shown.evidence[-1].quote == "Kept customers happy."
    # With no passage close enough, the soft need stays missing.
    assert match_requirement(soft, {}, resume, TAX).status == "missing"


def test_a_role_line_that_describes_the_work_still_states_needs() -> None:
    text = "Engineer\nRole: build payment services in Python\nRole:\nDatabase Administrator\n"
    assert {r.skill for r in extract_requirements(job(text), TAX)} == {"python"}
