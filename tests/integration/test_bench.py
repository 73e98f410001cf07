"""Benchmarks on the session's PostgreSQL, on small data: what they report must be right, whatever the figures are."""

from __future__ import annotations

import numpy as np
import psycopg
import pytest
from pgvector.psycopg import register_vector_async

from evals.benchmarks.retrieval import (
    K,
    build_index,
    create_bench_table,
    exact_top_k,
    hnsw_ddl,
    knn,
    recall_at_k,
    scan_kind,
    size_tables,
    synthetic_corpus,
    synthetic_queries,
    vector_literal,
)
from graph.runner import Runner
from mulakat.services import Services
from mulakat.storage.vectors import nearest_resume_passages
from tests.support.paths import SAMPLES

pytestmark = pytest.mark.anyio


async def test_exact_scan_and_hnsw_against_numpy(services: Services) -> None:
    corpus = synthetic_corpus(2000)
    queries = synthetic_queries(corpus, 20)
    truth = exact_top_k(corpus.vectors, queries)
    table = "bench_test_knn"
    try:
        await create_bench_table(services.pool, services.database_url, table, corpus)
        exact = await knn(services.pool, table, queries)
        assert exact.plan == "seq scan"
        # Cosine order in PostgreSQL (float4) and numpy can swap near-ties only: a set of 10 per query.
        assert recall_at_k(exact.found, truth) >= 0.99
        assert [len(rows) for rows in exact.found] == [K] * len(queries)

        await build_index(services.pool, hnsw_ddl(table))
        hnsw = await knn(services.pool, table, queries, settings={"hnsw.ef_search": "40"})
        assert hnsw.plan == f"{table}_hnsw"
        assert recall_at_k(hnsw.found, truth) >= 0.9
    finally:
        async with services.pool.connection() as conn:
            await conn.execute(f"DROP TABLE IF EXISTS {table}")


async def test_filtered_search_returns_only_the_thread_rows(services: Services) -> None:
    corpus = synthetic_corpus(2000)
    queries = synthetic_queries(corpus, 10)
    groups = list(range(10))
    table = "bench_test_filter"
    try:
        await create_bench_table(services.pool, services.database_url, table, corpus)
        run = await knn(services.pool, table, queries, groups)
        for group, rows in zip(groups, run.found, strict=True):
            members = np.flatnonzero(corpus.groups == group)
            truth = exact_top_k(corpus.vectors[members], queries[group : group + 1])[0]
            assert sorted(rows) == sorted(members[truth].tolist())
    finally:
        async with services.pool.connection() as conn:
            await conn.execute(f"DROP TABLE IF EXISTS {table}")


async def test_size_tables_reports_every_case_and_drops_its_table(services: Services) -> None:
    search, build = await size_tables(services.pool, services.database_url, 1000, 10, table="bench_test_sizes")
    cases = [row[0] for row in search]
    assert len(cases) == 8
    exact_rows = [row for row in search if "exact scan" in row[0]]
    assert all(row[4] == "1.000 (truth)" for row in exact_rows)
    assert any("btree (thread_id) only" in c for c in cases)
    async with services.pool.connection() as conn:
        cur = await conn.execute("SELECT to_regclass('bench_test_sizes')")
        row = await cur.fetchone()
    assert row is not None and row[0] is None
    assert any("HNSW build" in row[0] for row in build)


async def test_checkpoint_report_adds_up_to_what_the_tables_hold(runner: Runner) -> None:
    from evals.benchmarks.checkpoint_bytes import TABLES, channel_rows, measure_thread, snapshot, step_rows

    growth = await measure_thread(runner, SAMPLES, turns=2)
    assert [step for step, _ in growth.steps] == ["analysis", "start practice", "answer 1", "answer 2"]
    held = await snapshot(runner.services.pool, growth.thread_id)
    # The steps' bytes add up to everything the saver holds for the thread, table by table.
    for table in TABLES:
        assert sum(s.tables[table] for _, s in growth.steps) == held.tables[table] > 0
    # The per-channel split covers the blob and write tables exactly.
    assert sum(c.blobs for c in held.channels.values()) == held.tables["checkpoint_blobs"]
    assert sum(c.writes for c in held.channels.values()) == held.tables["checkpoint_writes"]
    assert sum(c.inline for c in held.channels.values()) <= held.tables["checkpoints"]
    # Each answer writes something, and the rows printed carry the same figures.
    assert all(sum(s.tables.values()) > 0 for step, s in growth.steps if step.startswith("answer"))
    rows = step_rows(growth)
    assert rows[-1][0] == "mean per answer"
    assert int(rows[-1][-1]) == round(sum(growth.practice.tables.values()) / 2)
    shares = [float(r[4].rstrip("%")) for r in channel_rows(growth)]
    assert shares == sorted(shares, reverse=True) and sum(shares) == pytest.approx(100, abs=0.5)


async def test_store_tables_have_their_filter_index(services: Services) -> None:
    async with services.pool.connection() as conn:
        cur = await conn.execute(
            "SELECT tablename, indexdef FROM pg_indexes WHERE indexname = ANY(%s)",
            (["knowledge_chunks_filter", "resume_chunks_filter"],),
        )
        found: dict[str, str] = dict(await cur.fetchall())
    assert "(skill, kind)" in found["knowledge_chunks"]
    assert "(thread_id)" in found["resume_chunks"]


async def test_resume_search_uses_the_filter_index_and_finds_the_thread_rows(services: Services) -> None:
    """With 20k passages of other threads beside them, a thread's search still ranks exactly its own rows."""
    corpus = synthetic_corpus(20_000)
    query = synthetic_queries(corpus, 1)[0]
    thread = "idx-test-7"
    try:
        async with await psycopg.AsyncConnection.connect(services.database_url, autocommit=True) as conn:
            await register_vector_async(conn)
            # Staged in a temporary table: the store's full-text column is computed from the content on insert.
            await conn.execute("CREATE TEMP TABLE staged (content text, embedding vector(384), thread_id text)")
            async with conn.cursor() as cur, cur.copy("COPY staged FROM STDIN (FORMAT BINARY)") as copy:
                copy.set_types(["text", "vector", "text"])
                for n, (vector, group) in enumerate(zip(corpus.vectors, corpus.groups, strict=True)):
                    await copy.write_row((f"line {n}", vector, f"idx-test-{group}"))
            await conn.execute(
                "INSERT INTO resume_chunks (langchain_id, content, embedding, content_tsv, thread_id, section,"
                " start_at, end_at) SELECT gen_random_uuid(), content, embedding, to_tsvector('english', content),"
                " thread_id, 'Work', 0, 1 FROM staged"
            )
            await conn.execute("ANALYZE resume_chunks")
        plan = await scan_kind(
            services.pool,
            "SELECT content FROM resume_chunks WHERE thread_id = %(t)s ORDER BY embedding <=> %(q)s::vector LIMIT 3",
            {"t": thread, "q": vector_literal(query)},
            {},
        )
        assert plan == "resume_chunks_filter"
        # As tools.retrieval.resume_search calls it: several queries at once, each ranked within the thread.
        other = synthetic_queries(corpus, 2)[1]
        found = await nearest_resume_passages(services.pool, thread, [query.tolist(), other.tolist()], k=3)
        members = np.flatnonzero(corpus.groups == 7)
        for hits, q in zip(found, (query, other), strict=True):
            best = exact_top_k(corpus.vectors[members], q[None, :], k=3)[0]
            assert [h["text"] for h in hits] == [f"line {members[i]}" for i in best]
    finally:
        async with services.pool.connection() as conn:
            await conn.execute("DELETE FROM resume_chunks WHERE thread_id LIKE 'idx-test-%'")
