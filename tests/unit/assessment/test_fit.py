"""Fit compares postings: level fit both ways, no reward for fewer requirements found, parts that add up."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

import pytest

from mulakat.assessment.fit import (
    DEFAULT_WEIGHTS,
    NEUTRAL,
    content_cosine,
    content_part,
    lexical_similarity,
    requirements_part,
    role_cosine,
    score_fit,
)
from mulakat.assessment.profile import CandidateProfile, PostingProfile, candidate_profile, posting_profile
from mulakat.documents.reader import read_document
from mulakat.models import Evidence, RequirementResult
from mulakat.skills.signals import job_title
from tests.support.core import analyse

TODAY = date(2026, 6, 1)


def _result(i: int, credit: float, priority: str = "must") -> RequirementResult:
    status = "met" if credit >= 0.9 else "partial" if credit > 0 else "missing"
    quote = Evidence(source="job", section="requirements", quote="x", start=0, end=1)
    return RequirementResult(
        id=f"req-{i}",
        text=f"skill {i}",
        skill=f"Skill {i}",
        priority=priority,  # type: ignore[arg-type]
        status=status,  # type: ignore[arg-type]
        credit=credit,
        reason="fixture",
        evidence=[quote],
    )


def _candidate(level: int | None, years: float | None) -> CandidateProfile:
    return CandidateProfile(level, "the latest role title", years, "across dated roles", "Backend developer", ())


def _posting(levels: tuple[int, int] | None, years: float | None = None) -> PostingProfile:
    return PostingProfile("Backend Developer", levels, years, "Backend Developer")


JUNIOR, MID, SENIOR, PRINCIPAL = (1, 1), (2, 2), (3, 3), (5, 5)
SAME_RESULTS = [_result(i, c) for i, c in enumerate([1.0, 1.0, 0.5, 0.0, 1.0, 0.35])]


def _fit(candidate: CandidateProfile, posting: PostingProfile) -> int:
    return score_fit(SAME_RESULTS, candidate, posting).score


def test_a_senior_fits_a_senior_posting_better_than_a_junior_one() -> None:
    senior = _candidate(3, 10.0)
    assert _fit(senior, _posting(SENIOR)) > _fit(senior, _posting(MID)) > _fit(senior, _posting(JUNIOR))
    level = {p.name: p for p in score_fit(SAME_RESULTS, senior, _posting(JUNIOR)).parts}["level"]
    assert "7 beyond the 3 it usually spans" in level.explanation and level.value < 0.5


def test_a_junior_fits_a_junior_posting_better_than_a_principal_one() -> None:
    junior = _candidate(1, 1.0)
    assert _fit(junior, _posting(JUNIOR)) > _fit(junior, _posting(SENIOR)) > _fit(junior, _posting(PRINCIPAL))
    fit = score_fit(SAME_RESULTS, junior, _posting(PRINCIPAL, 10.0))
    assert fit.reason.startswith("junior for a principal posting (4 levels under)")


def test_a_mid_candidate_is_penalised_on_both_sides() -> None:
    mid = _candidate(2, 4.0)
    best = _fit(mid, _posting(MID))
    assert best > _fit(mid, _posting(JUNIOR)) and best > _fit(mid, _posting(SENIOR))
    assert _fit(mid, _posting((1, 3))) == best  # inside an accepted range costs nothing


def test_years_alone_judge_the_level_when_the_posting_names_none() -> None:
    shown = [_fit(_candidate(None, years), _posting(None, 5.0)) for years in (1.0, 3.0, 6.0)]
    assert shown[0] < shown[1] < shown[2]
    assert _fit(_candidate(None, 25.0), _posting(None, 5.0)) < shown[2]  # far beyond what was asked


def test_an_unknown_level_is_neutral_not_a_perfect_match() -> None:
    unknown = score_fit(SAME_RESULTS, _candidate(None, None), _posting(SENIOR))
    level = {p.name: p for p in unknown.parts}["level"]
    assert level.value == 0.5 and "Not comparable" in level.explanation
    assert _fit(_candidate(3, 7.0), _posting(SENIOR)) > unknown.score > _fit(_candidate(1, 0.5), _posting(SENIOR))


@pytest.mark.parametrize("credit", [1.0, 0.9, 0.6, DEFAULT_WEIGHTS.prior])
def test_fewer_requirements_found_never_raise_the_requirements_part(credit: float) -> None:
    """At the same share met, a posting where fewer requirements were found scores no higher."""
    values = [
        requirements_part([_result(i, credit, "must" if i % 3 else "nice") for i in range(n)]).value
        for n in (1, 2, 3, 5, 9, 15, 30)
    ]
    assert all(fewer <= more + 1e-9 for fewer, more in zip(values, values[1:], strict=False))
    if credit > DEFAULT_WEIGHTS.prior:
        assert values[0] < values[-1]


def test_with_nothing_found_the_prior_stands_even_at_no_prior_weight() -> None:
    assert requirements_part([]).value == DEFAULT_WEIGHTS.prior
    assert requirements_part([], replace(DEFAULT_WEIGHTS, prior_weight=0.0)).value == DEFAULT_WEIGHTS.prior


def test_a_short_easy_posting_does_not_beat_a_long_well_covered_one() -> None:
    """The failure this part exists for: 3 of 3 met against 20 of 24 met."""
    short = [_result(i, 1.0) for i in range(3)]
    long = [_result(i, 1.0) for i in range(20)] + [_result(20 + i, 0.0) for i in range(4)]
    assert requirements_part(short).value < requirements_part(long).value


def test_must_haves_weigh_more_than_nice_to_haves() -> None:
    must_missing = [_result(0, 0.0, "must"), _result(1, 1.0, "nice")]
    nice_missing = [_result(0, 1.0, "must"), _result(1, 0.0, "nice")]
    assert requirements_part(must_missing).value < requirements_part(nice_missing).value


def test_points_add_up_to_the_score_exactly() -> None:
    rng = random.Random(17)
    for _ in range(200):
        results = [_result(i, rng.choice([0.0, 0.35, 0.5, 0.9, 1.0]), rng.choice(["must", "nice"])) for i in range(9)]
        candidate = _candidate(rng.choice([None, 1, 2, 3, 4]), rng.choice([None, 0.5, 3.0, 8.0, 15.0]))
        posting = _posting(rng.choice([None, JUNIOR, (2, 3), PRINCIPAL]), rng.choice([None, 2.0, 6.0]))
        fit = score_fit(results, candidate, posting, cosine=rng.choice([None, 0.1, 0.45, 0.9]))
        assert sum(p.points for p in fit.parts) == fit.score
        assert 0 <= fit.score <= 100 and all(0 <= p.value <= 1 for p in fit.parts)
        assert sum(p.weight for p in fit.parts) == pytest.approx(1.0)


def test_the_same_inputs_give_the_same_fit_in_any_order() -> None:
    results = [_result(i, c) for i, c in enumerate([1.0, 0.5, 0.0, 0.9])]
    first = score_fit(results, _candidate(2, 4.0), _posting(MID, 3.0), cosine=0.52)
    assert score_fit(results[::-1], _candidate(2, 4.0), _posting(MID, 3.0), cosine=0.52) == first


def test_role_similarity_prefers_the_same_kind_of_role() -> None:
    assert lexical_similarity("Java Developer", "Java backend engineer") > lexical_similarity(
        "Java Developer", "Finance controller"
    )
    close = score_fit(SAME_RESULTS, _candidate(2, 4.0), _posting(MID), cosine=0.8)
    far = score_fit(SAME_RESULTS, _candidate(2, 4.0), _posting(MID), cosine=0.1)
    assert close.score > far.score and "different role" in far.reason


def test_role_cosine_normalises_whatever_the_embedder_returns() -> None:
    def embed(texts: list[str]) -> list[list[float]]:
        return [[3.0, 4.0] if "Backend" in t else [4.0, 3.0] for t in texts]

    posting = PostingProfile("Data Analyst", None, None, "Data Analyst")
    assert role_cosine(embed, _candidate(2, 4.0), posting) == pytest.approx(24 / 25)
    assert role_cosine(embed, CandidateProfile(None, "", None, "", "", ()), posting) is None


RESUME = """Alex Doe
Senior Java developer with 9 years of experience in payments.

Experience
2019 - 2025 Senior Java Developer, Payco
- Built payment services in Java and Spring.
2014 - 2019 Java Developer, Bankly
- Java services.
"""


def _posting_doc(text: str) -> PostingProfile:
    doc = read_document("job", "job.txt", text.encode())
    return posting_profile(doc, [], job_title(doc))


def test_the_profiles_are_read_from_the_documents() -> None:
    doc = read_document("resume", "cv.txt", RESUME.encode())
    candidate = candidate_profile(doc, today=TODAY)
    assert (candidate.level, candidate.level_source) == (3, "the latest role title")
    assert (candidate.years, candidate.years_source) == (9.0, "as the resume states")
    assert candidate.titles[0].startswith("Senior Java Developer Payco")
    ranged = _posting_doc("Java Developer\nExperience level:\nMid-Level Senior\nMinimum 3 years in Java EE\n")
    assert (ranged.levels, ranged.years) == ((2, 3), 3.0)
    titled = _posting_doc("Principal Engineer\nAt least 10 years of experience. Founded 80 years ago.\n")
    assert (titled.levels, titled.years) == ((5, 5), 10.0)


def test_a_whole_analysis_ranks_the_matching_posting_first() -> None:
    senior_job = "Senior Java Developer\n\nRequirements\n- 5+ years of experience with Java\n- Spring\n"
    junior_job = "Junior Java Developer\n\nRequirements\n- Java\n"
    fits = {}
    for name, job in (("senior", senior_job), ("junior", junior_job)):
        resume, posting, skills, reqs, results = analyse(RESUME, job)
        fits[name] = score_fit(
            results,
            candidate_profile(resume, list(skills.values()), TODAY),
            posting_profile(posting, reqs, job_title(posting)),
        )
    assert fits["senior"].score > fits["junior"].score
    assert fits["junior"].reason.startswith("senior for a junior posting (over-qualified)")


def _word_vectors(texts: list[str]) -> list[list[float]]:
    """A bag of words over a small vocabulary: texts sharing words point the same way."""
    vocabulary = ["java", "spring", "services", "react", "pages", "kubernetes", "clusters", "built", "ran"]
    return [[float(t.lower().split().count(w)) + 0.01 for w in vocabulary] for t in texts]


def test_content_prefers_the_posting_that_speaks_to_the_resumes_work() -> None:
    resume = "Built Java services with Spring\nRan Java services on Kubernetes clusters"
    java = ["You will build Java services with Spring", "We run services on Kubernetes clusters"]
    frontend = ["You will build React pages for shoppers", "We care about React pages and design"]
    near = content_cosine(_word_vectors, resume, java)
    far = content_cosine(_word_vectors, resume, frontend)
    assert near is not None and far is not None and near > far
    assert content_part(near).value > content_part(far).value
    assert content_cosine(_word_vectors, "too short", java) is None  # no passage of four words: not comparable
    assert content_cosine(_word_vectors, resume, []) is None
    assert content_part(None).value == NEUTRAL
