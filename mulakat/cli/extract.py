"""`mulakat extract`: one document's sections, skills and requirements, without the database or the model."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from mulakat.cli.running import error_exit
from mulakat.storage.settings import get_settings


def _stdin_name(data: bytes) -> str:
    """Pasted text unless the bytes say PDF or DOCX."""
    if data.startswith(b"%PDF"):
        return "stdin.pdf"
    if data.startswith(b"PK\x03\x04"):
        return "stdin.docx"
    return "stdin.txt"


def _read_input(path: str) -> tuple[bytes, str]:
    """The document's bytes and the name its format is read from."""
    if path == "-":
        data = sys.stdin.buffer.read()
        return data, _stdin_name(data)
    file = Path(path)
    if not file.is_file():
        raise error_exit(f"{path}: no such file")
    return file.read_bytes(), file.name


def extract(
    path: Annotated[str, typer.Argument(help="Document to read (.pdf, .docx, .txt, .md), or - for stdin.")],
    kind: Annotated[str | None, typer.Option(help="resume or job; guessed from the text when omitted.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the extraction as one JSON object.")] = False,
) -> None:
    """Extract sections, skills (with char offsets) and requirements from one document. No database needed."""
    from mulakat.cli.extract_view import render_extraction
    from mulakat.documents.parsing import DocumentError
    from mulakat.documents.reader import read_document
    from mulakat.skills.extract_report import extract as run_extract
    from mulakat.skills.importers import configured_taxonomy
    from mulakat.skills.linking import configured_esco_labeller
    from mulakat.skills.tagger import load_tagger

    if kind not in (None, "resume", "job"):
        raise error_exit(f"--kind must be resume or job, not {kind!r}")
    data, name = _read_input(path)
    try:
        doc = read_document(kind, name, data)  # type: ignore[arg-type]
    except DocumentError as exc:
        raise error_exit(exc) from exc
    settings = get_settings()
    result = run_extract(
        doc, configured_taxonomy(settings.taxonomy_imports), load_tagger(), esco=configured_esco_labeller(settings)
    )
    if as_json:
        sys.stdout.write(result.model_dump_json() + "\n")
    else:
        render_extraction(result, Console())
