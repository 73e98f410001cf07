"""Read external taxonomies from files the user gives (ESCO, O*NET, GitHub Linguist) to widen coverage.

Nothing here ships their content: each importer reads the user's copy at run time.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import yaml

from mulakat.skills.taxonomy import Skill, Taxonomy, load_taxonomy

# Labels that are ordinary words or would match everywhere if imported as skills.
_TOO_GENERIC = re.compile(r"^(?:.{0,2}|the .*)$")


def _forms(*labels: str) -> list[str]:
    seen: dict[str, str] = {}
    for label in labels:
        label = " ".join(label.split())
        if label and label.lower() not in seen and not _TOO_GENERIC.match(label.lower()):
            seen[label.lower()] = label
    return list(seen.values())


def esco_skills(folder: Path) -> list[Skill]:
    """ESCO skills_en.csv (+ broaderRelationsSkillPillar.csv for parents). Ids are 'esco:<uuid>'."""

    def short(uri: str) -> str:
        return "esco:" + uri.rsplit("/", 1)[-1]

    parents: dict[str, str] = {}
    broader = folder / "broaderRelationsSkillPillar.csv"
    if broader.exists():
        with broader.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                if row["conceptType"] == row["broaderType"] == "KnowledgeSkillCompetence":
                    parents[short(row["conceptUri"])] = short(row["broaderUri"])
    skills: list[Skill] = []
    with (folder / "skills_en.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            sid = short(row["conceptUri"])
            name = row["preferredLabel"].strip()
            aliases = _forms(*row["altLabels"].split("\n"), *row["hiddenLabels"].split("\n"))
            skills.append(
                Skill(
                    id=sid,
                    name=name,
                    category="esco-" + row["skillType"].split("/")[0],
                    aliases=tuple(a for a in aliases if a.lower() != name.lower()),
                    parent=parents.get(sid),
                )
            )
    known = {s.id for s in skills}
    return [s if s.parent in known else replace(s, parent=None) for s in skills]


def onet_technologies(folder: Path) -> list[Skill]:
    """O*NET Technology_Skills.txt: one skill per technology name, categorised by its commodity title."""
    names: dict[str, str] = {}
    with (folder / "Technology_Skills.txt").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            names.setdefault(row["Example"].strip(), row["Commodity Title"].strip())
    skills = []
    for name, category in sorted(names.items()):
        # "Microsoft Excel" is also written "Excel"; O*NET names the vendor first.
        short = re.sub(r"^(?:Microsoft|Oracle|Apache|Amazon|Google|IBM|Adobe|SAP)\s+", "", name)
        aliases = _forms(short) if short != name and len(short) > 3 else []
        skills.append(
            Skill(
                id="onet:" + re.sub(r"\W+", "-", name.lower()).strip("-"),
                name=name,
                category="onet-" + category,
                aliases=tuple(aliases),
            )
        )
    return skills


def linguist_languages(file: Path) -> list[Skill]:
    """GitHub Linguist languages.yml: languages with their aliases and group (parent)."""
    data: dict[str, dict[str, object]] = yaml.safe_load(file.read_text(encoding="utf-8"))

    def lid(name: str) -> str:
        return "linguist:" + re.sub(r"\W+", "-", name.lower()).strip("-")

    skills = []
    for name, entry in data.items():
        listed = entry.get("aliases")
        aliases = [str(a) for a in listed] if isinstance(listed, list) else []
        group = entry.get("group")
        skills.append(
            Skill(
                id=lid(name),
                name=name,
                category="linguist-" + str(entry.get("type", "other")),
                aliases=tuple(_forms(*aliases)),
                parent=lid(str(group)) if group in data else None,
            )
        )
    return skills


def extend(base: Taxonomy, imported: list[Skill]) -> Taxonomy:
    """Add imported skills under our own: a name or alias we already use keeps its meaning.

    An imported skill whose name is one of ours lends its other labels to ours as aliases
    (ESCO's "Python (computer programming)" labels reach our Python); the rest become new skills.
    """
    skills = dict(base.skills)
    extra_aliases: dict[str, list[str]] = defaultdict(list)
    taken = {f.lower() for s in skills.values() for f in (s.name, *s.aliases, *s.exact)}
    for skill in imported:
        ours = base.resolve(skill.name) or next((base.resolve(a) for a in skill.aliases if base.resolve(a)), None)
        fresh = [f for f in (skill.name, *skill.aliases) if f.lower() not in taken]
        taken.update(f.lower() for f in fresh)
        if ours is not None:
            extra_aliases[ours.id] += fresh
        elif fresh and skill.id not in skills:
            skills[skill.id] = replace(
                skill,
                name=fresh[0] if skill.name.lower() in taken and skill.name not in fresh else skill.name,
                aliases=tuple(f for f in fresh if f != skill.name),
            )
    for skill_id, aliases in extra_aliases.items():
        skills[skill_id] = replace(skills[skill_id], aliases=(*skills[skill_id].aliases, *aliases))
    for sid, s in list(skills.items()):
        if s.parent and s.parent not in skills:
            skills[sid] = replace(s, parent=None)
    return Taxonomy(skills)


IMPORTERS = {"esco": esco_skills, "onet": onet_technologies, "linguist": linguist_languages}


def import_all(specs: list[str]) -> list[Skill]:
    """specs like 'esco:/data/esco', 'onet:/data/onet', 'linguist:/data/languages.yml'."""
    skills: list[Skill] = []
    for spec in specs:
        kind, _, path = spec.partition(":")
        if kind not in IMPORTERS or not path:
            raise ValueError(f"taxonomy import must be one of {sorted(IMPORTERS)}:PATH, got {spec!r}")
        skills += IMPORTERS[kind](Path(path))
    return skills


def configured_taxonomy(specs: list[str]) -> Taxonomy:
    """Our taxonomy, widened by the imports the settings name (none by default)."""
    return extend(load_taxonomy(), import_all(specs)) if specs else load_taxonomy()
