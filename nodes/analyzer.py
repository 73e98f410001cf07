"""analyzer: read both documents, extract skills and requirements with evidence, index the resume."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import RunnableConfig

from graph.state import AnalysisState, Upload
from mulakat import tracing
from mulakat.documents import read_document
from mulakat.extract import extract_requirements, extract_resume_skills, job_title
from mulakat.implicit import ImplicitRequirements, verify
from mulakat.services import current_services
from prompts.analyzer import IMPLICIT_REQUIREMENTS_SYSTEM, IMPLICIT_REQUIREMENTS_USER
from tools.stores import index_resume

log = logging.getLogger(__name__)


async def ask_for_implicit(
    model: BaseChatModel, posting: str, known: list[str], config: RunnableConfig
) -> ImplicitRequirements:
    structured = model.with_structured_output(ImplicitRequirements)
    answer = await structured.ainvoke(
        [
            ("system", IMPLICIT_REQUIREMENTS_SYSTEM),
            ("user", IMPLICIT_REQUIREMENTS_USER.format(known=", ".join(known) or "none", posting=posting)),
        ],
        config,
    )
    return answer if isinstance(answer, ImplicitRequirements) else ImplicitRequirements.model_validate(answer)


def as_bytes(upload: Upload) -> bytes:
    data = upload["data"]
    return data.encode() if isinstance(data, str) else data


async def analyzer(state: AnalysisState, config: RunnableConfig) -> dict[str, Any]:
    services = await current_services()
    resume_file, job_file = state["resume_file"], state["job_file"]
    resume, job = await asyncio.gather(
        asyncio.to_thread(read_document, "resume", resume_file["name"], as_bytes(resume_file)),
        asyncio.to_thread(read_document, "job", job_file["name"], as_bytes(job_file)),
    )
    if tracing.enabled():  # before this node's output is traced, so the name is already redacted there
        tracing.NAMES.remember_from_resume(resume.text)
    skills = extract_resume_skills(resume, services.taxonomy)
    requirements = extract_requirements(job, services.taxonomy)
    thread_id = str(config.get("configurable", {}).get("thread_id", ""))
    await index_resume(services.resumes, services.pool, resume, thread_id)
    warnings = [f"{doc.kind}: {m}" for doc in (resume, job) for m in doc.quality.messages]
    fallback = False
    if services.chat_model is not None:
        try:
            found = await ask_for_implicit(services.chat_model, job.text, [r.name for r in requirements], config)
            added, dropped = verify(found, job, services.taxonomy, {r.skill for r in requirements})
            requirements = [*requirements, *added]
            if dropped:
                warnings.append(f"job: {len(dropped)} model-suggested requirements dropped ({'; '.join(dropped)})")
        except Exception as exc:  # the rules' requirements stand; say that the model part is missing
            log.warning("implicit-requirement pass failed: %s", exc)
            fallback = True
            warnings.append(f"job: the chat model's requirement pass failed ({type(exc).__name__}); rules only")
    if not requirements:
        warnings.append("job: no skill requirements were recognised in the posting")
    return {
        "resume": resume,
        "job": job,
        "job_title": job_title(job),
        "skills": skills,
        "requirements": requirements,
        "warnings": warnings,
        "mode": services.mode,
        "fallback": fallback,
    }
