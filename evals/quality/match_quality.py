"""Match quality on constructed cases: real postings (SkillSpan) against real CVs (Dotin).

Gold: a posting's gold knowledge spans and a CV's gold Tech Tools spans, each normalised to a
canonical skill with our taxonomy (spans it cannot name are left out); a requirement is met when
the CV's gold skills include it. That normalisation is ours, which favours our matcher: the
table says so next to its figures. Baselines see the same requirements and the raw CV text.
"""

from __future__ import annotations

import json
import math
import random
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from evals.quality.skill_spans import gold_spans
from mulakat.assessment.matching import match_requirement
from mulakat.documents.reader import read_document
from mulakat.models import Evidence, JobRequirement
from mulakat.skills.resume_skills import extract_resume_skills
from mulakat.skills.taxonomy import Taxonomy, load_taxonomy

_STOP = {
    "the",
    "and",
    "for",
    "with",
    "from",
    "that",
    "this",
    "have",
    "has",
    "are",
    "was",
    "were",
    "will",
    "your",
    "you",
    "our",
    "can",
    "all",
    "any",
    "into",
    "not",
    "but",
    "etc",
    "use",
    "using",
    "used",
    "experience",
    "years",
    "year",
    "knowledge",
    "skills",
    "skill",
    "strong",
    "good",
}
_WORDS = re.compile(r"[A-Za-z][A-Za-z0-9+#.]{2,}")


@dataclass
class Case:
    requirement: str  # the posting's words for it
    skill: str  # canonical id
    cv_text: str
    met: bool


def _canonical(taxonomy: Taxonomy, text: str) -> str | None:
    skill = taxonomy.resolve(text.strip(" .,;:()"))
    return skill.id if skill is not None and not skill.umbrella else None


def build_cases(skillspan: Path, dotin: Path, taxonomy: Taxonomy, seed: int = 7) -> list[Case]:
    postings: dict[str, dict[str, str]] = defaultdict(dict)
    for split in ("dev",):
        for line in (skillspan / f"{split}.json").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row.get("source") != "tech":
                continue
            text = " ".join(row["tokens"])
            for start, end in gold_spans(row["tokens"], row["tags_knowledge"]):
                skill = _canonical(taxonomy, text[start:end])
                if skill:
                    postings[f"{split}-{row.get('idx')}"].setdefault(skill, text[start:end])
    cvs = []
    for line in dotin.read_text(encoding="utf-8").splitlines():
        cv = json.loads(line)
        held = {_canonical(taxonomy, e["text"]) for e in cv["entities"] if e["label"] == "Tech Tools"} - {None}
        if held:
            cvs.append((cv["text"], held))
    rng = random.Random(seed)
    cases: list[Case] = []
    for wanted in postings.values():
        if len(wanted) < 3:
            continue
        ranked = sorted(cvs, key=lambda cv: -len(set(wanted) & cv[1]))
        for cv_text, held in (ranked[0], ranked[len(ranked) // 4], rng.choice(cvs)):
            cases += [Case(surface, skill, cv_text, skill in held) for skill, surface in wanted.items()]
    return cases


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if len(line.split()) >= 1]


def keyword_overlap(case: Case) -> float:
    words = {w.lower() for w in _WORDS.findall(case.requirement)} - _STOP
    cv = case.cv_text.lower()
    return sum(w in cv for w in words) / len(words) if words else 0.0


def tfidf_cosine(cases: list[Case]) -> list[float]:
    from evals.tables import tfidf_vectorizer

    vectorizer = tfidf_vectorizer()

    scores = []
    for case in cases:
        lines = _lines(case.cv_text)
        matrix = vectorizer(lowercase=True).fit_transform([case.requirement, *lines])
        scores.append(float((matrix[1:] @ matrix[0].T).max()) if lines else 0.0)
    return scores


def bm25(cases: list[Case], k1: float = 1.5, b: float = 0.75) -> list[float]:
    scores = []
    for case in cases:
        docs = [[w.lower() for w in _WORDS.findall(line)] for line in _lines(case.cv_text)]
        avg = sum(map(len, docs)) / max(len(docs), 1)
        query = [w.lower() for w in _WORDS.findall(case.requirement)] or [case.requirement.lower()]
        best = 0.0
        for doc in docs:
            score = 0.0
            for term in query:
                df = sum(term in d for d in docs)
                tf = doc.count(term)
                if tf:
                    idf = math.log(1 + (len(docs) - df + 0.5) / (df + 0.5))
                    score += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len(doc) / max(avg, 1)))
            best = max(best, score)
        scores.append(best)
    return scores


def embedding_cosine(cases: list[Case], embed: Callable[[list[str]], list[list[float]]]) -> list[float]:
    cv_vectors: dict[str, np.ndarray] = {}
    for text in {c.cv_text for c in cases}:
        cv_vectors[text] = np.asarray(embed(_lines(text) or [""]))
    requirements = sorted({c.requirement for c in cases})
    req_vectors = dict(zip(requirements, np.asarray(embed(requirements)), strict=True))
    return [float((cv_vectors[c.cv_text] @ req_vectors[c.requirement]).max()) for c in cases]


def ours(cases: list[Case], taxonomy: Taxonomy) -> list[float]:
    scores, cache = [], {}
    for case in cases:
        if case.cv_text not in cache:
            doc = read_document("resume", "cv.txt", case.cv_text.encode())
            cache[case.cv_text] = (doc, {s.skill: s for s in extract_resume_skills(doc, taxonomy, date(2026, 1, 1))})
        doc, held = cache[case.cv_text]
        req = JobRequirement(
            id=f"req-{case.skill}",
            text=case.requirement,
            skill=case.skill,
            name=taxonomy[case.skill].name,
            priority="must",
            evidence=Evidence(
                source="job", section="requirements", quote=case.requirement, start=0, end=len(case.requirement)
            ),
        )
        scores.append(match_requirement(req, held, doc, taxonomy).credit)
    return scores


def gap_scores(cases: list[Case], met_scores: list[float], threshold: float) -> tuple[float, float, float, float]:
    """Gap precision, recall, F1 and status accuracy when 'met' means score >= threshold."""
    predicted_gap = [s < threshold for s in met_scores]
    gold_gap = [not c.met for c in cases]
    tp = sum(p and g for p, g in zip(predicted_gap, gold_gap, strict=True))
    p = tp / max(sum(predicted_gap), 1)
    r = tp / max(sum(gold_gap), 1)
    f = 2 * p * r / (p + r) if p + r else 0.0
    accuracy = sum(p == g for p, g in zip(predicted_gap, gold_gap, strict=True)) / len(cases)
    return p, r, f, accuracy


def best_threshold(cases: list[Case], scores: list[float]) -> float:
    """The threshold that gives a baseline its best gap F1 on these cases (generous to it)."""
    candidates = sorted({round(s, 3) for s in scores}) or [0.5]
    return max(candidates, key=lambda t: gap_scores(cases, scores, t)[2])


def matching_table(skillspan: Path, dotin: Path, embed: Callable[[list[str]], list[list[float]]]) -> list[list[str]]:
    taxonomy = load_taxonomy()
    cases = build_cases(skillspan, dotin, taxonomy)
    systems = {
        "keyword overlap (baseline)": [keyword_overlap(c) for c in cases],
        "TF-IDF cosine (baseline)": tfidf_cosine(cases),
        "BM25 (baseline)": bm25(cases),
        "embedding cosine (baseline)": embedding_cosine(cases, embed),
    }
    rows = []
    for name, scores in systems.items():
        t = best_threshold(cases, scores)
        p, r, f, acc = gap_scores(cases, scores, t)
        rows.append([name, f"best on this set: {t:g}", f"{p:.3f}", f"{r:.3f}", f"{f:.3f}", f"{acc:.3f}"])
    p, r, f, acc = gap_scores(cases, ours(cases, taxonomy), 0.9)
    rows.append(
        [
            "mulakat (taxonomy matching; gold normalised with the same taxonomy)",
            "met at credit >= 0.9",
            f"{p:.3f}",
            f"{r:.3f}",
            f"{f:.3f}",
            f"{acc:.3f}",
        ]
    )
    met = sum(c.met for c in cases)
    rows.append([f"{len(cases)} requirement cases, {met} met, {len(cases) - met} gaps", "", "", "", "", ""])
    return rows
