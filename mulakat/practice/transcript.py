"""The durable practice transcript: one row per graded answer, written once even if a node re-runs."""

from __future__ import annotations

import uuid
from typing import Any

from psycopg.types.json import Jsonb
from psycopg_pool import AsyncConnectionPool

from mulakat.models import Readiness
from mulakat.practice.mastery import Mastery
from mulakat.practice.session import PracticeSession
from mulakat.storage.db import fetch_dicts


async def link_run(pool: AsyncConnectionPool, thread_id: str, run_id: uuid.UUID) -> None:
    """Tie the turns a run just graded to its trace, so feedback on a turn reaches the right run."""
    async with pool.connection() as conn:
        await conn.execute(
            "UPDATE practice_turns SET run_id = %s WHERE thread_id = %s AND run_id IS NULL", (run_id, thread_id)
        )


async def record_turn(
    pool: AsyncConnectionPool,
    thread_id: str,
    session: PracticeSession,
    answer: str,
    before: Mastery | None,
    after: Mastery,
    readiness: Readiness,
) -> bool:
    """Store the graded turn, folded into `session`; False when it was already stored (a re-run after a crash)."""
    question, grade = session.question, session.grade
    if question is None or grade is None:
        raise ValueError("a turn needs a question, an answer and a grade")
    async with pool.connection() as conn:
        cur = await conn.execute(
            "INSERT INTO practice_turns (thread_id, session_id, turn, skill, question_id, question, difficulty,"
            " answer, score, verdict, grade, feedback, mastery_before, mastery_after,"
            " readiness, readiness_low, readiness_high)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
            " ON CONFLICT (thread_id, turn) DO NOTHING",
            (
                thread_id,
                session.session_id,
                session.turn,
                question.skill,
                question.id,
                question.text,
                question.difficulty,
                answer,
                grade.score,
                grade.verdict,
                Jsonb(grade.model_dump(mode="json")),
                Jsonb([f.model_dump(mode="json") for f in session.feedback]),
                Jsonb(before.model_dump(mode="json")) if before else None,
                Jsonb(after.model_dump(mode="json")),
                readiness.score,
                readiness.low,
                readiness.high,
            ),
        )
        return cur.rowcount == 1


async def asked_in_session(pool: AsyncConnectionPool, thread_id: str, session_id: str) -> set[str]:
    async with pool.connection() as conn:
        cur = await conn.execute(
            "SELECT question_id FROM practice_turns WHERE thread_id = %s AND session_id = %s", (thread_id, session_id)
        )
        return {row[0] for row in await cur.fetchall()}


async def readiness_by_turn(pool: AsyncConnectionPool, thread_id: str) -> list[dict[str, Any]]:
    """Readiness after every graded answer on the thread, oldest first."""
    return await fetch_dicts(
        pool,
        "SELECT turn, created_at, readiness, readiness_low, readiness_high"
        " FROM practice_turns WHERE thread_id = %s ORDER BY turn",
        (thread_id,),
    )


async def analyses(pool: AsyncConnectionPool, thread_id: str) -> list[dict[str, Any]]:
    """Readiness of every analysis on the thread, oldest first."""
    return await fetch_dicts(
        pool,
        "SELECT created_at, readiness, report->'readiness'->>'low' AS low, report->'readiness'->>'high' AS high,"
        " job_title FROM analyses WHERE thread_id = %s ORDER BY created_at",
        (thread_id,),
    )
