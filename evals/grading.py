"""Grading sanity on 30-seconds-of-interviews: reference answers cover their points, others' do not, junk scores 0."""

from __future__ import annotations

import json
import re
import statistics
import time
from collections import Counter
from pathlib import Path
from typing import Any

from mulakat.grading import Embed, Grade, grade_answer

# Real, externally written data sits beside the repository (as in tests/conftest.py); it is not copied in.
SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
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


def grading_sanity(embed: Embed, path: Path = QUESTIONS) -> list[list[str]]:
    """One row per case: n, target, mean coverage, mean and max score, verdict counts, median and mean ms."""
    questions = load_questions(path)
    embed(["warm up"])
    grades: dict[str, list[Grade]] = {}
    times: dict[str, list[float]] = {}
    for i, q in enumerate(questions):
        for case, answer in _answers(questions, i).items():
            t0 = time.perf_counter()
            grades.setdefault(case, []).append(grade_answer(q["question"], q["rubric"], answer, embed))
            times.setdefault(case, []).append(1000 * (time.perf_counter() - t0))
    rows = []
    for case, graded in grades.items():
        verdicts = Counter(g.verdict for g in graded)
        target = TARGETS.get(case, "" if case.startswith("next") else "score <= 10")
        rows.append(
            [
                case,
                str(len(graded)),
                target,
                f"{statistics.fmean(g.coverage for g in graded):.3f}",
                f"{statistics.fmean(g.score for g in graded):.1f}",
                str(max(g.score for g in graded)),
                ", ".join(f"{v} {c}" for v, c in sorted(verdicts.items())),
                f"{statistics.median(times[case]):.1f}",
                f"{statistics.fmean(times[case]):.1f}",
            ]
        )
    return rows


COLUMNS = ("case", "n", "target", "mean coverage", "mean score", "max score", "verdicts", "p50 ms", "mean ms")


def main() -> None:
    """Print the grading-sanity table (`mulakat eval grading`)."""
    from rich.console import Console
    from rich.table import Table

    from mulakat.embeddings import load_embeddings
    from mulakat.settings import Settings

    embed = load_embeddings(Settings()).embed_documents
    rows = grading_sanity(embed)
    table = Table(title="Grading sanity (30-seconds-of-interviews, goodToHear as rubric)")
    for column in COLUMNS:
        table.add_column(column)
    for row in rows:
        table.add_row(*row)
    Console(width=160).print(table)


if __name__ == "__main__":
    main()
