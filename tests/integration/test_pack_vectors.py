"""Pack passages ship embedded: the sync takes their vectors from the file instead of the encoder."""

from __future__ import annotations

import uuid
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings

from mulakat.packs.sync import knowledge_documents
from mulakat.packs.vectors import known_vectors, shipped_vectors, text_digest
from mulakat.services import Services
from mulakat.storage.minilm import MiniLMEmbeddings
from mulakat.storage.vectors import RESUME_TABLE, insert_documents

pytestmark = pytest.mark.anyio


def test_every_pack_passage_ships_with_its_vector() -> None:
    texts = [doc.page_content for _, doc in knowledge_documents()]
    shipped = shipped_vectors()
    missing = [t for t in texts if text_digest(t) not in shipped]
    assert not missing, f"{len(missing)} pack passages have no shipped vector: run `mulakat packs vectors`"


def test_shipped_vectors_are_the_encoders() -> None:
    texts = [doc.page_content for _, doc in knowledge_documents()][::90]
    shipped = np.asarray([known_vectors(texts)[t] for t in texts])
    fresh = MiniLMEmbeddings().embed_array(texts)
    cosine = (shipped * fresh).sum(axis=1) / np.linalg.norm(shipped, axis=1)
    assert cosine.min() > 0.9999


def test_vectors_of_another_model_are_not_used(tmp_path: Path) -> None:
    other = tmp_path / "pack-vectors.npz"
    digests = np.frombuffer(text_digest("Redis: persistence."), dtype=np.uint8).reshape(1, 16)
    np.savez(other, digests=digests, vectors=np.ones((1, 384), dtype=np.float16), model=np.asarray("0" * 64))
    assert shipped_vectors(other) == {}


class _Counting(Embeddings):
    def __init__(self) -> None:
        self.asked: list[list[str]] = []

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.asked.append(list(texts))
        return [[0.0] * 383 + [1.0] for _ in texts]

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


async def test_known_texts_are_written_with_their_vector_and_only_the_rest_embedded(services: Services) -> None:
    thread = f"pack-vectors-{uuid.uuid4()}"
    known_vector = [1.0] + [0.0] * 383
    docs = [
        Document(page_content=text, metadata={"thread_id": thread, "section": "x", "start_at": 0, "end_at": 1})
        for text in ("a passage the file has", "a passage it does not have", "a passage the file has")
    ]
    counting = _Counting()
    store: Any = SimpleNamespace(embeddings=counting)
    async with services.pool.connection() as conn, conn.transaction(force_rollback=True):
        ids = [str(uuid.uuid4()) for _ in docs]
        await insert_documents(conn, store, RESUME_TABLE, docs, ids, {"a passage the file has": known_vector})
        cur = await conn.execute(
            f"SELECT content, embedding::text FROM {RESUME_TABLE} WHERE thread_id = %s ORDER BY content", (thread,)
        )
        rows = await cur.fetchall()
    assert counting.asked == [["a passage it does not have"]]
    written = {content: [float(x) for x in vector.strip("[]").split(",")] for content, vector in rows}
    assert written["a passage the file has"] == known_vector
    assert written["a passage it does not have"][-1] == 1.0
