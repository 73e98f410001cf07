"""Train the posting tagger: `python -m mulakat.skills.train_posting_tagger SKILLSPAN_DIR [--bio] [--out DIR]`.

About 2–3 minutes for both layers on this 2-core CPU. Reads SkillSpan's train.json from the folder the user
gives and writes knowledge/models/tagger-*.crfsuite (or DIR/tagger-*.crfsuite).

Features, c1/c2 and the label scheme were chosen on a held-out fold of train.json (the last 20% of each
source's postings), never on dev. The shipped models use B/I/O/E/S labels (E ends a span, S is a one-token
span), read by SkillTagger through marginals (tagger_features.decode); on the fold they beat B/I/O labels
on overlap at the same strict F1. --bio trains plain B/I/O labels instead.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from mulakat.skills.tagger import LAYERS, model_path
from mulakat.skills.tagger_features import features, taxonomy_marks, to_bioes, tokenize
from mulakat.skills.taxonomy import load_taxonomy

# L1 prunes rare attributes (keeps each model under 2 MB); L2 as tuned on the held-out fold.
PARAMS = {"c1": 0.1, "c2": 0.05, "max_iterations": 200, "feature.possible_transitions": True}


def sentence_examples(path: Path) -> list[tuple[list[list[str]], dict[str, list[str]]]]:
    taxonomy = load_taxonomy()
    examples = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        text = " ".join(row["tokens"])
        tokens = tokenize(text)
        # Align our tokens to theirs by character: each of ours takes the label of the token it starts in.
        starts, labels_by_layer = [], {}
        pos = 0
        for tok in row["tokens"]:
            starts.append(pos)
            pos += len(tok) + 1
        for layer in LAYERS:
            gold = row[f"tags_{layer}"]
            labels: list[str] = []
            for t in tokens:
                k = max(i for i, s in enumerate(starts) if s <= t.start)
                label = gold[k]
                labels.append("I" if label == "B" and t.start != starts[k] else label)
            labels_by_layer[layer] = labels
        examples.append((features(tokens, taxonomy_marks(text, tokens, taxonomy)), labels_by_layer))
    return examples


def train(skillspan_dir: Path, bioes: bool = True, out_dir: Path | None = None) -> None:
    import pycrfsuite

    examples = sentence_examples(skillspan_dir / "train.json")
    for layer in LAYERS:
        trainer = pycrfsuite.Trainer(verbose=False)
        for rows, labels in examples:
            trainer.append(rows, to_bioes(labels[layer]) if bioes else labels[layer])
        trainer.set_params(PARAMS)
        out = out_dir / model_path(layer).name if out_dir else model_path(layer)
        out.parent.mkdir(parents=True, exist_ok=True)
        trainer.train(str(out))
        print(f"{layer}: {out.stat().st_size / 1e6:.1f} MB from {len(examples)} sentences")  # noqa: T201


def main(
    skillspan_dir: Annotated[
        Path, typer.Argument(help="SkillSpan folder holding train.json.", exists=True, file_okay=False)
    ] = Path("../shared/data/skills/skillspan"),
    bio: Annotated[bool, typer.Option("--bio", help="Plain B/I/O labels instead of the shipped BIOES.")] = False,
    out: Annotated[Path | None, typer.Option(help="Write the models here instead of knowledge/models.")] = None,
) -> None:
    """Train the shipped posting models from SkillSpan's train.json."""
    train(skillspan_dir, bioes=not bio, out_dir=out)


if __name__ == "__main__":
    typer.run(main)
