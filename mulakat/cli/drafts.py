"""`mulakat packs drafts|show|draft|promote|reject`: an operator reviews the packs a chat model drafted."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from mulakat.cli.running import err, error_exit, run_or_exit
from mulakat.storage.settings import get_settings

if TYPE_CHECKING:
    from graph.runner import Runner
    from mulakat.packs.draft_store import PackDraft
    from mulakat.skills.taxonomy import Taxonomy

SkillArg = Annotated[str, typer.Argument(help="A skill id or name from the taxonomy, e.g. subnetting.")]


def skill_id(taxonomy: Taxonomy, given: str) -> str:
    """The taxonomy id a user means by an id or a name; ValueError when it names no skill."""
    if given in taxonomy.skills:
        return given
    found = taxonomy.resolve(given)
    if found is None:
        raise ValueError(f"{given!r} is no skill of the taxonomy")
    return found.id


def _counts(draft: PackDraft) -> tuple[int, int]:
    return sum(len(s.key_points) for s in draft.pack.subtopics), len(draft.pack.questions)


def packs_drafts() -> None:
    """List the drafted packs: skill, status, model, when, key points and questions."""
    from mulakat.packs.draft_store import list_drafts

    found = run_or_exit(lambda runner: list_drafts(runner.services.pool))
    if not found:
        err.print("no drafted packs yet")
        return
    rows = [["skill", "status", "model", "created", "key points", "questions"]]
    rows += [[d.skill, d.status, d.model, f"{d.created_at:%Y-%m-%d %H:%M}", *map(str, _counts(d))] for d in found]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        typer.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


def _describe(draft: PackDraft, name: str) -> list[str]:
    reviewed = f", reviewed {draft.reviewed_at:%Y-%m-%d %H:%M}" if draft.reviewed_at else ""
    lines = [
        f"{name} ({draft.skill}): {draft.status}{reviewed}; drafted by {draft.model} on "
        f"{draft.created_at:%Y-%m-%d %H:%M}" + (" (generated)" if draft.generated else ""),
    ]
    lines += [f"reason: {draft.reason}"] if draft.reason else []
    lines += ["", draft.pack.title, draft.pack.summary, "", "Subtopics"]
    cited = {(c.subtopic, c.key_point): c for c in draft.citations}
    for sub in draft.pack.subtopics:
        lines.append(f"  {sub.name}")
        for point in sub.key_points:
            citation = cited.get((sub.name, point))
            lines.append(f"    - {point}")
            if citation is not None:
                lines.append(f'      cites {citation.source}: "{citation.quote}"')
    lines += ["", "Questions"]
    for q in draft.pack.questions:
        lines.append(f"  [{q.difficulty}] {q.text} ({q.subtopic})")
        lines += [f"      rubric: {point}" for point in q.rubric]
    if draft.dropped:
        lines += ["", "Dropped by the checks"] + [f"  - {d}" for d in draft.dropped]
    return lines


def packs_show(
    skill: SkillArg,
    as_yaml: Annotated[
        bool, typer.Option("--yaml", help="Print it as a pack file for knowledge/packs/ (without the quotes).")
    ] = False,
) -> None:
    """Show a drafted pack with each key point's citation, or export it in our pack format."""
    from mulakat.packs.draft_store import get_draft

    async def work(runner: Runner) -> tuple[PackDraft | None, Taxonomy, str]:
        wanted = skill_id(runner.services.taxonomy, skill)
        return await get_draft(runner.services.pool, wanted), runner.services.taxonomy, wanted

    draft, taxonomy, wanted = run_or_exit(work, ValueError)
    if draft is None:
        raise error_exit(f"no drafted pack for {wanted}")
    if as_yaml:
        _export(draft, taxonomy)
        return
    for line in _describe(draft, taxonomy[draft.skill].name):
        typer.echo(line)


def _export(draft: PackDraft, taxonomy: Taxonomy) -> None:
    from mulakat.packs.checker import check_pack
    from mulakat.packs.loader import Reference, pack_yaml

    titles = {c.source: c.title for c in draft.citations}
    pack = draft.pack.model_copy(update={"sources": [Reference(title=titles[s], url=s) for s in draft.cited_sources]})
    typer.echo(pack_yaml(pack), nl=False)
    if draft.status != "promoted":
        err.print(f"note: this draft is {draft.status}, not promoted")
    problems = check_pack(pack, taxonomy, draft.skill)
    err.print(f"save as knowledge/packs/{draft.skill}.yaml; `mulakat packs check` then finds {len(problems)} problems")
    for problem in problems:
        err.print(f"  {problem}")


def packs_draft(
    skills: Annotated[list[str], typer.Argument(help="Skill ids or names with no pack of their own.")],
) -> None:
    """Draft packs now with the configured chat model, replacing an earlier draft or rejection (not a promoted one)."""
    if not get_settings().chat_model:
        raise error_exit("drafting needs a chat model: set MULAKAT_CHAT_MODEL (e.g. openai:gpt-4.1-mini)")
    attempts = run_or_exit(lambda runner: _draft_all(runner, skills), ValueError)
    for line, _ in attempts:
        typer.echo(line)
    if not all(stored for _, stored in attempts):
        raise typer.Exit(1)


async def _draft_all(runner: Runner, given: list[str]) -> list[tuple[str, bool]]:
    """A line per skill, and whether a draft that passed the checks was stored."""
    from mulakat.packs.draft_store import get_draft
    from mulakat.packs.loader import load_packs
    from tools.drafting import draft_pack
    from tools.retrieval import knowledge_search

    services = runner.services
    packs = load_packs()
    wanted = [skill_id(services.taxonomy, s) for s in given]
    for skill in wanted:
        if skill in packs:
            raise ValueError(f"{skill} has notes of its own ({packs[skill].source}); nothing to draft")
        found = await get_draft(services.pool, skill)
        if found is not None and found.status == "promoted":
            raise ValueError(f"{skill} has a promoted pack; reject it first to draft it again")

    async def search(args: dict[str, Any]) -> list[dict[str, Any]]:
        return await knowledge_search(services, **args)

    lines = []
    for skill in wanted:
        attempt = await draft_pack(services, skill, search, replace=True)
        if attempt.stored is None:
            lines.append((f"{skill}: not drafted ({attempt.failure or attempt.skipped})", False))
        elif attempt.stored.status == "rejected":
            lines.append((f"{skill}: rejected by the pack checks ({attempt.stored.reason})", False))
        else:
            points, questions = _counts(attempt.stored)
            dropped = len(attempt.stored.dropped)
            summary = f"{points} key points, {questions} questions, {dropped} dropped by the checks"
            lines.append((f"{skill}: drafted, {summary}; review it with `mulakat packs show {skill}`", True))
    return lines


def packs_promote(skill: SkillArg) -> None:
    """Accept a draft after reading it: plans then use it as a reviewed pack, with or without a chat model."""
    _review(skill, "promoted", None)


def packs_reject(
    skill: SkillArg,
    reason: Annotated[str | None, typer.Option(help="Why, for the record (shown by `mulakat packs show`).")] = None,
) -> None:
    """Turn a draft down: plans go back to the assembled breakdown, and analyses do not draft it again."""
    _review(skill, "rejected", reason or "rejected by an operator")


def _review(skill: str, status: Literal["promoted", "rejected"], reason: str | None) -> None:
    from mulakat.packs.draft_store import review_draft

    async def work(runner: Runner) -> tuple[str, PackDraft | None]:
        wanted = skill_id(runner.services.taxonomy, skill)
        return wanted, await review_draft(runner.services.pool, wanted, status, reason)

    wanted, draft = run_or_exit(work, ValueError)
    if draft is None:
        raise error_exit(f"no drafted pack for {wanted}")
    typer.echo(f"{wanted}: {draft.status}")
