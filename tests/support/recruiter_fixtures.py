"""Two tiny postings, two CVs and labelled-file builders for the recruiter-label harness tests.

Made up for the tests: they stand in for the real labelled set, whose labels these tests never see.
"""

from __future__ import annotations

from typing import Any

from mulakat.documents.reader import read_document
from mulakat.models import ParsedDocument

POSTING = """Backend Developer
Requirements
- 3+ years with PHP, Python or Go
- Experience with Docker and Kubernetes
- Good communication skills
Nice to have
- AWS (EC2, S3) is a plus
"""
POSTING_2 = """Data Engineer
Requirements
- Strong SQL and Airflow
- Spark is a plus
"""
CV = """Jane Doe
Experience
2019 - 2024 Backend developer at Acme
Built services in Python and Django, deployed with Docker.
Skills: AWS, Git
"""
CV_2 = """John Roe
Experience
2020 - 2023 Analyst at Beta
Reports in SQL and Excel.
"""
TEXTS = {"posting-1": POSTING, "posting-2": POSTING_2, "cv-1": CV, "cv-2": CV_2}


def text_of(doc_id: str) -> str:
    return TEXTS[doc_id]  # KeyError for an unknown id, as recruiter_docs raises


def doc_of(doc_id: str) -> ParsedDocument:
    if doc_id.startswith("posting"):
        return read_document("job", f"{doc_id}.txt", TEXTS[doc_id].encode())
    return read_document("resume", f"{doc_id}.txt", TEXTS[doc_id].encode())


def req(phrase: str, status: str, quote: str = "", **fields: Any) -> dict[str, Any]:
    """One requirement in the guidelines' format; the name defaults to the phrase."""
    out: dict[str, Any] = {
        "phrase": phrase,
        "name": phrase,
        "kind": "technical",
        "priority": "must",
        "min_years": None,
        "status": status,
        "resume_quote": quote,
        "why": "fixture",
    }
    return out | fields


def label_file(labeller: str, pairs: list[tuple[str, str, list[dict[str, Any]]]]) -> dict[str, Any]:
    return {
        "labeller": labeller,
        "pairs": [{"cv": cv, "posting": posting, "requirements": reqs} for cv, posting, reqs in pairs],
    }


# Labeller A on cv-1 x posting-1: five requirements, as the guidelines list them.
A_POSTING_1 = [
    req("PHP, Python or Go", "met", "Python", min_years=3),
    req("Docker", "met", "deployed with Docker"),
    req("Kubernetes", "missing"),
    req("communication skills", "partial", "Built services", kind="soft"),
    req("AWS", "met", "AWS", priority="nice"),
]
