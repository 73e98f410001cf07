"""The skills a resume shows: the ones it names, the ones its work implies, and the years of each.

Years come from the dated roles that mention a skill or work that shows it (PostgreSQL work is SQL work), or
from a line that states them ("8 years of Python") when that gives more.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from mulakat.models import CandidateSkill, ParsedDocument, SkillMention
from mulakat.skills.signals import LEVEL_ORDER, Role, clause_span, find_roles, level_cue
from mulakat.skills.taxonomy import Taxonomy
from mulakat.skills.years_claims import read_years_claims


def span_years(roles: list[Role]) -> float:
    """Years covered by the roles' year ranges, overlaps counted once (a year-granular estimate)."""
    years: set[int] = set()
    for role in roles:
        years.update(range(role.first_year, role.last_year + 1))
    if not years:
        return 0.0
    # A 2019-2021 role is about two years, not three: count boundaries, not calendar years.
    return float(max(1, len(years) - 1))


@dataclass
class _Reading:
    """What the resume says of each named skill, before implication."""

    mentions: dict[str, list[SkillMention]]
    roles: dict[str, list[Role]]
    claims: dict[str, tuple[float, SkillMention]]
    """The largest years a line states for the skill, and the mention in that line."""


def _read(doc: ParsedDocument, taxonomy: Taxonomy, roles: list[Role]) -> _Reading:
    matches = list(taxonomy.find(doc.text))
    mentions: dict[str, list[SkillMention]] = defaultdict(list)
    at: dict[int, SkillMention] = {}
    for m in matches:
        at[m.start] = SkillMention(
            skill=m.skill, surface=m.surface, start=m.start, end=m.end, section=doc.section_at(m.start)
        )
        mentions[m.skill].append(at[m.start])
    in_roles = {
        sid: [r for r in roles if any(r.start <= x.start < r.end for x in found)] for sid, found in mentions.items()
    }
    claims: dict[str, tuple[float, SkillMention]] = {}
    for claim in read_years_claims(doc, matches, [(r.start, r.end) for r in roles]):
        for m in claim.skills:
            if claim.years > claims.get(m.skill, (0.0, None))[0]:
                claims[m.skill] = (claim.years, at[m.start])
    return _Reading(dict(mentions), in_roles, claims)


def _shown_by(reading: _Reading, taxonomy: Taxonomy) -> dict[str, list[str]]:
    """For each skill, the named skills whose work shows it, in the order the resume first names them."""
    shown: dict[str, list[str]] = defaultdict(list)
    for sid in reading.mentions:  # dicts keep first-mention order
        if not taxonomy[sid].umbrella:
            for other in taxonomy.implied(sid):
                shown[other].append(sid)
    return shown


def _skill(
    skill_id: str, sources: list[str], reading: _Reading, doc: ParsedDocument, taxonomy: Taxonomy
) -> CandidateSkill:
    own = reading.roles.get(skill_id, [])
    dated = list(dict.fromkeys([*own, *(r for s in sources for r in reading.roles[s])]))
    from_roles = span_years(dated) if dated else None
    claims = [reading.claims[s] for s in (skill_id, *sources) if s in reading.claims]
    claim = max(claims, key=lambda c: c[0], default=None)
    stated = skill_id in reading.mentions
    by_years = sorted(sources, key=lambda s: -span_years(reading.roles[s]))
    implied_by = (
        by_years
        if not stated
        else [s for s in by_years if set(reading.roles[s]) - set(own) or (claim and claim[1].skill == s)]
    )
    mentions = (
        reading.mentions[skill_id]
        if stated
        else sorted((m for s in sources for m in reading.mentions[s]), key=lambda m: m.start)
    )
    levels = {level_cue(doc.text[slice(*clause_span(doc.text, x.start, x.end))]) for x in mentions} if stated else set()
    stated_years = claim if claim and claim[0] > (from_roles or 0) else None  # a line beats fewer dated years
    return CandidateSkill(
        skill=skill_id,
        name=taxonomy[skill_id].name,
        mentions=mentions,
        years=stated_years[0] if stated_years else from_roles,
        last_used=max(r.last_year for r in dated) if dated else None,
        level=next((lv for lv in LEVEL_ORDER[::-1] if lv in levels), None),
        implied=not stated,
        implied_by=implied_by,
        years_claim=stated_years[1] if stated_years else None,
    )


def extract_resume_skills(doc: ParsedDocument, taxonomy: Taxonomy, today: date | None = None) -> list[CandidateSkill]:
    """Every skill the resume names, then every one its work implies through the taxonomy (marked `implied`)."""
    reading = _read(doc, taxonomy, find_roles(doc, today))
    shown = _shown_by(reading, taxonomy)
    ids = list(dict.fromkeys([*reading.mentions, *shown]))
    skills = [_skill(sid, shown.get(sid, []), reading, doc, taxonomy) for sid in ids]
    return sorted(skills, key=lambda s: (s.mentions[0].start, s.implied))
