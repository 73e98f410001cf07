"""`mulakat forget` and `mulakat prune`: deleting data on request and by policy.

Both open the database alone (storage.retention.open_database), not the services: deleting rows needs no model.
"""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer

from mulakat.storage.settings import get_settings


def forget(
    candidate_id: Annotated[str, typer.Argument(help="The cand_... id (POST /v1/tokens returns it).")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Count what would be deleted; delete nothing.")] = False,
) -> None:
    """Delete a candidate's threads and every row that names them (a delete-my-data request)."""
    from mulakat.storage.retention import describe, forget_candidate, open_database

    async def run() -> list[str]:
        async with open_database(get_settings()) as pool:
            return describe(f"candidate {candidate_id}", await forget_candidate(pool, candidate_id, dry_run=dry_run))

    for line in asyncio.run(run()):
        typer.echo(line)


def prune(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Count what would be deleted; delete nothing.")] = False,
) -> None:
    """Apply the retention policy (MULAKAT_RETENTION_DAYS, MULAKAT_CHECKPOINT_HISTORY); run it from cron."""
    from mulakat.storage.retention import describe, open_database
    from mulakat.storage.retention import prune as apply_policy

    settings = get_settings()

    async def run() -> list[str]:
        async with open_database(settings) as pool:
            report = await apply_policy(pool, settings.retention_days, settings.checkpoint_history, dry_run=dry_run)
        return describe(f"threads unused for {settings.retention_days} days", report.expired) + describe(
            f"checkpoints beyond the latest {settings.checkpoint_history} per thread", report.history
        )

    for line in asyncio.run(run()):
        typer.echo(line)
