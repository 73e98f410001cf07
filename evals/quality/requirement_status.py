"""Requirement status and priority against our own hand-labelled cases.

Each case is a short resume and posting written for one judgement a careful recruiter makes: an alias is
the same skill, an umbrella word is not a specific one, too few years is partial, a related skill transfers
some but not all, an ambiguous name is read from context. Labels say what the recruiter would conclude,
not what the code happens to print, so a wrong label shows up here as a failure to look at.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from langsmith.evaluation import EvaluationResult
from langsmith.schemas import Example, Run

from evals.cases import Case, CaseSuite
from mulakat.assessment.matching import match_requirement
from mulakat.documents.reader import read_document
from mulakat.skills.requirements import extract_requirements
from mulakat.skills.resume_skills import extract_resume_skills
from mulakat.skills.taxonomy import Taxonomy, load_taxonomy

TODAY = date(2026, 6, 1)  # fixed, so "2021 - Present" means the same number of years in every run
SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _resume(role_years: str, bullets: list[str], skills: str = "") -> str:
    lines = "\n".join(f"- {b}" for b in bullets)
    listed = f"\n## Skills\n\n{skills}\n" if skills else ""
    return f"# Sam Candidate\n\n## Experience\n\n### Software Engineer, Example Co ({role_years})\n\n{lines}\n{listed}"


def _job(must: list[str], nice: list[str] | None = None) -> str:
    text = "# Engineer\n\n## Requirements\n\n" + "\n".join(f"- {m}" for m in must) + "\n"
    if nice:
        text += "\n## Nice to have\n\n" + "\n".join(f"- {n}" for n in nice) + "\n"
    return text


def _case(case_id: str, resume: str, job: str, expected: dict[str, tuple[str, str]]) -> Case:
    return Case(
        case_id,
        {"resume": resume, "job": job},
        {"requirements": {name: {"status": s, "priority": p} for name, (s, p) in expected.items()}},
    )


def cases() -> list[Case]:
    built = [
        _case(
            "exact skill, enough years",
            _resume("2018 - 2024", ["Built billing services in Python."]),
            _job(["3+ years of Python"]),
            {"Python": ("met", "must")},
        ),
        _case(
            "alias k8s",
            _resume("2019 - 2024", ["Deployed services to k8s clusters."]),
            _job(["Experience with Kubernetes"]),
            {"Kubernetes": ("met", "must")},
        ),
        _case(
            "alias Postgres",
            _resume("2020 - 2024", ["Tuned Postgres queries for the search service."]),
            _job(["Experience with PostgreSQL"]),
            {"PostgreSQL": ("met", "must")},
        ),
        _case(
            "alias JS",
            _resume("2020 - 2024", ["Wrote the dashboard front end in JS."]),
            _job(["Strong JavaScript skills"]),
            {"JavaScript": ("met", "must")},
        ),
        _case(
            "alias GCP",
            _resume("2020 - 2024", ["Ran batch jobs on GCP."]),
            _job(["Experience with Google Cloud Platform"]),
            {"Google Cloud Platform": ("met", "must")},
        ),
        _case(
            "lower-case name",
            _resume("2020 - 2024", ["Packaged every service with docker."]),
            _job(["Docker"]),
            {"Docker": ("met", "must")},
        ),
        _case(
            "umbrella word is not AWS",
            _resume("2019 - 2024", ["Migrated our cloud infrastructure and cut hosting costs."]),
            _job(["Experience with AWS"]),
            {"AWS": ("missing", "must")},
        ),
        _case(
            "too few years",
            _resume("2022 - 2024", ["Built internal tools in Python."]),
            _job(["5+ years of Python"]),
            {"Python": ("partial", "must")},
        ),
        _case(
            "years asked, skill only listed",
            _resume("2019 - 2024", ["Kept the release process running."], skills="Terraform, Git"),
            _job(["3+ years of Terraform"]),
            {"Terraform": ("partial", "must")},
        ),
        _case(
            "related skill transfers some",
            _resume("2019 - 2024", ["Moved every service into Docker containers."]),
            _job(["Experience with Kubernetes"]),
            {"Kubernetes": ("partial", "must")},
        ),
        _case(
            "specific tool meets the general practice",
            _resume("2019 - 2024", ["Set up GitHub Actions pipelines for twelve services."]),
            _job(["Experience with CI/CD"]),
            {"CI/CD": ("met", "must")},
        ),
        _case(
            "general skill for a specific service",
            _resume("2019 - 2024", ["Operated Kubernetes clusters on bare metal."]),
            _job(["Experience with Amazon EKS"]),
            {"Amazon EKS": ("partial", "must")},
        ),
        _case(
            "nothing related",
            _resume("2019 - 2024", ["Built billing services in Python."]),
            _job(["Experience with Rust"]),
            {"Rust": ("missing", "must")},
        ),
        _case(
            "nice-to-have section",
            _resume("2019 - 2024", ["Built billing services in Python."]),
            _job(["Python"], nice=["Apache Kafka"]),
            {"Python": ("met", "must"), "Apache Kafka": ("missing", "nice")},
        ),
        _case(
            "'preferred' in the requirements",
            _resume("2019 - 2024", ["Built billing services in Python."]),
            _job(["Python", "Experience with Redis is preferred"]),
            {"Python": ("met", "must"), "Redis": ("missing", "nice")},
        ),
        _case(
            "'a plus' in the requirements",
            _resume("2019 - 2024", ["Added Redis caching to the pricing service."]),
            _job(["Redis experience is a plus"]),
            {"Redis": ("met", "nice")},
        ),
        _case(
            "go the verb is not Go",
            _resume("2019 - 2024", ["Happy to go the extra mile when releases go wrong.", "Built APIs in Python."]),
            _job(["Experience with Go (Golang)"]),
            {"Go": ("missing", "must")},
        ),
        _case(
            "Go the language",
            _resume("2019 - 2024", ["Wrote the ingestion services in Go."]),
            _job(["Experience with Go (Golang)"]),
            {"Go": ("met", "must")},
        ),
        _case(
            "React Native is not React",
            _resume("2019 - 2024", ["Shipped two React Native mobile apps."]),
            _job(["Experience with React"]),
            {"React": ("partial", "must")},
        ),
        _case(
            "R the language",
            _resume("2019 - 2024", ["Built statistical models in R for the pricing team."]),
            _job(["Experience with R"]),
            {"R": ("met", "must")},
        ),
        _case(
            "Spring the framework",
            _resume("2019 - 2024", ["Built Spring Boot microservices."]),
            _job(["Experience with Spring"]),
            {"Spring": ("met", "must")},
        ),
        _case(
            "Swift the language",
            _resume("2019 - 2024", ["Built iOS apps in Swift."]),
            _job(["Experience with Swift"]),
            {"Swift": ("met", "must")},
        ),
        _case(
            "a SQL database shows SQL",
            _resume("2019 - 2024", ["Tuned PostgreSQL queries and indexes."]),
            _job(["Strong SQL skills"]),
            {"SQL": ("met", "must")},
        ),
        _case(
            "several requirements, mixed",
            _resume("2019 - 2024", ["Built REST APIs in Python with FastAPI.", "Deployed with Docker."]),
            _job(["Python", "Docker", "Experience with AWS"], nice=["Terraform"]),
            {
                "Python": ("met", "must"),
                "Docker": ("met", "must"),
                "AWS": ("missing", "must"),
                "Terraform": ("missing", "nice"),
            },
        ),
    ]
    built.append(
        _case(
            "shipped sample pair",
            (SAMPLES / "resume.md").read_text(encoding="utf-8"),
            (SAMPLES / "job.md").read_text(encoding="utf-8"),
            {
                "Python": ("met", "must"),
                "Kubernetes": ("partial", "must"),  # Docker containers transfer some, not the years asked
                "SQL": ("met", "must"),
                "PostgreSQL": ("met", "must"),
                "Query optimization": ("met", "must"),  # "tuned PostgreSQL queries and indexes"
                "Docker": ("met", "must"),
                "AWS": ("missing", "must"),
                "Amazon EKS": ("missing", "must"),
                "System design": ("missing", "must"),
                "Terraform": ("missing", "nice"),
                "Apache Kafka": ("missing", "nice"),
                "Go": ("missing", "nice"),
            },
        )
    )
    return built


@cache
def _taxonomy() -> Taxonomy:
    return load_taxonomy()


def assess(inputs: dict[str, Any]) -> dict[str, Any]:
    """The deterministic core's verdict per requirement, keyed by skill id."""
    taxonomy = _taxonomy()
    resume = read_document("resume", "resume.md", str(inputs["resume"]).encode())
    job = read_document("job", "job.md", str(inputs["job"]).encode())
    skills = {s.skill: s for s in extract_resume_skills(resume, taxonomy, today=TODAY)}
    found: dict[str, dict[str, str]] = {}
    for req in extract_requirements(job, taxonomy):
        result = match_requirement(req, skills, resume, taxonomy)
        found.setdefault(
            req.skill or req.id, {"name": result.skill, "status": result.status, "priority": result.priority}
        )
    return {"requirements": found}


def _labelled(example: Example) -> dict[str, tuple[str, dict[str, str]]]:
    """Labels by skill id; labels use a recruiter's words ("GCP"), so they resolve through the taxonomy."""
    labels: dict[str, dict[str, str]] = (example.outputs or {})["requirements"]
    out = {}
    for name, want in labels.items():
        skill = _taxonomy().resolve(name)
        out[skill.id if skill else f"unknown:{name}"] = (name, want)
    return out


def _judge(run: Run, example: Example, field: str) -> tuple[int, list[str]]:
    got: dict[str, dict[str, str]] = (run.outputs or {}).get("requirements", {})
    wrong = [
        f"{name}: {want[field]} expected, {got[sid][field] if sid in got else 'not extracted'}"
        for sid, (name, want) in _labelled(example).items()
        if got.get(sid, {}).get(field) != want[field]
    ]
    return len(_labelled(example)) - len(wrong), wrong


def _compare(run: Run, example: Example, field: str) -> dict[str, Any]:
    right, wrong = _judge(run, example, field)
    return {"key": f"{field} accuracy", "score": right / (right + len(wrong)), "comment": "; ".join(wrong) or None}


def status_accuracy(run: Run, example: Example) -> dict[str, Any]:
    return _compare(run, example, "status")


def priority_accuracy(run: Run, example: Example) -> dict[str, Any]:
    return _compare(run, example, "priority")


def _pooled(runs: Sequence[Run], examples: Sequence[Example], field: str) -> tuple[int, int]:
    right = total = 0
    for run, example in zip(runs, examples, strict=True):
        ok, wrong = _judge(run, example, field)
        right, total = right + ok, total + ok + len(wrong)
    return right, total


def pooled_status_accuracy(runs: Sequence[Run], examples: Sequence[Example]) -> EvaluationResult:
    right, total = _pooled(runs, examples, "status")
    return EvaluationResult(key="requirements with the right status", score=right / total if total else 0.0)


def pooled_priority_accuracy(runs: Sequence[Run], examples: Sequence[Example]) -> EvaluationResult:
    right, total = _pooled(runs, examples, "priority")
    return EvaluationResult(key="requirements with the right priority", score=right / total if total else 0.0)


def requirement_suite() -> CaseSuite:
    return CaseSuite(
        name="requirements",
        description="Requirement status (met/partial/missing) and priority against hand-labelled cases.",
        cases=cases(),
        target=assess,
        evaluators=[status_accuracy, priority_accuracy],
        summary_evaluators=[pooled_status_accuracy, pooled_priority_accuracy],
    )
