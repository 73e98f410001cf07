"""Practice: the session, grading, model grading, mastery, answer feedback and the transcript store.

Checkpoints written before the core was split name `mulakat.practice.PracticeSession` and
`mulakat.practice.PracticeQuestion`; the two stay importable here so those threads still resume.
"""

from mulakat.practice.session import PracticeQuestion, PracticeSession

__all__ = ["PracticeQuestion", "PracticeSession"]
