"""Key-point coverage: which rubric points an answer makes, each quoted with the shortest span that makes it.

A span's evidence for a point is its cosine to the point, plus a bonus for the point's own content words, less
a share of its cosine to the question (saying the topic is not making a point). Its score adds how far that
evidence beats the best other point's on the same span, and a point is covered when a span's score reaches the
cover threshold. A span that overlaps a quote already given to another point needs a margin more: one span is
the evidence for several points only when it clearly makes them all. A sentence about the point that says its
opposite (contradiction.py) is never its evidence; with enough words in common it is called out instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from pydantic import BaseModel

from mulakat.practice.answer_text import content_stems
from mulakat.practice.contradiction import Flip

# Chosen on the tuning half of the known-subset answers (`mulakat eval grading`, the chosen-values table).
COVER_THRESHOLD = 0.65
FLIP_SIMILARITY = 0.2
CALL_ANCHORS = 2
SHARED_MARGIN = 0.2
# Fixed by reasoning, not tuned: a flipped sentence must be about this point about as much as about any other
# (within NEAR_BEST of the point it matches best), and the quote is the shortest span within QUOTE_SLACK of the
# best evidence.
NEAR_BEST = 0.1
QUOTE_SLACK = 0.1
# Evidence weights: the point's content words found in the span, and the span's cosine to the question.
LEXICAL_WEIGHT = 0.35
QUESTION_WEIGHT = 0.2


@dataclass(frozen=True)
class CoverageParams:
    cover_threshold: float = COVER_THRESHOLD
    """Evidence plus distinctness a span needs to cover a point."""
    flip_similarity: float = FLIP_SIMILARITY
    """Evidence a flipped sentence needs for the flip to count: it then cannot cover the point."""
    call_anchors: int = CALL_ANCHORS
    """Content words beyond the flip a clause must share with the point to be called out as contradicting it."""
    shared_margin: float = SHARED_MARGIN
    """How far above the cover threshold a span must score to cover a point when every span that could overlaps
    another point's quote: one span is the evidence for several points only when it clearly states them all."""


SHIPPED = CoverageParams()


class KeyPointResult(BaseModel):
    point: str
    covered: bool
    similarity: float
    """Score (evidence plus its lead over the other points) of the best span outside a contradicting sentence."""
    quote: str | None
    """answer[start:end], the shortest span that makes the point; None when it is not covered."""
    start: int | None
    end: int | None
    contradicted: bool = False
    """The answer says the opposite of this point (and does not make it elsewhere)."""
    contradiction: str | None = None
    """answer[contradiction_start:contradiction_end], the sentence that says the opposite."""
    contradiction_start: int | None = None
    contradiction_end: int | None = None


@dataclass(frozen=True)
class EvidenceTable:
    """What coverage decides on, computed once per answer: thresholds can then be varied without embedding again."""

    spans: list[tuple[int, int]]
    sentences: list[tuple[int, int]]
    sentence_of: list[int]
    """Index of the sentence each span lies in."""
    sentence_span: list[int | None]
    """Index of each sentence among the spans (None if it was cut by the span limit)."""
    evidence: np.ndarray
    """Points x spans."""
    distinct: np.ndarray
    """Points x spans: evidence less the best other point's evidence on the same span."""
    flips: list[Flip]


def _lexical(rubric: list[str], question: str, spans: list[str]) -> np.ndarray:
    """Share of each point's content words found in each span: words of the question count 0, of another point 0.5."""
    asked = set(content_stems(question))
    stems = [set(content_stems(p)) for p in rubric]
    out = np.zeros((len(rubric), len(spans)), dtype=np.float32)
    said = [set(content_stems(s)) for s in spans]
    for i, own in enumerate(stems):
        others = set().union(*(stems[:i] + stems[i + 1 :]))
        weights = {w: 0.0 if w in asked else 0.5 if w in others else 1.0 for w in own}
        total = sum(weights.values())
        if total:
            out[i] = [sum(v for w, v in weights.items() if w in words) / total for words in said]
    return out


def _distinct(evidence: np.ndarray) -> np.ndarray:
    if evidence.shape[0] < 2:
        return evidence.copy()
    out = np.empty_like(evidence)
    for i in range(evidence.shape[0]):
        out[i] = evidence[i] - np.delete(evidence, i, axis=0).max(axis=0)
    return out


def evidence_table(
    answer: str,
    question: str,
    rubric: list[str],
    spans: list[tuple[int, int]],
    sentences: list[tuple[int, int]],
    point_cos: np.ndarray,
    question_cos: np.ndarray,
    flips: list[Flip],
) -> EvidenceTable:
    """point_cos: points x spans cosines; question_cos: the question's cosine to each span."""
    texts = [answer[s:e] for s, e in spans]
    evidence = point_cos + LEXICAL_WEIGHT * _lexical(rubric, question, texts) - QUESTION_WEIGHT * question_cos[None, :]
    sentence_of = [next((k for k, (s, e) in enumerate(sentences) if s <= a and b <= e), 0) for a, b in spans]
    index = {span: j for j, span in enumerate(spans)}
    return EvidenceTable(
        spans=spans,
        sentences=sentences,
        sentence_of=sentence_of,
        sentence_span=[index.get(s) for s in sentences],
        evidence=evidence,
        distinct=_distinct(evidence),
        flips=flips,
    )


def _counted_flips(table: EvidenceTable, params: CoverageParams) -> list[Flip]:
    """Flips in sentences about the point: enough evidence for it, and nearly as much as for any other point."""
    out = []
    for flip in table.flips:
        j = table.sentence_span[flip.sentence]
        if j is None:
            continue
        column = table.evidence[:, j]
        if column[flip.point] >= params.flip_similarity and column[flip.point] >= column.max() - NEAR_BEST:
            out.append(flip)
    return out


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in taken)


def _quote(table: EvidenceTable, score: np.ndarray, allowed: np.ndarray) -> int:
    """The shortest allowed span whose score is within QUOTE_SLACK of the best allowed one."""
    best = float(score[allowed].max())
    fits = [int(j) for j in np.flatnonzero(allowed) if score[j] >= best - QUOTE_SLACK]
    return min(fits, key=lambda j: (table.spans[j][1] - table.spans[j][0], -score[j]))


def match_points(
    answer: str, rubric: list[str], table: EvidenceTable, params: CoverageParams = SHIPPED
) -> list[KeyPointResult]:
    """Each point covered (with its shortest quote), contradicted (with the clause), or neither."""
    score = table.evidence + table.distinct
    flips = _counted_flips(table, params)
    blocked = np.zeros(score.shape, dtype=bool)
    for flip in flips:
        blocked[flip.point] |= np.asarray(table.sentence_of) == flip.sentence
    taken: list[tuple[int, int]] = []
    order = sorted(range(len(rubric)), key=lambda i: -float(np.max(score[i], initial=-1.0)))
    found: dict[int, KeyPointResult] = {}
    for i in order:
        allowed = ~blocked[i] & (score[i] >= params.cover_threshold)
        fresh = allowed & np.array([not _overlaps(span, taken) for span in table.spans], dtype=bool)
        shared = allowed & (score[i] >= params.cover_threshold + params.shared_margin)
        allowed = fresh if fresh.any() else shared
        similarity = float(np.max(np.where(blocked[i], -1.0, score[i]), initial=0.0))
        result = KeyPointResult(
            point=rubric[i], covered=False, similarity=round(similarity, 3), quote=None, start=None, end=None
        )
        if allowed.any():
            j = _quote(table, score[i], allowed)
            taken.append(table.spans[j])
            s, e = table.spans[j]
            result = result.model_copy(update={"covered": True, "quote": answer[s:e], "start": s, "end": e})
        else:
            called = [f for f in flips if f.point == i and f.anchors >= params.call_anchors]
            if called:
                s, e = table.sentences[max(called, key=lambda f: f.anchors).sentence]
                update = {"contradiction": answer[s:e], "contradiction_start": s, "contradiction_end": e}
                result = result.model_copy(update={"contradicted": True, **update})
        found[i] = result
    return [found[i] for i in range(len(rubric))]
