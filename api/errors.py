"""One mapping from what went wrong to an HTTP status: the app's exception handler and streamed errors both use it."""

from __future__ import annotations

from fastapi import HTTPException

from mulakat.parsing import DocumentError
from mulakat.practice_run import NoAnalysis, NothingWaiting, PracticeError
from mulakat.schedule import ScheduleError


def status_and_detail(exc: BaseException) -> tuple[int, str]:
    if isinstance(exc, HTTPException):
        return exc.status_code, str(exc.detail)
    if isinstance(exc, NoAnalysis):
        return 404, str(exc)
    if isinstance(exc, NothingWaiting):  # includes Busy: another step holds the thread
        return 409, str(exc)
    if isinstance(exc, DocumentError | ScheduleError | PracticeError):
        return 422, str(exc)
    return 500, "internal error; the thread keeps its last checkpoint, so try again"
