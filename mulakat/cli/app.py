"""Command line: analyze, practice, progress, extract, ingest, eval, serve, doctor.

Each command lives in its own module and imports what it needs inside the command, so `mulakat extract`
starts without the database or the embedding model.
"""

from __future__ import annotations

import logging

import typer

from mulakat.cli.analyze import analyze
from mulakat.cli.drafts import packs_draft, packs_drafts, packs_promote, packs_reject, packs_show
from mulakat.cli.evaluate import run_eval
from mulakat.cli.extract import extract
from mulakat.cli.ingest import ingest
from mulakat.cli.keys import keys_create, keys_list, keys_revoke
from mulakat.cli.packs import packs_check, packs_vectors
from mulakat.cli.practice import practice, progress
from mulakat.cli.retention import forget, prune
from mulakat.cli.server import doctor, serve
from mulakat.cli.signals import exit_on_sigterm

app = typer.Typer(no_args_is_help=True, add_completion=False, help="Interview readiness from a resume and a job.")

# Registered in the order --help has always listed them.
app.command()(analyze)
app.command()(extract)
app.command()(ingest)
app.command(name="eval")(run_eval)
app.command()(practice)
app.command()(progress)
app.command()(serve)

keys = typer.Typer(no_args_is_help=True, help="Integrator API keys: the sites that embed the widget.")
keys.command("create")(keys_create)
keys.command("list")(keys_list)
keys.command("revoke")(keys_revoke)
app.add_typer(keys, name="keys")

packs = typer.Typer(no_args_is_help=True, help="Knowledge packs: check them, and review drafted ones.")
packs.command("check")(packs_check)
packs.command("vectors")(packs_vectors)
packs.command("drafts")(packs_drafts)
packs.command("show")(packs_show)
packs.command("draft")(packs_draft)
packs.command("promote")(packs_promote)
packs.command("reject")(packs_reject)
app.add_typer(packs, name="packs")

app.command()(doctor)
app.command()(forget)
app.command()(prune)


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    exit_on_sigterm()
    app()
