"""Delete-my-data and the retention policy, checked by counting rows in every table the database has."""

from __future__ import annotations

import os
import subprocess
import sys
from functools import partial

import anyio
import httpx
import pytest
from psycopg import sql

from graph.runner import Runner
from mulakat.packs.loader import rubric_of
from mulakat.storage.retention import prune, prune_checkpoint_history
from mulakat.storage.settings import Settings
from tests.support.api import analysed_thread, candidate_headers

pytestmark = pytest.mark.anyio


async def practised_thread(http: httpx.AsyncClient, who: dict[str, str]) -> str:
    """A thread with an analysis, one graded answer, a question waiting, and a rating: rows in every table."""
    thread = await analysed_thread(http, who)
    started = (await http.post(f"/v1/threads/{thread}/practice", json={"goal": 3}, headers=who)).json()
    answer = {"text": " ".join(rubric_of(started["question"]["text"])), "question_id": started["question"]["id"]}
    assert (await http.post(f"/v1/threads/{thread}/practice/answers", json=answer, headers=who)).status_code == 200
    rated = {"thread_id": thread, "target": "turn:1", "rating": "up"}
    assert (await http.post("/v1/feedback", json=rated, headers=who)).status_code == 201
    return thread


async def rows_naming(runner: Runner, needles: list[str]) -> dict[str, int]:
    """Per table of the database (read from the catalogue, so a new table is never missed): rows whose text
    mentions any needle. A row's text includes every column, so a thread id in any column or in JSON counts."""
    patterns = [f"%{needle}%" for needle in needles]
    async with runner.services.pool.connection() as conn:
        cur = await conn.execute(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
        )
        tables = [str(row[0]) for row in await cur.fetchall()]
        counts = {}
        for table in tables:
            query = sql.SQL("SELECT count(*) FROM {} AS t WHERE t::text LIKE ANY(%s)").format(sql.Identifier(table))
            row = await (await conn.execute(query, (patterns,))).fetchone()
            counts[table] = int(row[0]) if row else -1
    return counts


async def _candidate(runner: Runner, thread: str) -> str:
    async with runner.services.pool.connection() as conn:
        row = await (await conn.execute("SELECT candidate_id FROM threads WHERE thread_id = %s", (thread,))).fetchone()
    assert row is not None
    return str(row[0])


async def test_delete_me_leaves_no_row_behind_and_spares_the_others(http: httpx.AsyncClient, runner: Runner) -> None:
    leaving, staying = await candidate_headers(runner.services.pool), await candidate_headers(runner.services.pool)
    mine = [await practised_thread(http, leaving) for _ in range(2)]
    theirs = [await practised_thread(http, staying)]
    me, them = await _candidate(runner, mine[0]), await _candidate(runner, theirs[0])

    before = await rows_naming(runner, [*mine, me])
    others_before = await rows_naming(runner, [*theirs, them])
    expected = {"threads", "analyses", "practice_turns", "feedback", "resume_chunks", "checkpoints"}
    assert expected <= {t for t, n in before.items() if n > 0}, before
    assert expected <= {t for t, n in others_before.items() if n > 0}, others_before

    assert (await http.delete("/v1/me")).status_code == 401, "no one is not a candidate to delete"
    gone = await http.delete("/v1/me", headers=leaving)
    assert gone.status_code == 200, gone.text
    assert sorted(gone.json()["threads"]) == sorted(mine)
    assert gone.json()["rows"]["threads"] == 2 and gone.json()["rows"]["practice_turns"] == 2

    after = await rows_naming(runner, [*mine, me])
    assert after == dict.fromkeys(before, 0), {t: n for t, n in after.items() if n}
    assert await rows_naming(runner, [*theirs, them]) == others_before, "the other candidate keeps everything"
    assert (await http.get(f"/v1/threads/{theirs[0]}", headers=staying)).status_code == 200
    assert (await http.get("/v1/threads", headers=leaving)).json()["threads"] == []
    again = await http.delete("/v1/me", headers=leaving)
    assert again.status_code == 200 and again.json()["threads"] == [] and again.json()["rows"] == {}


def _mulakat(settings: Settings, *args: str, **env: str) -> str:
    """The real command line in its own process, on this session's database (away from any .env)."""
    environ = {**os.environ, "MULAKAT_DATA_DIR": str(settings.data_dir), **env}
    if settings.database_url:
        environ["MULAKAT_DATABASE_URL"] = settings.database_url
    done = subprocess.run(
        [sys.executable, "-m", "mulakat", *args],
        cwd=settings.data_dir,
        env=environ,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


async def test_forget_command_counts_first_then_deletes(
    http: httpx.AsyncClient, runner: Runner, settings: Settings
) -> None:
    who = await candidate_headers(runner.services.pool)
    thread = await practised_thread(http, who)
    candidate = await _candidate(runner, thread)
    before = await rows_naming(runner, [thread, candidate])

    dry = await anyio.to_thread.run_sync(_mulakat, settings, "forget", candidate, "--dry-run")
    assert "would delete" in dry and f"practice_turns\t{before['practice_turns']}" in dry, dry
    assert await rows_naming(runner, [thread, candidate]) == before, "a dry run deletes nothing"

    done = await anyio.to_thread.run_sync(_mulakat, settings, "forget", candidate)
    assert "deleted" in done and "across 1 threads" in done, done
    assert sum((await rows_naming(runner, [thread, candidate])).values()) == 0


async def _set_last_used(runner: Runner, thread: str, days_ago: int) -> None:
    async with runner.services.pool.connection() as conn:
        await conn.execute(
            "UPDATE threads SET updated_at = now() - make_interval(days => %s) WHERE thread_id = %s", (days_ago, thread)
        )


async def test_prune_deletes_threads_unused_past_retention(
    http: httpx.AsyncClient, runner: Runner, settings: Settings
) -> None:
    who = await candidate_headers(runner.services.pool)
    old, recent = await practised_thread(http, who), await practised_thread(http, who)
    await _set_last_used(runner, old, days_ago=200)
    await _set_last_used(runner, recent, days_ago=10)
    old_rows, recent_rows = await rows_naming(runner, [old]), await rows_naming(runner, [recent])

    policy = {"MULAKAT_RETENTION_DAYS": "180", "MULAKAT_CHECKPOINT_HISTORY": "20"}
    printed = await anyio.to_thread.run_sync(partial(_mulakat, settings, "prune", "--dry-run", **policy))
    assert "threads unused for 180 days: would delete" in printed, printed
    assert f"  analyses\t{old_rows['analyses']}" in printed and "checkpoints beyond" in printed, printed
    assert await rows_naming(runner, [old]) == old_rows, "a dry run deletes nothing"

    report = await prune(runner.services.pool, retention_days=180, checkpoint_history=None)
    assert report.expired is not None and old in report.expired.threads and recent not in report.expired.threads
    assert report.history is None
    assert sum((await rows_naming(runner, [old])).values()) == 0
    assert await rows_naming(runner, [recent]) == recent_rows, "a thread used within the period stays whole"


async def _checkpoint_rows(runner: Runner, thread: str) -> dict[str, int]:
    counts = {}
    async with runner.services.pool.connection() as conn:
        for table in ("checkpoints", "checkpoint_writes", "checkpoint_blobs"):
            query = sql.SQL("SELECT count(*) FROM {} WHERE thread_id = %s").format(sql.Identifier(table))
            row = await (await conn.execute(query, (thread,))).fetchone()
            counts[table] = int(row[0]) if row else -1
    return counts


async def test_pruned_history_still_resumes_and_answers(http: httpx.AsyncClient, runner: Runner) -> None:
    who = await candidate_headers(runner.services.pool)
    thread = await practised_thread(http, who)
    report_before = (await http.get(f"/v1/threads/{thread}", headers=who)).json()
    waiting = (await http.get(f"/v1/threads/{thread}/practice", headers=who)).json()
    history = await _checkpoint_rows(runner, thread)
    assert history["checkpoints"] > 3, history

    dry = await prune_checkpoint_history(runner.services.pool, keep=1, dry_run=True)
    assert await _checkpoint_rows(runner, thread) == history, "a dry run deletes nothing"
    done = await prune_checkpoint_history(runner.services.pool, keep=1)
    assert thread in done.threads and done.rows == dry.rows, "the dry run counted exactly what went"
    left = await _checkpoint_rows(runner, thread)
    assert left["checkpoints"] == 1 and left["checkpoint_blobs"] < history["checkpoint_blobs"], left

    assert (await http.get(f"/v1/threads/{thread}", headers=who)).json() == report_before
    assert (await http.get(f"/v1/threads/{thread}/practice", headers=who)).json() == waiting
    question = waiting["question"]
    answer = {"text": " ".join(rubric_of(question["text"])), "question_id": question["id"]}
    graded = await http.post(f"/v1/threads/{thread}/practice/answers", json=answer, headers=who)
    assert graded.status_code == 200, graded.text
    assert graded.json()["turn"] == 2 and graded.json()["last_grade"]["score"] >= 60
    assert (await http.get(f"/v1/threads/{thread}/progress", headers=who)).status_code == 200


async def test_history_keeps_at_least_one_checkpoint(runner: Runner) -> None:
    with pytest.raises(ValueError, match="at least the latest"):
        await prune_checkpoint_history(runner.services.pool, keep=0)
