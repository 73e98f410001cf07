"""Span-extraction scores on SkillSpan (strict and overlap P/R/F1), ours against a dictionary baseline."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from tempfile import TemporaryDirectory

from mulakat.models import DocKind
from mulakat.skills.extract_report import taxonomy_fills_in
from mulakat.skills.tagger import LAYERS, SkillTagger, load_tagger, model_path
from mulakat.skills.taxonomy import Taxonomy, load_taxonomy
from mulakat.skills.train_resume_tagger import as_read, folds, read_cvs, train_models

Span = tuple[int, int]
Predictor = Callable[[str], dict[str, set[Span]]]


@dataclass
class Counts:
    pred: int = 0
    gold: int = 0
    strict_tp: int = 0
    pred_overlapping: int = 0
    gold_overlapped: int = 0

    def add(self, pred: set[Span], gold: set[Span]) -> None:
        self.pred += len(pred)
        self.gold += len(gold)
        self.strict_tp += len(pred & gold)
        self.pred_overlapping += sum(any(_overlap(p, g) for g in gold) for p in pred)
        self.gold_overlapped += sum(any(_overlap(p, g) for p in pred) for g in gold)

    def strict(self) -> tuple[float, float, float]:
        return _prf(self.strict_tp / self.pred if self.pred else 0.0, self.strict_tp / self.gold if self.gold else 0.0)

    def overlap(self) -> tuple[float, float, float]:
        p = self.pred_overlapping / self.pred if self.pred else 0.0
        r = self.gold_overlapped / self.gold if self.gold else 0.0
        return _prf(p, r)


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _prf(p: float, r: float) -> tuple[float, float, float]:
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def gold_spans(tokens: list[str], tags: list[str]) -> set[Span]:
    spans, start, pos, end = set(), None, 0, 0
    for tok, tag in zip([*tokens, ""], [*tags, "O"], strict=True):
        if tag == "I" and start is not None:
            end = pos + len(tok)
        else:
            if start is not None:
                spans.add((start, end))
                start = None
            if tag in ("B", "I"):
                start, end = pos, pos + len(tok)
        pos += len(tok) + 1
    return spans


def dictionary_predictor(taxonomy: Taxonomy) -> Predictor:
    """Baseline: longest taxonomy-name match, every hit counted as knowledge."""

    def predict(text: str) -> dict[str, set[Span]]:
        return {"skill": set(), "knowledge": {(m.start, m.end) for m in taxonomy.find(text)}}

    return predict


def tagger_predictor(tagger: SkillTagger, taxonomy: Taxonomy, kind: DocKind = "job") -> Predictor:
    """Ours, as `mulakat extract` reports them: the CRF's spans per layer, plus the taxonomy names that
    extraction adds where the CRF tagged nothing (none, with our own taxonomy and a tagger for the kind)."""

    def predict(text: str) -> dict[str, set[Span]]:
        out: dict[str, set[Span]] = {layer: set() for layer in LAYERS}
        for span in tagger.tag(text, kind):
            out[span.layer].add((span.start, span.end))
        tagged = out["skill"] | out["knowledge"]
        for m in taxonomy.find(text):
            if taxonomy_fills_in(kind, tagger, m.skill) and not any(_overlap((m.start, m.end), s) for s in tagged):
                out["knowledge"].add((m.start, m.end))
        return out

    return predict


def score(rows: Iterable[dict[str, object]], predict: Predictor) -> dict[str, Counts]:
    counts = {name: Counts() for name in ("skill", "knowledge", "union", "tech union")}
    for row in rows:
        tokens = list(row["tokens"])  # type: ignore[call-overload]
        text = " ".join(tokens)
        pred = predict(text)
        gold = {layer: gold_spans(tokens, list(row[f"tags_{layer}"])) for layer in LAYERS}  # type: ignore[call-overload]
        for layer in LAYERS:
            counts[layer].add(pred[layer], gold[layer])
        union_pred, union_gold = pred["skill"] | pred["knowledge"], gold["skill"] | gold["knowledge"]
        counts["union"].add(union_pred, union_gold)
        if row.get("source") == "tech":
            counts["tech union"].add(union_pred, union_gold)
    return counts


def _systems() -> dict[str, Predictor]:
    """The baseline and ours (when the tagger ships), side by side in one run."""
    taxonomy = load_taxonomy()
    systems: dict[str, Predictor] = {"dictionary (baseline)": dictionary_predictor(taxonomy)}
    tagger = load_tagger()
    if tagger is not None:
        systems["mulakat (CRF)"] = tagger_predictor(tagger, taxonomy)
    return systems


def _row(name: str, label: str, c: Counts) -> list[str]:
    return [name, label, *(f"{v:.3f}" for v in (*c.strict(), *c.overlap()))]


def skillspan_table(skillspan_dir: Path) -> list[list[str]]:
    """Rows: system, layer, strict P/R/F1, overlap P/R/F1 on the dev split."""
    rows = [json.loads(line) for line in (skillspan_dir / "dev.json").read_text(encoding="utf-8").splitlines()]
    return [_row(name, layer, c) for name, predict in _systems().items() for layer, c in score(rows, predict).items()]


DOTIN_LABELS = {
    "knowledge": {"Tech Tools"},
    "skill": {"Job Specific Skills", "Soft Skills"},
    "union": {"Tech Tools", "Job Specific Skills", "Soft Skills"},
}


def dotin_table(dotin_file: Path) -> list[list[str]]:
    """Resume side, by cross-validation: our resume layers against Dotin's labels (knowledge = Tech Tools).

    The resume CRFs ship trained on all of these CVs, so each of folds 1-4 is scored by models trained
    on the other four folds (a minute or two each). Fold 0 was used for our choices and is left out of
    every system's figures, the baseline's too.
    """
    taxonomy = load_taxonomy()
    cvs = read_cvs(dotin_file)
    fold = folds(len(cvs))
    counts = {(system, part): Counts() for system in ("baseline", "ours") for part in DOTIN_LABELS}
    dictionary = dictionary_predictor(taxonomy)
    job_models = {layer: model_path(layer) for layer in LAYERS}
    for k in range(1, 5):
        with TemporaryDirectory() as tmp:
            resume_models = train_models([cv for cv, f in zip(cvs, fold, strict=True) if f != k], Path(tmp))
            tagger = SkillTagger(taxonomy, {"job": job_models, "resume": resume_models})
        ours = tagger_predictor(tagger, taxonomy, "resume")
        for cv, f in zip(cvs, fold, strict=True):
            if f != k:
                continue
            text = as_read(cv)
            for system, predict in (("baseline", dictionary), ("ours", ours)):
                pred = predict(text)
                pred["union"] = pred["skill"] | pred["knowledge"]
                for part, labels in DOTIN_LABELS.items():
                    gold = {(e["start"], e["end"]) for e in cv["entities"] if e["label"] in labels}
                    counts[system, part].add(pred[part], gold)
    names = {"baseline": "dictionary (baseline)", "ours": "mulakat (resume CRF, 4-fold held out)"}
    held_out = sum(1 for f in fold if f != 0)
    return [
        _row(names[system], f"dotin {part} ({', '.join(sorted(DOTIN_LABELS[part]))}), {held_out} CVs", c)
        for (system, part), c in counts.items()
    ]
