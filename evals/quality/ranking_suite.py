"""`mulakat eval ranking`: does fit order a CV's postings the way an independent labeller does?

Every labelled (CV, posting) pair is analysed end to end through the product's graph runner, on the
configured PostgreSQL, as `mulakat analyze` would: the uploads are the CV's DOCX and the posting's text.
Fit and readiness are the product's orders; BM25, TF-IDF and embedding similarity are baselines in the
same run. Fit's weights may be chosen on the odd-numbered CVs only; the table shows the even ones apart.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, replace
from itertools import product

from evals.quality.posting_rankings import RankingFile, is_tuning, mean, orders_agree, spearman
from evals.quality.ranking_baselines import Embed, bm25_scores, embedding_scores, tfidf_scores
from evals.tables import ResultTable
from graph.analysis import run_analysis
from graph.runner import Runner
from mulakat.assessment.fit import DEFAULT_WEIGHTS, NEUTRAL, FitWeights, requirements_part
from mulakat.models import Report

Pair = tuple[str, str]  # (cv, posting)
Scores = dict[Pair, float]
UploadOf = Callable[[str], tuple[str, bytes]]
FIT, READINESS = "fit (mulakat)", "readiness (mulakat)"
BASELINES = ("BM25, CV words against the postings", "TF-IDF cosine, CV to posting", "embedding, resume passages")


def pairs_of(*files: RankingFile | None) -> list[Pair]:
    return sorted({(r.cv, p) for f in files if f for r in f.rankings for p in r.order})


async def analyse_pairs(runner: Runner, pairs: Sequence[Pair], upload_of: UploadOf) -> dict[Pair, Report]:
    """One analysis per pair, each on its own stable thread so a re-run updates rather than piles up."""
    reports = {}
    for cv, posting in pairs:
        (cv_name, cv_bytes), (job_name, job_bytes) = upload_of(cv), upload_of(posting)
        reports[(cv, posting)] = await run_analysis(
            runner,
            {"name": cv_name, "data": cv_bytes},
            {"name": job_name, "data": job_bytes},
            f"eval-ranking-{cv}-{posting}",
        )
    return reports


def reweighed(report: Report, weights: FitWeights) -> float:
    """The report's fit under other weights: its level and role values as they were, requirements recomputed."""
    if report.fit is None:
        return 0.0
    values = {p.name: p.value for p in report.fit.parts}
    values["requirements"] = requirements_part(report.requirements, weights).value
    values.setdefault("content", NEUTRAL)  # a report from before the content part
    shares = {"requirements": weights.requirements, "level": weights.level, "role": weights.role}
    shares["content"] = weights.content
    return round(100 * sum(shares[n] * values[n] for n in shares) / sum(shares.values()))


def system_scores(reports: Mapping[Pair, Report], texts: Callable[[str], str], embed: Embed) -> dict[str, Scores]:
    cvs = {cv: texts(cv) for cv, _ in reports}
    postings = {p: texts(p) for _, p in reports}
    bm25: Scores = {}
    for cv, text in cvs.items():
        bm25 |= {(cv, p): s for p, s in bm25_scores(text, postings).items()}
    return {
        FIT: {pair: float(r.fit.score if r.fit else 0) for pair, r in reports.items()},
        READINESS: {pair: float(r.readiness.score) for pair, r in reports.items()},
        BASELINES[0]: bm25,
        BASELINES[1]: tfidf_scores(cvs, postings),
        BASELINES[2]: embedding_scores(cvs, postings, embed),
    }


def rho_by_cv(labels: RankingFile, scores: Scores) -> dict[str, float]:
    return {r.cv: spearman(r.order, {p: scores[(r.cv, p)] for p in r.order}) for r in labels.rankings}


def _halves(rhos: Mapping[str, float]) -> list[str]:
    held = [v for cv, v in rhos.items() if not is_tuning(cv)]
    tuning = [v for cv, v in rhos.items() if is_tuning(cv)]
    return [
        f"{mean(held):.3f} ({len(held)})",
        f"{mean(tuning):.3f} ({len(tuning)})",
        f"{mean(list(rhos.values())):.3f} ({len(rhos)})",
    ]


GRID_STEP = 0.1
PRIORS = (0.1, 0.2, 0.3)
PRIOR_WEIGHTS = (0.0, 4.0, 8.0, 16.0)


def weight_grid() -> list[FitWeights]:
    steps = [round(i * GRID_STEP, 2) for i in range(int(1 / GRID_STEP) + 1)]
    shares = [
        (r, lv, ro, round(1 - r - lv - ro, 2)) for r in steps for lv in steps for ro in steps if r + lv + ro <= 1 + 1e-9
    ]
    return [
        replace(DEFAULT_WEIGHTS, requirements=r, level=lv, role=ro, content=c, prior=p, prior_weight=k)
        for (r, lv, ro, c), p, k in product(shares, PRIORS, PRIOR_WEIGHTS)
    ]


def tuning_rows(labels: RankingFile, reports: Mapping[Pair, Report]) -> list[list[str]]:
    """The shipped weights beside the grid's best on the tuning half (ties: the first in grid order)."""

    def rhos(weights: FitWeights) -> dict[str, float]:
        return rho_by_cv(labels, {pair: reweighed(r, weights) for pair, r in reports.items()})

    def tuned(weights: FitWeights) -> float:
        return mean([v for cv, v in rhos(weights).items() if is_tuning(cv)])

    best = max(weight_grid(), key=tuned)
    rows = []
    for name, weights in (("shipped", DEFAULT_WEIGHTS), ("best on the tuning half", best)):
        shown = asdict(weights)
        names = ("requirements", "level", "role", "content", "prior", "prior_weight")
        described = ", ".join(f"{k} {shown[k]:g}" for k in names)
        rows.append([name, described, *_halves(rhos(weights))])
    return rows


def ranking_tables(
    a: RankingFile, b: RankingFile | None, scores: Mapping[str, Scores], reports: Mapping[Pair, Report]
) -> list[ResultTable]:
    rhos = {system: rho_by_cv(a, s) for system, s in scores.items()}
    agreement = {}
    if b is not None:
        theirs = b.by_cv()
        agreement = {r.cv: orders_agree(r.order, theirs[r.cv].order) for r in a.rankings if r.cv in theirs}
    columns = ("system", "held half: even CVs (n)", "tuning half: odd CVs (n)", "all CVs (n)")
    summary = [[system, *_halves(v)] for system, v in rhos.items()]
    if agreement:
        summary.append([f"labeller {b.labeller if b else ''} against {a.labeller} (reference)", *_halves(agreement)])
    tables = [ResultTable(f"Posting rankings: mean Spearman with labeller {a.labeller}", columns, summary)]
    if b is not None:
        on_b = [[system, *_halves(rho_by_cv(b, s))] for system, s in scores.items()]
        tables.append(ResultTable(f"Posting rankings: mean Spearman with labeller {b.labeller}", columns, on_b))
    per_cv = [
        [
            r.cv,
            "tuning" if is_tuning(r.cv) else "held",
            *(f"{rhos[s][r.cv]:.2f}" for s in scores),
            f"{agreement[r.cv]:.2f}" if r.cv in agreement else "",
        ]
        for r in a.rankings
    ]
    tables.append(ResultTable("Posting rankings per CV (Spearman)", ("cv", "half", *scores, "B vs A"), per_cv))
    tables.append(
        ResultTable(
            f"Fit weights: shipped, and the grid's best on the tuning half (mean Spearman with {a.labeller})",
            ("weights", "values", *columns[1:]),
            tuning_rows(a, reports),
        )
    )
    return tables
