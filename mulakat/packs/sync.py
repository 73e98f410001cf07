"""Keep the shipped part of the knowledge store in step with our packs: embed what changed, drop what went."""

from __future__ import annotations

import asyncio
from typing import Any

from langchain_core.documents import Document
from langchain_postgres import PGVectorStore
from psycopg_pool import AsyncConnectionPool

from mulakat.packs.loader import load_packs
from mulakat.storage.vectors import KNOWLEDGE_TABLE, stable_id


def _doc(text: str, **meta: Any) -> tuple[str, Document]:
    return stable_id(meta["source"], meta["kind"], text), Document(page_content=text, metadata=meta)


def knowledge_documents() -> list[tuple[str, Document]]:
    """Our packs as retrievable passages: an overview, one passage per subtopic, one per question."""
    docs = []
    for pack in load_packs().values():
        common = {"skill": pack.skill, "title": pack.title, "origin": "mulakat"}
        names = [s.name for s in pack.subtopics]
        docs.append(
            _doc(
                f"{pack.title}. {pack.summary} Subtopics: {'; '.join(names)}.",
                kind="overview",
                source=pack.source,
                subtopics=names,
                **common,
            )
        )
        for sub in pack.subtopics:
            text = f"{pack.title}: {sub.name}. " + " ".join(sub.key_points)
            docs.append(
                _doc(
                    text,
                    kind="subtopic",
                    source=f"{pack.source}#{sub.name}",
                    subtopic=sub.name,
                    key_points=sub.key_points,
                    **common,
                )
            )
        for q in pack.questions:
            docs.append(
                _doc(
                    q.text,
                    kind="question",
                    source=f"{pack.source}#questions",
                    difficulty=q.difficulty,
                    question_kind=q.kind,
                    rubric=q.rubric,
                    subtopic=q.subtopic,
                    **common,
                )
            )
    return docs


async def sync_knowledge(store: PGVectorStore, pool: AsyncConnectionPool) -> int:
    """Make the shipped part of the knowledge table match the packs; embed only what changed.

    Passages added by `mulakat ingest` (origin 'ingested') are left alone.
    """
    docs = await asyncio.to_thread(knowledge_documents)  # reads the pack files
    wanted = {doc_id for doc_id, _ in docs}
    async with pool.connection() as conn:
        cur = await conn.execute(
            f"SELECT langchain_id::text FROM {KNOWLEDGE_TABLE} WHERE origin IS DISTINCT FROM 'ingested'"
        )
        present = {row[0] for row in await cur.fetchall()}
    new = [(i, d) for i, d in docs if i not in present]
    if new:
        await store.aadd_documents([d for _, d in new], ids=[i for i, _ in new])
    stale = list(present - wanted)
    if stale:
        await store.adelete(ids=stale)
    return len(new)


async def skills_with_questions(pool: AsyncConnectionPool) -> frozenset[str]:
    """Questions come only from the packs (ingested corpora add passages), so this is fixed after sync."""
    async with pool.connection() as conn:
        cur = await conn.execute(f"SELECT DISTINCT skill FROM {KNOWLEDGE_TABLE} WHERE kind = 'question'")
        return frozenset(row[0] for row in await cur.fetchall())
