"""Baseline statuses for recruiter-labelled requirements: a similarity score cut into met/partial/missing.

Each baseline scores a labelled requirement against the whole CV text (keyword match of its name or
phrase; TF-IDF, BM25 and embedding similarity of its phrase to the CV's lines, as in match_quality).
Two thresholds turn a score into a status (met at >= t_met, partial at >= t_partial); they are chosen
on one half of the labelled pairs, the one whose status accuracy they maximise, and the other half
is where they are reported, so no baseline is scored on the data that set it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from evals.quality.match_quality import Case, bm25, embedding_cosine, keyword_overlap, tfidf_cosine
from evals.quality.recruiter_labels import STATUSES, LabelStatus

Embed = Callable[[list[str]], list[list[float]]]
MAX_CANDIDATES = 60  # threshold values tried per baseline: quantiles of its scores, enough at a few hundred labels


@dataclass(frozen=True)
class Query:
    """One labelled requirement as a baseline sees it: the posting's words for it and the CV text."""

    posting: str
    name: str
    phrase: str
    cv_text: str
    gold: LabelStatus


@dataclass(frozen=True)
class Thresholds:
    partial: float
    met: float

    def status(self, score: float) -> LabelStatus:
        return "met" if score >= self.met else "partial" if score >= self.partial else "missing"

    def __str__(self) -> str:
        def at(value: float) -> str:
            return "never" if math.isinf(value) else f">= {value:.3g}"

        return f"partial {at(self.partial)}, met {at(self.met)}"


def keyword_scores(queries: Sequence[Query]) -> list[float]:
    """1 when the canonical name occurs as a whole word in the CV, else the share of the phrase's words that do."""
    scores = []
    for q in queries:
        name = re.compile(rf"(?<![\w+#]){re.escape(q.name.strip())}(?![\w+#])", re.IGNORECASE)
        whole = bool(q.name.strip()) and name.search(q.cv_text) is not None
        scores.append(1.0 if whole else keyword_overlap(Case(q.phrase, "", q.cv_text, False)))
    return scores


def _cases(queries: Sequence[Query]) -> list[Case]:
    return [Case(q.phrase, "", q.cv_text, False) for q in queries]


def baseline_scores(queries: Sequence[Query], embed: Embed) -> dict[str, list[float]]:
    """Each baseline's score per query, in query order."""
    cases = _cases(queries)
    return {
        "keyword match of name or phrase (baseline)": keyword_scores(queries),
        "TF-IDF cosine, phrase to CV lines (baseline)": tfidf_cosine(cases),
        "BM25, phrase to CV lines (baseline)": bm25(cases),
        "embedding cosine, phrase to CV lines (baseline)": embedding_cosine(cases, embed) if cases else [],
    }


def accuracy(scores: Sequence[float], gold: Sequence[LabelStatus], cut: Thresholds) -> float:
    if not gold:
        return math.nan
    return sum(cut.status(s) == g for s, g in zip(scores, gold, strict=True)) / len(gold)


def _candidates(scores: Sequence[float]) -> list[float]:
    values = sorted(set(scores))
    if len(values) > MAX_CANDIDATES:
        step = (len(values) - 1) / (MAX_CANDIDATES - 1)
        values = sorted({values[round(i * step)] for i in range(MAX_CANDIDATES)})
    return [*values, math.inf]  # inf: that status is never given


def choose_thresholds(scores: Sequence[float], gold: Sequence[LabelStatus]) -> Thresholds:
    """The pair with the best status accuracy on these judgements; ties go to the lower thresholds."""
    values = _candidates(scores)
    best, best_accuracy = Thresholds(math.inf, math.inf), -1.0
    for i, partial in enumerate(values):
        for met in values[i:]:
            cut = Thresholds(partial, met)
            found = accuracy(scores, gold, cut)
            if found > best_accuracy:
                best, best_accuracy = cut, found
    return best


def most_common(gold: Sequence[LabelStatus]) -> LabelStatus:
    """The tuning half's most frequent status: what a system that reads nothing would say."""
    counts = Counter(gold)
    return max(STATUSES, key=lambda s: counts[s])
