"""Status accuracy of today's analysis on the recruiter-labelled set, end to end from the documents.

For each labelled pair the product's deterministic core runs as the analyzer and evaluator nodes do:
read both texts, extract_requirements (with the taggers), extract_resume_skills and match_requirement,
then the evaluator's semantic lookup for what is still missing, done in memory over the same resume
passages and embedder instead of the database. Each labelled requirement is matched one to one to a
product requirement one of whose mentions overlaps its phrase in the posting. A labelled requirement
the product did not find is "not judged": it counts as wrong in the accuracy over all labelled
requirements and is left out of the accuracy over found ones. Baselines judge every requirement, so for
them the two are the same.

Pairs are split by posting (sorted ids, alternately): baselines set their thresholds on one half and
are reported on the other; the product has nothing tuned and is reported on that half and on all pairs.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from evals.quality.recruiter_baselines import Embed, Query, baseline_scores, choose_thresholds, most_common
from evals.quality.recruiter_labels import LabelFile, LabelledPair, LabelStatus, Span, match_one_to_one, phrase_spans
from mulakat.assessment.matching import SemanticHit, match_requirement, semantic_floor, semantic_query
from mulakat.models import JobRequirement, ParsedDocument
from mulakat.skills.requirements import extract_requirements
from mulakat.skills.resume_skills import extract_resume_skills
from mulakat.skills.tagger import load_tagger
from mulakat.skills.taxonomy import Match, Taxonomy
from mulakat.storage.vectors import resume_passages

# Years on the CVs run to "present"; a fixed day keeps the figures the same on every run.
EVAL_DAY = date(2026, 12, 4)
DocOf = Callable[[str], ParsedDocument]  # a document id to the document as the product reads it


@dataclass(frozen=True)
class ProductRequirement:
    name: str
    spans: tuple[Span, ...]  # where the posting names it
    status: LabelStatus


@dataclass(frozen=True)
class Judgement:
    posting: str
    gold: LabelStatus
    predicted: LabelStatus | None  # None: the system did not find this requirement


@dataclass(frozen=True)
class Tally:
    judged: int
    found: int
    correct: int

    @property
    def found_share(self) -> float:
        return self.found / self.judged if self.judged else math.nan

    @property
    def accuracy_all(self) -> float:
        return self.correct / self.judged if self.judged else math.nan

    @property
    def accuracy_found(self) -> float:
        return self.correct / self.found if self.found else math.nan


def tally(judgements: Iterable[Judgement]) -> Tally:
    judged = list(judgements)
    found = [j for j in judged if j.predicted is not None]
    return Tally(len(judged), len(found), sum(j.predicted == j.gold for j in found))


def mention_spans(req: JobRequirement, hits: Sequence[Match]) -> tuple[Span, ...]:
    """Every place the posting names the requirement (its `mentions`); for a requirement without them (a
    model-suggested one), its skill's taxonomy hits inside its quoted clause, else the whole clause."""
    if req.mentions:
        return tuple((m.start, m.end) for m in req.mentions)
    start, end = req.evidence.start, req.evidence.end
    inside = tuple((h.start, h.end) for h in hits if h.skill == req.skill and start <= h.start < end)
    return inside or ((start, end),)


def semantic_hits(cv: ParsedDocument, reqs: Sequence[JobRequirement], embed: Embed) -> list[SemanticHit | None]:
    """The evaluator node's resume search done in memory: each requirement's closest resume passage (the same
    passages `index_resume` stores, the same embedder), when its cosine reaches the requirement's floor."""
    passages = resume_passages(cv, "eval")
    if not passages or not reqs:
        return [None] * len(reqs)
    queries = [semantic_query(r) for r in reqs]
    similarity = np.asarray(embed(queries)) @ np.asarray(embed([p.page_content for p in passages])).T
    hits: list[SemanticHit | None] = []
    for req, row in zip(reqs, similarity, strict=True):
        best = int(row.argmax())
        meta = passages[best].metadata
        close = float(row[best]) >= semantic_floor(req)
        hits.append(SemanticHit(round(float(row[best]), 4), meta["start_at"], meta["end_at"]) if close else None)
    return hits


def product_requirements(
    posting: ParsedDocument, cv: ParsedDocument, taxonomy: Taxonomy, embed: Embed | None = None
) -> list[ProductRequirement]:
    """The analysis of one pair by the deterministic core, as the analyzer and evaluator nodes run it; with
    `embed`, requirements found missing get the node's semantic lookup too."""
    requirements = extract_requirements(posting, taxonomy, load_tagger())
    skills = {s.skill: s for s in extract_resume_skills(cv, taxonomy, EVAL_DAY)}
    results = [match_requirement(req, skills, cv, taxonomy) for req in requirements]
    if embed is not None:
        missing = [i for i, r in enumerate(results) if r.status == "missing"]
        found = semantic_hits(cv, [requirements[i] for i in missing], embed)
        for i, hit in zip(missing, found, strict=True):
            if hit is not None:
                results[i] = match_requirement(requirements[i], skills, cv, taxonomy, semantic=hit)
    hits = list(taxonomy.find(posting.text))
    return [
        ProductRequirement(req.name, mention_spans(req, hits), result.status)
        for req, result in zip(requirements, results, strict=True)
    ]


def judge_pair(pair: LabelledPair, posting_text: str, found: Sequence[ProductRequirement]) -> list[Judgement]:
    """One judgement per labelled requirement, with the status of the product requirement matched to it."""
    labelled = [phrase_spans(posting_text, r.phrase) for r in pair.requirements]
    matched = dict(match_one_to_one(labelled, [p.spans for p in found]))
    return [
        Judgement(pair.posting, req.status, found[matched[i]].status if i in matched else None)
        for i, req in enumerate(pair.requirements)
    ]


def split_postings(pairs: Sequence[LabelledPair]) -> tuple[set[str], set[str]]:
    """(tuning, held) posting ids: alternate in sorted order, so both halves get postings of each source."""
    postings = sorted({p.posting for p in pairs})
    return set(postings[0::2]), set(postings[1::2])


def _figure(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:.3f}"


def _cells(t: Tally) -> list[str]:
    return [f"{t.found}/{t.judged}", _figure(t.accuracy_all), _figure(t.accuracy_found)]


def _queries(labels: LabelFile, doc_of: DocOf) -> list[Query]:
    return [
        Query(pair.posting, req.name, req.phrase, doc_of(pair.cv).text, req.status)
        for pair in labels.pairs
        for req in pair.requirements
    ]


def _baseline_rows(queries: list[Query], tuning: set[str], embed: Embed) -> list[list[str]]:
    tune = [i for i, q in enumerate(queries) if q.posting in tuning]
    held = [i for i, q in enumerate(queries) if q.posting not in tuning]
    common = most_common([queries[i].gold for i in tune])
    rows = [
        [
            f"always '{common}', the tuning half's most common status (reference)",
            "none",
            *_cells(tally(Judgement(queries[i].posting, queries[i].gold, common) for i in held)),
            "",
            "",
            "",
        ]
    ]
    for name, scores in baseline_scores(queries, embed).items():
        cut = choose_thresholds([scores[i] for i in tune], [queries[i].gold for i in tune])
        judged = (Judgement(queries[i].posting, queries[i].gold, cut.status(scores[i])) for i in held)
        rows.append([name, str(cut), *_cells(tally(judged)), "", "", ""])
    return rows


def status_rows(labels: LabelFile, doc_of: DocOf, taxonomy: Taxonomy, embed: Embed) -> list[list[str]]:
    """Rows: system, thresholds, then found / accuracy (all) / accuracy (found) on the held half and on all pairs."""
    tuning, held = split_postings(labels.pairs)
    judgements: list[Judgement] = []
    for pair in labels.pairs:
        posting = doc_of(pair.posting)
        judgements += judge_pair(pair, posting.text, product_requirements(posting, doc_of(pair.cv), taxonomy, embed))
    on_held = tally(j for j in judgements if j.posting in held)
    rows = [
        [
            "mulakat (analyzer with taggers, match_requirement, the evaluator's semantic lookup)",
            "which related skills count and the soft-skill floor (0.3): chosen on the tuning half",
            *_cells(on_held),
            *_cells(tally(judgements)),
        ]
    ]
    rows += _baseline_rows(_queries(labels, doc_of), tuning, embed)
    held_pairs = sum(p.posting in held for p in labels.pairs)
    rows.append(
        [
            f"{len(labels.pairs)} pairs ({held_pairs} held), {len(judgements)} labelled requirements "
            f"({on_held.judged} held); thresholds set on the other {len(tuning)} postings",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ]
    )
    return rows


STATUS_COLUMNS = (
    "system",
    "thresholds (set on the tuning half)",
    "held: found",
    "held: accuracy (all)",
    "held: accuracy (found)",
    "all pairs: found",
    "all pairs: accuracy (all)",
    "all pairs: accuracy (found)",
)
