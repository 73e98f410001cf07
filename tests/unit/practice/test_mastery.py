"""Mastery with uncertainty: monotone updates, shrinking variance, difficulty targeting and review timing."""

from __future__ import annotations

import itertools
import math

import pytest

from mulakat.practice.mastery import (
    PRIOR_VARIANCE,
    REVIEW_AFTER,
    Mastery,
    demonstrated_credit,
    due_for_review,
    expected_score,
    prior,
    review_gap,
    target_difficulty,
    update,
)

AT = "2026-12-01T10:00:00+00:00"
SCORES = [0.0, 0.1, 0.3, 0.5, 0.6, 0.8, 0.95, 1.0]
THETAS = [-4.0, -2.0, -1.0, -0.3, 0.0, 0.4, 1.0, 2.5, 4.0]
VARIANCES = [0.05, 0.3, 1.0, PRIOR_VARIANCE, 5.0]
DIFFICULTIES = [1, 2, 3]


def state(theta: float, variance: float, answers: int = 3) -> Mastery:
    return Mastery(skill="python", theta=theta, variance=variance, answers=answers)


@pytest.mark.parametrize(("theta", "variance", "difficulty"), list(itertools.product(THETAS, VARIANCES, DIFFICULTIES)))
def test_update_is_monotone_in_score(theta: float, variance: float, difficulty: int) -> None:
    m = state(theta, variance)
    thetas = [update(m, s, difficulty, AT).theta for s in SCORES]
    assert all(a < b for a, b in itertools.pairwise(thetas)), thetas


@pytest.mark.parametrize(("theta", "variance", "difficulty"), list(itertools.product(THETAS, VARIANCES, DIFFICULTIES)))
def test_variance_shrinks_with_every_answer(theta: float, variance: float, difficulty: int) -> None:
    m = state(theta, variance)
    for score in SCORES:
        after = update(m, score, difficulty, AT)
        assert after.variance < m.variance
        assert after.confidence >= m.confidence
        assert after.answers == m.answers + 1


def test_update_follows_the_laplace_rule() -> None:
    m = state(0.5, 1.0)
    p = 1 / (1 + math.exp(-(0.5 - 1.0)))
    new_var = 1 / (1 / 1.0 + p * (1 - p))
    after = update(m, 0.9, 3, AT)
    assert after.variance == pytest.approx(new_var)
    assert after.theta == pytest.approx(0.5 + new_var * (0.9 - p))
    assert (after.last_score, after.last_at) == (0.9, AT)


def test_a_score_equal_to_the_expectation_leaves_theta_alone() -> None:
    m = state(0.0, 1.0)
    assert update(m, 0.5, 2, AT).theta == pytest.approx(0.0)


def test_the_same_score_on_a_harder_question_says_more() -> None:
    m = state(0.0, 1.0)
    assert update(m, 0.7, 3, AT).theta > update(m, 0.7, 2, AT).theta > update(m, 0.7, 1, AT).theta


def test_out_of_range_inputs_are_clamped() -> None:
    m = state(0.0, 1.0)
    assert update(m, 1.7, 9, AT) == update(m, 1.0, 3, AT)
    assert update(m, -0.5, 0, AT) == update(m, 0.0, 1, AT)


def test_repeated_high_scores_raise_the_mean_and_narrow_the_interval() -> None:
    m = prior("python", 0.0)
    start_width = m.high - m.low
    for _ in range(10):
        m = update(m, 1.0, 2, AT)
    assert m.mean > 0.8
    assert m.high - m.low < 0.6 * start_width
    assert m.low < m.mean < m.high
    assert 0.0 < m.confidence < 1.0


def test_repeated_low_scores_lower_the_mean() -> None:
    m = prior("python", 1.0)
    for _ in range(10):
        m = update(m, 0.0, 2, AT)
    assert m.mean < 0.2


def test_prior_is_centred_on_resume_credit_and_wide() -> None:
    means = [prior("sql", c).mean for c in (0.0, 0.25, 0.5, 0.75, 1.0)]
    assert all(a < b for a, b in itertools.pairwise(means))
    assert means[2] == pytest.approx(0.5)
    m = prior("sql", 0.5)
    assert m.variance == PRIOR_VARIANCE and m.answers == 0 and m.last_score is None
    assert m.confidence == 0.0
    assert m.low < 0.1 and m.high > 0.9
    assert prior("sql", 3.0) == prior("sql", 1.0) and prior("sql", -1.0) == prior("sql", 0.0)


def test_target_difficulty_rises_with_theta() -> None:
    thetas = [x / 4 for x in range(-16, 17)]
    targets = [target_difficulty(state(t, 0.5)) for t in thetas]
    assert all(a <= b for a, b in itertools.pairwise(targets)), targets
    assert targets[0] == 1 and targets[-1] == 3 and 2 in targets


@pytest.mark.parametrize("theta", THETAS)
def test_target_difficulty_is_the_one_closest_to_the_desired_score(theta: float) -> None:
    m = state(theta, 0.5)
    chosen = abs(expected_score(m, target_difficulty(m)) - 0.65)
    assert all(chosen <= abs(expected_score(m, d) - 0.65) for d in DIFFICULTIES)


def answered(score: float, answers: int = 1, at: str = AT) -> Mastery:
    return Mastery(skill="python", theta=0.0, variance=1.0, answers=answers, last_score=score, last_at=at)


def test_weak_answer_is_due_after_the_gap_only() -> None:
    weak = answered(0.3)
    assert not due_for_review(weak, AT)
    assert not due_for_review(weak, "2026-12-01T21:59:00+00:00")
    assert due_for_review(weak, "2026-12-01T22:00:00+00:00")
    assert due_for_review(weak, "2026-12-05T10:00:00+00:00")


def test_strong_or_missing_answers_are_not_due() -> None:
    assert not due_for_review(answered(0.6), "2026-12-20T10:00:00+00:00")
    assert not due_for_review(answered(0.9), "2026-12-20T10:00:00+00:00")
    assert not due_for_review(prior("python", 0.2), "2026-12-20T10:00:00+00:00")


def test_a_weak_answer_comes_back_after_the_same_gap_however_often_answered() -> None:
    for n in (1, 2, 6):
        weak = answered(0.3, answers=n)
        assert review_gap(weak) == REVIEW_AFTER
        assert not due_for_review(weak, "2026-12-01T12:00:00+00:00")
        assert due_for_review(weak, "2026-12-02T10:00:00+00:00")


def test_naive_and_aware_timestamps_compare_as_utc() -> None:
    assert due_for_review(answered(0.3, at="2026-12-01T10:00:00"), "2026-12-02T10:00:00+00:00")
    assert not due_for_review(answered(0.3, at="2026-12-01T10:00:00+00:00"), "2026-12-01T11:00:00")


def test_demonstrated_credit_is_zero_without_answers_and_the_low_bound_after() -> None:
    assert demonstrated_credit(prior("go", 1.0)) == 0.0
    m = update(prior("go", 0.5), 0.9, 2, AT)
    assert demonstrated_credit(m) == pytest.approx(m.low)
    assert 0.0 < demonstrated_credit(m) < m.mean


def test_mastery_round_trips_through_json() -> None:
    m = update(prior("docker", 0.4), 0.7, 2, AT)
    assert Mastery.model_validate_json(m.model_dump_json()) == m
