"""Train the resume tagger on Dotin's annotated CVs: `python -m mulakat.skills.train_resume_tagger DOTIN_TRAIN_JSONL`.

Knowledge layer = Dotin's "Tech Tools"; skill layer = "Job Specific Skills" and "Soft Skills". CVs are
tagged line by line, as SkillTagger reads them. Writes knowledge/models/tagger-resume-*.crfsuite.
Choices (c1, c2, iterations, the marginal threshold in mulakat.skills.tagger) were made on fold 0 of `folds`;
the benchmark reports folds 1-4, each scored by a model trained on the other four.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

from mulakat.documents.parsing import DocumentError
from mulakat.documents.reader import read_document
from mulakat.skills.tagger import LAYERS, model_path
from mulakat.skills.tagger_features import features, taxonomy_marks, tokenize
from mulakat.skills.taxonomy import Taxonomy, load_taxonomy

LAYER_LABELS = {"knowledge": {"Tech Tools"}, "skill": {"Job Specific Skills", "Soft Skills"}}
PARAMS = {"c1": 0.3, "c2": 0.3, "max_iterations": 200, "feature.possible_transitions": True}
FOLDS = 5

Example = tuple[list[list[str]], dict[str, list[str]]]


def read_cvs(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def folds(n: int, k: int = FOLDS) -> list[int]:
    """Fold of each CV: a fixed shuffle, then round-robin, so every run splits the same way."""
    order = list(range(n))
    random.Random(0).shuffle(order)
    fold = [0] * n
    for position, index in enumerate(order):
        fold[index] = position % k
    return fold


def as_read(cv: dict[str, Any]) -> str:
    """The CV's text as `mulakat extract` reads it (long lines wrapped), when that keeps the gold offsets."""
    text: str = cv["text"]
    try:
        parsed = read_document("resume", "cv.txt", text.encode()).text
    except DocumentError:
        return text
    return parsed if len(parsed) == len(text) else text


def cv_examples(cv: dict[str, Any], taxonomy: Taxonomy) -> list[Example]:
    """One example per non-empty line; a token takes B/I from the gold entity it overlaps."""
    text = as_read(cv)
    entities_by_layer = {
        layer: [e for e in cv["entities"] if e["label"] in wanted] for layer, wanted in LAYER_LABELS.items()
    }
    examples: list[Example] = []
    offset = 0
    for line in text.split("\n"):
        tokens = tokenize(line)
        if tokens:
            labels: dict[str, list[str]] = {}
            for layer, entities in entities_by_layer.items():
                tags: list[str] = []
                previous = None
                for tok in tokens:
                    start, end = tok.start + offset, tok.end + offset
                    hit = next((i for i, e in enumerate(entities) if e["start"] < end and start < e["end"]), None)
                    tags.append("O" if hit is None else ("I" if hit == previous else "B"))
                    previous = hit
                labels[layer] = tags
            examples.append((features(tokens, taxonomy_marks(line, tokens, taxonomy)), labels))
        offset += len(line) + 1
    return examples


def train_models(cvs: Sequence[dict[str, Any]], out_dir: Path | None = None) -> dict[str, Path]:
    """Train both layers on these CVs; write to the shipped model paths, or into out_dir."""
    import pycrfsuite

    taxonomy = load_taxonomy()
    examples = [ex for cv in cvs for ex in cv_examples(cv, taxonomy)]
    written: dict[str, Path] = {}
    for layer in LAYERS:
        trainer = pycrfsuite.Trainer(verbose=False)
        for rows, labels in examples:
            trainer.append(rows, labels[layer])
        trainer.set_params(PARAMS)
        out = model_path(layer, "resume") if out_dir is None else out_dir / f"tagger-resume-{layer}.crfsuite"
        out.parent.mkdir(parents=True, exist_ok=True)
        trainer.train(str(out))
        written[layer] = out
    return written


def main(
    dotin_train: Annotated[Path, typer.Argument(help="Dotin's train.jsonl.", exists=True, dir_okay=False)] = Path(
        "../shared/data/skills/dotin_train/train.jsonl"
    ),
) -> None:
    """Train the shipped resume models from Dotin's train.jsonl."""
    cvs = read_cvs(dotin_train)
    for layer, path in train_models(cvs).items():
        print(f"{layer}: {path.stat().st_size / 1e6:.1f} MB from {len(cvs)} CVs")  # noqa: T201


if __name__ == "__main__":
    typer.run(main)
