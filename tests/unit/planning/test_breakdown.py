"""Plan items for skills with no pack: an assembled breakdown, labelled so, that never takes another skill's name."""

from __future__ import annotations

import pytest

from mulakat.models import PlanItem
from mulakat.packs.loader import load_packs
from mulakat.planning.breakdown import Search
from mulakat.planning.items import plan_item
from mulakat.planning.plan import PlanNeed, plan_needs
from mulakat.planning.practice_source import asked_of, breakdown_questions
from mulakat.practice.feedback import ASSEMBLED_RUBRIC, explain_grade
from mulakat.practice.grading import grade_answer
from mulakat.practice.session import PracticeQuestion
from tests.support.core import TAX, analyse
from tests.support.pack_search import pack_search, search_without_packs

pytestmark = pytest.mark.anyio
RESUME = "# Sam\n\n## Experience\n\n### Engineer, Example Co (2019 - 2025)\n\n- Built services in Excel.\n"


def _needs(*lines: str) -> tuple[list[PlanNeed], list]:  # type: ignore[type-arg]
    job = "# Engineer\n\n## Requirements\n\n" + "".join(f"- {line}\n" for line in lines)
    _, _, skills, reqs, results = analyse(RESUME, job)
    return plan_needs(results, {r.id: r.skill for r in reqs}, skills, TAX), reqs


async def _item(need: PlanNeed, search: Search = pack_search) -> PlanItem:
    return await plan_item(1, need, TAX, search)


async def test_a_skill_without_a_pack_gets_an_assembled_breakdown_under_its_own_name() -> None:
    needs, _ = _needs("Strong knowledge of C")  # C's own pack hidden: the C++ pack must still not stand in for it
    item = await _item(next(n for n in needs if n.skill == "c"), search_without_packs("c"))
    assert item.skill == "C" and item.topic.startswith("C") and not item.topic.startswith("C++")
    assert item.breakdown == "assembled" and "assembled" in item.reason
    assert "mulakat:knowledge/packs/cpp.yaml" not in item.sources  # no other skill's notes as its own
    assert len(item.subtopics) >= 3 and len(item.questions) >= 2 and item.sources
    assert item.requirements == ["req-c"]


async def test_a_skill_with_a_pack_keeps_its_pack() -> None:
    needs, _ = _needs("Kubernetes")
    item = await _item(next(n for n in needs if n.skill == "kubernetes"))
    # The pack first, then the references its facts can be checked against.
    assert item.breakdown == "pack" and item.sources[0] == "mulakat:knowledge/packs/kubernetes.yaml"
    assert item.sources[1:] == [ref.url for ref in load_packs()["kubernetes"].sources] and item.sources[1:]
    assert "assembled" not in item.reason and len(item.questions) == 3


async def test_a_free_text_need_gets_an_item_with_questions_and_a_source() -> None:
    needs, _ = _needs("Experience with regulatory reporting")
    item = await _item(next(n for n in needs if n.kind == "need"))
    assert item.skill == "regulatory reporting" and item.breakdown == "assembled"
    assert item.questions and item.sources and len(item.subtopics) >= 3


async def test_practice_asks_an_assembled_question_and_its_feedback_says_so() -> None:
    _, reqs = _needs("Experience with regulatory reporting")
    req = next(r for r in reqs if r.skill is None)
    found = await breakdown_questions(asked_of(req, None), TAX, pack_search)
    built = next(q for q in found if q.assembled)
    assert built.rubric
    question = PracticeQuestion(
        id="q",
        text=built.text,
        skill="need:regulatory reporting",
        skill_name=req.name,
        requirement=req.id,
        kind=built.kind,
        difficulty=built.difficulty,
        rubric=built.rubric,
        source=built.source,
        why="",
        assembled=True,
    )
    answer = " ".join(f"{p}." for p in built.rubric)
    grade = grade_answer(question.text, question.rubric, answer, lambda texts: [[1.0, 0.0] for _ in texts])
    assert [i.text for i in explain_grade(question, answer, grade)][1] == ASSEMBLED_RUBRIC


async def test_short_notes_without_questions_are_topped_up_and_still_called_notes() -> None:
    needs, _ = _needs("Familiarity with Go")  # Go's full pack hidden: only its short note from topics.yaml is left
    item = await _item(next(n for n in needs if n.skill == "go"), search_without_packs("go"))
    assert item.breakdown == "pack" and len(item.questions) >= 2
    assert "The notes on Go have no practice questions yet" in item.reason and "No notes on Go" not in item.reason
