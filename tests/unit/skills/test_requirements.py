"""Requirements from everything a posting says it needs: taxonomy skills and the taggers' phrases, with mentions."""

from __future__ import annotations

from datetime import date

import pytest

from mulakat.assessment.matching import match_requirement
from mulakat.assessment.readiness import score_readiness
from mulakat.documents.reader import read_document
from mulakat.models import JobRequirement, ParsedDocument
from mulakat.skills.requirements import cleaned_phrase, extract_requirements, free_kind, names_a_need
from mulakat.skills.resume_skills import extract_resume_skills
from mulakat.skills.tagger import load_tagger
from mulakat.skills.taxonomy import load_taxonomy
from tests.support.taggers import PhraseTagger

TAX = load_taxonomy()


def job(text: str) -> ParsedDocument:
    return read_document("job", "job.txt", text.encode())


def by_name(reqs: list[JobRequirement]) -> dict[str, JobRequirement]:
    return {r.name: r for r in reqs}


POSTING = (
    "Backend Engineer\n\n"
    "What you'll do\n"
    "- Build payment services with JAXB and Kafka\n"
    "- Own ledger reconciliation jobs\n"
    "Who you are\n"
    "- Excellent stakeholder communication\n"
    "- 3+ years with Java\n"
    "What we offer\n"
    "- Kafka training budget and JAXB conference tickets\n"
)


def test_a_tagged_phrase_outside_the_taxonomy_is_a_requirement_with_a_verifiable_mention() -> None:
    doc = job(POSTING)
    tagger = PhraseTagger({"JAXB": 0.9, "ledger reconciliation": 0.8, "stakeholder communication": 0.9, "Kafka": 0.9})
    reqs = by_name(extract_requirements(doc, TAX, tagger))
    jaxb = reqs["JAXB"]
    assert jaxb.skill is None
    assert jaxb.id == "req-jaxb"
    assert jaxb.kind == "technical"
    assert jaxb.mention is not None
    assert doc.text[jaxb.mention.start : jaxb.mention.end] == jaxb.mention.quote == "JAXB"
    # The offer's line names JAXB too, but states no need: one mention, from the responsibilities.
    assert [m.quote for m in jaxb.mentions] == ["JAXB"]
    assert jaxb.mentions[0].start < doc.text.index("What we offer")
    assert reqs["Apache Kafka"].skill == "kafka"  # known names stay canonical
    assert reqs["Java"].min_years == 3


def test_every_mention_of_every_requirement_quotes_the_parsed_posting() -> None:
    doc = job(POSTING)
    reqs = extract_requirements(doc, TAX, PhraseTagger({"JAXB": 0.9, "stakeholder communication": 0.9}))
    assert reqs
    for req in reqs:
        assert req.mention is not None and req.mention in req.mentions
        for m in req.mentions:
            assert doc.text[m.start : m.end] == m.quote


def test_the_title_line_names_the_role_not_a_requirement() -> None:
    reqs = by_name(extract_requirements(job("Senior Data Engineer\n\nRequirements\n- SQL\n"), TAX, None))
    assert set(reqs) == {"SQL"}


def test_phrases_the_taggers_are_unsure_of_are_left_out() -> None:
    doc = job(POSTING)
    sure = by_name(extract_requirements(doc, TAX, PhraseTagger({"ledger reconciliation": 0.9})))
    unsure = by_name(extract_requirements(doc, TAX, PhraseTagger({"ledger reconciliation": 0.2})))
    assert "ledger reconciliation" in sure
    assert "ledger reconciliation" not in unsure


def test_known_skills_the_taggers_pass_over_count_only_under_a_requirements_heading() -> None:
    text = "Engineer\n\nAbout us\nOur product team ships Python services daily.\n\nRequirements\n- Go\n"
    reqs = by_name(extract_requirements(job(text), TAX, PhraseTagger({"product team": 0.9})))
    assert "Go" in reqs
    assert "Python" not in reqs


def test_repeated_mentions_merge_under_the_strongest_statement() -> None:
    text = "Engineer\n\nAbout the role\nYou will write Rust.\n\nRequirements\n- 2+ years of Rust experience\n"
    reqs = extract_requirements(job(text), TAX, None)
    rust = by_name(reqs)["Rust"]
    assert len([r for r in reqs if r.skill == "rust"]) == 1
    assert [m.quote for m in rust.mentions] == ["Rust", "Rust"]
    assert rust.min_years == 2
    assert rust.evidence.quote == "2+ years of Rust experience"


@pytest.mark.parametrize(
    ("phrase", "layer", "kind"),
    [
        ("Independent self-motivating", "skill", "soft"),
        ("University degree", "knowledge", "qualification"),
        ("fluent German", "knowledge", "qualification"),
        ("JAXB", "knowledge", "technical"),
        ("deployment scripts", "skill", "technical"),
        ("clinical trial management", "knowledge", "domain"),
    ],
)
def test_kind_of_a_phrase_outside_the_taxonomy(phrase: str, layer: str, kind: str) -> None:
    assert free_kind(phrase, layer) == kind


def test_phrases_are_cleaned_and_empty_ones_dropped() -> None:
    assert cleaned_phrase("strong knowledge of  Kafka Streams,") == "Kafka Streams"
    assert not names_a_need("Technical skills")
    assert names_a_need("JAXB")


RESUME = (
    "Jane Doe\n\nExperience\nBackend developer, Acme (2019 - 2025)\n"
    "- Built XML bindings with JAXB for invoicing\n- Java and Spring services\n"
)


def test_a_phrase_outside_the_taxonomy_is_met_by_the_same_phrase_on_the_resume_with_a_quote() -> None:
    resume = read_document("resume", "cv.txt", RESUME.encode())
    skills = {s.skill: s for s in extract_resume_skills(resume, TAX, date(2026, 6, 1))}
    reqs = by_name(extract_requirements(job(POSTING), TAX, PhraseTagger({"JAXB": 0.9, "ledger reconciliation": 0.9})))
    met = match_requirement(reqs["JAXB"], skills, resume, TAX)
    assert met.status == "met"
    quoted = met.evidence[-1]
    assert quoted.source == "resume" and "JAXB" in quoted.quote
    assert resume.text[quoted.start : quoted.end] == quoted.quote
    missing = match_requirement(reqs["ledger reconciliation"], skills, resume, TAX)
    assert missing.status == "missing" and missing.credit == 0
    assert [e.source for e in missing.evidence] == ["job"]  # no quote, no credit


def test_soft_skills_weigh_apart_and_phrases_weigh_half() -> None:
    resume = read_document("resume", "cv.txt", RESUME.encode())
    skills = {s.skill: s for s in extract_resume_skills(resume, TAX, date(2026, 6, 1))}
    tagger = PhraseTagger({"JAXB": 0.9, "ledger reconciliation": 0.9, "stakeholder communication": 0.9})
    reqs = extract_requirements(job(POSTING), TAX, tagger)
    results = [match_requirement(r, skills, resume, TAX) for r in reqs]
    parts = {c.name: c for c in score_readiness(results, reqs, skills, this_year=2026).components}
    soft = [r for r in results if r.kind == "soft"]
    assert soft and parts["soft_skills"].weight > 0
    assert f"of {len(soft)} soft skills" in parts["soft_skills"].explanation
    hard = [r for r in results if r.kind != "soft" and r.priority == "must"]
    assert parts["must_have"].explanation.split(" must-have")[0].endswith(f"of {len(hard)}")
    free = {r.id for r in reqs if r.skill is None}
    weights = [0.5 if r.id in free else 1.0 for r in hard]
    expected = sum(w * r.credit for w, r in zip(weights, hard, strict=True)) / sum(weights)
    assert parts["must_have"].value == pytest.approx(expected, abs=1e-4)
    assert "weigh half" in parts["must_have"].explanation


@pytest.mark.skipif(load_tagger() is None, reason="the tagger models are not shipped in this checkout")
def test_the_shipped_taggers_find_needs_the_taxonomy_has_no_name_for() -> None:
    text = (
        "Java Developer\n\nRequirements\n- Java EE, EJB, JTA and JAXB\n"
        "- Ability to manage multiple tasks and meet deadlines\n"
    )
    reqs = extract_requirements(job(text), TAX, load_tagger())
    assert "jakarta-ee" in {r.skill for r in reqs}
    assert any(r.skill is None for r in reqs)
