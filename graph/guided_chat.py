"""The guided chat: a message on a thread becomes an answer, a practice step, or a reply built from the report.

Deterministic and explainable: intents are matched by keywords, and every reply is made of facts
the thread already holds (requirement statuses with their quotes, the plan, readiness parts).
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, Field

from graph.practice import PracticeView, answer_question, practice_view, progress, start_practice
from graph.runner import Runner
from graph.streaming import NodeListener
from mulakat.models import Evidence, Report
from mulakat.practice.session import Answer

Intent = Literal["answer", "stop", "practice", "plan", "gaps", "readiness", "progress", "help"]

QUICK_REPLIES = ["Why this score?", "What are my gaps?", "Show my plan", "Practise now", "Show my progress"]

# First match wins; answers to a waiting question are checked before these.
_INTENTS: list[tuple[Intent, re.Pattern[str]]] = [
    ("practice", re.compile(r"\b(practi[cs]e|quiz|drill|mock|interview me|ask me|next question|start)\b", re.I)),
    ("gaps", re.compile(r"\b(gaps?|missing|weak(ness)?|lack|improve)\b", re.I)),
    ("plan", re.compile(r"\b(plan|study|learn|prepare|what (should|do) i|order)\b", re.I)),
    ("progress", re.compile(r"\b(progress|history|over time|chart|trend)\b", re.I)),
    ("readiness", re.compile(r"\b(score|ready|readiness|why|how close|chances?)\b", re.I)),
]
_STOP = re.compile(r"^\s*(stop|quit|end|enough|done|finish)\b", re.I)


class Message(BaseModel):
    text: str = Field(min_length=1, max_length=20_000, examples=["What are my gaps?"])


class Reply(BaseModel):
    intent: Intent
    text: str
    citations: list[Evidence] = []
    quick_replies: list[str]
    practice: PracticeView | None = None


def classify(text: str, question_waiting: bool) -> Intent:
    if question_waiting:
        # While a question waits, anything that is not a plain command is the answer to it.
        if _STOP.match(text):
            return "stop"
        if len(text.split()) > 3:
            return "answer"
    for intent, pattern in _INTENTS:
        if pattern.search(text):
            return intent
    return "answer" if question_waiting else "help"


def _readiness(report: Report) -> Reply:
    r = report.readiness
    parts = "; ".join(f"{c.name}: {c.points:+.0f} points ({c.explanation})" for c in r.components)
    return Reply(
        intent="readiness",
        text=f"Readiness {r.score}/100 (likely {r.low}-{r.high}). It adds up from: {parts}.",
        quick_replies=["What are my gaps?", "Show my plan", "Practise now"],
    )


def _gaps(report: Report) -> Reply:
    gaps = [q for q in report.requirements if q.status != "met"]
    gaps.sort(key=lambda q: (q.priority != "must", q.credit))
    if not gaps:
        return Reply(intent="gaps", text="Every requirement is met on the evidence found.", quick_replies=QUICK_REPLIES)
    lines = [f"{q.skill} ({q.priority}, {q.status}): {q.reason}" for q in gaps[:5]]
    citations = [e for q in gaps[:5] for e in q.evidence[:1]]
    more = f" And {len(gaps) - 5} more." if len(gaps) > 5 else ""
    return Reply(
        intent="gaps",
        text="Your largest gaps first: " + " | ".join(lines) + more,
        citations=citations,
        quick_replies=["Show my plan", "Practise now"],
    )


def _plan(report: Report) -> Reply:
    if not report.plan:
        return Reply(intent="plan", text="Nothing to study for this posting.", quick_replies=QUICK_REPLIES)
    steps = [f"{p.order}. {p.topic} (about {p.est_hours:g} h): {p.reason}" for p in report.plan[:5]]
    return Reply(
        intent="plan",
        text="Study in this order: " + " | ".join(steps),
        quick_replies=["Practise now", "What are my gaps?"],
    )


async def _progress(runner: Runner, thread_id: str) -> Reply:
    data = await progress(runner, thread_id)
    points = ", ".join(f"{p.label} {p.score}" for p in data.points[-6:])
    steps = " | ".join(data.next_steps[:3])
    return Reply(
        intent="progress",
        text=f"Readiness so far: {points}. {data.turns} answers graded. Next: {steps}",
        quick_replies=["Practise now", "Show my plan"],
    )


def _practice_reply(intent: Intent, view: PracticeView) -> Reply:
    if view.question is not None:
        text = f"Question {view.turn + 1} of {view.goal}, on {view.question.skill_name}: {view.question.text}"
        replies = ["Stop"]
    else:
        text = f"Session over after {view.answered} answers ({view.stop_reason or 'goal reached'})."
        replies = QUICK_REPLIES
    return Reply(intent=intent, text=text, quick_replies=replies, practice=view)


async def reply(
    runner: Runner, thread_id: str, report: Report, message: Message, on_node: NodeListener | None = None
) -> Reply:
    view = await practice_view(runner, thread_id)
    intent = classify(message.text, question_waiting=view.question is not None)
    if intent == "answer" and view.question is not None:
        answer = Answer(text=message.text, question_id=view.question.id)
        return _practice_reply(intent, await answer_question(runner, thread_id, answer, on_node))
    if intent == "stop" and view.question is not None:
        stop = Answer(text="", stop=True, question_id=view.question.id)
        return _practice_reply(intent, await answer_question(runner, thread_id, stop, on_node))
    if intent == "practice":
        return _practice_reply(intent, await start_practice(runner, thread_id, on_node=on_node))
    if intent == "gaps":
        return _gaps(report)
    if intent == "plan":
        return _plan(report)
    if intent == "progress":
        return await _progress(runner, thread_id)
    if intent == "readiness":
        return _readiness(report)
    return Reply(
        intent="help",
        text="Ask why your score is what it is, what your gaps are, what to study first, or say 'practise' "
        "for interview questions on your gaps.",
        quick_replies=QUICK_REPLIES,
    )
