"""Stream a graph run as server-sent events: one `progress` event per finished node, then `result`.

The run goes on in its own task, so a client that disconnects mid-stream loses nothing: the work
finishes, is checkpointed and recorded, and the client reads it back with GET after reconnecting.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable

from fastapi.sse import ServerSentEvent
from pydantic import BaseModel

from api.errors import RETRY_AFTER_S, status_and_detail
from graph.streaming import NodeListener

log = logging.getLogger(__name__)

_RUNNING: set[asyncio.Task[None]] = set()  # strong references: a bare task can be garbage-collected


async def stream_run(
    work: Callable[[NodeListener], Awaitable[BaseModel]],
    labels: dict[str, str],
    first: ServerSentEvent | None = None,
) -> AsyncIterator[ServerSentEvent]:
    queue: asyncio.Queue[ServerSentEvent | None] = asyncio.Queue()

    async def on_node(node: str) -> None:
        await queue.put(ServerSentEvent(event="progress", data={"node": node, "label": labels.get(node, node)}))

    async def run() -> None:
        try:
            result = await work(on_node)
            await queue.put(ServerSentEvent(event="result", data=result.model_dump(mode="json")))
        except Exception as exc:  # reported to the client as an event: the HTTP status is already sent
            status, detail = status_and_detail(exc)
            if status >= 500:
                log.exception("streamed run failed")
            data: dict[str, object] = {"status": status, "detail": detail}
            if status == 503:  # what the Retry-After header says on a plain response
                data["retry_after"] = RETRY_AFTER_S
            await queue.put(ServerSentEvent(event="error", data=data))
        finally:
            await queue.put(None)

    task = asyncio.create_task(run())
    _RUNNING.add(task)
    task.add_done_callback(_RUNNING.discard)
    if first is not None:
        yield first
    while (event := await queue.get()) is not None:
        yield event
