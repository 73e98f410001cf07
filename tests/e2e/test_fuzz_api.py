"""Fuzz every operation of the OpenAPI schema in-process: whatever a caller sends, the server answers without a 5xx.

Each operation is fuzzed twice: as its rightful caller (an integrator key for /v1/tokens, a candidate token for
the rest, with the candidate's own thread swapped in for half the thread ids so the fuzzer gets past the 404)
and as no one. Examples are generated from the schema by schemathesis, valid and invalid, under a fixed seed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

import httpx
import pytest
import requests
import schemathesis
from anyio.from_thread import BlockingPortal, start_blocking_portal
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import APIOperation, Case, CheckContext, GenerationMode, Response
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from api.app import create_app
from graph.runner import Runner, open_runner
from mulakat.storage.auth import create_integrator
from mulakat.storage.settings import Settings
from tests.support.api import sse_events
from tests.support.samples import JOB, RESUME

APP = create_app(Settings(_env_file=None))  # type: ignore[call-arg]
SPEC = APP.openapi()
SCHEMA = schemathesis.openapi.from_dict(SPEC)
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]

BASE_URL = "http://fuzz"
EXAMPLES_AS_CALLER = 40
EXAMPLES_ANONYMOUS = 15


@dataclass(frozen=True)
class Callers:
    integrator_key: str
    candidate_token: str
    thread_id: str


def stream_server_errors(body: str) -> list[Any]:
    """The `error` events of a streamed body that report a 5xx."""
    return [data for event, data in sse_events(body) if event == "error" and data["status"] >= 500]


def stream_error_is_not_a_server_error(ctx: CheckContext, response: Response, case: Case) -> bool | None:
    """A streamed run has sent its 200 before it fails, so a server error shows up as an `error` event."""
    if not response.headers.get("content-type", [""])[0].startswith("text/event-stream"):
        return None
    failed = stream_server_errors(response.text)
    assert not failed, f"the stream ended with a server error: {failed}"
    return True


CHECKS = [not_a_server_error, stream_error_is_not_a_server_error, response_schema_conformance, content_type_conformance]


@dataclass(frozen=True)
class Server:
    """The app in-process on an event loop of its own, which hypothesis's synchronous examples call into."""

    portal: BlockingPortal
    client: httpx.AsyncClient

    def send(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        return self.portal.call(partial(self.client.request, method, url, **kwargs))


@pytest.fixture(scope="module")
def server(settings: Settings) -> Iterator[Server]:
    # Services are opened on the portal's loop, where every request then runs; schemathesis's own ASGI
    # transport would restart the app's lifespan after every test (its pytest plugin ends it on teardown).
    with start_blocking_portal() as portal, portal.wrap_async_context_manager(open_runner(settings)) as runner:
        APP.state.runner = runner
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=APP), base_url=BASE_URL)
        with portal.wrap_async_context_manager(client):
            yield Server(portal, client)


@pytest.fixture(scope="module")
def callers(server: Server) -> Callers:
    runner: Runner = APP.state.runner
    _, key = server.portal.call(create_integrator, runner.services.pool, "fuzzing site")
    token = server.send("POST", "/v1/tokens", json={"candidate": "fuzzer"}, headers={"Authorization": f"Bearer {key}"})
    assert token.status_code == 200, token.text
    auth = {"Authorization": f"Bearer {token.json()['token']}"}
    analysed = server.send("POST", "/v1/analyses", json={"resume": RESUME, "job": JOB}, headers=auth)
    assert analysed.status_code == 200, analysed.text
    return Callers(key, token.json()["token"], analysed.json()["thread_id"])


def _security(operation: APIOperation) -> set[str]:
    entry = SPEC["paths"][operation.path][operation.method.lower()]
    return {name for requirement in entry.get("security", []) for name in requirement}


def _credentials(operation: APIOperation, who: Callers) -> dict[str, str]:
    schemes = _security(operation)
    if "IntegratorKey" in schemes:
        return {"Authorization": f"Bearer {who.integrator_key}"}
    if "CandidateToken" in schemes:
        return {"Authorization": f"Bearer {who.candidate_token}"}
    return {}


def _cases(operation: APIOperation) -> st.SearchStrategy[Case]:
    return st.one_of(
        operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
        operation.as_strategy(generation_mode=GenerationMode.NEGATIVE),
    )


def _own_thread(case: Case, who: Callers, swap: bool) -> None:
    """Point the case at the caller's thread, except for DELETE, which would end the fuzzing of everything else."""
    if not swap or case.operation.method.upper() == "DELETE":
        return
    if "thread_id" in (case.path_parameters or {}):
        case.path_parameters["thread_id"] = who.thread_id  # type: ignore[index]
    if isinstance(case.body, dict) and "thread_id" in case.body:
        case.body["thread_id"] = who.thread_id


def _send_and_check(server: Server, case: Case, headers: dict[str, str]) -> None:
    # requests prepares the bytes schemathesis meant to send (multipart included); httpx delivers them in-process.
    wire = requests.Request(**case.as_transport_kwargs(base_url=BASE_URL, headers=headers)).prepare()
    assert wire.method is not None and wire.url is not None
    response = server.send(wire.method, wire.url, headers=dict(wire.headers), content=wire.body)
    case.validate_response(response, checks=CHECKS, headers=headers)


FUZZ_SETTINGS: dict[str, Any] = {
    "deadline": None,  # the first analysis on a cold process is slow; speed is the benchmarks' business
    "derandomize": True,  # the same examples on every run and machine
    "database": None,  # nothing written to .hypothesis in the repository
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
}


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.label)
@settings(max_examples=EXAMPLES_AS_CALLER, **FUZZ_SETTINGS)
@given(data=st.data())
def test_rightful_caller_never_gets_a_server_error(
    operation: APIOperation, server: Server, callers: Callers, data: st.DataObject
) -> None:
    case = data.draw(_cases(operation))
    _own_thread(case, callers, data.draw(st.booleans()))
    _send_and_check(server, case, _credentials(operation, callers))


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.label)
@settings(max_examples=EXAMPLES_ANONYMOUS, **FUZZ_SETTINGS)
@given(data=st.data())
def test_anonymous_caller_never_gets_a_server_error(
    operation: APIOperation, server: Server, callers: Callers, data: st.DataObject
) -> None:
    case = data.draw(_cases(operation))
    _own_thread(case, callers, data.draw(st.booleans()))
    if case.headers:
        case.headers.pop("Authorization", None)  # not even a made-up token
    _send_and_check(server, case, {})


def test_every_operation_is_fuzzed() -> None:
    """An endpoint added later is picked up from the schema, not from a list someone must remember to extend."""
    spec_operations = {(m.upper(), p) for p, item in SPEC["paths"].items() for m in item}
    assert {(op.method.upper(), op.path) for op in OPERATIONS} == spec_operations
    assert len(OPERATIONS) >= 15


def test_a_server_error_inside_a_stream_is_caught() -> None:
    body = (
        'event: progress\ndata: {"node": "ask"}\n\n'
        'event: error\ndata: {"status": 409, "detail": "raced"}\n\n'
        'event: error\ndata: {"status": 500, "detail": "internal error"}\n\n'
    )
    assert stream_server_errors(body) == [{"status": 500, "detail": "internal error"}]
