"""Packs a chat model drafts for a skill with no pack: quotes checked, stored once, reused, reviewed by an operator.

Subnetting has no pack of its own, and shipped notes on networking name it, so its plan topic is assembled until a
draft exists. Each test starts and ends with no stored draft for it.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result
from langchain_core.messages import AIMessage
from typer.testing import CliRunner

import mulakat.services
from graph.analysis import run_analysis
from graph.practice import start_practice
from graph.runner import Runner
from mulakat.models import PlanItem, Report
from mulakat.packs.draft_store import get_draft
from mulakat.packs.drafting import Passage
from mulakat.packs.loader import KnowledgePack
from mulakat.services import Services
from mulakat.storage.settings import get_settings
from tests.support.chat_models import CountingModel, ScriptedModel, TimingOutModel, structured_call
from tests.support.drafts import FABRICATED, SUBTOPICS, drafted_pack, key_point
from tests.support.samples import RESUME, upload
from tools.drafting import draft_passages
from tools.retrieval import knowledge_search

pytestmark = pytest.mark.anyio

SKILL = "subnetting"
JOB = "Network Engineer\n\nRequirements\n- 3+ years of experience with subnetting.\n- Experience with Docker.\n"
OTHER_RESUME = """Bo Lind

Experience

Site Reliability Engineer, Gamma (2019 - 2024)
- Ran Docker hosts and wrote Python tooling for deployments.

Skills
Docker, Python, Linux
"""
Cli = Callable[..., Awaitable[Result]]


async def _forget(runner: Runner) -> None:
    async with runner.services.pool.connection() as conn:
        await conn.execute("DELETE FROM pack_drafts WHERE skill = %s", (SKILL,))


@pytest.fixture
async def no_draft(runner: Runner) -> AsyncIterator[None]:
    await _forget(runner)
    yield
    await _forget(runner)


@pytest.fixture
def cli(services: Services, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Cli]:
    """`mulakat packs ...` as an operator runs it, on the session's database, in a thread with its own event loop."""
    from mulakat.cli.app import app

    monkeypatch.setenv("MULAKAT_DATABASE_URL", services.database_url)
    monkeypatch.setenv("MULAKAT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("MULAKAT_CHAT_MODEL", raising=False)

    async def invoke(*args: str) -> Result:
        get_settings.cache_clear()  # each command reads the environment as a new process would
        return await asyncio.to_thread(CliRunner().invoke, app, ["packs", *args])

    yield invoke
    get_settings.cache_clear()


async def analyse(runner: Runner, resume: str = RESUME) -> Report:
    return await run_analysis(runner, upload("r.txt", resume), upload("j.txt", JOB))  # type: ignore[arg-type]


def subnetting(report: Report) -> PlanItem:
    return next(p for p in report.plan if p.skill == "Subnetting")


async def passages(runner: Runner) -> list[Passage]:
    """What the drafter shows the model for subnetting: the same search, on the same store."""
    services = runner.services

    async def search(args: dict[str, Any]) -> list[dict[str, Any]]:
        return await knowledge_search(services, **args)

    found = await draft_passages(search, SKILL, services.taxonomy)
    assert found, "no passage of the knowledge store names subnetting"
    return found


async def scripted(runner: Runner, resume: str, *drafts: AIMessage) -> CountingModel:
    """A model for one analysis: no implied requirements, the feedback reworded, then the given drafting answers."""
    base = await analyse(runner, resume)  # model-free, for the number of feedback items to reword
    prose = {"items": [f"Rewritten: {item.text}" for item in base.feedback]}
    return CountingModel(
        responses=[
            structured_call("ImplicitRequirements", {"items": []}),
            structured_call("FeedbackProse", prose),
            *drafts,
        ]
    )


def draft_answer(pack: dict[str, Any]) -> AIMessage:
    return structured_call("DraftedPack", pack)


async def test_without_a_model_nothing_is_drafted(runner: Runner, no_draft: None) -> None:
    report = await analyse(runner)

    item = subnetting(report)
    assert report.mode == "deterministic"
    assert item.breakdown == "assembled" and "assembled" in item.reason
    assert await get_draft(runner.services.pool, SKILL) is None


async def test_a_draft_whose_quotes_hold_is_stored_and_planned_with_its_sources(runner: Runner, no_draft: None) -> None:
    found = await passages(runner)
    model = await scripted(runner, RESUME, draft_answer(drafted_pack(found)))

    report = await analyse(runner.with_services(chat_model=model), RESUME)

    assert model.calls == 3  # requirements, feedback, and one draft
    assert report.mode == "llm" and report.fallback is False, report.warnings
    stored = await get_draft(runner.services.pool, SKILL)
    assert stored is not None and stored.status == "draft" and stored.generated and stored.dropped == []
    assert stored.model == "CountingModel"
    assert len(stored.citations) == 6 and all(c.source in {p.source for p in found} for c in stored.citations)
    texts = {p.source: " ".join(p.text.split()) for p in found}
    assert all(c.quote in texts[c.source] for c in stored.citations)
    item = subnetting(report)
    assert item.breakdown == "drafted" and item.topic == "Subnetting: Subnetting for interviews"
    cited = len(stored.cited_sources)
    note = f"drafted by a chat model from {cited} cited passage{'s' if cited != 1 else ''}; not yet reviewed"
    assert note in item.reason
    assert item.sources == stored.cited_sources
    assert item.subtopics == list(SUBTOPICS) and len(item.questions) == 3


async def test_a_fabricated_quote_drops_its_key_point(runner: Runner, no_draft: None) -> None:
    found = await passages(runner)
    model = await scripted(runner, RESUME, draft_answer(drafted_pack(found, fabricated=1)))

    report = await analyse(runner.with_services(chat_model=model), RESUME)

    stored = await get_draft(runner.services.pool, SKILL)
    assert stored is not None and stored.status == "draft"
    assert stored.pack.subtopics[0].key_points == [key_point(1, 1), key_point(1, 2)]
    assert FABRICATED not in {c.quote for c in stored.citations} and len(stored.citations) == 6
    assert stored.dropped == [
        f"key point 'Invented fact 0.' in {SUBTOPICS[0]!r}: its quote {FABRICATED!r} is not in passage 1"
    ]
    assert subnetting(report).breakdown == "drafted" and report.fallback is False


async def test_a_draft_with_too_little_left_is_rejected_with_its_reason(runner: Runner, no_draft: None) -> None:
    found = await passages(runner)
    model = await scripted(runner, RESUME, draft_answer(drafted_pack(found, verified=1, fabricated=1)))

    report = await analyse(runner.with_services(chat_model=model), RESUME)

    stored = await get_draft(runner.services.pool, SKILL)
    assert stored is not None and stored.status == "rejected"
    assert stored.reason is not None and "0 subtopics, at least 3 wanted" in stored.reason
    assert subnetting(report).breakdown == "assembled" and report.fallback is True
    assert any(
        w.startswith("guidance: the pack a chat model drafted for Subnetting was rejected (0 subtopics")
        and w.endswith("the assembled breakdown is used")
        for w in report.warnings
    ), report.warnings
    # A rejection waits for an operator: later analyses do not ask the model again.
    again = await scripted(runner, RESUME, draft_answer(drafted_pack(found)))
    assert subnetting(await analyse(runner.with_services(chat_model=again), RESUME)).breakdown == "assembled"
    assert again.calls == 2


@pytest.mark.parametrize("failing", ["off-schema answer", "timeout"])
async def test_a_model_failure_falls_back_to_the_assembled_breakdown_flagged(
    runner: Runner, no_draft: None, failing: str
) -> None:
    if failing == "timeout":
        model: ScriptedModel = TimingOutModel(responses=[])
    else:
        model = await scripted(runner, RESUME, AIMessage(content="Here are some notes on subnetting."))

    report = await analyse(runner.with_services(chat_model=model), RESUME)

    assert subnetting(report).breakdown == "assembled" and report.fallback is True
    assert any(w.startswith("guidance: drafting a pack for Subnetting failed (") for w in report.warnings)
    assert await get_draft(runner.services.pool, SKILL) is None  # nothing stored: the next run may try again


async def test_another_candidate_reuses_the_stored_draft_without_asking_the_model(
    runner: Runner, no_draft: None
) -> None:
    found = await passages(runner)
    first_model = await scripted(runner, RESUME, draft_answer(drafted_pack(found)))
    first = subnetting(await analyse(runner.with_services(chat_model=first_model), RESUME))
    made = await get_draft(runner.services.pool, SKILL)
    # Were the model asked again it would answer a different pack; it must not be asked.
    second_model = await scripted(runner, OTHER_RESUME, draft_answer(drafted_pack(found, fabricated=2)))

    second = subnetting(await analyse(runner.with_services(chat_model=second_model), OTHER_RESUME))

    assert first_model.calls == 3 and second_model.calls == 2  # the second: requirements and feedback only
    assert second.breakdown == "drafted" and (second.subtopics, second.questions) == (first.subtopics, first.questions)
    assert await get_draft(runner.services.pool, SKILL) == made


async def test_an_operator_drafts_promotes_and_rejects_and_the_plan_follows(
    runner: Runner, no_draft: None, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    refused = await cli("draft", SKILL)
    assert refused.exit_code == 2 and "drafting needs a chat model: set MULAKAT_CHAT_MODEL" in refused.output
    found = await passages(runner)
    operators_model = ScriptedModel(responses=[draft_answer(drafted_pack(found, fabricated=1))])
    monkeypatch.setenv("MULAKAT_CHAT_MODEL", "openai:stand-in")
    monkeypatch.setattr(mulakat.services, "load_chat_model", lambda settings: operators_model)
    drafted = await cli("draft", "Subnetting")
    monkeypatch.delenv("MULAKAT_CHAT_MODEL")
    assert drafted.exit_code == 0, drafted.output
    assert "subnetting: drafted, 6 key points, 6 questions, 1 dropped by the checks" in drafted.stdout

    listed = await cli("drafts")
    row = next(line.split() for line in listed.stdout.splitlines() if line.startswith(SKILL))
    assert (row[:3], row[-2:]) == ([SKILL, "draft", "openai:stand-in"], ["6", "6"])
    shown = await cli("show", SKILL)
    stored = await get_draft(runner.services.pool, SKILL)
    assert stored is not None
    first = stored.citations[0]
    assert f'cites {first.source}: "{first.quote}"' in shown.stdout and "Dropped by the checks" in shown.stdout
    # Unreviewed, a draft reaches a plan only where a chat model is configured.
    assert subnetting(await analyse(runner)).breakdown == "assembled"

    assert (await cli("promote", SKILL)).stdout.strip() == f"{SKILL}: promoted"
    report = await analyse(runner)
    promoted = subnetting(report)
    assert promoted.breakdown == "pack" and promoted.subtopics == list(SUBTOPICS)
    assert "drafted by a chat model from" in promoted.reason and ", then reviewed" in promoted.reason
    asked = (await start_practice(runner, report.thread_id, goal=1)).question  # practice asks from the same pack
    assert asked is not None and asked.text in {q.text for q in stored.pack.questions}
    assert "(from a pack a chat model drafted from cited passages)" in asked.why
    exported = await cli("show", SKILL, "--yaml")
    pack = KnowledgePack.model_validate(yaml.safe_load(exported.stdout))
    assert pack.skill == SKILL and pack.model_dump(exclude={"sources"}) == stored.pack.model_dump(exclude={"sources"})
    assert [ref.url for ref in pack.sources] == stored.cited_sources

    assert (await cli("reject", SKILL, "--reason", "too thin")).stdout.strip() == f"{SKILL}: rejected"
    assert subnetting(await analyse(runner)).breakdown == "assembled"
    assert "reason: too thin" in (await cli("show", SKILL)).stdout
    listed = await cli("drafts")
    assert next(line.split() for line in listed.stdout.splitlines() if line.startswith(SKILL))[1] == "rejected"
