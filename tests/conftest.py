"""Shared fixtures. Tests run against real PostgreSQL: embedded by default, or MULAKAT_TEST_DATABASE_URL."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from graph.builder import compile_graph
from graph.runner import Runner
from mulakat.services import Services, open_services
from mulakat.storage.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED_DATA = ROOT.parent / "shared" / "data"
# Real, externally written data sits beside the repository in development and CI; a bare clone lacks it.
requires_shared_data = pytest.mark.skipif(
    not SHARED_DATA.exists(),
    reason="needs the shared data folder beside the repository (present in development and CI)",
)


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


def upload(name: str, text: str) -> dict[str, object]:
    return {"name": name, "data": text.encode()}
