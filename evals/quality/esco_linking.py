"""Decorte et al. validation: which ESCO skills does each sentence mention? Precision/recall of labels.

Thresholds (mulakat.skills.linking.LinkThresholds) were chosen by a 2-fold split of the pooled tech + house
sentences (seed 0): the configuration with the highest recall at precision >= 0.55 on one half, checked
on the other, and the same one came out near the top on both halves. Held-back test data is scored apart.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from mulakat.skills.importers import esco_skills
from mulakat.skills.linking import EmbeddingLinker, EscoLabeller
from mulakat.skills.tagger import load_tagger
from mulakat.skills.taxonomy import Skill, Taxonomy

NOT_LABELS = {"LABEL NOT PRESENT", "UNDERSPECIFIED"}
# The earlier system, kept as a row for comparison: each CRF span's nearest preferred label at cos >= 0.65.
SPAN_ONLY_THRESHOLD = 0.65
LabelPredictor = Callable[[list[str]], list[set[str]]]


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
    return lambda texts: [{taxonomy[m.skill].name for m in taxonomy.find(text)} for text in texts]


def score_labels(gold: dict[str, set[str]], predict: LabelPredictor) -> tuple[float, float, float, int, int]:
    sentences = list(gold)
    tp = n_pred = n_gold = 0
    for pred, sentence in zip(predict(sentences), sentences, strict=True):
        tp += len(pred & gold[sentence])
        n_pred += len(pred)
        n_gold += len(gold[sentence])
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0), n_pred, n_gold


def tagger_systems(esco: list[Skill], cache_dir: Path) -> dict[str, LabelPredictor]:
    """Ours: the CRF's spans labelled by EscoLabeller, and the earlier span-only linker for comparison."""
    tagger = load_tagger()
    if tagger is None:
        return {}
    from mulakat.storage.embeddings import load_embeddings
    from mulakat.storage.settings import Settings

    embeddings = load_embeddings(Settings())
    labeller = EscoLabeller(esco, embeddings, cache_dir)
    names = [s.name for s in esco]
    span_linker = EmbeddingLinker(names, names, embeddings, cache_dir)  # same label index, from the cache

    def spans(texts: list[str]) -> list[list[tuple[int, int]]]:
        return [[(s.start, s.end) for s in tagger.tag(text)] for text in texts]

    def span_only(texts: list[str]) -> list[set[str]]:
        out = []
        for text, offsets in zip(texts, spans(texts), strict=True):
            hits = span_linker.link([text[a:b] for a, b in offsets], SPAN_ONLY_THRESHOLD)
            out.append({hit[0] for hit in hits if hit is not None})
        return out

    def labelled(texts: list[str]) -> list[set[str]]:
        hits = labeller.label_many(list(zip(texts, spans(texts), strict=True)))
        return [{h.label for h in found} for found in hits]

    t = labeller.thresholds
    return {
        f"CRF spans -> nearest preferred label (cos >= {SPAN_ONLY_THRESHOLD})": span_only,
        f"mulakat EscoLabeller (span {t.span}, sub-span {t.sub_span}, line {t.line}, verbatim labels)": labelled,
    }


def decorte_table(decorte_dir: Path, esco_dir: Path, cache_dir: Path) -> list[list[str]]:
    files = sorted(decorte_dir.glob("*_validation_annotations.csv"))
    sets = {file.name.split("_")[0]: gold_labels([file]) for file in files}
    sets["all"] = gold_labels(files)
    esco = esco_skills(esco_dir)
    systems: dict[str, LabelPredictor] = {"ESCO dictionary (baseline)": esco_dictionary(esco)}
    systems.update(tagger_systems(esco, cache_dir))
    rows = []
    for name, predict in systems.items():
        for set_name, gold in sets.items():
            p, r, f, n_pred, n_gold = score_labels(gold, predict)
            rows.append([f"{name}, {set_name}", f"{p:.3f}", f"{r:.3f}", f"{f:.3f}", str(n_pred), str(n_gold)])
    return rows
