"""analyzer: read both documents, extract skills and requirements with evidence, index the resume."""

from __future__ import annotations

import asyncio
from typing import Any

from langchain_core.runnables import RunnableConfig

from graph.state import AnalysisState, Upload
from mulakat.documents import read_document
from mulakat.extract import extract_requirements, extract_resume_skills, job_title
from mulakat.services import current_services
from tools.stores import index_resume


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
    skills = extract_resume_skills(resume, services.taxonomy)
    requirements = extract_requirements(job, services.taxonomy)
    thread_id = str(config.get("configurable", {}).get("thread_id", ""))
    await index_resume(services.resumes, services.pool, resume, thread_id)
    warnings = [f"{doc.kind}: {m}" for doc in (resume, job) for m in doc.quality.messages]
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
        "fallback": False,
    }
