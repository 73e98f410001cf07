"""`mulakat eval plan`: does every gap of a real posting get a study topic, a breakdown and practice?

A fixed sample of SkillSpan dev postings against real CVs (Dotin, and Vanetik 31-65 when beside the repository) runs
through the product's graph runner on the configured PostgreSQL, as `mulakat analyze` would. Each report's plan is
measured against issue 18's targets; practice is measured with the same question-picking code `next_question` uses.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from evals.tables import ResultTable
from graph.analysis import run_analysis
from graph.runner import Runner
from mulakat.assessment.readiness import counted
from mulakat.models import PlanItem, Report
from mulakat.practice.session import Target, need_key
from nodes.guidance import practice_candidates
from tools.retrieval import knowledge_search

Pair = tuple[str, str]  # (cv, posting)
UploadOf = Callable[[str], tuple[str, bytes]]
SAMPLE_PAIRS = 20
TOP_GAPS = 5
SEED = 18  # the number: any fixed seed gives the same sample on every run


def sample_pairs(cvs: Sequence[str], postings: Sequence[str], n: int = SAMPLE_PAIRS) -> list[Pair]:
    """n distinct postings, each with a CV drawn from the pool: the same pairs on every run."""
    rng = random.Random(SEED)
    chosen = rng.sample(sorted(postings), min(n, len(postings)))
    return [(rng.choice(sorted(cvs)), posting) for posting in chosen]


def well_broken_down(item: PlanItem) -> bool:
    return len(item.subtopics) >= 3 and len(item.questions) >= 2 and len(item.sources) >= 1


def names_its_requirements(item: PlanItem, report: Report) -> bool:
    ids = {r.id for r in report.requirements}
    return bool(item.requirements) and set(item.requirements) <= ids


def top_gaps(report: Report) -> list[str]:
    gaps = sorted((r for r in counted(report.requirements) if r.status != "met"), key=lambda r: (r.priority, r.credit))
    return [r.id for r in gaps[:TOP_GAPS]]


@dataclass
class Tally:
    reports: int = 0
    items: list[tuple[Report, PlanItem]] = field(default_factory=list)
    empty_with_must_gap: int = 0
    top_gaps: int = 0
    askable: int = 0
    left_out: int = 0
    unaskable: list[str] = field(default_factory=list)


async def askable(runner: Runner, thread_id: str, requirement: str) -> bool:
    """Whether practice can ask about this gap: the candidates `next_question` would choose from have a rubric."""
    snapshot = await runner.graph.aget_state({"configurable": {"thread_id": thread_id}})
    state: dict[str, Any] = snapshot.values
    req = next(r for r in state["requirements"] if r.id == requirement)
    if req.skill is None and req.kind == "qualification":
        return False  # practice never targets a degree or licence
    target = Target(skill=req.skill or need_key(req.name), requirement=req.id, weight=1.0, why="")
    services = runner.services

    async def search(args: dict[str, Any]) -> list[dict[str, Any]]:
        return await knowledge_search(services, **args)

    return any(q.rubric for q in await practice_candidates(target, state, services, search))


async def tally_pairs(runner: Runner, pairs: Sequence[Pair], upload_of: UploadOf) -> Tally:
    tally = Tally()
    for cv, posting in pairs:
        (cv_name, cv_bytes), (job_name, job_bytes) = upload_of(cv), upload_of(posting)
        thread = f"eval-plan-{cv}-{posting}"
        report = await run_analysis(
            runner, {"name": cv_name, "data": cv_bytes}, {"name": job_name, "data": job_bytes}, thread
        )
        tally.reports += 1
        tally.items += [(report, item) for item in report.plan]
        tally.left_out += len(report.plan_left_out)
        must_gap = any(r.priority == "must" and r.status != "met" for r in counted(report.requirements))
        tally.empty_with_must_gap += int(must_gap and not report.plan)
        for gap in top_gaps(report):
            tally.top_gaps += 1
            if await askable(runner, thread, gap):
                tally.askable += 1
            else:
                tally.unaskable.append(next(r.skill for r in report.requirements if r.id == gap))
    return tally


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}% ({part}/{whole})" if whole else "n/a (0)"


def plan_tables(tally: Tally, started: datetime) -> list[ResultTable]:
    items = [item for _, item in tally.items]
    broken = sum(well_broken_down(i) for i in items)
    named = sum(names_its_requirements(i, r) for r, i in tally.items)
    rows = [
        ["plan items with >= 3 subtopics, >= 2 questions, >= 1 source", ">= 90%", _share(broken, len(items))],
        ["plan items naming requirements of their report", "100%", _share(named, len(items))],
        ["reports with a must-have gap and an empty plan", "0", str(tally.empty_with_must_gap)],
        [f"top-{TOP_GAPS} gaps practice can ask about", ">= 90%", _share(tally.askable, tally.top_gaps)],
    ]
    origins = [
        [
            origin or "unlabelled",
            str(sum(i.breakdown == origin for i in items)),
            _share(
                sum(well_broken_down(i) for i in items if i.breakdown == origin),
                sum(i.breakdown == origin for i in items),
            ),
        ]
        for origin in ("pack", "drafted", "assembled")
    ]
    seconds = (datetime.now(UTC) - started).total_seconds()
    detail = [
        *origins,
        ["gaps left out of plans (qualifications, past the topic limit)", str(tally.left_out), ""],
        ["top gaps practice cannot ask about", ", ".join(sorted(set(tally.unaskable))) or "none", ""],
    ]
    title = f"Plan breadth: {tally.reports} analyses (SkillSpan dev postings x real CVs), {seconds:.0f} s"
    return [
        ResultTable(title, ("measure", "target", "value"), rows),
        ResultTable("Plan items by breakdown", ("breakdown", "items", "well broken down"), detail),
    ]
