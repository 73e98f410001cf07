"""Deterministic, section-aware feedback: every sentence rests on quotes from the documents."""

from __future__ import annotations

from dataclasses import dataclass

from mulakat.models import FeedbackItem, ParsedDocument, RequirementResult
from mulakat.skills.signals import find_roles, role_heading

SECTION_TITLES = {
    "requirements": "Requirements",
    "nice_to_have": "Nice to have",
    "responsibilities": "Responsibilities",
    "about": "About",
    "experience": "Experience",
    "skills": "Skills",
    "summary": "Summary",
    "projects": "Projects",
    "education": "Education",
    "certifications": "Certifications",
    "header": "the header",
}


def section_title(name: str) -> str:
    return SECTION_TITLES.get(name, name.replace("_", " ").capitalize())


def _short(quote: str, limit: int = 90) -> str:
    quote = " ".join(quote.split()).rstrip(".")
    return quote if len(quote) <= limit else quote[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class RoleLabel:
    start: int
    end: int
    label: str


def role_labels(resume: ParsedDocument) -> list[RoleLabel]:
    """'at Acme (2021-2023)' for each dated role, to say where on the resume a skill was used."""
    labels = []
    for role in find_roles(resume):
        _, employer = role_heading(resume.text[role.start : role.end].split("\n", 1)[0])
        years = f"{role.first_year}–{role.last_year}" if role.last_year != role.first_year else str(role.first_year)
        labels.append(RoleLabel(role.start, role.end, f" at {employer} ({years})" if employer else f" ({years})"))
    return labels


def feedback_for(result: RequirementResult, roles: list[RoleLabel] | None = None) -> FeedbackItem:
    job, resume = result.evidence[0], result.evidence[1:]
    asks = f'{section_title(job.section)} asks for {result.skill}: "{_short(job.quote)}".'
    where = ""
    if resume:
        at = next((r.label for r in roles or [] if r.start <= resume[0].start < r.end), "")
        where = f' Your {section_title(resume[0].section)} section shows "{_short(resume[0].quote, 60)}"{at}.'
    if result.status == "met":
        text = f"{asks}{where} {result.reason}"
    elif result.status == "partial":
        text = f"{asks}{where} Partly covered: {result.reason}"
    else:
        text = f"{asks} {result.reason}"
    if result.status != "met":
        text += " Make it visible on the resume if you have it; otherwise it is on the study plan."
    return FeedbackItem(text=text, citations=result.evidence)


def build_feedback(
    results: list[RequirementResult], resume: ParsedDocument | None = None, limit: int = 12
) -> list[FeedbackItem]:
    """Gaps first (must-haves, lowest credit), then the strongest matches."""
    gaps = sorted((r for r in results if r.status != "met"), key=lambda r: (r.priority != "must", r.credit))
    strengths = [r for r in results if r.status == "met" and r.priority == "must"]
    chosen = gaps[: limit - min(3, len(strengths))] + strengths[:3]
    roles = role_labels(resume) if resume is not None else []
    return [feedback_for(r, roles) for r in chosen[:limit]]
