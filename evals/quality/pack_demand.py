"""`mulakat eval demand`: which skills the job market asks for, and how much of that our own packs cover.

Demand is counted from externally written data only, used as facts (counts), never as text:
- SkillSpan train: every gold skill or knowledge span of the postings;
- O*NET 29.2: technologies flagged "Hot Technology" for the computer occupations (SOC 15-12xx), and the task
  statements of those occupations;
- ESCO 1.1.1: the essential skills of ICT occupations (ISCO 25xx and 35xx), by preferred label.

Each text is linked to our taxonomy with the same `Taxonomy.find` the analysis uses; a mention that links to no
skill is not demand for any pack. Soft skills are left out (they go to the behavioural topic, not to a pack).
Each source is one distribution; the demand mass of a skill is the mean of its shares across the sources, so the
4,000 O*NET rows do not drown the postings. A skill's demand is covered only by a pack of that very skill.
"""

from __future__ import annotations

import csv
import gzip
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from mulakat.skills.taxonomy import Taxonomy

NOT_TECHNICAL = frozenset({"soft"})
ICT_ISCO = ("25", "35")
COMPUTER_SOC = "15-12"


def _spans(tokens: list[str], tags: list[str]) -> Iterator[str]:
    words: list[str] = []
    for token, tag in zip(tokens, tags, strict=True):
        if tag.startswith("B") or (tag.startswith("I") and not words):
            if words:
                yield " ".join(words)
            words = [token]
        elif tag.startswith("I"):
            words.append(token)
        else:
            if words:
                yield " ".join(words)
            words = []
    if words:
        yield " ".join(words)


def skillspan_texts(train: Path) -> Iterator[str]:
    for line in train.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        for layer in ("tags_skill", "tags_knowledge"):
            yield from _spans(row["tokens"], row[layer])


def _tsv(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle, delimiter="\t")


def onet_hot_technologies(onet: Path) -> Iterator[str]:
    for row in _tsv(onet / "Technology_Skills.txt"):
        if row["O*NET-SOC Code"].startswith(COMPUTER_SOC) and row["Hot Technology"] == "Y":
            yield row["Example"]


def onet_tasks(onet: Path) -> Iterator[str]:
    for row in _tsv(onet / "Task_Statements.txt"):
        if row["O*NET-SOC Code"].startswith(COMPUTER_SOC):
            yield row["Task"]


def esco_essential_ict(esco: Path) -> Iterator[str]:
    with (esco / "occupations_en.csv").open(encoding="utf-8", newline="") as handle:
        ict = {r["conceptUri"] for r in csv.DictReader(handle) if r["iscoGroup"].startswith(ICT_ISCO)}
    with (esco / "skills_en.csv").open(encoding="utf-8", newline="") as handle:
        label = {r["conceptUri"]: r["preferredLabel"] for r in csv.DictReader(handle)}
    with gzip.open(esco / "occupationSkillRelations.csv.gz", "rt", encoding="utf-8", newline="") as handle:
        for r in csv.DictReader(handle):
            if r["occupationUri"] in ict and r["relationType"] == "essential" and r["skillUri"] in label:
                yield label[r["skillUri"]]


@dataclass(frozen=True)
class SourceCounts:
    name: str
    texts: int
    mentions: int  # linked technical mentions
    by_skill: Counter[str]


def count_source(name: str, texts: Iterable[str], taxonomy: Taxonomy) -> SourceCounts:
    by_skill: Counter[str] = Counter()
    n = 0
    for text in texts:
        n += 1
        for match in taxonomy.find(text):
            if taxonomy[match.skill].category not in NOT_TECHNICAL and not taxonomy[match.skill].umbrella:
                by_skill[match.skill] += 1
    return SourceCounts(name, n, sum(by_skill.values()), by_skill)


def demand_mass(sources: list[SourceCounts]) -> dict[str, float]:
    """Each skill's mean share of linked technical mentions over the sources that found any; sums to 1."""
    used = [s for s in sources if s.mentions]
    mass: dict[str, float] = {}
    for source in used:
        for skill, count in source.by_skill.items():
            mass[skill] = mass.get(skill, 0.0) + count / source.mentions / len(used)
    return dict(sorted(mass.items(), key=lambda kv: (-kv[1], kv[0])))


def coverage(mass: dict[str, float], packed: set[str]) -> float:
    return sum(share for skill, share in mass.items() if skill in packed)


def coverage_curve(mass: dict[str, float], packed: set[str], steps: Iterable[int]) -> list[tuple[int, float, float]]:
    """(n, share covered by our packs among the n most demanded skills, share the n most demanded hold)."""
    ranked = list(mass)
    return [(n, sum(mass[s] for s in ranked[:n] if s in packed), sum(mass[s] for s in ranked[:n])) for n in steps]


def count_all(data: Path, taxonomy_dir: Path, taxonomy: Taxonomy) -> list[SourceCounts]:
    onet, esco = taxonomy_dir / "onet_29_2", taxonomy_dir / "esco_v1_1_1"
    return [
        count_source("SkillSpan train spans", skillspan_texts(data / "skillspan" / "train.json"), taxonomy),
        count_source("O*NET hot technologies (15-12xx)", onet_hot_technologies(onet), taxonomy),
        count_source("O*NET task statements (15-12xx)", onet_tasks(onet), taxonomy),
        count_source("ESCO essential skills (ISCO 25, 35)", esco_essential_ict(esco), taxonomy),
    ]


CURVE_STEPS = (10, 25, 50, 100, 150, 200, 300)
TOP_MISSING = 15


def demand_rows(
    sources: list[SourceCounts], packed: set[str], name_of: dict[str, str]
) -> tuple[list[list[str]], list[list[str]], list[list[str]]]:
    """Three tables: per source, the coverage curve, and the most demanded skills with no pack of their own."""
    mass = demand_mass(sources)
    per_source = [
        [s.name, str(s.texts), str(s.mentions), str(len(s.by_skill)), f"{coverage(_shares(s), packed):.3f}"]
        for s in sources
    ]
    per_source.append(["all (mean of the shares)", "", "", str(len(mass)), f"{coverage(mass, packed):.3f}"])
    curve = [
        [str(n), str(sum(1 for s in list(mass)[:n] if s in packed)), f"{held:.3f}", f"{covered:.3f}"]
        for n, covered, held in coverage_curve(mass, packed, CURVE_STEPS)
    ]
    missing = [[skill, name_of[skill], f"{share:.4f}"] for skill, share in mass.items() if skill not in packed]
    return per_source, curve, missing[:TOP_MISSING]


def _shares(source: SourceCounts) -> dict[str, float]:
    return {skill: count / source.mentions for skill, count in source.by_skill.items()} if source.mentions else {}
