"""evaluator: every requirement against the resume; grade_answer: a practice answer against its rubric.

Both end in readiness with its parts; a practice answer also moves the skill's mastery. An analysis also
gets its fit, which compares postings: level, role and requirements found.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from typing import Any

from langchain_core.language_models import BaseChatModel
from langgraph.runtime import Runtime

from graph.context import Context, run_services, thread_of
from graph.state import AnalysisState, turn_in_hand
from mulakat.assessment.fit import content_cosine, role_cosine, score_fit
from mulakat.assessment.matching import SemanticHit, match_requirement, semantic_floor, semantic_query
from mulakat.assessment.profile import candidate_profile, posting_profile
from mulakat.assessment.readiness import score_readiness
from mulakat.practice import grading
from mulakat.practice.mastery import update
from mulakat.practice.model_grading import RubricJudgement, apply_judgement
from mulakat.practice.session import fuse_practice, mastery_for
from prompts.evaluator import GRADING_SYSTEM, GRADING_USER
from tools.retrieval import search_resume

log = logging.getLogger(__name__)


async def grade_with_model(
    model: BaseChatModel, question: str, rubric: list[str], answer: str, core: grading.Grade
) -> tuple[grading.Grade, int]:
    """Model judgement over the core's grade, quotes checked; raises on any model failure (the caller falls back)."""
    if core.verdict != "ok" or core.honesty is not None or not rubric:
        return core, 0
    points = "\n".join(f"{i}. {p}" for i, p in enumerate(rubric, start=1))
    structured = model.with_structured_output(RubricJudgement)
    out = await structured.ainvoke(
        [("system", GRADING_SYSTEM), ("user", GRADING_USER.format(question=question, points=points, answer=answer))]
    )
    judged = out if isinstance(out, RubricJudgement) else RubricJudgement.model_validate(out)
    return apply_judgement(core, rubric, answer, judged)


async def evaluator(state: AnalysisState, runtime: Runtime[Context]) -> dict[str, Any]:
    services = await run_services(runtime)
    thread_id = thread_of(runtime)
    resume, job = await services.documents.load(thread_id, [state["resume"], state["job"]])
    reqs = state["requirements"]
    skills = {s.skill: s for s in state["skills"]}
    results = [match_requirement(req, skills, resume, services.taxonomy) for req in reqs]
    missing = [i for i, r in enumerate(results) if r.status == "missing"]
    now = datetime.now(UTC)
    candidate = candidate_profile(resume, state["skills"], now.date())
    posting = posting_profile(job, reqs, state.get("job_title"))
    embed = services.embeddings.embed_documents
    # All at once, so the embedder takes the lookups' queries and fit's texts in one batch.
    cosine, content, lookups = await asyncio.gather(
        asyncio.to_thread(role_cosine, embed, candidate, posting),
        asyncio.to_thread(content_cosine, embed, resume.text, [r.text for r in reqs]),
        # Requirements the taxonomy could not place: look for resume passages about the same thing.
        search_resume.ainvoke({"queries": [semantic_query(reqs[i]) for i in missing], "thread_id": thread_id}),
    )
    for i, hits in zip(missing, lookups, strict=True):
        if hits and hits[0]["similarity"] >= semantic_floor(reqs[i]):
            hit = SemanticHit(hits[0]["similarity"], hits[0]["start"], hits[0]["end"])
            results[i] = match_requirement(reqs[i], skills, resume, services.taxonomy, semantic=hit)
    quality = min(resume.quality.confidence, job.quality.confidence)
    readiness = score_readiness(results, reqs, skills, this_year=now.year, quality=quality)
    fit = score_fit(results, candidate, posting, cosine, content=content)
    return {"results": results, "readiness": readiness, "fit": fit}


async def grade_answer(state: AnalysisState, runtime: Runtime[Context]) -> dict[str, Any]:
    services = await run_services(runtime)
    question, answer = state["practice"].question, turn_in_hand(state).answer
    if question is None or answer is None:
        raise ValueError("the evaluator grades an answer only after one was given")
    grade = await asyncio.to_thread(
        grading.grade_answer,
        question.text,
        question.rubric,
        answer,
        services.embeddings.embed_documents,
        kind=question.kind,
    )
    if services.chat_model is not None:
        try:
            grade, _ = await grade_with_model(services.chat_model, question.text, question.rubric, answer, grade)
        except Exception as exc:  # any model failure: the core's grade, flagged
            log.warning("model grading failed, using the deterministic grade: %s", exc)
            grade = grade.model_copy(update={"fallback": True})
    mastery = dict(state.get("mastery", {}))
    now = datetime.now(UTC)
    before = mastery_for(question.skill, mastery, state["results"], state["requirements"])
    mastery[question.skill] = update(before, grade.score / 100, question.difficulty, now.isoformat(timespec="seconds"))
    quality = min(state["resume"].quality.confidence, state["job"].quality.confidence)
    skills = {s.skill: s for s in state["skills"]}
    _, readiness = fuse_practice(state["results"], state["requirements"], skills, mastery, now.year, quality)
    return {
        "practice_grade": grade,
        "mastery_before": before,
        "mastery": mastery,
        "practice_readiness": readiness,
    }
