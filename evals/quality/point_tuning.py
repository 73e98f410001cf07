"""Choose the coverage thresholds on the tuning half of the known-subset questions, and report both halves.

Each answer is embedded once (its evidence table); every value on the grids is then a cheap re-decision. The
criterion is the one the targets set: the smaller of precision's margin over 0.85 and recall's over 0.80, on the
tuning half; ties go to fewer wrong statements credited, then to more reference-answer points covered (the
corpus's own answers, tuning half), then to the stricter value. How many content words a call-out needs is
chosen after, by wrong statements called out less call-outs on correct text.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from evals.quality.grading_subsets import KnownAnswer, question_halves
from evals.quality.point_metrics import HALVES_AND_ALL, Judged, in_half, point_counts, wrong_counts
from mulakat.practice.coverage import SHIPPED, CoverageParams, EvidenceTable, match_points
from mulakat.practice.grading import Embed, answer_evidence, grade_answer
from mulakat.practice.honesty import honesty_gate

PRECISION_TARGET = 0.85
RECALL_TARGET = 0.80
GRIDS: dict[str, tuple[float, ...]] = {
    "cover_threshold": tuple(round(0.5 + 0.025 * k, 3) for k in range(13)),
    "flip_similarity": (0.2, 0.3, 0.4, 0.5),
    "shared_margin": (0.0, 0.1, 0.2, 0.3),
    "call_anchors": (1, 2, 3),
}


def memoized(embed: Embed) -> Embed:
    """The same embedding function, embedding each distinct text once however often it is asked for."""
    cache: dict[str, list[float]] = {}

    def inner(texts: list[str]) -> list[list[float]]:
        missing = [t for t in dict.fromkeys(texts) if t not in cache]
        if missing:
            cache.update(zip(missing, embed(missing), strict=True))
        return [cache[t] for t in texts]

    return inner


@dataclass(frozen=True)
class Prepared:
    """An answer with its rubric, its half and its evidence table (None when the honesty gate refuses it)."""

    question: str
    rubric: list[str]
    answer: str
    half: str
    table: EvidenceTable | None
    known: KnownAnswer | None = None


def prepare_known(answers: Sequence[KnownAnswer], embed: Embed) -> list[Prepared]:
    half = question_halves(list(answers))
    return [
        Prepared(
            a.question,
            list(a.rubric),
            a.answer,
            half[a.question_id],
            _table(a.question, list(a.rubric), a.answer, embed),
            a,
        )
        for a in answers
    ]


def prepare_references(questions: Sequence[dict[str, Any]], half: dict[str, str], embed: Embed) -> list[Prepared]:
    """The corpus's reference answers, whose points count as covered: the figure the grader must not lose."""
    return [
        Prepared(
            q["question"],
            q["rubric"],
            q["answer"],
            half[q["name"]],
            _table(q["question"], q["rubric"], q["answer"], embed),
        )
        for q in questions
    ]


def _table(question: str, rubric: list[str], answer: str, embed: Embed) -> EvidenceTable | None:
    return None if honesty_gate(question, answer) else answer_evidence(question, rubric, answer, embed)[0]


def decide(prepared: Sequence[Prepared], params: CoverageParams) -> list[Judged]:
    """Key points at these values; the score is the share covered (what grade_answer gives a technical answer)."""
    out = []
    for p in prepared:
        if p.known is None:
            continue
        points = match_points(p.answer, p.rubric, p.table, params) if p.table is not None else []
        covered = sum(k.covered for k in points)
        out.append(Judged(p.known, p.half, points, round(100 * covered / len(p.rubric))))
    return out


def reference_coverage(references: Sequence[Prepared], params: CoverageParams, half: str) -> float:
    shares = [
        statistics.fmean(k.covered for k in match_points(r.answer, r.rubric, r.table, params)) if r.table else 0.0
        for r in references
        if half == "all" or r.half == half
    ]
    return statistics.fmean(shares) if shares else 0.0


def _coverage_key(judged: list[Judged], references: Sequence[Prepared], params: CoverageParams) -> tuple[float, ...]:
    tuning = in_half(judged, "tuning")
    c, w = point_counts(tuning), wrong_counts(tuning)
    margin = min(c.precision - PRECISION_TARGET, c.recall - RECALL_TARGET)
    credited = w.credited / w.answers if w.answers else 0.0
    return (
        round(margin, 3),
        -credited,
        round(reference_coverage(references, params, "tuning"), 3),
        params.cover_threshold,
    )


def choose(known: Sequence[Prepared], references: Sequence[Prepared]) -> CoverageParams:
    """The values the criterion picks on the tuning half (see the module's docstring)."""
    candidates = [
        CoverageParams(cover_threshold=t, flip_similarity=f, shared_margin=s, call_anchors=SHIPPED.call_anchors)
        for t, f, s in itertools.product(GRIDS["cover_threshold"], GRIDS["flip_similarity"], GRIDS["shared_margin"])
    ]
    best = max(candidates, key=lambda p: _coverage_key(decide(known, p), references, p))

    def calls(anchors: float) -> tuple[int, float]:
        w = wrong_counts(in_half(decide(known, replace(best, call_anchors=int(anchors))), "tuning"))
        return w.called_out - w.false_calls, anchors

    return replace(best, call_anchors=int(max(GRIDS["call_anchors"], key=calls)))


CHOICE_COLUMNS = ("parameter", "shipped", "chosen on the tuning half", "grid")


def choice_rows(chosen: CoverageParams) -> list[list[str]]:
    return [
        [
            f.name,
            f"{getattr(SHIPPED, f.name):g}",
            f"{getattr(chosen, f.name):g}",
            ", ".join(f"{v:g}" for v in GRIDS[f.name]),
        ]
        for f in fields(CoverageParams)
    ]


OUTCOME_COLUMNS = (
    "values, half",
    "precision",
    "recall",
    "wrong credited",
    "wrong called out",
    "false call-outs",
    "reference answers' coverage",
)


def outcome_rows(known: Sequence[Prepared], references: Sequence[Prepared], chosen: CoverageParams) -> list[list[str]]:
    """Shipped and chosen values, each on both halves and on all answers."""
    rows = []
    for label, params in (("shipped", SHIPPED), ("chosen", chosen)):
        judged = decide(known, params)
        for half in HALVES_AND_ALL:
            part = in_half(judged, half)
            c, w = point_counts(part), wrong_counts(part)
            rows.append(
                [
                    f"{label}, {half}",
                    f"{c.precision:.3f}",
                    f"{c.recall:.3f}",
                    f"{w.credited}/{w.answers}",
                    f"{w.called_out}/{w.answers}",
                    str(w.false_calls),
                    f"{reference_coverage(references, params, half):.3f}",
                ]
            )
    return rows


def graded(answers: Sequence[KnownAnswer], embed: Embed, params: CoverageParams = SHIPPED) -> list[Judged]:
    """The known answers through grade_answer itself (honesty gate, off-topic gate, the score and all)."""
    half = question_halves(list(answers))
    out = []
    for a in answers:
        g = grade_answer(a.question, list(a.rubric), a.answer, embed, params=params)
        out.append(Judged(a, half[a.question_id], g.key_points, g.score))
    return out
