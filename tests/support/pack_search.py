"""The knowledge store's search over our packs, without the database: filter as the store does, rank by shared words."""

from __future__ import annotations

import re
from functools import cache
from typing import Any
from unittest.mock import patch

from mulakat.packs import sync
from mulakat.packs.loader import _legacy_notes, load_packs
from mulakat.planning.breakdown import Search

_WORD = re.compile(r"[a-z0-9+#]+")


@cache
def _passages(hidden: frozenset[str] = frozenset()) -> tuple[dict[str, Any], ...]:
    """Every pack as passages; a hidden skill keeps only its short note (or nothing), as before its pack was written."""
    packs = load_packs()
    if hidden:
        notes = {n.skill: n for n in _legacy_notes()}
        packs = {s: notes.get(s, p) for s, p in packs.items() if s not in hidden or s in notes}
    with patch.object(sync, "load_packs", return_value=packs):
        return tuple({**doc.metadata, "text": doc.page_content} for _, doc in sync.knowledge_documents())


def _search(passages: tuple[dict[str, Any], ...], args: dict[str, Any]) -> list[dict[str, Any]]:
    found = [
        p for p in passages if all(p.get(key) == args[key] for key in ("skill", "kind") if args.get(key) is not None)
    ]
    if args.get("query"):
        wanted = set(_WORD.findall(str(args["query"]).lower()))
        found.sort(key=lambda p: -len(wanted & set(_WORD.findall(p["text"].lower()))))
    else:  # a listing, as the store gives it: easiest first, then by text
        found.sort(key=lambda p: (p.get("difficulty") or 99, p["text"]))
    return found[: int(args.get("k", 3))]


async def pack_search(args: dict[str, Any]) -> list[dict[str, Any]]:
    return _search(_passages(), args)


def search_without_packs(*skills: str) -> Search:
    """pack_search as if these skills had no full pack yet, so a test keeps its subject when the pack is written."""
    passages = _passages(frozenset(skills))

    async def search(args: dict[str, Any]) -> list[dict[str, Any]]:
        return _search(passages, args)

    return search
