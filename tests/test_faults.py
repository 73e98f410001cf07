"""Infrastructure faults: PostgreSQL restarting under the API, and the API server killed mid-run.

PostgreSQL restart: a PostgreSQL of this test's own (the session's shared one must stay up) is stopped
under an in-process API, which then answers 503 with Retry-After, and serves again once PostgreSQL is
back, with the same app object and pool.
SIGKILL: a uvicorn subprocess on the session's PostgreSQL is killed while a chat-model call it waits on
hangs (tests/fault_server.py), restarted, and the database is counted: no run is lost or doubled.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver

from api.app import create_app
from api.errors import RETRY_AFTER_S
from mulakat.db import embedded_server, make_pool, migrate
from mulakat.services import Services
from tests.test_api import candidate_headers
from tests.test_core import JOB, RESUME
from tools.stores import KNOWLEDGE_COLUMNS, KNOWLEDGE_TABLE, RESUME_COLUMNS, RESUME_TABLE, engine_on_pool, open_store

pytestmark = pytest.mark.anyio

POOL_TIMEOUT_S = 2.0  # how long a request waits for a connection before it is told to retry


@pytest.fixture
def own_postgres(tmp_path: Path) -> Iterator[Any]:
    """An embedded PostgreSQL for this test alone, stopped at the end."""
    server = embedded_server(tmp_path)
    with server:
        yield server


@contextlib.asynccontextmanager
async def services_on(url: str, base: Services) -> AsyncIterator[Services]:
    """The session's services (models, taxonomy, embeddings) over a pool on another PostgreSQL.

    Its knowledge table stays empty: embedding the packs again would cost minutes and prove nothing here.
    """
    pool = make_pool(url, 4, timeout_s=POOL_TIMEOUT_S)
    locks = make_pool(url, 4, timeout_s=POOL_TIMEOUT_S)
    await pool.open(wait=True, timeout=30)
    await locks.open(wait=True, timeout=30)
    try:
        await migrate(pool)
        checkpointer = AsyncPostgresSaver(pool, serde=base.checkpointer.serde)  # type: ignore[arg-type]
        await checkpointer.setup()
        engine = engine_on_pool(pool)
        dims = len(await base.embeddings.aembed_query("dims"))
        knowledge = await open_store(engine, pool, KNOWLEDGE_TABLE, base.embeddings, dims, KNOWLEDGE_COLUMNS)
        resumes = await open_store(engine, pool, RESUME_TABLE, base.embeddings, dims, RESUME_COLUMNS)
        yield dataclasses.replace(
            base,
            database_url=url,
            embedded=False,
            pool=pool,
            locks=locks,
            checkpointer=checkpointer,
            engine=engine,
            knowledge=knowledge,
            resumes=resumes,
            question_skills=frozenset(),
            token_key=None,
        )
    finally:
        await locks.close()
        await pool.close()


async def test_postgres_restart_gives_503_then_recovers_without_an_app_restart(
    own_postgres: Any, services: Services
) -> None:
    async with services_on(str(own_postgres.get_uri()), services) as svc:
        app = create_app(svc.settings)
        app.state.services = svc
        headers = await candidate_headers(svc)
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test", headers=headers) as client:
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
