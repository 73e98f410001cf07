"""Command line: analyze, serve, doctor."""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from mulakat.settings import get_settings

app = typer.Typer(no_args_is_help=True, add_completion=False, help="Interview readiness from a resume and a job.")
err = Console(stderr=True)


def _thread_for(base: str | None, index: int) -> str | None:
    """Job 1 runs on the given thread, job N on '<thread>-N', so re-runs land on the same threads."""
    if base is None:
        return None
    return base if index == 1 else f"{base}-{index}"


@app.command()
def analyze(
    resume: Annotated[Path, typer.Option(help="Resume file (.pdf, .docx, .txt, .md).")],
    job: Annotated[list[Path], typer.Option(help="Job posting file; repeat for several jobs.")],
    thread: Annotated[str | None, typer.Option(help="Thread id to create or update.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON report per job per line.")] = False,
) -> None:
    """Analyse a resume against one or more job postings."""
    from mulakat.analysis import run_analysis
    from mulakat.parsing import DocumentError
    from mulakat.render import render_report
    from mulakat.services import open_services

    for path in (resume, *job):
        if not path.is_file():
            err.print(f"[red]error:[/] {path}: no such file")
            raise typer.Exit(2)

    async def run() -> None:
        async with open_services(get_settings()) as services:
            resume_upload = {"name": resume.name, "data": resume.read_bytes()}
            for index, job_path in enumerate(job, start=1):
                job_upload = {"name": job_path.name, "data": job_path.read_bytes()}
                report = await run_analysis(services, resume_upload, job_upload, _thread_for(thread, index))  # type: ignore[arg-type]
                if as_json:
                    sys.stdout.write(json.dumps(report.model_dump(mode="json"), ensure_ascii=False) + "\n")
                    sys.stdout.flush()
                else:
                    render_report(report, Console())

    try:
        asyncio.run(run())
    except DocumentError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from exc


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Bind address (default from settings).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default from settings).")] = None,
) -> None:
    """Run the HTTP API (OpenAPI docs at /docs)."""
    import uvicorn

    settings = get_settings()
    uvicorn.run("api.app:app", host=host or settings.host, port=port or settings.port)


@app.command()
def doctor() -> None:
    """Show what is configured and check that each part works."""
    from mulakat.services import open_services

    settings = get_settings()
    out = Console()

    async def run() -> bool:
        ok = True
        where = "MULAKAT_DATABASE_URL" if settings.database_url else f"embedded in {settings.data_dir}"
        out.print(f"database: {where}")
        out.print(f"embedding model: {settings.embedding_model}")
        out.print(f"chat model: {settings.chat_model or 'none (deterministic core)'}")
        try:
            async with open_services(settings) as services:
                async with services.pool.connection() as conn:
                    cur = await conn.execute(
                        "SELECT current_setting('server_version'), "
                        "(SELECT extversion FROM pg_extension WHERE extname = 'vector')"
                    )
                    version, vector = await cur.fetchone() or ("?", None)
                out.print(f"[green]ok[/] PostgreSQL {version}, pgvector {vector}")
                dims = len(await services.embeddings.aembed_query("doctor"))
                out.print(f"[green]ok[/] embeddings loaded ({dims} dimensions)")
                out.print(f"[green]ok[/] taxonomy: {len(services.taxonomy.skills)} skills")
                if services.chat_model is not None:
                    try:
                        await services.chat_model.ainvoke("Reply with OK.")
                        out.print("[green]ok[/] chat model reachable")
                    except Exception as exc:  # report, don't crash: the core works without it
                        ok = False
                        out.print(f"[red]fail[/] chat model unreachable: {exc}")
        except Exception as exc:
            out.print(f"[red]fail[/] {type(exc).__name__}: {exc}")
            return False
        return ok

    raise typer.Exit(0 if asyncio.run(run()) else 1)


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    app()
