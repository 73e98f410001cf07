"""Train the posting tagger: `python -m mulakat.tagger_train SKILLSPAN_DIR [--bio] [--out DIR]`.

About 2–3 minutes for both layers on this 2-core CPU. Reads SkillSpan's train.json from the folder the user
gives and writes knowledge/models/tagger-*.crfsuite (or DIR/tagger-*.crfsuite).

Features, c1/c2 and the label scheme were chosen on a held-out fold of train.json (the last 20% of each
source's postings), never on dev. The shipped models use B/I/O/E/S labels (E ends a span, S is a one-token
span), read by SkillTagger through marginals (tagger_features.decode); on the fold they beat B/I/O labels
on overlap at the same strict F1. --bio trains plain B/I/O labels instead.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from mulakat.tagger import LAYERS, model_path
from mulakat.tagger_features import features, taxonomy_marks, to_bioes, tokenize
from mulakat.taxonomy import load_taxonomy

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


if __name__ == "__main__":
    args = sys.argv[1:]
    out_dir = Path(args.pop(args.index("--out") + 1)) if "--out" in args else None
    positional = [a for a in args if not a.startswith("--")]
    train(Path(positional[0] if positional else "../shared/data/skills/skillspan"), "--bio" not in args, out_dir)
