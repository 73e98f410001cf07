"""Laying the plan over the days before the interview."""

from __future__ import annotations

from datetime import date

import pytest

from mulakat.models import PlanItem
from mulakat.planning.schedule import ScheduleError, build_schedule

TODAY = date(2026, 12, 1)


def item(order: int, skill: str, hours: float, priority: str = "must", prereq: list[str] | None = None) -> PlanItem:
    return PlanItem(
        order=order,
        topic=skill,
        skill=skill,
        reason="r",
        prerequisites=prereq or [],
        subtopics=[],
        est_hours=hours,
        priority=priority,
    )  # type: ignore[arg-type]


PLAN = [item(1, "Docker", 4), item(2, "Kubernetes", 10, prereq=["Docker"]), item(3, "Kafka", 6, "nice")]


def test_everything_fits_and_days_add_up() -> None:
    s = build_schedule(PLAN, date(2026, 12, 11), 3, TODAY)
    assert s.available_hours == 30 and s.planned_hours == 20 and s.skipped == []
    assert sum(i["hours"] for d in s.days for i in d.items) == pytest.approx(20)  # type: ignore[misc]
    assert s.days[0].date == "2026-12-01" and all(sum(i["hours"] for i in d.items) <= 3 for d in s.days)  # type: ignore[misc]
    assert [i["topic"] for i in s.days[0].items] == ["Docker"]  # prerequisite first


def test_nice_to_have_goes_first_when_time_is_short() -> None:
    s = build_schedule(PLAN, date(2026, 12, 6), 3, TODAY)  # 15 hours
    assert [k.topic for k in s.skipped] == ["Kafka"] and "nice-to-have" in s.skipped[0].reason
    assert s.planned_hours == 14


def test_a_topic_whose_prerequisite_does_not_fit_is_skipped_too() -> None:
    plan = [item(1, "Docker", 12), item(2, "Kubernetes", 2, prereq=["Docker"])]
    s = build_schedule(plan, date(2026, 12, 3), 4, TODAY)  # 8 hours
    reasons = {k.topic: k.reason for k in s.skipped}
    assert "only 8 h" in reasons["Docker"] and "needs Docker first" in reasons["Kubernetes"]
    assert s.days == []


@pytest.mark.parametrize(
    ("interview", "hours", "message"), [(date(2026, 12, 1), 2, "after today"), (date(2027, 1, 1), 0, "hours per day")]
)
def test_bad_dates_and_hours_are_refused(interview: date, hours: float, message: str) -> None:
    with pytest.raises(ScheduleError, match=message):
        build_schedule(PLAN, interview, hours, TODAY)
