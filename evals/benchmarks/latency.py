"""End-to-end analysis latency through the checkpointed graph (warm process, embedded PostgreSQL)."""

from __future__ import annotations

import statistics
import time
import uuid
from pathlib import Path

from graph.analysis import run_analysis
from graph.runner import Runner
from graph.state import Upload


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def latency_table(runner: Runner, samples: Path, runs: int = 20) -> list[list[str]]:
    resume_text = (samples / "resume.md").read_text(encoding="utf-8")
    job: Upload = {"name": "job.md", "data": (samples / "job.md").read_bytes()}
    start = time.perf_counter()
    await run_analysis(runner, {"name": "resume.md", "data": resume_text.encode()}, job)
    cold = (time.perf_counter() - start) * 1000
    rows = [["first analysis in the process", "1", f"{cold:.0f}", f"{cold:.0f}"]]
    for label, vary in (("same resume, new thread", False), ("a different resume each run", True)):
        times = []
        for i in range(runs):
            # A new line per run means new passages to embed: the cache cannot hide that work.
            text = resume_text + (
                f"\n- Shipped release {uuid.uuid4().hex[:8]} of the billing service in week {i}.\n" if vary else ""
            )
            started = time.perf_counter()
            await run_analysis(runner, {"name": "resume.md", "data": text.encode()}, job)
            times.append((time.perf_counter() - started) * 1000)
        rows.append([label, str(runs), f"{statistics.median(times):.0f}", f"{_percentile(times, 0.95):.0f}"])
    return rows
