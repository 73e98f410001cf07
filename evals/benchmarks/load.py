"""Load on loopback: many candidates practising against one server process, as the widget would drive it.

Each simulated candidate has its own token and analysed thread, answers the waiting question, then
"thinks" before the next answer (people type answers; nobody answers back to back). A closed-loop row
with no thinking shows the server's capacity. Everything is bounded: a fixed number of turns per
candidate and a deadline per level.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx

from evals.benchmarks.answers import GATED, simulated_answer
from evals.benchmarks.latency import _percentile
from evals.quality.recruiter_docs import posting_ids, upload_of, vanetik_ids
from mulakat.packs.loader import rubric_of
from mulakat.storage.auth import create_integrator, mint_token, signing_key
from mulakat.storage.db import make_pool
from mulakat.storage.embedded import start_embedded
from mulakat.storage.settings import Settings

LEVELS = (10, 50, 100)
TURNS = 3
THINK_S = (5.0, 15.0)
DEADLINE_S = 240.0


@dataclass
class Server:
    url: str
    pid: int
    cold_start_s: float


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serve(settings: Settings) -> Iterator[Server]:
    """One `uvicorn api.app:app` process on a free loopback port, stopped on exit."""
    port = _free_port()
    env = {**os.environ, "MULAKAT_DATA_DIR": str(settings.data_dir)}
    if settings.database_url:
        env["MULAKAT_DATABASE_URL"] = settings.database_url
    started = time.perf_counter()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "api.app:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"the server exited with {proc.returncode} before answering /health")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            if time.perf_counter() - started > 180:
                raise RuntimeError("the server did not answer /health within 180 s")
            time.sleep(0.1)
        yield Server(url=url, pid=proc.pid, cold_start_s=time.perf_counter() - started)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def cpu_s(pid: int) -> float:
    """User + system CPU seconds the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@dataclass
class Candidate:
    index: int
    headers: dict[str, str]
    documents: tuple[str, str] | None = None  # (CV id, posting id); None: the shipped samples
    thread: str = ""
    view: dict[str, Any] = field(default_factory=dict)
    turns: int = 0


async def _tokens(settings: Settings, count: int) -> list[dict[str, str]]:
    pool = make_pool(settings.database_url or start_embedded(settings.data_dir), 2)
    await pool.open(wait=True)
    try:
        site, _ = await create_integrator(pool, "load benchmark")
        secret = settings.token_secret.get_secret_value() if settings.token_secret else None
        key = await signing_key(pool, secret)
    finally:
        await pool.close()
    tokens = [mint_token(key, site.id, f"load-{i}", timedelta(hours=2))[0] for i in range(count)]
    return [{"Authorization": f"Bearer {t}"} for t in tokens]


def _rubric(question_text: str) -> list[str]:
    """The shipped rubric of a question (the API keeps the answer key to itself); none for a question without."""
    try:
        return rubric_of(question_text)
    except KeyError:
        return []


def documents(count: int) -> list[tuple[str, str]]:
    """(CV, posting) ids per candidate: Vanetik's DOCX CVs against SkillSpan dev postings, no pair twice.

    35 CVs and 58 postings: pairing candidate i with CV i mod 35 and posting i mod 58 repeats a pair only
    after 2,030 candidates. A new server process has an empty embedding cache, so every run reads them anew.
    """
    cvs, postings = vanetik_ids(), posting_ids()
    if not cvs or not postings:
        return []
    return [(cvs[i % len(cvs)], postings[i % len(postings)]) for i in range(count)]


async def _prepare(client: httpx.AsyncClient, cand: Candidate, samples: Path) -> None:
    if cand.documents is None:  # no shared data: the shipped samples, as text
        body = {"resume": (samples / "resume.md").read_text(), "job": (samples / "job.md").read_text()}
        r = await client.post("/v1/analyses", json=body, headers=cand.headers)
    else:  # the candidate's own DOCX CV and posting, uploaded as files as the widget would send them
        files = {"resume": upload_of(cand.documents[0]), "job": upload_of(cand.documents[1])}
        r = await client.post("/v1/analyses", files=files, headers=cand.headers)
    r.raise_for_status()
    cand.thread = r.json()["thread_id"]
    r = await client.post(f"/v1/threads/{cand.thread}/practice", json={"goal": 100}, headers=cand.headers)
    r.raise_for_status()
    cand.view = r.json()


@dataclass
class Tally:
    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    verdicts: list[str] = field(default_factory=list)
    no_question: int = 0  # turns a candidate could not take: not an error of the server


async def _practise(
    client: httpx.AsyncClient,
    cand: Candidate,
    turns: int,
    think: tuple[float, float],
    rng: random.Random,
    tally: Tally,
) -> None:
    for _ in range(turns):
        await asyncio.sleep(rng.uniform(*think))
        question = cand.view.get("question")
        if not question:  # the analysis left no gap with a question, or the session ran out of them
            tally.no_question += 1
            continue
        # Turn numbers run on across levels, so no candidate sends the same answer twice.
        cand.turns += 1
        _, text = simulated_answer(question["text"], _rubric(question["text"]), cand.index, cand.turns)
        started = time.perf_counter()
        try:
            r = await client.post(
                f"/v1/threads/{cand.thread}/practice/answers",
                json={"text": text, "question_id": question["id"]},
                headers=cand.headers,
            )
        except httpx.HTTPError as exc:
            tally.errors.append(type(exc).__name__)
            continue
        tally.times.append((time.perf_counter() - started) * 1000)
        if r.status_code != 200:
            tally.errors.append(str(r.status_code))
            continue
        cand.view = r.json()
        tally.verdicts.append(str((cand.view.get("last_grade") or {}).get("verdict")))


async def _level(
    client: httpx.AsyncClient, cands: list[Candidate], turns: int, think: tuple[float, float], pid: int | None = None
) -> list[str]:
    tally = Tally()
    rng = random.Random(len(cands))
    cpu_before = cpu_s(pid) if pid else 0.0
    started = time.perf_counter()
    jobs = [_practise(client, c, turns, think, rng, tally) for c in cands]
    try:
        await asyncio.wait_for(asyncio.gather(*jobs), DEADLINE_S)
    except TimeoutError:
        tally.errors += ["deadline"] * (len(cands) * turns - len(tally.times) - len(tally.errors) - tally.no_question)
    wall = time.perf_counter() - started
    times, errors = tally.times, tally.errors
    cpu_per_turn = (cpu_s(pid) - cpu_before) * 1000 / len(times) if pid and times else None
    gated = sum(v in GATED for v in tally.verdicts) / len(tally.verdicts) if tally.verdicts else 0.0
    return [
        str(len(cands)),
        f"{think[0]:.0f}-{think[1]:.0f}" if think[1] else "0 (closed loop)",
        str(len(times)),
        str(len(errors)),
        str(tally.no_question),
        f"{statistics.median(times):.0f}" if times else "-",
        f"{_percentile(times, 0.95):.0f}" if times else "-",
        f"{max(times):.0f}" if times else "-",
        f"{len(times) / wall:.1f}",
        f"{cpu_per_turn:.0f}" if cpu_per_turn is not None else "-",
        f"{gated:.2f}",
    ]


async def load_tables(
    settings: Settings,
    samples: Path,
    levels: tuple[int, ...] = LEVELS,
    turns: int = TURNS,
    think: tuple[float, float] = THINK_S,
) -> tuple[list[list[str]], list[list[str]]]:
    with serve(settings) as server:
        headers = await _tokens(settings, max(levels))
        pairs = documents(len(headers))
        cands = [Candidate(i, h, pairs[i] if pairs else None) for i, h in enumerate(headers)]
        limits = httpx.Limits(max_connections=max(levels) + 10, max_keepalive_connections=max(levels) + 10)
        async with httpx.AsyncClient(base_url=server.url, timeout=60, limits=limits) as client:
            setup = asyncio.Semaphore(4)

            async def prepare(c: Candidate) -> None:
                async with setup:
                    await _prepare(client, c, samples)

            await asyncio.gather(*(prepare(c) for c in cands))
            rss_idle = rss_mb(server.pid)
            rows = [await _level(client, cands[:10], 5, (0.0, 0.0), server.pid)]
            for level in levels:
                rows.append(await _level(client, cands[:level], turns, think, server.pid))
        server_rows = [
            ["server cold start (process start to /health answering)", f"{server.cold_start_s:.1f} s"],
            [f"server RSS after setting up {max(levels)} candidates", f"{rss_idle:.0f} MB"],
            ["server RSS after the load", f"{rss_mb(server.pid):.0f} MB"],
        ]
    return rows, server_rows
