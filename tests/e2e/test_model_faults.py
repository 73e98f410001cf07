"""Chat-model faults over real HTTP: the client retries with backoff, then the deterministic core answers, flagged.

The real ChatOpenAI talks to tests/support/fault_server.py. Each fault is tried on an analysis (the implicit
requirements and the feedback prose) and on grading a practice answer.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from graph.analysis import run_analysis
from graph.practice import answer_question, start_practice
from graph.runner import Runner
from mulakat.models import Report
from mulakat.practice.grading import grade_answer
from mulakat.practice.session import Answer
from tests.support.chat_models import with_model_at
from tests.support.fault_server import GOOD, HANG, MALFORMED, OFF, RATE_LIMIT, SERVER_ERROR, Fault, FaultServer, Seen
from tests.support.practice import strong_answer
from tests.support.samples import JOB, RESUME, upload

pytestmark = pytest.mark.anyio

RETRIES = 2
TIMEOUT_S = 0.5  # a hang outlasts this; small so the file stays fast
FAULTS = [
    pytest.param(RATE_LIMIT, id="429-retry-after"),
    pytest.param(SERVER_ERROR, id="500"),
    pytest.param(HANG, id="timeout"),
    pytest.param(MALFORMED, id="malformed-json"),
    pytest.param(OFF, id="off-schema"),
]
# Fields of a report that name the run rather than its content.
RUN_FIELDS = {"thread_id", "mode", "fallback", "warnings"}


@pytest.fixture(scope="module")
def fault_server() -> Iterator[FaultServer]:
    with FaultServer(hang_s=10) as server:
        yield server


@pytest.fixture
def model_services(runner: Runner, fault_server: FaultServer) -> Runner:
    """The session's graph run with services that have a chat model on the fault server (same pool and checkpointer).

    The graph is the session's own: services reach the nodes through each run's context, not the compiled graph."""
    fault_server.reset()
    return with_model_at(runner, fault_server.url, chat_timeout_s=TIMEOUT_S, chat_max_retries=RETRIES)


@pytest.fixture
async def model_free_report(runner: Runner) -> AsyncIterator[Report]:
    yield await analyse(runner)


async def analyse(runner: Runner) -> Report:
    return await run_analysis(runner, upload("r.txt", RESUME), upload("j.txt", JOB))  # type: ignore[arg-type]


def content(report: Report) -> dict[str, Any]:
    return report.model_dump(mode="json", exclude=RUN_FIELDS)


def gaps(seen: list[Seen]) -> list[float]:
    return [b.at - a.at for a, b in zip(seen, seen[1:], strict=False)]


def assert_backed_off(seen: list[Seen], fault: Fault) -> None:
    assert len(seen) == RETRIES + 1, f"expected the first try and {RETRIES} retries, got {len(seen)} requests"
    waits = gaps(seen)
    if fault is RATE_LIMIT:  # the client waits as long as the server asked, every time
        assert all(w >= fault.retry_after_s for w in waits), waits
    else:  # exponential backoff: each wait longer than the one before
        assert waits == sorted(waits) and waits[0] < waits[-1], waits


@pytest.mark.parametrize("fault", FAULTS)
async def test_analysis_falls_back_to_the_model_free_report(
    fault: Fault, model_services: Runner, fault_server: FaultServer, model_free_report: Report
) -> None:
    fault_server.script(None, then=fault)
    report = await analyse(model_services)
    assert report.mode == "llm" and report.fallback is True
    assert content(report) == content(model_free_report), "the fallback is the deterministic report"
    assert any("requirement pass failed" in w and "rules only" in w for w in report.warnings)
    assert any(w.startswith("feedback: chat model output rejected") for w in report.warnings)
    for schema in ("ImplicitRequirements", "FeedbackProse"):
        assert_backed_off(fault_server.seen(schema), fault)


async def test_a_fault_that_clears_within_the_retries_leaves_the_model_answer(
    model_services: Runner, fault_server: FaultServer, model_free_report: Report
) -> None:
    facts = {"items": [item.text for item in model_free_report.feedback]}  # prose that adds nothing new
    fault_server.script("ImplicitRequirements", SERVER_ERROR, RATE_LIMIT, then=GOOD)
    fault_server.script("FeedbackProse", MALFORMED, OFF, then=Fault("good", facts))
    report = await analyse(model_services)
    assert report.fallback is False and report.mode == "llm"
    assert not any("failed" in w or "rejected" in w for w in report.warnings), report.warnings
    assert [s.fault for s in fault_server.seen("ImplicitRequirements")] == ["server_error", "rate_limit", "good"]
    assert [s.fault for s in fault_server.seen("FeedbackProse")] == ["malformed", "off_schema", "good"]


@pytest.mark.parametrize("fault", FAULTS)
async def test_grading_falls_back_to_the_core_grade(
    fault: Fault,
    runner: Runner,
    model_services: Runner,
    fault_server: FaultServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    thread = f"faults-{uuid.uuid4()}"
    await analyse_on(runner, thread)  # model-free: only the grading call meets the fault
    view = await start_practice(model_services, thread, goal=2)
    assert view.question is not None
    question, text = view.question, strong_answer(view)
    fault_server.script(None, then=fault)
    with caplog.at_level(logging.WARNING, logger="nodes.evaluator"):
        graded = await answer_question(model_services, thread, Answer(text=text, question_id=question.id))
    grade = graded.last_grade
    assert grade is not None and grade.fallback is True and grade.graded_by == "core"
    core = await asyncio.to_thread(
        grade_answer,
        question.text,
        question.rubric,
        text,
        runner.services.embeddings.embed_documents,
        kind=question.kind,
    )
    assert grade.model_dump(exclude={"fallback"}) == core.model_dump(exclude={"fallback"})
    assert any("model grading failed" in r.getMessage() for r in caplog.records)
    assert_backed_off(fault_server.seen("RubricJudgement"), fault)


async def analyse_on(runner: Runner, thread: str) -> None:
    await run_analysis(runner, upload("r.txt", RESUME), upload("j.txt", JOB), thread)  # type: ignore[arg-type]
