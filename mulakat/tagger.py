"""Small CRFs that tag skill and knowledge spans in running text, one model set per kind of document.

Job postings use models trained on SkillSpan (tagger_train); resumes use models trained on Dotin's
annotated CVs (tagger_train_resume), since list-heavy CV text reads differently from posting prose.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from mulakat.models import DocKind
from mulakat.tagger_features import Token, features, taxonomy_marks, tokenize
from mulakat.taxonomy import Taxonomy, load_taxonomy

if TYPE_CHECKING:
    import pycrfsuite

__all__ = ["LAYERS", "SkillTagger", "TaggedSpan", "Token", "load_tagger", "spans_from_bio", "tokenize"]

LAYERS = ("skill", "knowledge")
KINDS: tuple[DocKind, ...] = ("job", "resume")
# Resume layers: a token is inside a span when P(B) + P(I) >= the threshold. Dotin's CVs hold many
# short tool names in lists, and Viterbi drops the unsure ones; these values were best on the fold
# kept for choices (see tagger_train_resume) and lift held-out recall far more than they cost precision.
MARGINAL_THRESHOLDS: dict[tuple[DocKind, str], float] = {("resume", "knowledge"): 0.2, ("resume", "skill"): 0.25}


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


def marginal_labels(tagger: pycrfsuite.Tagger, rows: list[list[str]], threshold: float) -> list[str]:
    """B/I/O from per-token marginals: inside when P(B) + P(I) >= threshold; a span restarts where B beats I."""
    tagger.set(rows)
    labels = tagger.labels()
    out: list[str] = []
    for t in range(len(rows)):
        b = tagger.marginal("B", t) if "B" in labels else 0.0
        i = tagger.marginal("I", t) if "I" in labels else 0.0
        if b + i < threshold:
            out.append("O")
        else:
            out.append("B" if not out or out[-1] == "O" or b > i else "I")
    return out


def model_path(layer: str, kind: DocKind = "job") -> Path:
    name = f"tagger-{layer}.crfsuite" if kind == "job" else f"tagger-{kind}-{layer}.crfsuite"
    return Path(str(resources.files("knowledge").joinpath("models", name)))


class SkillTagger:
    """Both layers' CRFs for each kind of document. Predicts spans with char offsets into the text."""

    def __init__(self, taxonomy: Taxonomy, models: dict[DocKind, dict[str, Path]]) -> None:
        """models: kind -> layer -> model file; a kind without models is tagged with the job models."""
        import pycrfsuite

        self.taxonomy = taxonomy
        self.taggers: dict[DocKind, dict[str, pycrfsuite.Tagger]] = {}
        for kind, files in models.items():
            self.taggers[kind] = {}
            for layer, file in files.items():
                tagger = pycrfsuite.Tagger()
                tagger.open(str(file))
                self.taggers[kind][layer] = tagger

    def reads(self, kind: DocKind) -> bool:
        """Whether models trained for this kind of document are loaded (else the job models tag it)."""
        return kind in self.taggers

    def tag(self, text: str, kind: DocKind = "job") -> list[TaggedSpan]:
        taggers = self.taggers.get(kind) or self.taggers["job"]
        spans: list[TaggedSpan] = []
        offset = 0
        for line in text.split("\n"):
            tokens = tokenize(line)
            if tokens:
                rows = features(tokens, taxonomy_marks(line, tokens, self.taxonomy))
                for layer, tagger in taggers.items():
                    threshold = MARGINAL_THRESHOLDS.get((kind, layer))
                    labels = tagger.tag(rows) if threshold is None else marginal_labels(tagger, rows, threshold)
                    for s in spans_from_bio(labels, tokens, layer):
                        spans.append(TaggedSpan(s.layer, s.start + offset, s.end + offset))
            offset += len(line) + 1
        return sorted(spans, key=lambda s: (s.start, s.end))


@cache
def load_tagger() -> SkillTagger | None:
    """The shipped tagger, or None if the job models are missing (taxonomy matching still works).

    Without resume models, resumes are tagged with the job models.
    """
    models = {kind: {layer: model_path(layer, kind) for layer in LAYERS} for kind in KINDS}
    shipped: dict[DocKind, dict[str, Path]] = {k: m for k, m in models.items() if all(p.exists() for p in m.values())}
    if "job" not in shipped:
        return None
    return SkillTagger(load_taxonomy(), shipped)
