"""Parsed documents stored once per thread, so graph state carries a small reference to each, not its text."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from psycopg_pool import AsyncConnectionPool

from mulakat.models import DocumentRef, ParsedDocument

HeldDocument = ParsedDocument | DocumentRef
"""What a thread's state holds for a document: a reference, or (checkpoints from before 2026-12-04) the document."""


class MissingDocument(LookupError):
    """A reference whose document is not stored for the thread (deleted with it, or never saved)."""


def _encoded(doc: ParsedDocument) -> tuple[str, str]:
    text = doc.model_dump_json()
    return text, hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class DocumentStore:
    pool: AsyncConnectionPool

    async def save(self, thread_id: str, docs: list[ParsedDocument]) -> list[DocumentRef]:
        """Store each document under its role and digest (again the same one is a no-op); its reference."""
        refs = []
        async with self.pool.connection() as conn, conn.transaction():
            for doc in docs:
                text, digest = _encoded(doc)
                await conn.execute(
                    "INSERT INTO parsed_documents (thread_id, role, digest, document) VALUES (%s, %s, %s, %s)"
                    " ON CONFLICT DO NOTHING",
                    (thread_id, doc.kind, digest, text),
                )
                refs.append(DocumentRef(kind=doc.kind, source=doc.source, quality=doc.quality, digest=digest))
        return refs

    async def load(self, thread_id: str, held: list[HeldDocument]) -> list[ParsedDocument]:
        """The documents behind `held`, in order; a document already in hand (an older checkpoint's) as it is."""
        wanted = [(h.kind, h.digest) for h in held if isinstance(h, DocumentRef)]
        found: dict[tuple[str, str], ParsedDocument] = {}
        if wanted:
            async with self.pool.connection() as conn:
                cur = await conn.execute(
                    "SELECT role, digest, document FROM parsed_documents WHERE thread_id = %s AND digest = ANY(%s)",
                    (thread_id, [digest for _, digest in wanted]),
                )
                found = {(r[0], r[1]): ParsedDocument.model_validate_json(r[2]) for r in await cur.fetchall()}
        docs = []
        for h in held:
            if isinstance(h, ParsedDocument):
                docs.append(h)
            elif (doc := found.get((h.kind, h.digest))) is not None:
                docs.append(doc)
            else:
                raise MissingDocument(f"the {h.kind} of thread {thread_id!r} ({h.source}) is no longer stored")
        return docs

    async def move_out(self, thread_id: str, held: dict[str, HeldDocument]) -> dict[str, DocumentRef]:
        """References for the documents an older checkpoint still holds in full (by state key); {} if none."""
        inline = {key: doc for key, doc in held.items() if isinstance(doc, ParsedDocument)}
        if not inline:
            return {}
        refs = await self.save(thread_id, list(inline.values()))
        return dict(zip(inline, refs, strict=True))
