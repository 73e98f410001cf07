"""Benchmark arithmetic without a database: recall, ground truth, synthetic data, machine facts, failed commands."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from evals.benchmarks.retrieval import K, exact_top_k, recall_at_k, synthetic_corpus, synthetic_queries
from mulakat.storage.settings import Settings


def test_recall_counts_the_true_neighbours_found() -> None:
    truth = [[1, 2, 3, 4], [5, 6, 7, 8]]
    found = [[4, 3, 9, 10], [5, 6, 7, 8]]  # 2 of 4, then 4 of 4
    assert recall_at_k(found, truth, k=4) == pytest.approx(6 / 8)
    # Only the first k of each list count, on both sides.
    assert recall_at_k([[9, 1]], [[1, 2]], k=1) == 0.0
    # A filter can leave fewer than k true neighbours: finding all of them is full recall.
    assert recall_at_k([[7, 8]], [[7, 8]], k=10) == 1.0


def test_recall_refuses_mismatched_query_counts() -> None:
    with pytest.raises(ValueError, match="2 result lists for 1 queries"):
        recall_at_k([[1], [2]], [[1]])


def test_numpy_ground_truth_is_the_highest_cosines_in_order() -> None:
    corpus = synthetic_corpus(500, topics=8)
    queries = synthetic_queries(corpus, 5)
    top = exact_top_k(corpus.vectors, queries, k=K)
    for query, rows in zip(queries, top, strict=True):
        scores = corpus.vectors @ query
        assert sorted(rows) == sorted(np.argsort(-scores)[:K].tolist())
        assert all(scores[a] >= scores[b] for a, b in zip(rows, rows[1:], strict=False))


def test_synthetic_vectors_are_unit_length_and_seeded() -> None:
    first, again = synthetic_corpus(300), synthetic_corpus(300)
    assert np.allclose(np.linalg.norm(first.vectors, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(first.vectors, again.vectors)
    assert not np.array_equal(first.vectors, synthetic_corpus(300, seed=1).vectors)


def test_a_failing_cli_command_is_an_error_not_a_time(settings: Settings, tmp_path: Path) -> None:
    from evals.benchmarks.coldstart import time_command

    with pytest.raises(RuntimeError, match="exited with 2"):
        time_command(["analyze", "--resume", str(tmp_path / "missing.md"), "--job", str(tmp_path / "job.md")], settings)


def test_machine_rows_name_cpu_cores_and_memory() -> None:
    from evals.benchmarks.machine import machine_rows

    rows = dict(machine_rows())
    assert rows["cores available"].isdigit() and int(rows["cores available"]) >= 1
    assert rows["memory"].endswith("GiB") or rows["memory"] == "unknown"
