"""`mulakat analyze` options checked before any document is read or any database opened."""

from __future__ import annotations

from tests.support.paths import SAMPLES


def test_cli_refuses_a_past_interview_date() -> None:
    from typer.testing import CliRunner

    from mulakat.cli.app import app

    result = CliRunner().invoke(
        app,
        [
            "analyze",
            "--resume",
            str(SAMPLES / "resume.md"),
            "--job",
            str(SAMPLES / "job.md"),
            "--interview-date",
            "2001-01-01",
        ],
    )
    assert result.exit_code == 2 and "must be after today" in result.output
