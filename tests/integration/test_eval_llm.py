"""`mulakat eval llm` on a local OpenAI-compatible server: the tokens it reports are the usage the server
returned, the cost follows the configured prices, and the core's row stays model-free."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from evals.quality.model_runs import COLUMNS, model_table
from graph.runner import Runner
from tests.support.chat_models import with_model_at
from tests.support.fault_server import Fault, FaultServer
from tests.support.paths import SAMPLES

pytestmark = pytest.mark.anyio
RUNS = 2


@pytest.fixture(scope="module")
def model_server() -> Iterator[FaultServer]:
    with FaultServer(hang_s=5) as server:
        yield server


@pytest.fixture
async def drafts_forgotten(runner: Runner) -> AsyncIterator[None]:
    """The packs these runs draft for the sample's skills are dropped after, so no later test finds them stored."""
    yield
    async with runner.services.pool.connection() as conn:
        await conn.execute("DELETE FROM pack_drafts WHERE model = 'openai:fake'")


def _with_model(runner: Runner, server: FaultServer, priced: bool) -> Runner:
    return with_model_at(
        runner,
        server.url,
        chat_timeout_s=5.0,
        chat_max_retries=0,
        chat_price_input_per_mtok=2.0 if priced else None,
        chat_price_output_per_mtok=8.0 if priced else None,
    )


def _rows(table: list[list[str]]) -> dict[tuple[str, str], dict[str, str]]:
    return {(row[0], row[1]): dict(zip(COLUMNS, row, strict=True)) for row in table}


async def test_tokens_and_cost_follow_what_the_server_returned(
    runner: Runner, model_server: FaultServer, drafts_forgotten: None
) -> None:
    model_server.reset()
    # Answers that fit each schema: a call that fails to parse reports no usage, so it would not be counted.
    model_server.script("FeedbackProse", then=Fault("good", {"items": []}))
    model_server.script("RubricJudgement", then=Fault("good", {"points": []}))
    # An empty pack parses, and the checks reject it: the first run drafts the sample's packless skills, the second
    # finds the rejections stored and asks nothing.
    empty_pack = {"title": "t", "summary": "s", "subtopics": [], "questions": []}
    model_server.script("DraftedPack", then=Fault("good", empty_pack))
    rows = _rows(await model_table(_with_model(runner, model_server, priced=True), SAMPLES, runs=RUNS))
    # The fault server answers every request with 1 prompt and 1 completion token.
    requests = len(model_server.seen())
    assert requests >= 2 * RUNS  # at least the analysis's requirement pass and the turn's grading, per run
    analysis, turn = rows[("llm", "analysis")], rows[("llm", "practice turn")]
    per_run = float(analysis["input tokens"]) + float(turn["input tokens"])
    assert per_run * RUNS == requests
    assert analysis["input tokens"] == analysis["output tokens"]
    expected = float(analysis["input tokens"]) * 2.0 / 1e6 + float(analysis["output tokens"]) * 8.0 / 1e6
    assert float(analysis["cost per run"].lstrip("$")) == pytest.approx(expected, abs=1e-5)
    core = rows[("deterministic", "analysis")]
    assert (core["input tokens"], core["cost per run"], core["fallbacks"]) == ("0", "$0", "0")


async def test_without_prices_or_model_the_table_says_what_to_set(
    runner: Runner, model_server: FaultServer, drafts_forgotten: None
) -> None:
    unpriced = _rows(await model_table(_with_model(runner, model_server, priced=False), SAMPLES, runs=1))
    assert unpriced[("llm", "analysis")]["cost per run"] == "set MULAKAT_CHAT_PRICE_*"
    core_only = _rows(await model_table(runner, SAMPLES, runs=1))
    assert "MULAKAT_CHAT_MODEL" in core_only[("llm", "-")]["outcome"]
    assert ("deterministic", "practice turn") in core_only
