"""`mulakat ingest`: add external corpora (Markdown, HTML, PDF, text) to the knowledge store."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from langchain_core.documents import Document

from mulakat.documents.parsing import SUPPORTED, extract_text
from mulakat.services import Services
from mulakat.skills.taxonomy import Taxonomy
from mulakat.storage.vectors import KNOWLEDGE_TABLE, stable_id

PASSAGE_WORDS = 180
_DOCUMENT_TYPES = tuple(s for s in SUPPORTED if s != ".docx")


def corpus_files(paths: Iterable[Path]) -> list[Path]:
    """Files to ingest: the paths themselves, or every supported file under a folder."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.suffix.lower() in _DOCUMENT_TYPES and p.is_file())
        elif path.is_file():
            files.append(path)
        else:
            raise FileNotFoundError(f"{path}: no such file or folder")
    return files


def _is_heading(paragraph: str) -> bool:
    words = paragraph.split()
    return 0 < len(words) <= 8 and "\n" not in paragraph.strip() and not paragraph.rstrip().endswith((".", ":", ","))


def passages(path: Path, text: str, taxonomy: Taxonomy) -> list[Document]:
    """Paragraphs packed into passages of about PASSAGE_WORDS words under their latest heading."""
    title = next((line.strip() for line in text.splitlines() if line.strip()), path.stem)[:120]
    heading = title
    buffer: list[str] = []
    out: list[Document] = []

    def flush() -> None:
        if not buffer:
            return
        body = "\n\n".join(buffer)
        skills = Counter(m.skill for m in taxonomy.find(body) if not taxonomy[m.skill].umbrella)
        skill = skills.most_common(1)[0][0] if skills else None
        source = f"{path}#{heading}"
        out.append(
            Document(
                page_content=f"{heading}\n\n{body}",
                metadata={"skill": skill, "title": title, "kind": "passage", "origin": "ingested", "source": source},
            )
        )
        buffer.clear()

    for paragraph in (p.strip() for p in text.split("\n\n")):
        if not paragraph:
            continue
        if _is_heading(paragraph):
            flush()
            heading = paragraph
            continue
        buffer.append(paragraph)
        if sum(len(p.split()) for p in buffer) >= PASSAGE_WORDS:
            flush()
    flush()
    return out


async def ingest(
    services: Services, paths: Iterable[Path], on_file: Callable[[Path, int], None] | None = None
) -> tuple[int, int]:
    """Embed and store passages of every file; returns (passages added, passages already present)."""
    added = present = 0
    for path in corpus_files(paths):
        text = await asyncio.to_thread(extract_text, path.name, path.read_bytes())
        # Identical passages in one file (repeated boilerplate) are stored once.
        by_id = {stable_id(d.metadata["source"], d.page_content): d for d in passages(path, text, services.taxonomy)}
        ids, docs = list(by_id), list(by_id.values())
        async with services.pool.connection() as conn:
            cur = await conn.execute(
                f"SELECT langchain_id::text FROM {KNOWLEDGE_TABLE} WHERE langchain_id::text = ANY(%s)", (ids,)
            )
            known = {row[0] for row in await cur.fetchall()}
        fresh = [(i, d) for i, d in zip(ids, docs, strict=True) if i not in known]
        if fresh:
            await services.knowledge.aadd_documents([d for _, d in fresh], ids=[i for i, _ in fresh])
        added += len(fresh)
        present += len(known)
        if on_file:
            on_file(path, len(fresh))
    return added, present
