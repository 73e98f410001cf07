"""A small resume and job posting whose outcome the tests know by heart, and the upload form runs take."""

from __future__ import annotations

RESUME = """Ada Demir

Experience

Backend Engineer, Acme (2021 - 2023)
- Shipped Python services in Docker containers.

Data Analyst, Beta (2017 - 2019)
- Reporting in SQL.

Skills
Python, Docker, SQL, Git
"""
JOB = """Platform Engineer

Requirements
- 3+ years of experience with Kubernetes.
- Experience with Docker.
- 5+ years of Python.

Nice to have
- Terraform is a plus.

Benefits
- Python lunch club
"""


def upload(name: str, text: str) -> dict[str, object]:
    return {"name": name, "data": text.encode()}
