"""Turn gaps into a study plan ordered so that prerequisites come first."""

from __future__ import annotations

from dataclasses import dataclass, field
from graphlib import TopologicalSorter

from mulakat.assessment.readiness import counted
from mulakat.models import CandidateSkill, RequirementResult
from mulakat.skills.taxonomy import Taxonomy

PREREQ_DEPTH = 2


@dataclass
class PlanNeed:
    """A skill to study, why, and how urgently (lower rank = sooner among equals)."""

    skill: str
    reason: str
    rank: tuple[int, float, int]
    credit: float = 0.0
    needed_by: list[str] = field(default_factory=list)


def plan_needs(
    results: list[RequirementResult],
    skill_ids: dict[str, str],
    held: dict[str, CandidateSkill],
    taxonomy: Taxonomy,
) -> list[PlanNeed]:
    """Gaps plus the prerequisites the candidate does not hold, in a prerequisite-respecting order."""
    needs: dict[str, PlanNeed] = {}
    # Alternatives are one need: none to study when any member is met, else the closest member only.
    gaps = sorted((r for r in counted(results) if r.status != "met"), key=lambda r: (r.priority != "must", r.credit))
    for i, result in enumerate(gaps):
        skill_id = skill_ids.get(result.id)
        if skill_id is None:  # a need the taxonomy cannot place has no topic to study yet
            continue
        quote = " ".join(result.evidence[0].quote.split())
        label = "Must-have" if result.priority == "must" else "Nice-to-have"
        needs[skill_id] = PlanNeed(
            skill=skill_id,
            reason=f'{label} ({result.status}): "{quote}". {result.reason}',
            rank=(0 if result.priority == "must" else 1, result.credit, i),
            credit=result.credit,
        )
    frontier = list(needs)
    for _ in range(PREREQ_DEPTH):
        nxt = []
        for skill_id in frontier:
            for pre in taxonomy.prerequisites(skill_id):
                if pre in held or taxonomy[pre].umbrella:
                    continue
                if pre not in needs:
                    parent_rank = needs[skill_id].rank
                    needs[pre] = PlanNeed(skill=pre, reason="", rank=parent_rank)
                    nxt.append(pre)
                needs[pre].needed_by.append(taxonomy[skill_id].name)
        frontier = nxt
    for need in needs.values():
        if need.needed_by and not need.reason:
            need.reason = f"Prerequisite for {', '.join(sorted(set(need.needed_by)))}, which the posting asks for."

    sorter: TopologicalSorter[str] = TopologicalSorter()
    for skill_id in needs:
        sorter.add(skill_id, *(p for p in taxonomy.prerequisites(skill_id) if p in needs))
    sorter.prepare()
    # Most urgent first among whatever is unblocked, so a prerequisite lands just before its user.
    ordered: list[str] = []
    ready: list[str] = []
    while sorter.is_active():
        ready.extend(sorter.get_ready())
        ready.sort(key=lambda s: needs[s].rank)
        ordered.append(ready.pop(0))
        sorter.done(ordered[-1])
    return [needs[s] for s in ordered]


def estimate_hours(taxonomy: Taxonomy, skill_id: str, credit: float) -> float:
    """Taxonomy hours scaled by what is still missing; at least one hour."""
    return max(1.0, round(taxonomy[skill_id].hours * (1 - credit)))
