"""Typed graph state: what a run takes in, and what its checkpoints hold."""

from __future__ import annotations

import operator
from typing import Annotated, Literal

from typing_extensions import TypedDict

from mulakat.models import (
    CandidateSkill,
    FeedbackItem,
    Fit,
    JobRequirement,
    PlanItem,
    Readiness,
    RequirementResult,
    Schedule,
)
from mulakat.practice.grading import Grade
from mulakat.practice.mastery import Mastery
from mulakat.practice.session import PracticeSession, TurnFeedback, TurnParts, turn_parts
from mulakat.storage.documents import HeldDocument


class Upload(TypedDict):
    """A document as received: its file name decides how it is parsed.

    `data` is the file's bytes, or its text when sent as JSON (e.g. through `langgraph dev`).
    """

    name: str
    data: bytes | str


class HistoryPoint(TypedDict):
    at: str
    score: int
    job: str


class AnalysisOptions(TypedDict, total=False):
    interview_date: str
    """ISO date; with hours_per_day, the plan is laid out over the days before it."""
    hours_per_day: float
    today: str
    """ISO date the schedule starts from (default: the real today)."""


class AnalysisInput(AnalysisOptions, total=False):
    intent: Literal["analyze", "practice"]
    """What this run does: analyse the uploads (the default), or start a practice session."""
    resume_file: Upload
    """None in the state once the analyzer has read it."""
    job_file: Upload
    practice_goal: int
    """With intent "practice": how many answers make the session."""


class AnalysisState(AnalysisInput, total=False):
    resume: HeldDocument
    """A reference to the parsed resume, stored once per thread (`services.documents` loads it)."""
    job: HeldDocument
    job_title: str | None
    skills: list[CandidateSkill]
    requirements: list[JobRequirement]
    results: list[RequirementResult]
    readiness: Readiness
    fit: Fit
    feedback: list[FeedbackItem]
    plan: list[PlanItem]
    schedule: Schedule | None
    mode: str
    fallback: bool
    warnings: list[str]
    history: Annotated[list[HistoryPoint], operator.add]
    """Readiness of every analysis on this thread, oldest first (kept across runs)."""
    practice: PracticeSession
    """The current practice session; its transcript lives in the practice_turns table.

    Written once per turn, by next_question (or by ask when the candidate stops): the steps before it put
    their part of the turn in the narrow keys below, and next_question folds them in.
    """
    practice_answer: str
    """The answer this turn grades (from ask)."""
    practice_grade: Grade
    """Its grade (from grade_answer)."""
    mastery_before: Mastery
    """The skill's mastery before the answer moved it (from grade_answer, stored with the turn)."""
    practice_feedback: TurnFeedback
    """Feedback on it, with the turn it closes (from answer_feedback)."""
    mastery: dict[str, Mastery]
    """Demonstrated mastery per skill id, across sessions."""
    practice_readiness: Readiness
    """Readiness with practice fused in (the analysis' own `readiness` stays as the resume showed it)."""


def turn_in_hand(state: AnalysisState) -> TurnParts:
    """The practice turn being graded: its answer, grade and the mastery it started from, as far as they exist."""
    return turn_parts(
        state["practice"], state.get("practice_answer"), state.get("practice_grade"), state.get("mastery_before")
    )
