"""Key-point coverage: which rubric points an answer covers, each credited only with the answer span that says it."""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel

from mulakat.practice.answer_text import content_stems

# Calibrated on 30-seconds-of-interviews (reference answers against their own and an unrelated question's
# goodToHear points, `mulakat eval grading`): a point counts as covered when the blended match reaches this.
COVER_THRESHOLD = 0.45
# Added to the cosine, times the share of the point's content words (lightly stemmed) the span repeats.
LEXICAL_BONUS = 0.2


class KeyPointResult(BaseModel):
    point: str
    covered: bool
    similarity: float
    """Best match between the point and an answer span: cosine plus a bonus for shared content words."""
    quote: str | None
    """answer[start:end] of the span that covers the point; None when it is not covered."""
    start: int | None
    end: int | None


def _lexical(point_stems: set[str], span_stems: set[str]) -> float:
    return len(point_stems & span_stems) / len(point_stems) if point_stems else 0.0


def match_points(answer: str, rubric: list[str], spans: list[tuple[int, int]], cos: np.ndarray) -> list[KeyPointResult]:
    """Each rubric point's best answer span; cos holds a row per point and a column per span."""
    span_stems = [set(content_stems(answer[s:e])) for s, e in spans]
    results = []
    for i, point in enumerate(rubric):
        stems = set(content_stems(point))
        blended = [
            min(1.0, float(cos[i, j]) + LEXICAL_BONUS * _lexical(stems, span_stems[j])) for j in range(len(spans))
        ]
        best = int(np.argmax(blended)) if blended else 0
        similarity = round(blended[best], 3) if blended else 0.0
        covered = similarity >= COVER_THRESHOLD
        s, e = spans[best] if covered else (None, None)
        quote = answer[s:e] if s is not None and e is not None else None
        results.append(KeyPointResult(point=point, covered=covered, similarity=similarity, quote=quote, start=s, end=e))
    return results
