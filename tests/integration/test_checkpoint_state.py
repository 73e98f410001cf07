"""What a thread's checkpoints hold, on real PostgreSQL: references to the documents, not the documents, and the
practice session written once per answer. Threads checkpointed the older way still load and practise."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from graph.analysis import latest_report, run_analysis
from graph.practice import answer_question, current_view, start_practice
from graph.runner import Runner
from mulakat.documents.reader import read_document
from mulakat.models import DocumentRef, ParsedDocument
from mulakat.practice.session import Answer
from tests.support.practice import strong_answer
from tests.support.samples import JOB, RESUME, upload

pytestmark = pytest.mark.anyio

_LATEST_BLOBS = """
SELECT b.blob FROM checkpoints c
  JOIN LATERAL jsonb_each_text(c.checkpoint -> 'channel_versions') v(channel, version) ON true
  JOIN checkpoint_blobs b ON b.thread_id = c.thread_id AND b.checkpoint_ns = c.checkpoint_ns
   AND b.channel = v.channel AND b.version = v.version
 WHERE c.thread_id = %(t)s AND c.checkpoint_ns = ''
   AND c.checkpoint_id = (SELECT max(checkpoint_id) FROM checkpoints WHERE thread_id = %(t)s AND checkpoint_ns = '')
"""


def config(thread: str) -> dict[str, Any]:
    return {"configurable": {"thread_id": thread}}


async def analysed(runner: Runner) -> str:
    thread = f"c-{uuid.uuid4()}"
    await run_analysis(runner, upload("r.txt", RESUME), upload("j.txt", JOB), thread)  # type: ignore[arg-type]
    return thread


async def latest_checkpoint_bytes(runner: Runner, thread: str) -> bytes:
    """What loading the thread's state reads: its latest checkpoint row and every blob that row points at."""
    async with runner.services.pool.connection() as conn:
        cur = await conn.execute(
            "SELECT checkpoint::text FROM checkpoints WHERE thread_id = %s AND checkpoint_ns = ''"
            " ORDER BY checkpoint_id DESC LIMIT 1",
            (thread,),
        )
        row = await cur.fetchone()
        assert row is not None
        cur = await conn.execute(_LATEST_BLOBS, {"t": thread})
        blobs = [bytes(r[0]) for r in await cur.fetchall() if r[0] is not None]
    return b"".join([row[0].encode(), *blobs])


async def every_saved_byte(runner: Runner, thread: str) -> bytes:
    async with runner.services.pool.connection() as conn:
        cur = await conn.execute(
            "SELECT blob FROM checkpoint_blobs WHERE thread_id = %(t)s AND blob IS NOT NULL"
            " UNION ALL SELECT blob FROM checkpoint_writes WHERE thread_id = %(t)s",
            {"t": thread},
        )
        return b"".join(bytes(r[0]) for r in await cur.fetchall())


async def practice_writes(runner: Runner, thread: str) -> dict[str, int]:
    """Writes per state key, over every checkpoint of the thread."""
    async with runner.services.pool.connection() as conn:
        cur = await conn.execute(
            "SELECT channel, count(*) FROM checkpoint_writes WHERE thread_id = %s GROUP BY channel", (thread,)
        )
        return {str(r[0]): int(r[1]) for r in await cur.fetchall()}


def parsed() -> list[ParsedDocument]:
    return [read_document("resume", "r.txt", RESUME.encode()), read_document("job", "j.txt", JOB.encode())]


async def test_the_checkpoint_after_an_analysis_holds_no_document_text(runner: Runner) -> None:
    thread = await analysed(runner)
    latest = await latest_checkpoint_bytes(runner, thread)
    for text in (RESUME, JOB):
        assert text.strip().encode() not in latest  # neither the upload nor the parsed text
    assert b"Python lunch club" not in latest  # a line no requirement quotes
    # No step wrote a parsed document to any channel; the references carry only source, quality and digest.
    saved = await every_saved_byte(runner, thread)
    assert b"ParsedDocument" not in saved and b"DocumentRef" in saved
    values = (await runner.graph.aget_state(config(thread))).values
    assert isinstance(values["resume"], DocumentRef) and isinstance(values["job"], DocumentRef)
    assert values["resume_file"] is None and values["job_file"] is None


async def test_documents_load_back_as_they_were_parsed(runner: Runner) -> None:
    thread = await analysed(runner)
    values = (await runner.graph.aget_state(config(thread))).values
    loaded = await runner.services.documents.load(thread, [values["resume"], values["job"]])
    assert loaded == parsed()
    # In the order asked for, whatever order the table returns them in.
    again = await runner.services.documents.load(thread, [values["job"], values["resume"]])
    assert again == parsed()[::-1]


async def test_a_thread_checkpointed_with_its_documents_still_reports_and_practises(runner: Runner) -> None:
    thread = await analysed(runner)
    report = await latest_report(runner, thread)
    # Rewrite the thread as an older release left it: the documents themselves in the state, none in the table.
    await runner.graph.aupdate_state(config(thread), {"resume": parsed()[0], "job": parsed()[1]})
    async with runner.services.pool.connection() as conn:
        await conn.execute("DELETE FROM parsed_documents WHERE thread_id = %s", (thread,))
    assert b"ParsedDocument" in await latest_checkpoint_bytes(runner, thread)
    assert report is not None and await latest_report(runner, thread) == report

    view = await start_practice(runner, thread, goal=2)
    assert view.question is not None
    # The first practice step moved the documents out, once; they load back unchanged.
    values = (await runner.graph.aget_state(config(thread))).values
    assert isinstance(values["resume"], DocumentRef) and isinstance(values["job"], DocumentRef)
    assert await runner.services.documents.load(thread, [values["resume"], values["job"]]) == parsed()
    assert RESUME.strip().encode() not in await latest_checkpoint_bytes(runner, thread)
    answered = await answer_question(runner, thread, Answer(text=strong_answer(view)))
    assert answered.answered == 1 and answered.last_grade is not None


async def test_a_practice_answer_writes_the_session_once(runner: Runner) -> None:
    thread = await analysed(runner)
    view = await start_practice(runner, thread, goal=3)
    before = await practice_writes(runner, thread)
    view = await answer_question(runner, thread, Answer(text=strong_answer(view)))
    after = await practice_writes(runner, thread)
    added = {key: after.get(key, 0) - before.get(key, 0) for key in after}
    assert added["practice"] == 1
    # Each part of the turn is written once, by the step that made it.
    assert {k: added[k] for k in ("practice_answer", "practice_grade", "practice_feedback")} == {
        "practice_answer": 1,
        "practice_grade": 1,
        "practice_feedback": 1,
    }
    assert view.answered == 1 and view.turn == 1 and view.last_grade is not None and view.last_feedback


async def test_a_turn_an_older_release_left_half_done_is_finished(runner: Runner) -> None:
    thread = await analysed(runner)
    view = await start_practice(runner, thread, goal=2)
    assert view.question is not None
    # The older ask put the answer in the session itself, and the process died before grading it.
    session = (await runner.graph.aget_state(config(thread))).values["practice"]
    answer = strong_answer(view)
    await runner.graph.aupdate_state(
        config(thread), {"practice": session.model_copy(update={"answer": answer})}, as_node="ask"
    )
    finished = await current_view(runner, thread)
    assert finished.answered == 1 and finished.turn == 1
    assert finished.last_grade is not None and finished.last_grade.score > 50
    async with runner.services.pool.connection() as conn:
        cur = await conn.execute("SELECT turn, answer FROM practice_turns WHERE thread_id = %s", (thread,))
        assert await cur.fetchall() == [(1, answer)]
    assert (await runner.graph.aget_state(config(thread))).values["practice"].answer is None
