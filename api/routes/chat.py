"""The guided chat on a thread: one message in, a streamed reply out."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException
from fastapi.sse import EventSourceResponse, ServerSentEvent

from api.deps import OwnedThread, ServicesDep
from api.errors import UNPROCESSABLE
from api.sse import stream_run
from mulakat.analysis import report_from_state
from mulakat.guide import Message, Reply, reply
from mulakat.models import Report
from mulakat.streaming import PRACTICE_LABELS, NodeListener
from mulakat.threads import touch

router = APIRouter(prefix="/v1/threads/{thread_id}", tags=["chat"])


async def _report(svc: ServicesDep, thread_id: OwnedThread) -> Report:
    snapshot = await svc.graph.aget_state({"configurable": {"thread_id": thread_id}})
    if "readiness" not in snapshot.values:
        raise HTTPException(404, f"no analysis on thread {thread_id}")
    return report_from_state(thread_id, snapshot.values)


_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "No or invalid candidate token"},
    404: {"description": "No such thread, or not yours"},
    422: {**UNPROCESSABLE, "description": "An empty or oversized message"},
}


@router.post("/messages", response_class=EventSourceResponse, responses=_ERRORS)
async def post_message(
    thread_id: OwnedThread, body: Message, svc: ServicesDep, report: Annotated[Report, Depends(_report)]
) -> AsyncIterator[ServerSentEvent]:
    """Chat: ask about the score, gaps, plan or progress, or say 'practise'. While a question waits, a message
    is the answer to it ('stop' ends the session). Streams `progress` events while an answer is graded,
    then `result` (the reply: text, citations, quick replies and, in practice, the practice view)."""

    async def work(on_node: NodeListener) -> Reply:
        answer = await reply(svc, thread_id, report, body, on_node)
        await touch(svc.pool, thread_id)
        return answer

    async for event in stream_run(work, PRACTICE_LABELS):
        yield event
