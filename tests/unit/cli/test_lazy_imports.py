"""Commands load only what they use: `mulakat extract` reads a document without the graph, the database, the
embedding model or spaCy (checked in a fresh interpreter, as a user's process starts)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.support.paths import ROOT, SAMPLES

HEAVY = ("torch", "sentence_transformers", "transformers", "spacy", "thinc", "langgraph", "psycopg", "fastapi")

_PROBE = """
import json, sys
from mulakat.cli.app import app
try:
    app(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
heavy = {heavy!r}
print(json.dumps({{"code": code, "loaded": [m for m in heavy if m in sys.modules]}}))
"""


def _loaded_by(*args: str) -> tuple[object, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE.format(heavy=HEAVY), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=True,
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return report["code"], report["loaded"]


def test_extract_loads_no_model_database_graph_or_spacy() -> None:
    code, loaded = _loaded_by("extract", "--kind", "job", "--json", str(SAMPLES / "job.md"))
    assert code == 0
    assert loaded == []


def test_the_command_list_loads_none_of_them_either() -> None:
    code, loaded = _loaded_by("--help")
    assert code == 0
    assert loaded == []
