"""Shared fixtures: settings, services and runner on real PostgreSQL (embedded by default, or
MULAKAT_TEST_DATABASE_URL), opened once per session, and in-process API clients over them."""

from __future__ import annotations

import os
import signal
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

import graph.analysis
from api.app import app
from evals.quality.citations import invalid_citations
from graph.builder import compile_graph
from graph.runner import Runner
from mulakat.models import Report
from mulakat.services import Services, open_services
from mulakat.storage.settings import Settings
from tests.support.api import asgi_client, candidate_headers


def pytest_configure(config: pytest.Config) -> None:
    # SIGTERM ends the run as Ctrl-C does: session fixtures are torn down, so the embedded PostgreSQL the
    # session started is stopped instead of outliving the run.
    if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
        signal.signal(signal.SIGTERM, signal.default_int_handler)


@pytest.fixture(scope="session", autouse=True)
def citations_checked_on_every_report() -> Iterator[list[str]]:
    """Every report an in-process test produces, through the graph or the API, has each quote checked against its
    parsed document before it is recorded; a quote that does not verify fails that test. Yields the threads checked.
    """
    original = graph.analysis.record
    checked: list[str] = []

    async def checked_record(
        runner: Runner, report: Report, candidate_id: str | None = None, run_id: uuid.UUID | None = None
    ) -> None:
        state = (await runner.graph.aget_state({"configurable": {"thread_id": report.thread_id}})).values
        resume, job = await runner.services.documents.load(report.thread_id, [state["resume"], state["job"]])
        problems = invalid_citations(report, resume.text, job.text)
        assert not problems, f"citations that do not verify: {problems}"
        checked.append(report.thread_id)
        await original(runner, report, candidate_id, run_id)

    graph.analysis.record = checked_record  # type: ignore[assignment]
    yield checked
    graph.analysis.record = original  # type: ignore[assignment]


@pytest.fixture(scope="session")
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("mulakat-data")


@pytest.fixture(scope="session")
def settings(data_dir: Path) -> Settings:
    return Settings(_env_file=None, data_dir=data_dir, database_url=os.environ.get("MULAKAT_TEST_DATABASE_URL"))  # type: ignore[call-arg]


@pytest.fixture(scope="session")
async def services(settings: Settings) -> AsyncIterator[Services]:
    async with open_services(settings) as opened:
        yield opened


@pytest.fixture(scope="session")
def runner(services: Services) -> Runner:
    """The graph compiled on the session's checkpointer, with the session's services: what the app's starter builds."""
    return Runner(services, compile_graph(services.checkpointer))


@pytest.fixture
async def http(runner: Runner) -> AsyncIterator[httpx.AsyncClient]:
    """The app over the session's runner, called with no identity: each call says who it is."""
    app.state.runner = runner
    async with asgi_client(app) as c:
        yield c


@pytest.fixture
async def client(runner: Runner) -> AsyncIterator[httpx.AsyncClient]:
    """The app over the session's runner, called as one fresh candidate (a test may clear the header)."""
    app.state.runner = runner
    headers = await candidate_headers(runner.services.pool)
    async with asgi_client(app, headers=headers) as c:
        yield c
