"""Retrieval tools over pgvector, called by the nodes (and traceable as tool runs)."""

from __future__ import annotations

from typing import Any

from langchain_core.tools import tool
from langgraph.runtime import get_runtime

from graph.context import Context, run_services
from mulakat.services import Services
from mulakat.storage.vectors import fresh_hybrid


async def knowledge_search(
    services: Services, query: str, skill: str | None = None, kind: str | None = None, k: int = 3
) -> list[dict[str, Any]]:
    conditions = [{key: {"$eq": value}} for key, value in (("skill", skill), ("kind", kind)) if value]
    where = None if not conditions else conditions[0] if len(conditions) == 1 else {"$and": conditions}
    found = await services.knowledge.asimilarity_search(
        query, k=k, filter=where, hybrid_search_config=fresh_hybrid(query)
    )
    return [{**d.metadata, "text": d.page_content} for d in found]


async def resume_search(services: Services, query: str, thread_id: str, k: int = 1) -> list[dict[str, Any]]:
    found = await services.resumes.asimilarity_search_with_score(
        query, k=k, filter={"thread_id": thread_id}, hybrid_search_config=None
    )
    return [
        {
            "text": d.page_content,
            "section": d.metadata["section"],
            "start": d.metadata["start_at"],
            "end": d.metadata["end_at"],
            "similarity": round(1 - distance, 4),
        }
        for d, distance in found
    ]


@tool
async def search_knowledge(
    query: str, skill: str | None = None, kind: str | None = None, k: int = 3
) -> list[dict[str, Any]]:
    """Search the knowledge store (our packs and ingested corpora), hybrid full-text + vector.

    skill: restrict to one skill id (e.g. "kubernetes"). kind: overview | subtopic | question | passage.
    Every result carries its `source` for citation.
    """
    return await knowledge_search(await run_services(get_runtime(Context)), query, skill, kind, k)


@tool
async def search_resume(query: str, thread_id: str, k: int = 1) -> list[dict[str, Any]]:
    """Find the resume passages of a thread closest in meaning to the query, with cosine similarity."""
    return await resume_search(await run_services(get_runtime(Context)), query, thread_id, k)
