"""Decorte et al. validation: which ESCO skills does each sentence mention? Precision/recall of labels."""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from mulakat.importers import esco_skills
from mulakat.taxonomy import Skill, Taxonomy

NOT_LABELS = {"LABEL NOT PRESENT", "UNDERSPECIFIED"}
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


def decorte_table(decorte_dir: Path, esco_dir: Path) -> list[list[str]]:
    gold = gold_labels(sorted(decorte_dir.glob("*_validation_annotations.csv")))
    esco = esco_skills(esco_dir)
    systems: dict[str, LabelPredictor] = {"ESCO dictionary (baseline)": esco_dictionary(esco)}
    rows = []
    for name, predict in systems.items():
        p, r, f, n_pred, n_gold = score_labels(gold, predict)
        rows.append([name, f"{p:.3f}", f"{r:.3f}", f"{f:.3f}", str(n_pred), str(n_gold)])
    return rows
