"""ask: put the chosen practice question to the candidate and wait (for days, if need be) for the answer."""

from __future__ import annotations

from typing import Any

from langgraph.types import interrupt

from graph.state import AnalysisState
from mulakat.practice.session import Answer


def ask(state: AnalysisState) -> dict[str, Any]:
    session = state["practice"]
    question = session.question
    if question is None:
        raise ValueError("ask runs only after guidance chose a question")
    # Re-runs from the top on resume: keep everything before interrupt() free of side effects.
    reply: Answer = interrupt(
        {
            "question": question.model_dump(mode="json"),
            "turn": session.turn + 1,
            "answered": session.answered,
            "goal": session.goal,
            "last_grade": session.grade.model_dump(mode="json") if session.grade else None,
            "last_feedback": [f.model_dump(mode="json") for f in session.feedback],
        },
        response_schema=Answer,
    )
    if reply.stop:
        return {"practice": session.model_copy(update={"done": True, "stop_reason": "stopped by the candidate"})}
    # Only the answer: the session is written once, at the turn's end (next_question).
    return {"practice_answer": reply.text}
