"""Small CRFs that tag skill and knowledge spans in running text, one model set per kind of document.

Job postings use models trained on SkillSpan (tagger_train); resumes use models trained on Dotin's
annotated CVs (tagger_train_resume), since list-heavy CV text reads differently from posting prose.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from mulakat.models import DocKind
from mulakat.skills.tagger_features import Token, decode_inside, features, taxonomy_marks, tokenize
from mulakat.skills.taxonomy import Taxonomy, load_taxonomy

if TYPE_CHECKING:
    import pycrfsuite

__all__ = ["LAYERS", "SkillTagger", "TaggedSpan", "Token", "load_tagger", "spans_from_bio", "tokenize"]

LAYERS = ("skill", "knowledge")
KINDS: tuple[DocKind, ...] = ("job", "resume")
# Per layer, a token is inside a span when 1 - P(O) >= the threshold (see tagger_features.decode);
# layers not listed use Viterbi. Each value was the best on data kept for choices: the held-out fold of
# SkillSpan train for postings (BIOES models), fold 0 of Dotin for resumes, whose many short tool names in
# lists Viterbi drops when unsure. Marginals lift recall there far more than they cost precision.
MARGINAL_THRESHOLDS: dict[tuple[DocKind, str], float] = {
    ("job", "skill"): 0.3,
    ("job", "knowledge"): 0.3,
    ("resume", "knowledge"): 0.2,
    ("resume", "skill"): 0.25,
}


@dataclass(frozen=True)
class TaggedSpan:
    layer: str
    start: int
    end: int
    confidence: float = 1.0
    """Mean probability of its tokens being inside a span (1 - P(O)); 1.0 when decoded by Viterbi."""


def spans_from_bio(
    labels: list[str], tokens: list[Token], layer: str, inside: list[float] | None = None
) -> list[TaggedSpan]:
    """Spans from B/I/O labels; punctuation-only tokens at a span's edges are left out ("Docker ," -> "Docker").

    `inside` (per token, from decode_inside) gives each span its confidence.
    """
    probs = inside if inside is not None else [1.0] * len(tokens)
    spans: list[TaggedSpan] = []
    run: list[int] = []
    for t, label in enumerate([*labels, "O"]):
        if label == "I" and run:
            run.append(t)
            continue
        words = [i for i in run if any(c.isalnum() for c in tokens[i].text)]
        if words:
            confidence = sum(probs[i] for i in words) / len(words)
            spans.append(TaggedSpan(layer, tokens[words[0]].start, tokens[words[-1]].end, round(confidence, 4)))
        run = [t] if label in ("B", "I") else []  # a stray I opens a span too
    return spans


def model_path(layer: str, kind: DocKind = "job") -> Path:
    name = f"tagger-{layer}.crfsuite" if kind == "job" else f"tagger-{kind}-{layer}.crfsuite"
    return Path(str(resources.files("knowledge").joinpath("models", name)))


class SkillTagger:
    """Both layers' CRFs for each kind of document. Predicts spans with char offsets into the text."""

    def __init__(self, taxonomy: Taxonomy, models: dict[DocKind, dict[str, Path]]) -> None:
        """models: kind -> layer -> model file; a kind without models is tagged with the job models."""
        import pycrfsuite

        self.taxonomy = taxonomy
        # A pycrfsuite Tagger holds the line it was last set to: one caller at a time (the server tags in threads).
        self._lock = threading.Lock()
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
        with self._lock:
            return self._tag(text, kind)

    def _tag(self, text: str, kind: DocKind) -> list[TaggedSpan]:
        kind = kind if self.reads(kind) else "job"
        taggers = self.taggers[kind]
        spans: list[TaggedSpan] = []
        offset = 0
        for line in text.split("\n"):
            tokens = tokenize(line)
            if tokens:
                rows = features(tokens, taxonomy_marks(line, tokens, self.taxonomy))
                for layer, tagger in taggers.items():
                    labels, inside = decode_inside(tagger, rows, MARGINAL_THRESHOLDS.get((kind, layer)))
                    for s in spans_from_bio(labels, tokens, layer, inside):
                        spans.append(TaggedSpan(s.layer, s.start + offset, s.end + offset, s.confidence))
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
