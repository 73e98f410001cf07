"""Run the graph step by step, telling a listener which node just finished (for server-sent events)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, cast

from graph.builder import PRACTICE_ROLES
from graph.context import Context
from graph.runner import Runner

NodeListener = Callable[[str], Awaitable[None]]

# What a person reads as each node finishes; keys are the roles progress events name (see PRACTICE_ROLES).
ANALYSIS_LABELS = {
    "analyzer": "Read the resume and the job posting",
    "evaluator": "Checked each requirement against the resume",
    "feedback": "Wrote feedback with citations",
    "guidance": "Ordered the study plan",
}
PRACTICE_LABELS = {
    "ask": "Took your answer",  # the interrupted node finishes when the answer resumes it
    "evaluator": "Graded the answer against the rubric",
    "feedback": "Wrote feedback with citations",
    "guidance": "Updated mastery and chose the next question",
}


@dataclass
class RunResult:
    values: dict[str, Any]
    interrupted: bool
    """True when the run stopped at an interrupt (a question waiting), not at the end."""


async def run_graph(runner: Runner, graph_input: Any, config: Any, on_node: NodeListener | None = None) -> RunResult:
    """Run to the end or the next interrupt. The result saves callers a second read of the checkpoint."""
    values: dict[str, Any] = {}
    interrupted = False
    async for mode, chunk in runner.graph.astream(
        graph_input, config, context=Context(services=runner.services), stream_mode=["updates", "values"]
    ):
        if mode == "values":
            values = dict(cast(dict[str, Any], chunk))  # stream_mode 'values' yields the whole state
            continue
        for node in chunk:
            if node == "__interrupt__":
                interrupted = True
            elif on_node is not None and not node.startswith("__"):
                await on_node(PRACTICE_ROLES.get(node, node))
    return RunResult(values, interrupted)
