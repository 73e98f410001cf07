"""The skill taxonomy (our own, in knowledge/taxonomy.yaml) and a matcher that finds skills in text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml

# A skill name must not continue into a neighbouring word: "Java" is not found in "JavaScript",
# and "C" is not found in "C++" or "C#".
_LEFT = r"(?<![A-Za-z0-9_+#])"
_RIGHT = r"(?![A-Za-z0-9_+#])"


@dataclass(frozen=True)
class Skill:
    id: str
    name: str
    category: str
    aliases: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()
    parent: str | None = None
    related: tuple[str, ...] = ()
    prereq: tuple[str, ...] = ()
    hours: float = 8.0
    umbrella: bool = False


@dataclass(frozen=True)
class Match:
    skill: str
    surface: str
    start: int
    end: int


@dataclass
class Taxonomy:
    skills: dict[str, Skill]
    _pattern: re.Pattern[str] = field(init=False, repr=False)
    _folded: dict[str, str] = field(init=False, repr=False)
    _exact: dict[str, str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._folded, self._exact = {}, {}
        for skill in self.skills.values():
            for form in (skill.name, *skill.aliases):
                self._folded.setdefault(_norm(form).lower(), skill.id)
            for form in skill.exact:
                self._exact[_norm(form)] = skill.id
        # An exact-case form wins over a folded one ("Go" the language vs "go" the verb is decided by case).
        for form in self._exact:
            self._folded.pop(form.lower(), None)
        forms = [(f, True) for f in self._folded] + [(f, False) for f in self._exact]
        forms.sort(key=lambda item: -len(item[0]))  # longest first: "React Native" before "React"
        alternatives = [f"(?i:{_flexible(form)})" if folded else _flexible(form) for form, folded in forms]
        self._pattern = re.compile(_LEFT + "(?:" + "|".join(alternatives) + ")" + _RIGHT)

    def __getitem__(self, skill_id: str) -> Skill:
        return self.skills[skill_id]

    def find(self, text: str) -> Iterator[Match]:
        """Yield non-overlapping skill mentions, leftmost-longest, with char offsets into text."""
        for m in self._pattern.finditer(text):
            surface = m.group()
            key = _norm(surface)
            skill_id = self._exact.get(key) or self._folded.get(key.lower())
            if skill_id is not None:
                yield Match(skill_id, surface, m.start(), m.end())

    def resolve(self, name: str) -> Skill | None:
        """Look a skill up by id, name or alias."""
        if name in self.skills:
            return self.skills[name]
        key = _norm(name)
        skill_id = self._exact.get(key) or self._folded.get(key.lower())
        return self.skills[skill_id] if skill_id else None

    def ancestors(self, skill_id: str) -> list[str]:
        """Broader skills, nearest first."""
        chain: list[str] = []
        parent = self.skills[skill_id].parent
        while parent and parent not in chain and parent != skill_id:
            chain.append(parent)
            parent = self.skills[parent].parent
        return chain

    def prerequisites(self, skill_id: str) -> tuple[str, ...]:
        return tuple(p for p in self.skills[skill_id].prereq if p in self.skills)


def _norm(form: str) -> str:
    return " ".join(form.split())


def _flexible(form: str) -> str:
    return r"\s+".join(re.escape(part) for part in form.split())


def _as_tuple(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    return (str(value),)


def parse_taxonomy(raw: dict[str, dict[str, object]]) -> Taxonomy:
    skills: dict[str, Skill] = {}
    for skill_id, entry in raw.items():
        skills[skill_id] = Skill(
            id=skill_id,
            name=str(entry["name"]),
            category=str(entry.get("category", "other")),
            aliases=_as_tuple(entry.get("aliases")),
            exact=_as_tuple(entry.get("exact")),
            parent=str(entry["parent"]) if entry.get("parent") else None,
            related=_as_tuple(entry.get("related")),
            prereq=_as_tuple(entry.get("prereq")),
            hours=float(entry.get("hours", 8)),  # type: ignore[arg-type]
            umbrella=bool(entry.get("umbrella", False)),
        )
    unknown = {
        ref for s in skills.values() for ref in (*s.related, *s.prereq, *([s.parent] if s.parent else []))
    } - skills.keys()
    if unknown:
        raise ValueError(f"taxonomy refers to unknown skills: {sorted(unknown)}")
    return Taxonomy(skills)


def read_taxonomy_files() -> dict[str, dict[str, object]]:
    """All of knowledge/taxonomy/*.yaml merged; a skill id defined twice is an error."""
    merged: dict[str, dict[str, object]] = {}
    folder = resources.files("knowledge").joinpath("taxonomy")
    for file in sorted((f for f in folder.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name):
        entries = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        clash = merged.keys() & entries.keys()
        if clash:
            raise ValueError(f"{file.name} redefines skills: {sorted(clash)}")
        merged.update(entries)
    return merged


@cache
def load_taxonomy() -> Taxonomy:
    """Load the project's own taxonomy shipped in the knowledge package."""
    return parse_taxonomy(read_taxonomy_files())
