"""A small CRF that tags skill and knowledge spans in running text (trained on SkillSpan, see tagger_train)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from mulakat.tagger_features import Token, features, taxonomy_marks, tokenize
from mulakat.taxonomy import Taxonomy, load_taxonomy

__all__ = ["LAYERS", "SkillTagger", "TaggedSpan", "Token", "load_tagger", "spans_from_bio", "tokenize"]

LAYERS = ("skill", "knowledge")


@dataclass(frozen=True)
class TaggedSpan:
    layer: str
    start: int
    end: int


def spans_from_bio(labels: list[str], tokens: list[Token], layer: str) -> list[TaggedSpan]:
    spans: list[TaggedSpan] = []
    start: int | None = None
    end = 0
    for label, tok in zip([*labels, "O"], [*tokens, Token("", -1, -1)], strict=True):
        if label == "I" and start is not None:
            end = tok.end
            continue
        if start is not None:
            spans.append(TaggedSpan(layer, start, end))
            start = None
        if label in ("B", "I"):  # a stray I opens a span too
            start, end = tok.start, tok.end
    return spans


def model_path(layer: str) -> Path:
    return Path(str(resources.files("knowledge").joinpath("models", f"tagger-{layer}.crfsuite")))


class SkillTagger:
    """Both layers' CRFs. Predicts spans with char offsets into the text."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        import pycrfsuite

        self.taxonomy = taxonomy
        self.taggers = {}
        for layer in LAYERS:
            tagger = pycrfsuite.Tagger()
            tagger.open(str(model_path(layer)))
            self.taggers[layer] = tagger

    def tag(self, text: str) -> list[TaggedSpan]:
        spans: list[TaggedSpan] = []
        offset = 0
        for line in text.split("\n"):
            tokens = tokenize(line)
            if tokens:
                rows = features(tokens, taxonomy_marks(line, tokens, self.taxonomy))
                for layer, tagger in self.taggers.items():
                    for s in spans_from_bio(tagger.tag(rows), tokens, layer):
                        spans.append(TaggedSpan(s.layer, s.start + offset, s.end + offset))
            offset += len(line) + 1
        return sorted(spans, key=lambda s: (s.start, s.end))


@cache
def load_tagger() -> SkillTagger | None:
    """The shipped tagger, or None if its model files are missing (taxonomy matching still works)."""
    if not all(model_path(layer).exists() for layer in LAYERS):
        return None
    return SkillTagger(load_taxonomy())
