"""FastAPI app: health, analyses and thread state. Thin: all work happens in the graph."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse
from langchain_core.runnables import RunnableConfig
from pydantic import BaseModel, Field, ValidationError
from starlette.datastructures import UploadFile  # what request.form() yields

from graph.state import AnalysisOptions, Upload
from mulakat import __version__
from mulakat.analysis import report_from_state, run_analysis
from mulakat.models import Report
from mulakat.parsing import DocumentError
from mulakat.practice import DEFAULT_GOAL, Answer
from mulakat.practice_run import (
    NoAnalysis,
    NothingWaiting,
    PracticeError,
    PracticeView,
    ProgressData,
    answer_question,
    practice_view,
    progress,
    start_practice,
)
from mulakat.schedule import ScheduleError
from mulakat.services import Services, open_services
from mulakat.settings import get_settings


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    if getattr(app.state, "services", None) is not None:  # tests inject their own
        yield
        return
    async with open_services(get_settings()) as services:
        app.state.services = services
        yield


app = FastAPI(
    title="mulakat",
    version=__version__,
    lifespan=lifespan,
    summary="Interview readiness from a resume and a job posting.",
)


def services(request: Request) -> Services:
    return request.app.state.services  # type: ignore[no-any-return]


ServicesDep = Annotated[Services, Depends(services)]


class TextAnalysis(BaseModel):
    """Pasted documents. Markdown is fine; headings help find sections."""

    resume: str = Field(min_length=1, examples=["## Experience\nBackend engineer (2020 - Present): Python, Docker"])
    job: str = Field(min_length=1, examples=["## Requirements\n- 3+ years of Kubernetes\n- Docker"])
    thread_id: str | None = Field(default=None, description="Update this thread instead of starting one.")
    interview_date: str | None = Field(default=None, description="YYYY-MM-DD: schedule the plan before it.")
    hours_per_day: float = Field(default=2.0, gt=0, le=16, description="Study hours per day for the schedule.")


@app.exception_handler(DocumentError)
@app.exception_handler(ScheduleError)
async def input_error(_: Request, exc: ValueError) -> JSONResponse:
    return JSONResponse(status_code=422, content={"detail": str(exc)})


@app.get("/health")
async def health(svc: ServicesDep) -> dict[str, Any]:
    async with svc.pool.connection() as conn:
        await conn.execute("SELECT 1")
    return {"status": "ok", "version": __version__, "mode": svc.mode}


async def _read(upload: UploadFile, limit: int) -> Upload:
    # Read one byte past the limit so an oversized file is refused without buffering all of it.
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise HTTPException(413, f"{upload.filename}: larger than the {limit}-byte limit")
    return {"name": upload.filename or "upload.txt", "data": data}


_ANALYSIS_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
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
            },
            "application/json": {"schema": TextAnalysis.model_json_schema()},
        },
    }
}


@app.post(
    "/v1/analyses",
    response_model=Report,
    openapi_extra=_ANALYSIS_BODY,
    responses={413: {"description": "Document too large"}, 422: {"description": "Unreadable document"}},
)
async def create_analysis(request: Request, svc: ServicesDep) -> Report:
    """Analyse a resume against a job posting: multipart files `resume` + `job`, or JSON text."""
    limit = svc.settings.max_upload_bytes
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        form = await request.form()
        resume, job = form.get("resume"), form.get("job")
        if not isinstance(resume, UploadFile) or not isinstance(job, UploadFile):
            raise HTTPException(422, "send two files, fields 'resume' and 'job'")
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        try:
            options = _options(fields.get("interview_date"), float(fields.get("hours_per_day", 2.0)))
        except ValueError as exc:
            raise HTTPException(422, "hours_per_day must be a number") from exc
        return await run_analysis(
            svc, await _read(resume, limit), await _read(job, limit), fields.get("thread_id"), options
        )
    try:
        body = TextAnalysis.model_validate_json(await request.body())
    except ValidationError as exc:
        raise HTTPException(422, exc.errors(include_url=False, include_context=False)) from exc
    resume_up: Upload = {"name": "resume.md", "data": body.resume.encode()}
    job_up: Upload = {"name": "job.md", "data": body.job.encode()}
    return await run_analysis(svc, resume_up, job_up, body.thread_id, _options(body.interview_date, body.hours_per_day))


def _options(interview_date: str | None, hours_per_day: float) -> AnalysisOptions:
    return {"interview_date": interview_date, "hours_per_day": hours_per_day} if interview_date else {}


@app.get("/v1/threads/{thread_id}", response_model=Report, responses={404: {"description": "No such thread"}})
async def get_thread(thread_id: str, svc: ServicesDep) -> Report:
    """The latest analysis on a thread, from its checkpoint."""
    config: RunnableConfig = {"configurable": {"thread_id": thread_id}}
    snapshot = await svc.graph.aget_state(config)
    if not snapshot.values or "readiness" not in snapshot.values:
        raise HTTPException(404, f"no analysis on thread {thread_id}")
    return report_from_state(thread_id, snapshot.values)


class PracticeStart(BaseModel):
    goal: int = Field(default=DEFAULT_GOAL, ge=1, le=100, description="Answers in a new session.")


_PRACTICE_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": "No analysis on this thread"},
    409: {"description": "No question is waiting for an answer"},
}


def _practice_http_error(exc: PracticeError) -> HTTPException:
    if isinstance(exc, NoAnalysis):
        return HTTPException(404, str(exc))
    if isinstance(exc, NothingWaiting):
        return HTTPException(409, str(exc))
    return HTTPException(422, str(exc))


@app.post("/v1/threads/{thread_id}/practice", response_model=PracticeView, responses=_PRACTICE_ERRORS)
async def post_practice(thread_id: str, body: PracticeStart, svc: ServicesDep) -> PracticeView:
    """Start a practice session, or return the question already waiting on the thread."""
    try:
        return await start_practice(svc, thread_id, body.goal)
    except PracticeError as exc:
        raise _practice_http_error(exc) from exc


@app.get("/v1/threads/{thread_id}/practice", response_model=PracticeView, responses=_PRACTICE_ERRORS)
async def get_practice(thread_id: str, svc: ServicesDep) -> PracticeView:
    """Where the session stands: the waiting question, the last grade and its feedback."""
    try:
        return await practice_view(svc, thread_id)
    except PracticeError as exc:
        raise _practice_http_error(exc) from exc


@app.post("/v1/threads/{thread_id}/practice/answers", response_model=PracticeView, responses=_PRACTICE_ERRORS)
async def post_answer(thread_id: str, body: Answer, svc: ServicesDep) -> PracticeView:
    """Answer the waiting question (or stop): its grade, cited feedback and the next question."""
    try:
        return await answer_question(svc, thread_id, body)
    except PracticeError as exc:
        raise _practice_http_error(exc) from exc


@app.get("/v1/threads/{thread_id}/progress", response_model=ProgressData, responses={404: _PRACTICE_ERRORS[404]})
async def get_progress(thread_id: str, svc: ServicesDep) -> ProgressData:
    """Readiness over time, mastery per skill, and what to do next."""
    try:
        return await progress(svc, thread_id)
    except PracticeError as exc:
        raise _practice_http_error(exc) from exc
