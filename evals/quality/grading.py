"""Grading sanity on 30-seconds-of-interviews: reference answers cover their points, others' do not, junk scores 0."""

from __future__ import annotations

import json
import re
import statistics
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from langsmith.evaluation import EvaluationResult
from langsmith.schemas import Example, Run

from evals.cases import Case, CaseSuite, SuiteRun, run_suite_cases
from mulakat.practice.grading import Embed, grade_answer

# Real, externally written data sits beside the repository (as in tests/support/paths.py); it is not copied in.
SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
QUESTIONS = SHARED_DATA / "knowledge" / "30_seconds_of_interviews" / "questions.json"
JUNK = {
    "empty": "",
    "gibberish": "asdkjh qwpoeiru zxmcnv lkjhg fdsa",
    "dont_know": "I don't know, sorry.",
}


def strip_markdown(text: str) -> str:
    """Prose of a markdown answer: no fenced code, links as their text, no emphasis, headings or list markers."""
    text = re.sub(r"```.*?```", " ", text, flags=re.DOTALL)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    text = re.sub(r"\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)", "", text)
    text = re.sub(r"^\s*(#+|[-*+]|\d+\.|>|\|)\s*", "", text, flags=re.MULTILINE)
    return re.sub(r"[ \t]+", " ", text).strip()


def load_questions(path: Path = QUESTIONS) -> list[dict[str, Any]]:
    """Questions with at least one goodToHear point, question text stripped of markdown."""
    items: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return [
        {
            "name": q["name"],
            "tags": set(q.get("tags", [])),
            "question": strip_markdown(q["question"]),
            "answer": strip_markdown(q["answer"]),
            "rubric": [strip_markdown(p) for p in q["goodToHear"]],
        }
        for q in items
        if q.get("goodToHear")
    ]


def other_answer(questions: list[dict[str, Any]], i: int, *, unrelated: bool) -> str:
    """The next question's reference answer; with `unrelated`, the next one sharing no tag with question i."""
    n = len(questions)
    for step in range(1, n):
        other = questions[(i + step) % n]
        if other["name"] != questions[i]["name"] and not (unrelated and other["tags"] & questions[i]["tags"]):
            return str(other["answer"])
    raise ValueError("no other question to pair with")


def _answers(questions: list[dict[str, Any]], i: int) -> dict[str, str]:
    q = questions[i]
    cases = {
        "reference answer": q["answer"],
        "other answer, no shared tag": other_answer(questions, i, unrelated=True),
        "next answer (may share a topic)": other_answer(questions, i, unrelated=False),
    }
    cases.update({f"{name} answer": junk for name, junk in JUNK.items()})
    cases["question copied as answer"] = q["question"]
    return cases


TARGETS = {"reference answer": "coverage >= 0.85", "other answer, no shared tag": "coverage <= 0.2"}


def target_of(kind: str) -> str:
    return TARGETS.get(kind, "" if kind.startswith("next") else "score <= 10")


def grading_cases(path: Path = QUESTIONS) -> list[Case]:
    """One case per question and kind of answer; the reference output is the target that kind must meet."""
    questions = load_questions(path)
    return [
        Case(
            f"{q['name']}: {kind}",
            {"question": q["question"], "rubric": q["rubric"], "answer": answer},
            {"kind": kind, "target": target_of(kind)},
        )
        for i, q in enumerate(questions)
        for kind, answer in _answers(questions, i).items()
    ]


def meets_target(run: Run, example: Example) -> dict[str, Any]:
    """1 when the grade meets its kind's target; no score for kinds that have none."""
    target = str((example.outputs or {})["target"])
    got = run.outputs or {}
    if not target:
        return {"key": "meets target", "score": None, "comment": "no target for this kind"}
    measure, op, bound = target.split()
    value = float(got[measure])
    held = value >= float(bound) if op == ">=" else value <= float(bound)
    return {"key": "meets target", "score": float(held), "comment": None if held else f"{measure} {value:g}"}


def share_meeting_targets(runs: Sequence[Run], examples: Sequence[Example]) -> EvaluationResult:
    scored = [meets_target(r, e)["score"] for r, e in zip(runs, examples, strict=True)]
    held = [s for s in scored if s is not None]
    return EvaluationResult(key="answers meeting their target", score=statistics.fmean(held) if held else 0.0)


def grading_suite(embed: Embed, path: Path = QUESTIONS) -> CaseSuite:
    def grade(inputs: dict[str, Any]) -> dict[str, Any]:
        start = time.perf_counter()
        graded = grade_answer(inputs["question"], inputs["rubric"], inputs["answer"], embed)
        ms = 1000 * (time.perf_counter() - start)
        return {"coverage": graded.coverage, "score": graded.score, "verdict": graded.verdict, "ms": ms}

    return CaseSuite(
        name="grading",
        description="Rubric coverage of reference, unrelated and junk answers (30-seconds-of-interviews points).",
        cases=grading_cases(path),
        target=grade,
        evaluators=[meets_target],
        summary_evaluators=[share_meeting_targets],
    )


def grading_sanity(embed: Embed, path: Path = QUESTIONS) -> tuple[list[list[str]], SuiteRun]:
    """One row per kind of answer: n, target, mean coverage, mean and max score, verdicts, median and mean ms."""
    embed(["warm up"])
    run = run_suite_cases(grading_suite(embed, path))
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for result in run.results:
        by_kind.setdefault(str(result.case.outputs["kind"]), []).append(result.outputs)
    rows = []
    for kind, graded in by_kind.items():
        verdicts = Counter(str(g["verdict"]) for g in graded)
        times = [float(g["ms"]) for g in graded]
        rows.append(
            [
                kind,
                str(len(graded)),
                target_of(kind),
                f"{statistics.fmean(float(g['coverage']) for g in graded):.3f}",
                f"{statistics.fmean(float(g['score']) for g in graded):.1f}",
                str(max(int(g["score"]) for g in graded)),
                ", ".join(f"{v} {c}" for v, c in sorted(verdicts.items())),
                f"{statistics.median(times):.1f}",
                f"{statistics.fmean(times):.1f}",
            ]
        )
    return rows, run


COLUMNS = ("case", "n", "target", "mean coverage", "mean score", "max score", "verdicts", "p50 ms", "mean ms")


def main() -> None:
    """Print the grading-sanity table (`mulakat eval grading`)."""
    from rich.console import Console
    from rich.table import Table

    from mulakat.storage.embeddings import load_embeddings
    from mulakat.storage.settings import Settings

    embed = load_embeddings(Settings()).embed_documents
    rows, _ = grading_sanity(embed)
    table = Table(title="Grading sanity (30-seconds-of-interviews, goodToHear as rubric)")
    for column in COLUMNS:
        table.add_column(column)
    for row in rows:
        table.add_row(*row)
    Console(width=160).print(table)


if __name__ == "__main__":
    main()
