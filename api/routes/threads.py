"""A candidate's threads: list, read, progress, delete."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from pydantic import BaseModel

from api.deps import CandidateDep, OwnedThread, RunnerDep, ServicesDep, ThreadReport
from graph.practice import ProgressData, progress
from mulakat.models import Report
from mulakat.storage.threads import ThreadSummary, delete_thread, list_threads

router = APIRouter(prefix="/v1/threads", tags=["threads"])

_NOT_YOURS: dict[int | str, dict[str, Any]] = {
    401: {"description": "No or invalid candidate token"},
    404: {"description": "No such thread, or not yours"},
}


class ThreadList(BaseModel):
    threads: list[ThreadSummary]


@router.get("", response_model=ThreadList, responses={401: _NOT_YOURS[401]})
async def get_threads(svc: ServicesDep, who: CandidateDep) -> ThreadList:
    """Your threads, most recently used first: where to resume."""
    return ThreadList(threads=await list_threads(svc.pool, who.id))


@router.get("/{thread_id}", response_model=Report, responses=_NOT_YOURS)
async def get_thread(report: ThreadReport) -> Report:
    """The latest analysis on a thread, from its checkpoint."""
    return report


@router.delete("/{thread_id}", status_code=204, responses=_NOT_YOURS)
async def remove_thread(thread_id: OwnedThread, svc: ServicesDep) -> Response:
    """Delete the thread and everything kept for it: checkpoints, resume passages, analyses, answers, feedback."""
    await delete_thread(svc.pool, svc.checkpointer, thread_id)
    return Response(status_code=204)


@router.get("/{thread_id}/progress", response_model=ProgressData, responses=_NOT_YOURS)
async def get_progress(thread_id: OwnedThread, runner: RunnerDep) -> ProgressData:
    """Readiness over time, mastery per skill, and what to do next."""
    return await progress(runner, thread_id)
