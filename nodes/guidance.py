"""guidance: an ordered study plan from the gaps, with topic material from the knowledge store."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any

from langchain_core.runnables import RunnableConfig

from graph.state import AnalysisState
from mulakat.models import PlanItem
from mulakat.planning import PlanNeed, estimate_hours, plan_needs
from mulakat.schedule import build_schedule
from mulakat.services import current_services
from mulakat.taxonomy import Taxonomy
from tools.retrieval import search_knowledge

MAX_PLAN_ITEMS = 10


def _note_sources(taxonomy: Taxonomy, skill_id: str) -> list[str]:
    """Where to look for study notes: the skill, then its broader skill, then related ones."""
    skill = taxonomy[skill_id]
    return [skill_id, *([skill.parent] if skill.parent else []), *skill.related]


async def _plan_item(order: int, need: PlanNeed, taxonomy: Taxonomy, config: RunnableConfig) -> PlanItem:
    skill = taxonomy[need.skill]
    topic, subtopics, reason = f"{skill.name}", [], need.reason
    questions: list[str] = []
    sources: list[str] = []
    for source in _note_sources(taxonomy, need.skill):
        notes = await search_knowledge.ainvoke(
            {"query": f"{skill.name} interview topics", "skill": source, "kind": "overview", "k": 1}, config
        )
        if notes:
            note = notes[0]
            topic, subtopics = f"{skill.name}: {note['title']}", list(note["subtopics"])
            sources.append(note["source"])
            if source != need.skill:
                reason += f" (No notes on {skill.name} yet; using the notes on {taxonomy[source].name}.)"
            found = await search_knowledge.ainvoke(
                {"query": f"{skill.name} interview question", "skill": source, "kind": "question", "k": 8}, config
            )
            # Easiest first: a plan should start where the candidate can answer.
            questions = [q["text"] for q in sorted(found, key=lambda q: (q["difficulty"], q["text"]))][:3]
            break
    else:
        reason += f" (No study notes on {skill.name} in the knowledge store yet.)"
    return PlanItem(
        order=order,
        topic=topic,
        skill=skill.name,
        reason=reason,
        prerequisites=[taxonomy[p].name for p in taxonomy.prerequisites(need.skill)],
        subtopics=subtopics,
        est_hours=estimate_hours(taxonomy, need.skill, need.credit),
        priority="must" if need.rank[0] == 0 else "nice",
        questions=questions,
        sources=sources,
    )


async def guidance(state: AnalysisState, config: RunnableConfig) -> dict[str, Any]:
    services = await current_services()
    held = {s.skill: s for s in state["skills"]}
    skill_ids = {r.id: r.skill for r in state["requirements"]}
    needs = plan_needs(state["results"], skill_ids, held, services.taxonomy)[:MAX_PLAN_ITEMS]
    plan = list(
        await asyncio.gather(
            *(_plan_item(order, need, services.taxonomy, config) for order, need in enumerate(needs, start=1))
        )
    )
    schedule = None
    if state.get("interview_date"):
        today = date.fromisoformat(state["today"]) if state.get("today") else date.today()
        interview = date.fromisoformat(state["interview_date"])
        schedule = build_schedule(plan, interview, state.get("hours_per_day", 2.0), today)
    return {"plan": plan, "schedule": schedule}
