"""`mulakat keys`: the integrator API keys of the sites that embed the widget."""

from __future__ import annotations

from typing import Annotated

import typer

from mulakat.cli.running import err, run_or_exit


def keys_create(name: Annotated[str, typer.Argument(help="Who the key is for, e.g. careers.example.com.")]) -> None:
    """Make a key. It is printed once; only its hash is kept."""
    from mulakat.storage.auth import create_integrator

    integrator, key = run_or_exit(lambda runner: create_integrator(runner.services.pool, name))
    err.print(f"integrator {integrator.id} ({name}); the key below is shown once, keep it on your server:")
    typer.echo(key)


def keys_list() -> None:
    """Integrators and whether their keys still work."""
    from mulakat.storage.auth import list_integrators

    for integrator, created, revoked in run_or_exit(lambda runner: list_integrators(runner.services.pool)):
        state = f"revoked {revoked:%Y-%m-%d}" if revoked else "active"
        typer.echo(f"{integrator.id}\t{integrator.name}\tcreated {created:%Y-%m-%d}\t{state}")


def keys_revoke(integrator_id: Annotated[str, typer.Argument(help="The int_... id from `mulakat keys list`.")]) -> None:
    """Revoke a key; the tokens it minted stop working at once."""
    from mulakat.storage.auth import revoke_integrator

    if not run_or_exit(lambda runner: revoke_integrator(runner.services.pool, integrator_id)):
        err.print(f"no active integrator {integrator_id}")
        raise typer.Exit(2)
    typer.echo(f"revoked {integrator_id}")
