"""Drive a practice session on a thread: start or resume it, answer, and read where it stands."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

from langgraph.types import Command, StateSnapshot
from pydantic import BaseModel, Field

from graph.runner import Runner
from graph.streaming import NodeListener, run_graph
from mulakat.models import FeedbackItem, Readiness
from mulakat.practice import transcript
from mulakat.practice.grading import Grade
from mulakat.practice.mastery import Mastery
from mulakat.practice.progress import ReadinessPoint
from mulakat.practice.session import DEFAULT_GOAL, Answer, AskedQuestion, practice_targets


class PracticeError(ValueError):
    """The thread cannot practise (no analysis yet, or nothing waiting for an answer)."""


class NoAnalysis(PracticeError):
    """Practice needs an analysis on the thread first."""


class NothingWaiting(PracticeError):
    """An answer came when no question was waiting (the session ended, or another answer was taken first)."""


class Busy(NothingWaiting):
    """Another request on the same thread is being processed; this one changed nothing."""


@asynccontextmanager
async def thread_lock(runner: Runner, thread_id: str) -> AsyncIterator[None]:
    """One practice step per thread at a time, across processes: a Postgres advisory lock, not waited for."""
    async with runner.services.locks.connection() as conn:
        cur = await conn.execute("SELECT pg_try_advisory_lock(hashtextextended(%s, 7))", (thread_id,))
        row = await cur.fetchone()
        if not row or not row[0]:
            raise Busy(f"thread {thread_id} is busy with another answer; nothing was changed")
        try:
            yield
        finally:
            await conn.execute("SELECT pg_advisory_unlock(hashtextextended(%s, 7))", (thread_id,))


class PracticeView(BaseModel):
    """What a client shows after each step: the last answer's grade and feedback, and the next question."""

    thread_id: str
    session_id: str | None
    question: AskedQuestion | None
    """The question waiting for an answer; None when the session is over."""
    turn: int
    answered: int
    goal: int
    last_grade: Grade | None
    last_feedback: list[FeedbackItem]
    readiness: Readiness | None
    """Readiness with practice fused in; the analysis' own score until the first answer."""
    done: bool
    stop_reason: str | None


async def _snapshot(runner: Runner, thread_id: str) -> StateSnapshot:
    return await runner.graph.aget_state({"configurable": {"thread_id": thread_id}})


def _view(thread_id: str, snapshot: StateSnapshot) -> PracticeView:
    return _view_of(thread_id, snapshot.values, waiting=bool(snapshot.interrupts))


def _view_of(thread_id: str, values: dict[str, Any], waiting: bool) -> PracticeView:
    if "results" not in values:
        raise NoAnalysis(f"no analysis on thread {thread_id}: analyse a resume and a job posting first")
    session = values.get("practice")
    return PracticeView(
        thread_id=thread_id,
        session_id=session.session_id if session else None,
        question=AskedQuestion.model_validate(session.question.model_dump())
        if session and session.question and waiting
        else None,
        turn=session.turn if session else 0,
        answered=session.answered if session else 0,
        goal=session.goal if session else DEFAULT_GOAL,
        last_grade=session.grade if session else None,
        last_feedback=session.feedback if session else [],
        readiness=values.get("practice_readiness") or values.get("readiness"),
        done=not waiting,
        stop_reason=session.stop_reason if session else None,
    )


async def practice_view(runner: Runner, thread_id: str) -> PracticeView:
    return _view(thread_id, await _snapshot(runner, thread_id))


async def _run_and_view(
    runner: Runner, thread_id: str, command: Any, on_node: NodeListener | None = None
) -> PracticeView:
    run_id = uuid.uuid4()
    run = await run_graph(runner, command, runner.run_config(thread_id, "practice", run_id=run_id), on_node)
    await transcript.link_run(runner.services.pool, thread_id, run_id)
    return _view_of(thread_id, run.values, waiting=run.interrupted)


async def current_view(runner: Runner, thread_id: str) -> PracticeView:
    """The view after finishing any run a killed process left mid-turn (its nodes run once, from the checkpoint)."""
    snapshot = await _snapshot(runner, thread_id)
    if snapshot.next and not snapshot.interrupts:
        return await _run_and_view(runner, thread_id, None)
    return _view(thread_id, snapshot)


async def start_practice(
    runner: Runner, thread_id: str, goal: int = DEFAULT_GOAL, on_node: NodeListener | None = None
) -> PracticeView:
    """Resume the question left waiting on the thread, else start a new session of `goal` answers."""
    if not 1 <= goal <= 100:
        raise PracticeError(f"a session goal must be 1 to 100 answers, not {goal}")
    async with thread_lock(runner, thread_id):
        view = await current_view(runner, thread_id)
        if not view.done:
            return view
        return await _run_and_view(runner, thread_id, {"intent": "practice", "practice_goal": goal}, on_node)


async def answer_question(
    runner: Runner, thread_id: str, answer: Answer, on_node: NodeListener | None = None
) -> PracticeView:
    """Grade the answer to the waiting question; the view carries its feedback and the next question."""
    async with thread_lock(runner, thread_id):
        view = await current_view(runner, thread_id)
        if view.done or view.question is None:
            raise NothingWaiting(f"no question is waiting on thread {thread_id}: start a practice session")
        if answer.question_id is not None and answer.question_id != view.question.id:
            raise NothingWaiting(f"question {answer.question_id} is no longer waiting; {view.question.id} is")
        return await _run_and_view(runner, thread_id, Command(resume=answer.model_dump()), on_node)


class ProgressData(BaseModel):
    thread_id: str
    points: list[ReadinessPoint]
    mastery: list[Mastery]
    skill_names: dict[str, str] = Field(default_factory=dict, description="Display name per skill id in mastery.")
    next_steps: list[str]
    turns: int


async def progress(runner: Runner, thread_id: str) -> ProgressData:
    """Readiness over time (each analysis, then each graded answer), mastery per skill, and what to do next."""
    snapshot = await _snapshot(runner, thread_id)
    view = _view(thread_id, snapshot)
    points = [
        ReadinessPoint(
            at=row["created_at"].isoformat(timespec="seconds"),
            score=row["readiness"],
            low=int(row["low"]) if row["low"] is not None else None,
            high=int(row["high"]) if row["high"] is not None else None,
            label="analysis",
        )
        for row in await transcript.analyses(runner.services.pool, thread_id)
    ]
    rows = await transcript.readiness_by_turn(runner.services.pool, thread_id)
    points += [
        ReadinessPoint(
            at=row["created_at"].isoformat(timespec="seconds"),
            score=row["readiness"],
            low=row["readiness_low"],
            high=row["readiness_high"],
            label=f"practice {row['turn']}",
        )
        for row in rows
    ]
    points.sort(key=lambda p: p.at)
    values = snapshot.values
    mastery = sorted(values.get("mastery", {}).values(), key=lambda m: m.mean)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    targets = practice_targets(values["results"], values["requirements"], values.get("mastery", {}), now)
    steps = []
    if view.question is not None:
        steps.append(f"Answer the waiting question: {view.question.text}")
    steps += [f"Practise {runner.services.taxonomy[t.skill].name}: {t.why}" for t in targets[:3]]
    names = {
        m.skill: runner.services.taxonomy[m.skill].name for m in mastery if m.skill in runner.services.taxonomy.skills
    }
    return ProgressData(
        thread_id=thread_id, points=points, mastery=mastery, skill_names=names, next_steps=steps, turns=len(rows)
    )
