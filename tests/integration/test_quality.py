"""The quality suite on the shipped samples, run through the session's graph and PostgreSQL."""

from __future__ import annotations

import pytest

from graph.runner import Runner


@pytest.mark.anyio
async def test_quality_suite_finds_no_failures_on_the_samples(runner: Runner) -> None:
    from evals.quality.checks import BAD_ANSWERS, PRACTICE_TURNS, STABILITY_RUNS, quality_table
    from tests.support.paths import SAMPLES

    rows = {row[0]: row for row in await quality_table(runner, SAMPLES)}
    citations = rows["citations match their source text at their offsets"]
    assert citations[2] == "0 invalid" and not citations[3].startswith("0/")
    assert rows["the same documents give the same score"][1:3] == [f"{STABILITY_RUNS} runs", "range 0"]
    targets = rows["each practice question targets a detected gap"]
    assert targets[1:3] == [f"{PRACTICE_TURNS} questions", "0 off gap"]
    honesty = rows["bad answers score at most 10 (honesty gate)"]
    assert honesty[1:3] == [f"{len(BAD_ANSWERS)} answers", "0 over 10"]
