"""Turn gaps into study topics ordered so that prerequisites come first.

Related requirements become one topic (a skill and its narrower ones, or siblings under a shared broader skill);
needs in the posting's own words get topics too, and every soft skill goes into one behavioural topic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from graphlib import CycleError, TopologicalSorter
from typing import Literal

from mulakat.assessment.readiness import counted
from mulakat.models import CandidateSkill, RequirementResult
from mulakat.planning.topics import Asked, group_topics
from mulakat.skills.taxonomy import Taxonomy

PREREQ_DEPTH = 2
BEHAVIOURAL = "Behavioural preparation"
TopicKind = Literal["skill", "need", "behavioural", "prerequisite"]


@dataclass
class PlanNeed:
    """A topic to study, why, and how urgently (lower rank = sooner among equals).

    `skill` is the topic's head taxonomy id (None for a need in the posting's own words or the behavioural topic);
    `members` are every requirement it covers, head first.
    """

    skill: str | None
    name: str
    reason: str
    rank: tuple[int, int, float, int]
    kind: TopicKind = "skill"
    credit: float = 0.0
    needed_by: list[str] = field(default_factory=list)
    members: list[Asked] = field(default_factory=list)
    requirements: list[str] = field(default_factory=list)
    """Ids of the requirements this topic covers; for a prerequisite, those of the topics that need it."""

    @property
    def priority(self) -> Literal["must", "nice"]:
        return "must" if self.rank[0] == 0 else "nice"

    @property
    def skills(self) -> list[str]:
        """Taxonomy ids this topic studies, head first."""
        ids = [m.skill for m in self.members if m.skill]
        return ids or ([self.skill] if self.skill else [])


def _asked(result: RequirementResult, skill_id: str | None, examples: list[str]) -> Asked:
    quote = " ".join(result.evidence[0].quote.split()) if result.evidence else result.text
    return Asked(
        requirement=result.id,
        skill=skill_id,
        name=result.skill,
        kind=result.kind,
        priority=result.priority,
        credit=result.credit,
        status=result.status,
        reason=result.reason,
        quote=quote,
        examples=examples,
    )


def studied_gaps(
    results: list[RequirementResult], skill_ids: dict[str, str | None], examples: dict[str, list[str]] | None = None
) -> list[Asked]:
    """Gaps, most urgent first: must-haves, then the largest gap. Alternatives are one need already (counted)."""
    gaps = sorted((r for r in counted(results) if r.status != "met"), key=lambda r: (r.priority != "must", r.credit))
    return [_asked(r, skill_ids.get(r.id), (examples or {}).get(r.id, [])) for r in gaps]


def plan_needs(
    results: list[RequirementResult],
    skill_ids: dict[str, str | None],
    held: dict[str, CandidateSkill],
    taxonomy: Taxonomy,
    examples: dict[str, list[str]] | None = None,
) -> list[PlanNeed]:
    """Topics for the gaps plus the prerequisites the candidate does not hold, in a prerequisite-respecting order.

    A qualification in the posting's own words (a degree, a licence) is no topic to study; it is left out.
    """
    needs: list[PlanNeed] = []
    for i, topic in enumerate(group_topics(studied_gaps(results, skill_ids, examples), taxonomy)):
        head = topic.members[0]
        behavioural = topic.behavioural
        label = "Must-have" if head.priority == "must" else "Nice-to-have"
        reason = f'{label} ({head.status}): "{head.quote}". {head.reason}'
        if len(topic.members) > 1:
            reason += f" Also covers: {', '.join(m.name for m in topic.members[1:])}."
        needs.append(
            PlanNeed(
                skill=topic.skill,
                name=BEHAVIOURAL if behavioural else topic.name,
                reason=reason,
                # Soft skills count for less in readiness: their topic goes after the technical ones of its priority.
                rank=(0 if any(m.priority == "must" for m in topic.members) else 1, int(behavioural), head.credit, i),
                kind="behavioural" if behavioural else "skill" if topic.skill else "need",
                credit=head.credit,
                members=topic.members,
                requirements=[m.requirement for m in topic.members],
            )
        )
    needs += _prerequisites(needs, held, taxonomy)
    return _ordered(needs, taxonomy)


def _prerequisites(needs: list[PlanNeed], held: dict[str, CandidateSkill], taxonomy: Taxonomy) -> list[PlanNeed]:
    """Prerequisites (to PREREQ_DEPTH) no topic covers and the candidate does not hold, each a topic of its own."""
    covered = {s for n in needs for s in n.skills}
    added: dict[str, PlanNeed] = {}
    frontier = [(s, n) for n in needs for s in n.skills]
    for _ in range(PREREQ_DEPTH):
        nxt = []
        for skill_id, user in frontier:
            for pre in taxonomy.prerequisites(skill_id):
                if pre in held or pre in covered or taxonomy[pre].umbrella:
                    continue
                if pre not in added:
                    added[pre] = PlanNeed(skill=pre, name=taxonomy[pre].name, reason="", rank=user.rank)
                    added[pre].kind = "prerequisite"
                    nxt.append((pre, added[pre]))
                need = added[pre]
                need.needed_by.append(taxonomy[skill_id].name)
                need.requirements += [r for r in user.requirements if r not in need.requirements]
                need.rank = min(need.rank, user.rank)
        frontier = nxt
    for need in added.values():
        need.reason = f"Prerequisite for {', '.join(sorted(set(need.needed_by)))}, which the posting asks for."
    return list(added.values())


def _ordered(needs: list[PlanNeed], taxonomy: Taxonomy) -> list[PlanNeed]:
    """Most urgent first among whatever is unblocked, so a prerequisite lands just before its user."""
    home = {s: i for i, n in enumerate(needs) for s in n.skills}
    sorter: TopologicalSorter[int] = TopologicalSorter()
    for i, need in enumerate(needs):
        deps = {home[p] for s in need.skills for p in taxonomy.prerequisites(s) if p in home and home[p] != i}
        sorter.add(i, *deps)
    try:
        sorter.prepare()
    except CycleError:  # topics that need each other (grouping joined a chain): urgency alone decides
        return sorted(needs, key=lambda n: n.rank)
    ordered: list[int] = []
    ready: list[int] = []
    while sorter.is_active():
        ready.extend(sorter.get_ready())
        ready.sort(key=lambda i: needs[i].rank)
        ordered.append(ready.pop(0))
        sorter.done(ordered[-1])
    return [needs[i] for i in ordered]


def estimate_hours(taxonomy: Taxonomy, skill_id: str, credit: float) -> float:
    """Taxonomy hours scaled by what is still missing; at least one hour."""
    return max(1.0, round(taxonomy[skill_id].hours * (1 - credit)))


FREE_TEXT_HOURS = 8.0  # the taxonomy's default for a skill it gives no hours
BEHAVIOURAL_HOURS_PER_NEED, BEHAVIOURAL_MAX_HOURS = 1.0, 4.0


def topic_hours(need: PlanNeed, taxonomy: Taxonomy) -> float:
    """The largest member's hours plus a quarter for each other: a family shares most of its ground."""
    if need.kind == "behavioural":
        return min(BEHAVIOURAL_MAX_HOURS, max(1.0, BEHAVIOURAL_HOURS_PER_NEED * len(need.members)))
    if not need.members:
        return estimate_hours(taxonomy, need.skill, need.credit) if need.skill else 1.0
    free = [max(1.0, round(FREE_TEXT_HOURS * (1 - m.credit))) for m in need.members if not m.skill]
    hours = sorted([*(estimate_hours(taxonomy, m.skill, m.credit) for m in need.members if m.skill), *free])[::-1]
    return float(round(hours[0] + 0.25 * sum(hours[1:])))
