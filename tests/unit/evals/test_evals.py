"""The evaluators themselves: scores computed as documented."""

from __future__ import annotations

import pytest

from evals.match_quality import Case, bm25, build_cases, gap_scores, keyword_overlap, ours
from evals.skill_spans import Counts, gold_spans
from graph.runner import Runner
from mulakat.skills.taxonomy import load_taxonomy
from tests.support.paths import SHARED_DATA, requires_shared_data


def test_gold_spans_and_counts() -> None:
    tokens = ["Experience", "with", "Apache", "Kafka", "and", "Go"]
    spans = gold_spans(tokens, ["O", "O", "B", "I", "O", "B"])
    assert spans == {(16, 28), (33, 35)}
    counts = Counts()
    counts.add({(16, 28), (0, 10)}, spans)
    assert counts.strict() == (0.5, 0.5, 0.5)
    counts.add({(20, 28)}, {(16, 28)})  # overlaps but is not exact
    assert counts.overlap()[1] == pytest.approx(2 / 3) and counts.strict()[0] == pytest.approx(1 / 3)


def test_gap_scores_and_baselines() -> None:
    cv = "Built APIs in Python and Django.\nDeployed with Docker."
    cases = [
        Case("Python", "python", cv, True),
        Case("Kubernetes", "kubernetes", cv, False),
        Case("Docker containers", "docker", cv, True),
    ]
    assert [keyword_overlap(c) for c in cases] == [1.0, 0.0, 0.5]
    assert gap_scores(cases, [1.0, 0.0, 0.5], threshold=0.5) == (1.0, 1.0, 1.0, 1.0)
    assert bm25(cases)[1] == 0.0 and bm25(cases)[0] > 0
    assert ours(cases, load_taxonomy()) == [1.0, 0.35, 1.0]  # Kubernetes: related Docker, still a gap


@requires_shared_data
def test_constructed_cases_are_balanced_enough() -> None:
    skillspan, dotin = SHARED_DATA / "skills" / "skillspan", SHARED_DATA / "skills" / "dotin_train" / "train.jsonl"
    cases = build_cases(skillspan, dotin, load_taxonomy())
    met = sum(c.met for c in cases)
    assert len(cases) > 500 and 0.1 < met / len(cases) < 0.5


def test_eval_suites_are_named_and_speed_prints_figures() -> None:
    from evals.tables import SuiteError, run_suite
    from mulakat.storage.settings import Settings

    with pytest.raises(SuiteError, match="available: extraction"):
        run_suite("nope", SHARED_DATA, SHARED_DATA, Settings(_env_file=None))  # type: ignore[call-arg]
    (table,) = run_suite("speed", SHARED_DATA, SHARED_DATA, Settings(_env_file=None))  # type: ignore[call-arg]
    assert [row[0].split(" (")[0] for row in table.rows] == ["parse", "taxonomy matching", "extraction"]
    assert all(float(row[1]) > 0 for row in table.rows)


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
    requests = [[f"text {i}-{j}" for j in range(3)] for i in range(12)]
    with ThreadPoolExecutor(12) as pool:
        head = pool.submit(batching.embed_documents, requests[0])
        first_call.wait(5)
        rest = [pool.submit(batching.embed_documents, r) for r in requests[1:]]
        results = [head.result(), *(f.result() for f in rest)]
    assert batches[0] == 3 and len(batches) <= 3, f"the 11 waiting calls were merged, not run one by one: {batches}"
    assert results == [model.embed_documents(r) for r in requests], "each caller gets the vectors of its own texts"

    class Broken(DeterministicFakeEmbedding):
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            raise RuntimeError("model gone")

    failing = BatchingEmbeddings(Broken(size=8))
    with pytest.raises(RuntimeError, match="model gone"):
        failing.embed_documents(["x"])
    assert BatchingEmbeddings(model).embed_documents([]) == []


@pytest.mark.anyio
async def test_quality_suite_finds_no_failures_on_the_samples(runner: Runner) -> None:
    from evals.quality import BAD_ANSWERS, PRACTICE_TURNS, STABILITY_RUNS, quality_table
    from tests.support.paths import SAMPLES

    rows = {row[0]: row for row in await quality_table(runner, SAMPLES)}
    citations = rows["citations match their source text at their offsets"]
    assert citations[2] == "0 invalid" and not citations[3].startswith("0/")
    assert rows["the same documents give the same score"][1:3] == [f"{STABILITY_RUNS} runs", "range 0"]
    targets = rows["each practice question targets a detected gap"]
    assert targets[1:3] == [f"{PRACTICE_TURNS} questions", "0 off gap"]
    honesty = rows["bad answers score at most 10 (honesty gate)"]
    assert honesty[1:3] == [f"{len(BAD_ANSWERS)} answers", "0 over 10"]
