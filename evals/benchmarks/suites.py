"""The benchmark suites `mulakat eval` runs: each turns one benchmark's rows into titled tables.

Benchmarks are imported inside each suite so that naming a suite loads only what that suite needs.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from evals.tables import ResultTable
from mulakat.storage.settings import Settings

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def speed() -> list[ResultTable]:
    from evals.benchmarks.parse_speed import speed_table

    return [ResultTable("Warm timings, median of 20 runs (ms)", ("step", "ms"), speed_table(SAMPLES / "resume.md"))]


def embeddings() -> list[ResultTable]:
    from evals.benchmarks.embedding_parity import parity_rows

    title = "MiniLM on ONNX Runtime vs the torch reference (parity texts; texts/s best of 3 in this process)"
    return [ResultTable(title, ("measure", "value"), parity_rows())]


def latency(settings: Settings) -> list[ResultTable]:
    from evals.benchmarks.latency import latency_table
    from graph.runner import run_with_runner

    rows = run_with_runner(lambda runner: latency_table(runner, SAMPLES), settings)
    return [ResultTable("Analysis latency through the checkpointed graph (ms)", ("case", "runs", "p50", "p95"), rows)]


def practice(settings: Settings) -> list[ResultTable]:
    from evals.benchmarks.practice_bench import practice_tables
    from graph.runner import run_with_runner

    latency_rows, growth_rows, verdicts = run_with_runner(lambda runner: practice_tables(runner, SAMPLES), settings)
    return [
        ResultTable("Practice turn latency, warm (ms)", ("case", "turns", "p50", "p95"), latency_rows),
        ResultTable("Checkpoint bytes written per practice turn", ("turn", "bytes written", "x turn 10"), growth_rows),
        ResultTable("Simulated answers by verdict (varied, no rubric text)", ("answers", "n", "share"), verdicts),
    ]


def load(settings: Settings) -> list[ResultTable]:
    from evals.benchmarks.load import THINK_S, TURNS, load_tables

    # No runner here: the load goes through a separate server process, over HTTP.
    rows, server = asyncio.run(load_tables(settings, SAMPLES))
    return [
        ResultTable(
            f"Practice turns over HTTP, one server process on loopback ({TURNS} answers per candidate, "
            f"{THINK_S[0]:.0f}-{THINK_S[1]:.0f} s to write each; first row: back to back)",
            (
                "candidates",
                "think s",
                "turns",
                "errors",
                "turns with no question left",
                "p50 ms",
                "p95 ms",
                "max ms",
                "turns/s",
                "server CPU ms/turn",
                "gated share",
            ),
            rows,
        ),
        ResultTable("Server process", ("measure", "value"), server),
    ]


def retrieval(settings: Settings) -> list[ResultTable]:
    from evals.benchmarks.retrieval import retrieval_suite

    return retrieval_suite(settings)


def checkpoints(settings: Settings) -> list[ResultTable]:
    from evals.benchmarks.checkpoint_bytes import checkpoint_suite

    return checkpoint_suite(settings, SAMPLES)


def coldstart(settings: Settings) -> list[ResultTable]:
    from evals.benchmarks.coldstart import coldstart_suite

    return coldstart_suite(settings, SAMPLES)


def machine() -> list[ResultTable]:
    """The machine the figures came from, printed with them so a README table can name it."""
    from evals.benchmarks.machine import machine_rows

    return [ResultTable("Machine", ("measure", "value"), machine_rows())]
