"""Practice: which question to ask next, and how demonstrated mastery moves the readiness score."""

from __future__ import annotations

from typing import Any, NamedTuple

from pydantic import BaseModel, Field

from mulakat.assessment.readiness import score_readiness
from mulakat.models import CandidateSkill, FeedbackItem, JobRequirement, Readiness, RequirementResult
from mulakat.practice.coverage import KeyPointResult
from mulakat.practice.grading import Grade
from mulakat.practice.mastery import Mastery, demonstrated_credit, due_for_review, prior, target_difficulty
from mulakat.practice.star import StarAnalysis
from mulakat.storage.vectors import stable_id

# A gap on a must-have weighs twice a nice-to-have one; a weak earlier answer due for review adds this much.
PRIORITY_WEIGHT = {"must": 2.0, "nice": 1.0}
REVIEW_BOOST = 0.5
DEFAULT_GOAL = 5
# Practice credit below this is too little evidence to call a missing requirement partly met.
MIN_PRACTICE_CREDIT = 0.2
MET_CREDIT = 0.9  # the same bar as a resume match


class PracticeQuestion(BaseModel):
    id: str
    text: str
    skill: str
    """Skill id the question probes."""
    skill_name: str
    requirement: str | None
    """Id of the job requirement whose gap it targets."""
    kind: str
    difficulty: int
    rubric: list[str]
    source: str
    why: str
    """Why this question now, in words the candidate can check."""
    assembled: bool = False
    """Built from a breakdown assembled for a skill with no notes: its rubric comes from key passages, not a written
    answer key, and the feedback says so."""


class AskedQuestion(PracticeQuestion):
    """A question as the candidate is shown it: the rubric is the answer key, so it stays on the server.

    It is still an attribute for in-process callers; it is left out of every JSON dump and schema.
    After grading, the grade's key points show which parts of it the answer covered.
    """

    rubric: list[str] = Field(default_factory=list, exclude=True)


class Answer(BaseModel):
    """What the candidate sends back to a question (the interrupt's response schema)."""

    text: str = Field(default="", max_length=20_000)
    stop: bool = False
    """True ends the session; the question stays unanswered."""
    question_id: str | None = None
    """The question this answers; if another one is waiting now, the answer is refused, not misfiled."""


class PracticeSession(BaseModel):
    """The checkpointed part of a session: bounded, whatever the number of turns (the transcript is in tables)."""

    session_id: str
    goal: int = DEFAULT_GOAL
    answered: int = 0
    """Answers graded in this session."""
    turn: int = 0
    """Answers graded on this thread, across sessions (the table key of the last one)."""
    question: PracticeQuestion | None = None
    grade: Grade | None = None
    """The last graded answer's grade (shown with the next question)."""
    feedback: list[FeedbackItem] = []
    done: bool = False
    stop_reason: str | None = None
    # Set only in checkpoints from before 2026-12-04, when each step of a turn rewrote the session; a turn one of
    # those left half done is finished from them (see turn_parts).
    answer: str | None = None
    mastery_before: Mastery | None = None


class TurnFeedback(BaseModel):
    """Feedback on a graded answer and the turn it closes: the session takes both in once, at the turn's end."""

    turn: int
    items: list[FeedbackItem]


class TurnParts(NamedTuple):
    answer: str | None
    grade: Grade | None
    mastery_before: Mastery | None


def turn_parts(session: PracticeSession, answer: str | None, grade: Grade | None, before: Mastery | None) -> TurnParts:
    """The turn in hand from the state's narrow keys; from the session for a turn an older release began
    (its session carries the answer until the turn ends, which today's never does)."""
    if session.answer is None:
        return TurnParts(answer, grade, before)
    return TurnParts(session.answer, session.grade or grade, session.mastery_before or before)


def close_turn(session: PracticeSession, grade: Grade | None, closed: TurnFeedback) -> PracticeSession:
    """The session with a graded turn folded in: its grade and feedback, one more answer."""
    if grade is None:
        raise ValueError("a turn is closed only after its answer was graded")
    return session.model_copy(
        update={
            "grade": grade,
            "feedback": closed.items,
            "turn": closed.turn,
            "answered": session.answered + 1,
            "answer": None,
            "mastery_before": None,
        }
    )


def question_from_hit(hit: dict[str, Any], skill_name: str) -> PracticeQuestion:
    return PracticeQuestion(
        id=stable_id(hit["source"], hit["text"]),
        text=hit["text"],
        skill=hit["skill"],
        skill_name=skill_name,
        requirement=None,
        kind=hit.get("question_kind") or "technical",
        difficulty=int(hit.get("difficulty") or 2),
        rubric=list(hit.get("rubric") or []),
        source=hit["source"],
        why="",
    )


class Target(BaseModel):
    skill: str
    requirement: str
    weight: float
    why: str


def practice_targets(
    results: list[RequirementResult],
    requirements: list[JobRequirement],
    mastery: dict[str, Mastery],
    now: str,
    *,
    free_text: bool = False,
) -> list[Target]:
    """Requirements to practise, largest weighted gap first; a skill is listed once, under its largest gap.

    With `free_text`, needs in the posting's own words are targets too (their plan breakdown has questions), keyed
    by `need_key`; qualifications never are.
    """
    by_id = {r.id: r for r in requirements}
    targets: dict[str, Target] = {}
    for result in results:
        req = by_id.get(result.id)
        if req is None or (req.skill is None and (not free_text or req.kind == "qualification")):
            continue
        key = req.skill or need_key(req.name)
        known = mastery.get(key)
        credit = max(result.credit, demonstrated_credit(known) if known else 0.0)
        weight = (1.0 - credit) * PRIORITY_WEIGHT[result.priority]
        why = f"{req.name} is a {result.priority}-have requirement with credit {credit:.2f}"
        if known and due_for_review(known, now):
            weight += REVIEW_BOOST
            why += (
                f"; your last answer on it scored {round(100 * (known.last_score or 0))}/100, so it is due for review"
            )
        if weight <= 0:
            continue
        if key not in targets or weight > targets[key].weight:
            targets[key] = Target(skill=key, requirement=req.id, weight=round(weight, 3), why=why + ".")
    return sorted(targets.values(), key=lambda t: (-t.weight, t.skill))


def need_key(name: str) -> str:
    """The mastery key of a need in the posting's own words: its phrase, so it carries across analyses."""
    return "need:" + " ".join(name.lower().split())


def choose_question(
    candidates: list[PracticeQuestion], skill_mastery: Mastery, asked: set[str]
) -> PracticeQuestion | None:
    """The unasked question nearest the difficulty this candidate should face next on the skill."""
    fresh = [q for q in candidates if q.id not in asked and q.rubric]
    if not fresh:
        return None
    wanted = target_difficulty(skill_mastery)
    return min(fresh, key=lambda q: (abs(q.difficulty - wanted), q.difficulty, q.text))


def mastery_for(
    skill: str, mastery: dict[str, Mastery], results: list[RequirementResult], reqs: list[JobRequirement]
) -> Mastery:
    """The running estimate, else a prior centred on what the resume showed for the skill."""
    if skill in mastery:
        return mastery[skill]
    wanted = {req.id for req in reqs if (req.skill or need_key(req.name)) == skill}
    credits = [res.credit for res in results if res.id in wanted]
    return prior(skill, max(credits, default=0.0))


def fuse_practice(
    results: list[RequirementResult],
    requirements: list[JobRequirement],
    skills: dict[str, CandidateSkill],
    mastery: dict[str, Mastery],
    this_year: int,
    quality: float,
) -> tuple[list[RequirementResult], Readiness]:
    """Readiness with practice: a requirement gets the better of its resume credit and its demonstrated mastery."""
    by_id = {r.id: r for r in requirements}
    fused = []
    practised = []
    credited: set[str] = set()
    for result in results:
        req = by_id.get(result.id)
        known = mastery.get(req.skill) if req and req.skill else None
        shown = demonstrated_credit(known) if known else 0.0
        if known is None or known.answers == 0:
            fused.append(result)
            continue
        practised.append(known)
        if shown <= result.credit or shown < MIN_PRACTICE_CREDIT:
            fused.append(result)
            continue
        status = "met" if shown >= MET_CREDIT else "partial"
        reason = (
            f"{result.reason} In practice you showed it: mastery {known.mean:.2f} "
            f"(likely {known.low:.2f}-{known.high:.2f}) over {known.answers} answer(s), credit {shown:.2f}."
        )
        fused.append(result.model_copy(update={"credit": round(shown, 4), "status": status, "reason": reason}))
        credited.add(result.id)
    confidence = sum(m.confidence for m in practised) / len(results) if results else 0.0
    readiness = score_readiness(
        fused,
        requirements,
        skills,
        this_year=this_year,
        quality=quality,
        practice=confidence,
        practised=frozenset(credited),
    )
    return fused, readiness


# Practice types stored in graph state, for the checkpointer's allowlist.
PRACTICE_CHECKPOINT_TYPES = [
    (cls.__module__, cls.__name__)
    for cls in (PracticeQuestion, PracticeSession, TurnFeedback, Grade, KeyPointResult, StarAnalysis, Mastery)
]
