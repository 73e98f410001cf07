"""Requirement-mention precision and recall on SkillSpan dev postings, against the gold skill and knowledge spans.

Postings are rebuilt as the labelled set reads them (recruiter_docs: one sentence a line); gold is the
union of both layers' spans, moved to posting offsets. Rows: today's taxonomy-only analyzer (each
requirement's mention in the posting) as the baseline, and the posting tagger alone (both layers)
as a reference. Strict and overlap matching are skill_spans' Counts; issue 17's target is overlap
recall >= 0.65 at overlap precision >= 0.78.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from evals.quality.recruiter_docs import SKILLSPAN_DEV, posting_doc
from evals.quality.recruiter_status import mention_spans
from evals.quality.skill_spans import Counts, gold_spans
from mulakat.models import ParsedDocument
from mulakat.skills.signals import extract_requirements
from mulakat.skills.tagger import LAYERS, load_tagger
from mulakat.skills.taxonomy import Taxonomy, load_taxonomy

Span = tuple[int, int]
TARGET_RECALL, TARGET_PRECISION = 0.65, 0.78
MENTION_COLUMNS = (
    "system",
    "predicted",
    "gold",
    "strict P",
    "strict R",
    "strict F1",
    "overlap P",
    "overlap R",
    "overlap F1",
    "target (R >= 0.65 at P >= 0.78)",
)


@dataclass(frozen=True)
class GoldPosting:
    posting: str
    spans: frozenset[Span]  # both layers, in the rebuilt posting's offsets


def _sentences(path: Path) -> dict[str, list[dict[str, list[str]]]]:
    """Dev rows by posting id, in file order (the order recruiter_docs joins them in)."""
    postings: dict[str, list[dict[str, list[str]]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row.get("idx") is not None:
            postings.setdefault(f"skillspan-dev-{row['source']}-{row['idx']}", []).append(row)
    return postings


DocOf = Callable[[str], ParsedDocument]


def gold_postings(path: Path = SKILLSPAN_DEV, doc_of: DocOf = posting_doc) -> list[GoldPosting]:
    """Each posting's gold union spans; a sentence the reader changed would be skipped rather than misplaced."""
    out = []
    for posting, rows in sorted(_sentences(path).items()):
        text, cursor, spans = doc_of(posting).text, 0, set()
        for row in rows:
            sentence = " ".join(row["tokens"])
            at = text.find(sentence, cursor)
            if at == -1:
                continue
            cursor = at + len(sentence)
            for layer in LAYERS:
                spans |= {(at + s, at + e) for s, e in gold_spans(row["tokens"], row[f"tags_{layer}"])}
        out.append(GoldPosting(posting, frozenset(spans)))
    return out


def analyzer_mentions(doc: ParsedDocument, taxonomy: Taxonomy) -> list[tuple[Span, ...]]:
    """Today's taxonomy-only analyzer: where the posting names each requirement it finds, one entry per requirement."""
    hits = list(taxonomy.find(doc.text))
    return [mention_spans(req, hits) for req in extract_requirements(doc, taxonomy)]


def _row(name: str, c: Counts) -> list[str]:
    p, r, _ = c.overlap()
    meets = "yes" if r >= TARGET_RECALL and p >= TARGET_PRECISION else "no"
    return [name, str(c.pred), str(c.gold), *(f"{v:.3f}" for v in (*c.strict(), *c.overlap())), meets]


def mention_rows(
    gold: list[GoldPosting], doc_of: DocOf = posting_doc, taxonomy: Taxonomy | None = None
) -> list[list[str]]:
    taxonomy = taxonomy or load_taxonomy()
    tagger = load_tagger()
    analyzer, tagged, requirements = Counts(), Counts(), 0
    for posting in gold:
        doc = doc_of(posting.posting)
        found = analyzer_mentions(doc, taxonomy)
        requirements += len(found)
        analyzer.add({span for spans in found for span in spans}, set(posting.spans))
        if tagger is not None:
            tagged.add({(s.start, s.end) for s in tagger.tag(doc.text, "job")}, set(posting.spans))
    rows = [_row("taxonomy-only analyzer today: extract_requirements mentions (baseline)", analyzer)]
    if tagger is not None:
        rows.append(_row("posting tagger alone, skill + knowledge layers (reference)", tagged))
    else:
        rows.append(["posting tagger alone (reference)", "no tagger models shipped", *[""] * 8])
    rows.append(
        [
            f"{len(gold)} dev postings, {requirements} requirements found by the analyzer; "
            f"target: overlap R >= {TARGET_RECALL} at overlap P >= {TARGET_PRECISION}",
            *[""] * 9,
        ]
    )
    return rows
