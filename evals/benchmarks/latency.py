"""End-to-end analysis latency through the checkpointed graph (warm process, embedded PostgreSQL)."""

from __future__ import annotations

import statistics
import time
import uuid
from pathlib import Path

from evals.quality.recruiter_docs import posting_ids, upload_of, vanetik_ids
from graph.analysis import run_analysis
from graph.runner import Runner, warm_up_server
from graph.state import Upload

REAL_PAIRS = 28
"""SkillSpan dev has 29 tech postings, each met by its own Vanetik CV; the first pair warms the code paths and
the other 28 are timed (the p95 of 20 runs would be their second slowest)."""


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
    warm_up_server()  # as a server does once it answers: the readers loaded, the startup heap frozen
    rows.append(await _real_pairs(runner, REAL_PAIRS))
    return rows


def real_pairs(count: int) -> list[tuple[str, str]]:
    """(CV, posting) ids, each document used once: Vanetik's DOCX CVs against whole SkillSpan dev tech postings."""
    cvs = vanetik_ids()
    postings = [p for p in posting_ids() if "-tech-" in p]
    return list(zip(cvs, postings, strict=False))[:count]


async def _real_pairs(runner: Runner, runs: int) -> list[str]:
    """Real resumes against full real postings, each pair new to the process (nothing cached can answer)."""
    pairs = real_pairs(runs + 1)
    if len(pairs) < 2:
        return ["real CV against a full real posting", "0", "no shared data", ""]
    times = []
    for i, (cv, posting) in enumerate(pairs):
        (cv_name, cv_bytes), (job_name, job_bytes) = upload_of(cv), upload_of(posting)
        started = time.perf_counter()
        await run_analysis(runner, {"name": cv_name, "data": cv_bytes}, {"name": job_name, "data": job_bytes})
        if i:  # the first pair warms the taggers' and reader's code paths for real documents
            times.append((time.perf_counter() - started) * 1000)
    label = "a real DOCX CV against a full real posting, a new pair each run"
    return [label, str(len(times)), f"{statistics.median(times):.0f}", f"{_percentile(times, 0.95):.0f}"]
