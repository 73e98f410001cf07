"""Readiness 0-100 as a weighted mean of components a person can recompute by hand."""

from __future__ import annotations

from mulakat.models import CandidateSkill, Component, JobRequirement, Readiness, RequirementResult

WEIGHTS = {"must_have": 0.55, "nice_to_have": 0.15, "depth": 0.12, "recency": 0.08, "level": 0.1, "soft_skills": 0.05}
# A need the taxonomy cannot place is judged by its phrase or a passage close in meaning, not by a known skill
# and its relations, so it weighs less in coverage than a skill the taxonomy knows.
FREE_TEXT_WEIGHT = 0.5
RECENT_YEARS = 2
LEVEL_RANK = {"familiar": 1, "proficient": 2, "expert": 3}


def counted(results: list[RequirementResult]) -> list[RequirementResult]:
    """One result per requirement as a recruiter counts them: a group of alternatives is met by any member,
    so it counts once, as its best member (the first by id on a tie, so the order of results never matters)."""
    best: dict[str, RequirementResult] = {}
    for r in results:
        key = r.group or r.id
        if key not in best or (-r.credit, r.id) < (-best[key].credit, best[key].id):
            best[key] = r
    return list(best.values())


def _coverage(results: list[RequirementResult], priority: str, free: frozenset[str]) -> tuple[float, str] | None:
    """Mean credit of the requirements of one priority, soft skills apart; `free` ids weigh FREE_TEXT_WEIGHT."""
    chosen = [r for r in counted(results) if r.priority == priority and r.kind != "soft"]
    if not chosen:
        return None
    met = sum(r.status == "met" for r in chosen)
    partial = sum(r.status == "partial" for r in chosen)
    weights = [FREE_TEXT_WEIGHT if r.id in free else 1.0 for r in chosen]
    value = sum(w * r.credit for w, r in zip(weights, chosen, strict=True)) / sum(weights)
    label = "must-have" if priority == "must" else "nice-to-have"
    unplaced = sum(r.id in free for r in chosen)
    note = f"; {unplaced} named in the posting's own words weigh half" if unplaced else ""
    return (
        value,
        f"{met} of {len(chosen)} {label} requirements met, {partial} partly (weighted mean credit {value:.2f}{note}).",
    )


def _soft_skills(results: list[RequirementResult]) -> tuple[float, str] | None:
    """Soft skills apart: a resume can only claim them, so they move the score little either way."""
    chosen = [r for r in counted(results) if r.kind == "soft"]
    if not chosen:
        return None
    shown = sum(r.status != "missing" for r in chosen)
    value = sum(r.credit for r in chosen) / len(chosen)
    return (
        value,
        f"{shown} of {len(chosen)} soft skills asked have something on the resume that speaks to them "
        f"(mean credit {value:.2f}); weighed apart, since a resume can only claim them and an interview shows them.",
    )


def _asked_once(reqs: list[JobRequirement]) -> list[list[JobRequirement]]:
    """Requirements as counted: alternatives together ("3 years with PHP, Python or Go" asks 3 years of one)."""
    units: dict[str, list[JobRequirement]] = {}
    for r in reqs:
        units.setdefault(r.group or r.id, []).append(r)
    return list(units.values())


def _years_shown(r: JobRequirement, skills: dict[str, CandidateSkill]) -> float:
    return (skills[r.skill].years or 0.0) if r.skill in skills else 0.0


def _depth(reqs: list[JobRequirement], skills: dict[str, CandidateSkill]) -> tuple[float, str] | None:
    asked = [unit for unit in _asked_once(reqs) if any(r.min_years for r in unit)]
    if not asked:
        return None
    ratios, parts = [], []
    for unit in asked:
        years = max(r.min_years or 0.0 for r in unit)
        shown = max(_years_shown(r, skills) for r in unit)
        ratios.append(min(1.0, shown / years))
        parts.append(f"{'/'.join(r.name for r in unit)} {shown:g}/{years:g}y")
    return sum(ratios) / len(ratios), f"Years shown against years asked: {', '.join(parts)}."


def _recency(
    results: list[RequirementResult],
    skills: dict[str, CandidateSkill],
    by_name: dict[str, str | None],
    this_year: int,
) -> tuple[float, str] | None:
    held = (skills.get(by_name.get(r.skill) or "") for r in results if r.status != "missing")
    used = [s for s in held if s is not None]
    dated = [s for s in used if s.last_used is not None]
    if not dated:
        return None
    recent = [s for s in dated if this_year - (s.last_used or 0) <= RECENT_YEARS]
    value = len(recent) / len(dated)
    return (
        value,
        f"{len(recent)} of {len(dated)} matched skills were used in a role within the last {RECENT_YEARS} years.",
    )


def _shown_level(skill: CandidateSkill) -> str:
    """The level a resume claims, else one read from years: 5+ expert, 2+ proficient."""
    if skill.level:
        return skill.level
    years = skill.years or 0
    return "expert" if years >= 5 else "proficient" if years >= 2 else "familiar"


def _level_ratio(r: JobRequirement, skills: dict[str, CandidateSkill]) -> tuple[float, str | None]:
    shown = _shown_level(skills[r.skill]) if r.skill in skills else None
    return (min(1.0, LEVEL_RANK[shown] / LEVEL_RANK[r.level or "familiar"]) if shown else 0.0), shown


def _level(reqs: list[JobRequirement], skills: dict[str, CandidateSkill]) -> tuple[float, str] | None:
    asked = [[r for r in unit if r.level] for unit in _asked_once(reqs)]
    asked = [unit for unit in asked if unit]
    if not asked:
        return None
    parts, ratios = [], []
    for unit in asked:  # alternatives: the member shown at the best level speaks for the group
        ratio, shown, r = max(((*_level_ratio(r, skills), r) for r in unit), key=lambda t: t[0])
        ratios.append(ratio)
        parts.append(
            f"{'/'.join(m.name for m in unit) if len(unit) > 1 else r.name} {shown or 'not shown'} for {r.level}"
        )
    return sum(ratios) / len(ratios), f"Level shown against level asked: {', '.join(parts)}."


def _interval(
    score: int, results: list[RequirementResult], quality: float, practice: float, practised: frozenset[str]
) -> tuple[int, int, list[str]]:
    """Half-width grows when there are few requirements, many judgement calls, or a doubtful parse.

    It narrows as practice answers confirm or correct what the resume suggested (practice: 0-1); a status
    that practice earned (ids in `practised`) is measured, not a judgement call.
    """
    reasons = []
    results = counted(results)
    n = len(results)
    half = 5.0 + 25.0 / (n + 1) ** 0.5
    reasons.append(f"{n} requirements to judge from (fewer means wider)")
    judged = sum(r.status == "partial" and r.id not in practised for r in results)
    if judged:
        half += 10.0 * judged / max(n, 1)
        reasons.append(f"{judged} partial matches rest on related skills or years, not the skill itself")
    if quality < 1.0:
        half += 30.0 * (1.0 - quality)
        reasons.append(f"document parse confidence {quality:.2f}")
    if practice > 0:
        half *= 1.0 - 0.5 * min(practice, 1.0)
        reasons.append(f"practice answers narrow it (evidence {practice:.2f} of full)")
    half = round(half)
    return max(0, score - half), min(100, score + half), reasons


def score_readiness(
    results: list[RequirementResult],
    reqs: list[JobRequirement],
    skills: dict[str, CandidateSkill],
    this_year: int,
    quality: float = 1.0,
    practice: float = 0.0,
    practised: frozenset[str] = frozenset(),
) -> Readiness:
    """Components with no data (e.g. no years asked) are shown with weight 0 and left out of the mean."""
    by_name = {r.name: r.skill for r in reqs}
    free = frozenset(r.id for r in reqs if r.skill is None)
    measured = {
        "must_have": _coverage(results, "must", free),
        "nice_to_have": _coverage(results, "nice", free),
        "depth": _depth(reqs, skills),
        "recency": _recency(results, skills, by_name, this_year),
        "level": _level(reqs, skills),
        "soft_skills": _soft_skills(results),
    }
    components: list[Component] = []
    for name, found in measured.items():
        if found is None:
            components.append(Component(name=name, weight=0.0, value=0.0, explanation="Not applicable: no data."))
        else:
            value, why = found
            components.append(Component(name=name, weight=WEIGHTS[name], value=round(value, 4), explanation=why))
    total = sum(c.weight for c in components)
    for c in components:
        c.points = round(100 * c.weight * c.value / total, 1) if total else 0.0
    score = round(100 * sum(c.weight * c.value for c in components) / total) if total else 0
    low, high, reasons = _interval(score, results, quality, practice, practised)
    return Readiness(score=score, components=components, low=low, high=high, interval_reasons=reasons)
