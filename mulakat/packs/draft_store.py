"""Drafted packs in PostgreSQL: one per skill, made once and reused for every candidate until an operator acts."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Literal

from psycopg.types.json import Jsonb
from psycopg_pool import AsyncConnectionPool
from pydantic import BaseModel, TypeAdapter

from mulakat.packs.drafting import CheckedDraft, Citation, pack_problems
from mulakat.packs.loader import KnowledgePack
from mulakat.storage.db import fetch_dicts

DraftStatus = Literal["draft", "promoted", "rejected"]
_CITATIONS = TypeAdapter(list[Citation])
_COLUMNS = "skill, status, model, created_at, reviewed_at, reason, generated, pack, citations, dropped"


class PackDraft(BaseModel):
    skill: str
    status: DraftStatus
    model: str
    """The chat model that wrote it, as configured (provider:model)."""
    created_at: datetime
    reviewed_at: datetime | None = None
    reason: str | None = None
    """Why it was rejected: the checker's problems, or the operator's words."""
    generated: bool = True
    pack: KnowledgePack
    citations: list[Citation]
    dropped: list[str] = []

    @property
    def cited_sources(self) -> list[str]:
        """The passages its key points cite, each once, in the order first cited."""
        return list(dict.fromkeys(c.source for c in self.citations))


def _row(row: dict[str, object]) -> PackDraft:
    return PackDraft.model_validate(row)


async def save_draft(
    pool: AsyncConnectionPool, checked: CheckedDraft, model: str, *, replace: bool = False
) -> PackDraft:
    """Store a checked draft: status "draft", or "rejected" with the checker's reasons when it is no pack.

    Without `replace` an existing row for the skill wins (two analyses drafting at once keep the first); with it the
    new draft replaces any row that is not promoted. Returns the row now stored.
    """
    status: DraftStatus = "rejected" if checked.problems else "draft"
    reason = "; ".join(checked.problems) or None
    conflict = (
        "ON CONFLICT (skill) DO UPDATE SET status = EXCLUDED.status, model = EXCLUDED.model, created_at = now(),"
        " reviewed_at = NULL, reason = EXCLUDED.reason, pack = EXCLUDED.pack, citations = EXCLUDED.citations,"
        " dropped = EXCLUDED.dropped WHERE pack_drafts.status <> 'promoted'"
        if replace
        else "ON CONFLICT (skill) DO NOTHING"
    )
    async with pool.connection() as conn:
        await conn.execute(
            "INSERT INTO pack_drafts (skill, status, model, reason, pack, citations, dropped)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s) " + conflict,
            (
                checked.pack.skill,
                status,
                model,
                reason,
                Jsonb(checked.pack.model_dump(mode="json")),
                Jsonb(_CITATIONS.dump_python(checked.citations, mode="json")),
                Jsonb(checked.dropped),
            ),
        )
    stored = await get_draft(pool, checked.pack.skill)
    assert stored is not None  # just written, and drafts are never deleted
    return stored


async def get_draft(pool: AsyncConnectionPool, skill: str) -> PackDraft | None:
    rows = await fetch_dicts(pool, "SELECT " + _COLUMNS + " FROM pack_drafts WHERE skill = %s", (skill,))
    return _row(rows[0]) if rows else None


async def drafts_for(pool: AsyncConnectionPool, skills: Iterable[str]) -> dict[str, PackDraft]:
    """The stored drafts of these skills, whatever their status, by skill id: one query for a whole plan."""
    wanted = sorted(set(skills))
    if not wanted:
        return {}
    rows = await fetch_dicts(pool, "SELECT " + _COLUMNS + " FROM pack_drafts WHERE skill = ANY(%s)", (wanted,))
    return {row["skill"]: _row(row) for row in rows}


async def list_drafts(pool: AsyncConnectionPool) -> list[PackDraft]:
    return [_row(r) for r in await fetch_dicts(pool, "SELECT " + _COLUMNS + " FROM pack_drafts ORDER BY skill", ())]


async def review_draft(
    pool: AsyncConnectionPool, skill: str, status: Literal["promoted", "rejected"], reason: str | None = None
) -> PackDraft | None:
    """An operator's verdict; None when the skill has no draft. A draft failing the pack checks cannot be promoted."""
    found = await get_draft(pool, skill)
    if found is None:
        return None
    problems = pack_problems(found.pack)
    if status == "promoted" and problems:
        raise ValueError(f"the draft of {skill} is not a pack yet ({'; '.join(problems)}); draft it again")
    async with pool.connection() as conn:
        await conn.execute(
            "UPDATE pack_drafts SET status = %s, reason = %s, reviewed_at = now() WHERE skill = %s",
            (status, reason, skill),
        )
    return await get_draft(pool, skill)
