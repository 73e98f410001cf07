"""Draft a pack with the chat model for a skill with none: retrieve passages naming it, ask, check quotes, store.

Only knowledge-store passages reach the model, never a candidate's documents, so a draft belongs to no one and
serves every candidate. A model failure stores nothing: the caller keeps the assembled breakdown and says so.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from langchain_core.language_models import BaseChatModel

from mulakat.packs.draft_store import PackDraft, save_draft
from mulakat.packs.drafting import DraftedPack, Passage, check_draft
from mulakat.planning.breakdown import Search
from mulakat.services import Services
from mulakat.skills.taxonomy import Taxonomy
from prompts.guidance import DRAFT_PACK_SYSTEM, DRAFT_PACK_USER

log = logging.getLogger(__name__)
MAX_PASSAGES = 8


@dataclass(frozen=True)
class Drafted:
    """One drafting attempt: the row stored (a draft, or rejected by the checks), or why nothing was stored."""

    skill: str
    stored: PackDraft | None = None
    failure: str | None = None
    """The model failed ("TimeoutError: ..."): nothing was stored."""
    skipped: str | None = None
    """There was nothing to draft from, so the model was not asked."""


def model_name(services: Services) -> str:
    """The configured provider:model, or the model's class when a caller passed one in directly."""
    model = services.chat_model
    return services.settings.chat_model or (type(model).__name__ if model is not None else "none")


async def draft_passages(search: Search, skill: str, taxonomy: Taxonomy) -> list[Passage]:
    """Knowledge passages that name the skill, by the same hybrid search the assembled breakdown uses, each once."""
    name = taxonomy[skill].name
    hits = [
        *await search({"query": name, "kind": "subtopic", "k": 12}),
        *await search({"query": name, "kind": "passage", "k": 8}),
    ]
    found: dict[tuple[str, str], Passage] = {}
    for hit in hits:
        if not taxonomy.mentions(hit["text"], skill):
            continue
        title = f"{hit['title']}: {hit['subtopic']}" if hit.get("subtopic") else str(hit["title"])
        found.setdefault((hit["source"], hit["text"]), Passage(hit["source"], title, hit["text"]))
    return list(found.values())[:MAX_PASSAGES]


async def ask_for_draft(model: BaseChatModel, skill: str, taxonomy: Taxonomy, passages: list[Passage]) -> DraftedPack:
    entry = taxonomy[skill]
    aliases = f" (also: {', '.join(entry.aliases[:5])})" if entry.aliases else ""
    numbered = "\n\n".join(f"[{i}] {p.title} ({p.source})\n{p.text}" for i, p in enumerate(passages, start=1))
    user = DRAFT_PACK_USER.format(name=entry.name, aliases=aliases, passages=numbered)
    answer = await model.with_structured_output(DraftedPack).ainvoke([("system", DRAFT_PACK_SYSTEM), ("user", user)])
    return answer if isinstance(answer, DraftedPack) else DraftedPack.model_validate(answer)


async def draft_pack(services: Services, skill: str, search: Search, *, replace: bool = False) -> Drafted:
    """Draft, check and store a pack for `skill` with the services' chat model (ValueError when there is none).

    `replace` lets an operator's redraft replace a stored draft or rejection (never a promoted pack); an analysis
    passes False, so two runs drafting at once keep the first draft stored.
    """
    if services.chat_model is None:
        raise ValueError("no chat model is configured: set MULAKAT_CHAT_MODEL (e.g. openai:gpt-4.1-mini) to draft")
    passages = await draft_passages(search, skill, services.taxonomy)
    if not passages:
        return Drafted(skill, skipped="no passage in the knowledge store names it")
    try:
        drafted = await ask_for_draft(services.chat_model, skill, services.taxonomy, passages)
    except Exception as exc:  # any model failure: the caller falls back to the assembled breakdown, flagged
        log.warning("drafting a pack for %s failed: %s", skill, exc)
        return Drafted(skill, failure=f"{type(exc).__name__}: {exc}")
    checked = check_draft(skill, drafted, passages)
    stored = await save_draft(services.pool, checked, model_name(services), replace=replace)
    if checked.problems:
        log.warning("the drafted pack for %s was rejected: %s", skill, "; ".join(checked.problems))
    return Drafted(skill, stored)
