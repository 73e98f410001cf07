"""Retrieval tools over pgvector, called by the nodes (and traceable as tool runs)."""

from __future__ import annotations

from typing import Any

from langchain_core.tools import tool

from mulakat.services import current_services
from tools.stores import fresh_hybrid


@tool
async def search_knowledge(query: str, skill: str | None = None, k: int = 3) -> list[dict[str, Any]]:
    """Search mulakat's study notes. Optionally restrict to one skill id (e.g. "kubernetes")."""
    services = await current_services()
    found = await services.knowledge.asimilarity_search(
        query, k=k, filter={"skill": skill} if skill else None, hybrid_search_config=fresh_hybrid(query)
    )
    return [
        {
            "skill": d.metadata["skill"],
            "title": d.metadata["title"],
            "subtopics": d.metadata["subtopics"],
            "text": d.page_content,
        }
        for d in found
    ]


@tool
async def search_resume(query: str, thread_id: str, k: int = 1) -> list[dict[str, Any]]:
    """Find the resume passages of a thread closest in meaning to the query, with cosine similarity."""
    services = await current_services()
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
