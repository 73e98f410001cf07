"""Requirement-mention precision and recall on SkillSpan dev postings, against the gold skill and knowledge spans.

Postings are rebuilt as the labelled set reads them (recruiter_docs: one sentence a line); gold is the
union of both layers' spans, moved to posting offsets. Rows, on the tuning half (where the analyzer's
MIN_CONFIDENCE was chosen), the held half and all: the analyzer with no taggers (taxonomy only) as the
baseline, the posting taggers alone (both layers) as a reference, and the analyzer with every place it
says each requirement is named and with one (the strongest) mention per requirement.
Strict and overlap matching are skill_spans' Counts; issue 17's target is overlap
recall >= 0.65 at overlap precision >= 0.78.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from evals.quality.recruiter_docs import SKILLSPAN_DEV, posting_doc
from evals.quality.skill_spans import Counts, gold_spans
from mulakat.models import ParsedDocument
from mulakat.skills.requirements import extract_requirements
from mulakat.skills.tagger import LAYERS, SkillTagger, load_tagger
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


def analyzer_mentions(doc: ParsedDocument, taxonomy: Taxonomy, tagger: SkillTagger | None) -> list[tuple[Span, ...]]:
    """Where the posting names each requirement the analyzer finds: every place (`mentions`), one entry each."""
    return [tuple((m.start, m.end) for m in req.mentions) for req in extract_requirements(doc, taxonomy, tagger)]


def _row(name: str, c: Counts) -> list[str]:
    p, r, _ = c.overlap()
    meets = "yes" if r >= TARGET_RECALL and p >= TARGET_PRECISION else "no"
    return [name, str(c.pred), str(c.gold), *(f"{v:.3f}" for v in (*c.strict(), *c.overlap())), meets]


def halves(gold: list[GoldPosting]) -> dict[str, list[GoldPosting]]:
    """The tuning half (even positions in sorted id order), where MIN_CONFIDENCE was chosen, and the held half."""
    return {"tuning half": gold[0::2], "held half": gold[1::2], "all": gold}


def mention_rows(
    gold: list[GoldPosting], doc_of: DocOf = posting_doc, taxonomy: Taxonomy | None = None
) -> list[list[str]]:
    taxonomy = taxonomy or load_taxonomy()
    tagger = load_tagger()
    rows = []
    counted = 0
    for split, postings in halves(gold).items():
        only_taxonomy, tagged, every, strongest = Counts(), Counts(), Counts(), Counts()
        for posting in postings:
            doc = doc_of(posting.posting)
            spans = set(posting.spans)
            only_taxonomy.add({s for found in analyzer_mentions(doc, taxonomy, None) for s in found}, spans)
            if tagger is None:
                continue
            reqs = extract_requirements(doc, taxonomy, tagger)
            counted += len(reqs) if split == "all" else 0
            every.add({(m.start, m.end) for r in reqs for m in r.mentions}, spans)
            strongest.add({(r.mention.start, r.mention.end) for r in reqs if r.mention}, spans)
            tagged.add({(s.start, s.end) for s in tagger.tag(doc.text, "job")}, spans)
        rows.append(_row(f"{split}: taxonomy only, no taggers (baseline)", only_taxonomy))
        if tagger is None:
            rows.append([f"{split}: analyzer with taggers", "no tagger models shipped", *[""] * 8])
            continue
        rows.append(_row(f"{split}: posting taggers alone, both layers (reference)", tagged))
        rows.append(_row(f"{split}: analyzer, every mention of each requirement", every))
        rows.append(_row(f"{split}: analyzer, one mention per requirement (its strongest)", strongest))
    rows.append(
        [
            f"{len(gold)} dev postings, {counted} requirements found by the analyzer; MIN_CONFIDENCE chosen on "
            f"the tuning half; target: overlap R >= {TARGET_RECALL} at overlap P >= {TARGET_PRECISION}",
            *[""] * 9,
        ]
    )
    return rows
