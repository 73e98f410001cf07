"""Wire the graph: two flows over the design card's four roles (analyzer, evaluator, feedback, guidance).

analysis:  analyzer -> evaluator -> feedback -> guidance (study plan) -> end
practice:  next_question -> ask (waits for the answer) -> grade_answer -> answer_feedback -> next_question -> ...

The practice steps are the evaluator's, feedback's and guidance's jobs on an answer; their modules hold both.
"""

from __future__ import annotations

import sys
from typing import Any, Literal

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from graph.context import Context
from graph.state import AnalysisInput, AnalysisState
from nodes.analyzer import analyzer
from nodes.ask import ask
from nodes.evaluator import evaluator, grade_answer
from nodes.feedback import answer_feedback, feedback
from nodes.guidance import guidance, next_question

# The role each practice step plays, as progress events and the widget name it.
PRACTICE_ROLES = {"next_question": "guidance", "ask": "ask", "grade_answer": "evaluator", "answer_feedback": "feedback"}


def route_start(state: AnalysisState) -> Literal["analyzer", "next_question"]:
    return "next_question" if state.get("intent") == "practice" else "analyzer"


def route_after_question(state: AnalysisState) -> Literal["ask", "__end__"]:
    return "__end__" if state["practice"].done else "ask"


def route_after_ask(state: AnalysisState) -> Literal["grade_answer", "__end__"]:
    return "__end__" if state["practice"].done else "grade_answer"


def build_graph() -> StateGraph[AnalysisState, Context, AnalysisInput, AnalysisState]:
    builder = StateGraph(AnalysisState, context_schema=Context, input_schema=AnalysisInput)
    builder.add_conditional_edges(START, route_start)

    # analysis
    builder.add_node("analyzer", analyzer)
    builder.add_node("evaluator", evaluator)
    builder.add_node("feedback", feedback)
    builder.add_node("guidance", guidance)
    builder.add_edge("analyzer", "evaluator")
    builder.add_edge("evaluator", "feedback")
    builder.add_edge("feedback", "guidance")
    builder.add_edge("guidance", END)

    # practice
    builder.add_node("next_question", next_question)
    builder.add_node("ask", ask)
    builder.add_node("grade_answer", grade_answer)
    builder.add_node("answer_feedback", answer_feedback)
    builder.add_conditional_edges("next_question", route_after_question)
    builder.add_conditional_edges("ask", route_after_ask)
    builder.add_edge("grade_answer", "answer_feedback")
    builder.add_edge("answer_feedback", "next_question")
    return builder


def compile_graph(checkpointer: BaseCheckpointSaver[Any] | None = None) -> CompiledStateGraph[Any, Any, Any, Any]:
    return build_graph().compile(checkpointer=checkpointer, name="mulakat")


def draw() -> str:
    """The graph as Mermaid, as the README shows it (`python -m graph.builder` prints it)."""
    return compile_graph().get_graph().draw_mermaid()


# For `langgraph dev`: the server brings its own checkpointer, so none is attached here.
graph = compile_graph()

if __name__ == "__main__":
    sys.stdout.write(draw())
