"""Where a thread's checkpoint bytes go: per LangGraph table per step, and per state key (channel).

Input for slimming the state: an analysis, then practice turns on the same thread, with the bytes each step
added to checkpoints / checkpoint_blobs / checkpoint_writes, and which channels those bytes belong to.
Bytes are pg_column_size: what PostgreSQL stores for the value (after its own compression), without row overhead.
parsed_documents is ours, not the saver's: the documents the checkpoints refer to, counted so that bytes moved there
are not bytes that seem to vanish.
"""

from __future__ import annotations

import time
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

TABLES = ("checkpoints", "checkpoint_blobs", "checkpoint_writes", "parsed_documents")
_TABLE_SQL = {
    "checkpoints": "SELECT coalesce(sum(pg_column_size(checkpoint) + pg_column_size(metadata)), 0) "
    "FROM checkpoints WHERE thread_id = %s",
    "checkpoint_blobs": "SELECT coalesce(sum(pg_column_size(blob)), 0) FROM checkpoint_blobs WHERE thread_id = %s",
    "checkpoint_writes": "SELECT coalesce(sum(pg_column_size(blob)), 0) FROM checkpoint_writes WHERE thread_id = %s",
    "parsed_documents": "SELECT coalesce(sum(pg_column_size(document)), 0) FROM parsed_documents WHERE thread_id = %s",
}
_WRITE_COUNTS_SQL = "SELECT channel, count(*) FROM checkpoint_writes WHERE thread_id = %s GROUP BY channel"
# Loads after this many answers are timed this many times (a checkpoint read is a few milliseconds).
LOAD_READS = 20
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
# The blobs the newest checkpoint points at: what reading the state loads (a key held inline has none).
_LATEST_SQL = """
SELECT b.channel, coalesce(pg_column_size(b.blob), 0) FROM checkpoints c
  JOIN LATERAL jsonb_each_text(c.checkpoint -> 'channel_versions') v(channel, version) ON true
  JOIN checkpoint_blobs b ON b.thread_id = c.thread_id AND b.checkpoint_ns = c.checkpoint_ns
   AND b.channel = v.channel AND b.version = v.version
 WHERE c.thread_id = %(t)s AND c.checkpoint_ns = ''
   AND c.checkpoint_id = (SELECT max(checkpoint_id) FROM checkpoints WHERE thread_id = %(t)s AND checkpoint_ns = '')
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
    """Size of each key's blob in the newest checkpoint: what reading the state loads now, per key."""
    write_counts: dict[str, int] = field(default_factory=dict)
    """Rows in checkpoint_writes per channel: how often a step wrote that key."""

    def minus(self, before: Snapshot) -> Snapshot:
        empty = ChannelBytes()
        return Snapshot(
            {t: self.tables[t] - before.tables[t] for t in TABLES},
            {c: b.minus(before.channels.get(c, empty)) for c, b in self.channels.items()},
            self.latest,
            {c: n - before.write_counts.get(c, 0) for c, n in self.write_counts.items()},
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
        cur = await conn.execute(_LATEST_SQL, {"t": thread_id})
        latest = {r[0]: int(r[1]) for r in await cur.fetchall()}
        cur = await conn.execute(_WRITE_COUNTS_SQL, (thread_id,))
        counts = {r[0]: int(r[1]) for r in await cur.fetchall()}
    return Snapshot(tables, channels, latest, counts)


@dataclass
class ThreadGrowth:
    thread_id: str
    steps: list[tuple[str, Snapshot]]
    """(step, bytes that step added), in order: the analysis, the practice start, then each answer."""
    practice: Snapshot
    """Bytes all the answers added together, per table and channel, with the state's latest sizes."""
    turns: int
    load_ms: float = 0.0
    """Mean time to read the thread's latest checkpoint after the last answer, as each practice step does."""


async def load_time_ms(runner: Runner, thread_id: str, reads: int = LOAD_READS) -> float:
    config = {"configurable": {"thread_id": thread_id, "checkpoint_ns": ""}}
    await runner.services.checkpointer.aget_tuple(config)  # type: ignore[arg-type]  # warm the connection
    start = time.perf_counter()
    for _ in range(reads):
        await runner.services.checkpointer.aget_tuple(config)  # type: ignore[arg-type]
    return 1000 * (time.perf_counter() - start) / reads


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
    return ThreadGrowth(thread, steps, previous.minus(started), turns, await load_time_ms(runner, thread))


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
            f"{growth.practice.write_counts.get(channel, 0) / turns:.1f}",
        ]
        for channel, b in ranked
        if b.total
    ]


def state_rows(growth: ThreadGrowth) -> list[list[str]]:
    """The state a step reads back after the last answer: each key's newest blob, then the total and load time."""
    latest = sorted(growth.practice.latest.items(), key=lambda kv: -kv[1])
    rows = [[channel, str(size)] for channel, size in latest if size]
    rows.append(["all blobs", str(sum(growth.practice.latest.values()))])
    rows.append([f"checkpoint read, ms (mean of {LOAD_READS})", f"{growth.load_ms:.1f}"])
    return rows


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
            ("channel", "blobs", "writes", "inline in checkpoint", "share", "latest blob bytes", "writes per answer"),
            channel_rows(growth),
        ),
        ResultTable(
            "What a step reads back after the last answer (newest blob per key, bytes)",
            ("key", "bytes"),
            state_rows(growth),
        ),
    ]
