"""`mulakat serve` and `mulakat doctor`: run the HTTP API, and check that what it needs works."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from mulakat.storage.settings import get_settings

if TYPE_CHECKING:
    from mulakat.services import Services


def serve(
    host: Annotated[str | None, typer.Option(help="Bind address (default from settings).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default from settings).")] = None,
) -> None:
    """Run the HTTP API (OpenAPI docs at /docs)."""
    import uvicorn

    settings = get_settings()
    uvicorn.run("api.app:app", host=host or settings.host, port=port or settings.port)


async def _check_services(services: Services, out: Console) -> bool:
    """Touch each part once and say how it went; False if the optional chat model fails."""
    async with services.pool.connection() as conn:
        cur = await conn.execute(
            "SELECT current_setting('server_version'), (SELECT extversion FROM pg_extension WHERE extname = 'vector')"
        )
        version, vector = await cur.fetchone() or ("?", None)
    out.print(f"[green]ok[/] PostgreSQL {version}, pgvector {vector}")
    dims = len(await services.embeddings.aembed_query("doctor"))
    out.print(f"[green]ok[/] embeddings loaded ({dims} dimensions)")
    out.print(f"[green]ok[/] taxonomy: {len(services.taxonomy.skills)} skills")
    if services.chat_model is None:
        return True
    try:
        await services.chat_model.ainvoke("Reply with OK.")
    except Exception as exc:  # report, don't crash: the core works without it
        out.print(f"[red]fail[/] chat model unreachable: {exc}")
        return False
    out.print("[green]ok[/] chat model reachable")
    return True


def doctor() -> None:
    """Show what is configured and check that each part works."""
    from graph.runner import run_with_runner

    settings = get_settings()
    out = Console()
    where = "MULAKAT_DATABASE_URL" if settings.database_url else f"embedded in {settings.data_dir}"
    out.print(f"database: {where}")
    out.print(f"embedding model: {settings.embedding_model}")
    out.print(f"chat model: {settings.chat_model or 'none (deterministic core)'}")
    try:
        ok = run_with_runner(lambda runner: _check_services(runner.services, out), settings)
    except Exception as exc:  # opening the database or the model failed: say which, and exit 1
        out.print(f"[red]fail[/] {type(exc).__name__}: {exc}")
        ok = False
    raise typer.Exit(0 if ok else 1)
