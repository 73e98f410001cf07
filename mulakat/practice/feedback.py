"""Feedback on a practice answer, point by point: contradicted (quoting the sentence that says the opposite),
covered (quoting the words that make it) or missing; and why the score is what it is."""

from __future__ import annotations

from mulakat.models import Evidence, FeedbackItem
from mulakat.practice.grading import Grade
from mulakat.practice.session import PracticeQuestion

ASSEMBLED_RUBRIC = (
    "This question's rubric was assembled from key passages about the skill, not written as an answer key: "
    "take the score as a rough guide."
)


def _rubric_point(question: PracticeQuestion, point: str) -> Evidence:
    return Evidence(source="knowledge", section=question.source, quote=point, start=0, end=len(point))


def _answer_quote(answer: str, start: int | None, end: int | None) -> list[Evidence]:
    if start is None or end is None or not 0 <= start < end <= len(answer):
        return []
    return [Evidence(source="answer", section="answer", quote=answer[start:end], start=start, end=end)]


def explain_grade(question: PracticeQuestion, answer: str, grade: Grade) -> list[FeedbackItem]:
    """Items in the order a candidate acts on them; every claim cites the answer or the rubric it rests on."""
    parts = ", ".join(f"{name} {points:g}" for name, points in grade.parts)
    how = ""
    if grade.graded_by == "model":
        how = " Graded by the chat model; every point it credits quotes your answer"
        how += f" ({grade.dropped_claims} unquoted claims dropped)." if grade.dropped_claims else "."
    elif grade.fallback:
        how = " The chat model failed, so this is the deterministic grade (fallback)."
    items = [FeedbackItem(text=f"Score {grade.score}/100 ({parts}).{how}", citations=[])]
    if question.assembled:
        items.append(FeedbackItem(text=ASSEMBLED_RUBRIC, citations=[]))
    if grade.verdict != "ok":
        whole = _answer_quote(answer, 0, len(answer)) if answer.strip() else []
        items.append(FeedbackItem(text=grade.honesty or "This answer could not be credited.", citations=whole))
    for point in grade.key_points:
        if point.contradicted and point.contradiction is not None:
            items.append(
                FeedbackItem(
                    text=f'Contradicted: "{point.point}" - you said "{point.contradiction}", which says the opposite. '
                    "Correct this: it earns no credit.",
                    citations=[
                        *_answer_quote(answer, point.contradiction_start, point.contradiction_end),
                        _rubric_point(question, point.point),
                    ],
                )
            )
    for point in grade.key_points:
        if point.covered:
            items.append(
                FeedbackItem(
                    text=f'Covered: "{point.point}" - you said "{point.quote}".',
                    citations=[*_answer_quote(answer, point.start, point.end), _rubric_point(question, point.point)],
                )
            )
    for point in grade.key_points:
        if not point.covered and not point.contradicted:
            items.append(
                FeedbackItem(
                    text=f'Missing: "{point.point}". A strong answer would make this point.',
                    citations=[_rubric_point(question, point.point)],
                )
            )
    if grade.star is not None:
        star = grade.star
        if star.missing:
            items.append(
                FeedbackItem(
                    text=f"STAR: the answer has no clear {', '.join(star.missing)}. Say it in a sentence of its own.",
                    citations=[],
                )
            )
        if star.result and not star.result_quantified:
            result_at = answer.find(star.result)
            items.append(
                FeedbackItem(
                    text="STAR: the result has no number; say how much it changed (time, money, errors, users).",
                    citations=_answer_quote(answer, result_at, result_at + len(star.result)) if result_at >= 0 else [],
                )
            )
    return items
