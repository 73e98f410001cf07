"""Knowledge packs (our own writing): topic breakdowns, key points and practice questions per skill."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, Field

# libyaml's loader reads the packs three times faster, which every process that opens the services pays.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Subtopic(BaseModel):
    name: str
    key_points: list[str] = Field(default_factory=list)


class Question(BaseModel):
    text: str
    kind: Literal["technical", "design", "behavioral", "coding"] = "technical"
    difficulty: int = Field(ge=1, le=3)
    subtopic: str | None = None
    rubric: list[str] = Field(min_length=1)


class Reference(BaseModel):
    """Where a reader can check a pack's facts: the official documentation, a standard or a textbook."""

    title: str
    url: str


class KnowledgePack(BaseModel):
    skill: str
    title: str
    summary: str
    subtopics: list[Subtopic]
    questions: list[Question] = Field(default_factory=list)
    sources: list[Reference] = Field(default_factory=list)

    @property
    def source(self) -> str:
        return f"mulakat:knowledge/packs/{self.skill}.yaml"


class _PackDumper(yaml.SafeDumper):
    """Lists indented under their key and long text folded, as the shipped pack files are written."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=">" if len(value) > 100 else None)


_PackDumper.add_representer(str, _text)


def pack_yaml(pack: KnowledgePack) -> str:
    """The pack as a file for knowledge/packs/, in the field order the shipped files use."""
    return yaml.dump(pack.model_dump(mode="json"), Dumper=_PackDumper, sort_keys=False, allow_unicode=True, width=110)


def _legacy_notes() -> list[KnowledgePack]:
    """topics.yaml: short notes (no key points or questions) for skills without a full pack yet."""
    raw = yaml.load(
        resources.files("knowledge").joinpath("topics.yaml").read_text(encoding="utf-8"), Loader=_YAML_LOADER
    )
    return [
        KnowledgePack(
            skill=e["skill"],
            title=e["title"],
            summary=e["summary"],
            subtopics=[Subtopic(name=s) for s in e["subtopics"]],
        )
        for e in raw
    ]


@cache
def _rubrics() -> dict[str, tuple[str, ...]]:
    return {q.text: tuple(q.rubric) for pack in load_packs().values() for q in pack.questions}


def rubric_of(question_text: str) -> list[str]:
    """The rubric of a shipped question, by its text (benchmarks and tests write good answers from it)."""
    try:
        return list(_rubrics()[question_text])
    except KeyError:
        raise KeyError(f"no shipped question reads {question_text!r}") from None


def pack_files() -> dict[str, KnowledgePack]:
    """The full packs by file name (without .yaml), in name order."""
    folder = resources.files("knowledge").joinpath("packs")
    return {
        file.name.removesuffix(".yaml"): KnowledgePack.model_validate(
            yaml.load(file.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
        )
        for file in sorted((f for f in folder.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)
    }


def load_packs() -> dict[str, KnowledgePack]:
    """Every shipped pack by skill id; a full pack replaces the short note for the same skill."""
    packs = {p.skill: p for p in _legacy_notes()}
    packs.update({pack.skill: pack for pack in pack_files().values()})
    return packs
