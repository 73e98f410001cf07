"""The knowledge store: shipped packs in sync, external corpora ingested, retrieval with sources."""

from __future__ import annotations

import pytest

from mulakat.packs.sync import sync_knowledge
from mulakat.services import Services
from tests.support.paths import SHARED_DATA, requires_shared_data
from tools.ingest import ingest
from tools.retrieval import knowledge_search

pytestmark = pytest.mark.anyio


async def search(services: Services, **args: object) -> list[dict[str, object]]:
    return await knowledge_search(services, **args)  # type: ignore[arg-type]


async def test_shipped_packs_stay_in_sync(services: Services) -> None:
    assert await sync_knowledge(services.knowledge, services.pool) == 0  # nothing new on a second sync
    hits = await search(services, query="kubernetes pods deployments", skill="kubernetes", kind="overview", k=1)
    assert hits and hits[0]["skill"] == "kubernetes" and str(hits[0]["source"]).startswith("mulakat:knowledge/packs/")


@requires_shared_data
async def test_ingest_external_corpus_once(services: Services) -> None:
    corpus = SHARED_DATA / "knowledge"
    added, present = await ingest(services, [corpus])
    assert added > 300 and present == 0
    again = await ingest(services, [corpus])
    assert again == (0, added)
    hits = await search(services, query="difference between a docker image and a container", kind="passage", k=3)
    assert hits and all(str(h["source"]).startswith(str(corpus / "learning_zone_docker_kubernetes")) for h in hits)
    assert any(h["skill"] == "docker" for h in hits)
    # Shipped packs are untouched by the ingested passages, and re-syncing keeps the ingested ones.
    await sync_knowledge(services.knowledge, services.pool)
    assert (await ingest(services, [corpus]))[1] == added
