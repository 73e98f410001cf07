"""The guided chat on a thread: one message in, a streamed reply out."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter
from fastapi.sse import EventSourceResponse, ServerSentEvent

from api.deps import OwnedThread, RunnerDep, ThreadReport
from api.errors import UNPROCESSABLE
from api.sse import stream_run
from graph.guided_chat import Message, Reply, reply
from graph.streaming import PRACTICE_LABELS, NodeListener
from mulakat.storage.threads import touch

router = APIRouter(prefix="/v1/threads/{thread_id}", tags=["chat"])


_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "No or invalid candidate token"},
    404: {"description": "No such thread, or not yours"},
    422: {**UNPROCESSABLE, "description": "An empty or oversized message"},
}


@router.post("/messages", response_class=EventSourceResponse, responses=_ERRORS)
async def post_message(
    thread_id: OwnedThread, body: Message, runner: RunnerDep, report: ThreadReport
) -> AsyncIterator[ServerSentEvent]:
    """Chat: ask about the score, gaps, plan or progress, or say 'practise'. While a question waits, a message
    is the answer to it ('stop' ends the session). Streams `progress` events while an answer is graded,
    then `result` (the reply: text, citations, quick replies and, in practice, the practice view)."""

    async def work(on_node: NodeListener) -> Reply:
        answer = await reply(runner, thread_id, report, body, on_node)
        await touch(runner.services.pool, thread_id)
        return answer

    async for event in stream_run(work, PRACTICE_LABELS):
        yield event
