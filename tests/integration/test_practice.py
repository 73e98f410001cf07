"""Practice on the real graph: interrupts, grading with quotes, mastery, durable turns, kill-and-resume."""

from __future__ import annotations

import asyncio
import os
import select
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

from graph.analysis import run_analysis
from graph.practice import (
    NothingWaiting,
    PracticeError,
    PracticeView,
    answer_question,
    practice_view,
    progress,
    start_practice,
)
from graph.runner import Runner
from mulakat.practice.session import Answer
from tests.support.chat_models import ScriptedModel, TimingOutModel
from tests.support.practice import strong_answer
from tests.support.samples import JOB, RESUME, upload

pytestmark = pytest.mark.anyio


async def analysed_thread(runner: Runner) -> str:
    thread = f"p-{uuid.uuid4()}"
    await run_analysis(runner, upload("r.txt", RESUME), upload("j.txt", JOB), thread)  # type: ignore[arg-type]
    return thread


async def turn_rows(runner: Runner, thread: str) -> list[tuple[Any, ...]]:
    async with runner.services.pool.connection() as conn:
        cur = await conn.execute(
            "SELECT turn, session_id, question_id, score FROM practice_turns WHERE thread_id = %s ORDER BY turn",
            (thread,),
        )
        return list(await cur.fetchall())


async def test_practice_needs_an_analysis(runner: Runner) -> None:
    with pytest.raises(PracticeError, match="analyse a resume"):
        await start_practice(runner, f"none-{uuid.uuid4()}")


async def test_loop_asks_grades_and_stops_at_the_goal(runner: Runner) -> None:
    thread = await analysed_thread(runner)
    view = await start_practice(runner, thread, goal=3)
    first = view.question
    assert first is not None and first.rubric and view.answered == 0
    # The first question targets the largest weighted gap: a must-have that the resume does not meet.
    assert first.skill_name == "Kubernetes" and "must-have" in first.why
    asked = [first.id]
    view = await answer_question(runner, thread, Answer(text=strong_answer(view)))
    assert view.last_grade is not None and view.last_grade.score >= 60 and view.last_grade.verdict == "ok"
    answer_quotes = [c for item in view.last_feedback for c in item.citations if c.source == "answer"]
    assert answer_quotes, "feedback on a good answer quotes it"
    answer_text = strong_answer(PracticeView.model_validate({**view.model_dump(), "question": first}))
    assert all(answer_text[c.start : c.end] == c.quote for c in answer_quotes)
    assert view.question is not None and view.question.id not in asked
    asked.append(view.question.id)
    view = await answer_question(runner, thread, Answer(text="I don't know"))
    assert view.last_grade is not None and view.last_grade.score <= 10 and view.last_grade.verdict == "dont_know"
    assert not any(c.source == "answer" and "strength" in c.quote for f in view.last_feedback for c in f.citations)
    assert view.question is not None and view.question.id not in asked
    view = await answer_question(runner, thread, Answer(text=strong_answer(view)))
    assert view.done and view.stop_reason == "session goal reached" and view.question is None
    rows = await turn_rows(runner, thread)
    assert [r[0] for r in rows] == [1, 2, 3] and len({r[2] for r in rows}) == 3
    with pytest.raises(PracticeError, match="no question is waiting"):
        await answer_question(runner, thread, Answer(text="late"))


async def test_mastery_moves_readiness_and_narrows_it(runner: Runner) -> None:
    thread = await analysed_thread(runner)
    before = await start_practice(runner, thread, goal=2)
    assert before.readiness is not None and before.question is not None
    skill = before.question.skill
    after = await answer_question(runner, thread, Answer(text=strong_answer(before)))
    assert after.readiness is not None
    assert after.readiness.score >= before.readiness.score
    assert after.readiness.high - after.readiness.low < before.readiness.high - before.readiness.low
    state = (await runner.graph.aget_state({"configurable": {"thread_id": thread}})).values
    assert state["mastery"][skill].answers == 1
    assert state["readiness"].score == before.readiness.score, "the resume-only score is kept as it was"


async def test_stop_ends_the_session_and_a_new_one_starts_fresh(runner: Runner) -> None:
    thread = await analysed_thread(runner)
    view = await start_practice(runner, thread, goal=5)
    first_session = view.session_id
    view = await answer_question(runner, thread, Answer(stop=True))
    assert view.done and view.stop_reason == "stopped by the candidate"
    assert await turn_rows(runner, thread) == []
    again = await start_practice(runner, thread, goal=5)
    assert again.session_id != first_session and again.question is not None


async def test_resuming_returns_the_waiting_question(runner: Runner) -> None:
    thread = await analysed_thread(runner)
    view = await start_practice(runner, thread, goal=5)
    again = await start_practice(runner, thread, goal=5)
    assert again.question == view.question and again.session_id == view.session_id


async def test_bad_answer_is_refused_and_loses_nothing(runner: Runner) -> None:
    thread = await analysed_thread(runner)
    view = await start_practice(runner, thread)
    with pytest.raises(ValueError):
        Answer(text="x" * 20_001)
    assert (await practice_view(runner, thread)).question == view.question


async def test_progress_has_every_point(runner: Runner) -> None:
    thread = await analysed_thread(runner)
    view = await start_practice(runner, thread, goal=2)
    view = await answer_question(runner, thread, Answer(text=strong_answer(view)))
    data = await progress(runner, thread)
    assert [p.label for p in data.points] == ["analysis", "practice 1"]
    assert data.turns == 1 and len(data.mastery) == 1
    assert data.next_steps[0].startswith("Answer the waiting question")


def _read_until(proc: subprocess.Popen[bytes], marker: str, timeout: float = 240) -> str:
    """Read the raw pipe (not a buffered reader, which select() cannot see into) until marker appears."""
    assert proc.stdout is not None
    fd, seen, deadline = proc.stdout.fileno(), b"", time.monotonic() + timeout
    while marker.encode() not in seen:
        remaining = deadline - time.monotonic()
        assert remaining > 0, f"no {marker!r} in time; got {seen[-2000:]!r}"
        ready, _, _ = select.select([fd], [], [], remaining)
        if ready:
            chunk = os.read(fd, 65536)
            assert chunk, f"process ended before {marker!r}: {seen[-2000:]!r}"
            seen += chunk
    return seen.decode(errors="replace")


async def test_killed_mid_session_resumes_with_nothing_lost_or_doubled(runner: Runner, data_dir: Path) -> None:
    thread = await analysed_thread(runner)
    env = {**os.environ, "MULAKAT_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1", "COLUMNS": "200"}
    if runner.services.settings.database_url:
        env["MULAKAT_DATABASE_URL"] = runner.services.settings.database_url
    proc = subprocess.Popen(
        [sys.executable, "-m", "mulakat", "practice", "--thread", thread, "--goal", "20"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    assert proc.stdin is not None
    try:
        _read_until(proc, "Question 1 of 20")
        for n in (2, 3):
            proc.stdin.write(b"Pods are scheduled onto nodes by the scheduler.\n\n")
            proc.stdin.flush()
            _read_until(proc, f"Question {n} of 20")
        proc.stdin.write(b"A Deployment manages ReplicaSets for rolling updates.\n\n")
        proc.stdin.flush()
        time.sleep(0.05)  # the answer is in flight: kill while the turn is being graded or stored
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert len(await turn_rows(runner, thread)) in (2, 3)
    # Starting again first finishes a turn the kill cut short (its answer was already checkpointed).
    view = await start_practice(runner, thread, goal=20)
    stored = await turn_rows(runner, thread)
    assert view.question is not None and view.turn == len(stored) in (2, 3), "the checkpoint agrees with the table"
    for _ in range(2):
        view = await answer_question(runner, thread, Answer(text=strong_answer(view)))
    rows = await turn_rows(runner, thread)
    assert [r[0] for r in rows] == list(range(1, len(stored) + 3)), "turns are contiguous: none lost or doubled"
    assert len({r[1] for r in rows}) == 1 and len({r[2] for r in rows}) == len(rows)
    assert view.answered == len(rows)


async def test_two_answers_at_once_one_is_taken(runner: Runner) -> None:
    thread = await analysed_thread(runner)
    view = await start_practice(runner, thread, goal=5)
    assert view.question is not None
    text, qid = strong_answer(view), view.question.id
    results = await asyncio.gather(
        answer_question(runner, thread, Answer(text=text, question_id=qid)),
        answer_question(runner, thread, Answer(text=text, question_id=qid)),
        return_exceptions=True,
    )
    taken = [r for r in results if isinstance(r, PracticeView)]
    refused = [r for r in results if isinstance(r, NothingWaiting)]
    assert len(taken) == 1 and len(refused) == 1, results
    assert len(await turn_rows(runner, thread)) == 1


async def test_progress_renders_chart_table_and_next_steps(runner: Runner) -> None:
    from rich.console import Console

    from mulakat.cli.practice_view import render_progress
    from mulakat.practice.progress import svg_chart

    thread = await analysed_thread(runner)
    view = await start_practice(runner, thread, goal=3)
    for text in (strong_answer(view), "no idea"):
        view = await answer_question(runner, thread, Answer(text=text))
    data = await progress(runner, thread)
    out = Console(record=True, width=120)
    render_progress(data, out)
    shown = out.export_text()
    assert "2 practice answers" in shown and "Mastery per skill" in shown and "kubernetes" in shown
    assert "Answer the waiting question" in shown
    assert svg_chart(data.points, data.mastery).count("<svg") >= 1


def judgement_call(points: list[dict[str, Any]]) -> Any:
    from langchain_core.messages import AIMessage

    return AIMessage(content="", tool_calls=[{"name": "RubricJudgement", "args": {"points": points}, "id": "g1"}])


async def test_model_grading_keeps_only_quoted_claims_and_falls_back_on_failure(runner: Runner) -> None:
    thread = await analysed_thread(runner)
    view = await start_practice(runner, thread, goal=5)
    assert view.question is not None and len(view.question.rubric) >= 2
    first_point = view.question.rubric[0]
    answer = f"{first_point}, and then I would check the logs."
    claims = [
        {"point": 1, "covered": True, "quote": first_point},  # in the answer: kept
        {"point": 2, "covered": True, "quote": "describe the pod events"},  # invented: dropped
    ]
    model = ScriptedModel(responses=[judgement_call(claims)])
    graded = await answer_question(runner.with_services(chat_model=model), thread, Answer(text=answer))
    grade = graded.last_grade
    assert grade is not None and grade.graded_by == "model" and grade.dropped_claims == 1
    kept = [k for k in grade.key_points if k.covered]
    assert len(kept) == 1 and kept[0].quote == first_point and answer[kept[0].start : kept[0].end] == first_point
    assert (
        grade.score == round(100 / len(grade.key_points))
        and "1 unquoted claims dropped" in graded.last_feedback[0].text
    )

    broken = runner.with_services(chat_model=TimingOutModel(responses=[]))
    fallen = await answer_question(broken, thread, Answer(text=answer))
    assert fallen.last_grade is not None and fallen.last_grade.fallback and fallen.last_grade.graded_by == "core"
    assert "fallback" in fallen.last_feedback[0].text
