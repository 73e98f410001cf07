"""The model's implicit requirements, kept only when their quote is in the posting and their skill is known."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from mulakat.models import JobRequirement, ParsedDocument
from mulakat.skills.taxonomy import Taxonomy


class ImplicitRequirement(BaseModel):
    skill: str
    quote: str
    priority: Literal["must", "nice"] = "must"


class ImplicitRequirements(BaseModel):
    items: list[ImplicitRequirement] = Field(default_factory=list)


def verify(
    found: ImplicitRequirements, job: ParsedDocument, taxonomy: Taxonomy, known: set[str]
) -> tuple[list[JobRequirement], list[str]]:
    """Requirements whose quote is verbatim in the posting and whose skill resolves; reasons for the rest."""
    kept: list[JobRequirement] = []
    dropped: list[str] = []
    for item in found.items:
        skill = taxonomy.resolve(item.skill)
        start = job.text.find(item.quote) if item.quote.strip() else -1
        if start == -1:
            dropped.append(f"{item.skill}: quote not found in the posting")
        elif skill is None:
            dropped.append(f"{item.skill}: not a skill in the taxonomy")
        elif skill.id in known or skill.umbrella:
            dropped.append(f"{item.skill}: already found or too broad")
        else:
            end = start + len(item.quote)
            known.add(skill.id)
            kept.append(
                JobRequirement(
                    id=f"req-{skill.id}",
                    text=item.quote,
                    skill=skill.id,
                    name=skill.name,
                    priority=item.priority,
                    evidence=job.evidence(start, end),
                )
            )
    return kept, dropped
