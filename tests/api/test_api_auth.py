"""Who may call what: integrator keys, candidate tokens, thread isolation, CORS, deletion, streaming, races."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta
from typing import Any

import httpx
import jwt
import pytest

from api.app import app, create_app
from graph.runner import Runner
from mulakat.packs.loader import rubric_of
from mulakat.storage.auth import create_integrator, mint_token, revoke_integrator, signing_key
from mulakat.storage.settings import Settings
from tests.support.api import analysed_thread, asgi_client, candidate_headers, sse_events
from tests.support.samples import JOB, RESUME

pytestmark = pytest.mark.anyio

THREAD_TABLES = (
    "checkpoints",
    "checkpoint_writes",
    "checkpoint_blobs",
    "resume_chunks",
    "analyses",
    "practice_turns",
    "feedback",
    "threads",
)


# Every thread-scoped endpoint, with a body that would be accepted from the owner.
THREAD_CALLS: list[tuple[str, str, dict[str, Any] | None]] = [
    ("GET", "/v1/threads/{t}", None),
    ("DELETE", "/v1/threads/{t}", None),
    ("GET", "/v1/threads/{t}/progress", None),
    ("POST", "/v1/threads/{t}/practice", {"goal": 2}),
    ("GET", "/v1/threads/{t}/practice", None),
    ("POST", "/v1/threads/{t}/practice/answers", {"text": "A service selects pods by label."}),
    ("POST", "/v1/threads/{t}/practice/answers/stream", {"text": "A service selects pods by label."}),
    ("POST", "/v1/threads/{t}/messages", {"text": "What are my gaps?"}),
]
# Candidate endpoints that name their thread in the body instead.
BODY_CALLS: list[tuple[str, str, dict[str, Any]]] = [
    ("POST", "/v1/analyses", {"resume": RESUME, "job": JOB, "thread_id": "{t}"}),
    ("POST", "/v1/analyses/stream", {"resume": RESUME, "job": JOB, "thread_id": "{t}"}),
    ("POST", "/v1/feedback", {"thread_id": "{t}", "target": "analysis", "rating": "up"}),
]
OPEN_PATHS = {"/health", "/widget.js", "/demo", "/demo/token", "/v1/tokens", "/v1/threads"}
# No thread in the path: only ever the caller's own data (tests/integration/test_retention.py checks who is deleted).
OPEN_PATHS |= {"/v1/me"}


def test_no_response_schema_carries_the_answer_key() -> None:
    schemas = app.openapi()["components"]["schemas"]
    asked = schemas["AskedQuestion"]["properties"]
    assert "text" in asked and "rubric" not in asked
    assert schemas["PracticeView"]["properties"]["question"]["anyOf"][0]["$ref"].endswith("/AskedQuestion")


def test_the_matrix_covers_every_endpoint() -> None:
    """A new endpoint must join the matrix below (or be listed as open) before it can land."""
    covered = {path.replace("{t}", "{thread_id}") for _, path, _ in THREAD_CALLS} | {p for _, p, _ in BODY_CALLS}
    routes = set(app.openapi()["paths"])
    assert routes - covered - OPEN_PATHS == set()
    methods = {(m, p.replace("{t}", "{thread_id}")) for m, p, _ in THREAD_CALLS}
    spec = app.openapi()["paths"]
    for path in {p for _, p in methods}:
        assert {m.lower() for m, p in methods if p == path} == set(spec[path]), path


def _with_thread(body: Any, thread: str) -> Any:
    return json.loads(json.dumps(body).replace("{t}", thread)) if body is not None else None


async def test_another_candidate_and_no_one_get_nothing(http: httpx.AsyncClient, runner: Runner) -> None:
    owner, other = await candidate_headers(runner.services.pool), await candidate_headers(runner.services.pool)
    thread = await analysed_thread(http, owner)
    before = (await http.get(f"/v1/threads/{thread}", headers=owner)).json()
    for method, path, body in THREAD_CALLS + BODY_CALLS:
        url, payload = path.replace("{t}", thread), _with_thread(body, thread)
        anonymous = await http.request(method, url, json=payload)
        assert anonymous.status_code == 401, (method, path, anonymous.text)
        assert anonymous.headers["www-authenticate"] == "Bearer"
        stranger = await http.request(method, url, json=payload, headers=other)
        assert stranger.status_code == 404, (method, path, stranger.text)
        assert thread in stranger.json()["detail"], "looks like a missing thread, not a forbidden one"
    listed = (await http.get("/v1/threads", headers=other)).json()["threads"]
    assert listed == [] and (await http.get("/v1/threads")).status_code == 401
    after = await http.get(f"/v1/threads/{thread}", headers=owner)
    assert after.json() == before, "nothing the others sent touched the owner's thread"


async def test_tokens_are_minted_by_a_key_and_checked_every_call(http: httpx.AsyncClient, runner: Runner) -> None:
    integrator, key = await create_integrator(runner.services.pool, "careers.example")
    refused = await http.post("/v1/tokens", json={"candidate": "u1"}, headers={"Authorization": "Bearer mk_nope"})
    assert refused.status_code == 401
    minted = await http.post("/v1/tokens", json={"candidate": "u1"}, headers={"Authorization": f"Bearer {key}"})
    assert minted.status_code == 200, minted.text
    token = minted.json()["token"]
    claims = jwt.decode(token, options={"verify_signature": False})
    assert "u1" not in json.dumps(claims), "the site's user id is not in the token"
    me = {"Authorization": f"Bearer {token}"}
    assert (await http.get("/v1/threads", headers=me)).status_code == 200
    again = await http.post("/v1/tokens", json={"candidate": "u1"}, headers={"Authorization": f"Bearer {key}"})
    assert again.json()["candidate_id"] == minted.json()["candidate_id"], "the same visitor comes back as themself"

    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert (await http.get("/v1/threads", headers={"Authorization": f"Bearer {tampered}"})).status_code == 401
    forged = jwt.encode(
        {"sub": "cand_x", "iss": integrator.id, "aud": "mulakat:candidate", "exp": 4102444800},
        "a-forged-secret-of-more-than-32-bytes",
    )
    assert (await http.get("/v1/threads", headers={"Authorization": f"Bearer {forged}"})).status_code == 401
    signing = await signing_key(runner.services.pool, None)
    expired, _ = mint_token(signing, integrator.id, "u1", timedelta(seconds=-5))
    gone = await http.get("/v1/threads", headers={"Authorization": f"Bearer {expired}"})
    assert gone.status_code == 401 and "expired" in gone.json()["detail"]

    assert await revoke_integrator(runner.services.pool, integrator.id)
    assert (await http.get("/v1/threads", headers=me)).status_code == 401, "revoking a key ends its tokens now"
    assert (
        await http.post("/v1/tokens", json={"candidate": "u2"}, headers={"Authorization": f"Bearer {key}"})
    ).status_code == 401


async def test_two_sites_same_user_id_are_two_candidates(http: httpx.AsyncClient, runner: Runner) -> None:
    a, b = (
        await candidate_headers(runner.services.pool, "user-42"),
        await candidate_headers(runner.services.pool, "user-42"),
    )
    thread = await analysed_thread(http, a)
    assert (await http.get(f"/v1/threads/{thread}", headers=b)).status_code == 404
    assert [t["thread_id"] for t in (await http.get("/v1/threads", headers=a)).json()["threads"]] == [thread]


async def test_demo_tokens_resume_the_same_visitor_and_can_be_turned_off(runner: Runner) -> None:
    demo_app = create_app(Settings(demo=True))
    demo_app.state.runner = runner
    async with asgi_client(demo_app, base_url="http://t") as c:
        first = (await c.post("/demo/token", json={})).json()
        back = (await c.post("/demo/token", json={"visitor": first["visitor"]})).json()
        assert back["candidate_id"] == first["candidate_id"]
        assert (await c.post("/demo/token", json={"visitor": "short"})).status_code == 422
    off = create_app(Settings(demo=False))
    off.state.runner = runner
    async with asgi_client(off, base_url="http://t") as c:
        assert (await c.post("/demo/token", json={})).status_code == 404
        assert (await c.get("/demo")).status_code == 404


async def test_cors_allows_only_configured_origins(runner: Runner) -> None:
    site = create_app(Settings(cors_origins=["https://careers.example"]))
    site.state.runner = runner
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization"}
    async with asgi_client(site, base_url="http://t") as c:
        ok = await c.options("/v1/analyses", headers={"Origin": "https://careers.example", **preflight})
        assert ok.headers.get("access-control-allow-origin") == "https://careers.example"
        evil = await c.options("/v1/analyses", headers={"Origin": "https://evil.example", **preflight})
        assert "access-control-allow-origin" not in evil.headers
        plain = await c.get("/health", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in plain.headers


async def _rows(runner: Runner, thread: str) -> dict[str, int]:
    counts = {}
    async with runner.services.pool.connection() as conn:
        for table in THREAD_TABLES:
            cur = await conn.execute(f"SELECT count(*) FROM {table} WHERE thread_id = %s", (thread,))
            row = await cur.fetchone()
            counts[table] = int(row[0]) if row else -1
    return counts


async def test_delete_leaves_no_row_behind(http: httpx.AsyncClient, runner: Runner) -> None:
    me = await candidate_headers(runner.services.pool)
    keep, doomed = await analysed_thread(http, me), await analysed_thread(http, me)
    for thread in (keep, doomed):
        started = (await http.post(f"/v1/threads/{thread}/practice", json={"goal": 2}, headers=me)).json()
        answer = {"text": " ".join(rubric_of(started["question"]["text"])), "question_id": started["question"]["id"]}
        assert (await http.post(f"/v1/threads/{thread}/practice/answers", json=answer, headers=me)).status_code == 200
        rated = {"thread_id": thread, "target": "turn:1", "rating": "down", "comment": "too easy"}
        assert (await http.post("/v1/feedback", json=rated, headers=me)).status_code == 201
    before, kept = await _rows(runner, doomed), await _rows(runner, keep)
    assert all(before[t] > 0 for t in THREAD_TABLES), before
    assert (await http.delete(f"/v1/threads/{doomed}", headers=me)).status_code == 204
    assert await _rows(runner, doomed) == dict.fromkeys(THREAD_TABLES, 0)
    assert await _rows(runner, keep) == kept, "the other thread is untouched"
    assert (await http.get(f"/v1/threads/{doomed}", headers=me)).status_code == 404
    assert [t["thread_id"] for t in (await http.get("/v1/threads", headers=me)).json()["threads"]] == [keep]


async def test_feedback_is_stored_against_the_run_that_made_the_output(http: httpx.AsyncClient, runner: Runner) -> None:
    me = await candidate_headers(runner.services.pool)
    thread = await analysed_thread(http, me)
    r = await http.post("/v1/feedback", json={"thread_id": thread, "target": "readiness", "rating": "up"}, headers=me)
    assert r.status_code == 201, r.text
    async with runner.services.pool.connection() as conn:
        cur = await conn.execute("SELECT run_id FROM analyses WHERE thread_id = %s", (thread,))
        row = await cur.fetchone()
    assert row is not None and r.json()["run_id"] == str(row[0])
    assert r.json()["traced"] is False, "no LangSmith key here, so nothing was sent"
    bad = await http.post("/v1/feedback", json={"thread_id": thread, "target": "x; drop", "rating": "up"}, headers=me)
    assert bad.status_code == 422


async def test_analysis_streams_each_step_then_the_report(http: httpx.AsyncClient, runner: Runner) -> None:
    me = await candidate_headers(runner.services.pool)
    r = await http.post("/v1/analyses/stream", json={"resume": RESUME, "job": JOB}, headers=me)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
    events = sse_events(r.text)
    names = [e for e, _ in events]
    assert names == ["thread", "progress", "progress", "progress", "progress", "result"], names
    assert [d["node"] for e, d in events if e == "progress"] == ["analyzer", "evaluator", "feedback", "guidance"]
    thread = events[0][1]["thread_id"]
    stored = (await http.get(f"/v1/threads/{thread}", headers=me)).json()
    assert events[-1][1]["readiness"] == stored["readiness"]
    bad = await http.post("/v1/analyses/stream", json={"resume": "", "job": JOB}, headers=me)
    assert bad.status_code == 422, "bad input is refused before the stream starts"


async def test_answer_streams_grading_then_the_next_question(http: httpx.AsyncClient, runner: Runner) -> None:
    me = await candidate_headers(runner.services.pool)
    thread = await analysed_thread(http, me)
    started = (await http.post(f"/v1/threads/{thread}/practice", json={"goal": 3}, headers=me)).json()
    q = started["question"]
    r = await http.post(
        f"/v1/threads/{thread}/practice/answers/stream",
        json={"text": " ".join(rubric_of(q["text"])), "question_id": q["id"]},
        headers=me,
    )
    events = sse_events(r.text)
    assert [d["node"] for e, d in events if e == "progress"] == ["ask", "evaluator", "feedback", "guidance"]
    assert events[-1][0] == "result" and events[-1][1]["turn"] == 1
    assert events[-1][1]["question"]["id"] != q["id"]
    late = await http.post(
        f"/v1/threads/{thread}/practice/answers/stream", json={"text": "again", "question_id": q["id"]}, headers=me
    )
    assert late.status_code == 409 and q["id"] in late.json()["detail"], "a stale answer is refused up front"


async def test_two_answers_at_once_over_http_one_is_taken(http: httpx.AsyncClient, runner: Runner) -> None:
    me = await candidate_headers(runner.services.pool)
    thread = await analysed_thread(http, me)
    q = (await http.post(f"/v1/threads/{thread}/practice", json={"goal": 3}, headers=me)).json()["question"]
    answer = {"text": " ".join(rubric_of(q["text"])), "question_id": q["id"]}
    url = f"/v1/threads/{thread}/practice/answers"
    first, second = await asyncio.gather(
        http.post(url, json=answer, headers=me), http.post(url, json=answer, headers=me)
    )
    assert sorted([first.status_code, second.status_code]) == [200, 409], (first.text, second.text)
    counts = await _rows(runner, thread)
    assert counts["practice_turns"] == 1, "the answer was counted once"
    view = (await http.get(f"/v1/threads/{thread}/practice", headers=me)).json()
    assert view["answered"] == 1 and view["turn"] == 1


async def test_chat_answers_from_the_report_and_drives_practice(http: httpx.AsyncClient, runner: Runner) -> None:
    me = await candidate_headers(runner.services.pool)
    thread = await analysed_thread(http, me)
    report = (await http.get(f"/v1/threads/{thread}", headers=me)).json()

    async def say(text: str) -> dict[str, Any]:
        r = await http.post(f"/v1/threads/{thread}/messages", json={"text": text}, headers=me)
        kind, data = sse_events(r.text)[-1]
        assert kind == "result", data
        return dict(data)

    why = await say("Why is my score so low?")
    assert why["intent"] == "readiness" and f"{report['readiness']['score']}/100" in why["text"]
    gaps = await say("what am I missing")
    gaps_first = sorted(
        (q for q in report["requirements"] if q["status"] != "met"),
        key=lambda q: (q["priority"] != "must", q["credit"]),
    )
    assert (
        gaps["intent"] == "gaps"
        and gaps_first
        and gaps["text"].startswith(f"Your largest gaps first: {gaps_first[0]['skill']} ({gaps_first[0]['priority']}")
    )
    assert gaps["citations"], "a gap reply cites the posting"
    asked = await say("practise")
    question = asked["practice"]["question"]
    assert asked["intent"] == "practice" and question["text"] in asked["text"]
    graded = await say(" ".join(rubric_of(question["text"])))
    assert graded["intent"] == "answer" and graded["practice"]["last_grade"]["score"] >= 60
    stopped = await say("stop")
    assert stopped["intent"] == "stop" and stopped["practice"]["done"] is True
    assert (await say("hello"))["intent"] == "help"


async def test_load_benchmark_counts_every_turn_and_error(http: httpx.AsyncClient, runner: Runner) -> None:
    from evals.benchmarks.load import Candidate, _level, _prepare
    from tests.support.paths import SAMPLES

    cands = [Candidate(i, await candidate_headers(runner.services.pool)) for i in range(3)]
    for c in cands:
        await _prepare(http, c, SAMPLES)
    row = await _level(http, cands, 2, (0.0, 0.0))
    assert row[:5] == ["3", "0 (closed loop)", "6", "0", "0"], row
    assert float(row[5]) > 0 and float(row[6]) >= float(row[5]) and row[9] == "-", "no server pid, no CPU figure"
    assert 0.0 <= float(row[10]) <= 1.0, "the honesty gate's share of the answers"
    async with runner.services.pool.connection() as conn:
        cur = await conn.execute(
            "SELECT count(*) FROM practice_turns WHERE thread_id = ANY(%s)", ([c.thread for c in cands],)
        )
        stored = await cur.fetchone()
    assert stored is not None and stored[0] == 6, "every timed turn was graded and stored once"
    cands[0].headers = {"Authorization": "Bearer expired"}
    assert (await _level(http, cands[:1], 1, (0.0, 0.0)))[3] == "1", "a refused turn is counted as an error"


async def test_feedback_becomes_eval_examples(http: httpx.AsyncClient, runner: Runner) -> None:
    from evals.quality.feedback import feedback_examples, feedback_tables

    me = await candidate_headers(runner.services.pool)
    thread = await analysed_thread(http, me)
    q = (await http.post(f"/v1/threads/{thread}/practice", json={"goal": 3}, headers=me)).json()["question"]
    answer = {"text": "No idea. Write to me at someone@example.com", "question_id": q["id"]}
    assert (await http.post(f"/v1/threads/{thread}/practice/answers", json=answer, headers=me)).status_code == 200
    for target, rating in (("turn:1", "down"), ("readiness", "up"), ("requirement:req-aws", "down")):
        body = {"thread_id": thread, "target": target, "rating": rating, "comment": f"{target} comment"}
        assert (await http.post("/v1/feedback", json=body, headers=me)).status_code == 201
    mine = [e for e in await feedback_examples(runner.services.pool) if e["comment"].endswith(" comment")][-3:]
    turn, readiness, requirement = mine
    assert turn["inputs"]["question"] == q["text"] and turn["outputs"]["verdict"] == "dont_know"
    assert "someone@example.com" not in turn["inputs"]["answer"] and "[email]" in turn["inputs"]["answer"]
    report = (await http.get(f"/v1/threads/{thread}", headers=me)).json()
    assert readiness["outputs"] == {"readiness": report["readiness"]["score"]} and readiness["rating"] == "up"
    assert requirement["kind"] == "requirement" and requirement["rating"] == "down"
    summary, downs = feedback_tables(mine)
    assert summary == [["readiness", "1", "0", "0.00"], ["requirement", "0", "1", "1.00"], ["turn", "0", "1", "1.00"]]
    assert [d[0] for d in downs] == ["turn:1", "requirement:req-aws"]
