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
from mulakat.packs.draft_store import drafts_for
from mulakat.planning.breakdown import Breakdown, Search, StudyQuestion
from mulakat.planning.drafted import draft_source, drafted_breakdown, skills_to_draft, usable_drafts
from mulakat.planning.items import breakdown_subjects, plan_item
from mulakat.planning.left_out import MAX_PLAN_ITEMS
from mulakat.planning.plan import PlanNeed, plan_needs
from mulakat.planning.practice_source import asked_of, breakdown_questions
from mulakat.planning.schedule import build_schedule
from mulakat.practice.session import (
    PracticeQuestion,
    PracticeSession,
    Target,
    choose_question,
    close_turn,
    mastery_for,
    practice_targets,
    question_from_hit,
)
from mulakat.practice.transcript import asked_in_session
from mulakat.services import Services
from mulakat.skills.taxonomy import Taxonomy
from mulakat.storage.vectors import stable_id
from tools.drafting import draft_pack
from tools.retrieval import search_knowledge


async def _search(args: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = await search_knowledge.ainvoke(args)
    return found


async def guidance(state: AnalysisState, runtime: Runtime[Context]) -> dict[str, Any]:
    services = await run_services(runtime)
    held = {s.skill: s for s in state["skills"]}
    skill_ids = {r.id: r.skill for r in state["requirements"]}
    examples = {r.id: list(r.examples) for r in state["requirements"] if r.examples}
    needs = plan_needs(state["results"], skill_ids, held, services.taxonomy, examples)[:MAX_PLAN_ITEMS]
    taxonomy = services.taxonomy
    skills = {a.skill for need in needs for a in breakdown_subjects(need, taxonomy) if a.skill}
    stored = await drafts_for(services.pool, skills)
    drafts = usable_drafts(stored, unreviewed=services.chat_model is not None)
    plan = list(
        await asyncio.gather(
            *(plan_item(order, need, taxonomy, _search, drafts) for order, need in enumerate(needs, start=1))
        )
    )
    flags: dict[str, Any] = {}
    limit = services.settings.draft_packs_per_run
    wanted = skills_to_draft(plan, needs, stored, taxonomy, limit) if services.chat_model is not None else []
    if wanted:
        plan, flags = await _with_drafts(plan, needs, wanted, drafts, services, state.get("warnings", []))
    schedule = None
    if state.get("interview_date"):
        today = date.fromisoformat(state["today"]) if state.get("today") else date.today()
        interview = date.fromisoformat(state["interview_date"])
        schedule = build_schedule(plan, interview, state.get("hours_per_day", 2.0), today)
    # The score joins the thread's history here, at the run's last step: a run killed midway leaves none.
    point = HistoryPoint(
        at=datetime.now(UTC).isoformat(timespec="seconds"), score=state["readiness"].score, job=state["job"].source
    )
    return {"plan": plan, "schedule": schedule, "history": [point], **flags}


async def _with_drafts(
    plan: list[PlanItem],
    needs: list[PlanNeed],
    wanted: list[str],
    drafts: dict[str, Breakdown],
    services: Services,
    warnings: list[str],
) -> tuple[list[PlanItem], dict[str, Any]]:
    """Draft packs for `wanted` at once and rebuild the topics they serve; a failure or rejection keeps the
    assembled breakdown and is flagged as the feedback node flags rejected prose."""
    taxonomy = services.taxonomy
    problems = []
    for attempt in await asyncio.gather(*(draft_pack(services, skill, _search) for skill in wanted)):
        name = taxonomy[attempt.skill].name
        if attempt.stored is not None and attempt.stored.status == "draft":
            drafts[attempt.skill] = drafted_breakdown(attempt.stored)
        elif attempt.stored is not None:  # rejected by the pack checks
            problems.append(f"the pack a chat model drafted for {name} was rejected ({attempt.stored.reason})")
        elif attempt.failure:
            problems.append(f"drafting a pack for {name} failed ({attempt.failure})")
    rebuilt = list(plan)
    for i, need in enumerate(needs):
        if any(a.skill in drafts and a.skill in wanted for a in breakdown_subjects(need, taxonomy)):
            rebuilt[i] = await plan_item(i + 1, need, taxonomy, _search, drafts)
    if not problems:
        return rebuilt, {}
    said = [f"guidance: {p}; the assembled breakdown is used" for p in problems]
    return rebuilt, {"fallback": True, "warnings": list(dict.fromkeys([*warnings, *said]))}


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
    targets = practice_targets(state["results"], state["requirements"], mastery, now, free_text=True)
    for target in targets:
        known = mastery_for(target.skill, mastery, state["results"], state["requirements"])
        candidates = await practice_candidates(target, state, services)
        chosen = choose_question(candidates, known, asked)
        if chosen is not None:
            why = f"{target.why} Difficulty {chosen.difficulty} of 3 suits your mastery {known.mean:.2f}{_via(chosen)}."
            return chosen.model_copy(update={"skill": target.skill, "requirement": target.requirement, "why": why})
    return None


async def practice_candidates(
    target: Target, state: AnalysisState | dict[str, Any], services: Services, search: Search = _search
) -> list[PracticeQuestion]:
    """The skill's own pack questions; else the questions of its plan breakdown (other notes naming it, or built).

    `search` is the knowledge search; evaluations outside a graph run pass one bound to their services.
    """
    taxonomy = services.taxonomy
    req = next(r for r in state["requirements"] if r.id == target.requirement)
    name = taxonomy[req.skill].name if req.skill else req.name
    if req.skill in services.question_skills:
        # The pack's own questions are a listing, not a search: next_question picks among all of them.
        hits = await search({"skill": req.skill, "kind": "question", "k": 30})
        return [question_from_hit(h, name) for h in hits]
    result = next((r for r in state["results"] if r.id == req.id), None)
    stored = await drafts_for(services.pool, [req.skill] if req.skill else [])
    drafts = usable_drafts(stored, unreviewed=services.chat_model is not None)
    found = await breakdown_questions(asked_of(req, result), taxonomy, search, drafts)
    known = taxonomy.skills
    return [
        PracticeQuestion(
            id=stable_id(q.source, q.text),
            text=q.text,
            skill=target.skill,
            skill_name=name,
            requirement=None,
            kind=q.kind,
            difficulty=q.difficulty,
            rubric=q.rubric,
            source=q.source,
            # Held in `why` until _pick writes the full reason: where a question from other notes came from.
            why=_borrowed(q, req.skill, name, taxonomy) if q.skill in known else "",
            assembled=q.assembled,
        )
        for q in found
    ]


def _borrowed(question: StudyQuestion, skill: str | None, name: str, taxonomy: Taxonomy) -> str:
    """Where a question not from the skill's own pack came from: a pack drafted for it, or notes that name it."""
    if skill and question.source == draft_source(skill):
        return " (from a pack a chat model drafted from cited passages)"
    return f" (from the notes on {taxonomy[str(question.skill)].name}, which name {name})"


def _via(question: PracticeQuestion) -> str:
    if question.assembled:
        return " (built from the assembled breakdown: no written questions on it yet)"
    return question.why  # where a borrowed question came from, set by practice_candidates
