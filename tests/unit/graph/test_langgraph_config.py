"""langgraph.json: `langgraph dev` must find the graph (no checkpointer of its own) and mount our HTTP app."""

from __future__ import annotations

import importlib.util
import json
from typing import Any

from fastapi import FastAPI
from langgraph.graph.state import CompiledStateGraph

from tests.support.paths import ROOT


def _load(ref: str) -> Any:
    path, _, name = ref.partition(":")
    spec = importlib.util.spec_from_file_location(f"lgconfig_{name}", ROOT / path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, name)


def test_langgraph_json_points_at_the_graph_and_the_api() -> None:
    config = json.loads((ROOT / "langgraph.json").read_text())
    graph = _load(config["graphs"]["mulakat"])
    assert isinstance(graph, CompiledStateGraph)
    assert graph.checkpointer is None, "the server brings its own persistence and refuses a graph with one"
    assert set(graph.nodes) >= {"analyzer", "evaluator", "feedback", "guidance", "ask"}
    app = _load(config["http"]["app"])
    assert isinstance(app, FastAPI)
    assert {"/v1/analyses/stream", "/v1/threads/{thread_id}/messages", "/widget.js"} <= set(app.openapi()["paths"])
