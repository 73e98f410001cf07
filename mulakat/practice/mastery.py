"""Mastery per skill with uncertainty: a Bayesian logistic (Glicko-style) estimate from graded answers.

Ability theta lives on the logit scale; a question of difficulty 1, 2 or 3 sits at b = -1, 0 or 1.
Each answer is one observation s in [0, 1] of p = sigmoid(theta - b). The Laplace update moves theta
by the surprise (s - p), scaled by the posterior variance, and the variance shrinks by the information p(1 - p):

    new_var = 1 / (1 / var + p (1 - p));  theta += new_var * (s - p)

So a higher score never gives a lower theta, and every answer narrows the interval.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from pydantic import BaseModel, Field

PRIOR_VARIANCE = 2.0
"""Prior spread of theta: a 95 % interval of about +-2.8 logits, i.e. "could be anywhere"."""
DIFFICULTY_LOGIT = {1: -1.0, 2: 0.0, 3: 1.0}
DESIRED_SCORE = 0.65
"""The expected score a well-chosen next question should have: hard enough to teach, not to discourage."""
WEAK_SCORE = 0.6
"""A last answer below this brings the skill back for review."""
REVIEW_AFTER = timedelta(hours=12)
"""Gap before a skill answered weakly is due again: the next day's session, however often it was answered."""


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def _parse(at: str) -> datetime:
    """Read an ISO timestamp; a naive one is taken as UTC so stored and current times always compare."""
    parsed = datetime.fromisoformat(at)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


class Mastery(BaseModel):
    """What the graded answers so far say about one skill."""

    skill: str
    """Skill id."""
    theta: float
    """Ability on the logit scale; 0 means an even chance on a medium question."""
    variance: float = Field(gt=0)
    """Posterior variance of theta."""
    answers: int = Field(default=0, ge=0)
    """How many graded answers it rests on."""
    last_score: float | None = Field(default=None, ge=0, le=1)
    last_at: str | None = None
    """ISO timestamp of the last answer."""

    @property
    def mean(self) -> float:
        """Expected score on a medium question, 0-1."""
        return _sigmoid(self.theta)

    @property
    def low(self) -> float:
        """Lower end of the 95 % interval of the expected medium-question score."""
        return _sigmoid(self.theta - 1.96 * math.sqrt(self.variance))

    @property
    def high(self) -> float:
        """Upper end of the 95 % interval of the expected medium-question score."""
        return _sigmoid(self.theta + 1.96 * math.sqrt(self.variance))

    @property
    def confidence(self) -> float:
        """0 at the prior's spread, toward 1 as answers narrow it."""
        return min(1.0, max(0.0, 1.0 - math.sqrt(self.variance) / math.sqrt(PRIOR_VARIANCE)))


def prior(skill: str, resume_credit: float = 0.0) -> Mastery:
    """Start from what the resume showed (credit 0 -> mean about 0.27, credit 1 -> about 0.73), with a wide spread."""
    credit = min(max(resume_credit, 0.0), 1.0)
    return Mastery(skill=skill, theta=2.0 * credit - 1.0, variance=PRIOR_VARIANCE)


def update(m: Mastery, score: float, difficulty: int, at: str) -> Mastery:
    """Fold one graded answer (score 0-1, on a question of difficulty 1-3, given at ISO time at) into m."""
    s = min(max(score, 0.0), 1.0)
    b = DIFFICULTY_LOGIT[min(max(difficulty, 1), 3)]
    p = _sigmoid(m.theta - b)
    variance = 1.0 / (1.0 / m.variance + p * (1.0 - p))
    return m.model_copy(
        update={
            "theta": m.theta + variance * (s - p),
            "variance": variance,
            "answers": m.answers + 1,
            "last_score": s,
            "last_at": at,
        }
    )


def expected_score(m: Mastery, difficulty: int) -> float:
    """Expected score, 0-1, on a question of the given difficulty (1-3)."""
    return _sigmoid(m.theta - DIFFICULTY_LOGIT[min(max(difficulty, 1), 3)])


def target_difficulty(m: Mastery) -> int:
    """The difficulty (1-3) whose expected score is closest to DESIRED_SCORE; ties go to the easier one."""
    return min(DIFFICULTY_LOGIT, key=lambda d: (abs(expected_score(m, d) - DESIRED_SCORE), d))


def review_gap(m: Mastery) -> timedelta:
    """A weak answer resets the gap to REVIEW_AFTER, as in classic spaced repetition: a skill that keeps
    going badly comes back as soon as the next session, never later for having been tried more."""
    return REVIEW_AFTER


def due_for_review(m: Mastery, now: str) -> bool:
    """True when the last answer was weak (below WEAK_SCORE) and review_gap(m) has passed since it."""
    if m.last_score is None or m.last_at is None or m.last_score >= WEAK_SCORE:
        return False
    return _parse(now) - _parse(m.last_at) >= review_gap(m)


def demonstrated_credit(m: Mastery) -> float:
    """Credit practice has earned a requirement: the lower end of the mastery interval, 0 before any answer."""
    return 0.0 if m.answers == 0 else m.low
