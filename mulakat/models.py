"""Typed records passed between nodes, and the stable JSON contract of a report."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

DocKind = Literal["resume", "job"]
Priority = Literal["must", "nice"]
Status = Literal["met", "partial", "missing"]
RequirementKind = Literal["technical", "domain", "soft", "qualification"]


class Evidence(BaseModel):
    """A verifiable quote: text[start:end] of its source document, or a knowledge passage by name.

    "answer" quotes the candidate's practice answer.
    """

    source: Literal["resume", "job", "knowledge", "answer"]
    section: str
    quote: str
    start: int
    end: int


class Section(BaseModel):
    name: str
    heading: str | None
    start: int
    end: int


class Quality(BaseModel):
    """How far the parse can be trusted; the report shows the messages."""

    confidence: float = Field(ge=0, le=1)
    messages: list[str] = []


class ParsedDocument(BaseModel):
    kind: DocKind
    source: str
    text: str
    sections: list[Section]
    title: str | None = None
    quality: Quality

    def section_at(self, offset: int) -> str:
        for section in self.sections:
            if section.start <= offset < section.end:
                return section.name
        return self.sections[-1].name if self.sections else "body"

    def evidence(self, start: int, end: int) -> Evidence:
        return Evidence(
            source=self.kind, section=self.section_at(start), quote=self.text[start:end], start=start, end=end
        )


class DocumentRef(BaseModel):
    """What the checkpoint keeps of a parsed document, which is stored once per thread beside it.

    Enough for the report and for practice (source, parse quality); the text and sections are loaded by
    `digest` only where a node reads them.
    """

    kind: DocKind
    source: str
    quality: Quality
    digest: str
    """SHA-256 of the stored document's JSON."""


class SkillMention(BaseModel):
    skill: str
    surface: str
    start: int
    end: int
    section: str


class CandidateSkill(BaseModel):
    """One canonical skill on the resume, with every place it is mentioned."""

    skill: str
    name: str
    mentions: list[SkillMention]
    years: float | None = None
    last_used: int | None = None
    level: str | None = None
    """The strongest proficiency its mentions claim: expert, proficient or familiar."""
    implied: bool = False
    """True when the resume does not name the skill but names work that shows it (Java for object-oriented
    programming); `mentions` are then those of the skills in `implied_by`, and confidence is lower."""
    implied_by: list[str] = []
    """Ids of the skills on the resume that show this one, most years first. For a named skill, those whose dated
    roles add years to its own (PostgreSQL work counts as SQL work)."""
    years_claim: SkillMention | None = None
    """The mention in a line that states the years ("8 years of Python"), when `years` comes from that line
    because the dated roles give fewer."""


class Mention(BaseModel):
    """Where a posting names a requirement: quote == text[start:end] of the parsed posting."""

    start: int
    end: int
    quote: str


class JobRequirement(BaseModel):
    id: str
    text: str
    skill: str | None
    """The taxonomy id, or None for a need the taxonomy has no name for (then `name` is the posting's phrase)."""
    name: str
    priority: Priority
    min_years: float | None = None
    level: str | None = None
    """Proficiency the posting asks for: expert, proficient or familiar."""
    evidence: Evidence
    group: str | None = None
    """Shared by alternatives ("PHP, Python or Go"): any one member meets the group; None when not in one."""
    kind: RequirementKind = "technical"
    mention: Mention | None = None
    """The phrase that names it where the strongest statement is; None only for a model-suggested requirement."""
    mentions: list[Mention] = []
    """Every place the posting names it, in text order (repeated mentions merge into one requirement)."""
    examples: list[str] = []
    """Taxonomy ids of the skills the posting names as examples of it ("big data tools (ETL ...)"): any of them
    on the resume shows the need."""


class RequirementResult(BaseModel):
    id: str
    text: str
    skill: str
    priority: Priority
    status: Status
    credit: float = Field(ge=0, le=1)
    reason: str
    evidence: list[Evidence]
    group: str | None = None
    """The requirement's alternatives group, if any: readiness counts a group once, at its best member's credit."""
    kind: RequirementKind = "technical"
    mention: Mention | None = None
    """Where the posting names it (see JobRequirement.mention)."""
    skill_id: str | None = None
    """The taxonomy id (`skill` holds its name), or None for a need in the posting's own words."""


class Component(BaseModel):
    name: str
    weight: float
    value: float
    explanation: str
    points: float = 0.0
    """This component's share of the score: the points of all components add up to it."""


class Readiness(BaseModel):
    score: int = Field(ge=0, le=100)
    components: list[Component]
    low: int = Field(default=0, ge=0, le=100)
    high: int = Field(default=100, ge=0, le=100)
    """The score is an estimate: [low, high] widens with thin evidence and doubtful parses."""
    interval_reasons: list[str] = []


class Fit(BaseModel):
    """How well this posting suits the candidate, comparable across postings (readiness is how ready they are)."""

    score: int = Field(ge=0, le=100)
    parts: list[Component]
    """Same shape as readiness' components; their points add up to the score exactly."""
    reason: str
    """One line for choosing between postings: "senior level matches, 9 of 12 must-haves met"."""


class FeedbackItem(BaseModel):
    text: str
    citations: list[Evidence]


class PlanItem(BaseModel):
    order: int
    topic: str
    skill: str
    reason: str
    prerequisites: list[str]
    subtopics: list[str]
    est_hours: float
    priority: Priority = "must"
    """Must-have if any must-have requirement needs it (directly or as a prerequisite)."""
    questions: list[str] = []
    """Practice questions from the knowledge store, easiest first."""
    sources: list[str] = []
    """The knowledge passages the topic and subtopics come from."""
    requirements: list[str] = []
    """Ids of the report's requirements this topic covers; a prerequisite names those of the topics needing it."""
    breakdown: Literal["pack", "assembled", "drafted"] | None = None
    """Where subtopics and questions come from: the skill's own pack (or a drafted one an operator reviewed), a pack
    a chat model drafted from cited passages and no one has reviewed yet, or assembled from what is known (the
    taxonomy, passages and questions naming it, questions built from those), as `reason` says. None in a plan
    made before breakdowns were labelled."""


class LeftOut(BaseModel):
    """A requirement with a gap that no plan topic covers, and why."""

    requirement: str
    name: str
    reason: str


class DayPlan(BaseModel):
    date: str
    items: list[dict[str, float | int | str]]
    """{"order", "topic", "hours"} for each topic worked on that day."""


class SkippedTopic(BaseModel):
    order: int
    topic: str
    est_hours: float
    reason: str


class Schedule(BaseModel):
    """The plan laid out over the days before the interview, and what does not fit."""

    interview_date: str
    hours_per_day: float
    available_hours: float
    planned_hours: float
    days: list[DayPlan]
    skipped: list[SkippedTopic]


class JobRef(BaseModel):
    title: str | None
    source: str


class Report(BaseModel):
    """The stable JSON contract (fields may be added, never removed or renamed)."""

    thread_id: str
    job: JobRef
    readiness: Readiness
    requirements: list[RequirementResult]
    feedback: list[FeedbackItem]
    plan: list[PlanItem]
    mode: Literal["deterministic", "llm"]
    fallback: bool
    quality: dict[str, Quality] = {}
    warnings: list[str] = []
    schedule: Schedule | None = None
    previous_score: int | None = None
    """Readiness of the previous analysis on this thread, if any."""
    runs_on_thread: int = 1
    fit: Fit | None = None
    """None for a thread analysed before fit existed."""
    plan_left_out: list[LeftOut] = []
    """Gaps the plan does not cover (a qualification, or past the plan's topic limit); empty for a plan made
    before topics named their requirements."""


# Types stored in graph state; the checkpointer is told to expect exactly these.
CHECKPOINT_TYPES = [
    ("mulakat.models", cls.__name__)
    for cls in (
        Evidence,
        Section,
        Quality,
        ParsedDocument,
        DocumentRef,
        SkillMention,
        CandidateSkill,
        Mention,
        JobRequirement,
        RequirementResult,
        Component,
        Readiness,
        Fit,
        FeedbackItem,
        PlanItem,
        DayPlan,
        SkippedTopic,
        Schedule,
    )
]
