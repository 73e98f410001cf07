"""The benchmarks' simulated answers: varied, mixed in kind and length, and never the rubric pasted back."""

from __future__ import annotations

from collections import Counter

import pytest

from evals.benchmarks.answers import KINDS, LONGEST_QUOTE, simulated_answer, verbatim_points
from evals.benchmarks.load import documents
from mulakat.packs.loader import load_packs
from tests.support.paths import requires_shared_data

QUESTIONS = [(q.text, list(q.rubric)) for pack in load_packs().values() for q in pack.questions]


def test_no_answer_repeats_a_rubric_point_for_any_shipped_question() -> None:
    for i, (text, rubric) in enumerate(QUESTIONS):
        for candidate in range(8):
            _, answer = simulated_answer(text, rubric, candidate, i)
            assert not verbatim_points(answer, rubric), (text, answer)


def test_a_pasted_point_is_caught() -> None:
    point = "Containers share the host kernel, virtual machines do not"
    assert verbatim_points(f"Well. {point.lower()}, I think.", [point]) == [point]
    assert verbatim_points("short", ["short"]) == []  # only points over LONGEST_QUOTE characters count
    assert len(point) > LONGEST_QUOTE


def test_answers_differ_per_candidate_and_turn_and_mix_kinds_and_lengths() -> None:
    text, rubric = next((t, r) for t, r in QUESTIONS if len(r) >= 3)
    answers = [simulated_answer(text, rubric, c, t) for c in range(20) for t in range(10)]
    kinds = Counter(kind for kind, _ in answers)
    assert set(kinds) == set(KINDS)
    # Empty-ish answers come from a short list; every other kind is new each time.
    substantive = [a for kind, a in answers if kind != "empty-ish"]
    assert len(set(substantive)) >= 0.95 * len(substantive)
    assert len({len(a.split()) for a in substantive}) >= 15
    assert simulated_answer(text, rubric, 3, 4) == simulated_answer(text, rubric, 3, 4)


@pytest.mark.parametrize("count", [1, 100])
@requires_shared_data
def test_load_candidates_get_their_own_documents(count: int) -> None:
    pairs = documents(count)
    assert len(pairs) == count == len(set(pairs))
    assert all(cv.startswith("vanetik-") and posting.startswith("skillspan-dev-") for cv, posting in pairs)
    if count == 100:
        assert len({cv for cv, _ in pairs}) == 35


def test_verdict_rows_put_the_honesty_gates_share_first() -> None:
    from evals.benchmarks.practice_bench import verdict_rows

    rows = verdict_rows(["ok", "dont_know", "empty", "off_topic"])
    assert rows[0] == ["stopped by the honesty gate (no embedding)", "2", "0.500"]
    assert ["verdict off_topic", "1", "0.250"] in rows
