"""What to study for one requirement: its own pack when there is one, else a pack a chat model drafted for it (when
the caller passes the stored drafts it may use), else a breakdown assembled from what is known.

Assembling is a few indexed searches and the taxonomy, no model call: the skill's narrower, prerequisite and related
skills; passages and questions elsewhere in the knowledge store that name it; and, only when too few questions exist,
questions built from those subtopics with rubric points from their key passages, marked as assembled.
"""

from __future__ import annotations

import asyncio
import dataclasses
import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from mulakat.planning.topics import Asked, linked_skills
from mulakat.skills.taxonomy import Taxonomy

Search = Callable[[dict[str, Any]], Awaitable[list[dict[str, Any]]]]
MIN_QUESTIONS = 2
MAX_ASSEMBLED = 3
MAX_FROM_TAXONOMY = 4
_WORD = re.compile(r"[a-z0-9+#]+")
_FILLER = {"and", "or", "the", "of", "for", "with", "in", "to", "a", "an", "on", "skills", "experience", "knowledge"}


@dataclass
class StudyQuestion:
    text: str
    rubric: list[str]
    source: str
    difficulty: int = 2
    kind: str = "technical"
    skill: str | None = None
    """The taxonomy id the question came with (another skill's pack when it names this one), None if assembled."""
    assembled: bool = False
    """Built here from subtopics: its rubric is assembled from key passages, not written as an answer key."""


Origin = Literal["pack", "assembled", "drafted"]


@dataclass
class Breakdown:
    origin: Origin
    title: str | None = None
    subtopics: list[str] = field(default_factory=list)
    questions: list[StudyQuestion] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    note: str = ""
    """One sentence on where the breakdown came from, when it is not simply the skill's own pack."""
    assembled_from: list[str] = field(default_factory=list)

    def copy(self) -> Breakdown:
        """A copy whose lists a plan topic may extend without touching the original."""
        return dataclasses.replace(
            self,
            subtopics=list(self.subtopics),
            questions=list(self.questions),
            sources=list(self.sources),
            assembled_from=list(self.assembled_from),
        )


def taxonomy_source(skill_id: str) -> str:
    return f"mulakat:knowledge/taxonomy#{skill_id}"


def posting_source(quote: str) -> str:
    return f'job posting: "{quote}"'


def names_it(text: str, asked: Asked, taxonomy: Taxonomy) -> bool:
    """Whether a passage is about the requirement: it names the skill (by the taxonomy's reading), or, for a need in
    the posting's own words, holds every content word of its phrase."""
    if asked.skill:
        return taxonomy.mentions(text, asked.skill)
    wanted = [w for w in _WORD.findall(asked.name.lower()) if w not in _FILLER and len(w) > 2]
    words = set(_WORD.findall(text.lower()))
    return bool(wanted) and all(any(w.startswith(x) for w in words) for x in wanted)


def _from_hit(hit: dict[str, Any]) -> StudyQuestion:
    return StudyQuestion(
        text=hit["text"],
        rubric=list(hit.get("rubric") or []),
        source=hit["source"],
        difficulty=int(hit.get("difficulty") or 2),
        kind=hit.get("question_kind") or "technical",
        skill=hit.get("skill"),
    )


def _facts(skill_id: str, taxonomy: Taxonomy) -> list[str]:
    """Rubric points the taxonomy states about a skill: what it is a kind of, builds on and sits beside."""
    skill = taxonomy[skill_id]
    points = []
    if skill.parent and not taxonomy[skill.parent].umbrella:
        points.append(f"{skill.name} is a kind of {taxonomy[skill.parent].name}")
    if skill.prereq:
        points.append(f"{skill.name} builds on {', '.join(taxonomy[p].name for p in taxonomy.prerequisites(skill_id))}")
    if skill.related:
        points.append(f"How {skill.name} compares with {', '.join(taxonomy[r].name for r in skill.related[:3])}")
    points.append(f"When you would use {skill.name}, with an example from your own work")
    return points


def children(skill_id: str, taxonomy: Taxonomy) -> list[str]:
    return sorted((s.id for s in taxonomy.skills.values() if s.parent == skill_id and not s.umbrella), key=str)


async def breakdown_for(
    asked: Asked, taxonomy: Taxonomy, search: Search, drafts: Mapping[str, Breakdown] | None = None
) -> Breakdown:
    """The skill's own pack (topped up when it has too few questions), else its drafted pack when `drafts` (by skill
    id) holds one, else an assembled breakdown."""
    name = taxonomy[asked.skill].name if asked.skill else asked.name
    if asked.skill:
        # A pack's own notes and questions are a listing by skill, not a search.
        notes = await search({"skill": asked.skill, "kind": "overview", "k": 1})
        if notes:
            found = await search({"skill": asked.skill, "kind": "question", "k": 8})
            # Easiest first: a plan should start where the candidate can answer.
            questions = [_from_hit(h) for h in sorted(found, key=lambda q: (q["difficulty"], q["text"]))]
            sources = [notes[0]["source"], *notes[0].get("references", [])]  # the pack, then where to check it
            own = Breakdown("pack", notes[0]["title"], list(notes[0]["subtopics"]), questions, sources)
            if len([q for q in questions if q.rubric]) >= MIN_QUESTIONS:
                return own
            extra = await _assemble(asked, name, taxonomy, search, own.subtopics)
            own.subtopics += [s for s in extra.subtopics if s not in own.subtopics]
            own.questions += extra.questions
            own.sources += [s for s in extra.sources if s not in own.sources]
            own.note = (
                f"The notes on {name} have no practice questions yet; more subtopics and questions are assembled "
                f"from {_listed(extra.assembled_from)}, each with its source."
            )
            return own
        if drafts and asked.skill in drafts:
            return drafts[asked.skill].copy()
    return await _assemble(asked, name, taxonomy, search, [])


async def _assemble(asked: Asked, name: str, taxonomy: Taxonomy, search: Search, have: list[str]) -> Breakdown:
    out = Breakdown("assembled")
    rubric_of: dict[str, tuple[list[str], str]] = {}  # subtopic -> (key points, source) for built questions
    used: list[str] = []
    # Narrower, prerequisite and related skills; for a free-text need, the skills it names.
    if asked.skill:
        skill = taxonomy[asked.skill]
        neighbours = [
            *((c, c) for c in children(asked.skill, taxonomy)[:MAX_FROM_TAXONOMY]),
            *((p, f"{taxonomy[p].name} (prerequisite)") for p in taxonomy.prerequisites(asked.skill)),
            *((r, f"{taxonomy[r].name} (related)") for r in skill.related[:MAX_FROM_TAXONOMY]),
        ]
        first: dict[str, str] = {}  # a skill both prerequisite and related is one subtopic, under its first role
        for s, label in neighbours:
            first.setdefault(s, taxonomy[s].name if s == label else label)
        neighbours = list(first.items())
    else:
        neighbours = [(s, f"{taxonomy[s].name} (named in the posting)") for s in linked_skills(asked, taxonomy)]
    for skill_id, label in neighbours:
        if label not in have and label not in out.subtopics:
            out.subtopics.append(label)
            rubric_of[label] = (_facts(skill_id, taxonomy), taxonomy_source(skill_id))
    if neighbours:
        used.append("the taxonomy's narrower, prerequisite and related skills" if asked.skill else "skills it names")
        out.sources.append(taxonomy_source(asked.skill or neighbours[0][0]))
    # Passages elsewhere in the store that name it (another skill's notes, ingested corpora), each with its source,
    # and questions that name it: three searches at once, as they do not depend on each other. All three search
    # by the name alone, so it is embedded once; the kind filter already keeps the questions apart.
    subtopic_hits, passage_hits, found = await asyncio.gather(
        search({"query": name, "kind": "subtopic", "k": 12}),
        search({"query": name, "kind": "passage", "k": 4}),
        search({"query": name, "kind": "question", "k": 12}),
    )
    passages = [*subtopic_hits, *passage_hits]
    named = [h for h in passages if h.get("skill") != asked.skill and names_it(h["text"], asked, taxonomy)]
    for hit in named:
        label = f"{hit.get('subtopic') or hit['title']} (from {hit['title']})"
        if label in out.subtopics:
            continue
        out.subtopics.append(label)
        out.sources.append(hit["source"])
        points = list(hit.get("key_points") or []) or _sentences(hit["text"])
        rubric_of[label] = ([p for p in points if p][:4], hit["source"])
    if named:
        used.append("passages that name it")
    for hit in found:
        if hit.get("skill") != asked.skill and hit.get("rubric") and names_it(hit["text"], asked, taxonomy):
            out.questions.append(_from_hit(hit))
            out.sources += [] if hit["source"] in out.sources else [hit["source"]]
    if out.questions:
        used.append("questions in other notes that name it")
    if len(out.questions) < MIN_QUESTIONS:
        out.questions += _built(name, asked, taxonomy, rubric_of, out)
        used.append("questions built from those subtopics, with rubrics from their key passages")
    out.assembled_from = used
    out.note = (
        f"No notes on {name} in the knowledge store yet; this breakdown is assembled from {_listed(used)}, "
        "each with its source."
    )
    return out


def _built(
    name: str, asked: Asked, taxonomy: Taxonomy, rubric_of: dict[str, tuple[list[str], str]], out: Breakdown
) -> list[StudyQuestion]:
    """Questions from the assembled subtopics, passages first (their key points are written), then the taxonomy's."""
    built = []
    ranked = sorted(rubric_of.items(), key=lambda kv: not kv[1][1].startswith("mulakat:knowledge/packs"))
    for label, (points, source) in ranked[: MAX_ASSEMBLED - 1]:
        topic = label.split(" (")[0]
        built.append(
            StudyQuestion(f"Explain {topic} and how it matters for {name}.", points, source, 2, assembled=True)
        )
    # The requirement itself: what the taxonomy says about it, or the posting's own words when it says nothing.
    points = _facts(asked.skill, taxonomy) if asked.skill else [asked.quote, f"When you would use {name}"]
    source = taxonomy_source(asked.skill) if asked.skill else posting_source(asked.quote)
    built.insert(0, StudyQuestion(f"Explain {name} and when you would use it.", points, source, 1, assembled=True))
    if not out.subtopics:  # nothing known at all: an outline of the posting's phrase, said to be one
        out.subtopics = [f"What {name} means in this role", f"{name}: a case you can describe", f"{name}: pitfalls"]
        out.sources.append(source)
        case = f"Describe a case where you worked on {name}: what was needed, what you did, and what came of it."
        points = [asked.quote, f"A specific case of {name}", "What you did yourself", "What came of it"]
        built.append(StudyQuestion(case, points, source, 2, assembled=True))
    elif source not in out.sources:
        out.sources.append(source)
    return built


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 4][:4]


def _listed(parts: list[str]) -> str:
    parts = parts or ["the posting's own words"]
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


STAR_POINTS = (
    "A specific situation that needed {name}",
    "What you yourself did, step by step",
    "The result, in numbers",
)


async def behavioural_breakdown(members: list[Asked], taxonomy: Taxonomy, search: Search) -> Breakdown:
    """One topic for every soft skill: STAR stories, with the soft skills' own questions where notes have them."""
    out = Breakdown("pack", "STAR stories", ["STAR: situation, task, action, result", "Results you can count"])
    assembled = []
    for asked in members:
        name = taxonomy[asked.skill].name if asked.skill else asked.name
        out.subtopics.append(f"A story that shows {name}")
        found = []
        if asked.skill:
            found = await search({"skill": asked.skill, "kind": "question", "k": 4})  # its own: a listing
        found = [h for h in found if h.get("rubric")]
        out.questions += [_from_hit(h) for h in found]
        out.sources = list(dict.fromkeys([*out.sources, *(h["source"] for h in found)]))
        if not found:
            text = f"Tell me about a time you showed {name}: the situation, what you did, and the result."
            rubric = [p.format(name=name) for p in STAR_POINTS]
            out.questions.append(StudyQuestion(text, rubric, posting_source(asked.quote), 2, "behavioral", None, True))
            out.sources.append(posting_source(asked.quote))
            assembled.append(name)
    if assembled:
        out.origin = "assembled"
        out.note = (
            f"No practice questions on {_listed(assembled)} in the knowledge store yet; "
            "the STAR questions for them are built from the posting's words."
        )
    return out
