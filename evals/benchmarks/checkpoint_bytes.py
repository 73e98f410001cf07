"""Where a thread's checkpoint bytes go: per LangGraph table per step, and per state key (channel).

Input for slimming the state: an analysis, then practice turns on the same thread, with the bytes each step
added to checkpoints / checkpoint_blobs / checkpoint_writes, and which channels those bytes belong to.
Bytes are pg_column_size: what PostgreSQL stores for the value (after its own compression), without row overhead.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from psycopg_pool import AsyncConnectionPool

from evals.benchmarks.practice_bench import _answer
from graph.analysis import run_analysis
from graph.practice import answer_question, start_practice
from graph.runner import Runner
from mulakat.practice.session import Answer
from mulakat.storage.settings import Settings

if TYPE_CHECKING:
    from evals.tables import ResultTable

TABLES = ("checkpoints", "checkpoint_blobs", "checkpoint_writes")
_TABLE_SQL = {
    "checkpoints": "SELECT coalesce(sum(pg_column_size(checkpoint) + pg_column_size(metadata)), 0) "
    "FROM checkpoints WHERE thread_id = %s",
    "checkpoint_blobs": "SELECT coalesce(sum(pg_column_size(blob)), 0) FROM checkpoint_blobs WHERE thread_id = %s",
    "checkpoint_writes": "SELECT coalesce(sum(pg_column_size(blob)), 0) FROM checkpoint_writes WHERE thread_id = %s",
}
# Small values (strings, numbers) live inline in the checkpoint's channel_values; the rest are blobs.
_CHANNEL_SQL = """
SELECT channel, sum(blobs), sum(writes), sum(inline) FROM (
    SELECT channel, coalesce(pg_column_size(blob), 0) AS blobs, 0 AS writes, 0 AS inline
      FROM checkpoint_blobs WHERE thread_id = %(t)s
    UNION ALL
    SELECT channel, 0, pg_column_size(blob), 0 FROM checkpoint_writes WHERE thread_id = %(t)s
    UNION ALL
    SELECT kv.key, 0, 0, pg_column_size(kv.value)
      FROM checkpoints c, jsonb_each(c.checkpoint -> 'channel_values') kv WHERE c.thread_id = %(t)s
) per_row GROUP BY channel
"""
_LATEST_SQL = """
SELECT DISTINCT ON (channel) channel, coalesce(pg_column_size(blob), 0)
  FROM checkpoint_blobs WHERE thread_id = %s ORDER BY channel, version DESC
"""


@dataclass(frozen=True)
class ChannelBytes:
    blobs: int = 0
    writes: int = 0
    inline: int = 0

    @property
    def total(self) -> int:
        return self.blobs + self.writes + self.inline

    def minus(self, other: ChannelBytes) -> ChannelBytes:
        return ChannelBytes(self.blobs - other.blobs, self.writes - other.writes, self.inline - other.inline)


@dataclass(frozen=True)
class Snapshot:
    """Everything the saver holds for one thread at one moment."""

    tables: dict[str, int]
    channels: dict[str, ChannelBytes]
    latest: dict[str, int] = field(default_factory=dict)
    """Size of each channel's newest blob: what the state carries now, per key."""

    def minus(self, before: Snapshot) -> Snapshot:
        empty = ChannelBytes()
        return Snapshot(
            {t: self.tables[t] - before.tables[t] for t in TABLES},
            {c: b.minus(before.channels.get(c, empty)) for c, b in self.channels.items()},
            self.latest,
        )


async def snapshot(pool: AsyncConnectionPool, thread_id: str) -> Snapshot:
    async with pool.connection() as conn:
        tables = {}
        for table in TABLES:
            cur = await conn.execute(_TABLE_SQL[table], (thread_id,))
            row = await cur.fetchone()
            tables[table] = int(row[0]) if row else 0
        cur = await conn.execute(_CHANNEL_SQL, {"t": thread_id})
        channels = {r[0]: ChannelBytes(int(r[1]), int(r[2]), int(r[3])) for r in await cur.fetchall()}
        cur = await conn.execute(_LATEST_SQL, (thread_id,))
        latest = {r[0]: int(r[1]) for r in await cur.fetchall()}
    return Snapshot(tables, channels, latest)


@dataclass
class ThreadGrowth:
    thread_id: str
    steps: list[tuple[str, Snapshot]]
    """(step, bytes that step added), in order: the analysis, the practice start, then each answer."""
    practice: Snapshot
    """Bytes all the answers added together, per table and channel, with the state's latest sizes."""
    turns: int


async def measure_thread(runner: Runner, samples: Path, turns: int) -> ThreadGrowth:
    thread = f"bench-bytes-{uuid.uuid4()}"
    resume = {"name": "resume.md", "data": (samples / "resume.md").read_bytes()}
    job = {"name": "job.md", "data": (samples / "job.md").read_bytes()}
    empty = await snapshot(runner.services.pool, thread)
    await run_analysis(runner, resume, job, thread)  # type: ignore[arg-type]
    after_analysis = await snapshot(runner.services.pool, thread)
    view = await start_practice(runner, thread, goal=max(turns, 1))
    previous = await snapshot(runner.services.pool, thread)
    steps = [("analysis", after_analysis.minus(empty)), ("start practice", previous.minus(after_analysis))]
    started = previous
    for turn in range(1, turns + 1):
        view = await answer_question(runner, thread, Answer(text=_answer(view, turn)))
        now = await snapshot(runner.services.pool, thread)
        steps.append((f"answer {turn}", now.minus(previous)))
        previous = now
    return ThreadGrowth(thread, steps, previous.minus(started), turns)


def step_rows(growth: ThreadGrowth) -> list[list[str]]:
    rows = [[step, *(str(s.tables[t]) for t in TABLES), str(sum(s.tables.values()))] for step, s in growth.steps]
    if growth.turns:
        per = {t: growth.practice.tables[t] / growth.turns for t in TABLES}
        rows.append(["mean per answer", *(f"{per[t]:.0f}" for t in TABLES), f"{sum(per.values()):.0f}"])
    return rows


def channel_rows(growth: ThreadGrowth) -> list[list[str]]:
    """State keys by bytes the answers added, largest first, with each key's share and current size."""
    total = sum(c.total for c in growth.practice.channels.values()) or 1
    ranked = sorted(growth.practice.channels.items(), key=lambda kv: -kv[1].total)
    turns = max(growth.turns, 1)
    return [
        [
            channel,
            f"{b.blobs / turns:.0f}",
            f"{b.writes / turns:.0f}",
            f"{b.inline / turns:.0f}",
            f"{100 * b.total / total:.1f}%",
            str(growth.practice.latest.get(channel, "")),
        ]
        for channel, b in ranked
        if b.total
    ]


def checkpoint_suite(settings: Settings, samples: Path, turns: int = 20) -> list[ResultTable]:
    from evals.tables import ResultTable
    from graph.runner import run_with_runner

    growth = run_with_runner(lambda runner: measure_thread(runner, samples, turns), settings)
    return [
        ResultTable(
            f"Checkpoint bytes added per step on one thread (analysis, then {turns} answers)",
            ("step", *TABLES, "total"),
            step_rows(growth),
        ),
        ResultTable(
            "Which state keys the answers' bytes belong to (bytes per answer)",
            ("channel", "blobs", "writes", "inline in checkpoint", "share", "latest blob bytes"),
            channel_rows(growth),
        ),
    ]
