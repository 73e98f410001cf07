"""The whole graph on real PostgreSQL + pgvector: content of each node, the contract, resumability."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from typing import Any

import pytest
from langchain_core.messages import AIMessage

import graph.analysis
from evals.quality.citations import invalid_citations
from graph.analysis import run_analysis
from graph.runner import Runner
from mulakat.models import ParsedDocument, Report
from tests.support.chat_models import ScriptedModel, TimingOutModel
from tests.support.paths import SAMPLES, SHARED_DATA, requires_shared_data
from tests.support.samples import JOB, RESUME, upload

pytestmark = pytest.mark.anyio


async def state_of(runner: Runner, thread_id: str) -> dict[str, Any]:
    snapshot = await runner.graph.aget_state({"configurable": {"thread_id": thread_id}})
    return snapshot.values  # type: ignore[no-any-return]


async def documents_of(runner: Runner, thread_id: str) -> list[ParsedDocument]:
    """The thread's parsed resume and job, loaded from the references its state holds."""
    state = await state_of(runner, thread_id)
    return await runner.services.documents.load(thread_id, [state["resume"], state["job"]])


async def test_every_node_does_its_job(runner: Runner) -> None:
    report = await run_analysis(runner, upload("r.txt", RESUME), upload("j.txt", JOB))  # type: ignore[arg-type]
    by_skill = {r.skill: r for r in report.requirements}
    # analyzer + evaluator
    assert by_skill["Docker"].status == "met"
    assert by_skill["Kubernetes"].status == "partial"
    assert by_skill["Terraform"].status == "missing" and by_skill["Terraform"].priority == "nice"
    assert 0 < report.readiness.score < 100
    assert [c.name for c in report.readiness.components] == [
        "must_have",
        "nice_to_have",
        "depth",
        "recency",
        "level",
        "soft_skills",
    ]
    assert report.readiness.low <= report.readiness.score <= report.readiness.high
    # feedback: gaps first, each citing the job text and, where there is one, the resume.
    first = report.feedback[0]
    assert "Kubernetes" in first.text and first.citations[0].source == "job"
    assert any(c.source == "resume" and "Docker" in c.quote for c in first.citations)
    assert "at Acme (2021–2023)" in first.text  # where on the resume the related skill was used
    # guidance: prerequisites before what needs them; subtopics from the knowledge store.
    topics = [p.skill for p in report.plan]
    assert topics.index("Computer networking") < topics.index("Kubernetes")
    assert "Linux" not in topics  # Docker work shows Linux, which Kubernetes is built on
    k8s = next(p for p in report.plan if p.skill == "Kubernetes")
    assert "Pods and workloads" in k8s.subtopics and "Docker" in k8s.prerequisites
    assert k8s.sources[0] == "mulakat:knowledge/packs/kubernetes.yaml" and len(k8s.questions) == 3
    assert all(s.startswith("https://") for s in k8s.sources[1:]) and k8s.sources[1:]  # the pack's references
    assert [p.order for p in report.plan] == list(range(1, len(report.plan) + 1))
    assert report.mode == "deterministic" and report.fallback is False


async def test_contract_and_citations_verify(runner: Runner) -> None:
    report = await run_analysis(
        runner,
        upload("resume.md", (SAMPLES / "resume.md").read_text()),  # type: ignore[arg-type]
        upload("job.md", (SAMPLES / "job.md").read_text()),  # type: ignore[arg-type]
    )
    payload = json.loads(report.model_dump_json())
    assert set(payload) >= {
        "thread_id",
        "job",
        "readiness",
        "requirements",
        "feedback",
        "plan",
        "mode",
        "fallback",
    }
    assert payload["job"] == {"title": "Platform Backend Engineer", "source": "job.md"}
    fit = payload["fit"]  # computed in the evaluator, with the embedder's role cosine
    assert [p["name"] for p in fit["parts"]] == ["requirements", "level", "role", "content"]
    assert sum(p["points"] for p in fit["parts"]) == fit["score"]
    assert all("cosine" in p["explanation"] for p in fit["parts"][2:])
    resume, job = await documents_of(runner, report.thread_id)
    job_text = job.text
    for req in payload["requirements"]:
        assert req["priority"] in ("must", "nice") and req["status"] in ("met", "partial", "missing")
        assert 0 <= req["credit"] <= 1 and req["evidence"]
        mention = req["mention"]  # the phrase that names it, verifiable in the parsed posting
        assert job_text[mention["start"] : mention["end"]] == mention["quote"]
    assert invalid_citations(report, resume.text, job.text) == []
    assert report.feedback and all(item.citations for item in report.feedback)  # no sentence without evidence
    assert Report.model_validate(payload) == report


async def test_semantic_evidence_from_the_vector_store(runner: Runner) -> None:
    resume = (
        "Experience\n\nEngineer, Acme (2020 - 2024)\n"
        "- Built high-volume event pipelines processing millions of messages per day.\n"
    )
    job = "Requirements\n- Experience with high-volume event pipelines on Apache Kafka.\n- Familiarity with Go.\n"
    report = await run_analysis(runner, upload("r.txt", resume), upload("j.txt", job))  # type: ignore[arg-type]
    kafka = next(r for r in report.requirements if r.skill == "Apache Kafka")
    # No taxonomy link on the resume, but the resume index finds a passage about the same work.
    assert kafka.status == "partial" and "similarity" in kafka.reason
    assert kafka.evidence[1].source == "resume" and "event pipelines" in kafka.evidence[1].quote
    go = next(r for r in report.requirements if r.skill == "Go")
    assert go.status == "missing" and len(go.evidence) == 1


async def test_rerun_on_a_thread_updates_it(runner: Runner) -> None:
    thread = f"t-{uuid.uuid4()}"
    first = await run_analysis(runner, upload("r.txt", RESUME), upload("j.txt", JOB), thread)  # type: ignore[arg-type]
    better = RESUME.replace("Shipped Python services", "Shipped Python runner on Kubernetes")
    second = await run_analysis(runner, upload("r.txt", better), upload("j.txt", JOB), thread)  # type: ignore[arg-type]
    assert second.runs_on_thread == 2 and second.previous_score == first.readiness.score
    assert second.readiness.score > first.readiness.score
    state = await state_of(runner, thread)
    assert [h["score"] for h in state["history"]] == [first.readiness.score, second.readiness.score]


async def test_thread_resumes_in_a_new_process(runner: Runner, data_dir: Any) -> None:
    thread = f"t-{uuid.uuid4()}"
    first = await run_analysis(runner, upload("r.txt", RESUME), upload("j.txt", JOB), thread)  # type: ignore[arg-type]
    env = {**os.environ, "MULAKAT_DATA_DIR": str(data_dir)}
    if runner.services.settings.database_url:
        env["MULAKAT_DATABASE_URL"] = runner.services.settings.database_url
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mulakat",
            "analyze",
            "--resume",
            str(SAMPLES / "resume.md"),
            "--job",
            str(SAMPLES / "job.md"),
            "--thread",
            thread,
            "--json",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1
    second = json.loads(lines[0])
    assert second["thread_id"] == thread
    assert second["runs_on_thread"] == 2 and second["previous_score"] == first.readiness.score


@requires_shared_data
async def test_real_docx_resume_against_a_real_posting(runner: Runner) -> None:
    docx = SHARED_DATA / "documents" / "vanetik_cvs_31_65" / "31.docx"
    spans = SHARED_DATA / "skills" / "skillspan" / "dev.json"
    rows = [json.loads(line) for line in spans.read_text().splitlines()]
    posting = "\n".join(" ".join(r["tokens"]) for r in rows if r.get("idx") == 4 and r.get("source") == "tech")
    report = await run_analysis(
        runner,
        {"name": docx.name, "data": docx.read_bytes()},
        upload("posting.txt", posting),  # type: ignore[arg-type]
    )
    assert len(report.requirements) >= 4
    assert {"TypeScript", "JavaScript", "Node.js"} <= {r.skill for r in report.requirements}
    resume, job = await documents_of(runner, report.thread_id)
    assert invalid_citations(report, resume.text, job.text) == []
    assert next(r for r in report.requirements if r.skill == "JavaScript").status == "met"


def implicit_call(items: list[dict[str, str]]) -> AIMessage:
    return AIMessage(content="", tool_calls=[{"name": "ImplicitRequirements", "args": {"items": items}, "id": "c0"}])


def prose_call(items: list[str]) -> AIMessage:
    return AIMessage(content="", tool_calls=[{"name": "FeedbackProse", "args": {"items": items}, "id": "c1"}])


async def test_model_prose_is_checked_against_the_facts(runner: Runner) -> None:
    base = await run_analysis(runner, upload("r.txt", RESUME), upload("j.txt", JOB))  # type: ignore[arg-type]
    honest = [f"Rewritten: {item.text}" for item in base.feedback]
    llm = runner.with_services(chat_model=ScriptedModel(responses=[implicit_call([]), prose_call(honest)]))
    report = await run_analysis(llm, upload("r.txt", RESUME), upload("j.txt", JOB))  # type: ignore[arg-type]
    assert report.mode == "llm" and report.fallback is False
    assert report.feedback[0].text.startswith("Rewritten:")

    invented = [*honest[:-1], "You also know Rust at Google for 9 years."]
    liar = runner.with_services(chat_model=ScriptedModel(responses=[implicit_call([]), prose_call(invented)]))
    flagged = await run_analysis(liar, upload("r.txt", RESUME), upload("j.txt", JOB))  # type: ignore[arg-type]
    assert flagged.fallback is True
    assert [f.text for f in flagged.feedback] == [f.text for f in base.feedback]
    assert any("rejected" in w for w in flagged.warnings)

    renamed = [*honest[:-1], "You built that at Google, which the posting will like."]  # an employer not in evidence
    namer = runner.with_services(chat_model=ScriptedModel(responses=[implicit_call([]), prose_call(renamed)]))
    flagged = await run_analysis(namer, upload("r.txt", RESUME), upload("j.txt", JOB))  # type: ignore[arg-type]
    assert flagged.fallback is True and any("Google" in w for w in flagged.warnings)


async def test_model_adds_implicit_requirements_only_with_verified_quotes(runner: Runner) -> None:
    job = (
        "Platform Engineer\n\nResponsibilities\n"
        "- Keep our container clusters healthy and scaling.\n- Python runner.services.\n"
    )
    suggestions = [
        {"skill": "Kubernetes", "quote": "Keep our container clusters healthy and scaling", "priority": "must"},
        {"skill": "Terraform", "quote": "Manage all infrastructure as code", "priority": "nice"},  # not in the text
        {"skill": "Python", "quote": "Python services", "priority": "must"},  # the rules found it already
    ]
    model = ScriptedModel(responses=[implicit_call(suggestions), prose_call(["x"] * 20)])
    report = await run_analysis(
        runner.with_services(chat_model=model),
        upload("r.txt", RESUME),
        upload("j.txt", job),  # type: ignore[arg-type]
    )
    kube = next(r for r in report.requirements if r.skill == "Kubernetes")
    assert kube.evidence[0].quote == "Keep our container clusters healthy and scaling"
    assert job[kube.evidence[0].start : kube.evidence[0].end] == kube.evidence[0].quote
    assert "Terraform" not in {r.skill for r in report.requirements}
    assert any("2 model-suggested requirements dropped" in w and "quote not found" in w for w in report.warnings)


async def test_model_failure_falls_back_to_rules(runner: Runner) -> None:
    report = await run_analysis(
        runner.with_services(chat_model=TimingOutModel(responses=[])),
        upload("r.txt", RESUME),
        upload("j.txt", JOB),  # type: ignore[arg-type]
    )
    assert report.fallback is True and report.mode == "llm"
    assert {r.skill for r in report.requirements} >= {"Docker", "Kubernetes"}
    assert any("rules only" in w for w in report.warnings)


async def test_schedule_is_built_and_kept_on_the_thread(runner: Runner) -> None:
    thread = f"t-{uuid.uuid4()}"
    options = {"interview_date": "2026-12-05", "hours_per_day": 3.0, "today": "2026-12-01"}
    first = await run_analysis(runner, upload("r.txt", RESUME), upload("j.txt", JOB), thread, options)  # type: ignore[arg-type]
    assert first.schedule is not None and first.schedule.available_hours == 12
    assert first.schedule.planned_hours <= 12 and first.schedule.skipped  # the sample gap needs more than 12 h
    planned = {i["order"] for d in first.schedule.days for i in d.items}
    assert planned.isdisjoint({s.order for s in first.schedule.skipped})
    again = await run_analysis(
        runner,
        upload("r.txt", RESUME),
        upload("j.txt", JOB),
        thread,
        {"today": "2026-12-02"},  # type: ignore[arg-type]
    )
    assert again.schedule is not None and again.schedule.interview_date == "2026-12-05"
    assert again.schedule.available_hours == 9  # one day less


async def test_every_report_is_checked_and_a_quote_that_does_not_verify_fails(
    runner: Runner, citations_checked_on_every_report: list[str]
) -> None:
    report = await run_analysis(runner, upload("r.txt", RESUME), upload("j.txt", JOB))  # type: ignore[arg-type]
    assert report.thread_id in citations_checked_on_every_report
    tampered = report.model_copy(deep=True)
    tampered.requirements[0].evidence[0].quote += " (edited)"
    with pytest.raises(AssertionError, match="do not verify"):
        await graph.analysis.record(runner, tampered)
