"""The ONNX encoder gives the torch model's vectors, verifies its files, and keeps torch out of the process."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from evals.benchmarks.embedding_parity import LONG_TEXTS, cosines, stored
from mulakat.storage.minilm import CHECKSUMS, MODEL_FILE, TOKENIZER_FILE, ChecksumError, MiniLMEmbeddings
from tests.support.paths import requires_shared_data


@pytest.fixture(scope="module")
def minilm() -> MiniLMEmbeddings:
    return MiniLMEmbeddings()


@requires_shared_data
def test_every_parity_text_matches_the_torch_vector(minilm: MiniLMEmbeddings) -> None:
    texts, reference = stored()
    similar = cosines(minilm.embed_array(texts), reference)
    worst = int(similar.argmin())
    assert similar.min() >= 0.99, f"cosine {similar[worst]:.4f} for {texts[worst]!r}"
    assert similar[-LONG_TEXTS:].min() >= 0.99, "texts past 256 tokens are cut where sentence-transformers cuts them"


def test_vectors_are_unit_length_in_the_callers_order_whatever_the_batch(minilm: MiniLMEmbeddings) -> None:
    texts = ["Python", "", "  Kubernetes and Docker in production  ", "a much longer sentence " * 40, "SQL"] * 10
    batch = np.asarray(minilm.embed_documents(texts))
    alone = np.asarray([minilm.embed_query(t) for t in texts])
    assert batch.shape == (len(texts), 384)
    assert np.allclose(np.linalg.norm(batch, axis=1), 1.0, atol=1e-5)
    assert np.allclose(batch, alone, atol=1e-4), "padding to a batch's longest text leaves each vector as it was"
    assert minilm.embed_documents([]) == []


def test_a_file_that_is_not_the_exported_one_is_refused(tmp_path: Path) -> None:
    for path in (MODEL_FILE, TOKENIZER_FILE, CHECKSUMS):
        shutil.copy(path, tmp_path / path.name)
    tokenizer = tmp_path / TOKENIZER_FILE.name
    tokenizer.write_text(tokenizer.read_text(encoding="utf-8").replace("[UNK]", "[UNKNOWN]"), encoding="utf-8")
    with pytest.raises(ChecksumError, match=TOKENIZER_FILE.name):
        MiniLMEmbeddings(tmp_path / MODEL_FILE.name, tokenizer, tmp_path / CHECKSUMS.name)


def test_embedding_loads_no_torch() -> None:
    probe = (
        "import sys\n"
        "from mulakat.storage.embeddings import load_embeddings\n"
        "from mulakat.storage.settings import Settings\n"
        "load_embeddings(Settings(_env_file=None)).embed_query('python')\n"
        "heavy = {'torch', 'transformers', 'sentence_transformers'}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    found = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]", found.stdout
