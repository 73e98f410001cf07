"""Practice benchmarks: warm turn latency, and checkpoint bytes written per turn as a thread grows."""

from __future__ import annotations

import statistics
import time
import uuid
from pathlib import Path

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
    """Alternate a fair answer and a weak one, so mastery and question choice keep moving."""
    assert view.question is not None
    points = view.question.rubric
    return " ".join(f"{p}." for p in points[: 1 + turn % len(points)]) if turn % 3 else "Not sure, maybe caching?"


async def practice_tables(runner: Runner, samples: Path, turns: int = 500) -> tuple[list[list[str]], list[list[str]]]:
    thread = f"bench-{uuid.uuid4()}"
    resume = {"name": "resume.md", "data": (samples / "resume.md").read_bytes()}
    job = {"name": "job.md", "data": (samples / "job.md").read_bytes()}
    await run_analysis(runner, resume, job, thread)  # type: ignore[arg-type]
    view = await start_practice(runner, thread, goal=SESSION)
    times: list[float] = []
    per_turn: dict[int, int] = {}
    marks = {10, 100, turns}
    for turn in range(1, turns + 1):
        before = await _checkpoint_bytes(runner, thread) if turn in marks else 0
        started = time.perf_counter()
        view = await answer_question(runner, thread, Answer(text=_answer(view, turn)))
        if view.done:  # the session's goal is reached: the next day's session starts
            view = await start_practice(runner, thread, goal=SESSION)
        times.append((time.perf_counter() - started) * 1000)
        if turn in marks:
            per_turn[turn] = await _checkpoint_bytes(runner, thread) - before
    warm = times[5:]
    latency = [
        [
            f"practice turn (answer -> grade, feedback, next question), {SESSION}-answer sessions",
            str(len(warm)),
            f"{statistics.median(warm):.0f}",
            f"{_percentile(warm, 0.95):.0f}",
        ],
    ]
    base = per_turn[10]
    growth = [[str(t), str(b), f"{b / base:.2f}"] for t, b in sorted(per_turn.items())]
    return latency, growth
