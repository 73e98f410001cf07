"""Infrastructure faults: PostgreSQL restarting under the API, and the API server killed mid-run.

PostgreSQL restart: a PostgreSQL of this test's own (the session's shared one must stay up) is stopped
under an in-process API, which then answers 503 with Retry-After, and serves again once PostgreSQL is
back, with the same app object and pool.
SIGKILL: a uvicorn subprocess on the session's PostgreSQL is killed while a chat-model call it waits on
hangs (tests/support/fault_server.py), restarted, and the database is counted: no run is lost or doubled.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any
from unittest.mock import ANY

import httpx
import pytest
import sqlalchemy.exc
from psycopg_pool import PoolTimeout
from pydantic import BaseModel

from api.app import create_app
from api.errors import RETRY_AFTER_S
from api.sse import stream_run
from graph.builder import compile_graph
from graph.runner import Runner
from graph.streaming import NodeListener
from mulakat.packs.loader import rubric_of
from mulakat.services import Services, open_services_on
from mulakat.storage.embedded import embedded_server
from tests.support.api import asgi_client, candidate_headers
from tests.support.fault_server import GOOD, HANG, SERVER_ERROR, FaultServer
from tests.support.network import free_port, wait_for_health
from tests.support.paths import ROOT
from tests.support.samples import JOB, RESUME

pytestmark = pytest.mark.anyio

POOL_TIMEOUT_S = 2.0  # how long a request waits for a connection before it is told to retry


@pytest.fixture
def own_postgres(tmp_path: Path) -> Iterator[Any]:
    """An embedded PostgreSQL for this test alone, stopped at the end."""
    server = embedded_server(tmp_path)
    with server:
        yield server


def services_on(url: str, base: Services) -> AbstractAsyncContextManager[Services]:
    """The session's models (embeddings, taxonomy, chat model) over a small, quick-to-give-up pool on another
    PostgreSQL, wired as the app wires its own.

    Its knowledge table stays empty: embedding the packs again would cost minutes and prove nothing here.
    """
    settings = base.settings.model_copy(update={"pool_max_size": 4, "pool_timeout_s": POOL_TIMEOUT_S})
    return open_services_on(url, settings, models_of=base, sync_packs=False)


async def test_postgres_restart_gives_503_then_recovers_without_an_app_restart(
    own_postgres: Any, services: Services
) -> None:
    async with services_on(str(own_postgres.get_uri()), services) as svc:
        app = create_app(svc.settings)
        app.state.runner = Runner(svc, compile_graph(svc.checkpointer))
        headers = await candidate_headers(svc.pool)
        # Errors must come back as responses, as a server would send them, not be raised into the test.
        async with asgi_client(app, headers=headers, raise_app_exceptions=False) as client:
            first = await client.post("/v1/analyses", json={"resume": RESUME, "job": JOB})
            assert first.status_code == 200, first.text
            thread = first.json()["thread_id"]

            own_postgres.stop()
            down = [
                await client.post("/v1/analyses", json={"resume": RESUME, "job": JOB}),
                await client.get(f"/v1/threads/{thread}"),
                await client.get("/v1/threads"),
            ]
            for r in down:
                assert r.status_code == 503, (r.request.url, r.status_code, r.text)
                assert r.headers["Retry-After"] == str(RETRY_AFTER_S)
                assert "retry" in r.json()["detail"]
            streamed = await client.post("/v1/analyses/stream", json={"resume": RESUME, "job": JOB})
            assert streamed.status_code == 503 and streamed.headers["Retry-After"] == str(RETRY_AFTER_S)

            restart(own_postgres)
            again = await client.post(
                "/v1/analyses", json={"resume": RESUME, "job": JOB, "thread_id": thread}
            )  # same app, same pool: it reconnected by itself
            assert again.status_code == 200, again.text
            assert again.json()["runs_on_thread"] == 2, "the failed attempts changed nothing"
            state = await client.get(f"/v1/threads/{thread}")
            assert state.status_code == 200 and state.json()["readiness"] == again.json()["readiness"]
        assert await analysis_rows(svc, thread) == 2


def restart(server: Any) -> None:
    """Start the stopped PostgreSQL again on the same data directory (and socket, so the same URL)."""
    with server._lock:  # pgserver's inter-process lock, as its own start() takes it
        server.ensure_postgres_running()


async def analysis_rows(svc: Services, thread: str) -> int:
    async with svc.pool.connection() as conn:
        cur = await conn.execute("SELECT count(*) FROM analyses WHERE thread_id = %s", (thread,))
        row = await cur.fetchone()
        return int(row[0]) if row else 0


# ---- SIGKILL mid-run --------------------------------------------------------------------------------------------


class ApiProcess:
    """`uvicorn api.app:app` in a subprocess on the session's PostgreSQL, with its chat model on a fault server."""

    def __init__(self, database_url: str, chat_url: str, workdir: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.workdir = workdir
        # Only our settings: no MULAKAT_* from the caller and no .env (cwd is the tmp dir).
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("MULAKAT_")}
        self.env.update(
            MULAKAT_DATABASE_URL=database_url,  # outlives the process: that is what resuming needs
            MULAKAT_DATA_DIR=str(workdir),
            MULAKAT_CHAT_MODEL="openai:fake",
            MULAKAT_CHAT_BASE_URL=chat_url,
            MULAKAT_CHAT_API_KEY="x",
            MULAKAT_CHAT_TIMEOUT_S="60",  # a hang lasts until the kill, not until a timeout
            MULAKAT_CHAT_MAX_RETRIES="0",
        )
        self.proc: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def log(self) -> str:
        return "\n".join(p.read_text()[-3000:] for p in sorted(self.workdir.glob("server-*.log")))

    def start(self) -> None:
        self.starts += 1
        with (self.workdir / f"server-{self.starts}.log").open("wb") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "uvicorn", "api.app:app", "--app-dir", str(ROOT)]
                + ["--host", "127.0.0.1", "--port", str(self.port)],
                cwd=self.workdir,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        wait_for_health(self.proc, self.url, time.monotonic() + 120, "the server", self.log)

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)  # no shutdown hooks, no finally blocks: a crash
        self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture
def fault_server() -> Iterator[FaultServer]:
    with FaultServer(hang_s=120) as server:
        yield server


@pytest.fixture
def api_process(services: Services, fault_server: FaultServer, tmp_path: Path) -> Iterator[ApiProcess]:
    process = ApiProcess(services.database_url, fault_server.url, tmp_path)
    try:
        yield process
    finally:
        process.stop()


async def stream_until_hung(
    client: httpx.AsyncClient, path: str, body: dict[str, Any], fault_server: FaultServer, schema: str
) -> list[str]:
    """Start a streamed run and return once it made progress and is stuck on the model call for `schema`."""
    events: list[str] = []
    async with client.stream("POST", path, json=body, timeout=60) as response:
        assert response.status_code == 200, await response.aread()
        async for line in response.aiter_lines():
            if line.startswith("event:"):
                events.append(line.partition(":")[2].strip())
            if "progress" in events:
                break
        await asyncio.to_thread(fault_server.wait_for, schema, "hang", 60.0)
    return events


async def count(svc: Services, table: str, thread: str, extra: str = "", args: tuple[Any, ...] = ()) -> int:
    async with svc.pool.connection() as conn:
        cur = await conn.execute(f"SELECT count(*) FROM {table} WHERE thread_id = %s {extra}", (thread, *args))
        row = await cur.fetchone()
        return int(row[0]) if row else 0


async def test_sigkill_mid_analysis_and_mid_practice_loses_and_doubles_nothing(
    services: Services, api_process: ApiProcess, fault_server: FaultServer
) -> None:
    api_process.start()
    headers = await candidate_headers(services.pool)
    async with httpx.AsyncClient(base_url=api_process.url, headers=headers, timeout=60) as client:
        first = await client.post("/v1/analyses", json={"resume": RESUME, "job": JOB})
        assert first.status_code == 200, first.text
        thread = first.json()["thread_id"]

        # Kill a re-run of the analysis while its feedback step waits on the model.
        fault_server.script("FeedbackProse", HANG, then=SERVER_ERROR)
        rerun = {"resume": RESUME, "job": JOB, "thread_id": thread}
        events = await stream_until_hung(client, "/v1/analyses/stream", rerun, fault_server, "FeedbackProse")
        assert events[:2] == ["thread", "progress"]
        api_process.kill()
        assert await count(services, "analyses", thread) == 1, "the killed run recorded nothing"
        assert await count(services, "checkpoints", thread) > 0

        api_process.start()
        state = await client.get(f"/v1/threads/{thread}")
        assert state.status_code == 200, state.text
        again = await client.post("/v1/analyses", json=rerun)
        assert again.status_code == 200, again.text
        assert await count(services, "analyses", thread) == 2
        assert again.json()["runs_on_thread"] == 2, "the killed run is not counted as a run"

        # Kill while an answer is being graded.
        started = await client.post(f"/v1/threads/{thread}/practice", json={"goal": 3})
        assert started.status_code == 200, started.text
        question = started.json()["question"]
        fault_server.script("RubricJudgement", HANG, then=GOOD)
        # An answer that covers the rubric, so the core passes it on to the model to grade.
        answer = {"text": " ".join(f"{p}." for p in rubric_of(question["text"])), "question_id": question["id"]}
        path = f"/v1/threads/{thread}/practice/answers/stream"
        await stream_until_hung(client, path, answer, fault_server, "RubricJudgement")
        api_process.kill()
        asked = ("AND question_id = %s", (question["id"],))
        assert await count(services, "practice_turns", thread, *asked) == 0

        api_process.start()
        retried = await client.post(f"/v1/threads/{thread}/practice/answers", json=answer)
        # Either the answer was still waiting (graded now), or the restart finished the killed turn from
        # its checkpoint first, and the same answer to that question is then refused as no longer waiting.
        assert retried.status_code in (200, 409), retried.text
        assert await count(services, "practice_turns", thread, *asked) == 1
        view = (await client.get(f"/v1/threads/{thread}/practice")).json()
        assert view["answered"] == 1 and view["last_grade"] is not None
        assert view["question"] is not None and view["question"]["id"] != question["id"]


async def test_a_streamed_run_that_loses_the_database_ends_with_a_503_event() -> None:
    async def work(on_node: NodeListener) -> BaseModel:
        await on_node("analyzer")
        try:
            raise PoolTimeout("couldn't get a connection after 2.00 sec")
        except PoolTimeout as exc:  # as SQLAlchemy (the vector store) reports it
            raise sqlalchemy.exc.OperationalError("SELECT 1", None, exc) from exc

    events = [event async for event in stream_run(work, {})]
    assert [e.event for e in events] == ["progress", "error"]
    assert events[-1].data == {"status": 503, "detail": ANY, "retry_after": RETRY_AFTER_S}
    assert "retry" in events[-1].data["detail"]
