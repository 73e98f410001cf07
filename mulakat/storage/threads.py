"""A candidate's threads: who owns which, the list, feedback on outputs, and deleting every trace of one."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from langgraph.checkpoint.base import BaseCheckpointSaver
from psycopg_pool import AsyncConnectionPool
from pydantic import BaseModel, Field

from mulakat.storage.db import fetch_dicts
from mulakat.storage.vectors import RESUME_TABLE


class ThreadSummary(BaseModel):
    thread_id: str
    job_title: str | None
    readiness: int | None = Field(description="Latest readiness: after the last graded answer, else the last analysis.")
    analyses: int
    practice_turns: int
    created_at: datetime
    updated_at: datetime


async def owns(pool: AsyncConnectionPool, thread_id: str, candidate_id: str) -> bool:
    async with pool.connection() as conn:
        cur = await conn.execute(
            "SELECT 1 FROM threads WHERE thread_id = %s AND candidate_id = %s", (thread_id, candidate_id)
        )
        return await cur.fetchone() is not None


async def list_threads(pool: AsyncConnectionPool, candidate_id: str, limit: int = 50) -> list[ThreadSummary]:
    """The candidate's threads, most recently used first."""
    rows = await fetch_dicts(
        pool,
        """
        SELECT t.thread_id, t.created_at, t.updated_at,
               a.job_title, coalesce(p.readiness, a.readiness) AS readiness,
               (SELECT count(*) FROM analyses x WHERE x.thread_id = t.thread_id) AS analyses,
               (SELECT count(*) FROM practice_turns y WHERE y.thread_id = t.thread_id) AS practice_turns
        FROM threads t
        LEFT JOIN LATERAL (SELECT job_title, readiness FROM analyses
                           WHERE thread_id = t.thread_id ORDER BY created_at DESC LIMIT 1) a ON true
        LEFT JOIN LATERAL (SELECT readiness FROM practice_turns
                           WHERE thread_id = t.thread_id ORDER BY turn DESC LIMIT 1) p ON true
        WHERE t.candidate_id = %s
        ORDER BY t.updated_at DESC
        LIMIT %s
        """,
        (candidate_id, limit),
    )
    return [ThreadSummary.model_validate(row) for row in rows]


async def touch(pool: AsyncConnectionPool, thread_id: str) -> None:
    async with pool.connection() as conn:
        await conn.execute("UPDATE threads SET updated_at = now() WHERE thread_id = %s", (thread_id,))


async def delete_thread(pool: AsyncConnectionPool, checkpointer: BaseCheckpointSaver[Any], thread_id: str) -> None:
    """Checkpoints, resume passages, analyses, practice turns and feedback: all of it, for good."""
    await checkpointer.adelete_thread(thread_id)
    async with pool.connection() as conn, conn.transaction():
        await conn.execute(f"DELETE FROM {RESUME_TABLE} WHERE thread_id = %s", (thread_id,))
        await conn.execute("DELETE FROM threads WHERE thread_id = %s", (thread_id,))  # cascades to app rows


async def run_for(pool: AsyncConnectionPool, thread_id: str, target: str) -> uuid.UUID | None:
    """The traced run that produced the target: its practice turn, else the latest analysis."""
    async with pool.connection() as conn:
        if target.startswith("turn:"):
            cur = await conn.execute(
                "SELECT run_id FROM practice_turns WHERE thread_id = %s AND turn = %s",
                (thread_id, int(target.removeprefix("turn:"))),
            )
        else:
            cur = await conn.execute(
                "SELECT run_id FROM analyses WHERE thread_id = %s ORDER BY created_at DESC LIMIT 1", (thread_id,)
            )
        row = await cur.fetchone()
    return row[0] if row else None


async def record_feedback(
    pool: AsyncConnectionPool,
    candidate_id: str,
    *,
    thread_id: str,
    target: str,
    rating: Literal["up", "down"],
    comment: str | None,
) -> tuple[int, uuid.UUID | None]:
    """Store a rating of one output of the thread; returns its id and the traced run that produced the output."""
    run_id = await run_for(pool, thread_id, target)
    async with pool.connection() as conn:
        cur = await conn.execute(
            "INSERT INTO feedback (thread_id, candidate_id, target, rating, comment, run_id)"
            " VALUES (%s, %s, %s, %s, %s, %s) RETURNING id",
            (
                thread_id,
                candidate_id,
                target,
                1 if rating == "up" else -1,
                comment,
                run_id,
            ),
        )
        row = await cur.fetchone()
    assert row is not None
    return int(row[0]), run_id


async def mark_traced(pool: AsyncConnectionPool, feedback_id: int) -> None:
    async with pool.connection() as conn:
        await conn.execute("UPDATE feedback SET traced = true WHERE id = %s", (feedback_id,))
