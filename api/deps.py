"""What every endpoint needs: the graph runner and its services, who is calling, the thread they own, its report."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import Depends, HTTPException, Path, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from graph.analysis import latest_report
from graph.runner import Runner
from mulakat.models import Report
from mulakat.services import Services
from mulakat.storage import tracing
from mulakat.storage.auth import AuthError, Candidate, Integrator, integrator_active, integrator_for_key, read_token
from mulakat.storage.auth import signing_key as load_signing_key
from mulakat.storage.settings import Settings
from mulakat.storage.threads import owns


def runner(request: Request) -> Runner:
    return request.app.state.runner  # type: ignore[no-any-return]


RunnerDep = Annotated[Runner, Depends(runner)]


def services(request: Request) -> Services:
    return runner(request).services


ServicesDep = Annotated[Services, Depends(services)]


def app_settings(request: Request) -> Settings:
    """The settings this app was made with (CORS, demo), which tests vary per app."""
    return request.app.state.settings  # type: ignore[no-any-return]


SettingsDep = Annotated[Settings, Depends(app_settings)]

_integrator_key = HTTPBearer(
    scheme_name="IntegratorKey",
    description="An integrator API key (mk_...), from `mulakat keys create`. Server to server only.",
    auto_error=False,
)
_candidate_token = HTTPBearer(
    scheme_name="CandidateToken",
    description="A short-lived candidate token minted with POST /v1/tokens; the widget holds only this.",
    auto_error=False,
)

_UNAUTHORIZED = {"WWW-Authenticate": "Bearer"}


async def signing_key(svc: ServicesDep) -> str:
    if svc.token_key is None:  # read once per process; every replica reads the same row
        configured = svc.settings.token_secret.get_secret_value() if svc.settings.token_secret else None
        svc.token_key = await load_signing_key(svc.pool, configured)
    return svc.token_key


async def integrator(
    svc: ServicesDep, creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_integrator_key)]
) -> Integrator:
    if creds is None:
        raise HTTPException(401, "send an integrator key: Authorization: Bearer mk_...", headers=_UNAUTHORIZED)
    try:
        return await integrator_for_key(svc.pool, creds.credentials)
    except AuthError as exc:
        raise HTTPException(401, str(exc), headers=_UNAUTHORIZED) from exc


async def candidate(
    svc: ServicesDep,
    key: Annotated[str, Depends(signing_key)],
    creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_candidate_token)],
) -> Candidate:
    if creds is None:
        raise HTTPException(401, "send a candidate token: Authorization: Bearer <token>", headers=_UNAUTHORIZED)
    try:
        who = read_token(key, creds.credentials)
    except AuthError as exc:
        raise HTTPException(401, str(exc), headers=_UNAUTHORIZED) from exc
    if not await integrator_active(svc.pool, who.integrator_id):
        raise HTTPException(401, "the site's key behind this token was revoked", headers=_UNAUTHORIZED)
    tracing.CANDIDATE.set(who.id)  # runs this request starts are traced as this candidate's
    return who


IntegratorDep = Annotated[Integrator, Depends(integrator)]
CandidateDep = Annotated[Candidate, Depends(candidate)]
SigningKeyDep = Annotated[str, Depends(signing_key)]


async def owned_thread(
    svc: ServicesDep,
    who: CandidateDep,
    thread_id: Annotated[str, Path(min_length=1, max_length=100, pattern=r"^[\w-]+$")],
) -> str:
    """The thread id, if the caller owns it. Someone else's thread looks exactly like a missing one."""
    if not await owns(svc.pool, thread_id, who.id):
        raise HTTPException(404, f"no thread {thread_id}")
    return thread_id


OwnedThread = Annotated[str, Depends(owned_thread)]


async def thread_report(runner: RunnerDep, thread_id: OwnedThread) -> Report:
    """The latest analysis on a thread the caller owns; 404 when the thread has none yet."""
    report = await latest_report(runner, thread_id)
    if report is None:
        raise HTTPException(404, f"no analysis on thread {thread_id}")
    return report


ThreadReport = Annotated[Report, Depends(thread_report)]


def token_ttl(svc: Services, seconds: int | None) -> timedelta:
    return timedelta(seconds=seconds or svc.settings.token_ttl_s)
