"""What every suite returns and the one error they raise: the CLI prints the first and reports the second."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class ResultTable:
    title: str
    columns: tuple[str, ...]
    rows: list[list[str]]


class SuiteError(ValueError):
    """An unknown suite or missing data; the message says what to pass."""


def tfidf_vectorizer() -> Any:
    """scikit-learn's TfidfVectorizer for the TF-IDF baselines, which only evaluation needs (the `eval` extra)."""
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
    except ImportError as missing:
        raise SuiteError("the TF-IDF baselines need scikit-learn: pip install -e '.[eval]'") from missing
    return TfidfVectorizer
