"""The embedding wrappers: a cache that calls the model once per text, and a batcher that merges concurrent calls."""

from __future__ import annotations

import pytest


def test_cached_embeddings_call_the_model_once_per_text() -> None:
    from langchain_core.embeddings import DeterministicFakeEmbedding

    from mulakat.storage.embeddings import CachedEmbeddings

    calls: list[list[str]] = []

    class Counting(DeterministicFakeEmbedding):
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            calls.append(texts)
            return super().embed_documents(texts)

    cached = CachedEmbeddings(Counting(size=8), max_entries=2)
    first = cached.embed_documents(["a", "b", "a"])
    assert calls == [["a", "b"]] and first[0] == first[2]
    assert cached.embed_documents(["b"]) == [first[1]] and len(calls) == 1
    cached.embed_documents(["c"])  # evicts the oldest, "a"
    cached.embed_documents(["a"])
    assert calls[-1] == ["a"]


def test_batching_embeddings_merge_concurrent_calls_and_keep_each_callers_vectors() -> None:
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor

    from langchain_core.embeddings import DeterministicFakeEmbedding

    from mulakat.storage.embeddings import BatchingEmbeddings

    batches: list[int] = []
    first_call = threading.Event()

    class Slow(DeterministicFakeEmbedding):
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            batches.append(len(texts))
            first_call.set()
            time.sleep(0.05)  # long enough for the other callers to queue up behind this batch
            return super().embed_documents(texts)

    model = Slow(size=8)
    batching = BatchingEmbeddings(model)
    # Two callers in the queue ask for one text ("shared"): it is embedded once for both.
    requests = [[f"text {i}-{j}" for j in range(3)] + (["shared"] if i in (1, 2) else []) for i in range(12)]
    with ThreadPoolExecutor(12) as pool:
        head = pool.submit(batching.embed_documents, requests[0])
        first_call.wait(5)
        rest = [pool.submit(batching.embed_documents, r) for r in requests[1:]]
        results = [head.result(), *(f.result() for f in rest)]
    assert batches[0] == 3 and len(batches) <= 3, f"the 11 waiting calls were merged, not run one by one: {batches}"
    assert sum(batches) == 12 * 3 + 1, f"each distinct text once: {batches}"
    assert results == [model.embed_documents(r) for r in requests], "each caller gets the vectors of its own texts"

    class Broken(DeterministicFakeEmbedding):
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            raise RuntimeError("model gone")

    failing = BatchingEmbeddings(Broken(size=8))
    with pytest.raises(RuntimeError, match="model gone"):
        failing.embed_documents(["x"])
    assert BatchingEmbeddings(model).embed_documents([]) == []
