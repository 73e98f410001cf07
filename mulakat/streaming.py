"""Run the graph step by step, telling a listener which node just finished (for server-sent events)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from graph.state import Context
from mulakat.services import Services

NodeListener = Callable[[str], Awaitable[None]]

# What a person reads as each node finishes; keys are the graph's node names.
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


async def run_graph(
    services: Services, graph_input: Any, config: Any, on_node: NodeListener | None = None
) -> dict[str, Any]:
    """Run to the end or the next interrupt; return the final state values."""
    if on_node is None:
        result = await services.graph.ainvoke(graph_input, config, context=Context(services=services))
        return dict(result)
    values: dict[str, Any] = {}
    async for mode, chunk in services.graph.astream(
        graph_input, config, context=Context(services=services), stream_mode=["updates", "values"]
    ):
        if mode == "values":
            values = dict(chunk)
            continue
        for node in chunk:
            if not node.startswith("__"):  # __interrupt__ is not a step
                await on_node(node)
    return values
