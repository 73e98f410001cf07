"""FastAPI app: thin routes over the graph, candidate auth, CORS, the widget and its demo page."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import psycopg
from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse

from api.deps import ServicesDep
from api.errors import DATABASE_UNAVAILABLE, error_headers, status_and_detail
from api.routes import analyses, chat, feedback, me, practice, threads, tokens, widget
from graph.practice import PracticeError
from graph.runner import open_runner, warm_up_server
from mulakat import __version__
from mulakat.documents.parsing import DocumentError
from mulakat.planning.schedule import ScheduleError
from mulakat.services import close_process_services
from mulakat.storage.settings import Settings, get_settings


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    if getattr(app.state, "runner", None) is not None:  # tests inject their own
        yield
        return
    try:
        async with open_runner(app.state.settings) as runner:
            app.state.runner = runner
            # In the background: /health answers while the readers load.
            warming = asyncio.create_task(asyncio.to_thread(warm_up_server))
            yield
            await warming
    finally:
        # Under langgraph dev the graph's runs opened their own services in this process: close them with the app.
        await close_process_services()


async def _input_error(_: Request, exc: Exception) -> JSONResponse:
    status, detail = status_and_detail(exc)
    return JSONResponse(status_code=status, content={"detail": detail}, headers=error_headers(status))


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(
        title="mulakat",
        version=__version__,
        lifespan=lifespan,
        summary="Interview readiness from a resume and a job posting.",
        description="Integrators mint candidate tokens with their API key (POST /v1/tokens); every other "
        "endpoint takes a candidate token and sees only that candidate's threads.",
    )
    app.state.settings = settings
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type"],
            max_age=600,
        )
    for error in (DocumentError, ScheduleError, PracticeError, psycopg.DataError):
        app.add_exception_handler(error, _input_error)
    for unavailable in DATABASE_UNAVAILABLE:  # PostgreSQL restarting: 503 with Retry-After, not a bare 500
        app.add_exception_handler(unavailable, _input_error)

    @app.get("/health", tags=["ops"])
    async def health(svc: ServicesDep) -> dict[str, Any]:
        async with svc.pool.connection() as conn:
            await conn.execute("SELECT 1")
        return {"status": "ok", "version": __version__, "mode": svc.mode}

    for module in (tokens, analyses, threads, practice, chat, feedback, me, widget):
        app.include_router(module.router)
    return app


app = create_app()
