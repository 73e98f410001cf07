"""Analyses: a resume and a job posting in (files or text), a readiness report out, plain or streamed."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.sse import EventSourceResponse, ServerSentEvent
from pydantic import BaseModel, Field, ValidationError
from starlette.datastructures import UploadFile  # what request.form() yields
from starlette.types import Message, Receive

from api.deps import CandidateDep, RunnerDep, ServicesDep
from api.errors import UNPROCESSABLE
from api.sse import stream_run
from graph.analysis import check_options, check_upload, run_analysis
from graph.state import AnalysisOptions, Upload
from graph.streaming import ANALYSIS_LABELS, NodeListener
from mulakat.models import Report
from mulakat.storage.threads import owns

router = APIRouter(prefix="/v1", tags=["analyses"])


class TextAnalysis(BaseModel):
    """Pasted documents. Markdown is fine; headings help find sections."""

    resume: str = Field(min_length=1, examples=["## Experience\nBackend engineer (2020 - Present): Python, Docker"])
    job: str = Field(min_length=1, examples=["## Requirements\n- 3+ years of Kubernetes\n- Docker"])
    thread_id: str | None = Field(default=None, description="Update this thread of yours instead of starting one.")
    interview_date: str | None = Field(default=None, description="YYYY-MM-DD: schedule the plan before it.")
    hours_per_day: float = Field(default=2.0, gt=0, le=16, description="Study hours per day for the schedule.")


_FORM_SCHEMA = {
    "type": "object",
    "required": ["resume", "job"],
    "properties": {
        "resume": {"type": "string", "format": "binary"},
        "job": {"type": "string", "format": "binary"},
        "thread_id": {"type": "string"},
        "interview_date": {"type": "string", "format": "date"},
        "hours_per_day": {"type": "number"},
    },
}
_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {"schema": _FORM_SCHEMA},
            "application/json": {"schema": TextAnalysis.model_json_schema()},
        },
    }
}
_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "No or invalid candidate token"},
    404: {"description": "thread_id is not one of yours"},
    413: {"description": "Document too large"},
    422: {**UNPROCESSABLE, "description": "Unreadable document or bad option"},
}


@dataclass
class AnalysisRequest:
    resume: Upload
    job: Upload
    thread_id: str
    options: AnalysisOptions


# Room for the multipart boundaries, part headers and the small option fields around the two documents.
_ENVELOPE_BYTES = 64 * 1024
# Pasted text arrives JSON-escaped: "\u00e7" is 6 characters for a 2-byte letter, so allow 3x per document.
_JSON_ESCAPE_FACTOR = 3


def _body_cap(request: Request, limit: int) -> int:
    """The most a valid request body can hold: two documents at the limit plus their envelope."""
    is_form = request.headers.get("content-type", "").startswith("multipart/form-data")
    return 2 * limit * (1 if is_form else _JSON_ESCAPE_FACTOR) + _ENVELOPE_BYTES


class _CappedReceive:
    """Counts body bytes as they arrive and stops at the cap: covers bodies that send no Content-Length."""

    def __init__(self, receive: Receive, cap: int) -> None:
        self._receive, self._cap, self._seen = receive, cap, 0

    async def __call__(self) -> Message:
        message = await self._receive()
        if message["type"] == "http.request":
            self._seen += len(message.get("body", b""))
            if self._seen > self._cap:
                raise HTTPException(
                    413,
                    f"request body over {self._cap} bytes; each document may have at most "
                    f"{(self._cap - _ENVELOPE_BYTES) // 2} bytes",
                )
        return message


def _capped(request: Request, limit: int) -> Request:
    """The request, refused with 413 up front if it says it is too big, and cut off if it grows too big."""
    cap = _body_cap(request, limit)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:  # refused before a byte of the body is read
        raise HTTPException(413, f"request body of {declared} bytes is over the {cap}-byte limit for two documents")
    return Request(request.scope, _CappedReceive(request.receive, cap))


async def _read(upload: UploadFile, limit: int) -> Upload:
    # Read one byte past the limit so an oversized file is refused without buffering all of it.
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise HTTPException(413, f"{upload.filename}: larger than the {limit}-byte limit")
    return {"name": upload.filename or "upload.txt", "data": data}


def _options(interview_date: str | None, hours_per_day: float) -> AnalysisOptions:
    return {"interview_date": interview_date, "hours_per_day": hours_per_day} if interview_date else {}


async def _parse(request: Request, svc: ServicesDep, who: CandidateDep) -> AnalysisRequest:
    """Read and check everything before any work, so bad input is a 4xx and not a broken stream."""
    limit = svc.settings.max_upload_bytes
    request = _capped(request, limit)
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        # Two documents and a few options; more parts are refused by the parser (400) before they are spooled.
        form = await request.form(max_files=2, max_fields=8)
        resume, job = form.get("resume"), form.get("job")
        if not isinstance(resume, UploadFile) or not isinstance(job, UploadFile):
            raise HTTPException(422, "send two files, fields 'resume' and 'job'")
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        try:
            hours = float(fields.get("hours_per_day", 2.0))
        except ValueError as exc:
            raise HTTPException(422, "hours_per_day must be a number") from exc
        parsed = AnalysisRequest(
            await _read(resume, limit),
            await _read(job, limit),
            fields.get("thread_id") or "",
            _options(fields.get("interview_date"), hours),
        )
    else:
        try:
            body = TextAnalysis.model_validate_json(await request.body())
        except ValidationError as exc:
            raise HTTPException(422, exc.errors(include_url=False, include_context=False, include_input=False)) from exc
        parsed = AnalysisRequest(
            {"name": "resume.md", "data": body.resume.encode()},
            {"name": "job.md", "data": body.job.encode()},
            body.thread_id or "",
            _options(body.interview_date, body.hours_per_day),
        )
    if parsed.thread_id and not await owns(svc.pool, parsed.thread_id, who.id):
        raise HTTPException(404, f"no thread {parsed.thread_id}")
    for upload in (parsed.resume, parsed.job):
        if len(upload["data"]) > limit:  # pasted text; files were cut off while reading
            raise HTTPException(413, f"{upload['name']}: larger than the {limit}-byte limit")
    for upload in (parsed.resume, parsed.job):
        check_upload(upload, limit)  # a DocumentError or ScheduleError is a 422 through the app's handler
    parsed.options = check_options(parsed.options)
    parsed.thread_id = parsed.thread_id or str(uuid.uuid4())  # new threads get ids no one can guess
    return parsed


async def _analyse(runner: RunnerDep, who: CandidateDep, req: AnalysisRequest, on_node: NodeListener | None) -> Report:
    return await run_analysis(
        runner, req.resume, req.job, req.thread_id, req.options, candidate_id=who.id, on_node=on_node
    )


# A dependency, so it runs before a streamed response has sent its 200.
ParsedAnalysis = Annotated[AnalysisRequest, Depends(_parse)]


@router.post("/analyses", response_model=Report, openapi_extra=_BODY, responses=_ERRORS)
async def create_analysis(runner: RunnerDep, who: CandidateDep, req: ParsedAnalysis) -> Report:
    """Analyse a resume against a job posting: multipart files `resume` + `job`, or JSON text."""
    return await _analyse(runner, who, req, None)


@router.post("/analyses/stream", response_class=EventSourceResponse, openapi_extra=_BODY, responses=_ERRORS)
async def stream_analysis(runner: RunnerDep, who: CandidateDep, req: ParsedAnalysis) -> AsyncIterator[ServerSentEvent]:
    """The same analysis as server-sent events: `thread` (its id) first, a `progress` event as each step
    finishes (`node`, `label`), then `result` (the report) or `error` (`status`, `detail`)."""

    async def work(on_node: NodeListener) -> Report:
        return await _analyse(runner, who, req, on_node)

    async for event in stream_run(
        work, ANALYSIS_LABELS, ServerSentEvent(event="thread", data={"thread_id": req.thread_id})
    ):
        yield event
