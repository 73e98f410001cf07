"""The calling candidate as a whole: delete-my-data."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import CandidateDep, ServicesDep
from mulakat.storage.retention import Deleted, forget_candidate

router = APIRouter(prefix="/v1", tags=["me"])


@router.delete("/me", response_model=Deleted, responses={401: {"description": "No or invalid candidate token"}})
async def forget_me(svc: ServicesDep, who: CandidateDep) -> Deleted:
    """Delete everything kept for you: every thread with its checkpoints, resume passages, analyses,
    answers and feedback, in one transaction. The reply lists the threads and the rows deleted per table."""
    return await forget_candidate(svc.pool, who.id)
