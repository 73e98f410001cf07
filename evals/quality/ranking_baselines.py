"""Baselines that order postings for a CV by text similarity alone, with no reading of requirements or level.

- BM25: the CV's words as the query, the postings ranked as the collection (their IDF comes from them);
- TF-IDF cosine between the CV and each posting, IDF over every CV and posting in the run;
- embedding: each resume passage (a line of 4+ words, as the product indexes them) is matched to its
  closest posting line by the project's embedder; a posting scores the mean of those best cosines.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from mulakat.assessment.fit import passages  # the lines of four words or more the product compares

Embed = Callable[[list[str]], list[list[float]]]
_WORDS = re.compile(r"[a-z][a-z0-9+#]*")


def words(text: str) -> list[str]:
    return _WORDS.findall(text.lower())


def bm25_scores(query: str, postings: Mapping[str, str], k1: float = 1.5, b: float = 0.75) -> dict[str, float]:
    docs = {pid: Counter(words(text)) for pid, text in postings.items()}
    lengths = {pid: sum(c.values()) for pid, c in docs.items()}
    avg = sum(lengths.values()) / max(len(docs), 1)
    terms = Counter(words(query))
    scores = {}
    for pid, counts in docs.items():
        score = 0.0
        for term, in_query in terms.items():
            tf = counts.get(term, 0)
            if not tf:
                continue
            df = sum(term in c for c in docs.values())
            idf = math.log(1 + (len(docs) - df + 0.5) / (df + 0.5))
            score += in_query * idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * lengths[pid] / max(avg, 1)))
        scores[pid] = score
    return scores


def tfidf_scores(cvs: Mapping[str, str], postings: Mapping[str, str]) -> dict[tuple[str, str], float]:
    """Cosine of every (CV, posting) pair, the vectoriser fitted on all of them at once."""
    from evals.tables import tfidf_vectorizer

    vectorizer = tfidf_vectorizer()

    cv_ids, posting_ids = list(cvs), list(postings)
    matrix = vectorizer(lowercase=True).fit_transform([*cvs.values(), *postings.values()])
    sims = (matrix[: len(cv_ids)] @ matrix[len(cv_ids) :].T).toarray()
    return {(c, p): float(sims[i, j]) for i, c in enumerate(cv_ids) for j, p in enumerate(posting_ids)}


def _unit_rows(embed: Embed, texts: Sequence[str]) -> np.ndarray:
    vectors = np.asarray(embed(list(texts)) if texts else [], dtype=float)
    if vectors.size == 0:
        return np.zeros((0, 1))
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.asarray(vectors / np.where(norms == 0, 1, norms))


def embedding_scores(cvs: Mapping[str, str], postings: Mapping[str, str], embed: Embed) -> dict[tuple[str, str], float]:
    posting_rows = {p: _unit_rows(embed, passages(text)) for p, text in postings.items()}
    scores = {}
    for cv, text in cvs.items():
        mine = _unit_rows(embed, passages(text))
        for p, theirs in posting_rows.items():
            if len(mine) == 0 or len(theirs) == 0:
                scores[(cv, p)] = 0.0
                continue
            scores[(cv, p)] = float((mine @ theirs.T).max(axis=1).mean())
    return scores
