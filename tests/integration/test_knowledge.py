"""The knowledge store: shipped packs in sync, external corpora ingested, retrieval with sources."""

from __future__ import annotations

import pytest

from mulakat.packs import sync
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


async def test_sync_reads_no_pack_when_they_are_unchanged_and_repairs_the_table_when_they_are(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unread() -> list[object]:
        raise AssertionError("the packs were read although their digest is the one synced")

    with monkeypatch.context() as patched:
        patched.setattr(sync, "knowledge_documents", unread)
        assert await sync_knowledge(services.knowledge, services.pool) == 0
    # A row as an older pack file left it (its id no longer matches any pack's text and metadata), and packs that
    # changed since: the next sync drops the old row and writes the current one.
    async with services.pool.connection() as conn:
        cur = await conn.execute(
            "UPDATE knowledge_chunks SET langchain_id = gen_random_uuid() WHERE langchain_id = "
            "(SELECT langchain_id FROM knowledge_chunks WHERE skill = 'docker' AND kind = 'question' LIMIT 1) "
            "RETURNING langchain_id::text"
        )
        stale = (await cur.fetchone() or [""])[0]
        await conn.execute("UPDATE knowledge_sync SET digest = 'an older set of packs'")
    assert await sync_knowledge(services.knowledge, services.pool) == 1
    async with services.pool.connection() as conn:
        cur = await conn.execute("SELECT count(*) FROM knowledge_chunks WHERE langchain_id::text = %s", (stale,))
        assert (await cur.fetchone() or [None])[0] == 0
        cur = await conn.execute("SELECT digest FROM knowledge_sync")
        assert (await cur.fetchone() or [None])[0] == sync.packs_digest()
