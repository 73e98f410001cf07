"""PostgreSQL: the one shared connection pool and the app's migrations (the embedded server: storage.embedded)."""

from __future__ import annotations

import logging
from importlib import resources
from typing import Any, LiteralString

from psycopg import AsyncConnection
from psycopg.abc import Params
from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool

log = logging.getLogger(__name__)

# Postgres advisory-lock key so two processes starting at once don't both migrate.
_MIGRATION_LOCK = 0x6D756C616B6174


async def _keep_autocommit(conn: AsyncConnection) -> None:
    # SQLAlchemy (the vector store) borrows pool connections; hand them back as the saver expects.
    if not conn.autocommit:
        await conn.set_autocommit(True)


def make_pool(url: str, max_size: int, timeout_s: float = 10.0) -> AsyncConnectionPool:
    """Build the one pool shared by the checkpointer, the vector store and the app tables.

    close_returns=True lets SQLAlchemy (used by langchain-postgres) "close" a borrowed connection,
    which returns it here instead. No dict_row default: SQLAlchemy expects tuple rows.
    Every connection is checked as it is handed out, so one that PostgreSQL dropped (a restart) is
    replaced instead of failing a request; while PostgreSQL is down a request waits at most timeout_s
    for a connection and then fails with PoolTimeout (a 503 at the API), and the pool reconnects
    by itself once the server is back.
    """
    return AsyncConnectionPool(
        url,
        min_size=1,
        max_size=max_size,
        kwargs={"autocommit": True, "prepare_threshold": None},
        check=AsyncConnectionPool.check_connection,
        reset=_keep_autocommit,
        close_returns=True,
        timeout=timeout_s,
        open=False,
    )


async def fetch_dicts(pool: AsyncConnectionPool, query: LiteralString, params: Params) -> list[dict[str, Any]]:
    """Every row of one query, each a dict by column name (the pool itself hands out tuple rows)."""
    async with pool.connection() as conn, conn.cursor(row_factory=dict_row) as cur:
        await cur.execute(query, params)
        return list(await cur.fetchall())


async def migrate(pool: AsyncConnectionPool) -> list[str]:
    """Apply the versioned SQL files in mulakat/migrations once each; return the ones applied now."""
    files = sorted(
        (f for f in resources.files("mulakat.storage.migrations").iterdir() if f.name.endswith(".sql")),
        key=lambda f: f.name,
    )
    applied: list[str] = []
    async with pool.connection() as conn:
        await conn.execute("SELECT pg_advisory_lock(%s)", (_MIGRATION_LOCK,))
        try:
            await conn.execute(
                "CREATE TABLE IF NOT EXISTS app_migrations "
                "(version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"
            )
            cur = await conn.execute("SELECT version FROM app_migrations")
            done = {row[0] for row in await cur.fetchall()}
            for f in files:
                if f.name in done:
                    continue
                async with conn.transaction():
                    await conn.execute(f.read_text())
                    await conn.execute("INSERT INTO app_migrations (version) VALUES (%s)", (f.name,))
                applied.append(f.name)
                log.info("applied migration %s", f.name)
        finally:
            await conn.execute("SELECT pg_advisory_unlock(%s)", (_MIGRATION_LOCK,))
    return applied
