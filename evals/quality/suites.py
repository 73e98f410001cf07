"""The quality suites `mulakat eval` runs: each turns one evaluator's rows into titled tables.

Evaluators are imported inside each suite so that naming a suite loads only what that suite needs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from evals.tables import ResultTable, SuiteError
from mulakat.storage.settings import Settings

if TYPE_CHECKING:
    from evals.cases import CaseSuite, SuiteRun
    from evals.quality.recruiter_baselines import Embed
    from evals.quality.recruiter_status import DocOf

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def extraction(data: Path, esco: Path, settings: Settings) -> list[ResultTable]:
    from evals.quality.skill_spans import dotin_table, skillspan_table

    if not (data / "skillspan" / "dev.json").is_file():
        raise SuiteError(f"{data}/skillspan/dev.json not found; pass --data")
    rows = skillspan_table(data / "skillspan")
    if (data / "dotin_train" / "train.jsonl").is_file():
        rows += dotin_table(data / "dotin_train" / "train.jsonl")
    tables = [
        ResultTable(
            "Skill span extraction (SkillSpan dev; Dotin train)",
            ("system", "set", "strict P", "strict R", "strict F1", "overlap P", "overlap R", "overlap F1"),
            sorted(rows, key=lambda r: (r[1], r[0])),
        )
    ]
    if (data / "decorte_validation").is_dir() and (esco / "skills_en.csv").is_file():
        from evals.quality.esco_linking import decorte_table

        tables.append(
            ResultTable(
                "ESCO skills per sentence (Decorte validation, held half; SkillSpan train sentences dropped)",
                ("system", "precision", "recall", "F1", "predicted", "gold"),
                decorte_table(data / "decorte_validation", esco, settings.data_dir / "cache"),
            )
        )
    return tables


def matching(data: Path, settings: Settings) -> list[ResultTable]:
    from evals.quality.match_quality import matching_table
    from mulakat.storage.embeddings import load_embeddings

    embed = load_embeddings(settings).embed_documents
    rows = matching_table(data / "skillspan", data / "dotin_train" / "train.jsonl", embed)
    return [
        ResultTable(
            "Requirement status on real postings x real CVs (SkillSpan dev x Dotin train)",
            ("system", "threshold", "gap P", "gap R", "gap F1", "status accuracy"),
            rows,
        )
    ]


def grading(settings: Settings) -> list[ResultTable]:
    from evals.quality.grading import COLUMNS, JUNK_COLUMNS, grading_sanity
    from evals.quality.point_tuning import memoized
    from mulakat.storage.embeddings import load_embeddings

    embed = load_embeddings(settings).embed_documents
    tables, run = grading_sanity(embed)  # uncached: its table reports milliseconds per answer
    summary = [[key, f"{value:.3f}"] for key, value in run.summary.items()]
    summary.append(["LangSmith experiment", run.experiment or "not uploaded (no LANGSMITH_API_KEY)"])
    title = "Answer grading (30-seconds-of-interviews 'good to hear' points as rubrics; held half, then all)"
    return [
        ResultTable(title, COLUMNS, tables.kinds),
        ResultTable("Junk answers' scores (our own varied junk; held half, then all)", JUNK_COLUMNS, tables.junk),
        ResultTable("Answer grading: summary (all questions)", ("measure", "value"), summary),
        *known_subset(memoized(embed)),
    ]


def known_subset(embed: Embed) -> list[ResultTable]:
    """Per-point grading on the hand-labelled answers, with the thresholds chosen on their tuning half."""
    from evals.quality import point_metrics as m
    from evals.quality import point_tuning as t
    from evals.quality.grading import halves, load_questions
    from evals.quality.grading_subsets import load_known_answers

    answers = load_known_answers()
    questions = load_questions()
    known = t.prepare_known(answers, embed)
    references = t.prepare_references(questions, halves([q["name"] for q in questions]), embed)
    chosen = t.choose(known, references)
    judged = t.graded(answers, embed)
    about = "known-subset answers (evals/data/grading_subsets), shipped values"
    return [
        ResultTable(f"Key points: precision and recall of 'covered' ({about})", m.POINT_COLUMNS, m.point_rows(judged)),
        ResultTable(f"Wrong statements: credited or called out ({about})", m.WRONG_COLUMNS, m.wrong_rows(judged)),
        ResultTable(f"Scores per variant ({about})", m.SCORE_COLUMNS, m.score_rows(judged)),
        ResultTable(f"Answers that make 1 of 4+ points ({about})", m.CAP_COLUMNS, m.one_point_rows(judged)),
        ResultTable("Coverage values: shipped and chosen on the tuning half", t.CHOICE_COLUMNS, t.choice_rows(chosen)),
        ResultTable(
            "Coverage values: what each gives on each half",
            t.OUTCOME_COLUMNS,
            t.outcome_rows(known, references, chosen),
        ),
    ]


def quality(data: Path, settings: Settings) -> list[ResultTable]:
    from evals.quality.checks import quality_table
    from graph.runner import run_with_runner

    cvs = data.parent / "documents" / "vanetik_cvs_31_65"  # real DOCX CVs, when the shared data is beside us
    rows = run_with_runner(lambda runner: quality_table(runner, SAMPLES, cvs), settings)
    return [ResultTable("Quality checks (deterministic core)", ("check", "cases", "failures", "detail"), rows)]


def feedback(settings: Settings) -> list[ResultTable]:
    from evals.quality.feedback import feedback_examples, feedback_tables
    from graph.runner import run_with_runner

    summary, downs = feedback_tables(run_with_runner(lambda runner: feedback_examples(runner.services.pool), settings))
    return [
        ResultTable("Candidate feedback by output (POST /v1/feedback)", ("rated", "up", "down", "share down"), summary),
        ResultTable("Latest thumbs-down, as eval cases", ("target", "output", "comment", "input"), downs),
    ]


def case_tables(run: SuiteRun, suite: CaseSuite, title: str) -> list[ResultTable]:
    """One row per case with each evaluator's score and what went wrong, then the suite's summary."""
    keys = list(dict.fromkeys(k for r in run.results for k in r.scores))
    rows = [
        [
            r.case.id,
            *(f"{r.scores.get(k, float('nan')):.2f}" for k in keys),
            "; ".join(dict.fromkeys(r.comments.values())),
        ]
        for r in run.results
    ]
    summary = [[key, f"{value:.3f}"] for key, value in run.summary.items()]
    summary.append(["cases", str(len(run.results))])
    summary.append(["LangSmith experiment", run.experiment or "not uploaded (no LANGSMITH_API_KEY)"])
    return [
        ResultTable(title, ("case", *keys, "what differs"), rows),
        ResultTable(f"{title}: summary", ("measure", "value"), summary),
    ]


def requirements() -> list[ResultTable]:
    from evals.cases import run_suite_cases
    from evals.quality.requirement_status import requirement_suite

    suite = requirement_suite()
    return case_tables(run_suite_cases(suite), suite, "Requirement status and priority (hand-labelled cases)")


def metamorphic() -> list[ResultTable]:
    from evals.cases import run_suite_cases
    from evals.quality.metamorphic import metamorphic_suite

    suite = metamorphic_suite()
    return case_tables(run_suite_cases(suite), suite, "Metamorphic properties of the readiness score")


def labelled_tables(a: Path, b: Path, doc_of: DocOf, embed: Callable[[], Embed]) -> list[ResultTable]:
    """Agreement and status accuracy, or a table saying which label file is missing (labels land later)."""
    from evals.quality.recruiter_agreement import agreement_rows
    from evals.quality.recruiter_labels import load_labels
    from evals.quality.recruiter_status import STATUS_COLUMNS, status_rows
    from mulakat.skills.taxonomy import load_taxonomy

    def text_of(doc_id: str) -> str:
        return doc_of(doc_id).text

    title = "Recruiter-labelled set (evals/data/recruiter_labels)"
    if not a.is_file():
        why = f"{a.name} not found: no labels yet, so labeller agreement and status accuracy are not scored"
        return [ResultTable(title, ("label file", "state"), [[a.name, why]])]
    labels = load_labels(a, text_of)
    tables = []
    if b.is_file():
        rows = agreement_rows(labels, load_labels(b, text_of), text_of)
        tables.append(ResultTable("Labeller agreement on double-labelled pairs", ("measure", "value", "counts"), rows))
    else:
        missing = [[b.name, "not found: labeller agreement is not scored"]]
        tables.append(ResultTable(title, ("label file", "state"), missing))
    rows = status_rows(labels, doc_of, load_taxonomy(), embed())
    tables.append(ResultTable(f"Requirement status against labeller {labels.labeller}", STATUS_COLUMNS, rows))
    return tables


def recruiter(settings: Settings) -> list[ResultTable]:
    from evals.quality.recruiter_docs import SKILLSPAN_DEV, doc_of
    from evals.quality.recruiter_labels import LABELLER_A, LABELLER_B
    from evals.quality.requirement_mentions import MENTION_COLUMNS, gold_postings, mention_rows
    from mulakat.storage.embeddings import load_embeddings

    if not SKILLSPAN_DEV.is_file():
        raise SuiteError(f"{SKILLSPAN_DEV.name} not found beside the repository (shared/data/skills/skillspan)")
    mentions = ResultTable(
        "Requirement mentions against SkillSpan dev gold (skill + knowledge union)",
        MENTION_COLUMNS,
        mention_rows(gold_postings()),
    )
    labelled = labelled_tables(LABELLER_A, LABELLER_B, doc_of, lambda: load_embeddings(settings).embed_documents)
    return [*labelled, mentions]


def llm(settings: Settings) -> list[ResultTable]:
    from evals.quality.model_runs import COLUMNS, model_table
    from graph.runner import run_with_runner

    rows = run_with_runner(lambda runner: model_table(runner, SAMPLES), settings)
    return [ResultTable("LLM mode beside the deterministic core (sample resume and posting)", COLUMNS, rows)]


def demand(data: Path, taxonomy_dir: Path) -> list[ResultTable]:
    from evals.quality.pack_demand import count_all, demand_rows
    from mulakat.packs.loader import pack_files
    from mulakat.skills.taxonomy import load_taxonomy

    needed = [data / "skillspan" / "train.json", taxonomy_dir / "onet_29_2", taxonomy_dir / "esco_v1_1_1"]
    if missing := [str(p) for p in needed if not p.exists()]:
        raise SuiteError(f"not found: {', '.join(missing)}; pass --data and --esco")
    taxonomy = load_taxonomy()
    packed = {pack.skill for pack in pack_files().values()}
    per_source, curve, missing_packs = demand_rows(
        count_all(data, taxonomy_dir, taxonomy), packed, {s.id: s.name for s in taxonomy.skills.values()}
    )
    return [
        ResultTable(
            "Demand for technical skills, linked to our taxonomy, and the share our own packs cover",
            ("source", "texts", "linked mentions", "skills", "covered by packs"),
            per_source,
        ),
        ResultTable(
            "Coverage curve: the n most demanded skills, how many have a pack, their share, the share packs cover",
            ("n most demanded", "with a pack", "share they hold", "share covered"),
            curve,
        ),
        ResultTable("Most demanded skills with no pack of their own", ("skill", "name", "demand share"), missing_packs),
    ]


def plan(settings: Settings) -> list[ResultTable]:
    from datetime import UTC, datetime

    from evals.quality.plan_breadth import plan_tables, sample_pairs, tally_pairs
    from evals.quality.recruiter_docs import SKILLSPAN_DEV, VANETIK, cv_ids, posting_ids, upload_of, vanetik_ids
    from graph.runner import Runner, run_with_runner

    if not SKILLSPAN_DEV.is_file():
        raise SuiteError(f"{SKILLSPAN_DEV.name} not found beside the repository (shared/data/skills/skillspan)")
    cvs = cv_ids() + (vanetik_ids() if VANETIK.is_dir() else [])
    pairs = sample_pairs(cvs, posting_ids())
    started = datetime.now(UTC)

    async def work(runner: Runner) -> list[ResultTable]:
        return plan_tables(await tally_pairs(runner, pairs, upload_of), started)

    return run_with_runner(work, settings)


def ranking(settings: Settings) -> list[ResultTable]:
    from evals.quality.posting_rankings import RANKINGS_A, RANKINGS_B, load_rankings
    from evals.quality.ranking_suite import analyse_pairs, pairs_of, ranking_tables, system_scores
    from evals.quality.recruiter_docs import VANETIK, text_of, upload_of
    from graph.runner import Runner, run_with_runner

    if not RANKINGS_A.is_file():
        raise SuiteError(f"{RANKINGS_A.name} not found in evals/data/posting_rankings: no labels to rank against")
    if not VANETIK.is_dir():
        raise SuiteError(f"{VANETIK.name} not found beside the repository (shared/data/documents)")
    a = load_rankings(RANKINGS_A)
    b = load_rankings(RANKINGS_B) if RANKINGS_B.is_file() else None

    async def work(runner: Runner) -> list[ResultTable]:
        reports = await analyse_pairs(runner, pairs_of(a, b), upload_of)
        scores = system_scores(reports, text_of, runner.services.embeddings.embed_documents)
        return ranking_tables(a, b, scores, reports)

    return run_with_runner(work, settings)
