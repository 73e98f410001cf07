"""A plan topic as the report shows it: its breakdown, questions, sources and hours, saying where they come from."""

from __future__ import annotations

from collections.abc import Mapping

from mulakat.models import PlanItem
from mulakat.planning.breakdown import Breakdown, Search, StudyQuestion, behavioural_breakdown, breakdown_for
from mulakat.planning.plan import PlanNeed, topic_hours
from mulakat.planning.topics import Asked
from mulakat.skills.taxonomy import Taxonomy

SHOWN_QUESTIONS = 3
MAX_MEMBER_BREAKDOWNS = 3  # a family's first members carry the topic; each more costs searches for little


def subject_of(need: PlanNeed, taxonomy: Taxonomy) -> Asked:
    """What a prerequisite topic studies, as a requirement would ask for it."""
    skill_id = str(need.skill)
    return Asked("", skill_id, taxonomy[skill_id].name, "technical", need.priority, need.credit, "missing", "", "")


def breakdown_subjects(need: PlanNeed, taxonomy: Taxonomy) -> list[Asked]:
    """The requirements whose breakdowns make the topic's, head first (none for the behavioural topic)."""
    if need.kind == "behavioural":
        return []
    return need.members[:MAX_MEMBER_BREAKDOWNS] or [subject_of(need, taxonomy)]


async def topic_breakdown(
    need: PlanNeed, taxonomy: Taxonomy, search: Search, drafts: Mapping[str, Breakdown] | None = None
) -> Breakdown:
    """The head's breakdown with the other members' folded in; `drafts` are the stored drafted packs it may use."""
    if need.kind == "behavioural":
        return await behavioural_breakdown(need.members, taxonomy, search)
    members = breakdown_subjects(need, taxonomy)
    parts = [await breakdown_for(m, taxonomy, search, drafts) for m in members]
    head = parts[0]
    for member, part in zip(members[1:], parts[1:], strict=True):
        # The other members' own subtopics, under their names, after the head's.
        head.subtopics += [member.name] + [f"{member.name}: {s}" for s in part.subtopics[:2]]
        head.questions += [q for q in part.questions if q.text not in {h.text for h in head.questions}]
        head.sources += [s for s in part.sources if s not in head.sources]
        if part.origin != "pack":  # assembled or drafted: the topic's note says so for this member too
            head.note = " ".join(filter(None, [head.note, part.note]))
    return head


def shown(questions: list[StudyQuestion]) -> list[StudyQuestion]:
    """Questions with written answer keys before built ones, each group easiest first."""
    return sorted(questions, key=lambda q: (q.assembled, q.difficulty, q.text))


async def plan_item(
    order: int, need: PlanNeed, taxonomy: Taxonomy, search: Search, drafts: Mapping[str, Breakdown] | None = None
) -> PlanItem:
    found = await topic_breakdown(need, taxonomy, search, drafts)
    name = need.name if need.kind == "behavioural" else need.members[0].name if need.members else need.name
    topic = f"{name}: {found.title}" if found.title else name
    reason = f"{need.reason} ({found.note})" if found.note else need.reason
    skills = need.skills
    prerequisites = list(dict.fromkeys(taxonomy[p].name for s in skills for p in taxonomy.prerequisites(s)))
    return PlanItem(
        order=order,
        topic=topic,
        # The requirement's own skill or phrase, never a neighbour whose notes filled the breakdown.
        skill=need.members[0].name if need.members else need.name,
        reason=reason,
        prerequisites=[p for p in prerequisites if p not in {m.name for m in need.members}],
        subtopics=found.subtopics,
        est_hours=topic_hours(need, taxonomy),
        priority=need.priority,
        questions=[q.text for q in shown(found.questions)[:SHOWN_QUESTIONS]],
        sources=found.sources,
        requirements=need.requirements,
        breakdown=found.origin,
    )
