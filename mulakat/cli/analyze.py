"""`mulakat analyze`: a resume against one or more job postings."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from mulakat.cli.running import error_exit, run_or_exit

if TYPE_CHECKING:
    from graph.runner import Runner


def _thread_for(base: str | None, index: int) -> str | None:
    """Job 1 runs on the given thread, job N on '<thread>-N', so re-runs land on the same threads."""
    if base is None:
        return None
    return base if index == 1 else f"{base}-{index}"


def analyze(
    resume: Annotated[Path, typer.Option(help="Resume file (.pdf, .docx, .txt, .md).")],
    job: Annotated[list[Path], typer.Option(help="Job posting file; repeat for several jobs.")],
    thread: Annotated[str | None, typer.Option(help="Thread id to create or update.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON report per job per line.")] = False,
    interview_date: Annotated[
        str | None, typer.Option(help="Interview date (YYYY-MM-DD): lay the plan out over the days before it.")
    ] = None,
    hours_per_day: Annotated[float, typer.Option(help="Study hours per day, with --interview-date.")] = 2.0,
) -> None:
    """Analyse a resume against one or more job postings."""
    from graph.analysis import check_options, run_analysis
    from graph.state import AnalysisOptions, Upload
    from mulakat.cli.report_view import render_ranking, render_report, requirement_areas
    from mulakat.documents.parsing import DocumentError
    from mulakat.planning.schedule import ScheduleError

    for path in (resume, *job):
        if not path.is_file():
            raise error_exit(f"{path}: no such file")
    options: AnalysisOptions = (
        {"interview_date": interview_date, "hours_per_day": hours_per_day} if interview_date else {}
    )
    try:
        check_options(options)  # refuse bad dates before starting the database and the model
    except ScheduleError as exc:
        raise error_exit(exc) from exc

    async def run(runner: Runner) -> None:
        resume_upload: Upload = {"name": resume.name, "data": resume.read_bytes()}
        reports = []
        for index, job_path in enumerate(job, start=1):
            job_upload: Upload = {"name": job_path.name, "data": job_path.read_bytes()}
            report = await run_analysis(runner, resume_upload, job_upload, _thread_for(thread, index), options)
            reports.append(report)
            if as_json:
                sys.stdout.write(json.dumps(report.model_dump(mode="json"), ensure_ascii=False) + "\n")
                sys.stdout.flush()
            else:
                render_report(report, Console(), requirement_areas(report, runner.services.taxonomy))
        # The ranking is for people: --json stays one report per line, each with its own fit to sort by.
        if len(reports) > 1 and not as_json:
            render_ranking(reports, Console())

    run_or_exit(run, DocumentError, ScheduleError)
