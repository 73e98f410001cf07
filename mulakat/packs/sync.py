"""Keep the shipped part of the knowledge store in step with our packs: embed what changed, drop what went."""

from __future__ import annotations

import asyncio
import hashlib
import json
from importlib import resources
from typing import Any

from langchain_core.documents import Document
from langchain_postgres import PGVectorStore
from psycopg_pool import AsyncConnectionPool

from mulakat.packs.loader import load_packs
from mulakat.packs.vectors import known_vectors
from mulakat.storage.vectors import KNOWLEDGE_TABLE, insert_documents, stable_id


def _doc(text: str, **meta: Any) -> tuple[str, Document]:
    # The id covers the metadata too: a reworded rubric point or a new reference re-syncs its row.
    return stable_id(text, json.dumps(meta, sort_keys=True)), Document(page_content=text, metadata=meta)


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
                references=[ref.url for ref in pack.sources],
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


# Bump when knowledge_documents() changes what it makes of the same files, so every database re-syncs.
SYNC_FORMAT = "2"


def packs_digest() -> str:
    """A hash of every shipped pack file's name and bytes: equal digests mean an equal knowledge table."""
    digest = hashlib.sha256(SYNC_FORMAT.encode())
    root = resources.files("knowledge")
    files = [root.joinpath("topics.yaml"), *sorted(root.joinpath("packs").iterdir(), key=lambda f: f.name)]
    for file in files:
        if file.name.endswith(".yaml"):
            digest.update(file.name.encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


async def sync_knowledge(store: PGVectorStore, pool: AsyncConnectionPool) -> int:
    """Make the shipped part of the knowledge table match the packs; embed only what changed and was not shipped
    embedded (mulakat.packs.vectors).

    Passages added by `mulakat ingest` (origin 'ingested') are left alone. When the packs' digest is the one last
    synced, nothing is read: a process start costs one hash of the files, not parsing every pack.
    """
    digest = await asyncio.to_thread(packs_digest)
    async with pool.connection() as conn:
        cur = await conn.execute("SELECT digest FROM knowledge_sync")
        row = await cur.fetchone()
    if row is not None and row[0] == digest:
        return 0
    docs = await asyncio.to_thread(knowledge_documents)  # reads the pack files
    wanted = {doc_id for doc_id, _ in docs}
    async with pool.connection() as conn:
        cur = await conn.execute(
            f"SELECT langchain_id::text FROM {KNOWLEDGE_TABLE} WHERE origin IS DISTINCT FROM 'ingested'"
        )
        present = {row[0] for row in await cur.fetchall()}
    new = [(i, d) for i, d in docs if i not in present]
    stale = list(present - wanted)
    known = await asyncio.to_thread(known_vectors, [d.page_content for _, d in new])
    async with pool.connection() as conn, conn.transaction():
        await insert_documents(conn, store, KNOWLEDGE_TABLE, [d for _, d in new], [i for i, _ in new], known)
        if stale:
            await conn.execute(f"DELETE FROM {KNOWLEDGE_TABLE} WHERE langchain_id::text = ANY(%s)", (stale,))
        await conn.execute(
            "INSERT INTO knowledge_sync (digest) VALUES (%s) "
            "ON CONFLICT (only_row) DO UPDATE SET digest = EXCLUDED.digest, synced_at = now()",
            (digest,),
        )
    return len(new)


async def skills_with_questions(pool: AsyncConnectionPool) -> frozenset[str]:
    """Questions come only from the packs (ingested corpora add passages), so this is fixed after sync."""
    async with pool.connection() as conn:
        cur = await conn.execute(f"SELECT DISTINCT skill FROM {KNOWLEDGE_TABLE} WHERE kind = 'question'")
        return frozenset(row[0] for row in await cur.fetchall())
