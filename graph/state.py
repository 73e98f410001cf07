"""Typed graph state and the per-run context."""

from __future__ import annotations

import operator
from dataclasses import dataclass
from typing import Annotated, Any

from typing_extensions import TypedDict

from mulakat.models import (
    CandidateSkill,
    FeedbackItem,
    JobRequirement,
    ParsedDocument,
    PlanItem,
    Readiness,
    RequirementResult,
)


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


class AnalysisInput(TypedDict):
    resume_file: Upload
    job_file: Upload


class AnalysisState(AnalysisInput, total=False):
    resume: ParsedDocument
    job: ParsedDocument
    job_title: str | None
    skills: list[CandidateSkill]
    requirements: list[JobRequirement]
    results: list[RequirementResult]
    readiness: Readiness
    feedback: list[FeedbackItem]
    plan: list[PlanItem]
    mode: str
    fallback: bool
    warnings: list[str]
    history: Annotated[list[HistoryPoint], operator.add]
    """Readiness of every analysis on this thread, oldest first (kept across runs)."""


@dataclass
class Context:
    """Per-run handles. `services` is None under hosts that can't pass objects (langgraph dev)."""

    services: Any = None
