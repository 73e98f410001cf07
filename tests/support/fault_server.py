"""A local OpenAI-compatible Chat Completions server whose answers a test scripts, one fault per request.

The real ChatOpenAI client talks to it over HTTP, so its own retries, timeouts and parsing are exercised.
Each structured-output request is told apart by its schema's name (the json_schema or tool name), so a
test can make the grading call hang while the analysis calls succeed. Every request is recorded with its
arrival time, so a test can check that retries happened and backed off.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from contextlib import suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal

FaultKind = Literal["good", "rate_limit", "server_error", "hang", "malformed", "off_schema"]

# Valid JSON that fits none of our schemas: every one of them wants a list in `items` or `points`.
OFF_SCHEMA: dict[str, Any] = {"items": 7, "points": "all of them"}


@dataclass(frozen=True)
class Fault:
    kind: FaultKind
    payload: dict[str, Any] = field(default_factory=dict)
    """For "good": the structured answer the model gives."""
    retry_after_s: int = 1
    """For "rate_limit": what the Retry-After header asks the client to wait."""


GOOD = Fault("good")
RATE_LIMIT = Fault("rate_limit")
SERVER_ERROR = Fault("server_error")
HANG = Fault("hang")
MALFORMED = Fault("malformed")
OFF = Fault("off_schema")


@dataclass(frozen=True)
class Seen:
    at: float
    """time.monotonic() when the request arrived."""
    schema: str | None
    fault: FaultKind


class FaultServer:
    """Start with `with FaultServer() as server:`; point the client at `server.url`."""

    def __init__(self, hang_s: float = 60.0) -> None:
        self.hang_s = hang_s
        self._scripts: dict[str | None, deque[Fault]] = {}
        self._default: dict[str | None, Fault] = {}
        self._seen: list[Seen] = []
        self._changed = threading.Condition()
        self._released = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="fault-server", daemon=True)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def __enter__(self) -> FaultServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._released.set()  # hung handlers give up at once
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def script(self, schema: str | None, *faults: Fault, then: Fault = GOOD) -> None:
        """Answer the next requests for `schema` (None: any schema without a script) with `faults`, then `then`."""
        with self._changed:
            self._scripts[schema] = deque(faults)
            self._default[schema] = then

    def reset(self) -> None:
        with self._changed:
            self._scripts.clear()
            self._default.clear()
            self._seen.clear()

    def seen(self, schema: str | None = None) -> list[Seen]:
        """Requests so far, oldest first; only those for `schema` when given."""
        with self._changed:
            return [s for s in self._seen if schema is None or s.schema == schema]

    def wait_for(self, schema: str, fault: FaultKind = "hang", timeout_s: float = 60.0) -> None:
        """Block until a request for `schema` got `fault` (for a hang: the client is now waiting on it)."""

        def arrived() -> bool:
            return any(s.schema == schema and s.fault == fault for s in self._seen)

        with self._changed:
            if not self._changed.wait_for(arrived, timeout_s):
                raise TimeoutError(f"no request for {schema} got {fault} in {timeout_s} s")

    def _next_fault(self, schema: str | None) -> Fault:
        with self._changed:
            key = schema if schema in self._scripts else None
            queue = self._scripts.get(key)
            fault = queue.popleft() if queue else self._default.get(key, GOOD)
            self._seen.append(Seen(time.monotonic(), schema, fault.kind))
            self._changed.notify_all()
            return fault

    def _hang(self) -> None:
        self._released.wait(self.hang_s)


def schema_name(body: dict[str, Any]) -> str | None:
    """The structured-output schema a request asks for: by response_format, or by its one tool."""
    response_format = body.get("response_format") or {}
    if response_format.get("type") == "json_schema":
        return str(response_format["json_schema"]["name"])
    tools = body.get("tools") or []
    return str(tools[0]["function"]["name"]) if tools else None


def completion(body: dict[str, Any], answer: dict[str, Any]) -> dict[str, Any]:
    """A Chat Completions response carrying `answer` the way the request asked for it."""
    name = schema_name(body)
    arguments = json.dumps(answer)
    if body.get("tools"):
        message: dict[str, Any] = {
            "role": "assistant",
            "content": None,
            "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": name, "arguments": arguments}}],
        }
        finish = "tool_calls"
    else:
        message, finish = {"role": "assistant", "content": arguments}, "stop"
    return {
        "id": "chatcmpl-fault",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "fake"),
        "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def _handler_for(server: FaultServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
            return

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            body = json.loads(self.rfile.read(length) or b"{}")
            if body.get("stream"):
                self._send(400, {"error": {"message": "the fault server does not stream"}})
                return
            fault = server._next_fault(schema_name(body))
            if fault.kind == "good":
                self._send(200, completion(body, fault.payload))
            elif fault.kind == "rate_limit":
                self._send(429, {"error": {"message": "slow down", "type": "rate_limit"}}, fault.retry_after_s)
            elif fault.kind == "server_error":
                self._send(500, {"error": {"message": "boom", "type": "server_error"}})
            elif fault.kind == "hang":
                server._hang()
                # The client has timed out and hung up by now; writing to it then fails, as expected.
                with suppress(BrokenPipeError, ConnectionResetError):
                    self._send(500, {"error": {"message": "hung"}})
            elif fault.kind == "malformed":
                self._send_raw(200, b'{"id": "chatcmpl-fault", "choices": [{"message": ')
            else:
                self._send(200, completion(body, OFF_SCHEMA))

        def _send(self, status: int, payload: dict[str, Any], retry_after_s: int | None = None) -> None:
            headers = {"Retry-After": str(retry_after_s)} if retry_after_s is not None else {}
            self._send_raw(status, json.dumps(payload).encode(), headers)

        def _send_raw(self, status: int, data: bytes, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

    return Handler
