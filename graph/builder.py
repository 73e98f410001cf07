"""Wire the graph: analyzer -> evaluator -> feedback -> guidance."""

from __future__ import annotations

from langgraph.graph import END, START, StateGraph

from graph.state import AnalysisInput, AnalysisState, Context
from nodes.analyzer import analyzer
from nodes.evaluator import evaluator
from nodes.feedback import feedback
from nodes.guidance import guidance


def build_graph() -> StateGraph[AnalysisState, Context, AnalysisInput, AnalysisState]:
    builder = StateGraph(AnalysisState, context_schema=Context, input_schema=AnalysisInput)
    builder.add_node("analyzer", analyzer)
    builder.add_node("evaluator", evaluator)
    builder.add_node("feedback", feedback)
    builder.add_node("guidance", guidance)
    builder.add_edge(START, "analyzer")
    builder.add_edge("analyzer", "evaluator")
    builder.add_edge("evaluator", "feedback")
    builder.add_edge("feedback", "guidance")
    builder.add_edge("guidance", END)
    return builder


# For `langgraph dev`: the server brings its own checkpointer, so none is attached here.
graph = build_graph().compile(name="mulakat")
