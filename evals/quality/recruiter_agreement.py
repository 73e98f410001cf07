"""Agreement between two independent labellers on the (CV, posting) pairs both of them labelled.

Requirements are matched one to one by overlapping phrase spans in the posting, largest overlap first.
B's list is scored against A's (precision: B's requirements that A also listed; recall: A's that B
also listed), and on matched requirements the statuses are compared: share equal and Cohen's kappa
over met/partial/missing, which discounts the agreement two labellers would reach by chance.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from evals.quality.recruiter_labels import STATUSES, LabelFile, LabelStatus, TextOf, match_one_to_one, phrase_spans


@dataclass
class Agreement:
    pairs: int = 0
    a_requirements: int = 0
    b_requirements: int = 0
    matched: int = 0
    statuses: list[tuple[LabelStatus, LabelStatus]] = field(default_factory=list)  # (A, B) per matched requirement
    same_priority: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.b_requirements if self.b_requirements else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.a_requirements if self.a_requirements else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def status_share(self) -> float:
        return sum(a == b for a, b in self.statuses) / len(self.statuses) if self.statuses else math.nan


def cohen_kappa(judged: Sequence[tuple[str, str]], categories: Sequence[str] = STATUSES) -> float:
    """(observed - chance) / (1 - chance); NaN when chance agreement is already total (one category only)."""
    if not judged:
        return math.nan
    n = len(judged)
    observed = sum(a == b for a, b in judged) / n
    first, second = Counter(a for a, _ in judged), Counter(b for _, b in judged)
    chance = sum(first[c] * second[c] for c in categories) / (n * n)
    return (observed - chance) / (1 - chance) if chance < 1 else math.nan


def agreement(a: LabelFile, b: LabelFile, text_of: TextOf) -> Agreement:
    """A against B on the pairs both labelled; pairs only one of them labelled are left out."""
    out = Agreement()
    b_pairs = {pair.key: pair for pair in b.pairs}
    for pair_a in a.pairs:
        pair_b = b_pairs.get(pair_a.key)
        if pair_b is None:
            continue
        posting = text_of(pair_a.posting)
        spans_a = [phrase_spans(posting, r.phrase) for r in pair_a.requirements]
        spans_b = [phrase_spans(posting, r.phrase) for r in pair_b.requirements]
        out.pairs += 1
        out.a_requirements += len(spans_a)
        out.b_requirements += len(spans_b)
        for i, j in match_one_to_one(spans_a, spans_b):
            req_a, req_b = pair_a.requirements[i], pair_b.requirements[j]
            out.matched += 1
            out.statuses.append((req_a.status, req_b.status))
            out.same_priority += req_a.priority == req_b.priority
    return out


def _figure(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:.3f}"


def agreement_rows(a: LabelFile, b: LabelFile, text_of: TextOf) -> list[list[str]]:
    """Rows: measure, value, what it counts."""
    found = agreement(a, b, text_of)
    if not found.pairs:
        return [["pairs labelled by both", "0", f"{b.labeller} shares no (cv, posting) pair with {a.labeller}"]]
    judged = len(found.statuses)
    equal = sum(x == y for x, y in found.statuses)
    both = f"of {a.labeller}'s {len(a.pairs)} and {b.labeller}'s {len(b.pairs)}"
    return [
        ["pairs labelled by both", str(found.pairs), both],
        [
            "requirements listed",
            f"{found.a_requirements} / {found.b_requirements}",
            f"{a.labeller} / {b.labeller}, on the shared pairs",
        ],
        ["requirement-list precision", f"{found.precision:.3f}", f"{b.labeller}'s matched by {a.labeller}'s"],
        ["requirement-list recall", f"{found.recall:.3f}", f"{a.labeller}'s matched by {b.labeller}'s"],
        ["requirement-list F1", f"{found.f1:.3f}", f"{found.matched} matched by overlapping phrase spans"],
        ["status agreement", _figure(found.status_share), f"{equal}/{judged} matched requirements"],
        ["status Cohen's kappa", _figure(cohen_kappa(found.statuses)), "over met / partial / missing"],
        [
            "priority agreement",
            _figure(found.same_priority / judged if judged else math.nan),
            f"{found.same_priority}/{judged} must / nice",
        ],
    ]
