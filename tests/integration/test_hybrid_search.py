"""Our one-statement hybrid search returns what langchain-postgres's PGVectorStore search returns."""

from __future__ import annotations

import dataclasses

import pytest
from langchain_postgres.v2.hybrid_search_config import HybridSearchConfig

from mulakat.services import Services
from mulakat.storage.vectors import RESUME_TABLE, ensure_inline_vectors, hybrid_config, knowledge_hybrid

pytestmark = pytest.mark.anyio

# Each with the filters a node uses: a free need's words, a skill's subtopics, questions of one kind.
SEARCHES: list[tuple[str, str | None, str | None, int]] = [
    ("developing applications and tools that support the business", None, "subtopic", 12),
    ("developing applications and tools that support the business", None, "question", 12),
    ("work closely with product owners", None, "subtopic", 4),
    ("kubernetes pods deployments", "kubernetes", "overview", 1),
    ("How does a B-tree index speed up a range query?", "postgresql", "question", 3),
    ("event loop microtasks promises", None, None, 8),
    ("Spring Boot auto-configuration", None, "subtopic", 12),
    ("zzqx nonsense words nobody wrote", None, "question", 5),  # no full-text match: dense only
]


def _library_config(query: str) -> HybridSearchConfig:
    # The library writes into the config it is given (its issue #337): a fresh copy per search.
    base = hybrid_config()
    return dataclasses.replace(base, fts_query=query, fusion_function_parameters=dict(base.fusion_function_parameters))


@pytest.mark.parametrize(("query", "skill", "kind", "k"), SEARCHES)
async def test_same_rows_in_the_same_order_as_the_library(
    services: Services, query: str, skill: str | None, kind: str | None, k: int
) -> None:
    conditions = [{key: {"$eq": value}} for key, value in (("skill", skill), ("kind", kind)) if value]
    where = None if not conditions else conditions[0] if len(conditions) == 1 else {"$and": conditions}
    expected = await services.knowledge.asimilarity_search(
        query, k=k, filter=where, hybrid_search_config=_library_config(query)
    )
    vector = await services.knowledge.embeddings.aembed_query(query)
    found = await knowledge_hybrid(services.pool, vector, query, k, skill=skill, kind=kind)
    assert expected, "the packs are synced, so every search finds something"
    assert [(h["text"], h["source"]) for h in found] == [(d.page_content, d.metadata["source"]) for d in expected]
    assert found == [{**d.metadata, "text": d.page_content} for d in expected]


async def test_vectors_live_in_their_rows_and_an_older_table_is_rewritten(services: Services) -> None:
    async def storage() -> str:
        async with services.pool.connection() as conn:
            cur = await conn.execute(
                "SELECT attstorage FROM pg_attribute WHERE attrelid = 'resume_chunks'::regclass "
                "AND attname = 'embedding'"
            )
            row = await cur.fetchone()
        return str(row[0]) if row else ""

    assert await storage() == "p"
    async with services.pool.connection() as conn:
        await conn.execute("ALTER TABLE resume_chunks ALTER COLUMN embedding SET STORAGE EXTERNAL")
    assert await storage() == "e"  # as langchain-postgres creates it
    await ensure_inline_vectors(services.pool, RESUME_TABLE)
    assert await storage() == "p"
    async with services.pool.connection() as conn:
        cur = await conn.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'knowledge_chunks_tsv'")
        assert await cur.fetchone() is not None
