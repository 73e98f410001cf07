"""Candidates' thumbs up and down (POST /v1/feedback) as eval examples: what was rated, what it rated, and why.

A downvoted grade becomes a case to re-grade after a change; a downvoted readiness or plan, a case to
re-analyse. Examples carry the redacted answer, never the documents.
"""

from __future__ import annotations

from typing import Any

from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool

from mulakat.storage.tracing import redact_text


async def feedback_examples(pool: AsyncConnectionPool) -> list[dict[str, Any]]:
    """Every rating with the output it rated: a practice turn's question, answer and grade, or the analysis."""
    async with pool.connection() as conn, conn.cursor(row_factory=dict_row) as cur:
        await cur.execute(
            """
            SELECT f.id, f.thread_id, f.target, f.rating, f.comment, f.created_at,
                   t.question, t.answer, t.score, t.verdict, t.skill,
                   a.readiness, a.job_title
            FROM feedback f
            LEFT JOIN practice_turns t
                   ON t.thread_id = f.thread_id
                  AND t.turn = CASE WHEN f.target LIKE 'turn:%' THEN split_part(f.target, ':', 2)::int END
            LEFT JOIN LATERAL (SELECT readiness, job_title FROM analyses
                               WHERE thread_id = f.thread_id AND created_at <= f.created_at
                               ORDER BY created_at DESC LIMIT 1) a ON true
            ORDER BY f.created_at
            """
        )
        rows = await cur.fetchall()
    examples = []
    for row in rows:
        if row["target"].startswith("turn:"):
            inputs = {"question": row["question"], "answer": redact_text(row["answer"] or ""), "skill": row["skill"]}
            outputs = {"score": row["score"], "verdict": row["verdict"]}
        else:
            inputs = {"thread_id": row["thread_id"], "job_title": row["job_title"]}
            outputs = {"readiness": row["readiness"]}
        examples.append(
            {
                "target": row["target"],
                "kind": row["target"].split(":")[0],
                "rating": "up" if row["rating"] > 0 else "down",
                "comment": redact_text(row["comment"] or ""),
                "inputs": inputs,
                "outputs": outputs,
            }
        )
    return examples


def feedback_tables(examples: list[dict[str, Any]]) -> tuple[list[list[str]], list[list[str]]]:
    kinds: dict[str, list[int]] = {}
    for ex in examples:
        counts = kinds.setdefault(ex["kind"], [0, 0])
        counts[0 if ex["rating"] == "up" else 1] += 1
    summary = [[kind, str(up), str(down), f"{down / (up + down):.2f}"] for kind, (up, down) in sorted(kinds.items())]
    downs = [
        [
            ex["target"],
            ", ".join(f"{k}={v}" for k, v in ex["outputs"].items()),
            ex["comment"] or "-",
            str(ex["inputs"].get("question") or ex["inputs"].get("job_title") or "-")[:80],
        ]
        for ex in examples
        if ex["rating"] == "down"
    ]
    return summary, downs[-20:]
