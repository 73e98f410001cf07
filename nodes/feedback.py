"""feedback: section-aware advice citing the resume and job text; answer_feedback: on a practice answer, citing it."""

from __future__ import annotations

import logging
import re
from typing import Any

from langchain_core.language_models import BaseChatModel
from langgraph.runtime import Runtime
from pydantic import BaseModel

from graph.context import Context, run_services, thread_of
from graph.state import AnalysisState, turn_in_hand
from mulakat.assessment.advice import build_feedback
from mulakat.models import FeedbackItem
from mulakat.practice.feedback import explain_grade
from mulakat.practice.session import TurnFeedback, close_turn
from mulakat.practice.transcript import record_turn
from mulakat.skills.taxonomy import Taxonomy
from prompts.feedback import FEEDBACK_SYSTEM, FEEDBACK_USER

log = logging.getLogger(__name__)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_NAME = re.compile(r"(?<![.!?:]\s)(?<!^)(?<=\s)([A-Z][A-Za-z&'-]{2,})")
_PLAIN_CAPITALS = {
    "Experience",
    "Requirements",
    "Skills",
    "Summary",
    "Projects",
    "Education",
    "Responsibilities",
    "Nice",
    "Certifications",
    "About",
    "You",
    "Your",
    "The",
    "This",
    "Consider",
    "Add",
    "Make",
}


class FeedbackProse(BaseModel):
    items: list[str]


def unsupported_claims(prose: str, fact: FeedbackItem, taxonomy: Taxonomy) -> list[str]:
    """Skills, numbers or names (employers, products) in the model's prose that its fact does not contain."""
    source = " ".join([fact.text, *(c.quote for c in fact.citations)])
    known_skills = {m.skill for m in taxonomy.find(source)}
    claims = [m.surface for m in taxonomy.find(prose) if m.skill not in known_skills]
    claims += [n for n in _NUMBER.findall(prose) if n not in source]
    # A capitalised word inside a sentence is a name; the fact must contain it.
    lowered = source.lower()
    claims += [
        m.group(1)
        for m in _NAME.finditer(prose)
        if m.group(1).lower() not in lowered and m.group(1) not in _PLAIN_CAPITALS
    ]
    return claims


async def rewrite_with_model(model: BaseChatModel, items: list[FeedbackItem], taxonomy: Taxonomy) -> list[FeedbackItem]:
    """Model prose for each item, or ValueError if any item invents a skill or a number."""
    facts = "\n".join(f"{i + 1}. {item.text}" for i, item in enumerate(items))
    structured = model.with_structured_output(FeedbackProse)
    answer = await structured.ainvoke([("system", FEEDBACK_SYSTEM), ("user", FEEDBACK_USER.format(facts=facts))])
    prose = answer.items if isinstance(answer, FeedbackProse) else FeedbackProse.model_validate(answer).items
    if len(prose) != len(items):
        raise ValueError(f"model returned {len(prose)} items for {len(items)} facts")
    rewritten = []
    for text, item in zip(prose, items, strict=True):
        bad = unsupported_claims(text, item, taxonomy)
        if bad:
            raise ValueError(f"model prose names facts not in evidence: {bad}")
        rewritten.append(FeedbackItem(text=text, citations=item.citations))
    return rewritten


async def feedback(state: AnalysisState, runtime: Runtime[Context]) -> dict[str, Any]:
    services = await run_services(runtime)
    (resume,) = await services.documents.load(thread_of(runtime), [state["resume"]])
    items = build_feedback(state["results"], resume)
    if services.chat_model is None or not items:
        return {"feedback": items}
    try:
        return {"feedback": await rewrite_with_model(services.chat_model, items, services.taxonomy)}
    except Exception as exc:  # any model failure falls back to the verified deterministic text
        log.warning("feedback model failed, using deterministic text: %s", exc)
        warning = f"feedback: chat model output rejected ({type(exc).__name__}: {exc}); deterministic text used"
        warnings = list(dict.fromkeys([*state.get("warnings", []), warning]))  # each message once
        return {"feedback": items, "fallback": True, "warnings": warnings}


async def answer_feedback(state: AnalysisState, runtime: Runtime[Context]) -> dict[str, Any]:
    """Explain the grade, then store the whole turn once (a re-run after a crash writes nothing new)."""
    services = await run_services(runtime)
    session = state["practice"]
    answer, grade, before = turn_in_hand(state)
    question = session.question
    if question is None or grade is None or answer is None:
        raise ValueError("feedback on practice needs a graded answer")
    closed = TurnFeedback(turn=session.turn + 1, items=explain_grade(question, answer, grade))
    await record_turn(
        services.pool,
        thread_of(runtime),
        close_turn(session, grade, closed),
        answer,
        before,
        state["mastery"][question.skill],
        state["practice_readiness"],
    )
    return {"practice_feedback": closed}  # next_question folds it into the session
