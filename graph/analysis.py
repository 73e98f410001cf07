"""Run one analysis (resume x job) through the checkpointed graph and record it."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import PurePath
from typing import Any

from psycopg.types.json import Jsonb

from graph.runner import Runner
from graph.state import AnalysisOptions, AnalysisState, Upload
from graph.streaming import NodeListener, run_graph
from mulakat.documents.parsing import SUPPORTED, DocumentError, check_file
from mulakat.models import JobRef, Report
from mulakat.planning.left_out import left_out
from mulakat.planning.schedule import ScheduleError, build_schedule
from nodes.analyzer import as_bytes


def check_upload(upload: Upload, max_bytes: int) -> None:
    """Reject what cannot be a document, or would blow up when parsed, before any work is done."""
    suffix = PurePath(upload["name"]).suffix.lower()
    if suffix not in SUPPORTED:
        raise DocumentError(f"{upload['name']}: unsupported file type {suffix or '(none)'}; use {', '.join(SUPPORTED)}")
    size = len(as_bytes(upload))
    if size > max_bytes:
        raise DocumentError(f"{upload['name']}: {size} bytes is over the {max_bytes}-byte limit")
    check_file(upload["name"], as_bytes(upload))  # empty files, zip and entity bombs, non-PDFs


def report_from_state(thread_id: str, state: AnalysisState | dict[str, Any]) -> Report:
    history = state.get("history", [])
    return Report(
        thread_id=thread_id,
        job=JobRef(title=state.get("job_title"), source=state["job"].source),
        readiness=state["readiness"],
        requirements=state["results"],
        feedback=state["feedback"],
        plan=state["plan"],
        mode=state.get("mode", "deterministic"),  # type: ignore[arg-type]
        fallback=state.get("fallback", False),
        quality={"resume": state["resume"].quality, "job": state["job"].quality},
        # Said once each, in first-seen order, even for checkpoints written before nodes deduplicated them.
        warnings=list(dict.fromkeys(state.get("warnings", []))),
        schedule=state.get("schedule"),
        previous_score=history[-2]["score"] if len(history) > 1 else None,
        runs_on_thread=len(history),
        fit=state.get("fit"),
        plan_left_out=left_out(state["results"], state["plan"]),
    )


async def latest_report(runner: Runner, thread_id: str) -> Report | None:
    """The report of the thread's latest analysis, read from its checkpoint; None if it has none."""
    snapshot = await runner.graph.aget_state({"configurable": {"thread_id": thread_id}})
    if not snapshot.values or "readiness" not in snapshot.values:
        return None
    return report_from_state(thread_id, snapshot.values)


def check_options(options: AnalysisOptions) -> AnalysisOptions:
    """Validate scheduling options before any work; fill in today's date."""
    checked = AnalysisOptions(**options)
    checked.setdefault("today", date.today().isoformat())
    if "interview_date" in checked:
        try:
            interview = date.fromisoformat(checked["interview_date"])
        except ValueError as exc:
            raise ScheduleError(f"interview date {checked['interview_date']!r} is not a date like 2026-12-24") from exc
        build_schedule([], interview, checked.get("hours_per_day", 2.0), date.fromisoformat(checked["today"]))
    return checked


async def run_analysis(
    runner: Runner,
    resume: Upload,
    job: Upload,
    thread_id: str | None = None,
    options: AnalysisOptions | None = None,
    *,
    candidate_id: str | None = None,
    on_node: NodeListener | None = None,
) -> Report:
    """Analyse resume against job on a thread (new unless given); a re-run on a thread updates it.

    An interview date given once stays on the thread, so later runs keep scheduling toward it.
    A new thread belongs to `candidate_id` (API callers); the CLI's threads belong to no one.
    """
    for upload in (resume, job):
        check_upload(upload, runner.services.settings.max_upload_bytes)
    checked = check_options(options or {})
    thread_id = thread_id or str(uuid.uuid4())
    run_id = uuid.uuid4()  # kept with the analysis so user feedback can be attached to its trace
    config = runner.run_config(thread_id, "analysis", candidate_id=candidate_id, run_id=run_id)
    head = await _head_checkpoint(runner, thread_id)
    try:
        run = await run_graph(
            runner, {**checked, "intent": "analyze", "resume_file": resume, "job_file": job}, config, on_node
        )
    except (DocumentError, ScheduleError):
        # The documents were refused inside the graph: the thread stays as it was, not stuck on this input.
        await _discard_since(runner, thread_id, head)
        raise
    report = report_from_state(thread_id, run.values)
    await record(runner, report, candidate_id, run_id)
    return report


async def _head_checkpoint(runner: Runner, thread_id: str) -> str | None:
    async with runner.services.pool.connection() as conn:
        cur = await conn.execute(
            "SELECT max(checkpoint_id) FROM checkpoints WHERE thread_id = %s AND checkpoint_ns = ''", (thread_id,)
        )
        row = await cur.fetchone()
        return str(row[0]) if row and row[0] else None


async def _discard_since(runner: Runner, thread_id: str, head: str | None) -> None:
    """Drop the checkpoints a failed run added after `head` (ids sort by time, as LangGraph reads them)."""
    async with runner.services.pool.connection() as conn, conn.transaction():
        for table in ("checkpoint_writes", "checkpoints"):
            await conn.execute(
                f"DELETE FROM {table} WHERE thread_id = %s AND checkpoint_id > %s",  # noqa: S608 - fixed names
                (thread_id, head or ""),
            )


async def record(
    runner: Runner, report: Report, candidate_id: str | None = None, run_id: uuid.UUID | None = None
) -> None:
    async with runner.services.pool.connection() as conn, conn.transaction():
        # A thread's owner is set when it is made and never changed by a later run.
        await conn.execute(
            "INSERT INTO threads (thread_id, candidate_id) VALUES (%s, %s) "
            "ON CONFLICT (thread_id) DO UPDATE SET updated_at = now()",
            (report.thread_id, candidate_id),
        )
        await conn.execute(
            "INSERT INTO analyses (thread_id, job_title, readiness, mode, fallback, report, run_id) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s)",
            (
                report.thread_id,
                report.job.title,
                report.readiness.score,
                report.mode,
                report.fallback,
                Jsonb(report.model_dump(mode="json")),
                run_id,
            ),
        )
