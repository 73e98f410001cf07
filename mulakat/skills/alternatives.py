"""Alternatives in a posting: "PHP, Python or Go", "MariaDB or PostgreSQL", "Terraform or a similar tool",
"one of Java, Kotlin", "a framework such as React, Vue". A recruiter reads such a list as one requirement that
any member meets, so its members share a group id."""

from __future__ import annotations

import re
from collections.abc import Sequence

from mulakat.skills.taxonomy import Match

# What may stand between two members of a list; an "or" link makes the list a choice.
_OR_LINK = re.compile(
    r"(?i)\s*,?\s*(?:or|and/or|or (?:an?\s+)?(?:similar|equivalent|comparable|other|another)(?:\s+\w+)?)\s+"
)
_LIST_LINK = re.compile(r"\s*[,;]?\s*")
_AND_LINK = re.compile(r"(?i)\s*,?\s*and\s+")
# "Python or similar", "Terraform or an equivalent tool": one named member and an open choice.
_OR_SIMILAR = re.compile(r"(?i)\s*,?\s*or\s+(?:an?\s+)?(?:similar|equivalent|comparable|other|another)\b")
# Words that open a list of examples or choices: any one member will do.
_CHOICE_CUE = re.compile(
    r"(?i)\b(?:one of|any of|either|such as|e\.?\s?g\s?\.?|like)\b[\s:,(]*(?:the following:?\s*)?$"
)
_CUE_REACH = 40


def _chains(text: str, found: Sequence[tuple[int, Match]]) -> list[list[tuple[int, Match, str]]]:
    """Runs of adjacent mentions in one clause, each with the kind of link before it (or/list/and)."""
    chains: list[list[tuple[int, Match, str]]] = []
    for i, m in found:
        if chains:
            prev = chains[-1][-1][1]
            between = text[prev.end : m.start]
            link = (
                "or"
                if _OR_LINK.fullmatch(between)
                else "list"
                if _LIST_LINK.fullmatch(between)
                else "and"
                if _AND_LINK.fullmatch(between)
                else None
            )
            if link is not None:
                chains[-1].append((i, m, link))
                continue
        chains.append([(i, m, "start")])
    return chains


def _split_at_and(chain: list[tuple[int, Match, str]]) -> list[list[tuple[int, Match, str]]]:
    """Without a choice cue, "and" joins requirements: "Docker and Python or Go" is Docker, then a choice."""
    parts: list[list[tuple[int, Match, str]]] = [[]]
    for item in chain:
        if item[2] == "and":
            parts.append([])
        parts[-1].append(item)
    return parts


def alternative_groups(text: str, clause: tuple[int, int], found: Sequence[tuple[int, Match]]) -> dict[int, str]:
    """Group ids for the mentions (index, match) of one clause that are alternatives to each other.

    The id names the members' skills ("alt-mariadb-postgresql"), so it is the same on every run.
    """
    groups: dict[int, str] = {}
    for chain in _chains(text, sorted(found, key=lambda f: f[1].start)):
        first = chain[0][1]
        cued = bool(_CHOICE_CUE.search(text, max(clause[0], first.start - _CUE_REACH), first.start))
        for part in [chain] if cued else _split_at_and(chain):
            last = part[-1][1]
            has_or = any(link == "or" for _, _, link in part[1:]) or bool(_OR_SIMILAR.match(text, last.end))
            if not (has_or or (cued and len(part) > 1)):
                continue
            skills = list(dict.fromkeys(m.skill for _, m, _ in part))
            group = "alt-" + "-".join(skills)
            groups.update({i: group for i, _, _ in part})
    return groups
