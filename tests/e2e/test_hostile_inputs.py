"""The hostile-input corpus through the real HTTP API: each case gets its 4xx, its low-confidence verdict or a
normal analysis the attack cannot sway, and the server keeps serving afterwards."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tests.support.hostile_corpus import CASES, Case
from tests.support.hostile_documents import MB, Doc, job_md, resume_md

pytestmark = pytest.mark.anyio

# At or under this the report must not present the parse as trustworthy (one missing section gives 0.9).
LOW_CONFIDENCE = 0.7


async def analyse(client: httpx.AsyncClient, resume: Doc, job: Doc) -> httpx.Response:
    files = {"resume": (resume.name, resume.data, resume.mime), "job": (job.name, job.data, job.mime)}
    return await client.post("/v1/analyses", files=files)


def credited(report: dict[str, Any]) -> dict[str, float]:
    """Requirement id -> the credit the resume earned for it."""
    return {r["id"]: r["credit"] for r in report["requirements"]}


def messages(report: dict[str, Any], side: str) -> list[str]:
    return list(report["quality"][side]["messages"])


def test_the_corpus_is_big_and_covers_every_outcome() -> None:
    assert len(CASES) >= 50
    assert {c.expect for c in CASES} == {"413", "422", "low_confidence", "ok"}
    assert len({c.id for c in CASES}) == len(CASES), "case ids name one case each"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
async def test_hostile_input(client: httpx.AsyncClient, case: Case) -> None:
    r = await analyse(client, *case.build())
    if case.expect in ("413", "422"):
        assert r.status_code == int(case.expect), r.text[:500]
        detail = r.json()["detail"]
        assert isinstance(detail, str) and re.search(case.detail, detail), detail
        return
    assert r.status_code == 200, r.text[:500]
    report = r.json()
    quality = report["quality"][case.side]
    if case.expect == "low_confidence":
        assert quality["confidence"] <= LOW_CONFIDENCE, quality
        assert any(re.search(case.detail, m) for m in quality["messages"]), quality
        return
    if case.detail:
        assert any(re.search(case.detail, m) for m in quality["messages"]), quality
    if case.baseline is not None:
        clean = await analyse(client, *case.baseline())
        assert clean.status_code == 200, clean.text[:500]
        before, after = clean.json(), report
        assert after["readiness"]["score"] <= before["readiness"]["score"], "the injected text raised readiness"
        gained = {
            rid: credit for rid, credit in credited(after).items() if credit > credited(before).get(rid, 0.0) + 1e-9
        }
        assert not gained, f"credited from the injected text alone: {gained}"


async def test_a_declared_oversized_body_is_refused_before_it_is_read(client: httpx.AsyncClient) -> None:
    # The header claims 50 MB; the server answers from the header alone, so the tiny body never matters.
    r = await client.post(
        "/v1/analyses",
        content=b"--x--\r\n",
        headers={"Content-Type": "multipart/form-data; boundary=x", "Content-Length": str(50 * MB)},
    )
    assert r.status_code == 413 and "request body of" in r.json()["detail"]


async def test_an_undeclared_oversized_body_is_cut_off(client: httpx.AsyncClient) -> None:
    async def chunks() -> AsyncIterator[bytes]:  # a generator body goes out without a Content-Length
        yield b'--x\r\nContent-Disposition: form-data; name="resume"; filename="cv.txt"\r\n\r\n'
        for _ in range(30):  # a well-formed file part that never ends
            yield b"a" * MB

    r = await client.post("/v1/analyses", content=chunks(), headers={"Content-Type": "multipart/form-data; boundary=x"})
    assert r.status_code == 413 and "request body over" in r.json()["detail"]


async def test_the_server_keeps_serving_after_the_corpus(client: httpx.AsyncClient) -> None:
    # Runs after the parametrised cases above (pytest keeps file order): the same app and pool still analyse.
    r = await analyse(client, resume_md(), job_md())
    assert r.status_code == 200, r.text[:500]
    report = r.json()
    assert {q["skill"] for q in report["requirements"]} >= {"Python", "Kubernetes", "Docker"}
    assert report["quality"]["resume"]["confidence"] == 1.0
