"""LLM mode next to the deterministic core: latency, tokens and a cost estimate per analysis and per
practice turn, with the outcome (readiness, model-added requirements, fallbacks) beside them."""

from __future__ import annotations

import statistics
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from langchain_core.callbacks import get_usage_metadata_callback
from langchain_core.messages.ai import UsageMetadata

from graph.analysis import run_analysis
from graph.practice import answer_question, start_practice
from graph.runner import Runner
from mulakat.packs.loader import rubric_of
from mulakat.practice.session import Answer
from mulakat.storage.settings import Settings

COLUMNS = (
    "mode",
    "step",
    "runs",
    "p50 ms",
    "p95 ms",
    "input tokens",
    "output tokens",
    "cost per run",
    "fallbacks",
    "outcome",
)


@dataclass(frozen=True)
class Measured:
    ms: float
    input_tokens: int
    output_tokens: int
    fallback: bool
    outcome: str


def _tokens(usage: dict[str, UsageMetadata]) -> tuple[int, int]:
    """Input and output tokens summed over every model the run called.

    A call whose answer fails to parse raises inside the client before usage is reported, so its tokens
    are missing here: with fallbacks in the row, the token figures are a lower bound.
    """
    return sum(u["input_tokens"] for u in usage.values()), sum(u["output_tokens"] for u in usage.values())


async def _analysis(runner: Runner, samples: Path) -> tuple[Measured, str]:
    files = [{"name": p.name, "data": p.read_bytes()} for p in (samples / "resume.md", samples / "job.md")]
    with get_usage_metadata_callback() as usage:
        start = time.perf_counter()
        report = await run_analysis(runner, files[0], files[1], f"llm-eval-{uuid.uuid4()}")  # type: ignore[arg-type]
        ms = 1000 * (time.perf_counter() - start)
    outcome = f"readiness {report.readiness.score}, {len(report.requirements)} requirements"
    return Measured(ms, *_tokens(usage.usage_metadata), report.fallback, outcome), report.thread_id


async def _turn(runner: Runner, thread_id: str) -> Measured:
    view = await start_practice(runner, thread_id, goal=1)
    if view.question is None:
        return Measured(0.0, 0, 0, False, "no question")
    answer = Answer(text=" ".join(rubric_of(view.question.text)), question_id=view.question.id)
    with get_usage_metadata_callback() as usage:
        start = time.perf_counter()
        view = await answer_question(runner, thread_id, answer)
        ms = 1000 * (time.perf_counter() - start)
    grade = view.last_grade
    outcome = f"grade {grade.score}" if grade is not None else "no grade"
    return Measured(ms, *_tokens(usage.usage_metadata), bool(grade and grade.fallback), outcome)


def _cost(settings: Settings, rows: list[Measured]) -> str:
    if settings.chat_price_input_per_mtok is None or settings.chat_price_output_per_mtok is None:
        return "set MULAKAT_CHAT_PRICE_*"
    spent = [
        (m.input_tokens * settings.chat_price_input_per_mtok + m.output_tokens * settings.chat_price_output_per_mtok)
        / 1e6
        for m in rows
    ]
    return f"${statistics.fmean(spent):.5f}"


def _row(mode: str, step: str, rows: list[Measured], settings: Settings) -> list[str]:
    times = sorted(m.ms for m in rows)
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return [
        mode,
        step,
        str(len(rows)),
        f"{statistics.median(times):.0f}",
        f"{p95:.0f}",
        # Not rounded: a run that drafts packs asks more than the next, so the mean can end in a half.
        f"{statistics.fmean(m.input_tokens for m in rows):g}",
        f"{statistics.fmean(m.output_tokens for m in rows):g}",
        _cost(settings, rows) if mode != "deterministic" else "$0",
        str(sum(m.fallback for m in rows)),
        "; ".join(dict.fromkeys(m.outcome for m in rows)),
    ]


async def model_table(runner: Runner, samples: Path, runs: int = 3) -> list[list[str]]:
    """Rows for the core and, when a chat model is configured, for the model on the same documents."""
    modes = [("deterministic", runner.with_services(chat_model=None))]
    if runner.services.chat_model is not None:
        modes.append((f"llm ({runner.services.settings.chat_model})", runner))
    table: list[list[str]] = []
    for mode, chosen in modes:
        analyses: list[Measured] = []
        turns: list[Measured] = []
        for _ in range(runs):
            measured, thread_id = await _analysis(chosen, samples)
            analyses.append(measured)
            turns.append(await _turn(chosen, thread_id))
        table.append(_row(mode if mode == "deterministic" else "llm", "analysis", analyses, runner.services.settings))
        table.append(_row(mode if mode == "deterministic" else "llm", "practice turn", turns, runner.services.settings))
    if runner.services.chat_model is None:
        table.append(["llm", "-", "0", "", "", "", "", "", "", "no chat model: set MULAKAT_CHAT_MODEL to compare"])
    return table
