"""Group gaps into study topics: one family of skills is one topic, and all soft skills are one."""

from __future__ import annotations

from dataclasses import dataclass, field

from mulakat.skills.taxonomy import Taxonomy


@dataclass
class Asked:
    """One requirement with a gap, as the plan needs it."""

    requirement: str
    skill: str | None
    """Its taxonomy id, or None for a need in the posting's own words."""
    name: str
    kind: str
    priority: str
    credit: float
    status: str
    reason: str
    quote: str
    examples: list[str] = field(default_factory=list)


@dataclass
class Topic:
    members: list[Asked]
    """Head first: the broadest skill of the family if it is asked for, else the most urgent requirement."""
    behavioural: bool = False
    anchors: set[str] = field(default_factory=set)
    """Taxonomy ids that place the topic: its members' skills and the skills free-text members name."""

    @property
    def skill(self) -> str | None:
        return self.members[0].skill

    @property
    def name(self) -> str:
        return self.members[0].name


def family(a: str, b: str, taxonomy: Taxonomy) -> bool:
    """One is a kind of the other, or both are kinds of the same specific (non-umbrella) skill."""
    if a == b:
        return True
    chain_a, chain_b = _chain(a, taxonomy), _chain(b, taxonomy)
    if a in chain_b or b in chain_a:
        return True
    parent_a, parent_b = taxonomy[a].parent, taxonomy[b].parent
    return parent_a is not None and parent_a == parent_b and not taxonomy[parent_a].umbrella


def _chain(skill_id: str, taxonomy: Taxonomy) -> list[str]:
    """Broader skills up to the first umbrella term: "Programming" is no family."""
    chain = []
    for up in taxonomy.ancestors(skill_id):
        if taxonomy[up].umbrella:
            break
        chain.append(up)
    return chain


def linked_skills(asked: Asked, taxonomy: Taxonomy) -> list[str]:
    """The taxonomy skills a free-text need names: its examples, then skills found inside its phrase."""
    found = [e for e in asked.examples if e in taxonomy.skills]
    found += [m.skill for m in taxonomy.find(asked.name) if m.skill not in found]
    return [s for s in found if not taxonomy[s].umbrella]


def group_topics(gaps: list[Asked], taxonomy: Taxonomy) -> list[Topic]:
    """Topics in the order of their most urgent member; `gaps` come most urgent first."""
    topics: list[Topic] = []
    soft: Topic | None = None
    for asked in gaps:
        if asked.kind == "soft":
            if soft is None:
                soft = Topic(members=[], behavioural=True)
                topics.append(soft)
            soft.members.append(asked)
            continue
        if asked.skill is None and asked.kind == "qualification":
            continue  # a degree or licence is not studied before an interview; the report says it is left out
        anchors = {asked.skill} if asked.skill else set(linked_skills(asked, taxonomy))
        joined = [t for t in topics if not t.behavioural and _related(anchors, t.anchors, taxonomy)]
        if not joined:
            topics.append(Topic(members=[asked], anchors=anchors))
            continue
        # A new member can bridge two topics (Spring Boot joins Spring and Spring Security): merge them.
        first = joined[0]
        for other in joined[1:]:
            first.members += other.members
            first.anchors |= other.anchors
            topics.remove(other)
        first.members.append(asked)
        first.anchors |= anchors
    for topic in topics:
        topic.members = _head_first(topic.members, taxonomy)
    return topics


def _related(anchors: set[str], others: set[str], taxonomy: Taxonomy) -> bool:
    return any(family(a, b, taxonomy) for a in anchors for b in others)


def _head_first(members: list[Asked], taxonomy: Taxonomy) -> list[Asked]:
    """The member whose skill is broader than every other known member's leads; else the most urgent one with a
    taxonomy skill (it has the most to study from); the rest stay in order of urgency."""
    known = [m for m in members if m.skill]
    broadest = [m for m in known if all(o is m or m.skill in _chain(str(o.skill), taxonomy) for o in known)]
    head = broadest[0] if broadest else known[0] if known else members[0]
    return [head, *(m for m in members if m is not head)]
