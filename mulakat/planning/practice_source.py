"""Practice questions for a requirement with no pack questions of its own: those of its plan breakdown."""

from __future__ import annotations

from collections.abc import Mapping

from mulakat.models import JobRequirement, RequirementResult
from mulakat.planning.breakdown import Breakdown, Search, StudyQuestion, behavioural_breakdown, breakdown_for
from mulakat.planning.topics import Asked
from mulakat.skills.taxonomy import Taxonomy


def asked_of(req: JobRequirement, result: RequirementResult | None) -> Asked:
    return Asked(
        requirement=req.id,
        skill=req.skill,
        name=req.name,
        kind=req.kind,
        priority=req.priority,
        credit=result.credit if result else 0.0,
        status=result.status if result else "missing",
        reason="",
        quote=" ".join(req.evidence.quote.split()),
        examples=list(req.examples),
    )


async def breakdown_questions(
    asked: Asked, taxonomy: Taxonomy, search: Search, drafts: Mapping[str, Breakdown] | None = None
) -> list[StudyQuestion]:
    """The same questions the plan's breakdown lists for it, rubric and all (soft skills: the STAR ones)."""
    if asked.kind == "soft":
        found = await behavioural_breakdown([asked], taxonomy, search)
    else:
        found = await breakdown_for(asked, taxonomy, search, drafts)
    return [q for q in found.questions if q.rubric]
