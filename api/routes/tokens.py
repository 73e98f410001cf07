"""Candidate tokens: an integrator's server mints one per visitor; the demo page mints its own."""

from __future__ import annotations

import secrets
from datetime import datetime

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, Field

from api.deps import IntegratorDep, ServicesDep, SettingsDep, SigningKeyDep, token_ttl
from mulakat.storage.auth import ensure_demo_integrator, mint_token

router = APIRouter(tags=["auth"])


class TokenRequest(BaseModel):
    candidate: str = Field(
        min_length=1,
        max_length=200,
        description="Your own id for the visitor; the same id resumes their threads.",
        examples=["user-4711"],
    )
    ttl_seconds: int | None = Field(default=None, ge=60, le=86400, description="Lifetime; default from settings.")


class Token(BaseModel):
    token: str
    candidate_id: str = Field(description="mulakat's opaque id for this candidate (the visitor id is not stored).")
    expires_at: datetime


@router.post("/v1/tokens", response_model=Token, responses={401: {"description": "No or invalid integrator key"}})
async def create_token(body: TokenRequest, svc: ServicesDep, site: IntegratorDep, key: SigningKeyDep) -> Token:
    """Mint a short-lived token for one of your visitors. Call it from your server, never from a browser."""
    token, who = mint_token(key, site.id, body.candidate, token_ttl(svc, body.ttl_seconds))
    return Token(token=token, candidate_id=who.id, expires_at=who.expires_at)


class DemoTokenRequest(BaseModel):
    visitor: str | None = Field(
        default=None,
        min_length=16,
        max_length=64,
        pattern=r"^[\w-]+$",
        description="The id this browser was given before (kept in localStorage); omit for a new visitor.",
    )


class DemoToken(Token):
    visitor: str


@router.post("/demo/token", response_model=DemoToken, responses={404: {"description": "The demo is turned off"}})
async def demo_token(body: DemoTokenRequest, svc: ServicesDep, settings: SettingsDep, key: SigningKeyDep) -> DemoToken:
    """A token for an anonymous demo visitor. Off when MULAKAT_DEMO=false (do that on a public server)."""
    if not settings.demo:
        raise HTTPException(404, "the demo is turned off on this server")
    site = await ensure_demo_integrator(svc.pool)
    visitor = body.visitor or secrets.token_urlsafe(24)
    token, who = mint_token(key, site.id, visitor, token_ttl(svc, None))
    return DemoToken(token=token, candidate_id=who.id, expires_at=who.expires_at, visitor=visitor)
