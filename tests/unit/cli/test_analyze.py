"""`mulakat analyze`: options checked before any document is read, and what several jobs print."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from mulakat.models import Component, Fit, JobRef, Readiness, Report
from mulakat.skills.taxonomy import load_taxonomy
from tests.support.paths import SAMPLES


def test_cli_refuses_a_past_interview_date() -> None:
    from typer.testing import CliRunner

    from mulakat.cli.app import app

    result = CliRunner().invoke(
        app,
        [
            "analyze",
            "--resume",
            str(SAMPLES / "resume.md"),
            "--job",
            str(SAMPLES / "job.md"),
            "--interview-date",
            "2001-01-01",
        ],
    )
    assert result.exit_code == 2 and "must be after today" in result.output


def _report(source: str, title: str, fit: int, readiness: int) -> Report:
    part = Component(name="level", weight=1.0, value=fit / 100, explanation="fixture", points=fit)
    return Report(
        thread_id=f"t-{source}",
        job=JobRef(title=title, source=source),
        readiness=Readiness(score=readiness, components=[]),
        requirements=[],
        feedback=[],
        plan=[],
        mode="deterministic",
        fallback=False,
        fit=Fit(score=fit, parts=[part], reason=f"reason of {title}"),
    )


# Given in this order; fit orders them junior (80), senior (55, readiness breaks the tie), lead (55), principal.
REPORTS = {
    "principal.md": _report("principal.md", "Principal Engineer", 20, 70),
    "lead.md": _report("lead.md", "Lead Engineer", 55, 30),
    "junior.md": _report("junior.md", "Junior Engineer", 80, 10),
    "senior.md": _report("senior.md", "Senior Engineer", 55, 60),
}


def _analyze_offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, *extra: str) -> str:
    """The command as a user runs it, with each analysis answered from REPORTS instead of the graph."""
    from typer.testing import CliRunner

    import graph.analysis
    from mulakat.cli import analyze
    from mulakat.cli.app import app

    async def canned(runner: object, resume: object, job: dict[str, object], *args: object) -> Report:
        return REPORTS[str(job["name"])]

    def run_offline(work: Callable[[Any], Awaitable[None]], *errors: type[Exception]) -> None:
        asyncio.run(work(SimpleNamespace(services=SimpleNamespace(taxonomy=load_taxonomy()))))

    monkeypatch.setattr(graph.analysis, "run_analysis", canned)
    monkeypatch.setattr(analyze, "run_or_exit", run_offline)
    (tmp_path / "cv.md").write_text("Jane Doe\n")
    jobs = []
    for name in REPORTS:
        (tmp_path / name).write_text("A posting\n")
        jobs += ["--job", str(tmp_path / name)]
    result = CliRunner().invoke(app, ["analyze", "--resume", str(tmp_path / "cv.md"), *jobs, *extra])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_several_jobs_end_with_the_postings_ordered_by_fit(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    out = _analyze_offline(monkeypatch, tmp_path)
    ranking = out[out.index("Postings by fit (4)") :].splitlines()[1:]
    assert ranking == [
        "1. Junior Engineer (junior.md) - fit 80: reason of Junior Engineer; readiness 10",
        "2. Senior Engineer (senior.md) - fit 55: reason of Senior Engineer; readiness 60",
        "3. Lead Engineer (lead.md) - fit 55: reason of Lead Engineer; readiness 30",
        "4. Principal Engineer (principal.md) - fit 20: reason of Principal Engineer; readiness 70",
    ]
    assert out.count("Fit ") == 4  # each report shows its own fit too


def test_json_stays_one_report_per_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    lines = _analyze_offline(monkeypatch, tmp_path, "--json").splitlines()
    reports = [Report.model_validate(json.loads(line)) for line in lines]
    assert [r.job.source for r in reports] == list(REPORTS)  # in the order given; no ranking line added
    assert [r.fit.score for r in reports if r.fit] == [20, 55, 80, 55]
