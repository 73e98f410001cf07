"""Scale-out: two `mulakat serve` processes on one PostgreSQL behind a round-robin, as replicas behind a
load balancer run.

A candidate's token, analysis, report and practice turns alternate between the two processes, so every
step reads what the other process wrote: nothing may be lost or doubled, and both end with the same
readiness. Then both processes are sent the same answer at the same moment, turn after turn: the
per-thread lock lives in PostgreSQL, so exactly one is taken and the other gets 409, across processes.
If state (checkpoints, the signing key, the lock) were kept per process, these tests would fail.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest

from mulakat.packs.loader import rubric_of
from mulakat.services import Services
from mulakat.storage.auth import create_integrator
from tests.support.network import free_port, wait_for_health
from tests.support.paths import ROOT
from tests.support.samples import JOB, RESUME

pytestmark = pytest.mark.anyio

START_TIMEOUT_S = 120  # loading the embedding model and taxonomy dominates; far less on a warm machine
GOAL = 4  # answers in a session: enough for each process to take several turns


class Replica:
    """`mulakat serve` in a subprocess on the given database, with only our MULAKAT_* settings."""

    def __init__(self, name: str, database_url: str, workdir: Path) -> None:
        self.name = name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.workdir = workdir
        self.log_path = workdir / f"{name}.log"
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("MULAKAT_")}
        self.env.update(
            MULAKAT_DATABASE_URL=database_url,  # the one thing the replicas share
            MULAKAT_DATA_DIR=str(workdir),
            # This checkout's code, whatever the environment has installed.
            PYTHONPATH=os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p),
        )
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("wb") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "mulakat", "serve", "--host", "127.0.0.1", "--port", str(self.port)],
                cwd=self.workdir,  # no .env from the checkout
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def log(self) -> str:
        return self.log_path.read_text()[-3000:] if self.log_path.exists() else ""

    def wait_ready(self, deadline: float) -> None:
        assert self.proc is not None
        wait_for_health(self.proc, self.url, deadline, f"replica {self.name}", self.log)

    def stop(self) -> int | None:
        """SIGTERM, as an orchestrator scales a replica down; kill only if it does not exit in time."""
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else None
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None


@pytest.fixture(scope="module")
def replicas(services: Services, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Replica, Replica]]:
    """Two replicas on the session's PostgreSQL (already migrated and synced by the `services` fixture)."""
    workdir = tmp_path_factory.mktemp("replicas")
    pair = (Replica("a", services.database_url, workdir / "a"), Replica("b", services.database_url, workdir / "b"))
    try:
        for replica in pair:  # started together, as a deployment starts its replicas
            replica.start()
        deadline = time.monotonic() + START_TIMEOUT_S
        for replica in pair:
            replica.wait_ready(deadline)
        yield pair
    finally:
        for replica in pair:
            replica.stop()


class RoundRobin:
    """The smallest load balancer: each request goes to the next replica in turn, and which one is recorded."""

    def __init__(self, clients: Sequence[httpx.AsyncClient]) -> None:
        self._next = itertools.cycle(clients)
        self.served_by: list[str] = []

    async def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        client = next(self._next)
        self.served_by.append(str(client.base_url))
        return await client.request(method, path, **kwargs)


def client_of(replica: Replica, token: str | None = None) -> httpx.AsyncClient:
    headers = {"Authorization": f"Bearer {token}"} if token else None
    return httpx.AsyncClient(base_url=replica.url, headers=headers, timeout=60)


async def candidate_token(services: Services, via: Replica) -> str:
    """A candidate token minted over HTTP with a fresh integrator key, as an embedding site gets one."""
    _, key = await create_integrator(services.pool, "replica test site")
    async with client_of(via, key) as site:
        r = await site.post("/v1/tokens", json={"candidate": "visitor-1"})
    assert r.status_code == 200, r.text
    return str(r.json()["token"])


def good_answer(question: dict[str, Any]) -> dict[str, Any]:
    """An answer that covers the question's rubric, tied to the question so a stale one is refused."""
    return {"text": " ".join(f"{p}." for p in rubric_of(question["text"])), "question_id": question["id"]}


async def rows(services: Services, sql: str, thread: str) -> list[tuple[Any, ...]]:
    async with services.pool.connection() as conn:
        cur = await conn.execute(sql, (thread,))
        return list(await cur.fetchall())


async def test_analysis_and_practice_alternating_between_replicas_lose_and_double_nothing(
    services: Services, replicas: tuple[Replica, Replica]
) -> None:
    a, b = replicas
    token = await candidate_token(services, via=b)  # minted by one replica, accepted by both
    async with client_of(a, token) as on_a, client_of(b, token) as on_b:
        lb = RoundRobin([on_a, on_b])
        files = {"resume": ("resume.md", RESUME.encode()), "job": ("job.md", JOB.encode())}
        analysed = await lb.request("POST", "/v1/analyses", files=files)
        assert analysed.status_code == 200, analysed.text
        thread = analysed.json()["thread_id"]
        report = await lb.request("GET", f"/v1/threads/{thread}")
        assert report.status_code == 200, report.text
        assert report.json()["readiness"] == analysed.json()["readiness"]

        view = await lb.request("POST", f"/v1/threads/{thread}/practice", json={"goal": GOAL})
        assert view.status_code == 200, view.text
        asked: list[str] = []
        while not view.json()["done"]:
            question = view.json()["question"]
            asked.append(question["id"])
            view = await lb.request("POST", f"/v1/threads/{thread}/practice/answers", json=good_answer(question))
            assert view.status_code == 200, view.text
            assert view.json()["answered"] == len(asked), "each answer counted once, by whichever replica took it"
        assert len(asked) == GOAL and len(set(asked)) == GOAL, "no question asked twice"
        assert set(lb.served_by) == {a.url, b.url}
        assert all(x != y for x, y in itertools.pairwise(lb.served_by)), "the replicas took turns"

        # Each replica, asked directly, tells the same story.
        seen = [
            {
                "practice": (await c.get(f"/v1/threads/{thread}/practice")).json(),
                "progress": (await c.get(f"/v1/threads/{thread}/progress")).json(),
            }
            for c in (on_a, on_b)
        ]
    assert seen[0] == seen[1]
    assert seen[0]["practice"]["answered"] == GOAL and seen[0]["practice"]["readiness"] == view.json()["readiness"]
    assert seen[0]["progress"]["turns"] == GOAL
    in_order = "SELECT turn, question_id FROM practice_turns WHERE thread_id = %s ORDER BY turn"
    turns = await rows(services, in_order, thread)
    assert turns == [(i + 1, q) for i, q in enumerate(asked)], "every answer stored once, in order"
    assert len(await rows(services, "SELECT 1 FROM analyses WHERE thread_id = %s", thread)) == 1


async def test_the_same_answer_sent_to_both_replicas_at_once_is_taken_once(
    services: Services, replicas: tuple[Replica, Replica]
) -> None:
    a, b = replicas
    token = await candidate_token(services, via=a)
    async with client_of(a, token) as on_a, client_of(b, token) as on_b:
        analysed = await on_a.post("/v1/analyses", json={"resume": RESUME, "job": JOB})
        assert analysed.status_code == 200, analysed.text
        thread = analysed.json()["thread_id"]
        view = await on_b.post(f"/v1/threads/{thread}/practice", json={"goal": GOAL})
        assert view.status_code == 200, view.text
        path = f"/v1/threads/{thread}/practice/answers"
        for turn in range(1, GOAL + 1):  # a race on every turn: one lost race would be enough to show a fault
            answer = good_answer(view.json()["question"])
            both = await asyncio.gather(on_a.post(path, json=answer), on_b.post(path, json=answer))
            statuses = sorted(r.status_code for r in both)
            assert statuses == [200, 409], [r.text for r in both]
            view = next(r for r in both if r.status_code == 200)
            assert view.json()["answered"] == turn
        assert view.json()["done"]
    turns = await rows(services, "SELECT turn FROM practice_turns WHERE thread_id = %s ORDER BY turn", thread)
    assert [t for (t,) in turns] == list(range(1, GOAL + 1)), "each raced answer was stored exactly once"


def test_replicas_stop_cleanly_on_sigterm(replicas: tuple[Replica, Replica]) -> None:
    """Scaling down sends SIGTERM: uvicorn finishes its shutdown (pools closed) before the process exits.

    Last in the module, since it stops the replicas the tests above share."""
    for replica in replicas:
        code = replica.stop()
        assert code is not None, f"replica {replica.name} had to be killed:\n{replica.log()}"
        assert "Application shutdown complete" in replica.log(), replica.log()
