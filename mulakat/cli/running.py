"""What every command shares: the error console, how a user's error ends a command, and how work gets a runner."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TypeVar

import typer
from rich.console import Console

from mulakat.storage.settings import get_settings

if TYPE_CHECKING:
    from graph.runner import Runner

T = TypeVar("T")

err = Console(stderr=True)


def error_exit(message: object) -> typer.Exit:
    """Print a user's error and return the exit (code 2) to raise for it."""
    err.print(f"[red]error:[/] {message}")
    return typer.Exit(2)


def run_or_exit(work: Callable[[Runner], Awaitable[T]], *errors: type[Exception]) -> T:
    """Run the command's work with the services and the graph open; the errors a user can fix end it with code 2."""
    from graph.runner import run_with_runner  # here, not above: commands without a database start faster

    try:
        return run_with_runner(work, get_settings())
    except errors as exc:
        raise error_exit(exc) from exc
