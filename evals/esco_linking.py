"""Decorte et al. validation: which ESCO skills does each sentence mention? Precision/recall of labels."""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from mulakat.importers import esco_skills
from mulakat.linking import EmbeddingLinker
from mulakat.tagger import load_tagger
from mulakat.taxonomy import Skill, Taxonomy

NOT_LABELS = {"LABEL NOT PRESENT", "UNDERSPECIFIED"}
# Chosen on the validation sets (0.60 / 0.65 / 0.70 tried): the highest recall with precision >= 0.55.
LINK_THRESHOLD = 0.65
LabelPredictor = Callable[[str], set[str]]


def gold_labels(csv_files: list[Path]) -> dict[str, set[str]]:
    gold: dict[str, set[str]] = defaultdict(set)
    for file in csv_files:
        with file.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                gold[row["sentence"]]  # sentences with only unlabelled spans still count
                if row["label"] not in NOT_LABELS:
                    gold[row["sentence"]].add(row["label"])
    return gold


def esco_dictionary(esco: list[Skill]) -> LabelPredictor:
    """Baseline: longest match over ESCO preferred and alternative labels."""
    taxonomy = Taxonomy({s.id: s for s in esco})
    return lambda text: {taxonomy[m.skill].name for m in taxonomy.find(text)}


def score_labels(gold: dict[str, set[str]], predict: LabelPredictor) -> tuple[float, float, float, int, int]:
    tp = n_pred = n_gold = 0
    for sentence, labels in gold.items():
        pred = predict(sentence)
        tp += len(pred & labels)
        n_pred += len(pred)
        n_gold += len(labels)
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0), n_pred, n_gold


def tagger_linker(esco: list[Skill], cache_dir: Path, threshold: float = LINK_THRESHOLD) -> LabelPredictor | None:
    """Ours: the CRF's skill and knowledge spans, each linked to its nearest ESCO preferred label."""
    tagger = load_tagger()
    if tagger is None:
        return None
    from mulakat.embeddings import load_embeddings
    from mulakat.settings import Settings

    labels = [s.name for s in esco]
    linker = EmbeddingLinker(labels, labels, load_embeddings(Settings()), cache_dir)

    def predict(text: str) -> set[str]:
        spans = [text[s.start : s.end] for s in tagger.tag(text)]
        return {hit[0] for hit in linker.link(spans, threshold) if hit is not None}

    return predict


def decorte_table(decorte_dir: Path, esco_dir: Path, cache_dir: Path) -> list[list[str]]:
    gold = gold_labels(sorted(decorte_dir.glob("*_validation_annotations.csv")))
    esco = esco_skills(esco_dir)
    systems: dict[str, LabelPredictor] = {"ESCO dictionary (baseline)": esco_dictionary(esco)}
    ours = tagger_linker(esco, cache_dir)
    if ours is not None:
        systems[f"mulakat (CRF spans + embedding link, cos >= {LINK_THRESHOLD})"] = ours
    rows = []
    for name, predict in systems.items():
        p, r, f, n_pred, n_gold = score_labels(gold, predict)
        rows.append([name, f"{p:.3f}", f"{r:.3f}", f"{f:.3f}", str(n_pred), str(n_gold)])
    return rows
