"""The known-subset answers: hand-written answers whose covered rubric points (and one wrong statement) are labelled.

Written by a writer who never saw the grader (evals/data/grading_subsets/answers.json, its "about" says how).
External questions and rubrics are read from 30-seconds-of-interviews by name, pack ones from our packs by skill
and question text; neither is copied into the file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from evals.quality.grading import QUESTIONS, halves, load_questions
from mulakat.packs.loader import pack_files

SUBSET_FILE = Path(__file__).resolve().parents[1] / "data" / "grading_subsets" / "answers.json"

Source = Literal["external", "pack"]


@dataclass(frozen=True)
class Wrong:
    statement: str
    """An exact substring of the answer."""
    contradicts: int
    """0-based index of the rubric point it contradicts."""


@dataclass(frozen=True)
class KnownAnswer:
    id: str
    question_id: str
    """external:<corpus file name> or pack:<skill>; the halves split these."""
    source: Source
    variant: str
    """a: one point; b: about half; c: all but one; d: about half and one wrong statement."""
    question: str
    rubric: tuple[str, ...]
    answer: str
    covered: frozenset[int]
    wrong: Wrong | None


def _pack_rubric(skill: str, text: str) -> tuple[str, ...]:
    matches = [q.rubric for q in pack_files()[skill].questions if q.text == text]
    if len(matches) != 1:
        raise ValueError(f"pack {skill!r} has {len(matches)} questions reading {text!r}")
    return tuple(matches[0])


def load_known_answers(path: Path = SUBSET_FILE, corpus: Path = QUESTIONS) -> list[KnownAnswer]:
    """Every labelled answer with its question and rubric, checked: labels index the rubric, wrong quotes the answer."""
    raw: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["answers"]
    external = {q["name"]: q for q in load_questions(corpus)} if any(a["source"] != "pack" for a in raw) else {}
    out = []
    for item in raw:
        if item["source"] == "pack":
            source: Source = "pack"
            question, rubric = item["question_text"], _pack_rubric(item["question"], item["question_text"])
        else:
            source, found = "external", external[item["question"]]
            question, rubric = found["question"], tuple(found["rubric"])
        wrong = Wrong(**item["wrong"]) if item["wrong"] else None
        known = KnownAnswer(
            id=item["id"],
            question_id=f"{source}:{item['question']}",
            source=source,
            variant=item["id"].rsplit("-", 1)[1],
            question=question,
            rubric=rubric,
            answer=item["answer"],
            covered=frozenset(item["covered"]),
            wrong=wrong,
        )
        _check(known)
        out.append(known)
    return out


def _check(known: KnownAnswer) -> None:
    if not all(0 <= i < len(known.rubric) for i in known.covered):
        raise ValueError(f"{known.id}: a covered index is outside its {len(known.rubric)}-point rubric")
    if known.wrong is not None and (
        known.wrong.statement not in known.answer or not 0 <= known.wrong.contradicts < len(known.rubric)
    ):
        raise ValueError(f"{known.id}: its wrong statement is not in the answer or contradicts no rubric point")


def question_halves(answers: list[KnownAnswer]) -> dict[str, str]:
    """Each question's half (tuning or held): alternate positions in sorted question id order."""
    return halves(sorted({a.question_id for a in answers}))
