"""Threads checkpointed before the core was split into subpackages still load as typed state."""

from __future__ import annotations

import sys

import pytest

from mulakat.practice.mastery import Mastery
from mulakat.practice.session import PracticeQuestion, PracticeSession
from mulakat.services import LEGACY_CHECKPOINT_MODULES, checkpoint_serializer


def written_under(monkeypatch: pytest.MonkeyPatch, value: object, old_names: dict[type, str]) -> tuple[str, bytes]:
    """Serialise as an older release did: the same types, under the module names they had then."""
    with monkeypatch.context() as patch:
        for cls, module in old_names.items():
            patch.setattr(cls, "__module__", module)
        return checkpoint_serializer().dumps_typed(value)


def test_mastery_written_as_mulakat_mastery_loads_as_mastery(monkeypatch: pytest.MonkeyPatch) -> None:
    mastery = {"kubernetes": Mastery(skill="kubernetes", theta=0.4, variance=0.8, answers=2)}
    blob = written_under(monkeypatch, mastery, {Mastery: "mulakat.mastery"})
    assert b"mulakat.mastery" in blob[1] and b"mulakat.practice.mastery" not in blob[1]
    loaded = checkpoint_serializer().loads_typed(blob)
    assert isinstance(loaded["kubernetes"], Mastery) and loaded == mastery


def test_a_session_written_as_mulakat_practice_loads_as_a_session(monkeypatch: pytest.MonkeyPatch) -> None:
    question = PracticeQuestion(
        id="q1",
        text="What does an index cost on writes?",
        skill="sql",
        skill_name="SQL",
        requirement="r1",
        kind="technical",
        difficulty=2,
        rubric=["every insert also writes each index"],
        source="packs/sql.yaml#questions",
        why="SQL is a must-have you have not shown.",
    )
    session = PracticeSession(session_id="s1", goal=3, question=question)
    old = {PracticeSession: "mulakat.practice", PracticeQuestion: "mulakat.practice"}
    loaded = checkpoint_serializer().loads_typed(written_under(monkeypatch, session, old))
    assert isinstance(loaded, PracticeSession) and isinstance(loaded.question, PracticeQuestion)
    assert loaded == session


def test_every_old_name_points_at_a_module_that_holds_the_types() -> None:
    checkpoint_serializer()
    for old, new in LEGACY_CHECKPOINT_MODULES.items():
        assert sys.modules[old] is sys.modules[new]
