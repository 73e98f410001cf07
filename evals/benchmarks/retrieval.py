"""Retrieval at scale: exact scan vs HNSW on pgvector, at 10k and 100k chunks of 384-dim vectors.

Embedding 100k real passages on two CPU cores would take the better part of an hour, so the chunks are
synthetic: a seeded mixture of topic clusters around a shared direction, normalised to unit length. Sentence
embeddings look like that (one common component, topics as clusters); `similarity_profile` compares the
synthetic set with the real embeddings of our knowledge table, so the resemblance is shown, not assumed.
Gaussian noise fills all 384 dimensions, which real embeddings do not, so ANN recall here errs low.

Every search in our tools is filtered (a thread's resume passages, one skill's questions), so filtered
search is measured too: that is where an HNSW index can hurt, as it finds neighbours first and filters after.
"""

from __future__ import annotations

import statistics
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
import psycopg
from pgvector.psycopg import register_vector_async
from psycopg_pool import AsyncConnectionPool

from evals.benchmarks.latency import _percentile
from mulakat.storage.settings import Settings

if TYPE_CHECKING:
    from evals.tables import ResultTable

DIMS = 384
K = 10
SEED = 20261125
# pgvector's defaults for the graph (m, ef_construction); ef_search is measured at two settings.
HNSW_M = 16
HNSW_EF_CONSTRUCTION = 64
EF_SEARCHES = (40, 100)
ROWS_PER_GROUP = 50  # about a resume's passages, or one skill's questions

Vectors = npt.NDArray[np.float32]


@dataclass(frozen=True)
class Corpus:
    vectors: Vectors
    groups: npt.NDArray[np.int64]
    """Filter key per row (a thread id stand-in); rows of a group share a topic, as a resume's lines do."""
    centers: Vectors


def _unit(rows: npt.NDArray[np.float64]) -> Vectors:
    unit: Vectors = (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)
    return unit


def synthetic_corpus(size: int, seed: int = SEED, topics: int | None = None) -> Corpus:
    """Unit vectors from a topic mixture: pairwise cosine about 0.2 overall and 0.5 within a topic, as MiniLM's."""
    rng = np.random.default_rng(seed)
    topics = topics or max(8, size // 200)
    shared = rng.standard_normal(DIMS)
    centers = _unit(0.5 * shared / np.linalg.norm(shared) + _unit(rng.standard_normal((topics, DIMS))))
    groups = np.arange(size, dtype=np.int64) // ROWS_PER_GROUP
    group_topic = rng.integers(0, topics, size=int(groups[-1]) + 1)
    noise = rng.standard_normal((size, DIMS)) * (1.0 / np.sqrt(DIMS))
    return Corpus(_unit(centers[group_topic[groups]] + noise), groups, centers)


def synthetic_queries(corpus: Corpus, count: int, seed: int = SEED + 1) -> Vectors:
    """Queries drawn from the same topics as the chunks (people ask about what is stored)."""
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(corpus.centers), size=count)
    noise = rng.standard_normal((count, DIMS)) * (1.0 / np.sqrt(DIMS))
    return _unit(corpus.centers[picks] + noise)


def exact_top_k(vectors: Vectors, queries: Vectors, k: int = K) -> list[list[int]]:
    """Ground truth by brute force: row numbers of the k highest cosines (vectors are unit length)."""
    scores = queries @ vectors.T
    top = np.argpartition(-scores, k, axis=1)[:, :k]
    order = np.take_along_axis(scores, top, axis=1).argsort(axis=1)[:, ::-1]
    rows: list[list[int]] = np.take_along_axis(top, order, axis=1).tolist()
    return rows


def recall_at_k(found: Sequence[Sequence[int]], truth: Sequence[Sequence[int]], k: int = K) -> float:
    """Share of the true top-k found in the returned top-k, over all queries (a query with fewer true
    neighbours than k, as a filter can leave, counts only those it has)."""
    if len(found) != len(truth):
        raise ValueError(f"{len(found)} result lists for {len(truth)} queries")
    hits = sum(len(set(f[:k]) & set(t[:k])) for f, t in zip(found, truth, strict=True))
    wanted = sum(min(k, len(t)) for t in truth)
    return hits / wanted if wanted else 1.0


def similarity_profile(vectors: Vectors, sample: int = 2000, seed: int = SEED) -> tuple[float, float]:
    """Mean pairwise cosine, and mean cosine of each vector's 10th nearest neighbour, on a sample."""
    rng = np.random.default_rng(seed)
    picked = vectors[rng.choice(len(vectors), size=min(sample, len(vectors)), replace=False)]
    sims = picked @ picked.T
    n = len(picked)
    pairwise = float((sims.sum() - np.trace(sims)) / (n * (n - 1)))
    np.fill_diagonal(sims, -np.inf)
    tenth = np.sort(sims, axis=1)[:, -min(K, n - 1)]
    return pairwise, float(tenth.mean())


def vector_literal(vector: npt.NDArray[np.float32]) -> str:
    """The text form our tools send (langchain-postgres binds the query vector as text)."""
    return "[" + ",".join(f"{x:.7g}" for x in vector.tolist()) + "]"


async def create_bench_table(pool: AsyncConnectionPool, url: str, table: str, corpus: Corpus) -> float:
    """A table with the columns our store tables search on, loaded by binary COPY; returns the load seconds."""
    async with pool.connection() as conn:
        await conn.execute(f"DROP TABLE IF EXISTS {table}")
        await conn.execute(
            f"CREATE TABLE {table} (langchain_id uuid PRIMARY KEY, content text NOT NULL, "
            f"embedding vector({DIMS}) NOT NULL, langchain_metadata json, n integer NOT NULL, thread_id text)"
        )
    started = time.perf_counter()
    # Its own connection: the vector adapters registered here must not leak into the shared pool.
    async with await psycopg.AsyncConnection.connect(url, autocommit=True) as conn:
        await register_vector_async(conn)
        async with conn.cursor() as cur:
            copy_sql = f"COPY {table} (langchain_id, content, embedding, n, thread_id) FROM STDIN (FORMAT BINARY)"
            async with cur.copy(copy_sql) as copy:
                copy.set_types(["uuid", "text", "vector", "integer", "text"])
                for n, (vector, group) in enumerate(zip(corpus.vectors, corpus.groups, strict=True)):
                    await copy.write_row((uuid.UUID(int=n + 1), f"chunk {n}", vector, n, f"t{group}"))
        await conn.execute(f"ANALYZE {table}")
    return time.perf_counter() - started


@dataclass
class SearchRun:
    found: list[list[int]]
    latencies_ms: list[float]
    plan: str

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies_ms)

    @property
    def p95(self) -> float:
        return _percentile(self.latencies_ms, 0.95)


async def knn(
    pool: AsyncConnectionPool,
    table: str,
    queries: Vectors,
    groups: Sequence[int] | None = None,
    settings: dict[str, str] | None = None,
    k: int = K,
) -> SearchRun:
    """One k-NN query per vector, each on a connection borrowed from the pool as a tool search does.

    Planner settings apply to each query's own transaction only (SET LOCAL), never to the pooled session.
    """
    where = "WHERE thread_id = %(group)s" if groups is not None else ""
    sql = f"SELECT n FROM {table} {where} ORDER BY embedding <=> %(q)s::vector LIMIT %(k)s"
    literals = [vector_literal(q) for q in queries]
    found: list[list[int]] = []
    latencies: list[float] = []
    plan = ""
    for i, literal in enumerate(literals):
        params: dict[str, object] = {"q": literal, "k": k}
        if groups is not None:
            params["group"] = f"t{groups[i]}"
        started = time.perf_counter()
        async with pool.connection() as conn, conn.transaction():
            for name, value in (settings or {}).items():
                await conn.execute("SELECT set_config(%s, %s, true)", (name, value))
            cur = await conn.execute(sql, params)
            rows = await cur.fetchall()
        latencies.append((time.perf_counter() - started) * 1000)
        found.append([int(r[0]) for r in rows])
        if i == 0:
            plan = await scan_kind(pool, sql, params, settings or {})
    return SearchRun(found, latencies, plan)


async def scan_kind(pool: AsyncConnectionPool, sql: str, params: dict[str, object], settings: dict[str, str]) -> str:
    """Which scan the planner chose for the query: the index name, or a sequential scan."""
    async with pool.connection() as conn, conn.transaction():
        for name, value in settings.items():
            await conn.execute("SELECT set_config(%s, %s, true)", (name, value))
        cur = await conn.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        row = await cur.fetchone()
    assert row is not None
    return _scan_of(row[0][0]["Plan"])


def _scan_of(node: dict[str, object]) -> str:
    kind = str(node.get("Node Type", ""))
    if "Index" in kind or kind == "Seq Scan":
        return str(node.get("Index Name", "seq scan"))
    for child in node.get("Plans", []) or []:  # type: ignore[attr-defined]
        found = _scan_of(child)
        if found:
            return found
    return ""


async def build_index(pool: AsyncConnectionPool, ddl: str) -> float:
    """Create an index with room to build the HNSW graph in memory; returns the build seconds."""
    started = time.perf_counter()
    async with pool.connection() as conn, conn.transaction():
        await conn.execute("SELECT set_config('maintenance_work_mem', '1GB', true)")
        await conn.execute(ddl)
    return time.perf_counter() - started


async def relation_mb(pool: AsyncConnectionPool, relation: str) -> float:
    async with pool.connection() as conn:
        cur = await conn.execute("SELECT pg_total_relation_size(%s::regclass)", (relation,))
        row = await cur.fetchone()
    return int(row[0]) / 2**20 if row else 0.0


def hnsw_ddl(table: str) -> str:
    return (
        f"CREATE INDEX {table}_hnsw ON {table} USING hnsw (embedding vector_cosine_ops) "
        f"WITH (m = {HNSW_M}, ef_construction = {HNSW_EF_CONSTRUCTION})"
    )


def _row(case: str, run: SearchRun, truth: list[list[int]] | None) -> list[str]:
    recall = "1.000 (truth)" if truth is None else f"{recall_at_k(run.found, truth):.3f}"
    return [case, run.plan, f"{run.p50:.2f}", f"{run.p95:.2f}", recall]


async def size_tables(
    pool: AsyncConnectionPool, url: str, size: int, queries: int, table: str = "bench_retrieval"
) -> tuple[list[list[str]], list[list[str]]]:
    """Search rows (case, scan, p50 ms, p95 ms, recall@10) and build rows (step, value) for one corpus size."""
    corpus = synthetic_corpus(size)
    qs = synthetic_queries(corpus, queries)
    rng = np.random.default_rng(SEED + 2)
    groups = rng.integers(0, int(corpus.groups[-1]) + 1, size=queries).tolist()
    search: list[list[str]] = []
    build: list[list[str]] = []
    try:
        build.append([f"{size:,}: COPY (binary) s", f"{await create_bench_table(pool, url, table, corpus):.1f}"])
        exact = await knn(pool, table, qs)
        search.append(_row(f"{size:,} any chunk: exact scan", exact, None))
        exact_f = await knn(pool, table, qs, groups)
        search.append(_row(f"{size:,} one thread: exact scan", exact_f, None))

        seconds = await build_index(pool, hnsw_ddl(table))
        build.append([f"{size:,}: HNSW build s (m={HNSW_M}, ef_construction={HNSW_EF_CONSTRUCTION})", f"{seconds:.1f}"])
        build.append([f"{size:,}: HNSW index MB", f"{await relation_mb(pool, f'{table}_hnsw'):.0f}"])
        for ef in EF_SEARCHES:
            run = await knn(pool, table, qs, settings={"hnsw.ef_search": str(ef)})
            search.append(_row(f"{size:,} any chunk: HNSW ef_search={ef}", run, exact.found))
        # The filtered search our tools do, with only the HNSW index to pick from.
        run = await knn(pool, table, qs, groups, settings={"hnsw.ef_search": "40"})
        search.append(_row(f"{size:,} one thread: HNSW only", run, exact_f.found))
        iterative = {"hnsw.ef_search": "40", "hnsw.iterative_scan": "relaxed_order"}
        run = await knn(pool, table, qs, groups, settings=iterative)
        search.append(_row(f"{size:,} one thread: HNSW + iterative scan", run, exact_f.found))

        seconds = await build_index(pool, f"CREATE INDEX {table}_thread ON {table} (thread_id)")
        build.append([f"{size:,}: btree (thread_id) build s", f"{seconds:.1f}"])
        run = await knn(pool, table, qs, groups)
        search.append(_row(f"{size:,} one thread: HNSW + btree (thread_id)", run, exact_f.found))

        async with pool.connection() as conn:
            await conn.execute(f"DROP INDEX {table}_hnsw")
        run = await knn(pool, table, qs, groups)
        search.append(_row(f"{size:,} one thread: btree (thread_id) only", run, exact_f.found))

        build.append([f"{size:,}: table + primary key + btree MB", f"{await relation_mb(pool, table):.0f}"])
    finally:
        async with pool.connection() as conn:
            await conn.execute(f"DROP TABLE IF EXISTS {table}")
    return search, build


async def real_vectors(url: str, table: str) -> Vectors | None:
    """The real MiniLM embeddings in one of our store tables (None when it holds too few)."""
    async with await psycopg.AsyncConnection.connect(url, autocommit=True) as conn:
        await register_vector_async(conn)
        cur = await conn.execute(f"SELECT embedding FROM {table}")
        rows = await cur.fetchall()
    if len(rows) < 20:
        return None
    return np.stack([np.asarray(r[0], dtype=np.float32) for r in rows])


async def server_versions(pool: AsyncConnectionPool) -> str:
    async with pool.connection() as conn:
        cur = await conn.execute(
            "SELECT current_setting('server_version'), (SELECT extversion FROM pg_extension WHERE extname = 'vector')"
        )
        row = await cur.fetchone()
    return f"{row[0]} / {row[1]}" if row else "unknown"


async def retrieval_tables(
    pool: AsyncConnectionPool, url: str, sizes: Sequence[int] = (10_000, 100_000), queries: int = 200
) -> tuple[list[list[str]], list[list[str]], list[list[str]]]:
    """Search rows, build rows and the synthetic-vs-real similarity profile."""
    profile = []  # first: it is quick, and a failure here should not cost the long part
    real = await real_vectors(url, "knowledge_chunks")
    if real is not None:
        pairwise, tenth = similarity_profile(real)
        profile.append([f"our knowledge table ({len(real)} real MiniLM vectors)", f"{pairwise:.3f}", f"{tenth:.3f}"])
    sample = len(real) if real is not None else 2000  # neighbour cosines depend on how many vectors compete
    for size in sizes:
        pairwise, tenth = similarity_profile(synthetic_corpus(size).vectors, sample)
        profile.append([f"synthetic, {size:,} chunks", f"{pairwise:.3f}", f"{tenth:.3f}"])
    search: list[list[str]] = []
    build = [["PostgreSQL / pgvector", await server_versions(pool)]]
    started = time.perf_counter()
    for size in sizes:
        s, b = await size_tables(pool, url, size, queries)
        search += s
        build += b
    build.append(["whole suite s", f"{time.perf_counter() - started:.0f}"])
    return search, build, profile


def retrieval_suite(settings: Settings) -> list[ResultTable]:
    from evals.tables import ResultTable
    from graph.runner import run_with_runner

    search, build, profile = run_with_runner(
        lambda runner: retrieval_tables(runner.services.pool, runner.services.database_url), settings
    )
    return [
        ResultTable(
            f"k-NN search, top {K} by cosine, 200 seeded queries through the shared pool (ms; recall against exact)",
            ("case", "scan chosen", "p50", "p95", f"recall@{K}"),
            search,
        ),
        ResultTable("Loading, index builds and sizes", ("step", "value"), build),
        ResultTable(
            "Synthetic vectors vs real MiniLM embeddings (same sample size)",
            ("vectors", "mean pairwise cosine", f"mean cosine of {K}th neighbour"),
            profile,
        ),
    ]
