"""The grading eval's honesty: halves split by sorted question, and varied junk answers."""

from __future__ import annotations

from evals.cases import Case
from evals.quality.grading import (
    QUESTIONS,
    grading_cases,
    halves,
    junk_rows,
    load_junk,
    load_questions,
    question_terms,
)
from tests.support.paths import requires_shared_data


def test_halves_alternate_in_sorted_order_whatever_the_input_order() -> None:
    names = ["d.md", "a.md", "c.md", "b.md", "e.md"]
    half = halves(names)
    assert half == halves(list(reversed(names)))
    assert [half[n] for n in sorted(names)] == ["tuning", "held", "tuning", "held", "tuning"]


def test_keyword_salad_names_the_questions_own_terms() -> None:
    assert question_terms("What is event delegation and why is it useful?") == ["event", "delegation", "useful"]
    assert question_terms("Why?") == ["it", "it", "it"]


def test_junk_set_is_our_own_and_large_enough() -> None:
    junk = load_junk()
    fixed = [*junk["off_topic"], *(n["text"] for n in junk["neighbouring"]), *junk["dont_know"], *junk["gibberish"]]
    templates = [*junk["keyword_salad"], *junk["confidently_wrong"]]
    assert len(set(fixed + templates)) >= 40
    assert len({len(text.split()) for text in junk["off_topic"]}) >= 8  # varied length, not one string


@requires_shared_data
def test_every_question_is_in_one_half_and_junk_varies_across_questions() -> None:
    cases = grading_cases()
    names = {q["name"] for q in load_questions(QUESTIONS)}
    half_of = {c.id.split(": ")[0]: c.outputs["half"] for c in cases}
    assert set(half_of) == names
    assert abs(sum(h == "held" for h in half_of.values()) - sum(h == "tuning" for h in half_of.values())) <= 1
    junk = [c.inputs["answer"] for c in cases if str(c.outputs["kind"]).startswith("junk")]
    assert len(set(junk)) >= 40
    assert cases == grading_cases()  # the same junk for the same question on every run


def test_junk_rows_report_every_kind_and_all_together() -> None:
    graded = [
        (Case(f"q{i}", {}, {"kind": kind, "half": "held"}), {"score": score})
        for i, (kind, score) in enumerate((("junk: a", 0), ("junk: a", 100), ("junk: b", 20), ("reference answer", 90)))
    ]
    rows = {row[0]: row for row in junk_rows(graded, "held")}
    assert set(rows) == {"held: junk: a", "held: junk: b", "held: junk: all kinds"}
    assert rows["held: junk: all kinds"][1:] == ["3", "40.0", "100", "100", "0.667", "0.333"]
    assert junk_rows(graded, "tuning") == []
