"""Retrieval tools over pgvector, called by the nodes (and traceable as tool runs)."""

from __future__ import annotations

from typing import Any

from langchain_core.tools import tool
from langgraph.runtime import get_runtime

from graph.context import Context, run_services
from mulakat.services import Services
from mulakat.storage.vectors import knowledge_hybrid, knowledge_rows, nearest_resume_passages


async def knowledge_search(
    services: Services, query: str | None = None, skill: str | None = None, kind: str | None = None, k: int = 3
) -> list[dict[str, Any]]:
    if not query:
        if not (skill and kind):
            raise ValueError("a listing without a query needs both skill and kind")
        return await knowledge_rows(services.pool, skill, kind, k)
    vector = await services.knowledge.embeddings.aembed_query(query)
    return await knowledge_hybrid(services.pool, vector, query, k, skill=skill, kind=kind)


async def resume_search(
    services: Services, queries: list[str], thread_id: str, k: int = 1
) -> list[list[dict[str, Any]]]:
    """Per query, the thread's k closest resume passages: the queries embed as one batch and search as one SQL."""
    vectors = await services.resumes.embeddings.aembed_documents(queries) if queries else []
    return await nearest_resume_passages(services.pool, thread_id, vectors, k)


@tool
async def search_knowledge(
    query: str | None = None, skill: str | None = None, kind: str | None = None, k: int = 3
) -> list[dict[str, Any]]:
    """Search the knowledge store (our packs and ingested corpora), hybrid full-text + vector.

    skill: restrict to one skill id (e.g. "kubernetes"). kind: overview | subtopic | question | passage.
    Without a query, list the skill's rows of that kind, easiest first (both skill and kind are then needed).
    Every result carries its `source` for citation.
    """
    return await knowledge_search(await run_services(get_runtime(Context)), query, skill, kind, k)


@tool
async def search_resume(queries: list[str], thread_id: str, k: int = 1) -> list[list[dict[str, Any]]]:
    """For each query, the resume passages of a thread closest in meaning to it, with cosine similarity, section
    and offsets."""
    return await resume_search(await run_services(get_runtime(Context)), queries, thread_id, k)
