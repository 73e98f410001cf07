"""Which gaps the plan leaves out, and why: the report says so rather than cutting silently."""

from __future__ import annotations

from mulakat.assessment.readiness import counted
from mulakat.models import LeftOut, PlanItem, RequirementResult

MAX_PLAN_ITEMS = 10


def left_out(results: list[RequirementResult], plan: list[PlanItem]) -> list[LeftOut]:
    """Gaps (alternatives counted once) that no plan topic names, most urgent first."""
    if plan and not any(item.requirements for item in plan):
        return []  # a plan made before topics named their requirements: nothing to tell
    covered = {r for item in plan for r in item.requirements}
    gaps = sorted((r for r in counted(results) if r.status != "met"), key=lambda r: (r.priority != "must", r.credit))
    out = []
    for result in gaps:
        if result.id in covered:
            continue
        if result.kind == "qualification" and result.skill_id is None:
            reason = "a qualification (a degree, a licence): not something to study before an interview"
        else:
            reason = f"past the plan's first {MAX_PLAN_ITEMS} topics, which are more urgent"
        out.append(LeftOut(requirement=result.id, name=result.skill, reason=reason))
    return out
