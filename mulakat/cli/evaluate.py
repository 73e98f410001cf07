"""`mulakat eval`: print a suite's evaluation tables."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from mulakat.cli.running import error_exit
from mulakat.storage.settings import get_settings


def run_eval(
    suite: Annotated[
        str,
        typer.Argument(
            help="Suite: all (every quality suite), extraction, matching, grading, quality, requirements, "
            "metamorphic, feedback, llm (model beside core: latency, tokens, cost), recruiter (the "
            "recruiter-labelled set, requirement mentions on SkillSpan dev), ranking (fit's order of postings per CV "
            "against labellers', with baselines), plan (study plans and practice for every gap of real postings); "
            "benchmarks: bench, speed, latency, "
            "practice, load, retrieval, embeddings (ONNX vs torch parity and speed). With LANGSMITH_API_KEY "
            "set, requirements and metamorphic also run through langsmith.evaluate and upload "
            "(MULAKAT_EVAL_UPLOAD=false keeps them local)."
        ),
    ] = "extraction",
    data: Annotated[Path, typer.Option(help="Folder holding skillspan/, dotin_train/ and decorte_validation/.")] = Path(
        "../shared/data/skills"
    ),
    esco: Annotated[Path, typer.Option(help="ESCO CSV folder, for the Decorte label-linking table.")] = Path(
        "../shared/data/taxonomy/esco_v1_1_1"
    ),
    quick: Annotated[
        bool,
        typer.Option(
            help="Suite bench runs every benchmark (latency, practice, retrieval, checkpoints, coldstart, load); "
            "--quick leaves out load, which takes several minutes."
        ),
    ] = False,
) -> None:
    """Print evaluation tables (offline; no database needed for extraction or speed)."""
    from rich.table import Table

    from evals.suites import run_suite
    from evals.tables import SuiteError

    try:
        tables = run_suite(suite, data, esco, get_settings(), quick=quick)
    except SuiteError as exc:
        raise error_exit(exc) from exc
    for result in tables:
        table = Table(title=result.title)
        for column in result.columns:
            table.add_column(column)
        for row in result.rows:
            table.add_row(*row)
        Console(width=160).print(table)
