"""Match each job requirement against the candidate's skills, with credit and a reason a person can check."""

from __future__ import annotations

from dataclasses import dataclass

from mulakat.models import CandidateSkill, Evidence, JobRequirement, ParsedDocument, RequirementResult, Status
from mulakat.skills.signals import clause_span
from mulakat.skills.taxonomy import Taxonomy

# Credit by kind of match. A related skill transfers some knowledge, never all of it.
CHILD_CREDIT = 0.9  # resume shows GitHub Actions, posting asks for CI/CD
PARENT_CREDIT = 0.5  # resume shows Kubernetes, posting asks for EKS
BUILT_ON_CREDIT = 0.9  # resume shows PostgreSQL or Django work, posting asks for SQL or Python
BUILT_ON_ELSEWHERE_CREDIT = 0.5  # React Native (mobile) exercises React, but not its web side
RELATED_CREDIT = 0.35  # resume shows Docker, posting asks for Kubernetes
SEMANTIC_CREDIT = 0.25  # no taxonomy link, but a resume passage is about the same thing
LISTED_ONLY_YEARS_CREDIT = 0.6  # years asked, skill only listed without a dated role
MET_AT = 0.9


@dataclass(frozen=True)
class SemanticHit:
    """A resume passage that the vector store found close to a requirement."""

    similarity: float
    start: int
    end: int


def status_for(credit: float) -> Status:
    return "met" if credit >= MET_AT else "partial" if credit > 0 else "missing"


def _resume_evidence(resume: ParsedDocument, skill: CandidateSkill, limit: int = 2) -> list[Evidence]:
    # Prefer mentions in Experience: they carry dates and context; a Skills list is a claim.
    ranked = sorted(skill.mentions, key=lambda m: (m.section != "experience", m.start))
    spans = dict.fromkeys(clause_span(resume.text, m.start, m.end) for m in ranked)  # dedupe, keep order
    return [resume.evidence(start, end) for start, end in list(spans)[:limit]]


def _years_note(skill: CandidateSkill) -> str:
    return f"{skill.years:g} years" if skill.years is not None else "no dated role"


def match_requirement(
    req: JobRequirement,
    skills: dict[str, CandidateSkill],
    resume: ParsedDocument,
    taxonomy: Taxonomy,
    semantic: SemanticHit | None = None,
) -> RequirementResult:
    """Grade one requirement: exact/alias, child, parent, related, then semantic evidence."""
    wanted = taxonomy[req.skill]
    evidence: list[Evidence] = [req.evidence]
    credit, reason = 0.0, f"No mention of {wanted.name} or a related skill was found in the resume."

    held = skills.get(req.skill)
    children = [s for sid, s in skills.items() if req.skill in taxonomy.ancestors(sid) and not taxonomy[sid].umbrella]
    parents = [skills[p] for p in taxonomy.ancestors(req.skill) if p in skills and not taxonomy[p].umbrella]
    # Working with a skill shows the one it is built on (its prerequisite), as far as the dated work goes.
    built_on = [
        s for sid, s in skills.items() if req.skill in taxonomy.prerequisites(sid) and not taxonomy[sid].umbrella
    ]
    related = [
        skills[r]
        for r in (*wanted.related, *(sid for sid in skills if req.skill in taxonomy[sid].related))
        if r in skills and not taxonomy[r].umbrella
    ]

    if held is not None and not (wanted.umbrella and children):
        credit, reason = 1.0, f"The resume shows {wanted.name} ({_years_note(held)})."
        evidence += _resume_evidence(resume, held)
        if req.min_years:
            if held.years is None:
                credit = LISTED_ONLY_YEARS_CREDIT
                reason = (
                    f"{req.min_years:g}+ years of {wanted.name} asked; the resume lists it but no dated role "
                    "mentions it, so the years cannot be checked."
                )
            elif held.years < req.min_years:
                credit = round(max(0.5, held.years / req.min_years), 2)
                reason = f"{req.min_years:g}+ years of {wanted.name} asked; the resume shows {held.years:g}."
    elif children:
        best = max(children, key=lambda s: s.years or 0)
        credit = 1.0 if wanted.umbrella else CHILD_CREDIT
        reason = f"{best.name} on the resume is a kind of {wanted.name}."
        if req.min_years and (best.years or 0) < req.min_years:
            credit = round(credit * max(0.5, (best.years or 0) / req.min_years), 2)
            reason += f" {req.min_years:g}+ years asked; the resume shows {_years_note(best)} of {best.name}."
        evidence += _resume_evidence(resume, best)
    elif built_on:
        best = max(built_on, key=lambda s: s.years or 0)
        # A language is fully exercised by what is built on it; a skill of another kind only partly.
        full = wanted.category == "language" or taxonomy[best.skill].category == wanted.category
        credit = BUILT_ON_CREDIT if full else BUILT_ON_ELSEWHERE_CREDIT
        reason = (
            f"{best.name} on the resume is built on {wanted.name}, so the work shows it."
            if full
            else f"{best.name} on the resume is built on {wanted.name}, but exercises only part of it."
        )
        if req.min_years and (best.years or 0) < req.min_years:
            credit = round(credit * max(0.5, (best.years or 0) / req.min_years), 2)
            reason += f" {req.min_years:g}+ years asked; the resume shows {_years_note(best)} of {best.name}."
        evidence += _resume_evidence(resume, best)
    elif parents:
        best = parents[0]
        credit = PARENT_CREDIT
        reason = f"The resume shows {best.name}, the broader skill; {wanted.name} itself is not mentioned."
        evidence += _resume_evidence(resume, best)
    elif related:
        best = max(related, key=lambda s: s.years or 0)
        credit = RELATED_CREDIT
        reason = f"{wanted.name} is not on the resume; the related {best.name} is ({_years_note(best)})."
        evidence += _resume_evidence(resume, best)
    elif semantic is not None:
        credit = SEMANTIC_CREDIT
        reason = (
            f"{wanted.name} is not named, but a resume passage reads as related "
            f"(similarity {semantic.similarity:.2f}); check it."
        )
        evidence.append(resume.evidence(semantic.start, semantic.end))

    return RequirementResult(
        id=req.id,
        text=req.text,
        skill=wanted.name,
        priority=req.priority,
        status=status_for(credit),
        credit=credit,
        reason=reason,
        evidence=evidence,
    )
