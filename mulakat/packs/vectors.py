"""The packs' passages already embedded, shipped beside the model, so a new database does not wait for the encoder.

Embedding the 3,516 pack passages took 45 s of a new user's first `mulakat analyze` on two cores, for vectors
that are the same on every machine. knowledge/models/pack-vectors.npz holds them: each passage's text digest and
its vector in float16 (cosine to the float32 vector at least 0.9999998 over a sample of 352), with the sha256
of the model that made them.
The sync takes a vector from the file when the text and the model match and embeds the rest, so an edited pack
costs only its changed passages until the file is written again with `mulakat packs vectors`.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import numpy.typing as npt
from langchain_core.embeddings import Embeddings

from mulakat.storage.minilm import MODEL_FILE, MODELS, listed_checksums

PACK_VECTORS = MODELS / "pack-vectors.npz"


def text_digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()[:16]


def model_digest() -> str:
    """The shipped encoder's sha256, as its checksum file names it (the model itself is verified when it loads)."""
    return listed_checksums()[MODEL_FILE.name]


def shipped_vectors(path: Path = PACK_VECTORS) -> dict[bytes, npt.NDArray[np.float16]]:
    """Vectors by text digest; empty when the file is missing or was made by another model. Read once per sync,
    and not kept: a process needs them only while it fills a new knowledge table."""
    if not path.exists():
        return {}
    with np.load(path) as stored:
        if str(stored["model"]) != model_digest():
            return {}
        return {d.tobytes(): v for d, v in zip(stored["digests"], stored["vectors"], strict=True)}


def known_vectors(texts: list[str]) -> dict[str, list[float]]:
    """The shipped vector of each text that has one."""
    shipped = shipped_vectors()
    found = {}
    for text in texts:
        vector = shipped.get(text_digest(text))
        if vector is not None:
            found[text] = vector.astype(np.float32).tolist()
    return found


def write_pack_vectors(texts: list[str], embeddings: Embeddings, path: Path = PACK_VECTORS) -> int:
    """Embed every distinct text and write the file, sorted by text; the count written."""
    distinct = sorted(set(texts))
    vectors = np.asarray(embeddings.embed_documents(distinct), dtype=np.float16)
    # uint8 rows, not numpy bytes: those drop a digest's trailing zero bytes.
    digests = np.frombuffer(b"".join(text_digest(t) for t in distinct), dtype=np.uint8).reshape(-1, 16)
    with path.open("wb") as out:
        np.savez(out, digests=digests, vectors=vectors, model=np.asarray(model_digest()))
    return len(distinct)
