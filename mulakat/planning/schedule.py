"""Lay the study plan over the days before the interview; say plainly what does not fit."""

from __future__ import annotations

from datetime import date, timedelta

from mulakat.models import DayPlan, PlanItem, Schedule, SkippedTopic


class ScheduleError(ValueError):
    """Dates or hours that cannot make a schedule."""


def build_schedule(plan: list[PlanItem], interview: date, hours_per_day: float, today: date) -> Schedule:
    """Study days run from today up to the day before the interview.

    When time is short, nice-to-have topics go first (last in the plan first); then any topic that
    does not fit is skipped, and so is anything that needs a skipped topic as a prerequisite.
    """
    if not 0 < hours_per_day <= 16:
        raise ScheduleError(f"hours per day must be between 0 and 16, not {hours_per_day:g}")
    days = (interview - today).days
    if days < 1:
        raise ScheduleError(f"the interview date {interview.isoformat()} must be after today ({today.isoformat()})")
    available = days * hours_per_day
    skipped: dict[int, str] = {}
    kept = list(plan)
    for item in reversed(plan):
        if sum(i.est_hours for i in kept) <= available:
            break
        if item.priority == "nice":
            kept.remove(item)
            skipped[item.order] = "nice-to-have, and there is not enough time before the interview"
    left: float = available
    chosen: list[PlanItem] = []
    dropped_skills = {i.skill for i in plan if i.order in skipped}
    for item in kept:
        blocked = [p for p in item.prerequisites if p in dropped_skills]
        if blocked:
            skipped[item.order] = f"needs {', '.join(blocked)} first, which does not fit"
        elif item.est_hours > left:
            skipped[item.order] = f"needs {item.est_hours:g} h; only {left:g} h are left before {interview.isoformat()}"
        else:
            chosen.append(item)
            left -= item.est_hours
            continue
        dropped_skills.add(item.skill)
    return Schedule(
        interview_date=interview.isoformat(),
        hours_per_day=hours_per_day,
        available_hours=available,
        planned_hours=sum(i.est_hours for i in chosen),
        days=_lay_out(chosen, today, hours_per_day),
        skipped=[
            SkippedTopic(order=i.order, topic=i.topic, est_hours=i.est_hours, reason=skipped[i.order])
            for i in plan
            if i.order in skipped
        ],
    )


def _lay_out(items: list[PlanItem], start: date, hours_per_day: float) -> list[DayPlan]:
    days: list[DayPlan] = []
    day, room = start, hours_per_day
    current: list[dict[str, float | int | str]] = []
    for item in items:
        remaining = item.est_hours
        while remaining > 1e-9:
            take = min(remaining, room)
            current.append({"order": item.order, "topic": item.topic, "hours": round(take, 2)})
            remaining -= take
            room -= take
            if room <= 1e-9:
                days.append(DayPlan(date=day.isoformat(), items=current))
                day, room, current = day + timedelta(days=1), hours_per_day, []
    if current:
        days.append(DayPlan(date=day.isoformat(), items=current))
    return days
