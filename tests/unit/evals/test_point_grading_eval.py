"""The known-subset grading eval: labels load and check, values are chosen on the tuning half only, and the
metrics count what they say (precision, recall, wrong statements credited or called out)."""

from __future__ import annotations

import numpy as np

from evals.quality.grading_subsets import KnownAnswer, Wrong, load_known_answers, question_halves
from evals.quality.point_metrics import Judged, point_counts, wrong_counts
from evals.quality.point_tuning import GRIDS, Prepared, choose
from mulakat.practice.coverage import EvidenceTable, KeyPointResult
from tests.support.paths import requires_shared_data


def _known(qid: str, covered: set[int], answer: str = "one. two.", wrong: Wrong | None = None) -> KnownAnswer:
    return KnownAnswer(qid, qid, "pack", "a", "q?", ("A", "B"), answer, frozenset(covered), wrong)


def _prepared(known: KnownAnswer, half: str, evidence: list[list[float]]) -> Prepared:
    spans = [(0, 4), (5, 9)]
    e = np.asarray(evidence, dtype=np.float32)
    distinct = e - e[::-1]  # two points: each less the other
    table = EvidenceTable(spans, spans, [0, 1], [0, 1], e, distinct, [])
    return Prepared(known.question, list(known.rubric), known.answer, half, table, known)


def test_values_are_chosen_on_the_tuning_half_only() -> None:
    # Tuning: point A scores 1.0 (covered), point B 0.6 (not covered), so only thresholds above 0.6 are right.
    # Held: both points score 0.55 and both are covered, which a threshold of 0.55 or below would get right.
    tuning = _prepared(_known("t", {0}), "tuning", [[0.5, 0.0], [0.0, 0.3]])
    held = _prepared(_known("h", {0, 1}), "held", [[0.55, 0.0], [0.0, 0.55]])
    chosen = choose([tuning, held], [])
    assert chosen.cover_threshold > 0.6
    assert chosen.cover_threshold == max(GRIDS["cover_threshold"])  # ties go to the stricter value
    assert choose([tuning], []) == chosen  # the held half does not move it


def _point(covered: bool, contradicted: bool = False, at: tuple[int, int] | None = None) -> KeyPointResult:
    start, end = at or (None, None)
    return KeyPointResult(
        point="p",
        covered=covered,
        similarity=0.0,
        quote=None,
        start=None,
        end=None,
        contradicted=contradicted,
        contradiction_start=start,
        contradiction_end=end,
    )


def test_counts_say_what_they_count() -> None:
    answer = "Right thing. Wrong thing."
    wrong = Wrong(statement="Wrong thing.", contradicts=1)
    credited = Judged(_known("a", {0}, answer, wrong), "tuning", [_point(True), _point(True)], 100)
    called = Judged(_known("b", {0}, answer, wrong), "tuning", [_point(True), _point(False, True, (13, 25))], 50)
    false_call = Judged(_known("c", {0, 1}), "tuning", [_point(False, True, (0, 4)), _point(True)], 50)
    counts = point_counts([credited, called, false_call])
    assert (counts.tp, counts.fp, counts.fn) == (3, 1, 1)
    w = wrong_counts([credited, called, false_call])
    assert (w.answers, w.credited, w.called_out, w.false_calls) == (2, 1, 1, 1)


@requires_shared_data
def test_the_known_subset_loads_whole_and_splits_by_question() -> None:
    answers = load_known_answers()
    assert len(answers) == 240 and {a.variant for a in answers} == set("abcd")
    assert all(a.wrong is not None for a in answers if a.variant == "d")
    half = question_halves(answers)
    assert len(half) == 60 and sum(h == "tuning" for h in half.values()) == 30
    for source in ("external", "pack"):  # both sources fall in both halves
        assert {half[a.question_id] for a in answers if a.source == source} == {"tuning", "held"}
