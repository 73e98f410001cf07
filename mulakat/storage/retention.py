"""Retention and deletion: forget one candidate, and prune what the policy says is old.

Which tables hold a thread's rows is read from the database (every table with a text `thread_id` or
`candidate_id` column), not from a list here, so a table added later is deleted from too. Every deletion
runs in one transaction; a dry run is the same transaction rolled back, so its counts are exact.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
from psycopg import AsyncConnection, sql
from psycopg_pool import AsyncConnectionPool
from pydantic import BaseModel, Field

from mulakat.storage.db import make_pool, migrate
from mulakat.storage.embedded import embedded_server
from mulakat.storage.settings import Settings


class Deleted(BaseModel):
    """What a deletion removed (or, in a dry run, would remove), per table."""

    threads: list[str] = Field(description="The threads whose every row is gone.")
    rows: dict[str, int] = Field(description="Rows deleted per table; tables with none are left out.")
    dry_run: bool = False

    @property
    def total(self) -> int:
        return sum(self.rows.values())


class _Rollback(Exception):
    """Raised inside a dry run's transaction to undo it."""


async def tables_with_column(conn: AsyncConnection, column: str) -> list[str]:
    """Tables of the current schema with a text column of this name, children before `threads` itself."""
    cur = await conn.execute(
        """
        SELECT c.table_name FROM information_schema.columns c
        JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE c.table_schema = current_schema() AND c.column_name = %s AND c.data_type = 'text'
          AND t.table_type = 'BASE TABLE'
        ORDER BY c.table_name = 'threads', c.table_name
        """,
        (column,),
    )
    return [str(row[0]) for row in await cur.fetchall()]


async def _delete_where(conn: AsyncConnection, column: str, values: list[str], rows: Counter[str]) -> None:
    if not values:
        return
    for table in await tables_with_column(conn, column):
        cur = await conn.execute(
            sql.SQL("DELETE FROM {} WHERE {} = ANY(%s)").format(sql.Identifier(table), sql.Identifier(column)),
            (values,),
        )
        rows[table] += cur.rowcount


async def _delete_threads(conn: AsyncConnection, threads: list[str], candidate: str | None, rows: Counter[str]) -> None:
    await _delete_where(conn, "thread_id", threads, rows)
    if candidate is not None:  # rows kept by candidate alone, outside any thread
        await _delete_where(conn, "candidate_id", [candidate], rows)


@asynccontextmanager
async def _deletion(pool: AsyncConnectionPool, dry_run: bool) -> AsyncIterator[AsyncConnection]:
    """One transaction for the whole deletion: committed, or for a dry run rolled back after counting."""
    try:
        async with pool.connection() as conn, conn.transaction():
            yield conn
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass


def _deleted(threads: list[str], rows: Counter[str], dry_run: bool) -> Deleted:
    return Deleted(threads=threads, rows={t: n for t, n in sorted(rows.items()) if n}, dry_run=dry_run)


async def forget_candidate(pool: AsyncConnectionPool, candidate_id: str, *, dry_run: bool = False) -> Deleted:
    """Delete every thread of the candidate and every row that names them: checkpoints, resume passages,
    analyses, practice, feedback. What the candidate did not make (the knowledge base, keys) stays."""
    rows: Counter[str] = Counter()
    async with _deletion(pool, dry_run) as conn:
        cur = await conn.execute(
            "SELECT thread_id FROM threads WHERE candidate_id = %s ORDER BY thread_id FOR UPDATE", (candidate_id,)
        )
        threads = [str(row[0]) for row in await cur.fetchall()]
        await _delete_threads(conn, threads, candidate_id, rows)
    return _deleted(threads, rows, dry_run)


async def _expire(conn: AsyncConnection, older_than: timedelta, rows: Counter[str]) -> list[str]:
    cur = await conn.execute(
        "SELECT thread_id FROM threads WHERE updated_at < now() - %s ORDER BY thread_id FOR UPDATE", (older_than,)
    )
    threads = [str(row[0]) for row in await cur.fetchall()]
    await _delete_threads(conn, threads, None, rows)
    return threads


# Older checkpoints go with their pending writes; a blob goes once no remaining checkpoint of its thread
# names its (channel, version), so the latest checkpoints still load in full and a waiting interrupt resumes.
_OLD_CHECKPOINTS = """
    CREATE TEMP TABLE old_checkpoints ON COMMIT DROP AS
    SELECT thread_id, checkpoint_ns, checkpoint_id FROM (
        SELECT thread_id, checkpoint_ns, checkpoint_id,
               row_number() OVER (PARTITION BY thread_id, checkpoint_ns ORDER BY checkpoint_id DESC) AS newer
        FROM checkpoints
    ) ranked WHERE newer > %s
"""
_PRUNE = {
    "checkpoint_writes": """
        DELETE FROM checkpoint_writes w USING old_checkpoints o
        WHERE w.thread_id = o.thread_id AND w.checkpoint_ns = o.checkpoint_ns AND w.checkpoint_id = o.checkpoint_id
    """,
    "checkpoints": """
        DELETE FROM checkpoints c USING old_checkpoints o
        WHERE c.thread_id = o.thread_id AND c.checkpoint_ns = o.checkpoint_ns AND c.checkpoint_id = o.checkpoint_id
    """,
    "checkpoint_blobs": """
        DELETE FROM checkpoint_blobs b
        WHERE (b.thread_id, b.checkpoint_ns) IN (SELECT thread_id, checkpoint_ns FROM old_checkpoints)
          AND NOT EXISTS (
            SELECT 1 FROM checkpoints c, jsonb_each_text(c.checkpoint -> 'channel_versions') AS v(channel, version)
            WHERE c.thread_id = b.thread_id AND c.checkpoint_ns = b.checkpoint_ns
              AND v.channel = b.channel AND v.version = b.version
          )
    """,
}


async def _trim_history(conn: AsyncConnection, keep: int, rows: Counter[str]) -> list[str]:
    if keep < 1:
        raise ValueError("keep at least the latest checkpoint, or the thread cannot resume")
    await conn.execute(_OLD_CHECKPOINTS, (keep,))
    cur = await conn.execute("SELECT DISTINCT thread_id FROM old_checkpoints ORDER BY thread_id")
    threads = [str(row[0]) for row in await cur.fetchall()]
    for table, statement in _PRUNE.items():  # writes and checkpoints before the blobs they name
        rows[table] += (await conn.execute(statement)).rowcount
    return threads


async def prune_checkpoint_history(pool: AsyncConnectionPool, keep: int, *, dry_run: bool = False) -> Deleted:
    """Keep the latest `keep` checkpoints of every thread; analyses and practice live in their own tables."""
    rows: Counter[str] = Counter()
    async with _deletion(pool, dry_run) as conn:
        threads = await _trim_history(conn, keep, rows)
    return _deleted(threads, rows, dry_run)


class PruneReport(BaseModel):
    expired: Deleted | None = Field(description="Whole threads unused for retention_days; None when it is unset.")
    history: Deleted | None = Field(description="All but the latest checkpoint_history checkpoints; None when unset.")


async def prune(
    pool: AsyncConnectionPool, retention_days: int | None, checkpoint_history: int | None, *, dry_run: bool = False
) -> PruneReport:
    """Apply the policy in one transaction: expired threads first, then the history of the threads that remain."""
    report = PruneReport(expired=None, history=None)
    async with _deletion(pool, dry_run) as conn:
        if retention_days is not None:
            expired: Counter[str] = Counter()
            threads = await _expire(conn, timedelta(days=retention_days), expired)
            report.expired = _deleted(threads, expired, dry_run)
        if checkpoint_history is not None:
            history: Counter[str] = Counter()
            threads = await _trim_history(conn, checkpoint_history, history)
            report.history = _deleted(threads, history, dry_run)
    return report


@asynccontextmanager
async def open_database(settings: Settings) -> AsyncIterator[AsyncConnectionPool]:
    """Only the database, migrated: the commands here need no models, so they start in a second."""
    with contextlib.ExitStack() as scope:
        if settings.database_url is None:
            server = scope.enter_context(await asyncio.to_thread(embedded_server, settings.data_dir))
            url = str(server.get_uri())
        else:
            url = settings.database_url
        async with make_pool(url, 2) as pool:
            await migrate(pool)
            await AsyncPostgresSaver(pool).setup()  # type: ignore[arg-type]  # a fresh database has no checkpoints yet
            yield pool


def describe(what: str, deleted: Deleted | None) -> list[str]:
    """Lines for the command line: per table, what went (or would go)."""
    if deleted is None:
        return [f"{what}: not configured"]
    verb = "would delete" if deleted.dry_run else "deleted"
    lines = [f"{what}: {verb} {deleted.total} rows across {len(deleted.threads)} threads"]
    lines += [f"  {table}\t{rows}" for table, rows in deleted.rows.items()]
    return lines
