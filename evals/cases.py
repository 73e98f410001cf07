"""Case suites: examples, a target and evaluators defined once, run through `langsmith.evaluate`.

Offline (no LANGSMITH_API_KEY) the same call runs with uploads off and the results become a local table;
with a key the examples are synced to a LangSmith dataset named after the suite and the experiment uploads.
"""

from __future__ import annotations

import os
import uuid
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from langsmith import Client, evaluate
from langsmith.evaluation import EvaluationResult
from langsmith.schemas import Example, Run

from mulakat import __version__

Inputs = dict[str, Any]
Outputs = dict[str, Any]
Evaluator = Callable[[Run, Example], dict[str, Any]]
SummaryEvaluator = Callable[[Sequence[Run], Sequence[Example]], EvaluationResult]

# Stable ids: re-running a suite updates the same examples instead of piling up copies.
_NAMESPACE = uuid.UUID("5d1f7c0e-2b8a-4c55-9a51-6d2f3b7e9c10")


@dataclass(frozen=True)
class Case:
    id: str
    inputs: Inputs
    outputs: Outputs


@dataclass(frozen=True)
class CaseSuite:
    name: str
    description: str
    cases: list[Case]
    target: Callable[[Inputs], Outputs]
    evaluators: list[Evaluator]
    summary_evaluators: list[SummaryEvaluator]


@dataclass(frozen=True)
class CaseResult:
    case: Case
    outputs: Outputs
    scores: dict[str, float]  # evaluator key -> score
    comments: dict[str, str]


@dataclass(frozen=True)
class SuiteRun:
    results: list[CaseResult]
    summary: dict[str, float]
    experiment: str | None  # the LangSmith experiment when uploaded


def dataset_name(suite: CaseSuite) -> str:
    return f"mulakat-{suite.name}"


def example_of(suite: CaseSuite, case: Case) -> Example:
    return Example(
        id=uuid.uuid5(_NAMESPACE, f"{suite.name}:{case.id}"),
        dataset_id=uuid.uuid5(_NAMESPACE, suite.name),
        inputs=case.inputs,
        outputs=case.outputs,
        metadata={"case": case.id},
    )


def upload_wanted() -> bool:
    """A LangSmith key means upload; MULAKAT_EVAL_UPLOAD=false keeps a keyed run local."""
    key = os.environ.get("LANGSMITH_API_KEY") or os.environ.get("LANGCHAIN_API_KEY")
    return bool(key) and os.environ.get("MULAKAT_EVAL_UPLOAD", "true").lower() not in ("0", "false", "no")


def sync_dataset(client: Client, suite: CaseSuite) -> str:
    """Create the suite's dataset if needed and add the cases it lacks; returns its name."""
    name = dataset_name(suite)
    if client.has_dataset(dataset_name=name):
        dataset = client.read_dataset(dataset_name=name)
        present = {str(e.id) for e in client.list_examples(dataset_id=dataset.id)}
    else:
        dataset = client.create_dataset(name, description=suite.description)
        present = set()
    missing = [example_of(suite, c) for c in suite.cases if str(example_of(suite, c).id) not in present]
    if missing:
        client.create_examples(
            dataset_id=dataset.id,
            examples=[
                {"id": e.id, "inputs": e.inputs, "reference_outputs": e.outputs, "metadata": e.metadata}
                for e in missing
            ],
        )
    return name


def _offline_client() -> Client:
    # Given `info`, the client never asks a server for its settings; with uploads off it sends nothing,
    # and without a batch thread it has nothing to start.
    return Client(api_url="http://127.0.0.1:9", api_key="offline", info={}, auto_batch_tracing=False)


def run_suite_cases(
    suite: CaseSuite, *, upload: bool | None = None, metadata: dict[str, Any] | None = None
) -> SuiteRun:
    """Run every case through `langsmith.evaluate`; upload when asked (default: when a key is set)."""
    upload = upload_wanted() if upload is None else upload
    client = Client() if upload else _offline_client()
    data: str | list[Example] = sync_dataset(client, suite) if upload else [example_of(suite, c) for c in suite.cases]
    by_id = {str(example_of(suite, c).id): c for c in suite.cases}
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*upload_runs.*")  # marked beta; we rely on it
        experiment = evaluate(
            suite.target,
            data=data,
            evaluators=suite.evaluators,
            summary_evaluators=suite.summary_evaluators,
            experiment_prefix=dataset_name(suite),
            description=suite.description,
            metadata={"app_version": __version__, **(metadata or {})},
            client=client,
            upload_runs=upload,
            max_concurrency=0,  # cases share a process-wide taxonomy; in order, the output reads top to bottom
        )
    results: list[CaseResult] = []
    runs: list[Run] = []
    examples: list[Example] = []
    for row in experiment:
        run, example = row["run"], row["example"]
        runs.append(run)
        examples.append(example)
        evaluated = row["evaluation_results"]["results"]
        results.append(
            CaseResult(
                case=by_id[str(example.id)],
                outputs=dict(run.outputs or {}),
                scores={r.key: float(r.score) for r in evaluated if r.score is not None},
                comments={r.key: r.comment for r in evaluated if r.comment},
            )
        )
    if upload:
        client.flush()  # the CLI exits right after; queued traces must reach LangSmith first
    results.sort(key=lambda r: suite.cases.index(r.case))
    summary: dict[str, float] = {}
    for summarise in suite.summary_evaluators:  # the same functions LangSmith ran, for the local table
        found = summarise(runs, examples)
        summary[found.key] = float(found.score or 0)
    return SuiteRun(results, summary, experiment.experiment_name if upload else None)
