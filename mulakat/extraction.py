"""`mulakat extract`: one document's text, sections, skill spans, requirements and quality."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel

from mulakat.extract import extract_requirements, extract_resume_skills, find_roles, job_title
from mulakat.models import DocKind, JobRequirement, ParsedDocument, Quality, Section
from mulakat.tagger import SkillTagger
from mulakat.taxonomy import Taxonomy


class ExtractedSkill(BaseModel):
    name: str
    """Canonical taxonomy name when the span is a known skill, else the span's own words."""
    surface: str
    start: int
    end: int
    section: str
    layer: Literal["skill", "knowledge"]
    """skill: an ability ("design scalable APIs"); knowledge: a subject or tool ("PostgreSQL")."""
    source: Literal["taxonomy", "tagger"]
    skill_id: str | None = None
    category: str | None = None
    contains: list[str] = []
    """Canonical names of known skills inside a longer span."""
    years: float | None = None
    last_used: int | None = None


class ExtractedRole(BaseModel):
    start: int
    end: int
    first_year: int
    last_year: int
    heading: str


class Extraction(BaseModel):
    kind: DocKind
    source: str
    title: str | None
    text: str
    sections: list[Section]
    skills: list[ExtractedSkill]
    requirements: list[JobRequirement]
    roles: list[ExtractedRole]
    quality: Quality


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def extract(
    doc: ParsedDocument, taxonomy: Taxonomy, tagger: SkillTagger | None, today: date | None = None
) -> Extraction:
    """Tagger spans (named canonically when they are a known skill), plus known skills the tagger missed."""
    held = {s.skill: s for s in extract_resume_skills(doc, taxonomy, today)} if doc.kind == "resume" else {}
    matches = list(taxonomy.find(doc.text))
    skills: list[ExtractedSkill] = []

    def known(skill_id: str, **fields: object) -> ExtractedSkill:
        found = held.get(skill_id)
        return ExtractedSkill(
            name=taxonomy[skill_id].name,
            skill_id=skill_id,
            category=taxonomy[skill_id].category,
            years=found.years if found else None,
            last_used=found.last_used if found else None,
            **fields,  # type: ignore[arg-type]
        )

    tagged = tagger.tag(doc.text) if tagger else []
    for span in tagged:
        surface = doc.text[span.start : span.end]
        inside = [m for m in matches if span.start <= m.start and m.end <= span.end]
        common = {
            "surface": surface,
            "start": span.start,
            "end": span.end,
            "section": doc.section_at(span.start),
            "layer": span.layer,
            "source": "tagger",
        }
        if len(inside) == 1 and (inside[0].start, inside[0].end) == (span.start, span.end):
            skills.append(known(inside[0].skill, **common))
        else:
            contains = list(dict.fromkeys(taxonomy[m.skill].name for m in inside))
            skills.append(ExtractedSkill(name=" ".join(surface.split()), contains=contains, **common))  # type: ignore[arg-type]
    spans = [(s.start, s.end) for s in tagged]
    for m in matches:
        if not any(_overlaps((m.start, m.end), s) for s in spans):
            skills.append(
                known(
                    m.skill,
                    surface=m.surface,
                    start=m.start,
                    end=m.end,
                    section=doc.section_at(m.start),
                    layer="knowledge",
                    source="taxonomy",
                )
            )
    skills.sort(key=lambda s: (s.start, s.end))

    roles = (
        [
            ExtractedRole(
                start=r.start,
                end=r.end,
                first_year=r.first_year,
                last_year=r.last_year,
                heading=doc.text[r.start : r.end].split("\n", 1)[0].strip(),
            )
            for r in find_roles(doc, today)
        ]
        if doc.kind == "resume"
        else []
    )
    return Extraction(
        kind=doc.kind,
        source=doc.source,
        title=job_title(doc) if doc.kind == "job" else None,
        text=doc.text,
        sections=doc.sections,
        skills=skills,
        requirements=extract_requirements(doc, taxonomy) if doc.kind == "job" else [],
        roles=roles,
        quality=doc.quality,
    )
