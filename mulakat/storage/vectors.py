"""The pgvector tables behind the retrieval tools (langchain-postgres PGVectorStore, hybrid search)."""

from __future__ import annotations

import functools
import hashlib
import json
import uuid
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_postgres import Column, PGEngine, PGVectorStore
from langchain_postgres.v2.engine import ColumnDict
from langchain_postgres.v2.hybrid_search_config import HybridSearchConfig, reciprocal_rank_fusion
from psycopg import AsyncConnection
from psycopg_pool import AsyncConnectionPool
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from mulakat.models import ParsedDocument

KNOWLEDGE_TABLE = "knowledge_chunks"
RESUME_TABLE = "resume_chunks"
_NAMESPACE = uuid.UUID("5b0f1c52-3f7e-4a55-9a57-8d2f0a6c1e11")


def hybrid_config() -> HybridSearchConfig:
    return HybridSearchConfig(
        tsv_column="content_tsv",
        tsv_lang="pg_catalog.english",
        fusion_function=reciprocal_rank_fusion,
        fusion_function_parameters={"rrf_k": 60},
        primary_top_k=20,
        secondary_top_k=20,
    )


def engine_on_pool(pool: AsyncConnectionPool) -> PGEngine:
    """A PGEngine whose SQLAlchemy connections are borrowed from the shared psycopg pool."""
    engine = create_async_engine("postgresql+psycopg://", poolclass=NullPool, async_creator=pool.getconn)
    return PGEngine.from_engine(engine)


async def open_store(
    engine: PGEngine,
    pool: AsyncConnectionPool,
    table: str,
    embeddings: Embeddings,
    dims: Callable[[], Awaitable[int]],
    metadata: list[Column | ColumnDict],
) -> PGVectorStore:
    """Create the table on first use (idempotent), then open the store on it.

    `dims` gives the vector size; it is asked only to create the table, as it may wait for the model to load.
    """
    async with pool.connection() as conn:
        cur = await conn.execute("SELECT to_regclass(%s) IS NOT NULL", (table,))
        row = await cur.fetchone()
    if not (row and row[0]):
        await engine.ainit_vectorstore_table(
            table, vector_size=await dims(), metadata_columns=metadata, hybrid_search_config=hybrid_config()
        )
    else:  # a table from an earlier version: add the metadata columns it lacks
        async with pool.connection() as conn:
            for column in metadata:
                name, kind = (
                    (column.name, column.data_type)
                    if isinstance(column, Column)
                    else (column["name"], column["data_type"])
                )
                await conn.execute(f'ALTER TABLE {table} ADD COLUMN IF NOT EXISTS "{name}" {kind}')
    await ensure_filter_index(pool, table)
    await ensure_inline_vectors(pool, table)
    return await PGVectorStore.create(
        engine,
        embedding_service=embeddings,
        table_name=table,
        metadata_columns=[c.name if isinstance(c, Column) else c["name"] for c in metadata],
        hybrid_search_config=hybrid_config(),
    )


# Every search our tools make is filtered: one thread's resume passages, one skill's questions or notes.
# A btree on the filter finds those few rows and ranks them exactly. An HNSW index would rank the whole table
# first and filter after, returning fewer than k rows (often none) once the table is large; measured by
# `mulakat eval retrieval`. Add HNSW only with an unfiltered search.
FILTER_INDEXES: dict[str, tuple[str, ...]] = {KNOWLEDGE_TABLE: ("skill", "kind"), RESUME_TABLE: ("thread_id",)}


async def ensure_filter_index(pool: AsyncConnectionPool, table: str) -> None:
    """Create the table's filter index once (idempotent; tables from earlier versions get it too)."""
    columns = FILTER_INDEXES.get(table)
    if not columns:
        return
    async with pool.connection() as conn:
        await conn.execute(f"CREATE INDEX IF NOT EXISTS {table}_filter ON {table} ({', '.join(columns)})")


async def ensure_inline_vectors(pool: AsyncConnectionPool, table: str) -> None:
    """Keep each row's vector inside the row, and index the knowledge table's full-text column.

    A pack's row (key points, rubric) passes PostgreSQL's 2 kB row limit, and the toaster moved the 1.5 kB vector
    out of it first: every search read each vector back from the TOAST table, 5.9 ms for a search over one kind's
    1,500 rows against 1.3 ms with the vectors inline. Rows written before are rewritten once.
    """
    async with pool.connection() as conn, conn.transaction():
        cur = await conn.execute(
            "SELECT attstorage FROM pg_attribute WHERE attrelid = %s::regclass AND attname = 'embedding'", (table,)
        )
        row = await cur.fetchone()
        if row is not None and row[0] != "p":
            await conn.execute(f"ALTER TABLE {table} ALTER COLUMN embedding SET STORAGE PLAIN")
            await conn.execute(f"UPDATE {table} SET embedding = embedding::text::vector")
        if table == KNOWLEDGE_TABLE:  # full-text search's matches, without reading every row's words
            await conn.execute(f"CREATE INDEX IF NOT EXISTS {table}_tsv ON {table} USING gin (content_tsv)")


KNOWLEDGE_COLUMNS: list[Column | ColumnDict] = [
    Column("skill", "TEXT"),
    Column("title", "TEXT"),
    Column("kind", "TEXT"),  # overview | subtopic | question | passage
    Column("origin", "TEXT"),  # mulakat (shipped, kept in sync) | ingested (added by `mulakat ingest`)
    Column("source", "TEXT"),  # where a citation points: pack file and subtopic, or the ingested path
]
RESUME_COLUMNS: list[Column | ColumnDict] = [
    Column("thread_id", "TEXT"),
    Column("section", "TEXT"),
    Column("start_at", "INTEGER"),
    Column("end_at", "INTEGER"),
]
_COLUMNS = {
    table: tuple(c.name if isinstance(c, Column) else c["name"] for c in columns)
    for table, columns in ((KNOWLEDGE_TABLE, KNOWLEDGE_COLUMNS), (RESUME_TABLE, RESUME_COLUMNS))
}


def stable_id(*parts: str) -> str:
    """Same content, same id: re-syncing or re-ingesting embeds only what changed."""
    return str(uuid.uuid5(_NAMESPACE, hashlib.sha256("\x1f".join(parts).encode()).hexdigest()))


def resume_passages(doc: ParsedDocument, thread_id: str) -> list[Document]:
    """One passage per non-empty line (bullets are the unit recruiters read), with offsets."""
    passages, offset = [], 0
    for line in doc.text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        stripped = line.strip()
        if len(stripped.split()) < 4:
            continue
        lead = len(line) - len(line.lstrip())
        s, e = start + lead, start + lead + len(stripped)
        passages.append(
            Document(
                page_content=stripped,
                metadata={"thread_id": thread_id, "section": doc.section_at(s), "start_at": s, "end_at": e},
            )
        )
    return passages


_HIT_COLUMNS = "content, skill, title, kind, origin, source, langchain_metadata"


def _knowledge_hit(row: tuple[Any, ...]) -> dict[str, object]:
    """A row of _HIT_COLUMNS with the metadata a PGVectorStore search gives: the JSON's keys, then the columns."""
    text, skill, title, kind, origin, source, extra = row
    return {
        **(extra or {}),
        "skill": skill,
        "title": title,
        "kind": kind,
        "origin": origin,
        "source": source,
        "text": text,
    }


async def knowledge_rows(pool: AsyncConnectionPool, skill: str, kind: str, k: int) -> list[dict[str, object]]:
    """A skill's rows of one kind, easiest first, with the metadata a similarity search returns: for a listing
    (a pack's overview, its questions) ranking by a made-up query would only cost an embedding and a search."""
    async with pool.connection() as conn:
        cur = await conn.execute(
            f"""SELECT {_HIT_COLUMNS} FROM {KNOWLEDGE_TABLE}
            WHERE skill = %s AND kind = %s
            ORDER BY (langchain_metadata->>'difficulty')::int NULLS LAST, content LIMIT %s""",
            (skill, kind, k),
        )
        rows = await cur.fetchall()
    return [_knowledge_hit(row) for row in rows]


async def knowledge_hybrid(
    pool: AsyncConnectionPool,
    vector: list[float],
    query: str,
    k: int,
    skill: str | None = None,
    kind: str | None = None,
) -> list[dict[str, object]]:
    """The knowledge store's hybrid search, as PGVectorStore runs it with `hybrid_config()`, in one statement.

    The 20 nearest rows by cosine and the 20 best by full-text rank (ts_rank_cd of the query's words), fused by
    reciprocal rank (1 / (rank + 60), ranks from 0; ties keep the nearest first, as the library's stable sort
    does). The store's own search returns each row's 384-float vector as text, builds its SQL through
    SQLAlchemy and makes two round trips: 4 ms of the event loop per search, 24 searches in a real analysis.
    A test checks both give the same rows.
    """
    config = hybrid_config()
    rrf_k = float(config.fusion_function_parameters["rrf_k"])
    where = "".join(f" AND {column} = %({column})s" for column, value in (("skill", skill), ("kind", kind)) if value)
    async with pool.connection() as conn:
        cur = await conn.execute(
            f"""WITH dense AS MATERIALIZED (
                SELECT langchain_id, row_number() OVER (ORDER BY distance) - 1 AS rank FROM (
                    SELECT langchain_id, embedding <=> %(vector)s::vector AS distance FROM {KNOWLEDGE_TABLE}
                    WHERE TRUE{where} ORDER BY embedding <=> %(vector)s::vector LIMIT %(dense)s) d
            ), sparse AS MATERIALIZED (
                SELECT langchain_id, row_number() OVER (ORDER BY score DESC) - 1 AS rank FROM (
                    SELECT langchain_id, ts_rank_cd({config.tsv_column}, q) AS score
                    FROM {KNOWLEDGE_TABLE}, plainto_tsquery('{config.tsv_lang}', %(query)s) q
                    WHERE {config.tsv_column} @@ q{where} ORDER BY score DESC LIMIT %(sparse)s) s
            ), fused AS (
                SELECT langchain_id, sum(1.0 / (rank + %(rrf_k)s)) AS score,
                    min(rank) FILTER (WHERE from_dense) AS dense_rank, min(rank) AS any_rank
                FROM (SELECT *, TRUE AS from_dense FROM dense UNION ALL SELECT *, FALSE FROM sparse) ranked
                GROUP BY langchain_id
            )
            SELECT {_HIT_COLUMNS} FROM fused f JOIN {KNOWLEDGE_TABLE} c USING (langchain_id)
            ORDER BY f.score DESC, f.dense_rank NULLS LAST, f.any_rank LIMIT %(k)s""",
            {
                "vector": _vector_literal(vector),
                "query": query,
                "skill": skill,
                "kind": kind,
                "dense": config.primary_top_k,
                "sparse": config.secondary_top_k,
                "rrf_k": rrf_k,
                "k": k,
            },
        )
        rows = await cur.fetchall()
    return [_knowledge_hit(row) for row in rows]


@functools.cache
def _literal_format(dimensions: int) -> str:
    return "[" + ",".join(["%.7g"] * dimensions) + "]"


def _vector_literal(vector: list[float]) -> str:
    # One %-format of the whole row, not a format per number: a resume's 40 vectors take 2 ms instead of 3.
    return _literal_format(len(vector)) % tuple(vector)


async def insert_documents(
    conn: AsyncConnection[Any],
    store: PGVectorStore,
    table: str,
    docs: list[Document],
    ids: list[str],
    known: Mapping[str, list[float]] | None = None,
) -> None:
    """Embed and write documents as PGVectorStore would (content, vector, full-text column, metadata columns, the
    rest as JSON), in one pipelined batch on the caller's connection and transaction. The store's own
    `aadd_documents` opens a connection and commits per row: a real CV cost 40 round trips, the packs thousands.
    Texts in `known` take that vector instead of being embedded."""
    if not docs:
        return
    columns = _COLUMNS[table]
    texts = [d.page_content for d in docs]
    known = known or {}
    missing = list(dict.fromkeys(t for t in texts if t not in known))
    embedded = dict(zip(missing, await store.embeddings.aembed_documents(missing), strict=True)) if missing else {}
    vectors = [known[t] if t in known else embedded[t] for t in texts]
    rows = [
        (
            doc_id,
            d.page_content,
            _vector_literal(vector),
            d.page_content,
            *(d.metadata.get(c) for c in columns),
            json.dumps({k: v for k, v in d.metadata.items() if k not in columns}),
        )
        for doc_id, d, vector in zip(ids, docs, vectors, strict=True)
    ]
    named = ", ".join(f'"{c}"' for c in columns)
    updated = ", ".join(f'"{c}" = EXCLUDED."{c}"' for c in ("content", "embedding", "content_tsv", *columns))
    async with conn.cursor() as cur:
        await cur.executemany(
            f"INSERT INTO {table} (langchain_id, content, embedding, content_tsv, {named}, langchain_metadata) "
            f"VALUES (%s, %s, %s::vector, to_tsvector('pg_catalog.english', %s), {', '.join('%s' for _ in columns)}, "
            f"%s::json) ON CONFLICT (langchain_id) DO UPDATE SET {updated}, "
            '"langchain_metadata" = EXCLUDED."langchain_metadata"',
            rows,
        )


async def index_resume(store: PGVectorStore, pool: AsyncConnectionPool, doc: ParsedDocument, thread_id: str) -> int:
    """Replace the thread's resume passages, in one transaction."""
    passages = resume_passages(doc, thread_id)
    async with pool.connection() as conn, conn.transaction():
        await conn.execute(f"DELETE FROM {RESUME_TABLE} WHERE thread_id = %s", (thread_id,))
        # Ids from the thread and the passage's place: uuid4 reads os.urandom, 0.15 ms a call on some VMs.
        ids = [stable_id(thread_id, str(p.metadata["start_at"])) for p in passages]
        await insert_documents(conn, store, RESUME_TABLE, passages, ids)
    return len(passages)


async def nearest_resume_passages(
    pool: AsyncConnectionPool, thread_id: str, vectors: list[list[float]], k: int = 1
) -> list[list[dict[str, object]]]:
    """The k closest passages of one thread's resume to each query vector, by cosine, in one query."""
    if not vectors:
        return []
    found: list[list[dict[str, object]]] = [[] for _ in vectors]
    async with pool.connection() as conn:
        cur = await conn.execute(
            f"""SELECT q.i, r.content, r.section, r.start_at, r.end_at, 1 - r.distance
            FROM unnest(%s::text[]) WITH ORDINALITY AS q(v, i)
            CROSS JOIN LATERAL (
                SELECT content, section, start_at, end_at, embedding <=> q.v::vector AS distance
                FROM {RESUME_TABLE} WHERE thread_id = %s ORDER BY distance LIMIT %s
            ) r ORDER BY q.i, r.distance""",
            ([_vector_literal(v) for v in vectors], thread_id, k),
        )
        for i, content, section, start, end, similarity in await cur.fetchall():
            found[i - 1].append(
                {
                    "text": content,
                    "section": section,
                    "start": start,
                    "end": end,
                    "similarity": round(float(similarity), 4),
                }
            )
    return found
