"""Calling the HTTP API in-process: clients, candidate identities, an analysed thread, streamed events."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta
from typing import Any

import httpx
from fastapi import FastAPI
from psycopg_pool import AsyncConnectionPool

from mulakat.storage.auth import create_integrator, mint_token, signing_key
from tests.support.samples import JOB, RESUME


def asgi_client(
    app: FastAPI, base_url: str = "http://test", headers: dict[str, str] | None = None, **transport: Any
) -> httpx.AsyncClient:
    """A client that calls the app in this process: no server, no port."""
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app, **transport), base_url=base_url, headers=headers)


async def candidate_headers(pool: AsyncConnectionPool, candidate: str | None = None) -> dict[str, str]:
    """A bearer header for a fresh candidate of a fresh integrator, minted as the API would."""
    integrator, _ = await create_integrator(pool, "test site")
    key = await signing_key(pool, None)
    token, _ = mint_token(key, integrator.id, candidate or uuid.uuid4().hex, timedelta(minutes=10))
    return {"Authorization": f"Bearer {token}"}


async def analysed_thread(http: httpx.AsyncClient, who: dict[str, str]) -> str:
    r = await http.post("/v1/analyses", json={"resume": RESUME, "job": JOB}, headers=who)
    assert r.status_code == 200, r.text
    return str(r.json()["thread_id"])


def sse_events(body: str) -> list[tuple[str, Any]]:
    """Parse a text/event-stream body into (event, decoded data) pairs."""
    events = []
    for block in body.replace("\r\n", "\n").split("\n\n"):
        fields: dict[str, str] = {}
        for line in block.split("\n"):
            name, _, value = line.partition(":")
            if name in ("event", "data"):
                fields[name] = fields.get(name, "") + value.strip()
        if "data" in fields:
            events.append((fields.get("event", "message"), json.loads(fields["data"])))
    return events
