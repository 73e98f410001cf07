"""The Dockerfile and compose.yaml say what the code reads: no container runtime is needed to check that.

A renamed setting, CLI option or health route breaks these tests instead of a deployment. That the files
are valid Dockerfile and Compose syntax is checked in CI (hadolint, the Compose specification's schema).
"""

from __future__ import annotations

import json
import shlex
from typing import Any
from urllib.parse import urlsplit

import pytest
import typer
import yaml

from api.app import app as api_app
from mulakat.cli.app import app as cli_app
from mulakat.storage.settings import Settings
from tests.support.paths import ROOT

PREFIX = Settings.model_config.get("env_prefix", "")


def instructions() -> list[tuple[str, str]]:
    """The final stage of the Dockerfile as (INSTRUCTION, arguments), continuation lines joined."""
    joined = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    lines = [line.strip() for line in joined.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    parsed = [(word.upper(), rest.strip()) for word, _, rest in (line.partition(" ") for line in lines)]
    last_from = max(i for i, (word, _) in enumerate(parsed) if word == "FROM")
    return parsed[last_from:]


def compose() -> dict[str, Any]:
    loaded = yaml.safe_load((ROOT / "compose.yaml").read_text())
    assert isinstance(loaded, dict)
    return loaded


def setting_of(env_name: str) -> str:
    assert env_name.startswith(PREFIX), env_name
    return env_name.removeprefix(PREFIX).lower()


def test_settings_are_read_from_mulakat_variables() -> None:
    assert PREFIX == "MULAKAT_", "the files below name settings by this prefix"


def test_every_mulakat_variable_in_the_dockerfile_is_a_setting() -> None:
    names = [pair.partition("=")[0] for word, rest in instructions() if word == "ENV" for pair in shlex.split(rest)]
    ours = [n for n in names if n.startswith(PREFIX)]
    assert ours, "the image sets its data dir"
    assert [n for n in ours if setting_of(n) not in Settings.model_fields] == []


def test_the_dockerfile_runs_a_real_cli_command() -> None:
    [cmd] = [json.loads(rest) for word, rest in instructions() if word == "CMD"]  # exec form, so JSON
    program, *args = cmd
    assert program == "mulakat"  # the console script pyproject.toml installs
    group = typer.main.get_command(cli_app)
    assert isinstance(group, typer.core.TyperGroup)
    with group.make_context(program, list(args)) as ctx:
        command = group.get_command(ctx, args[0])
        assert command is not None, f"no `mulakat {args[0]}` command"
        # Parses the options as the CLI would (an unknown or mistyped one raises), without running the server.
        sub = command.make_context(args[0], args[1:], parent=ctx)
    assert args[0] == "serve" and sub.params["host"] == "0.0.0.0" and sub.params["port"] == 8000


def test_compose_app_talks_to_the_db_service_with_real_settings() -> None:
    services = compose()["services"]
    app_env = services["app"]["environment"]
    names = [entry.partition("=")[0] for entry in app_env]
    ours = [n for n in names if n.startswith(PREFIX)]
    assert [n for n in ours if setting_of(n) not in Settings.model_fields] == []

    url = next(entry.partition("=")[2] for entry in app_env if entry.startswith(f"{PREFIX}DATABASE_URL="))
    assert urlsplit(url).hostname == "db" and "pgvector" in services["db"]["image"]
    assert services["app"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert any(volume.startswith("pgdata:") for volume in services["db"]["volumes"]), "the database outlives it"


@pytest.mark.parametrize("source", ["Dockerfile", "compose.yaml"])
def test_healthchecks_call_the_health_route_on_the_served_port(source: str) -> None:
    if source == "Dockerfile":
        check = " ".join(rest for word, rest in instructions() if word == "HEALTHCHECK")
    else:
        check = " ".join(compose()["services"]["app"]["healthcheck"]["test"])
    assert "http://127.0.0.1:8000/health" in check
    assert "/health" in {getattr(route, "path", None) for route in api_app.routes}
    assert compose()["services"]["app"]["ports"][0].endswith(":8000")


def test_the_build_context_leaves_out_secrets_and_local_state() -> None:
    ignored = set((ROOT / ".dockerignore").read_text().split())
    assert {".env", ".venv", ".git", ".mulakat"} <= ignored
