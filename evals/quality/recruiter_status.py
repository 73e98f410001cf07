"""Status accuracy of today's analysis on the recruiter-labelled set, end to end from the documents.

For each labelled pair the product's deterministic core runs as the evaluator node does, without the
database (so no semantic search): read both texts, extract_requirements, extract_resume_skills and
match_requirement. Each labelled requirement is matched one to one to a product requirement whose
mention overlaps its phrase in the posting. A labelled requirement the product did not find is "not
judged": it counts as wrong in the accuracy over all labelled requirements and is left out of the
accuracy over found ones. Baselines judge every requirement, so for them the two are the same.

Pairs are split by posting (sorted ids, alternately): baselines set their thresholds on one half and
are reported on the other; the product has nothing tuned and is reported on that half and on all pairs.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from evals.quality.recruiter_baselines import Embed, Query, baseline_scores, choose_thresholds, most_common
from evals.quality.recruiter_labels import LabelFile, LabelledPair, LabelStatus, Span, match_one_to_one, phrase_spans
from mulakat.assessment.matching import match_requirement
from mulakat.models import JobRequirement, ParsedDocument
from mulakat.skills.resume_skills import extract_resume_skills
from mulakat.skills.signals import extract_requirements
from mulakat.skills.taxonomy import Match, Taxonomy

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
    """Where the posting names the requirement: its `mention` once requirements carry one (issue 17),
    until then its skill's taxonomy hits inside its quoted clause, else the whole clause."""
    mention = getattr(req, "mention", None)
    if mention is not None:
        return ((int(mention.start), int(mention.end)),)
    start, end = req.evidence.start, req.evidence.end
    inside = tuple((h.start, h.end) for h in hits if h.skill == req.skill and start <= h.start < end)
    return inside or ((start, end),)


def product_requirements(posting: ParsedDocument, cv: ParsedDocument, taxonomy: Taxonomy) -> list[ProductRequirement]:
    """The analysis of one pair by the deterministic core, as the analyzer and evaluator nodes run it."""
    requirements = extract_requirements(posting, taxonomy)
    skills = {s.skill: s for s in extract_resume_skills(cv, taxonomy, EVAL_DAY)}
    hits = list(taxonomy.find(posting.text))
    return [
        ProductRequirement(req.name, mention_spans(req, hits), match_requirement(req, skills, cv, taxonomy).status)
        for req in requirements
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
        judgements += judge_pair(pair, posting.text, product_requirements(posting, doc_of(pair.cv), taxonomy))
    on_held = tally(j for j in judgements if j.posting in held)
    rows = [
        [
            "mulakat today (taxonomy analyzer + match_requirement, no semantic search)",
            "none tuned",
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
