"""The suites `mulakat eval` runs, by name: each returns titled tables that the CLI prints."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from evals.benchmarks import suites as benchmarks
from evals.quality import suites as quality
from evals.tables import ResultTable, SuiteError
from mulakat.storage.settings import Settings


@dataclass(frozen=True)
class SuiteInputs:
    """What `mulakat eval` was given; each suite reads the parts it needs."""

    data: Path  # skillspan/, dotin_train/ and decorte_validation/
    esco: Path  # the ESCO CSVs
    settings: Settings
    quick: bool = False  # bench only


@dataclass(frozen=True)
class Suite:
    run: Callable[[SuiteInputs], list[ResultTable]]
    in_all: bool = False  # a quality suite, fast enough for CI: `mulakat eval all` runs it
    in_bench: bool = False  # a benchmark: `mulakat eval bench` runs it
    in_quick_bench: bool = False  # and `bench --quick` too, since it takes seconds, not minutes


def run_group(names: tuple[str, ...], inputs: SuiteInputs) -> list[ResultTable]:
    return [table for name in names for table in SUITES[name].run(inputs)]


def bench(inputs: SuiteInputs) -> list[ResultTable]:
    names = BENCH_QUICK if inputs.quick else BENCH
    return benchmarks.machine() + run_group(names, inputs)


# In the order `--help` and the unknown-suite error list them.
SUITES: dict[str, Suite] = {
    "extraction": Suite(lambda inputs: quality.extraction(inputs.data, inputs.esco, inputs.settings), in_all=True),
    "matching": Suite(lambda inputs: quality.matching(inputs.data, inputs.settings), in_all=True),
    "speed": Suite(lambda inputs: benchmarks.speed()),
    "embeddings": Suite(lambda inputs: benchmarks.embeddings()),
    "latency": Suite(lambda inputs: benchmarks.latency(inputs.settings), in_bench=True, in_quick_bench=True),
    "practice": Suite(lambda inputs: benchmarks.practice(inputs.settings), in_bench=True, in_quick_bench=True),
    "grading": Suite(lambda inputs: quality.grading(inputs.settings), in_all=True),
    "load": Suite(lambda inputs: benchmarks.load(inputs.settings), in_bench=True),
    "quality": Suite(lambda inputs: quality.quality(inputs.data, inputs.settings), in_all=True),
    "feedback": Suite(lambda inputs: quality.feedback(inputs.settings), in_all=True),
    "retrieval": Suite(lambda inputs: benchmarks.retrieval(inputs.settings), in_bench=True, in_quick_bench=True),
    "checkpoints": Suite(lambda inputs: benchmarks.checkpoints(inputs.settings), in_bench=True, in_quick_bench=True),
    "coldstart": Suite(lambda inputs: benchmarks.coldstart(inputs.settings), in_bench=True, in_quick_bench=True),
    "bench": Suite(bench),
    "requirements": Suite(lambda inputs: quality.requirements(), in_all=True),
    "metamorphic": Suite(lambda inputs: quality.metamorphic(), in_all=True),
    "llm": Suite(lambda inputs: quality.llm(inputs.settings)),
    # Not in `all` until the labels land: without them only its SkillSpan mention table has figures.
    "recruiter": Suite(lambda inputs: quality.recruiter(inputs.settings), in_all=True),
    # Not in `all`: it runs 175 analyses on the shared Vanetik CVs, a few minutes.
    "ranking": Suite(lambda inputs: quality.ranking(inputs.settings)),
    # Not in `all`: 20 analyses of real postings and CVs through the graph, a few minutes.
    "plan": Suite(lambda inputs: quality.plan(inputs.settings)),
    "demand": Suite(lambda inputs: quality.demand(inputs.data, inputs.esco.parent), in_all=True),
    "all": Suite(lambda inputs: run_group(ALL, inputs)),
}


def _in_order(members: tuple[str, ...], flag: Callable[[Suite], bool]) -> tuple[str, ...]:
    """The group's run order, checked against the flags so the two cannot drift apart."""
    assert set(members) == {name for name, suite in SUITES.items() if flag(suite)}, members
    return members


# Groups run in their own order (the tables print in it), not the listing's.
ALL: tuple[str, ...] = _in_order(
    ("extraction", "matching", "grading", "quality", "requirements", "recruiter", "metamorphic", "feedback", "demand"),
    lambda s: s.in_all,
)
BENCH: tuple[str, ...] = _in_order(
    ("latency", "practice", "retrieval", "checkpoints", "coldstart", "load"), lambda s: s.in_bench
)
BENCH_QUICK: tuple[str, ...] = tuple(name for name in BENCH if SUITES[name].in_quick_bench)


def run_suite(suite: str, data: Path, esco: Path, settings: Settings, *, quick: bool = False) -> list[ResultTable]:
    if suite not in SUITES:
        raise SuiteError(f"unknown suite {suite!r}; available: {', '.join(SUITES)}")
    return SUITES[suite].run(SuiteInputs(data, esco, settings, quick))
