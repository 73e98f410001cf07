"""A small in-memory LangSmith: enough of datasets, examples, experiments and feedback for `langsmith.evaluate`.

It keeps what a client created so tests can assert on what an eval run would have uploaded.
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from langsmith import utils as ls_utils


def _now() -> str:
    return datetime.now(UTC).isoformat()


@dataclass
class Store:
    datasets: dict[str, dict[str, Any]] = field(default_factory=dict)
    examples: dict[str, dict[str, Any]] = field(default_factory=dict)
    sessions: dict[str, dict[str, Any]] = field(default_factory=dict)
    feedback: list[dict[str, Any]] = field(default_factory=list)
    example_posts: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def _handler(store: Store) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _send(self, body: Any, status: int = 200) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            url = urlparse(self.path)
            query = parse_qs(url.query)
            with store.lock:
                if url.path == "/datasets":
                    names = query.get("name", [])
                    self._send([d for d in store.datasets.values() if not names or d["name"] in names])
                elif url.path == "/examples":
                    wanted = query.get("dataset", [])
                    self._send([e for e in store.examples.values() if not wanted or e["dataset_id"] in wanted])
                elif url.path == "/sessions":
                    self._send([])
                else:  # /info and the rest: an empty answer the client accepts
                    self._send({})

        def do_POST(self) -> None:
            url = urlparse(self.path)
            raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            body = json.loads(raw) if self.headers.get("Content-Type", "").startswith("application/json") else None
            with store.lock:
                if url.path == "/datasets":
                    dataset = {
                        "id": str(uuid.uuid4()),
                        "name": body["name"],
                        "description": body.get("description"),
                        "data_type": "kv",
                        "created_at": _now(),
                        "modified_at": _now(),
                        "tenant_id": str(uuid.uuid4()),
                    }
                    store.datasets[dataset["id"]] = dataset
                    self._send(dataset)
                elif url.path == "/examples/bulk":
                    store.example_posts += 1
                    made = [{**e, "id": str(e["id"]), "created_at": _now(), "modified_at": _now()} for e in body]
                    store.examples.update({e["id"]: e for e in made})
                    self._send(made)
                elif url.path == "/sessions":
                    session = {
                        **body,
                        "id": str(body.get("id") or uuid.uuid4()),
                        "start_time": body.get("start_time") or _now(),
                        "tenant_id": str(uuid.uuid4()),
                        "reference_dataset_id": body.get("reference_dataset_id"),
                    }
                    store.sessions[session["id"]] = session
                    self._send(session)
                elif url.path.startswith("/sessions/"):
                    sid = url.path.split("/")[2]
                    changes = {k: v for k, v in (body or {}).items() if v is not None}
                    store.sessions[sid] = {**store.sessions.get(sid, {}), **changes}
                    self._send(store.sessions[sid])
                elif url.path == "/feedback":
                    store.feedback.append(body)
                    self._send(body)
                else:  # traced runs (multipart) are accepted and not kept
                    self._send({})

        do_PATCH = do_POST

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


@contextmanager
def fake_langsmith(monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """Point LangSmith's client at an in-process server for the duration."""
    store = Store()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(store))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("LANGSMITH_ENDPOINT", f"http://127.0.0.1:{server.server_address[1]}")
    monkeypatch.setenv("LANGSMITH_API_KEY", "offline-test")
    monkeypatch.delenv("LANGSMITH_TRACING", raising=False)
    ls_utils.get_env_var.cache_clear()  # LangSmith caches env reads; ours must be seen
    try:
        yield store
    finally:
        server.shutdown()
        monkeypatch.undo()
        ls_utils.get_env_var.cache_clear()
