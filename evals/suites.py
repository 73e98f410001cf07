"""The suites `mulakat eval` runs: each returns titled tables that the CLI prints."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from evals.tables import ResultTable, SuiteError
from mulakat.storage.settings import Settings

if TYPE_CHECKING:
    from evals.cases import CaseSuite, SuiteRun

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def extraction(data: Path, esco: Path, settings: Settings) -> list[ResultTable]:
    from evals.quality.skill_spans import dotin_table, skillspan_table

    if not (data / "skillspan" / "dev.json").is_file():
        raise SuiteError(f"{data}/skillspan/dev.json not found; pass --data")
    rows = skillspan_table(data / "skillspan")
    if (data / "dotin_train" / "train.jsonl").is_file():
        rows += dotin_table(data / "dotin_train" / "train.jsonl")
    tables = [
        ResultTable(
            "Skill span extraction (SkillSpan dev; Dotin train)",
            ("system", "set", "strict P", "strict R", "strict F1", "overlap P", "overlap R", "overlap F1"),
            sorted(rows, key=lambda r: (r[1], r[0])),
        )
    ]
    if (data / "decorte_validation").is_dir() and (esco / "skills_en.csv").is_file():
        from evals.quality.esco_linking import decorte_table

        tables.append(
            ResultTable(
                "ESCO skills per sentence (Decorte validation: tech + house)",
                ("system", "precision", "recall", "F1", "predicted", "gold"),
                decorte_table(data / "decorte_validation", esco, settings.data_dir / "cache"),
            )
        )
    return tables


def matching(data: Path, settings: Settings) -> list[ResultTable]:
    from evals.quality.match_quality import matching_table
    from mulakat.storage.embeddings import load_embeddings

    embed = load_embeddings(settings).embed_documents
    rows = matching_table(data / "skillspan", data / "dotin_train" / "train.jsonl", embed)
    return [
        ResultTable(
            "Requirement status on real postings x real CVs (SkillSpan dev x Dotin train)",
            ("system", "threshold", "gap P", "gap R", "gap F1", "status accuracy"),
            rows,
        )
    ]


def speed() -> list[ResultTable]:
    from evals.benchmarks.parse_speed import speed_table

    return [ResultTable("Warm timings, median of 20 runs (ms)", ("step", "ms"), speed_table(SAMPLES / "resume.md"))]


def latency(settings: Settings) -> list[ResultTable]:
    from evals.benchmarks.latency import latency_table
    from graph.runner import open_runner

    async def measure() -> list[list[str]]:
        async with open_runner(settings) as runner:
            return await latency_table(runner, SAMPLES)

    return [
        ResultTable(
            "Analysis latency through the checkpointed graph (ms)",
            ("case", "runs", "p50", "p95"),
            asyncio.run(measure()),
        )
    ]


def practice(settings: Settings) -> list[ResultTable]:
    from evals.benchmarks.practice_bench import practice_tables
    from graph.runner import open_runner

    async def measure() -> tuple[list[list[str]], list[list[str]]]:
        async with open_runner(settings) as runner:
            return await practice_tables(runner, SAMPLES)

    latency_rows, growth_rows = asyncio.run(measure())
    return [
        ResultTable("Practice turn latency, warm (ms)", ("case", "turns", "p50", "p95"), latency_rows),
        ResultTable("Checkpoint bytes written per practice turn", ("turn", "bytes written", "x turn 10"), growth_rows),
    ]


def grading(settings: Settings) -> list[ResultTable]:
    from evals.quality.grading import COLUMNS, grading_sanity
    from mulakat.storage.embeddings import load_embeddings

    rows, run = grading_sanity(load_embeddings(settings).embed_documents)
    summary = [[key, f"{value:.3f}"] for key, value in run.summary.items()]
    summary.append(["LangSmith experiment", run.experiment or "not uploaded (no LANGSMITH_API_KEY)"])
    return [
        ResultTable("Answer grading sanity (30-seconds-of-interviews 'good to hear' points as rubrics)", COLUMNS, rows),
        ResultTable("Answer grading: summary", ("measure", "value"), summary),
    ]


def load(settings: Settings) -> list[ResultTable]:
    from evals.benchmarks.load import THINK_S, TURNS, load_tables

    rows, server = asyncio.run(load_tables(settings, SAMPLES))
    return [
        ResultTable(
            f"Practice turns over HTTP, one server process on loopback ({TURNS} answers per candidate, "
            f"{THINK_S[0]:.0f}-{THINK_S[1]:.0f} s to write each; first row: back to back)",
            ("candidates", "think s", "turns", "errors", "p50 ms", "p95 ms", "max ms", "turns/s", "server CPU ms/turn"),
            rows,
        ),
        ResultTable("Server process", ("measure", "value"), server),
    ]


def quality(data: Path, settings: Settings) -> list[ResultTable]:
    from evals.quality.checks import quality_table
    from graph.runner import open_runner

    cvs = data.parent / "documents" / "vanetik_cvs_31_65"  # real DOCX CVs, when the shared data is beside us

    async def measure() -> list[list[str]]:
        async with open_runner(settings) as runner:
            return await quality_table(runner, SAMPLES, cvs)

    return [
        ResultTable(
            "Quality checks (deterministic core)", ("check", "cases", "failures", "detail"), asyncio.run(measure())
        )
    ]


def feedback(settings: Settings) -> list[ResultTable]:
    from evals.quality.feedback import feedback_examples, feedback_tables
    from graph.runner import open_runner

    async def read() -> list[dict[str, object]]:
        async with open_runner(settings) as runner:
            return await feedback_examples(runner.services.pool)

    summary, downs = feedback_tables(asyncio.run(read()))
    return [
        ResultTable("Candidate feedback by output (POST /v1/feedback)", ("rated", "up", "down", "share down"), summary),
        ResultTable("Latest thumbs-down, as eval cases", ("target", "output", "comment", "input"), downs),
    ]


def case_tables(run: SuiteRun, suite: CaseSuite, title: str) -> list[ResultTable]:
    """One row per case with each evaluator's score and what went wrong, then the suite's summary."""
    keys = list(dict.fromkeys(k for r in run.results for k in r.scores))
    rows = [
        [
            r.case.id,
            *(f"{r.scores.get(k, float('nan')):.2f}" for k in keys),
            "; ".join(dict.fromkeys(r.comments.values())),
        ]
        for r in run.results
    ]
    summary = [[key, f"{value:.3f}"] for key, value in run.summary.items()]
    summary.append(["cases", str(len(run.results))])
    summary.append(["LangSmith experiment", run.experiment or "not uploaded (no LANGSMITH_API_KEY)"])
    return [
        ResultTable(title, ("case", *keys, "what differs"), rows),
        ResultTable(f"{title}: summary", ("measure", "value"), summary),
    ]


def requirements() -> list[ResultTable]:
    from evals.cases import run_suite_cases
    from evals.quality.requirement_status import requirement_suite

    suite = requirement_suite()
    return case_tables(run_suite_cases(suite), suite, "Requirement status and priority (hand-labelled cases)")


def metamorphic() -> list[ResultTable]:
    from evals.cases import run_suite_cases
    from evals.quality.metamorphic import metamorphic_suite

    suite = metamorphic_suite()
    return case_tables(run_suite_cases(suite), suite, "Metamorphic properties of the readiness score")


def llm(settings: Settings) -> list[ResultTable]:
    from evals.quality.model_runs import COLUMNS, model_table
    from graph.runner import open_runner

    async def measure() -> list[list[str]]:
        async with open_runner(settings) as runner:
            return await model_table(runner, SAMPLES)

    return [
        ResultTable(
            "LLM mode beside the deterministic core (sample resume and posting)", COLUMNS, asyncio.run(measure())
        )
    ]


# The quality suites, fast enough for CI; the benchmarks (speed, latency, practice, load, ...) are not here.
QUALITY_SUITES = ("extraction", "matching", "grading", "quality", "requirements", "metamorphic", "feedback")


SUITES = (
    "extraction",
    "matching",
    "speed",
    "latency",
    "practice",
    "grading",
    "load",
    "quality",
    "feedback",
    "retrieval",
    "checkpoints",
    "coldstart",
    "bench",
    "requirements",
    "metamorphic",
    "llm",
    "all",
)


# `mulakat eval bench`: every benchmark in one run; load takes minutes, so --quick leaves it out.
BENCH_SUITES = ("latency", "practice", "retrieval", "checkpoints", "coldstart", "load")


def bench(data: Path, esco: Path, settings: Settings, quick: bool) -> list[ResultTable]:
    from evals.benchmarks.machine import machine_rows

    names = [name for name in BENCH_SUITES if not (quick and name == "load")]
    tables = [ResultTable("Machine", ("measure", "value"), machine_rows())]
    return tables + [table for name in names for table in run_suite(name, data, esco, settings)]


def run_suite(suite: str, data: Path, esco: Path, settings: Settings, *, quick: bool = False) -> list[ResultTable]:
    if suite == "bench":
        return bench(data, esco, settings, quick)
    if suite == "all":
        return [table for name in QUALITY_SUITES for table in run_suite(name, data, esco, settings)]
    if suite == "requirements":
        return requirements()
    if suite == "metamorphic":
        return metamorphic()
    if suite == "llm":
        return llm(settings)
    if suite == "extraction":
        return extraction(data, esco, settings)
    if suite == "matching":
        return matching(data, settings)
    if suite == "speed":
        return speed()
    if suite == "latency":
        return latency(settings)
    if suite == "practice":
        return practice(settings)
    if suite == "grading":
        return grading(settings)
    if suite == "load":
        return load(settings)
    if suite == "quality":
        return quality(data, settings)
    if suite == "feedback":
        return feedback(settings)
    if suite == "retrieval":
        from evals.benchmarks.retrieval import retrieval_suite

        return retrieval_suite(settings)
    if suite == "checkpoints":
        from evals.benchmarks.checkpoint_bytes import checkpoint_suite

        return checkpoint_suite(settings, SAMPLES)
    if suite == "coldstart":
        from evals.benchmarks.coldstart import coldstart_suite

        return coldstart_suite(settings, SAMPLES)
    raise SuiteError(f"unknown suite {suite!r}; available: {', '.join(SUITES)}")
