"""The HTTP API over the same runner (real PostgreSQL)."""

from __future__ import annotations

import httpx
import pytest

from mulakat.packs.loader import rubric_of
from tests.support.paths import SAMPLES
from tests.support.samples import JOB, RESUME

pytestmark = pytest.mark.anyio


async def test_health(client: httpx.AsyncClient) -> None:
    r = await client.get("/health")
    assert r.status_code == 200 and r.json()["status"] == "ok" and r.json()["mode"] == "deterministic"


async def test_multipart_analysis_then_thread_state(client: httpx.AsyncClient) -> None:
    files = {
        "resume": ("resume.md", (SAMPLES / "resume.md").read_bytes(), "text/markdown"),
        "job": ("job.md", (SAMPLES / "job.md").read_bytes(), "text/markdown"),
    }
    r = await client.post("/v1/analyses", files=files)
    assert r.status_code == 200, r.text
    report = r.json()
    assert {q["skill"] for q in report["requirements"]} >= {"Python", "Kubernetes", "Docker"}
    state = await client.get(f"/v1/threads/{report['thread_id']}")
    assert state.status_code == 200
    assert state.json()["readiness"] == report["readiness"]


async def test_json_analysis_then_a_rerun_on_the_same_thread(client: httpx.AsyncClient) -> None:
    r = await client.post("/v1/analyses", json={"resume": RESUME, "job": JOB})
    assert r.status_code == 200, r.text
    kube = next(q for q in r.json()["requirements"] if q["skill"] == "Kubernetes")
    assert kube["status"] == "partial"
    thread = r.json()["thread_id"]
    again = await client.post("/v1/analyses", json={"resume": RESUME, "job": JOB, "thread_id": thread})
    assert again.status_code == 200 and again.json()["thread_id"] == thread
    assert again.json()["runs_on_thread"] == 2
    invented = await client.post("/v1/analyses", json={"resume": RESUME, "job": JOB, "thread_id": "made-up"})
    assert invented.status_code == 404, "a client cannot pick a thread id it does not own"


async def test_a_failed_rerun_leaves_the_thread_as_it_was(client: httpx.AsyncClient) -> None:
    r = await client.post("/v1/analyses", json={"resume": RESUME, "job": JOB})
    thread = r.json()["thread_id"]
    unreadable = await client.post("/v1/analyses", json={"resume": "#", "job": JOB, "thread_id": thread})
    assert unreadable.status_code == 422, unreadable.text
    kept = await client.get(f"/v1/threads/{thread}")
    assert kept.status_code == 200 and kept.json()["readiness"] == r.json()["readiness"]
    practice = await client.post(f"/v1/threads/{thread}/practice", json={"goal": 2})
    assert practice.status_code == 200, practice.text


async def test_errors_are_clear(client: httpx.AsyncClient) -> None:
    missing = await client.get("/v1/threads/no-such-thread")
    assert missing.status_code == 404
    wrong_type = await client.post(
        "/v1/analyses",
        files={"resume": ("cv.exe", b"MZ", "application/octet-stream"), "job": ("j.md", b"x", "text/plain")},
    )
    assert wrong_type.status_code == 422 and "unsupported file type" in wrong_type.json()["detail"]
    empty = await client.post("/v1/analyses", json={"resume": "", "job": "Python"})
    assert empty.status_code == 422
    too_big = await client.post(
        "/v1/analyses",
        files={
            "resume": ("cv.txt", b"a" * (11 * 1024 * 1024), "text/plain"),
            "job": ("j.md", b"x", "text/plain"),
        },
    )
    assert too_big.status_code == 413
    pasted = await client.post("/v1/analyses", json={"resume": "a " * (6 * 1024 * 1024), "job": "Python"})
    assert pasted.status_code == 413 and "limit" in pasted.json()["detail"]
    nul = await client.post("/v1/analyses", json={"resume": RESUME, "job": JOB, "thread_id": "a\u0000b"})
    assert nul.status_code == 422 and "NUL" in nul.json()["detail"], nul.text
    # Found by the fuzzer: a body that is not JSON at all used to echo its bytes into the detail, and fail (500).
    for path in ("/v1/analyses", "/v1/analyses/stream"):
        garbled = await client.post(path, content=b"\x00\xff", headers={"Content-Type": "application/json"})
        assert garbled.status_code == 422 and garbled.json()["detail"][0]["type"] == "json_invalid"


async def test_openapi_documents_both_request_forms(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/openapi.json")).json()
    body = spec["paths"]["/v1/analyses"]["post"]["requestBody"]["content"]
    assert {"multipart/form-data", "application/json"} <= set(body)


async def test_schedule_options_through_the_api(client: httpx.AsyncClient) -> None:
    ok = await client.post(
        "/v1/analyses", json={"resume": RESUME, "job": JOB, "interview_date": "2099-01-10", "hours_per_day": 4}
    )
    assert ok.status_code == 200, ok.text
    assert ok.json()["schedule"]["hours_per_day"] == 4
    bad = await client.post("/v1/analyses", json={"resume": RESUME, "job": JOB, "interview_date": "tomorrow"})
    assert bad.status_code == 422 and "not a date" in bad.json()["detail"]


async def test_practice_over_http(client: httpx.AsyncClient) -> None:
    missing = await client.post("/v1/threads/nobody-here/practice", json={"goal": 2})
    assert missing.status_code == 404
    analysis = await client.post("/v1/analyses", json={"resume": RESUME, "job": JOB})
    thread = analysis.json()["thread_id"]
    started = await client.post(f"/v1/threads/{thread}/practice", json={"goal": 2})
    assert started.status_code == 200, started.text
    question = started.json()["question"]
    assert "rubric" not in question and started.json()["done"] is False, "the answer key stays on the server"
    stale = await client.post(f"/v1/threads/{thread}/practice/answers", json={"text": "x", "question_id": "old"})
    assert stale.status_code == 409
    answer = " ".join(f"{p}." for p in rubric_of(question["text"]))
    graded = await client.post(
        f"/v1/threads/{thread}/practice/answers", json={"text": answer, "question_id": question["id"]}
    )
    assert graded.status_code == 200 and graded.json()["last_grade"]["score"] >= 60
    assert graded.json()["question"]["id"] != question["id"]
    again = await client.post(
        f"/v1/threads/{thread}/practice/answers", json={"text": answer, "question_id": question["id"]}
    )
    assert again.status_code == 409, "a repeated answer to a question already graded is refused, not misfiled"
    too_long = await client.post(f"/v1/threads/{thread}/practice/answers", json={"text": "x" * 20_001})
    assert too_long.status_code == 422
    progress = await client.get(f"/v1/threads/{thread}/progress")
    assert progress.status_code == 200 and progress.json()["turns"] == 1
    assert [p["label"] for p in progress.json()["points"]] == ["analysis", "practice 1"]
