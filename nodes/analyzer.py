"""analyzer: read both documents, extract skills and requirements with evidence, index the resume."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from langchain_core.language_models import BaseChatModel
from langgraph.runtime import Runtime

from graph.context import Context, run_services, thread_of
from graph.state import AnalysisState, Upload
from mulakat.documents.reader import read_document
from mulakat.skills.implicit import ImplicitRequirements, verify
from mulakat.skills.requirements import extract_requirements
from mulakat.skills.resume_skills import extract_resume_skills
from mulakat.skills.signals import job_title
from mulakat.storage import tracing
from mulakat.storage.vectors import index_resume
from prompts.analyzer import IMPLICIT_REQUIREMENTS_SYSTEM, IMPLICIT_REQUIREMENTS_USER

log = logging.getLogger(__name__)


async def ask_for_implicit(model: BaseChatModel, posting: str, known: list[str]) -> ImplicitRequirements:
    structured = model.with_structured_output(ImplicitRequirements)
    answer = await structured.ainvoke(
        [
            ("system", IMPLICIT_REQUIREMENTS_SYSTEM),
            ("user", IMPLICIT_REQUIREMENTS_USER.format(known=", ".join(known) or "none", posting=posting)),
        ],
    )
    return answer if isinstance(answer, ImplicitRequirements) else ImplicitRequirements.model_validate(answer)


def as_bytes(upload: Upload) -> bytes:
    data = upload["data"]
    return data.encode() if isinstance(data, str) else data


async def analyzer(state: AnalysisState, runtime: Runtime[Context]) -> dict[str, Any]:
    services = await run_services(runtime)
    resume_file, job_file = state["resume_file"], state["job_file"]
    resume, job = await asyncio.gather(
        asyncio.to_thread(read_document, "resume", resume_file["name"], as_bytes(resume_file)),
        asyncio.to_thread(read_document, "job", job_file["name"], as_bytes(job_file)),
    )
    if tracing.enabled():  # before this node's output is traced, so the name is already redacted there
        tracing.NAMES.remember_from_resume(resume.text)
    thread_id = thread_of(runtime)
    # Embedding the resume's passages is the slow part: reading the signals runs meanwhile.
    skills, requirements, _ = await asyncio.gather(
        asyncio.to_thread(extract_resume_skills, resume, services.taxonomy),
        asyncio.to_thread(extract_requirements, job, services.taxonomy, services.tagger),
        index_resume(services.resumes, services.pool, resume, thread_id),
    )
    warnings = [f"{doc.kind}: {m}" for doc in (resume, job) for m in doc.quality.messages]
    fallback = False
    if services.chat_model is not None:
        try:
            found = await ask_for_implicit(services.chat_model, job.text, [r.name for r in requirements])
            added, dropped = verify(found, job, services.taxonomy, {r.skill for r in requirements if r.skill})
            requirements = [*requirements, *added]
            if dropped:
                warnings.append(f"job: {len(dropped)} model-suggested requirements dropped ({'; '.join(dropped)})")
        except Exception as exc:  # the rules' requirements stand; say that the model part is missing
            log.warning("implicit-requirement pass failed: %s", exc)
            fallback = True
            warnings.append(f"job: the chat model's requirement pass failed ({type(exc).__name__}); rules only")
    if not requirements:
        warnings.append("job: no skill requirements were recognised in the posting")
    resume_ref, job_ref = await services.documents.save(thread_id, [resume, job])
    return {
        # The checkpoint keeps references; every later step would otherwise load and decode the full documents.
        "resume": resume_ref,
        "job": job_ref,
        "resume_file": None,  # the uploads too: read once, here
        "job_file": None,
        "job_title": job_title(job),
        "skills": skills,
        "requirements": requirements,
        "warnings": list(dict.fromkeys(warnings)),  # each message once, first-seen order
        "mode": services.mode,
        "fallback": fallback,
    }
