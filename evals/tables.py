"""What every suite returns and the one error they raise: the CLI prints the first and reports the second."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ResultTable:
    title: str
    columns: tuple[str, ...]
    rows: list[list[str]]


class SuiteError(ValueError):
    """An unknown suite or missing data; the message says what to pass."""
