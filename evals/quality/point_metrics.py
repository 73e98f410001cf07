"""What the grader got right on the known-subset answers: per-point precision and recall of "covered", wrong
statements credited or called out, and scores per variant. Pure functions over already graded answers."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from evals.quality.grading_subsets import KnownAnswer
from mulakat.practice.coverage import KeyPointResult

HALVES_AND_ALL = ("tuning", "held", "all")
# A candidate who made 1 of 4 or more points should not see a pass-like score.
ONE_POINT_CAP = 40


@dataclass(frozen=True)
class Judged:
    known: KnownAnswer
    half: str
    key_points: list[KeyPointResult]
    score: int


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _wrong_span(j: Judged) -> tuple[int, int] | None:
    if j.known.wrong is None:
        return None
    start = j.known.answer.find(j.known.wrong.statement)
    return start, start + len(j.known.wrong.statement)


def in_half(judged: Sequence[Judged], half: str) -> list[Judged]:
    return [j for j in judged if half == "all" or j.half == half]


@dataclass(frozen=True)
class PointCounts:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0


def point_counts(judged: Sequence[Judged]) -> PointCounts:
    """Every rubric point of every answer: covered by the grader against covered by the labels."""
    tp = fp = fn = 0
    for j in judged:
        for i, k in enumerate(j.key_points):
            labelled = i in j.known.covered
            tp += k.covered and labelled
            fp += k.covered and not labelled
            fn += labelled and not k.covered
    return PointCounts(tp, fp, fn)


@dataclass(frozen=True)
class WrongCounts:
    answers: int
    """Answers with a wrong statement (the d variants)."""
    credited: int
    """Their contradicted point graded covered."""
    called_out: int
    """Their contradicted point graded contradicted, citing a sentence that holds the wrong statement."""
    false_calls: int
    """Points graded contradicted on a sentence that holds no wrong statement (in any answer)."""


def wrong_counts(judged: Sequence[Judged]) -> WrongCounts:
    answers = credited = called = false = 0
    for j in judged:
        wrong = _wrong_span(j)
        for k in j.key_points:
            cited = (k.contradiction_start or 0, k.contradiction_end or 0)
            on_wrong = wrong is not None and k.contradicted and _overlap(cited, wrong)
            false += k.contradicted and not on_wrong
        if wrong is not None and j.known.wrong is not None:
            point = j.key_points[j.known.wrong.contradicts]
            cited = (point.contradiction_start or 0, point.contradiction_end or 0)
            answers += 1
            credited += point.covered
            called += point.contradicted and _overlap(cited, wrong)
    return WrongCounts(answers, credited, called, false)


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "-"


GROUPS: dict[str, Callable[[Judged], bool]] = {
    "all answers": lambda j: True,
    "variant a (1 point)": lambda j: j.known.variant == "a",
    "variant b (about half)": lambda j: j.known.variant == "b",
    "variant c (all but one)": lambda j: j.known.variant == "c",
    "variant d (half + a wrong statement)": lambda j: j.known.variant == "d",
    "external (30-seconds-of-interviews)": lambda j: j.known.source == "external",
    "pack (our packs)": lambda j: j.known.source == "pack",
}
POINT_COLUMNS = ("half", "answers", "points", "labelled covered", "graded covered", "precision", "recall")


def point_rows(judged: Sequence[Judged]) -> list[list[str]]:
    """Precision and recall of "covered" per half, overall and per group."""
    rows = []
    for half in HALVES_AND_ALL:
        for group, keep in GROUPS.items():
            chosen = [j for j in in_half(judged, half) if keep(j)]
            c = point_counts(chosen)
            rows.append(
                [
                    f"{half}: {group}",
                    str(len(chosen)),
                    str(sum(len(j.key_points) for j in chosen)),
                    str(c.tp + c.fn),
                    str(c.tp + c.fp),
                    f"{c.precision:.3f}",
                    f"{c.recall:.3f}",
                ]
            )
    return rows


WRONG_COLUMNS = ("half", "answers with a wrong statement", "credited (covered)", "called out", "false call-outs")


def wrong_rows(judged: Sequence[Judged]) -> list[list[str]]:
    rows = []
    for half in HALVES_AND_ALL:
        w = wrong_counts(in_half(judged, half))
        rows.append(
            [
                half,
                str(w.answers),
                f"{w.credited} ({_share(w.credited, w.answers)})",
                f"{w.called_out} ({_share(w.called_out, w.answers)})",
                str(w.false_calls),
            ]
        )
    return rows


SCORE_COLUMNS = ("half: variant", "answers", "fair score (labels)", "mean score", "p50", "max", "share over fair + 25")


def score_rows(judged: Sequence[Judged]) -> list[list[str]]:
    """Scores per variant, beside the score the labels would give (100 x share of points covered)."""
    rows = []
    for half in HALVES_AND_ALL:
        for variant in "abcd":
            chosen = [j for j in in_half(judged, half) if j.known.variant == variant]
            if not chosen:
                continue
            fair = [100 * len(j.known.covered) / len(j.known.rubric) for j in chosen]
            scores = [j.score for j in chosen]
            over = sum(s > f + 25 for s, f in zip(scores, fair, strict=True))
            rows.append(
                [
                    f"{half}: {variant}",
                    str(len(chosen)),
                    f"{statistics.fmean(fair):.1f}",
                    f"{statistics.fmean(scores):.1f}",
                    f"{statistics.median(scores):.0f}",
                    str(max(scores)),
                    _share(over, len(chosen)),
                ]
            )
    return rows


CAP_COLUMNS = ("half", "answers covering 1 of 4+ points", f"scoring over {ONE_POINT_CAP}", "max score")


def one_point_rows(judged: Sequence[Judged]) -> list[list[str]]:
    rows = []
    for half in HALVES_AND_ALL:
        chosen = [j for j in in_half(judged, half) if len(j.known.covered) == 1 and len(j.known.rubric) >= 4]
        over = sum(j.score > ONE_POINT_CAP for j in chosen)
        rows.append([half, str(len(chosen)), str(over), str(max((j.score for j in chosen), default=0))])
    return rows
