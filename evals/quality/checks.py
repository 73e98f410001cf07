"""Quality checks a person can read as a table: citations verify, scores repeat, practice aims at gaps,
and bad answers earn nothing. Deterministic, offline, on the shipped samples and the DOCX CVs when present."""

from __future__ import annotations

import uuid
from pathlib import Path

from evals.quality.citations import invalid_citations
from graph.analysis import run_analysis
from graph.practice import answer_question, start_practice
from graph.runner import Runner
from graph.state import Upload
from mulakat.models import Report
from mulakat.packs.loader import rubric_of
from mulakat.practice.session import Answer

STABILITY_RUNS = 5
PRACTICE_TURNS = 5
BAD_ANSWERS = {
    "empty": "",
    "don't know": "I don't know, sorry.",
    "gibberish": "asdf qwer zxcv lkjh poiu mnbv",
}


def _upload(path: Path) -> Upload:
    return {"name": path.name, "data": path.read_bytes()}


async def _state(runner: Runner, thread_id: str) -> dict[str, object]:
    snapshot = await runner.graph.aget_state({"configurable": {"thread_id": thread_id}})
    return dict(snapshot.values)


async def _citations(runner: Runner, pairs: list[tuple[Path, Path]]) -> list[str]:
    checked = invalid = 0
    for resume, job in pairs:
        report = await run_analysis(runner, _upload(resume), _upload(job))
        state = await _state(runner, report.thread_id)
        held = [state["resume"], state["job"]]
        resume_doc, job_doc = await runner.services.documents.load(report.thread_id, held)  # type: ignore[arg-type]
        problems = invalid_citations(report, resume_doc.text, job_doc.text)
        checked += sum(len(r.evidence) for r in report.requirements) + sum(len(f.citations) for f in report.feedback)
        invalid += len(problems)
    return [
        "citations match their source text at their offsets",
        f"{len(pairs)} analyses",
        f"{invalid} invalid",
        f"{checked - invalid}/{checked} valid",
    ]


async def _stability(runner: Runner, resume: Path, job: Path) -> list[str]:
    scores = [
        (await run_analysis(runner, _upload(resume), _upload(job))).readiness.score for _ in range(STABILITY_RUNS)
    ]
    return [
        "the same documents give the same score",
        f"{STABILITY_RUNS} runs",
        f"range {max(scores) - min(scores)}",
        f"scores {sorted(set(scores))}",
    ]


async def _practice(runner: Runner, report: Report) -> tuple[list[str], list[str]]:
    gaps = {r.id for r in report.requirements if r.status != "met"}
    view = await start_practice(runner, report.thread_id, goal=PRACTICE_TURNS)
    on_gap = asked = 0
    bad_scores: dict[str, int] = {}
    bad = list(BAD_ANSWERS.items())
    while (question := view.question) is not None and asked < PRACTICE_TURNS:
        asked += 1
        on_gap += question.requirement in gaps
        if asked <= len(bad):  # the first answers are the bad ones; their grades must be nil
            name, text = bad[asked - 1]
        else:
            name, text = "", " ".join(rubric_of(question.text))
        view = await answer_question(runner, report.thread_id, Answer(text=text, question_id=question.id))
        if name and view.last_grade is not None:
            bad_scores[name] = view.last_grade.score
    targets = [
        "each practice question targets a detected gap",
        f"{asked} questions",
        f"{asked - on_gap} off gap",
        f"{on_gap}/{asked} on a gap",
    ]
    zero = sum(score <= 10 for score in bad_scores.values())
    honesty = [
        "bad answers score at most 10 (honesty gate)",
        f"{len(bad_scores)} answers",
        f"{len(bad_scores) - zero} over 10",
        ", ".join(f"{k} {v}" for k, v in bad_scores.items()),
    ]
    return targets, honesty


async def quality_table(runner: Runner, samples: Path, cvs: Path | None = None) -> list[list[str]]:
    resume, job = samples / "resume.md", samples / "job.md"
    pairs = [(resume, job)]
    if cvs is not None and cvs.is_dir():
        pairs += [(cv, job) for cv in sorted(cvs.glob("*.docx"))[:5]]
    rows = [await _citations(runner, pairs), await _stability(runner, resume, job)]
    report = await run_analysis(runner, _upload(resume), _upload(job), f"quality-{uuid.uuid4()}")
    rows += list(await _practice(runner, report))
    return rows
