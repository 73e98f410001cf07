"""The deterministic core's reading of a resume against a posting, step by step, without the graph or a database."""

from __future__ import annotations

from datetime import date

from mulakat.assessment.matching import match_requirement
from mulakat.documents.reader import read_document
from mulakat.skills.requirements import extract_requirements
from mulakat.skills.resume_skills import extract_resume_skills
from mulakat.skills.taxonomy import load_taxonomy
from tests.support.samples import JOB, RESUME

TAX = load_taxonomy()


def analyse(resume: str = RESUME, job: str = JOB):  # type: ignore[no-untyped-def]
    r = read_document("resume", "resume.txt", resume.encode())
    j = read_document("job", "job.txt", job.encode())
    skills = {s.skill: s for s in extract_resume_skills(r, TAX, today=date(2026, 6, 1))}
    reqs = extract_requirements(j, TAX)
    results = [match_requirement(q, skills, r, TAX) for q in reqs]
    return r, j, skills, reqs, results
