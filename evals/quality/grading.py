"""Grading sanity on 30-seconds-of-interviews: reference answers cover their points, others' and junk do not.

Questions fall in two halves (alternate positions in sorted name order); tables show the held half first. The
coverage thresholds are chosen on the tuning half of the hand-labelled known-subset answers (point_tuning.py),
whose questions are split the same way. Junk answers are our own varied text (evals/data/grading_junk.json),
one of each kind per question, so a single lucky string cannot stand for all wrong answers.
"""

from __future__ import annotations

import json
import re
import statistics
import time
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from langsmith.evaluation import EvaluationResult
from langsmith.schemas import Example, Run

from evals.cases import Case, CaseSuite, SuiteRun, run_suite_cases
from mulakat.practice.answer_text import STOPWORDS
from mulakat.practice.grading import LOW_SCORE_CAP, Embed, grade_answer

# Real, externally written data sits beside the repository (as in tests/support/paths.py); it is not copied in.
SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
QUESTIONS = SHARED_DATA / "knowledge" / "30_seconds_of_interviews" / "questions.json"
# Our own wrong answers (no corpus text): off topic, a neighbouring topic, keyword salad, confidently wrong.
JUNK_FILE = Path(__file__).resolve().parents[1] / "data" / "grading_junk.json"
# Thresholds are chosen on the tuning half and reported on the held half.
HALVES = ("tuning", "held")
# A score a learner would take as a pass: mastery calls anything below WEAK_SCORE (0.6) weak.
PASS_MARK = 60


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


def halves(names: Sequence[str]) -> dict[str, str]:
    """Each question's half: alternate positions in sorted name order, so the split never depends on file order."""
    return {name: HALVES[k % 2] for k, name in enumerate(sorted(names))}


def load_junk(path: Path = JUNK_FILE) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def question_terms(question: str, count: int = 3) -> list[str]:
    """The question's longest content words, in the order it says them: what keyword salad would repeat."""
    words: list[str] = []
    for word in re.findall(r"[A-Za-z][\w.#+-]*[\w#+]|[A-Za-z]", question):
        if len(word) > 2 and word.lower() not in STOPWORDS and word.lower() not in (w.lower() for w in words):
            words.append(word)
    longest = set(sorted(words, key=len, reverse=True)[:count])
    picked = [w for w in words if w in longest] or ["it"]
    return (picked * count)[:count]


def _pick(options: Sequence[Any], name: str, kind: str) -> Any:
    """The same option for a question on every run, spread over the options across questions."""
    return options[zlib.crc32(f"{kind}:{name}".encode()) % len(options)]


def junk_answers(question: dict[str, Any], junk: dict[str, Any]) -> dict[str, str]:
    """One wrong answer of each kind for this question, chosen deterministically from our own junk set."""
    name = str(question["name"])
    a, b, c = question_terms(str(question["question"]))
    neighbours = [n["text"] for n in junk["neighbouring"] if not any(w in name for w in n["avoid"])]
    return {
        "junk: off topic": _pick(junk["off_topic"], name, "off_topic"),
        "junk: neighbouring topic": _pick(neighbours, name, "neighbouring"),
        "junk: keyword salad": _pick(junk["keyword_salad"], name, "salad").format(a=a, b=b, c=c),
        "junk: confidently wrong": _pick(junk["confidently_wrong"], name, "wrong").format(a=a, b=b, c=c),
        "junk: don't know": _pick(junk["dont_know"], name, "dont_know"),
        "junk: gibberish": _pick(junk["gibberish"], name, "gibberish"),
        "junk: empty": "",
    }


def _answers(questions: list[dict[str, Any]], i: int, junk: dict[str, Any]) -> dict[str, str]:
    q = questions[i]
    cases = {
        "reference answer": q["answer"],
        "other answer, no shared tag": other_answer(questions, i, unrelated=True),
        "next answer (may share a topic)": other_answer(questions, i, unrelated=False),
    }
    cases.update(junk_answers(q, junk))
    cases["question copied as answer"] = q["question"]
    return cases


TARGETS = {"reference answer": "coverage >= 0.85", "other answer, no shared tag": "coverage <= 0.2"}


def target_of(kind: str) -> str:
    return TARGETS.get(kind, "" if kind.startswith("next") else "score <= 10")


def grading_cases(path: Path = QUESTIONS, junk_path: Path = JUNK_FILE) -> list[Case]:
    """One case per question and kind of answer; the reference output is the target that kind must meet."""
    questions = load_questions(path)
    junk = load_junk(junk_path)
    half = halves([q["name"] for q in questions])
    return [
        Case(
            f"{q['name']}: {kind}",
            {"question": q["question"], "rubric": q["rubric"], "answer": answer},
            {"kind": kind, "target": target_of(kind), "half": half[q["name"]]},
        )
        for i, q in enumerate(questions)
        for kind, answer in _answers(questions, i, junk).items()
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


def grading_suite(embed: Embed, path: Path = QUESTIONS, junk_path: Path = JUNK_FILE) -> CaseSuite:
    def grade(inputs: dict[str, Any]) -> dict[str, Any]:
        start = time.perf_counter()
        graded = grade_answer(inputs["question"], inputs["rubric"], inputs["answer"], embed)
        ms = 1000 * (time.perf_counter() - start)
        return {
            "coverage": graded.coverage,
            "score": graded.score,
            "verdict": graded.verdict,
            "ms": ms,
            "similarities": [k.similarity for k in graded.key_points],
        }

    return CaseSuite(
        name="grading",
        description="Rubric coverage of reference, unrelated and varied junk answers (30-seconds-of-interviews).",
        cases=grading_cases(path, junk_path),
        target=grade,
        evaluators=[meets_target],
        summary_evaluators=[share_meeting_targets],
    )


Graded = list[tuple[Case, dict[str, Any]]]


def _in(case: Case, half: str) -> bool:
    return half == "all" or case.outputs["half"] == half


def _percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def grade_all(embed: Embed, path: Path = QUESTIONS, junk_path: Path = JUNK_FILE) -> tuple[Graded, SuiteRun]:
    embed(["warm up"])
    run = run_suite_cases(grading_suite(embed, path, junk_path))
    return [(r.case, r.outputs) for r in run.results], run


def kind_rows(graded: Graded, half: str) -> list[list[str]]:
    """One row per kind of answer in a half: n, target, mean coverage, mean and max score, verdicts, ms."""
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for case, out in graded:
        if _in(case, half):
            by_kind.setdefault(str(case.outputs["kind"]), []).append(out)
    rows = []
    for kind, outs in by_kind.items():
        verdicts = Counter(str(g["verdict"]) for g in outs)
        times = [float(g["ms"]) for g in outs]
        rows.append(
            [
                f"{half}: {kind}",
                str(len(outs)),
                target_of(kind),
                f"{statistics.fmean(float(g['coverage']) for g in outs):.3f}",
                f"{statistics.fmean(float(g['score']) for g in outs):.1f}",
                str(max(int(g["score"]) for g in outs)),
                ", ".join(f"{v} {c}" for v, c in sorted(verdicts.items())),
                f"{statistics.median(times):.1f}",
                f"{statistics.fmean(times):.1f}",
            ]
        )
    return rows


def junk_rows(graded: Graded, half: str) -> list[list[str]]:
    """Score distribution of the junk answers in a half, per kind and together: mean, p95, max, shares over marks."""
    by_kind: dict[str, list[float]] = {}
    for case, out in graded:
        kind = str(case.outputs["kind"])
        if kind.startswith("junk") and _in(case, half):
            by_kind.setdefault(kind, []).append(float(out["score"]))
    if not by_kind:
        return []
    by_kind["junk: all kinds"] = [score for scores in by_kind.values() for score in scores]
    return [
        [
            f"{half}: {kind}",
            str(len(scores)),
            f"{statistics.fmean(scores):.1f}",
            f"{_percentile(scores, 0.95):.0f}",
            f"{max(scores):.0f}",
            f"{sum(s > LOW_SCORE_CAP for s in scores) / len(scores):.3f}",
            f"{sum(s >= PASS_MARK for s in scores) / len(scores):.3f}",
        ]
        for kind, scores in by_kind.items()
    ]


@dataclass(frozen=True)
class GradingTables:
    kinds: list[list[str]]
    junk: list[list[str]]


def grading_sanity(embed: Embed, path: Path = QUESTIONS) -> tuple[GradingTables, SuiteRun]:
    """Rows per kind of answer and the junk scores, on the held half first, then on all questions (labelled)."""
    graded, run = grade_all(embed, path)
    tables = GradingTables(
        kinds=kind_rows(graded, "held") + kind_rows(graded, "all"),
        junk=junk_rows(graded, "held") + junk_rows(graded, "all"),
    )
    return tables, run


COLUMNS = ("case", "n", "target", "mean coverage", "mean score", "max score", "verdicts", "p50 ms", "mean ms")
JUNK_COLUMNS = ("case", "n", "mean score", "p95", "max", f"share > {LOW_SCORE_CAP}", f"share >= {PASS_MARK}")
