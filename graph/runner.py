"""The compiled graph and the services its runs use, opened together by whoever starts the app."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from langgraph.graph.state import CompiledStateGraph

from graph.builder import compile_graph
from mulakat.services import Services, open_services
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


@asynccontextmanager
async def open_runner(settings: Settings | None = None) -> AsyncIterator[Runner]:
    """Open the services, compile the graph on their checkpointer, and close everything on exit."""
    async with open_services(settings) as services:
        yield Runner(services, compile_graph(services.checkpointer))


def run_with_runner(work: Callable[[Runner], Awaitable[T]], settings: Settings | None = None) -> T:
    """Open everything, run one piece of work, close everything: how the CLI and the evals run the graph."""

    async def main() -> T:
        async with open_runner(settings) as runner:
            return await work(runner)

    return asyncio.run(main())
