"""Wire the graph.

analysis:  analyzer -> evaluator -> feedback -> guidance (plan) -> end
practice:  guidance (next question) -> ask (waits) -> evaluator (grade) -> feedback -> guidance -> ...
"""

from __future__ import annotations

from typing import Literal

from langgraph.graph import START, StateGraph

from graph.state import AnalysisInput, AnalysisState, Context
from nodes.analyzer import analyzer
from nodes.ask import ask
from nodes.evaluator import evaluator
from nodes.feedback import feedback
from nodes.guidance import guidance


def route_start(state: AnalysisState) -> Literal["analyzer", "guidance"]:
    return "guidance" if state.get("intent") == "practice" else "analyzer"


def route_after_guidance(state: AnalysisState) -> Literal["ask", "__end__"]:
    session = state.get("practice")
    practising = state.get("intent") == "practice" and session is not None and not session.done
    return "ask" if practising else "__end__"


def route_after_ask(state: AnalysisState) -> Literal["evaluator", "__end__"]:
    return "__end__" if state["practice"].done else "evaluator"


def build_graph() -> StateGraph[AnalysisState, Context, AnalysisInput, AnalysisState]:
    builder = StateGraph(AnalysisState, context_schema=Context, input_schema=AnalysisInput)
    builder.add_node("analyzer", analyzer)
    builder.add_node("evaluator", evaluator)
    builder.add_node("feedback", feedback)
    builder.add_node("guidance", guidance)
    builder.add_node("ask", ask)
    builder.add_conditional_edges(START, route_start)
    builder.add_edge("analyzer", "evaluator")
    builder.add_edge("evaluator", "feedback")
    builder.add_edge("feedback", "guidance")
    builder.add_conditional_edges("guidance", route_after_guidance)
    builder.add_conditional_edges("ask", route_after_ask)
    return builder


# For `langgraph dev`: the server brings its own checkpointer, so none is attached here.
graph = build_graph().compile(name="mulakat")
