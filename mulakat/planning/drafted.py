"""Stored drafted packs in a plan: which a run may use, as breakdowns, and which skills a run may draft."""

from __future__ import annotations

from collections.abc import Mapping

from mulakat.models import PlanItem
from mulakat.packs.draft_store import PackDraft
from mulakat.planning.breakdown import Breakdown, Origin, StudyQuestion
from mulakat.planning.items import breakdown_subjects
from mulakat.planning.plan import PlanNeed
from mulakat.skills.taxonomy import Taxonomy


def draft_source(skill: str) -> str:
    """Where a drafted pack's questions come from: the draft, whose key points cite the passages."""
    return f"mulakat:drafts/{skill}"


def drafted_breakdown(draft: PackDraft) -> Breakdown:
    """The draft's subtopics and questions (easiest first), its cited passages as sources, and a note on its origin."""
    pack, passages = draft.pack, len(draft.cited_sources)
    cited = f"from {passages} cited passage{'s' if passages != 1 else ''}"
    questions = [
        StudyQuestion(q.text, list(q.rubric), draft_source(pack.skill), q.difficulty, q.kind, pack.skill)
        for q in sorted(pack.questions, key=lambda q: (q.difficulty, q.text))
    ]
    origin: Origin = "pack" if draft.status == "promoted" else "drafted"
    note = f"drafted by a chat model {cited}" + ("; not yet reviewed" if origin == "drafted" else ", then reviewed")
    subtopics = [s.name for s in pack.subtopics]
    return Breakdown(origin, pack.title, subtopics, questions, draft.cited_sources, note)


def usable_drafts(stored: Mapping[str, PackDraft], unreviewed: bool) -> dict[str, Breakdown]:
    """Breakdowns of the stored drafts a plan may use: promoted ones always, unreviewed ones only when `unreviewed`.

    A run with no chat model passes False, so a model-free deployment shows candidates only text a person reviewed.
    """
    allowed = {"promoted", "draft"} if unreviewed else {"promoted"}
    return {skill: drafted_breakdown(d) for skill, d in stored.items() if d.status in allowed}


def skills_to_draft(
    plan: list[PlanItem], needs: list[PlanNeed], stored: Mapping[str, PackDraft], taxonomy: Taxonomy, limit: int
) -> list[str]:
    """Skills of assembled topics (in plan order, so the most urgent first) that have no stored draft, at most `limit`.

    A skill with a draft of any status is never drafted again here: a rejected one waits for an operator.
    """
    wanted: list[str] = []
    for item, need in zip(plan, needs, strict=True):
        subjects = breakdown_subjects(need, taxonomy)
        head = subjects[0].skill if subjects else None
        if item.breakdown == "assembled" and head and head not in stored and head not in wanted:
            wanted.append(head)
    return wanted[:limit]
