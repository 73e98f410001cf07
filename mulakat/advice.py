"""Deterministic, section-aware feedback: every sentence rests on quotes from the documents."""

from __future__ import annotations

from mulakat.models import FeedbackItem, RequirementResult

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


def feedback_for(result: RequirementResult) -> FeedbackItem:
    job, resume = result.evidence[0], result.evidence[1:]
    asks = f'{section_title(job.section)} asks for {result.skill}: "{_short(job.quote)}".'
    where = f' Your {section_title(resume[0].section)} section shows "{_short(resume[0].quote, 60)}".' if resume else ""
    if result.status == "met":
        text = f"{asks}{where} {result.reason}"
    elif result.status == "partial":
        text = f"{asks}{where} Partly covered: {result.reason}"
    else:
        text = f"{asks} {result.reason}"
    if result.status != "met":
        text += " Make it visible on the resume if you have it; otherwise it is on the study plan."
    return FeedbackItem(text=text, citations=result.evidence)


def build_feedback(results: list[RequirementResult], limit: int = 12) -> list[FeedbackItem]:
    """Gaps first (must-haves, lowest credit), then the strongest matches."""
    gaps = sorted((r for r in results if r.status != "met"), key=lambda r: (r.priority != "must", r.credit))
    strengths = [r for r in results if r.status == "met" and r.priority == "must"]
    chosen = gaps[: limit - min(3, len(strengths))] + strengths[:3]
    return [feedback_for(r) for r in chosen[:limit]]
