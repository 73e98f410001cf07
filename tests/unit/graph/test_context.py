"""Nodes get their services from the run's context; only langgraph dev, which passes none, falls back."""

from __future__ import annotations

from typing import Any

import pytest
from langgraph.runtime import ExecutionInfo, Runtime

import graph.context
from graph.context import Context, run_services, thread_of

pytestmark = pytest.mark.anyio


async def test_the_runs_services_come_from_its_context(monkeypatch: pytest.MonkeyPatch) -> None:
    async def must_not_open() -> Any:
        raise AssertionError("a run given services must not open others")

    monkeypatch.setattr(graph.context, "services_from_settings", must_not_open)
    given: Any = object()
    assert await run_services(Runtime(context=Context(services=given))) is given


@pytest.mark.parametrize("context", [None, Context()])
async def test_without_services_the_run_opens_them_from_settings(
    monkeypatch: pytest.MonkeyPatch, context: Context | None
) -> None:
    opened: Any = object()

    async def from_settings() -> Any:
        return opened

    monkeypatch.setattr(graph.context, "services_from_settings", from_settings)
    assert await run_services(Runtime(context=context)) is opened


def test_thread_of_reads_the_runs_thread() -> None:
    info = ExecutionInfo(checkpoint_id="c", checkpoint_ns="", task_id="t", thread_id="thread-7")
    assert thread_of(Runtime(context=Context(), execution_info=info)) == "thread-7"
    assert thread_of(Runtime(context=Context())) == ""
