"""The knowledge store's search over our packs, without the database: filter as the store does, rank by shared words."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from mulakat.packs.sync import knowledge_documents

_WORD = re.compile(r"[a-z0-9+#]+")


@cache
def _passages() -> tuple[dict[str, Any], ...]:
    return tuple({**doc.metadata, "text": doc.page_content} for _, doc in knowledge_documents())


async def pack_search(args: dict[str, Any]) -> list[dict[str, Any]]:
    found = [
        p for p in _passages() if all(p.get(key) == args[key] for key in ("skill", "kind") if args.get(key) is not None)
    ]
    if args.get("query"):
        wanted = set(_WORD.findall(str(args["query"]).lower()))
        found.sort(key=lambda p: -len(wanted & set(_WORD.findall(p["text"].lower()))))
    else:  # a listing, as the store gives it: easiest first, then by text
        found.sort(key=lambda p: (p.get("difficulty") or 99, p["text"]))
    return found[: int(args.get("k", 3))]
