"""Loading a recruiter-labelled requirement file and checking it against the documents it quotes.

The format is the one in the recruiter guidelines: `{"labeller", "pairs": [{"cv", "posting",
"requirements": [{"phrase", "name", "kind", "priority", "min_years", "status", "resume_quote", "why"}]}]}`.
A label is only usable if its quotes are exact, so every problem is reported by pair and requirement
before any figure is computed from the file. Also here: where a phrase sits in its posting, and the
one-to-one matching of two requirement lists by overlapping spans, which the agreement and the
accuracy scorers share.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast, get_args

from evals.tables import SuiteError

LABELS_DIR = Path(__file__).resolve().parents[1] / "data" / "recruiter_labels"
LABELLER_A = LABELS_DIR / "labeller-a.json"
LABELLER_B = LABELS_DIR / "labeller-b.json"

Kind = Literal["technical", "domain", "soft", "qualification"]
LabelPriority = Literal["must", "nice"]
LabelStatus = Literal["met", "partial", "missing"]
STATUSES: tuple[LabelStatus, ...] = get_args(LabelStatus)
Span = tuple[int, int]
TextOf = Callable[[str], str]  # a document id to the text the product reads


class LabelError(SuiteError):
    """A labelled file that does not fit its documents or the guidelines; the message lists every problem."""


@dataclass(frozen=True)
class LabelledRequirement:
    phrase: str
    name: str
    kind: Kind
    priority: LabelPriority
    min_years: float | None
    status: LabelStatus
    resume_quote: str
    why: str


@dataclass(frozen=True)
class LabelledPair:
    cv: str
    posting: str
    requirements: tuple[LabelledRequirement, ...]

    @property
    def key(self) -> tuple[str, str]:
        return self.cv, self.posting


@dataclass(frozen=True)
class LabelFile:
    labeller: str
    pairs: tuple[LabelledPair, ...]


def phrase_spans(text: str, phrase: str) -> list[Span]:
    """Every place the phrase occurs: a labeller names one of them, and any may be the one meant."""
    spans, at = [], text.find(phrase) if phrase else -1
    while at != -1:
        spans.append((at, at + len(phrase)))
        at = text.find(phrase, at + 1)
    return spans


def overlap(a: Sequence[Span], b: Sequence[Span]) -> int:
    """The largest number of characters any span of `a` shares with any span of `b`."""
    return max((min(x[1], y[1]) - max(x[0], y[0]) for x in a for y in b), default=0)


def match_one_to_one(left: Sequence[Sequence[Span]], right: Sequence[Sequence[Span]]) -> list[tuple[int, int]]:
    """Pairs (i, j) matched greedily, largest overlap first; each side's item is used at most once."""
    scored = [(overlap(a, b), i, j) for i, a in enumerate(left) for j, b in enumerate(right)]
    used_left, used_right, pairs = set(), set(), []
    for _, i, j in sorted((s for s in scored if s[0] > 0), key=lambda s: (-s[0], s[1], s[2])):
        if i not in used_left and j not in used_right:
            used_left.add(i)
            used_right.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def _choice(value: object, allowed: tuple[str, ...], field: str, problems: list[str]) -> str:
    if value not in allowed:
        problems.append(f"{field} {value!r} is not one of {', '.join(allowed)}")
        return allowed[0]
    return str(value)


def _requirement(raw: dict[str, Any], posting: str, cv: str, problems: list[str]) -> LabelledRequirement:
    """One requirement, its problems appended (without the pair/requirement prefix, which the caller adds)."""
    phrase, quote = raw.get("phrase"), raw.get("resume_quote", "")
    if not isinstance(phrase, str) or not phrase or phrase not in posting:
        problems.append(f"phrase {phrase!r} is not in the posting text")
    if not isinstance(quote, str) or (quote and quote not in cv):
        problems.append(f"resume_quote {quote!r} is not in the CV text")
    status = _choice(raw.get("status"), STATUSES, "status", problems)
    if isinstance(quote, str) and (status == "missing") == bool(quote):
        problems.append(f"status {status} with resume_quote {quote!r}: met/partial need a quote, missing has none")
    years = raw.get("min_years")
    if years is not None and (isinstance(years, bool) or not isinstance(years, int | float) or years < 0):
        problems.append(f"min_years {years!r} is not a non-negative number or null")
    for field in ("name", "why"):
        if not isinstance(raw.get(field), str) or not raw[field].strip():
            problems.append(f"{field} is missing or empty")
    return LabelledRequirement(
        phrase=str(phrase),
        name=str(raw.get("name", "")),
        kind=cast(Kind, _choice(raw.get("kind"), get_args(Kind), "kind", problems)),
        priority=cast(LabelPriority, _choice(raw.get("priority"), get_args(LabelPriority), "priority", problems)),
        min_years=float(years) if isinstance(years, int | float) and not isinstance(years, bool) else None,
        status=cast(LabelStatus, status),
        resume_quote=quote if isinstance(quote, str) else "",
        why=str(raw.get("why", "")),
    )


def _text(text_of: TextOf, doc_id: object, problems: list[str]) -> str:
    try:
        return text_of(str(doc_id))
    except (KeyError, FileNotFoundError):
        problems.append(f"no document {doc_id!r}")
        return ""


def check_labels(raw: dict[str, Any], text_of: TextOf) -> LabelFile:
    """The parsed file, or a LabelError naming each pair and requirement that breaks a rule."""
    problems: list[str] = []
    pairs: list[LabelledPair] = []
    if not isinstance(raw.get("labeller"), str) or not isinstance(raw.get("pairs"), list):
        raise LabelError('a labelled file is {"labeller": "...", "pairs": [...]}')
    seen: set[tuple[object, object]] = set()
    for raw_pair in raw["pairs"]:
        if not isinstance(raw_pair, dict):
            problems.append(f"a pair is not an object: {raw_pair!r}")
            continue
        where = f"pair {raw_pair.get('cv')!r} x {raw_pair.get('posting')!r}"
        pair_problems: list[str] = []
        posting = _text(text_of, raw_pair.get("posting"), pair_problems)
        cv = _text(text_of, raw_pair.get("cv"), pair_problems)
        problems += [f"{where}: {p}" for p in pair_problems]
        if (raw_pair.get("cv"), raw_pair.get("posting")) in seen:
            problems.append(f"{where}: labelled twice in one file")
        seen.add((raw_pair.get("cv"), raw_pair.get("posting")))
        requirements = []
        for n, raw_req in enumerate(raw_pair.get("requirements") or [], start=1):
            if not isinstance(raw_req, dict):
                problems.append(f"{where}, requirement {n}: not an object")
                continue
            req_problems: list[str] = []
            requirements.append(_requirement(raw_req, posting, cv, req_problems))
            label = f"{where}, requirement {n} ({raw_req.get('name') or raw_req.get('phrase')!r})"
            problems += [f"{label}: {p}" for p in req_problems]
        if not requirements:
            problems.append(f"{where}: no requirements")
        pairs.append(LabelledPair(str(raw_pair.get("cv")), str(raw_pair.get("posting")), tuple(requirements)))
    if problems:
        shown = "\n  ".join(problems[:40])
        more = f"\n  ... and {len(problems) - 40} more" if len(problems) > 40 else ""
        raise LabelError(f"{raw['labeller']}: {len(problems)} problems in the labels\n  {shown}{more}")
    return LabelFile(raw["labeller"], tuple(pairs))


def load_labels(path: Path, text_of: TextOf) -> LabelFile:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise LabelError(f"{path.name} is not valid JSON: {exc}") from exc
    if not isinstance(raw, dict):
        raise LabelError(f"{path.name}: expected a JSON object")
    try:
        return check_labels(raw, text_of)
    except LabelError as exc:
        raise LabelError(f"{path.name}: {exc}") from exc
