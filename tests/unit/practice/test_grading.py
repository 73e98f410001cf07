"""Answer grading with the real embedding model: quoted coverage point by point, contradictions called out, the
honesty gate, STAR, and the sanity benchmark."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.quality.grading import QUESTIONS, grading_sanity, load_questions, other_answer
from mulakat.practice.answer_text import answer_spans
from mulakat.practice.feedback import explain_grade
from mulakat.practice.grading import Embed, grade_answer
from mulakat.practice.session import PracticeQuestion
from mulakat.practice.star import analyze_star
from mulakat.storage.embeddings import load_embeddings
from mulakat.storage.settings import Settings
from tests.support.paths import requires_shared_data

QUESTION = "What is event delegation in JavaScript?"
RUBRIC = [
    "A single listener is attached to a parent element",
    "Events bubble up from the child to the parent",
    "Works for child elements added to the DOM later",
]
GOOD = (
    "Event delegation means you attach one event listener to a parent element instead of one per child. "
    "When a child is clicked, the event bubbles up to the parent, and the handler checks event.target. "
    "It saves memory, and it also works for children that are added to the DOM later."
)


@pytest.fixture(scope="module")
def embed() -> Embed:
    return load_embeddings(Settings(_env_file=None)).embed_documents  # type: ignore[call-arg]


def test_good_answer_covers_points_with_exact_quotes(embed: Embed) -> None:
    grade = grade_answer(QUESTION, RUBRIC, GOOD, embed)
    assert grade.verdict == "ok" and grade.coverage == 1.0 and grade.score == 100
    for point in grade.key_points:
        assert point.covered and point.quote is not None and point.start is not None and point.end is not None
        assert GOOD[point.start : point.end] == point.quote
    assert "bubbles up" in (grade.key_points[1].quote or "")
    assert "added to the DOM later" in (grade.key_points[2].quote or "")
    assert sum(points for _, points in grade.parts) == grade.score


def test_a_point_is_quoted_with_the_clause_that_makes_it_not_its_sentence(embed: Embed) -> None:
    grade = grade_answer(QUESTION, RUBRIC, GOOD, embed)
    bubbles = grade.key_points[1]
    # Its sentence: "When a child is clicked, the event bubbles up to the parent, and the handler checks ...".
    assert bubbles.covered and bubbles.quote == "the event bubbles up to the parent"
    assert (bubbles.start, bubbles.end) == (GOOD.index(bubbles.quote), GOOD.index(bubbles.quote) + len(bubbles.quote))


SG_QUESTION = "Compare security groups and network ACLs."
SG_RUBRIC = [
    "Security groups attach to network interfaces; NACLs attach to subnets",
    "Security groups are stateful; NACLs are stateless so return traffic needs explicit rules",
    "Security groups support only allow rules; NACLs support allow and deny",
    "NACL rules are evaluated in numbered order",
]
SG_ATTACH = (
    "Security groups are attached to the network interface of an instance, while network ACLs sit on the subnet. "
)
SG_STATE = "A security group is stateful, so replies to allowed traffic go out automatically"


def test_a_point_the_answer_never_makes_is_not_covered_and_no_quote_is_the_whole_answer(embed: Embed) -> None:
    # The widget's case: never says security groups have only allow rules, yet that point was covered, 100/100.
    answer = (
        SG_ATTACH + SG_STATE + ", but a NACL is stateless and you have to open the return ports yourself. "
        "NACL rules are checked in order of their rule number, lowest first."
    )
    grade = grade_answer(SG_QUESTION, SG_RUBRIC, answer, embed)
    allow_only = grade.key_points[2]
    assert not allow_only.covered and allow_only.quote is None and SG_RUBRIC[2] in grade.missing
    assert grade.score == 75 and [k.covered for k in grade.key_points] == [True, True, False, True]
    quotes = [k.quote for k in grade.key_points if k.covered]
    assert answer.strip() not in quotes and len(set(quotes)) == len(quotes)  # one span, one point


def test_a_wrong_statement_is_called_out_with_its_sentence_not_credited(embed: Embed) -> None:
    wrong = "To block one bad IP address I just add a deny rule to the security group."
    answer = SG_ATTACH + SG_STATE + ". " + wrong
    grade = grade_answer(SG_QUESTION, SG_RUBRIC, answer, embed)
    allow_only = grade.key_points[2]
    assert not allow_only.covered and allow_only.contradicted
    assert allow_only.contradiction == wrong
    assert answer[allow_only.contradiction_start or 0 : allow_only.contradiction_end or 0] == wrong
    assert not any(k.contradicted for i, k in enumerate(grade.key_points) if i != 2)
    question = PracticeQuestion(
        id="q",
        text=SG_QUESTION,
        skill="aws",
        skill_name="AWS",
        requirement=None,
        kind="technical",
        difficulty=2,
        rubric=SG_RUBRIC,
        source="test",
        why="",
    )
    items = explain_grade(question, answer, grade)
    called = [i for i in items if i.text.startswith("Contradicted:")]
    assert len(called) == 1 and wrong in called[0].text and SG_RUBRIC[2] in called[0].text
    assert {c.source for c in called[0].citations} == {"answer", "knowledge"}
    assert not any(i.text.startswith("Missing:") and SG_RUBRIC[2] in i.text for i in items)


def test_an_answer_making_one_of_four_points_scores_at_most_40(embed: Embed) -> None:
    answer = (
        "A security group is stateful: if a request is let in, the reply goes back out automatically, "
        "so you never write a rule for return traffic."
    )
    grade = grade_answer(SG_QUESTION, SG_RUBRIC, answer, embed)
    assert [k.covered for k in grade.key_points] == [False, True, False, False]
    assert grade.score <= 40 and grade.score == round(100 * grade.coverage)


def test_spans_always_quote_the_answer() -> None:
    text = GOOD + "\n\n- a bullet, with a clause; and more words to make it long enough for a window"
    spans = answer_spans(text)
    assert len(spans) > 4
    for s, e in spans:
        assert 0 <= s < e <= len(text) and text[s:e] == text[s:e].strip()


def test_wrong_answer_misses_points_and_names_them(embed: Embed) -> None:
    wrong = "You put a separate click handler on every button, and each handler only runs for its own button."
    grade = grade_answer(QUESTION, RUBRIC, wrong, embed)
    assert grade.coverage < 0.5 and grade.score < 50
    assert RUBRIC[1] in grade.missing and RUBRIC[2] in grade.missing


@pytest.mark.parametrize(
    ("answer", "verdict"),
    [
        ("", "empty"),
        ("   \n ", "empty"),
        ("I don't know", "dont_know"),
        ("no idea, sorry", "dont_know"),
        ("pass", "dont_know"),
        ("asdfgh qwerty zxcvb", "gibberish"),
        ("xkqzv bnmwq plkjh trrrrr", "gibberish"),
        ("What is event delegation in JavaScript?", "copied_question"),
        ("The weather in Lisbon was sunny, and we ate grilled sardines by the harbour.", "off_topic"),
    ],
)
def test_honesty_gate(embed: Embed, answer: str, verdict: str) -> None:
    grade = grade_answer(QUESTION, RUBRIC, answer, embed)
    assert grade.verdict == verdict and grade.score <= 10 and grade.honesty
    assert not any(k.covered for k in grade.key_points) and grade.missing == RUBRIC


def test_one_word_answer_scores_low(embed: Embed) -> None:
    grade = grade_answer(QUESTION, RUBRIC, "fine", embed)
    assert grade.score <= 10 and grade.honesty


STAR_FULL = (
    "At my last job our team had a checkout service that kept timing out. "
    "I was responsible for making it reliable before the holiday sale. "
    "I profiled the slow queries and I added a cache in front of the pricing service. "
    "As a result, timeouts dropped by 90% and p95 latency fell from 2 s to 300 ms."
)


def test_behavioral_star_complete_and_quantified(embed: Embed) -> None:
    grade = grade_answer(
        "Tell me about a time you fixed a reliability problem.", [], STAR_FULL, embed, kind="behavioral"
    )
    assert grade.star is not None and grade.star.missing == [] and grade.star.result_quantified
    assert grade.star.result is not None and grade.star.result in STAR_FULL
    assert any(name == "STAR 4/4" for name, _ in grade.parts)
    assert sum(points for _, points in grade.parts) == grade.score


def test_behavioral_missing_result_is_named() -> None:
    no_result = STAR_FULL.rsplit(" As a result", 1)[0]
    star = analyze_star(no_result)
    assert star.missing == ["result"] and star.result is None and not star.result_quantified


def test_unquantified_result() -> None:
    star = analyze_star("I rewrote the deploy script. As a result, releases became much less stressful.")
    assert star.result is not None and not star.result_quantified
    assert analyze_star("I rewrote it. As a result, deploys got three times faster.").result_quantified


@requires_shared_data
def test_sanity_on_real_questions(embed: Embed) -> None:
    questions = load_questions(QUESTIONS)[:20]
    own = [grade_answer(q["question"], q["rubric"], q["answer"], embed).coverage for q in questions]
    others = [
        grade_answer(q["question"], q["rubric"], other_answer(questions, i, unrelated=True), embed).coverage
        for i, q in enumerate(questions)
    ]
    # Reference answers do not make every "good to hear" point (alt-attribute's never mentions SEO), and the
    # grader no longer credits a point it cannot quote, so about 0.7 of their points are covered.
    assert sum(own) / len(own) >= 0.65
    assert sum(others) / len(others) <= 0.1


@requires_shared_data
def test_grading_suite_through_evaluate_agrees_with_its_table(embed: Embed, tmp_path: Path) -> None:
    subset = tmp_path / "questions.json"
    subset.write_text(json.dumps(json.loads(QUESTIONS.read_text(encoding="utf-8"))[:6]), encoding="utf-8")
    tables, run = grading_sanity(embed, subset)
    kinds = {row[0]: row for row in tables.kinds}
    assert set(kinds) == {f"{half}: {r.case.outputs['kind']}" for r in run.results for half in ("all", "held")}
    held = []
    for result in run.results:
        target = str(result.case.outputs["target"])
        if not target:
            assert "meets target" not in result.scores  # no target, no score
            continue
        measure, op, bound = target.split()
        value = float(result.outputs[measure])
        expected = value >= float(bound) if op == ">=" else value <= float(bound)
        assert result.scores["meets target"] == float(expected), result.case.id
        held.append(expected)
    assert run.summary["answers meeting their target"] == pytest.approx(sum(held) / len(held))
    reference = [r.outputs["coverage"] for r in run.results if r.case.outputs["kind"] == "reference answer"]
    assert kinds["all: reference answer"][3] == f"{sum(reference) / len(reference):.3f}"
