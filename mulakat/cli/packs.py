"""`mulakat packs`: the knowledge packs, checked before a candidate studies from them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mulakat.cli.running import err

_TEXT_SUFFIXES = {".md", ".txt", ".json", ".jsonl", ".yaml", ".yml", ".csv", ".html", ".rst"}


def corpus_shingles(folders: list[Path]) -> set[tuple[str, ...]]:
    from mulakat.packs.checker import shingles

    found: set[tuple[str, ...]] = set()
    for folder in folders:
        for file in sorted(folder.rglob("*")):
            if file.is_file() and file.suffix.lower() in _TEXT_SUFFIXES:
                found |= shingles(file.read_text(encoding="utf-8", errors="replace"))
    return found


def packs_check(
    skill: Annotated[list[str] | None, typer.Option(help="Check only these packs (skill ids); all by default.")] = None,
    corpus: Annotated[
        list[Path] | None,
        typer.Option(help="Folders of external text no pack may copy from (e.g. the shared knowledge corpora)."),
    ] = None,
) -> None:
    """Check the shipped packs: ids resolve, shape, sources, every rubric point backed by a key point, no copying."""
    from mulakat.packs.checker import check_claims, check_copied, check_pack
    from mulakat.packs.loader import pack_files
    from mulakat.skills.taxonomy import load_taxonomy

    for folder in corpus or []:
        if not folder.is_dir():
            err.print(f"no folder {folder}")
            raise typer.Exit(2)
    taxonomy, files = load_taxonomy(), pack_files()
    chosen = {stem: pack for stem, pack in files.items() if not skill or pack.skill in skill}
    shared = corpus_shingles(corpus or [])
    problems = check_claims(files)
    for stem, pack in chosen.items():
        problems += check_pack(pack, taxonomy, stem) + check_copied(pack, shared)
    for problem in problems:
        typer.echo(str(problem))
    err.print(f"{len(chosen)} packs checked, {len(problems)} problems")
    if problems:
        raise typer.Exit(1)


def packs_vectors() -> None:
    """Embed every pack passage and write knowledge/models/pack-vectors.npz, which a new database's sync reads
    instead of embedding them (run it after editing packs; about 45 s on two cores)."""
    from mulakat.packs.sync import knowledge_documents
    from mulakat.packs.vectors import PACK_VECTORS, write_pack_vectors
    from mulakat.storage.minilm import MiniLMEmbeddings

    written = write_pack_vectors([doc.page_content for _, doc in knowledge_documents()], MiniLMEmbeddings())
    err.print(f"{written} passage vectors written to {PACK_VECTORS.name}")
