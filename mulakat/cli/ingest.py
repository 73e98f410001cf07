"""`mulakat ingest`: external study material into the knowledge store."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from mulakat.cli.running import err, error_exit, run_or_exit

if TYPE_CHECKING:
    from graph.runner import Runner


def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of Markdown, HTML, PDF or text.")],
) -> None:
    """Add external study material to the knowledge store (hybrid full-text + vector search)."""
    from rich.progress import Progress

    from mulakat.documents.parsing import DocumentError
    from tools.ingest import corpus_files
    from tools.ingest import ingest as ingest_corpus

    try:
        files = corpus_files(paths)
    except FileNotFoundError as exc:
        raise error_exit(exc) from exc

    async def run(runner: Runner) -> tuple[int, int]:
        with Progress(console=err) as progress:
            task = progress.add_task("ingesting", total=len(files))
            return await ingest_corpus(runner.services, files, lambda path, n: progress.advance(task))

    added, present = run_or_exit(run, DocumentError)
    Console().print(f"{len(files)} files: {added} passages added, {present} already present")
