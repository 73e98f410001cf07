"""A report says each warning once, in the order the run first met it."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from langgraph.runtime import Runtime

import nodes.feedback
from graph.analysis import report_from_state
from graph.context import Context
from mulakat.models import Component, FeedbackItem, ParsedDocument, Quality, Readiness, Section
from mulakat.storage.documents import DocumentStore

pytestmark = pytest.mark.anyio

REJECTED = "feedback: chat model output rejected (RuntimeError: model down); deterministic text used"


def _doc(kind: Any, messages: list[str]) -> ParsedDocument:
    text = "Python and SQL"
    return ParsedDocument(
        kind=kind,
        source=f"{kind}.md",
        text=text,
        sections=[Section(name="body", heading=None, start=0, end=len(text))],
        quality=Quality(confidence=0.7, messages=messages),
    )


def test_the_report_lists_a_repeated_warning_once_in_first_seen_order() -> None:
    quality = "the job has no requirements section"
    state: dict[str, Any] = {
        "job": _doc("job", [quality]),
        "resume": _doc("resume", []),
        "readiness": Readiness(score=40, components=[Component(name="must_have", weight=1, value=0.4, explanation="")]),
        "results": [],
        "feedback": [],
        "plan": [],
        "warnings": [f"job: {quality}", "job: no skill requirements were recognised", f"job: {quality}"],
    }
    report = report_from_state("t-1", state)
    assert report.warnings == [f"job: {quality}", "job: no skill requirements were recognised"]
    assert report.quality["job"].messages == [quality]  # the contract's quality field is untouched


class _FailingModel:
    def with_structured_output(self, schema: object) -> _FailingModel:
        return self

    async def ainvoke(self, messages: object) -> object:
        raise RuntimeError("model down")


async def test_the_feedback_node_does_not_repeat_a_warning_already_given(monkeypatch: pytest.MonkeyPatch) -> None:
    item = FeedbackItem(text="Kubernetes is missing.", citations=[])
    monkeypatch.setattr(nodes.feedback, "build_feedback", lambda results, resume: [item])
    # The state holds the document itself, as older checkpoints do: the store hands it back without a database.
    no_pool: Any = None
    services: Any = SimpleNamespace(chat_model=_FailingModel(), taxonomy=None, documents=DocumentStore(no_pool))
    state: Any = {"results": [], "resume": _doc("resume", []), "warnings": ["resume: short", REJECTED]}
    update = await nodes.feedback.feedback(state, Runtime(context=Context(services=services)))
    assert update["fallback"] is True and update["feedback"] == [item]
    assert update["warnings"] == ["resume: short", REJECTED]
