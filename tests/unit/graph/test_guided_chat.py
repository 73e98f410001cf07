"""The chat's intent rules: a waiting question takes the message as its answer unless it is a command."""

from __future__ import annotations

import pytest

from graph.guided_chat import classify


@pytest.mark.parametrize(
    ("text", "waiting", "intent"),
    [
        ("Why this score?", False, "readiness"),
        ("What are my gaps?", False, "gaps"),
        ("what should I study first", False, "plan"),
        ("Practise now", False, "practice"),
        ("show my progress", False, "progress"),
        ("hi there", False, "help"),
        # An answer that happens to use a command word is still an answer.
        ("I would add a readiness probe so the score of failing pods drops out", True, "answer"),
        ("stop", True, "stop"),
        ("Stop the session please", True, "stop"),
        ("show my plan", True, "plan"),
        ("LRU cache", True, "answer"),
    ],
)
def test_intent(text: str, waiting: bool, intent: str) -> None:
    assert classify(text, question_waiting=waiting) == intent
