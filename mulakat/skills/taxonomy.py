"""The skill taxonomy (our own, in knowledge/taxonomy.yaml) and a matcher that finds skills in text."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

# Words are maximal runs of these characters, so "Java" is never found inside "JavaScript",
# nor "C" inside "C++" or "C#". Between words of a name only spacing or a joiner may stand.
_WORD = re.compile(r"[A-Za-z0-9_+#]+")
_JOINERS = re.compile(r"\s*[./&'-]?\s*")
_CUES = re.compile(
    r"(?i)\b(programming|programmer|language|languages|developer|developers|development|engineer|engineers|code|"
    r"coding|framework|frameworks|library|libraries|stack|experience|experienced|years|proficien\w*|knowledge|"
    r"familiar\w*|skills|written in|built with|using|tools?|statistic\w*|analytics|scripts?|scripting|modell?ing)\b"
)
_TECH_SUFFIX = re.compile(r"-(?:based|powered|driven|native|first|only|centric)\b")
# Names that are also verbs, and the words that show the verb: "excel at", "excel in" (not the spreadsheet).
_VERB_USE = {"excel": re.compile(r"\s+(?:at|in)\b")}
_TOOL_BEFORE = re.compile(r"(?i)\b(?:in|with|of|using|ms|microsoft)\s+$")
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
    implies: tuple[str, ...] = ()
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
    _starts: set[str] = field(init=False, repr=False)
    _longest: int = field(init=False, repr=False)
    _folded: dict[str, str] = field(init=False, repr=False)
    _exact: dict[str, str] = field(init=False, repr=False)
    _spelling_cache: dict[str, tuple[str, ...]] = field(init=False, repr=False, default_factory=dict)

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
        words = [_WORD.findall(form) for form in (*self._folded, *self._exact)]
        self._starts = {w[0].lower() for w in words if w}
        self._longest = max((len(w) for w in words), default=1)

    def __getitem__(self, skill_id: str) -> Skill:
        return self.skills[skill_id]

    def _lookup(self, surface: str) -> str | None:
        key = _norm(surface)
        found = self._exact.get(key) or self._folded.get(key.lower())
        if found is None and "-" in key:
            # Tag-style names ("amazon-web-services", "google-cloud-platform") spell spaces as hyphens.
            found = self._folded.get(key.replace("-", " ").lower())
        return found

    def mentions(self, text: str, skill_id: str) -> bool:
        """Whether `find` reads this skill in the text. Most texts asked about never spell any of its names, which
        a scan of the text's letters shows ten times faster than reading every name in it."""
        spelled = _spelled(text)
        if not any(form in spelled for form in self._spellings(skill_id)):
            return False
        return any(m.skill == skill_id for m in self.find(text))

    def _spellings(self, skill_id: str) -> tuple[str, ...]:
        known = self._spelling_cache.get(skill_id)
        if known is None:
            skill = self.skills[skill_id]
            known = tuple({_spelled(form) for form in (skill.name, *skill.aliases, *skill.exact)} - {""})
            self._spelling_cache[skill_id] = known
        return known

    def find(self, text: str) -> Iterator[Match]:
        """Skill mentions, leftmost-longest; a name that is also a common word ("Go", "R", "Spring",
        "Swift") counts only in technical context: near another skill, near a cue word such as
        "programming" or "experience", or in a short list-like line."""
        found = list(self._candidates(text))
        for k, m in enumerate(found):
            if _initialism(text, m) or _verb_use(text, m):
                continue
            if self._exact.get(m.surface) is None or self._in_context(text, m, found, k):
                yield m

    def _in_context(self, text: str, m: Match, found: list[Match], k: int) -> bool:
        glued = text[m.end : m.end + 2]
        if len(glued) == 2 and glued[0] in "&-" and glued[1].isalnum() and not _TECH_SUFFIX.match(text, m.end):
            return False  # "R&D", "Go-getter"; but "Go-based" is Go
        line_start = text.rfind("\n", 0, m.start) + 1
        line_end = text.find("\n", m.end)
        line_end = len(text) if line_end == -1 else line_end
        if len(text[line_start:line_end].split()) <= 6:
            return True
        neighbours = [
            o
            for i, o in enumerate(found)
            if i != k
            and self._exact.get(o.surface) is None
            and abs(o.start - m.start) <= 60
            and "\n" not in text[min(o.start, m.start) : max(o.end, m.end)]
        ]
        window = text[max(line_start, m.start - 40) : min(line_end, m.end + 40)]
        return bool(neighbours) or bool(_CUES.search(window))

    def _candidates(self, text: str) -> Iterator[Match]:
        """Non-overlapping name matches, leftmost-longest, with char offsets into text.

        Looks up word n-grams in the name tables (a hash lookup per candidate), so the cost grows
        with the text, not with the size of the taxonomy.
        """
        words = list(_WORD.finditer(text))
        i = 0
        while i < len(words):
            if words[i].group().lower() not in self._starts:
                i += 1
                continue
            start = words[i].start()
            # ".NET": a leading dot belongs to the name when it does not end a previous word.
            starts = (
                [start - 1, start]
                if start and text[start - 1] == "." and not text[start - 2 : start - 1].isalnum()
                else [start]
            )
            best: tuple[str, int, int, int] | None = None
            for j in range(i, min(len(words), i + self._longest)):
                if j > i and not _JOINERS.fullmatch(text, words[j - 1].end(), words[j].start()):
                    break
                for s in starts:
                    skill_id = self._lookup(text[s : words[j].end()])
                    if skill_id is not None:
                        best = (skill_id, s, words[j].end(), j)
                        break
            if best is None:
                i += 1
                continue
            skill_id, s, e, j = best
            yield Match(skill_id, text[s:e], s, e)
            i = j + 1

    def resolve(self, name: str) -> Skill | None:
        """Look a skill up by id, name or alias."""
        if name in self.skills:
            return self.skills[name]
        skill_id = self._lookup(name)
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

    def exercises(self, skill_id: str, prereq: str) -> bool:
        """Whether work with a skill fully exercises one it is built on: a language always (Django work is Python
        work), another kind of skill only within the same category (React Native, mobile, is only part of React)."""
        return self.skills[prereq].category in ("language", self.skills[skill_id].category)

    def implied(self, skill_id: str) -> list[str]:
        """Skills that work with this one shows, nearest first: the broader skills it is a kind of, the ones it is
        built on and fully exercises, and explicit `implies` (Java shows object-oriented programming), followed
        on from each. One built-on step never leads to another: SSIS is built on ETL, and ETL often on Python,
        but SSIS work does not show Python. Umbrella terms are left out: they never stand for a specific skill."""
        found: list[str] = []
        frontier = [(skill_id, False)]
        while frontier:
            nxt = []
            for sid, via_prereq in frontier:
                skill = self.skills[sid]
                built_on = [] if via_prereq else [p for p in self.prerequisites(sid) if self.exercises(sid, p)]
                steps = [(o, via_prereq) for o in (*skill.implies, *([skill.parent] if skill.parent else []))]
                for other, prereq_step in [*steps, *((p, True) for p in built_on)]:
                    if other != skill_id and other not in found and not self.skills[other].umbrella:
                        found.append(other)
                        nxt.append((other, prereq_step))
            frontier = nxt
        return found


def _initialism(text: str, m: Match) -> bool:
    """A one-letter name inside dotted initials: the C of "Washington D.C.", not the language."""
    if len(m.surface) != 1:
        return False
    before, after = text[max(0, m.start - 2) : m.start], text[m.end : m.end + 2]
    return bool(re.fullmatch(r"[A-Za-z]\.", before) or re.fullmatch(r"\.[A-Za-z]", after))


def _verb_use(text: str, m: Match) -> bool:
    """ "You excel at ..." uses the verb; "skilled in Excel in reporting" still names the tool."""
    verb = _VERB_USE.get(m.surface.lower())
    if verb is None or not verb.match(text, m.end):
        return False
    return not _TOOL_BEFORE.search(text, max(0, m.start - 20), m.start)


def _spelled(text: str) -> str:
    """The text's name characters alone, lower case: a name `find` matches, whatever joins its words, is in it."""
    return "".join(_WORD.findall(text.lower()))


def _norm(form: str) -> str:
    return " ".join(form.split())


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
            implies=_as_tuple(entry.get("implies")),
            hours=float(entry.get("hours", 8)),  # type: ignore[arg-type]
            umbrella=bool(entry.get("umbrella", False)),
        )
    unknown = {
        ref for s in skills.values() for ref in (*s.related, *s.prereq, *s.implies, *([s.parent] if s.parent else []))
    } - skills.keys()
    if unknown:
        raise ValueError(f"taxonomy refers to unknown skills: {sorted(unknown)}")
    return Taxonomy(skills)


def read_taxonomy_files() -> dict[str, dict[str, object]]:
    """All of knowledge/taxonomy/*.yaml merged; a skill id defined twice is an error.

    Building Python objects from 350 KB of YAML takes 130 ms of the interpreter's time in every process that
    starts, so the merged result is kept as JSON (4 ms to read) beside the files, as Python keeps bytecode:
    in `__pycache__`, named by a digest of the YAML, and skipped when that folder cannot be written.
    """
    folder = resources.files("knowledge").joinpath("taxonomy")
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)
    texts = {f.name: f.read_text(encoding="utf-8") for f in files}
    digest = hashlib.sha256(json.dumps(texts, sort_keys=True).encode()).hexdigest()[:16]
    compiled = Path(str(folder)) / "__pycache__" / f"taxonomy-{digest}.json"
    try:
        cached: dict[str, dict[str, object]] = json.loads(compiled.read_text(encoding="utf-8"))
        return cached
    except (OSError, ValueError):
        pass  # not written yet, or written by a process that died halfway: read the YAML
    merged: dict[str, dict[str, object]] = {}
    for name, text in texts.items():
        entries = yaml.load(text, Loader=_YAML_LOADER) or {}
        clash = merged.keys() & entries.keys()
        if clash:
            raise ValueError(f"{name} redefines skills: {sorted(clash)}")
        merged.update(entries)
    with contextlib.suppress(OSError):  # a read-only install still works, only slower to start
        compiled.parent.mkdir(exist_ok=True)
        partial = compiled.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(merged), encoding="utf-8")
        os.replace(partial, compiled)
        for stale in compiled.parent.glob("taxonomy-*.json"):
            if stale != compiled:
                stale.unlink(missing_ok=True)  # the YAML was edited since
    return merged


_LOADING = threading.Lock()


def load_taxonomy() -> Taxonomy:
    """Load the project's own taxonomy shipped in the knowledge package, once per process.

    Services load the taxonomy and the taggers (which need it) on two threads at once: without the lock both
    would parse the YAML, each slowing the other under the interpreter lock.
    """
    with _LOADING:
        return _shipped_taxonomy()


@cache
def _shipped_taxonomy() -> Taxonomy:
    return parse_taxonomy(read_taxonomy_files())
