"""Thumbs up or down on any output: kept for evals, and attached to the LangSmith run when tracing is on."""

from __future__ import annotations

import asyncio
import logging
import uuid
from typing import Literal

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, Field

from api.deps import CandidateDep, ServicesDep
from mulakat.storage.threads import mark_traced, owns, record_feedback

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1", tags=["feedback"])


class FeedbackIn(BaseModel):
    """A thumbs up or down on one output, with an optional comment."""

    thread_id: str
    target: str = Field(
        pattern=r"^(analysis|readiness|plan|requirement:[\w.:-]{1,80}|turn:\d{1,6})$",
        description="What is rated: analysis, readiness, plan, requirement:<id> or turn:<n>.",
        examples=["turn:3"],
    )
    rating: Literal["up", "down"]
    comment: str | None = Field(default=None, max_length=2000)


class FeedbackOut(BaseModel):
    id: int
    run_id: uuid.UUID | None
    traced: bool


def _send_to_langsmith(run_id: uuid.UUID, feedback: FeedbackIn) -> bool:
    from langsmith import Client, utils

    if not utils.tracing_is_enabled():
        return False
    Client().create_feedback(
        run_id, key="user_rating", score=1 if feedback.rating == "up" else 0, comment=feedback.comment
    )
    return True


@router.post(
    "/feedback",
    response_model=FeedbackOut,
    status_code=201,
    responses={401: {"description": "No or invalid candidate token"}, 404: {"description": "Not your thread"}},
)
async def post_feedback(body: FeedbackIn, svc: ServicesDep, who: CandidateDep) -> FeedbackOut:
    """Rate an output of one of your threads: the analysis, the readiness, the plan, a requirement or a turn."""
    if not await owns(svc.pool, body.thread_id, who.id):
        raise HTTPException(404, f"no thread {body.thread_id}")
    feedback_id, run_id = await record_feedback(
        svc.pool, who.id, thread_id=body.thread_id, target=body.target, rating=body.rating, comment=body.comment
    )
    traced = False
    if run_id is not None:
        try:
            traced = await asyncio.to_thread(_send_to_langsmith, run_id, body)
        except Exception:  # stored either way; LangSmith being down must not lose the rating
            log.warning("could not send feedback %s to LangSmith", feedback_id, exc_info=True)
        if traced:
            await mark_traced(svc.pool, feedback_id)
    return FeedbackOut(id=feedback_id, run_id=run_id, traced=traced)
