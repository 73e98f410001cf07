"""Who is calling: integrator API keys (hashed at rest) and the short-lived candidate tokens they mint.

A career site (an integrator) keeps its key on its server and mints a token per visitor; the widget
only ever holds that token. A candidate is identified per integrator, so two sites' "user 42" differ.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt
from psycopg_pool import AsyncConnectionPool

KEY_PREFIX = "mk_"
DEMO_INTEGRATOR = "int_demo"
_AUDIENCE = "mulakat:candidate"
_ALGORITHM = "HS256"
_SIGNING_SECRET = "token_signing_key"


class AuthError(Exception):
    """The caller could not be identified; the message says why without echoing secrets."""


@dataclass(frozen=True)
class Integrator:
    id: str
    name: str


@dataclass(frozen=True)
class Candidate:
    id: str
    integrator_id: str
    expires_at: datetime


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def candidate_id(integrator_id: str, external_id: str) -> str:
    """Stable, opaque id: the integrator's own user id never leaves this function."""
    digest = hashlib.sha256(f"{integrator_id}\x1f{external_id}".encode()).hexdigest()
    return f"cand_{digest[:32]}"


async def create_integrator(pool: AsyncConnectionPool, name: str) -> tuple[Integrator, str]:
    """A new integrator and its key. The key is shown once; only its hash is stored."""
    integrator = Integrator(id=f"int_{secrets.token_hex(6)}", name=name)
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    async with pool.connection() as conn:
        await conn.execute(
            "INSERT INTO integrators (id, name, key_hash) VALUES (%s, %s, %s)",
            (integrator.id, name, hash_key(key)),
        )
    return integrator, key


async def ensure_demo_integrator(pool: AsyncConnectionPool) -> Integrator:
    """The integrator behind /demo. Its key is random and thrown away: only the demo page mints for it."""
    async with pool.connection() as conn:
        await conn.execute(
            "INSERT INTO integrators (id, name, key_hash) VALUES (%s, 'demo page', %s) ON CONFLICT (id) DO NOTHING",
            (DEMO_INTEGRATOR, hash_key(secrets.token_urlsafe(32))),
        )
    return Integrator(id=DEMO_INTEGRATOR, name="demo page")


async def list_integrators(pool: AsyncConnectionPool) -> list[tuple[Integrator, datetime, datetime | None]]:
    async with pool.connection() as conn:
        cur = await conn.execute("SELECT id, name, created_at, revoked_at FROM integrators ORDER BY created_at")
        return [(Integrator(id=r[0], name=r[1]), r[2], r[3]) for r in await cur.fetchall()]


async def revoke_integrator(pool: AsyncConnectionPool, integrator_id: str) -> bool:
    """Revoke a key; tokens it minted stop working at once, not when they expire."""
    async with pool.connection() as conn:
        cur = await conn.execute(
            "UPDATE integrators SET revoked_at = now() WHERE id = %s AND revoked_at IS NULL", (integrator_id,)
        )
        return cur.rowcount == 1


async def integrator_for_key(pool: AsyncConnectionPool, key: str) -> Integrator:
    if not key.startswith(KEY_PREFIX):
        raise AuthError("not an integrator key")
    async with pool.connection() as conn:
        cur = await conn.execute(
            "SELECT id, name FROM integrators WHERE key_hash = %s AND revoked_at IS NULL", (hash_key(key),)
        )
        row = await cur.fetchone()
    if row is None:
        raise AuthError("unknown or revoked integrator key")
    return Integrator(id=row[0], name=row[1])


async def integrator_active(pool: AsyncConnectionPool, integrator_id: str) -> bool:
    async with pool.connection() as conn:
        cur = await conn.execute("SELECT 1 FROM integrators WHERE id = %s AND revoked_at IS NULL", (integrator_id,))
        return await cur.fetchone() is not None


async def signing_key(pool: AsyncConnectionPool, configured: str | None) -> str:
    """The configured secret, else one made once and kept in PostgreSQL so every replica agrees."""
    if configured:
        return configured
    async with pool.connection() as conn:
        await conn.execute(
            "INSERT INTO app_secrets (name, value) VALUES (%s, %s) ON CONFLICT (name) DO NOTHING",
            (_SIGNING_SECRET, secrets.token_urlsafe(48)),
        )
        cur = await conn.execute("SELECT value FROM app_secrets WHERE name = %s", (_SIGNING_SECRET,))
        row = await cur.fetchone()
    assert row is not None  # inserted just above
    return str(row[0])


def mint_token(key: str, integrator_id: str, external_id: str, ttl: timedelta) -> tuple[str, Candidate]:
    now = datetime.now(UTC).replace(microsecond=0)
    candidate = Candidate(
        id=candidate_id(integrator_id, external_id), integrator_id=integrator_id, expires_at=now + ttl
    )
    claims = {"sub": candidate.id, "iss": integrator_id, "aud": _AUDIENCE, "iat": now, "exp": candidate.expires_at}
    return jwt.encode(claims, key, algorithm=_ALGORITHM), candidate


def read_token(key: str, token: str) -> Candidate:
    try:
        claims = jwt.decode(
            token, key, algorithms=[_ALGORITHM], audience=_AUDIENCE, options={"require": ["sub", "iss", "exp"]}
        )
    except jwt.ExpiredSignatureError as exc:
        raise AuthError("the candidate token has expired; ask the site for a new one") from exc
    except jwt.InvalidTokenError as exc:
        raise AuthError("not a valid candidate token") from exc
    return Candidate(
        id=str(claims["sub"]),
        integrator_id=str(claims["iss"]),
        expires_at=datetime.fromtimestamp(int(claims["exp"]), UTC),
    )
