"""Question choice and readiness fusion, without a database: the rules the practice loop rests on."""

from __future__ import annotations

from mulakat.assessment.readiness import score_readiness
from mulakat.practice.mastery import prior, update
from mulakat.practice.session import PracticeQuestion, choose_question, fuse_practice, practice_targets
from tests.support.core import analyse

AT = "2026-12-01T10:00:00+00:00"


def practised(skill: str, scores: list[float], difficulty: int = 2, credit: float = 0.0):  # type: ignore[no-untyped-def]
    m = prior(skill, credit)
    for s in scores:
        m = update(m, s, difficulty, AT)
    return m


def test_fusion_needs_real_evidence_and_then_raises_the_score() -> None:
    _, _, skills, reqs, results = analyse()
    base = score_readiness(results, reqs, skills, this_year=2026)
    terraform = next(r for r in results if r.skill == "Terraform")
    assert terraform.status == "missing"
    # Two failed answers are no evidence of knowing Terraform: nothing changes.
    weak, weak_readiness = fuse_practice(results, reqs, skills, {"terraform": practised("terraform", [0, 0])}, 2026, 1)
    assert next(r for r in weak if r.skill == "Terraform").status == "missing"
    assert weak_readiness.score == base.score
    # Many strong answers on hard questions do: the requirement is credited and the reason says why.
    strong = {"terraform": practised("terraform", [1.0] * 12, difficulty=3)}
    fused, readiness = fuse_practice(results, reqs, skills, strong, 2026, 1)
    credited = next(r for r in fused if r.skill == "Terraform")
    assert (
        credited.status in ("partial", "met")
        and credited.credit > 0.2
        and "In practice you showed it" in credited.reason
    )
    assert readiness.score > base.score
    assert readiness.high - readiness.low <= base.high - base.low


def test_targets_put_must_have_gaps_first_and_bring_weak_answers_back() -> None:
    _, _, _, reqs, results = analyse()
    targets = practice_targets(results, reqs, {}, AT)
    assert targets[0].skill == "kubernetes"  # must-have, only related evidence
    assert "terraform" in [t.skill for t in targets] and "docker" not in [t.skill for t in targets]
    weak_docker = practised("docker", [0.1], credit=1.0)
    later = practice_targets(results, reqs, {"docker": weak_docker}, "2026-12-03T10:00:00+00:00")
    docker = next(t for t in later if t.skill == "docker")
    assert "due for review" in docker.why


def question(qid: str, difficulty: int) -> PracticeQuestion:
    return PracticeQuestion(
        id=qid,
        text=f"q{qid}",
        skill="k8s",
        skill_name="Kubernetes",
        requirement=None,
        kind="technical",
        difficulty=difficulty,
        rubric=["a point"],
        source="test",
        why="",
    )


def test_choice_matches_difficulty_to_mastery_and_never_repeats() -> None:
    pool = [question("easy", 1), question("mid", 2), question("hard", 3)]
    novice, expert = prior("k8s", 0.0), practised("k8s", [1.0] * 10, difficulty=3)
    assert choose_question(pool, novice, set()) == pool[0]
    chosen = choose_question(pool, expert, set())
    assert chosen is not None and chosen.difficulty == 3
    assert choose_question(pool, expert, {"hard"}) == pool[1]
    assert choose_question(pool, novice, {"easy", "mid", "hard"}) is None
