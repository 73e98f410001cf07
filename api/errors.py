"""One mapping from what went wrong to an HTTP status: the app's exception handler and streamed errors both use it."""

from __future__ import annotations

from typing import Any

import psycopg
import sqlalchemy.exc
from fastapi import HTTPException
from psycopg_pool import PoolTimeout
from pydantic import BaseModel

from graph.practice import NoAnalysis, NothingWaiting, PracticeError
from mulakat.documents.parsing import DocumentError
from mulakat.planning.schedule import ScheduleError


class ErrorMessage(BaseModel):
    """Every error body: a sentence saying what went wrong, or FastAPI's list of invalid fields."""

    detail: str | list[dict[str, Any]]


# A 422 is either kind: a document or option refused by our checks, or a request that fails its schema.
# Always JSON, also from streaming routes, since refusals come before the stream starts.
UNPROCESSABLE: dict[str, Any] = {"content": {"application/json": {"schema": ErrorMessage.model_json_schema()}}}

RETRY_AFTER_S = 5
"""What a 503 asks the caller to wait: about as long as a PostgreSQL restart takes."""

# PostgreSQL unreachable or the connection dropped (restart, failover, network): transient, so a 503.
# OperationalError also covers a server shutting down mid-query; PoolTimeout is "no connection in time".
# SQLAlchemy (the vector store) wraps both in its own OperationalError.
DATABASE_UNAVAILABLE: tuple[type[Exception], ...] = (
    psycopg.OperationalError,
    PoolTimeout,
    sqlalchemy.exc.OperationalError,
)


def database_unavailable(exc: BaseException) -> bool:
    """True when exc, or an error it was raised from, says the database could not be reached."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, DATABASE_UNAVAILABLE):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def status_and_detail(exc: BaseException) -> tuple[int, str]:
    if isinstance(exc, HTTPException):
        return exc.status_code, str(exc.detail)
    if isinstance(exc, NoAnalysis):
        return 404, str(exc)
    if isinstance(exc, NothingWaiting):  # includes Busy: another step holds the thread
        return 409, str(exc)
    if isinstance(exc, DocumentError | ScheduleError | PracticeError):
        return 422, str(exc)
    if isinstance(exc, psycopg.DataError):  # input the database cannot store, e.g. a NUL in a thread id
        return 422, f"a value in the request cannot be stored: {str(exc).splitlines()[0]}"
    if database_unavailable(exc):
        return 503, (
            f"the database is unavailable for a moment; retry in {RETRY_AFTER_S} s "
            "(the thread keeps its last checkpoint, so nothing is lost)"
        )
    return 500, "internal error; the thread keeps its last checkpoint, so try again"


def error_headers(status: int) -> dict[str, str]:
    """Headers that go with an error status: a 503 says when to retry."""
    return {"Retry-After": str(RETRY_AFTER_S)} if status == 503 else {}
