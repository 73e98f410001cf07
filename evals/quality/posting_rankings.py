"""Posting-ranking labels and how a system's scores are compared with them.

A label file holds, per CV, the postings ordered best first by an independent labeller:
`{"labeller", "criteria", "postings": {id: note}, "rankings": [{"cv", "order": [ids], "why"}]}`.
A system scores each (CV, posting); its order for a CV is compared with the labeller's by Spearman's rho
(ties share their mean rank), and the figure reported is the mean over CVs. CVs are split by number:
odd ones are where fit's weights may be chosen, even ones are held back.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path

from pydantic import BaseModel, ValidationError

from evals.tables import SuiteError

RANKINGS_DIR = Path(__file__).resolve().parents[1] / "data" / "posting_rankings"
RANKINGS_A = RANKINGS_DIR / "labeller-a.json"
RANKINGS_B = RANKINGS_DIR / "labeller-b.json"


class Ranking(BaseModel):
    cv: str
    order: list[str]
    """Posting ids, best fit first."""
    why: str = ""


class RankingFile(BaseModel):
    labeller: str
    criteria: str
    postings: dict[str, str]
    rankings: list[Ranking]

    def by_cv(self) -> dict[str, Ranking]:
        return {r.cv: r for r in self.rankings}


def load_rankings(path: Path) -> RankingFile:
    """The file, checked: every order names distinct known postings, and each CV is ranked once."""
    try:
        labels = RankingFile.model_validate_json(path.read_text(encoding="utf-8"))
    except ValidationError as exc:
        raise SuiteError(f"{path.name}: not a posting-ranking file: {exc}") from exc
    problems = []
    seen: set[str] = set()
    for r in labels.rankings:
        if r.cv in seen:
            problems.append(f"{r.cv} is ranked twice")
        seen.add(r.cv)
        unknown = [p for p in r.order if p not in labels.postings]
        if unknown or len(set(r.order)) != len(r.order) or len(r.order) < 2:
            problems.append(f"{r.cv}: order {r.order} must name at least 2 distinct postings listed in 'postings'")
    if problems:
        raise SuiteError(f"{path.name}: {len(problems)} problems: " + "; ".join(problems))
    return labels


def cv_number(cv: str) -> int:
    tail = cv.rpartition("-")[2]
    return int(tail) if tail.isdigit() else 0


def is_tuning(cv: str) -> bool:
    """Odd-numbered CVs are where weights may be chosen; even-numbered ones are held back."""
    return cv_number(cv) % 2 == 1


def mean_ranks(scores: Sequence[float]) -> list[float]:
    """Rank 1 for the highest score; tied scores share the mean of the ranks they span."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    ranks = [0.0] * len(scores)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(gold_order: Sequence[str], scores: Mapping[str, float]) -> float:
    """Spearman's rho between a best-first order and a system's scores for the same items.

    A system that scores them all alike orders nothing: rho is 0, not undefined, so a mean over CVs counts it.
    """
    gold = [float(i + 1) for i in range(len(gold_order))]
    mine = mean_ranks([scores[item] for item in gold_order])
    mean_g, mean_m = sum(gold) / len(gold), sum(mine) / len(mine)
    cov = sum((g - mean_g) * (m - mean_m) for g, m in zip(gold, mine, strict=True))
    spread = math.sqrt(sum((g - mean_g) ** 2 for g in gold) * sum((m - mean_m) ** 2 for m in mine))
    return cov / spread if spread else 0.0


def orders_agree(a: Sequence[str], b: Sequence[str]) -> float:
    """Spearman between two labellers' orders over the postings both ranked (b's first scores highest)."""
    shared = [p for p in a if p in b]
    return spearman(shared, {p: float(len(b) - i) for i, p in enumerate(b)})


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else math.nan
