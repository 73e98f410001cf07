"""Practice benchmarks: warm turn latency, and checkpoint bytes written per turn as a thread grows."""

from __future__ import annotations

import statistics
import time
import uuid
from collections import Counter
from pathlib import Path

from evals.benchmarks.answers import GATED, simulated_answer
from evals.benchmarks.latency import _percentile
from graph.analysis import run_analysis
from graph.practice import PracticeView, answer_question, start_practice
from graph.runner import Runner
from mulakat.practice.session import Answer

# Sessions of this many answers, back to back: a long-lived thread is many sessions, not one endless one.
SESSION = 5


async def _checkpoint_bytes(runner: Runner, thread_id: str) -> int:
    """Logical bytes the saver holds for the thread: checkpoints, channel blobs and pending writes."""
    async with runner.services.pool.connection() as conn:
        cur = await conn.execute(
            "SELECT (SELECT coalesce(sum(pg_column_size(checkpoint) + pg_column_size(metadata)), 0)"
            "        FROM checkpoints WHERE thread_id = %(t)s)"
            " + (SELECT coalesce(sum(octet_length(blob)), 0) FROM checkpoint_blobs WHERE thread_id = %(t)s)"
            " + (SELECT coalesce(sum(octet_length(blob)), 0) FROM checkpoint_writes WHERE thread_id = %(t)s)",
            {"t": thread_id},
        )
        row = await cur.fetchone()
        return int(row[0]) if row else 0


def _answer(view: PracticeView, turn: int) -> str:
    """One simulated candidate's answer: varied per turn, never the rubric pasted back (see answers.py)."""
    assert view.question is not None
    return simulated_answer(view.question.text, view.question.rubric, candidate=0, turn=turn)[1]


async def practice_tables(
    runner: Runner, samples: Path, turns: int = 500
) -> tuple[list[list[str]], list[list[str]], list[list[str]]]:
    thread = f"bench-{uuid.uuid4()}"
    resume = {"name": "resume.md", "data": (samples / "resume.md").read_bytes()}
    job = {"name": "job.md", "data": (samples / "job.md").read_bytes()}
    await run_analysis(runner, resume, job, thread)  # type: ignore[arg-type]
    view = await start_practice(runner, thread, goal=SESSION)
    times: list[float] = []
    verdicts: list[str] = []
    per_turn: dict[int, int] = {}
    marks = {10, 100, turns}
    for turn in range(1, turns + 1):
        before = await _checkpoint_bytes(runner, thread) if turn in marks else 0
        started = time.perf_counter()
        view = await answer_question(runner, thread, Answer(text=_answer(view, turn)))
        verdicts.append(view.last_grade.verdict if view.last_grade else "none")
        if view.done:  # the session's goal is reached: the next day's session starts
            view = await start_practice(runner, thread, goal=SESSION)
        times.append((time.perf_counter() - started) * 1000)
        if turn in marks:
            per_turn[turn] = await _checkpoint_bytes(runner, thread) - before
    warm = list(zip(times, verdicts, strict=True))[5:]
    case = f"practice turn (answer -> grade, feedback, next question), {SESSION}-answer sessions"
    latency = [
        _latency_row(f"{case}, all answers", [t for t, _ in warm]),
        _latency_row(f"{case}, answers past the honesty gate", [t for t, v in warm if v not in GATED]),
    ]
    base = per_turn[10]
    growth = [[str(t), str(b), f"{b / base:.2f}"] for t, b in sorted(per_turn.items())]
    return latency, growth, verdict_rows(verdicts)


def _latency_row(case: str, times: list[float]) -> list[str]:
    if not times:
        return [case, "0", "-", "-"]
    return [case, str(len(times)), f"{statistics.median(times):.0f}", f"{_percentile(times, 0.95):.0f}"]


def verdict_rows(verdicts: list[str]) -> list[list[str]]:
    """Share of answers by verdict, the honesty gate's together first: those turns never embed anything."""
    gated = sum(v in GATED for v in verdicts)
    rows = [["stopped by the honesty gate (no embedding)", str(gated), f"{gated / len(verdicts):.3f}"]]
    for verdict, n in sorted(Counter(verdicts).items()):
        rows.append([f"verdict {verdict}", str(n), f"{n / len(verdicts):.3f}"])
    return rows
