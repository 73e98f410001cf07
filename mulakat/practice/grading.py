"""Grade a practice answer: the honesty gate, then key points covered (quoted) or contradicted, then STAR if behavioral.

Everything here is deterministic given the embedding function: one batched embed call per graded answer. The score
follows coverage: the key points' part is 100 times the share of points covered, so an answer that makes 1 of 4
points scores 25 (or half that with STAR).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import numpy as np
from pydantic import BaseModel

from mulakat.practice.answer_text import answer_spans, content_stems, sentences
from mulakat.practice.contradiction import find_flips
from mulakat.practice.coverage import (
    SHIPPED,
    CoverageParams,
    EvidenceTable,
    KeyPointResult,
    evidence_table,
    match_points,
)
from mulakat.practice.honesty import Verdict, honesty_gate
from mulakat.practice.star import StarAnalysis, analyze_star

# Checkpoints written before the split name KeyPointResult and StarAnalysis in this module; they resolve here.
__all__ = ["Embed", "Grade", "KeyPointResult", "StarAnalysis", "Verdict", "grade_answer"]

Embed = Callable[[list[str]], list[list[float]]]

# Below this best cosine between the answer and the question or any rubric point, the answer is off topic.
OFF_TOPIC_SIMILARITY = 0.3
# Honesty verdicts and answers this short never score above this.
LOW_SCORE_CAP = 10
MIN_CONTENT_WORDS = 3


class Grade(BaseModel):
    score: int
    coverage: float
    """Fraction of the rubric's key points the answer covers (0 with no rubric)."""
    key_points: list[KeyPointResult]
    missing: list[str]
    verdict: Verdict
    honesty: str | None
    """Why the score is low, in a plain sentence, when the answer could not be credited."""
    star: StarAnalysis | None
    parts: list[tuple[str, float]]
    """How the score was built; the points add up to the score."""
    graded_by: Literal["core", "model"] = "core"
    fallback: bool = False
    """True when a configured chat model failed and the deterministic core's grade is shown instead."""
    dropped_claims: int = 0
    """Model claims dropped because their quote is not in the answer."""


def _rounded(parts: list[tuple[str, float]]) -> list[tuple[str, float]]:
    return [(name, float(round(points))) for name, points in parts]


def _no_credit(
    rubric: list[str], verdict: Verdict, honesty: str, kind: str, answer: str, sims: list[float] | None = None
) -> Grade:
    points = [
        KeyPointResult(point=p, covered=False, similarity=sims[i] if sims else 0.0, quote=None, start=None, end=None)
        for i, p in enumerate(rubric)
    ]
    return Grade(
        score=0,
        coverage=0.0,
        key_points=points,
        missing=list(rubric),
        verdict=verdict,
        honesty=honesty,
        star=analyze_star(answer) if kind == "behavioral" else None,
        parts=[(f"no credit: {verdict.replace('_', ' ')}", 0.0)],
    )


def answer_evidence(question: str, rubric: list[str], answer: str, embed: Embed) -> tuple[EvidenceTable, float]:
    """The evidence table coverage decides on, and the answer's relevance (best cosine to the question or a point)."""
    spans = answer_spans(answer)
    targets = [*rubric, question]
    vectors = np.asarray(embed([*targets, *(answer[s:e] for s, e in spans)]), dtype=np.float32)
    cos = vectors[: len(targets)] @ vectors[len(targets) :].T
    said = sentences(answer)
    table = evidence_table(answer, question, rubric, spans, said, cos[:-1], cos[-1], find_flips(answer, rubric, said))
    return table, float(cos.max()) if cos.size else 0.0


def grade_answer(
    question: str,
    rubric: list[str],
    answer: str,
    embed: Embed,
    *,
    kind: str = "technical",
    params: CoverageParams = SHIPPED,
) -> Grade:
    """Grade an answer: honesty gate first, then key points covered by quoted spans, then STAR if behavioral."""
    gated = honesty_gate(question, answer)
    if gated is not None:
        return _no_credit(rubric, gated[0], gated[1], kind, answer)
    table, relevance = answer_evidence(question, rubric, answer, embed)
    key_points = match_points(answer, rubric, table, params)
    covered = [k for k in key_points if k.covered]
    if relevance < OFF_TOPIC_SIMILARITY and not covered:
        off = "The answer does not address the question or any of the points it asks about."
        return _no_credit(rubric, "off_topic", off, kind, answer, [k.similarity for k in key_points])
    coverage = len(covered) / len(rubric) if rubric else 0.0
    if rubric:
        parts = [(f"key points {len(covered)}/{len(rubric)}", 100 * coverage)]
    else:
        # No rubric: credit how closely the answer addresses the question itself.
        parts = [("relevance to the question", 100 * min(1.0, max(0.0, (relevance - 0.3) / 0.4)))]
    star = analyze_star(answer) if kind == "behavioral" else None
    if star is not None:
        present = 4 - len(star.missing)
        parts = [(name, points / 2) for name, points in parts]
        parts.append((f"STAR {present}/4", 40 * present / 4))
        quantified = "quantified result" if star.result_quantified else "result not quantified"
        parts.append((quantified, 10.0 * star.result_quantified))
    parts = _rounded(parts)
    score = int(sum(points for _, points in parts))
    honesty = None
    words = len(content_stems(answer))
    if words < MIN_CONTENT_WORDS and score > LOW_SCORE_CAP:
        parts.append((f"cap: only {words} content word{'s' * (words != 1)}", float(LOW_SCORE_CAP - score)))
        score = LOW_SCORE_CAP
        honesty = f"The answer has only {words} content word{'s' * (words != 1)}; too short to show understanding."
    return Grade(
        score=score,
        coverage=round(coverage, 3),
        key_points=key_points,
        missing=[k.point for k in key_points if not k.covered],
        verdict="ok",
        honesty=honesty,
        star=star,
        parts=parts,
    )
