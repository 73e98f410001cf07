"""guidance: an ordered study plan from the gaps; next_question: in practice, the next question to ask.

The next question targets the largest weighted gap, at the difficulty the candidate's mastery calls for,
brings back skills answered weakly before (spaced repetition) and never repeats within a session.
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, date, datetime
from typing import Any

from langgraph.runtime import Runtime

from graph.context import Context, run_services, thread_of
from graph.state import AnalysisState, HistoryPoint, turn_in_hand
from mulakat.models import PlanItem
from mulakat.planning.plan import PlanNeed, estimate_hours, plan_needs
from mulakat.planning.schedule import build_schedule
from mulakat.practice.session import (
    PracticeQuestion,
    PracticeSession,
    choose_question,
    close_turn,
    mastery_for,
    practice_targets,
    question_from_hit,
)
from mulakat.practice.transcript import asked_in_session
from mulakat.services import Services
from mulakat.skills.taxonomy import Taxonomy
from tools.retrieval import search_knowledge

MAX_PLAN_ITEMS = 10


def _note_sources(taxonomy: Taxonomy, skill_id: str) -> list[str]:
    """Where to look for study notes: the skill, then its broader skill, then related ones."""
    skill = taxonomy[skill_id]
    return [skill_id, *([skill.parent] if skill.parent else []), *skill.related]


async def _plan_item(order: int, need: PlanNeed, taxonomy: Taxonomy) -> PlanItem:
    skill = taxonomy[need.skill]
    topic, subtopics, reason = f"{skill.name}", [], need.reason
    questions: list[str] = []
    sources: list[str] = []
    for source in _note_sources(taxonomy, need.skill):
        notes = await search_knowledge.ainvoke(
            {"query": f"{skill.name} interview topics", "skill": source, "kind": "overview", "k": 1}
        )
        if notes:
            note = notes[0]
            topic, subtopics = f"{skill.name}: {note['title']}", list(note["subtopics"])
            sources.append(note["source"])
            if source != need.skill:
                reason += f" (No notes on {skill.name} yet; using the notes on {taxonomy[source].name}.)"
            found = await search_knowledge.ainvoke(
                {"query": f"{skill.name} interview question", "skill": source, "kind": "question", "k": 8}
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


async def guidance(state: AnalysisState, runtime: Runtime[Context]) -> dict[str, Any]:
    services = await run_services(runtime)
    held = {s.skill: s for s in state["skills"]}
    skill_ids = {r.id: r.skill for r in state["requirements"] if r.skill is not None}
    needs = plan_needs(state["results"], skill_ids, held, services.taxonomy)[:MAX_PLAN_ITEMS]
    plan = list(
        await asyncio.gather(*(_plan_item(order, need, services.taxonomy) for order, need in enumerate(needs, start=1)))
    )
    schedule = None
    if state.get("interview_date"):
        today = date.fromisoformat(state["today"]) if state.get("today") else date.today()
        interview = date.fromisoformat(state["interview_date"])
        schedule = build_schedule(plan, interview, state.get("hours_per_day", 2.0), today)
    # The score joins the thread's history here, at the run's last step: a run killed midway leaves none.
    point = HistoryPoint(
        at=datetime.now(UTC).isoformat(timespec="seconds"), score=state["readiness"].score, job=state["job"].source
    )
    return {"plan": plan, "schedule": schedule, "history": [point]}


async def next_question(state: AnalysisState, runtime: Runtime[Context]) -> dict[str, Any]:
    if "results" not in state:
        raise ValueError("practice needs an analysis on this thread first: analyse a resume and a job posting")
    services, thread_id = await run_services(runtime), thread_of(runtime)
    # A thread analysed before the documents moved to their table: move them now, once, and drop its uploads.
    held = {"resume": state["resume"], "job": state["job"]}
    update: dict[str, Any] = dict(await services.documents.move_out(thread_id, held))
    if update:
        update |= {"resume_file": None, "job_file": None}
    session = state.get("practice")
    closed = state.get("practice_feedback")
    if session is not None and closed is not None and closed.turn == session.turn + 1:
        session = close_turn(session, turn_in_hand(state).grade, closed)  # the turn that just ended joins it
    if session is None or session.done:  # a new session; grade-free, turn count carried over
        turn = session.turn if session else 0
        session = PracticeSession(session_id=str(uuid.uuid4()), goal=state.get("practice_goal", 5), turn=turn)
    if session.answered >= session.goal:
        return {**update, "practice": session.model_copy(update={"done": True, "stop_reason": "session goal reached"})}
    question = await _pick(state, session, services, thread_id)
    if question is None:
        stopped = {"done": True, "stop_reason": "no unasked questions left for the gaps"}
        return {**update, "practice": session.model_copy(update=stopped)}
    return {**update, "practice": session.model_copy(update={"question": question, "answer": None})}


async def _pick(
    state: AnalysisState, session: PracticeSession, services: Services, thread_id: str
) -> PracticeQuestion | None:
    asked = await asked_in_session(services.pool, thread_id, session.session_id)
    mastery = state.get("mastery", {})
    now = datetime.now(UTC).isoformat(timespec="seconds")
    targets = practice_targets(state["results"], state["requirements"], mastery, now)
    for target in targets:
        name = services.taxonomy[target.skill].name
        known = mastery_for(target.skill, mastery, state["results"], state["requirements"])
        for source in _note_sources(services.taxonomy, target.skill):
            if source not in services.question_skills:
                continue  # nothing to find; a search would only cost a round trip
            hits = await search_knowledge.ainvoke(
                {"query": f"{name} interview question", "skill": source, "kind": "question", "k": 30}
            )
            candidates = [question_from_hit(h, name) for h in hits]
            chosen = choose_question(candidates, known, asked)
            if chosen is not None:
                via = "" if source == target.skill else f" (asked from {services.taxonomy[source].name}, closest notes)"
                why = f"{target.why} Difficulty {chosen.difficulty} of 3 suits your mastery {known.mean:.2f}{via}."
                return chosen.model_copy(update={"skill": target.skill, "requirement": target.requirement, "why": why})
    return None
