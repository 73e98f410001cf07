"""Link free-text skill spans to a taxonomy's labels by embedding similarity (cached label index)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings


class EmbeddingLinker:
    """Nearest taxonomy label for a span, if it is close enough. Labels map to the skill that owns them."""

    def __init__(self, labels: Sequence[str], owners: Sequence[str], embeddings: Embeddings, cache_dir: Path) -> None:
        self.owners = list(owners)
        self.embeddings = embeddings
        key = hashlib.sha256("\n".join(labels).encode()).hexdigest()[:16]
        cache = cache_dir / f"labels-{key}.npy"
        if cache.exists():
            self.index = np.load(cache)
        else:
            self.index = np.asarray(embeddings.embed_documents(list(labels)), dtype=np.float32)
            cache_dir.mkdir(parents=True, exist_ok=True)
            np.save(cache, self.index)

    def link(self, spans: Sequence[str], threshold: float) -> list[tuple[str, float] | None]:
        if not spans:
            return []
        vectors = np.asarray(self.embeddings.embed_documents(list(spans)), dtype=np.float32)
        sims = vectors @ self.index.T
        best = sims.argmax(axis=1)
        return [(self.owners[j], float(sims[i, j])) if sims[i, j] >= threshold else None for i, j in enumerate(best)]
