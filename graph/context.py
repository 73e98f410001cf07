"""What each run is given besides its state: the services its nodes and tools use."""

from __future__ import annotations

from dataclasses import dataclass

from langgraph.runtime import Runtime

from mulakat.services import Services, services_from_settings


@dataclass(frozen=True)
class Context:
    """Per-run handles, passed as `context=` to every run. `services` is None only under langgraph dev,
    which cannot pass objects to a run."""

    services: Services | None = None


async def run_services(runtime: Runtime[Context]) -> Services:
    """The run's services; under langgraph dev, the process's own, opened from settings."""
    context = runtime.context
    if context is not None and context.services is not None:
        return context.services
    return await services_from_settings()


def thread_of(runtime: Runtime[Context]) -> str:
    """The id of the thread this run is on ("" for a run with no checkpointer)."""
    info = runtime.execution_info
    return (info.thread_id if info is not None else None) or ""
