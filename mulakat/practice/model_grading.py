"""Optional model grading, checked: the model judges each rubric point, and every claim must quote the answer.

A claim whose quote is not a verbatim part of the answer is dropped and counted. The honesty gate of the
deterministic core stands: an answer it refuses is never sent to the model to be argued up. So do its
contradictions: a point the core found the answer saying the opposite of stays uncredited and called out.
"""

from __future__ import annotations

from pydantic import BaseModel

from mulakat.practice.coverage import KeyPointResult
from mulakat.practice.grading import Grade

MIN_QUOTE_CHARS = 3


class PointJudgement(BaseModel):
    point: int
    """1-based number of the rubric point."""
    covered: bool
    quote: str = ""


class RubricJudgement(BaseModel):
    points: list[PointJudgement]


def apply_judgement(core: Grade, rubric: list[str], answer: str, judged: RubricJudgement) -> tuple[Grade, int]:
    """The grade the verified claims support, and how many claims were dropped."""
    spans: dict[int, tuple[int, int]] = {}
    dropped = 0
    for claim in judged.points:
        if not 1 <= claim.point <= len(rubric):
            dropped += 1
            continue
        if not claim.covered:
            continue
        quote = claim.quote.strip()
        start = answer.find(quote) if len(quote) >= MIN_QUOTE_CHARS else -1
        if start < 0:
            dropped += 1
            continue
        spans[claim.point - 1] = (start, start + len(quote))
    key_points = []
    for i, point in enumerate(rubric):
        theirs = core.key_points[i] if i < len(core.key_points) else None
        if theirs is not None and theirs.contradicted:
            spans.pop(i, None)
            key_points.append(theirs)
            continue
        found = spans.get(i)
        key_points.append(
            KeyPointResult(
                point=point,
                covered=found is not None,
                similarity=theirs.similarity if theirs is not None else 0.0,
                quote=answer[found[0] : found[1]] if found else None,
                start=found[0] if found else None,
                end=found[1] if found else None,
            )
        )
    covered = len(spans)
    weight = 50.0 if core.star is not None else 100.0  # behavioural answers keep the core's STAR parts
    parts = [
        (f"key points {covered}/{len(rubric)} (model, quotes verified)", float(round(weight * covered / len(rubric))))
    ]
    parts += core.parts[1:] if core.star is not None else []
    grade = core.model_copy(
        update={
            "score": int(sum(p for _, p in parts)),
            "coverage": round(covered / len(rubric), 3),
            "key_points": key_points,
            "missing": [k.point for k in key_points if not k.covered],
            "parts": parts,
            "graded_by": "model",
            "dropped_claims": dropped,
        }
    )
    return grade, dropped
