"""The compiled graph and the services its runs use, opened together by whoever starts the app."""

from __future__ import annotations

import asyncio
import dataclasses
import gc
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from langgraph.graph.state import CompiledStateGraph

from graph.builder import compile_graph
from mulakat.documents.parsing import preload_readers
from mulakat.services import Services, open_services
from mulakat.storage import tracing
from mulakat.storage.settings import Settings

T = TypeVar("T")


@dataclass(frozen=True)
class Runner:
    services: Services
    graph: CompiledStateGraph[Any, Any, Any, Any]
    """Compiled once per process with the services' Postgres checkpointer."""

    def with_services(self, **changes: Any) -> Runner:
        """The same graph run with changed services (another chat model, say): they reach the nodes per run."""
        return Runner(dataclasses.replace(self.services, **changes), self.graph)

    def run_config(
        self,
        thread_id: str,
        kind: Literal["analysis", "practice"],
        *,
        candidate_id: str | None = None,
        run_id: uuid.UUID | None = None,
    ) -> dict[str, Any]:
        """The config of one analysis or practice run: named and tagged by kind, traced as the services say."""
        return tracing.run_config(
            thread_id=thread_id,
            run_name=f"mulakat.{kind}",
            mode=self.services.mode,
            model=self.services.settings.chat_model,
            redaction=self.services.settings.trace_redaction,
            candidate_id=candidate_id,
            run_id=run_id,
            tags=(kind,),
        )


@asynccontextmanager
async def open_runner(settings: Settings | None = None) -> AsyncIterator[Runner]:
    """Open the services, compile the graph on their checkpointer, and close everything on exit."""
    async with open_services(settings) as services:
        runner = Runner(services, compile_graph(services.checkpointer))
        freeze_startup_heap()
        yield runner


def freeze_startup_heap() -> None:
    """Leave what the process has loaded so far (modules, taxonomy, models, graph) out of garbage collection.

    It lives as long as the process does, yet every full collection walked it again: one took about 200 ms in
    the middle of an analysis, and the interpreter's last, at exit, 0.3-0.6 s of every CLI command. Only the first
    runner of a process freezes, so a process that opens many (the tests) keeps no garbage of the later ones.
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()


def warm_up_server() -> None:
    """A server's first upload would import the document readers; import them now, and leave them out of
    collections too (they are 150,000 objects, 40-70 ms for each full collection that walked them)."""
    preload_readers()
    gc.freeze()


def run_with_runner(work: Callable[[Runner], Awaitable[T]], settings: Settings | None = None) -> T:
    """Open everything, run one piece of work, close everything: how the CLI and the evals run the graph."""

    async def main() -> T:
        async with open_runner(settings) as runner:
            return await work(runner)

    return asyncio.run(main())
