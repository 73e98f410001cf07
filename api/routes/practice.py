"""Practice on a thread: start or resume a session, answer (plain or streamed), read where it stands."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException
from fastapi.sse import EventSourceResponse, ServerSentEvent
from pydantic import BaseModel, Field

from api.deps import OwnedThread, RunnerDep
from api.errors import UNPROCESSABLE
from api.sse import stream_run
from graph.practice import PracticeView, answer_question, practice_view, start_practice
from graph.streaming import PRACTICE_LABELS, NodeListener
from mulakat.practice.session import DEFAULT_GOAL, Answer
from mulakat.storage.threads import touch

router = APIRouter(prefix="/v1/threads/{thread_id}/practice", tags=["practice"])


class PracticeStart(BaseModel):
    goal: int = Field(default=DEFAULT_GOAL, ge=1, le=100, description="Answers in a new session.")


_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "No or invalid candidate token"},
    404: {"description": "No such thread, not yours, or no analysis on it yet"},
    409: {"description": "No question is waiting, the answer is to an old question, or another answer is in"},
    422: {**UNPROCESSABLE, "description": "A bad answer or goal, or the thread's documents cannot be read"},
}


@router.post("", response_model=PracticeView, responses=_ERRORS)
async def post_practice(thread_id: OwnedThread, body: PracticeStart, runner: RunnerDep) -> PracticeView:
    """Start a practice session, or return the question already waiting on the thread."""
    view = await start_practice(runner, thread_id, body.goal)
    await touch(runner.services.pool, thread_id)
    return view


@router.get("", response_model=PracticeView, responses=_ERRORS)
async def get_practice(thread_id: OwnedThread, runner: RunnerDep) -> PracticeView:
    """Where the session stands: the waiting question, the last grade and its feedback."""
    return await practice_view(runner, thread_id)


async def _answer(runner: RunnerDep, thread_id: str, body: Answer, on_node: NodeListener | None) -> PracticeView:
    view = await answer_question(runner, thread_id, body, on_node)
    await touch(runner.services.pool, thread_id)
    return view


@router.post("/answers", response_model=PracticeView, responses=_ERRORS)
async def post_answer(thread_id: OwnedThread, body: Answer, runner: RunnerDep) -> PracticeView:
    """Answer the waiting question (or stop): its grade, cited feedback and the next question."""
    return await _answer(runner, thread_id, body, None)


async def _answerable(thread_id: OwnedThread, body: Answer, runner: RunnerDep) -> Answer:
    """Refuse, as a real 409 before the stream starts, an answer with no question or to an old one."""
    view = await practice_view(runner, thread_id)
    if view.question is None:
        raise HTTPException(409, f"no question is waiting on thread {thread_id}: start a practice session")
    if body.question_id is not None and body.question_id != view.question.id:
        raise HTTPException(409, f"question {body.question_id} is no longer waiting; {view.question.id} is")
    return body


@router.post("/answers/stream", response_class=EventSourceResponse, responses=_ERRORS)
async def stream_answer(
    thread_id: OwnedThread, body: Annotated[Answer, Depends(_answerable)], runner: RunnerDep
) -> AsyncIterator[ServerSentEvent]:
    """The same answer as server-sent events: `progress` per step (grading, feedback, next question),
    then `result` (the practice view). A stale answer is a 409 before the stream starts; one that loses
    a race with a simultaneous answer ends with an `error` event of `status` 409."""

    async def work(on_node: NodeListener) -> PracticeView:
        return await _answer(runner, thread_id, body, on_node)

    async for event in stream_run(work, PRACTICE_LABELS):
        yield event
