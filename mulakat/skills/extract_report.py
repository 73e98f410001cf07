"""`mulakat extract`: one document's text, sections, skill spans, requirements and quality."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel

from mulakat.models import CandidateSkill, DocKind, JobRequirement, ParsedDocument, Quality, Section
from mulakat.skills.requirements import extract_requirements, overlaps
from mulakat.skills.resume_skills import extract_resume_skills
from mulakat.skills.signals import (
    Role,
    clause_span,
    find_degrees,
    find_roles,
    job_title,
    level_cue,
    role_heading,
    seniority,
)
from mulakat.skills.tagger import SkillTagger, TaggedSpan
from mulakat.skills.taxonomy import Taxonomy

if TYPE_CHECKING:
    from mulakat.skills.linking import EscoLabeller


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
    level: str | None = None
    """Proficiency its clause claims or asks for: expert, proficient or familiar."""
    years: float | None = None
    last_used: int | None = None


class ImpliedSkill(BaseModel):
    """A skill the resume does not name but whose work it shows (Java work shows object-oriented programming)."""

    name: str
    skill_id: str
    implied_by: list[str]
    """Canonical names of the named skills that show it, most years first; their spans are in `skills`."""
    years: float | None = None
    last_used: int | None = None


class ExtractedRole(BaseModel):
    start: int
    end: int
    first_year: int
    last_year: int
    heading: str
    title: str | None = None
    employer: str | None = None
    seniority: str | None = None


class ExtractedDegree(BaseModel):
    level: str
    """phd, master, bachelor, or degree when the level is not named."""
    quote: str
    start: int
    end: int
    section: str


class EscoMention(BaseModel):
    """An ESCO skill the document mentions, with the span it rests on (see linking.EscoLabeller)."""

    label: str
    """ESCO preferred label."""
    score: float
    """Cosine of the link; 1.0 when the label is written out in the text."""
    start: int
    end: int
    section: str
    source: Literal["span", "sub-span", "dictionary", "line"]


class Extraction(BaseModel):
    kind: DocKind
    source: str
    title: str | None
    text: str
    sections: list[Section]
    skills: list[ExtractedSkill]
    requirements: list[JobRequirement]
    roles: list[ExtractedRole]
    seniority: str | None = None
    """Job: the level the posting hires for. Resume: the level of the most recent role."""
    education: list[ExtractedDegree] = []
    quality: Quality
    esco: list[EscoMention] | None = None
    """ESCO skills mentioned, when an ESCO import is configured (MULAKAT_TAXONOMY_IMPORTS); else null."""
    implied: list[ImpliedSkill] = []
    """Resumes: skills their work implies through the taxonomy; they have no span of their own."""


def taxonomy_fills_in(kind: DocKind, tagger: SkillTagger | None, skill_id: str) -> bool:
    """Whether a known skill the tagger left untagged is added as a skill of its own.

    Only when no tagger reads this kind, or the skill is one the tagger's taxonomy does not know (an
    import). The CRFs see our taxonomy's marks as features and learnt when a known name is a skill in
    context; adding the rest back cost precision on the data kept for choices (SkillSpan knowledge strict
    F1 0.531 -> 0.482 on the held-out fold of train; Dotin held-out overlap F1 0.69 -> 0.49).
    """
    return tagger is None or not tagger.reads(kind) or skill_id not in tagger.taxonomy.skills


def extract(
    doc: ParsedDocument,
    taxonomy: Taxonomy,
    tagger: SkillTagger | None,
    today: date | None = None,
    esco: EscoLabeller | None = None,
) -> Extraction:
    """Tagger spans (named canonically when they are a known skill), plus known skills no tagger judged
    (see taxonomy_fills_in), and with an ESCO labeller the ESCO skills mentioned."""
    tagged = tagger.tag(doc.text, doc.kind) if tagger else []
    held = {s.skill: s for s in extract_resume_skills(doc, taxonomy, today)} if doc.kind == "resume" else {}
    skills = _skills(doc, taxonomy, held, tagger, tagged)
    roles = [_role(doc, r) for r in find_roles(doc, today)] if doc.kind == "resume" else []
    title = job_title(doc) if doc.kind == "job" else None
    return Extraction(
        esco=_esco_mentions(doc, esco, tagged) if esco else None,
        kind=doc.kind,
        source=doc.source,
        title=title,
        seniority=_seniority(doc, title, roles),
        education=_education(doc),
        text=doc.text,
        sections=doc.sections,
        skills=skills,
        requirements=extract_requirements(doc, taxonomy, tagger) if doc.kind == "job" else [],
        roles=roles,
        quality=doc.quality,
        implied=[
            ImpliedSkill(
                name=s.name,
                skill_id=s.skill,
                implied_by=[taxonomy[i].name for i in s.implied_by],
                years=s.years,
                last_used=s.last_used,
            )
            for s in held.values()
            if s.implied
        ],
    )


def _skills(
    doc: ParsedDocument,
    taxonomy: Taxonomy,
    held: dict[str, CandidateSkill],
    tagger: SkillTagger | None,
    tagged: list[TaggedSpan],
) -> list[ExtractedSkill]:
    """The tagger's spans, then the known skills taxonomy_fills_in adds where no span is, in text order."""
    matches = list(taxonomy.find(doc.text))
    skills: list[ExtractedSkill] = []

    def level_of(start: int, end: int) -> str | None:
        left, right = clause_span(doc.text, start, end)
        return level_cue(doc.text[left:right])

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

    for span in tagged:
        surface = doc.text[span.start : span.end]
        inside = [m for m in matches if span.start <= m.start and m.end <= span.end]
        common = {
            "level": level_of(span.start, span.end),
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
        if taxonomy_fills_in(doc.kind, tagger, m.skill) and not any(overlaps(m.start, m.end, *s) for s in spans):
            skills.append(
                known(
                    m.skill,
                    level=level_of(m.start, m.end),
                    surface=m.surface,
                    start=m.start,
                    end=m.end,
                    section=doc.section_at(m.start),
                    layer="knowledge",
                    source="taxonomy",
                )
            )
    skills.sort(key=lambda s: (s.start, s.end))
    return skills


def _seniority(doc: ParsedDocument, title: str | None, roles: list[ExtractedRole]) -> str | None:
    """A job's level from its title or opening section; a resume's from its most recent role."""
    if doc.kind == "job":
        return seniority(title or "") or seniority(doc.text[: doc.sections[0].end])
    latest = max(roles, key=lambda r: (r.last_year, r.first_year), default=None)
    return latest.seniority if latest else None


def _education(doc: ParsedDocument) -> list[ExtractedDegree]:
    return [
        ExtractedDegree(
            level=d.level, quote=doc.text[d.start : d.end], start=d.start, end=d.end, section=doc.section_at(d.start)
        )
        for d in find_degrees(doc.text)
    ]


def _esco_mentions(doc: ParsedDocument, esco: EscoLabeller, tagged: list[TaggedSpan]) -> list[EscoMention]:
    return [
        EscoMention(**vars(hit), section=doc.section_at(hit.start))
        for hit in esco.label(doc.text, [(s.start, s.end) for s in tagged])
    ]


def _role(doc: ParsedDocument, role: Role) -> ExtractedRole:
    heading = doc.text[role.start : role.end].split("\n", 1)[0].strip()
    title, employer = role_heading(heading)
    return ExtractedRole(
        start=role.start,
        end=role.end,
        first_year=role.first_year,
        last_year=role.last_year,
        heading=heading,
        title=title,
        employer=employer,
        seniority=seniority(title or ""),
    )
