"""Readiness 0-100 as a weighted mean of components a person can recompute by hand."""

from __future__ import annotations

from mulakat.models import CandidateSkill, Component, JobRequirement, Readiness, RequirementResult

WEIGHTS = {"must_have": 0.55, "nice_to_have": 0.15, "depth": 0.12, "recency": 0.08, "level": 0.1}
RECENT_YEARS = 2
LEVEL_RANK = {"familiar": 1, "proficient": 2, "expert": 3}


def _coverage(results: list[RequirementResult], priority: str) -> tuple[float, str] | None:
    chosen = [r for r in results if r.priority == priority]
    if not chosen:
        return None
    met = sum(r.status == "met" for r in chosen)
    partial = sum(r.status == "partial" for r in chosen)
    value = sum(r.credit for r in chosen) / len(chosen)
    label = "must-have" if priority == "must" else "nice-to-have"
    return (
        value,
        f"{met} of {len(chosen)} {label} requirements met, {partial} partly (mean credit {value:.2f}).",
    )


def _depth(reqs: list[JobRequirement], skills: dict[str, CandidateSkill]) -> tuple[float, str] | None:
    asked = [(r, r.min_years) for r in reqs if r.min_years]
    if not asked:
        return None
    shown = {r.skill: (skills[r.skill].years or 0.0) if r.skill in skills else 0.0 for r, _ in asked}
    value = sum(min(1.0, shown[r.skill] / years) for r, years in asked) / len(asked)
    parts = ", ".join(f"{r.name} {shown[r.skill]:g}/{years:g}y" for r, years in asked)
    return value, f"Years shown against years asked: {parts}."


def _recency(
    results: list[RequirementResult],
    skills: dict[str, CandidateSkill],
    by_name: dict[str, str],
    this_year: int,
) -> tuple[float, str] | None:
    used = [skills[by_name[r.skill]] for r in results if r.status != "missing" and by_name.get(r.skill) in skills]
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


def _level(reqs: list[JobRequirement], skills: dict[str, CandidateSkill]) -> tuple[float, str] | None:
    asked = [r for r in reqs if r.level]
    if not asked:
        return None
    parts, ratios = [], []
    for r in asked:
        shown = _shown_level(skills[r.skill]) if r.skill in skills else None
        ratios.append(min(1.0, LEVEL_RANK[shown] / LEVEL_RANK[r.level or "familiar"]) if shown else 0.0)
        parts.append(f"{r.name} {shown or 'not shown'} for {r.level}")
    return sum(ratios) / len(ratios), f"Level shown against level asked: {', '.join(parts)}."


def _interval(
    score: int, results: list[RequirementResult], quality: float, practice: float, practised: frozenset[str]
) -> tuple[int, int, list[str]]:
    """Half-width grows when there are few requirements, many judgement calls, or a doubtful parse.

    It narrows as practice answers confirm or correct what the resume suggested (practice: 0-1); a status
    that practice earned (ids in `practised`) is measured, not a judgement call.
    """
    reasons = []
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
    measured = {
        "must_have": _coverage(results, "must"),
        "nice_to_have": _coverage(results, "nice"),
        "depth": _depth(reqs, skills),
        "recency": _recency(results, skills, by_name, this_year),
        "level": _level(reqs, skills),
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
