"""Tracing offline: LangSmith's client posts to a local HTTP server, and we read what it would have sent.

The run tree must be readable (graph, then nodes, then tools) and filterable (thread, candidate, mode,
version), and no email, phone number or name from the resume may appear anywhere in the payloads.
"""

from __future__ import annotations

import email
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from langsmith import utils as ls_utils

from graph.analysis import run_analysis
from graph.practice import answer_question, start_practice
from graph.runner import Runner
from mulakat.practice.session import Answer
from mulakat.storage import tracing
from tests.support.paths import SAMPLES

pytestmark = pytest.mark.anyio

PERSONAL = ["deniz.aksoy@example.com", "555 010 2030", "Deniz Aksoy", "Aksoy"]


@dataclass
class Captured:
    bodies: list[tuple[str, bytes]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def parts(self) -> list[tuple[str, str]]:
        """(part name, decoded text) of every multipart part posted so far."""
        out = []
        with self.lock:
            bodies = list(self.bodies)
        for content_type, body in bodies:
            if not content_type.startswith("multipart/"):
                out.append(("json", body.decode("utf-8", "replace")))
                continue
            message = email.message_from_bytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
            for part in message.walk():
                if part.is_multipart():
                    continue
                payload = part.get_payload(decode=True) or b""
                out.append((part.get_param("name", header="content-disposition") or "", payload.decode()))
        return out

    def runs(self) -> dict[str, dict[str, Any]]:
        """Runs by id, with their core fields, inputs, outputs and extra merged from posts and patches."""
        runs: dict[str, dict[str, Any]] = {}
        for name, text in self.parts():
            bits = name.split(".")
            if len(bits) < 2 or bits[0] not in ("post", "patch"):
                continue
            run = runs.setdefault(bits[1], {})
            value = json.loads(text)
            if len(bits) == 2:
                run.update(value)
            else:
                run[bits[2]] = value
        return runs


@pytest.fixture
def langsmith_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Captured]:
    captured = Captured()

    class Handler(BaseHTTPRequestHandler):
        def _reply(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b"{}")  # a partial /info would kill the sender thread: send nothing

        def do_GET(self) -> None:
            self._reply()

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            with captured.lock:
                captured.bodies.append((self.headers.get("Content-Type", ""), body))
            self._reply()

        do_PATCH = do_POST

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    for key, value in {
        "LANGSMITH_TRACING": "true",
        "LANGSMITH_ENDPOINT": f"http://127.0.0.1:{server.server_address[1]}",
        "LANGSMITH_API_KEY": "offline-test",
        "LANGSMITH_PROJECT": "mulakat-tests",
        "LANGSMITH_DISABLE_RUN_COMPRESSION": "true",
    }.items():
        monkeypatch.setenv(key, value)
    ls_utils.get_env_var.cache_clear()  # LangSmith caches env reads; ours must be seen
    tracing.client.cache_clear()
    try:
        yield captured
    finally:
        server.shutdown()
        tracing.client.cache_clear()
        monkeypatch.undo()
        ls_utils.get_env_var.cache_clear()


async def _analyse_and_practise(runner: Runner, thread: str) -> None:
    resume = {"name": "resume.md", "data": (SAMPLES / "resume.md").read_bytes()}
    job = {"name": "job.md", "data": (SAMPLES / "job.md").read_bytes()}
    await run_analysis(runner, resume, job, thread, candidate_id="cand_tracing")  # type: ignore[arg-type]
    token = tracing.CANDIDATE.set("cand_tracing")
    try:
        view = await start_practice(runner, thread, goal=2)
        assert view.question is not None
        # An answer with personal data in it, as candidates do write.
        text = f"{' '.join(view.question.rubric)} Mail me at deniz.aksoy@example.com or +90 555 010 2030."
        await answer_question(runner, thread, Answer(text=text, question_id=view.question.id))
    finally:
        tracing.CANDIDATE.reset(token)
    tracing.client(runner.services.settings.trace_redaction).flush()


async def test_trace_tree_metadata_and_redaction(runner: Runner, langsmith_server: Captured) -> None:
    assert (SAMPLES / "resume.md").read_text().count("deniz.aksoy@example.com") == 1, "the sample carries PII"
    await _analyse_and_practise(runner, "trace-thread")
    runs = langsmith_server.runs()
    by_name: dict[str, list[dict[str, Any]]] = {}
    for run in runs.values():
        by_name.setdefault(run.get("name", ""), []).append(run)
    analysis, practices = by_name["mulakat.analysis"][0], by_name["mulakat.practice"]
    assert len(practices) == 2, "a run to ask the first question, and one to grade the answer and ask the next"
    for root in (analysis, *practices):
        assert root.get("parent_run_id") is None
        meta = root["extra"]["metadata"]
        assert meta["thread_id"] == "trace-thread" and meta["candidate"] == "cand_tracing"
        assert meta["app_version"] and meta["mode"] == "deterministic"
        assert "mode:deterministic" in root["tags"] and any(t.startswith("version:") for t in root["tags"])

    def children(parent: dict[str, Any]) -> set[str]:
        pid = next(i for i, r in runs.items() if r is parent)
        return {r["name"] for r in runs.values() if r.get("parent_run_id") == pid}

    assert {"analyzer", "evaluator", "feedback", "guidance"} <= children(analysis)
    assert {"next_question", "ask"} <= children(practices[0])
    assert {"ask", "grade_answer", "answer_feedback", "next_question"} <= children(practices[1])
    tools = {r["name"] for r in runs.values() if r.get("run_type") == "tool"}
    assert {"search_resume", "search_knowledge"} <= tools, tools

    payload = "\n".join(text for _, text in langsmith_server.parts())
    assert "trace-thread" in payload, "the capture holds the real payloads"
    leaked = [p for p in PERSONAL if p in payload]
    assert leaked == [], f"personal data reached the trace: {leaked}"
    assert "[email]" in payload and "[phone]" in payload, "the answer's email and phone were replaced"
    assert "[document text:" in payload or "[file:" in payload, "documents are traced as their size"


async def test_without_redaction_the_same_trace_leaks(runner: Runner, langsmith_server: Captured) -> None:
    """The check above can fail: with redaction off, the answer's email and phone are in the payloads.

    (The resume's own text no longer is: the state holds references to the documents, not their text.)
    """
    runner.services.settings.trace_redaction = False
    try:
        await _analyse_and_practise(runner, "trace-thread-open")
    finally:
        runner.services.settings.trace_redaction = True
    payload = "\n".join(text for _, text in langsmith_server.parts())
    assert "deniz.aksoy@example.com" in payload and "555 010 2030" in payload
