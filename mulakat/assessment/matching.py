"""Match each job requirement against the candidate's skills, with credit and a reason a person can check."""

from __future__ import annotations

import re
from dataclasses import dataclass

from mulakat.models import CandidateSkill, Evidence, JobRequirement, ParsedDocument, RequirementResult, Status
from mulakat.skills.degrees import DegreeAsked, degree_of_requirement, degrees_held, judge_degree
from mulakat.skills.signals import clause_span
from mulakat.skills.taxonomy import Skill, Taxonomy

# Credit by kind of match. A related skill transfers some knowledge, never all of it.
CHILD_CREDIT = 0.9  # resume shows GitHub Actions, posting asks for CI/CD
PARENT_CREDIT = 0.5  # resume shows Kubernetes, posting asks for EKS
BUILT_ON_CREDIT = 0.9  # resume shows PostgreSQL or Django work, posting asks for SQL or Python
IMPLIED_CREDIT = 0.9  # the resume does not name the skill, but its work shows it (Java for OOP); as above
BUILT_ON_ELSEWHERE_CREDIT = 0.5  # React Native (mobile) exercises React, but not its web side
RELATED_CREDIT = 0.35  # resume shows Docker, posting asks for Kubernetes (see _credits_in_part)
SEMANTIC_CREDIT = 0.25  # no taxonomy link, but a resume passage is about the same thing
SEMANTIC_MET_CREDIT = 0.9  # a need the taxonomy cannot place, and a resume passage says the same thing
# Cosine (all-MiniLM-L6-v2) above which the resume passage closest to a requirement counts as related evidence.
SEMANTIC_AT = 0.6
# Cosine (all-MiniLM-L6-v2) of a free-text need to a resume passage at which it reads as the same thing.
FREE_TEXT_MET_AT = 0.75
# A soft skill is rarely named on a resume; a recruiter reads it from the work described. Cosine at which the
# closest passage shows it, chosen on the tuning half of the recruiter-labelled set (mulakat eval recruiter).
SOFT_SHOWN_AT = 0.3
SOFT_SHOWN_CREDIT = 0.9
LISTED_ONLY_YEARS_CREDIT = 0.6  # years asked, skill only listed without a dated role
# Named only in a skills list, shown in no role or project: partly shown, as the recruiter guidelines read it.
LISTED_ONLY_CREDIT = 0.6
MET_AT = 0.9


@dataclass(frozen=True)
class SemanticHit:
    """A resume passage that the vector store found close to a requirement."""

    similarity: float
    start: int
    end: int


def semantic_query(req: JobRequirement) -> str:
    """What to search the resume for: a phrase the taxonomy cannot place as itself, a known skill by its clause."""
    return req.name if req.skill is None else req.text


def semantic_floor(req: JobRequirement) -> float:
    """The cosine a resume passage needs to count as evidence for this requirement at all."""
    return SOFT_SHOWN_AT if req.kind == "soft" else SEMANTIC_AT


def status_for(credit: float) -> Status:
    return "met" if credit >= MET_AT else "partial" if credit > 0 else "missing"


def _resume_evidence(resume: ParsedDocument, skill: CandidateSkill, limit: int = 2) -> list[Evidence]:
    # Prefer mentions in Experience: they carry dates and context; a Skills list is a claim. A line that
    # states the years the credit rests on comes first.
    ranked = sorted(skill.mentions, key=lambda m: (m != skill.years_claim, m.section != "experience", m.start))
    spans = dict.fromkeys(clause_span(resume.text, m.start, m.end) for m in ranked)  # dedupe, keep order
    return [resume.evidence(start, end) for start, end in list(spans)[:limit]]


def _years_note(skill: CandidateSkill) -> str:
    return f"{skill.years:g} years" if skill.years is not None else "no dated role"


def _names(ids: list[str], taxonomy: Taxonomy) -> str:
    names = [taxonomy[i].name for i in ids]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _years_source(skill: CandidateSkill, taxonomy: Taxonomy) -> str:
    """Where the years of a named skill come from when not only from its own dated roles."""
    if skill.years_claim is not None:
        return ", as the summary states" if skill.years_claim.section == "summary" else ", as the resume states"
    return f", counting the work with {_names(skill.implied_by, taxonomy)}" if skill.implied_by else ""


def _implied_credit(req: JobRequirement, wanted: Skill, held: CandidateSkill, taxonomy: Taxonomy) -> tuple[float, str]:
    """A skill the resume does not name but whose work it shows: met with less confidence, years still count."""
    first = held.implied_by[0]
    if wanted.id in taxonomy.ancestors(first):
        why = f"{taxonomy[first].name} is a kind of {wanted.name}"
    elif wanted.id in taxonomy.prerequisites(first):
        why = f"{taxonomy[first].name} is built on {wanted.name}, so the work shows it"
    else:
        why = f"{taxonomy[first].name} work shows {wanted.name}"
    names = _names(held.implied_by, taxonomy)
    shown = f"{held.years:g} years of {names}" if held.years is not None else f"{names}, in no dated role"
    return _short_of_years(req, IMPLIED_CREDIT, f"{wanted.name} is shown by {shown}; {why}.", held)


def match_requirement(
    req: JobRequirement,
    skills: dict[str, CandidateSkill],
    resume: ParsedDocument,
    taxonomy: Taxonomy,
    semantic: SemanticHit | None = None,
) -> RequirementResult:
    """Grade one requirement: exact/alias, child, parent, related, then semantic evidence.

    A requirement the taxonomy has no skill for is met by its own phrase on the resume, else by the semantic hit.
    """
    shown: CandidateSkill | SemanticHit | None
    # "BSc in Computer Science": a degree is judged by level and field, whichever piece of it was tagged.
    degree = degree_of_requirement(req.name, req.text) if req.kind == "qualification" else None
    if degree is not None:
        name = req.name
        credit, reason, shown = _degree_match(degree, resume)
    elif req.skill is None:
        name = req.name
        credit, reason, shown = _free_match(req, resume, semantic)
        example = _example_shown(req, skills, taxonomy)
        if example is not None and example[0] > credit:
            credit, reason, shown = example
    else:
        name = taxonomy[req.skill].name
        credit, reason, shown = _best_match(req, req.skill, skills, taxonomy, semantic)
    soft_shown = req.kind == "soft" and semantic is not None and semantic.similarity >= SOFT_SHOWN_AT
    if soft_shown and semantic is not None and credit < SOFT_SHOWN_CREDIT:
        credit, shown = SOFT_SHOWN_CREDIT, semantic
        reason = (
            f"{name} is a soft skill, read from the work the resume describes: the closest passage "
            f"(similarity {semantic.similarity:.2f}) shows it in practice; check it."
        )
    evidence: list[Evidence] = [req.evidence]
    if isinstance(shown, CandidateSkill):
        evidence += _resume_evidence(resume, shown)
    elif shown is not None:
        evidence.append(resume.evidence(shown.start, shown.end))
    return RequirementResult(
        id=req.id,
        text=req.text,
        skill=name,
        priority=req.priority,
        status=status_for(credit),
        credit=credit,
        reason=reason,
        evidence=evidence,
        group=req.group,
        kind=req.kind,
        mention=req.mention,
        skill_id=req.skill,
    )


DEGREE_CREDIT = {"met": 1.0, "partial": 0.5, "missing": 0.0}


def _degree_match(asked: DegreeAsked, resume: ParsedDocument) -> tuple[float, str, SemanticHit | None]:
    """A degree requirement read by level and field, quoting the resume's degree line."""
    status, held, reason = judge_degree(asked, degrees_held(resume))
    shown = SemanticHit(1.0, held.start, held.end) if held is not None and status != "missing" else None
    return DEGREE_CREDIT[status], reason, shown


def _example_shown(
    req: JobRequirement, skills: dict[str, CandidateSkill], taxonomy: Taxonomy
) -> tuple[float, str, CandidateSkill] | None:
    """A need in the posting's own words whose named examples ("big data tools ( ETL )") the resume shows."""
    held = [skills[e] for e in req.examples if e in skills]
    if not held:
        return None
    best = _most_years(held)
    credit, reason = _held_credit(req, best.name, best, _years_source(best, taxonomy))
    return credit, f'{reason} The posting names it as an example of "{req.name}".', best


def phrase_on_resume(phrase: str, resume: ParsedDocument) -> tuple[int, int] | None:
    """Where the resume says the phrase itself, any case and spacing, as whole words; the first place."""
    words = re.findall(r"[\w+#]+", phrase)
    if not words:
        return None
    pattern = r"(?<![\w+#])" + r"[\W_]{0,3}".join(re.escape(w) for w in words) + r"(?![\w+#])"
    found = re.search(pattern, resume.text, flags=re.IGNORECASE)
    return (found.start(), found.end()) if found else None


def _free_match(
    req: JobRequirement, resume: ParsedDocument, semantic: SemanticHit | None
) -> tuple[float, str, SemanticHit | None]:
    """A need the taxonomy cannot place: the same phrase on the resume, else a passage close in meaning.

    Either way the resume span is quoted; no quote, no credit.
    """
    place = phrase_on_resume(req.name, resume)
    if place is not None:
        left, right = clause_span(resume.text, *place)
        shown = SemanticHit(1.0, left, right)
        if req.min_years:
            return (
                LISTED_ONLY_YEARS_CREDIT,
                f'The resume names "{req.name}"; {req.min_years:g}+ years asked, which it does not date.',
                shown,
            )
        return 1.0, f'The resume names "{req.name}".', shown
    if semantic is not None:
        credit = SEMANTIC_MET_CREDIT if semantic.similarity >= FREE_TEXT_MET_AT else SEMANTIC_CREDIT
        close = "says the same" if credit >= MET_AT else "reads as related"
        return (
            credit,
            f'A resume passage {close} as "{req.name}" (similarity {semantic.similarity:.2f}); check it.',
            semantic,
        )
    return 0.0, f'Nothing on the resume says "{req.name}" or something close to it.', None


@dataclass(frozen=True)
class _Linked:
    """Resume skills linked to a wanted one in the taxonomy, umbrella skills left out."""

    children: list[CandidateSkill]
    parents: list[CandidateSkill]
    built_on: list[CandidateSkill]
    """Skills whose prerequisite the wanted skill is: working with them shows it, as far as the dated work goes."""
    related: list[CandidateSkill]


def _linked(skill_id: str, skills: dict[str, CandidateSkill], taxonomy: Taxonomy) -> _Linked:
    wanted = taxonomy[skill_id]
    return _Linked(
        children=[s for sid, s in skills.items() if skill_id in taxonomy.ancestors(sid) and not taxonomy[sid].umbrella],
        parents=[skills[p] for p in taxonomy.ancestors(skill_id) if p in skills and not taxonomy[p].umbrella],
        built_on=[
            s for sid, s in skills.items() if skill_id in taxonomy.prerequisites(sid) and not taxonomy[sid].umbrella
        ],
        related=[
            skills[r]
            for r in dict.fromkeys((*wanted.related, *(sid for sid in skills if skill_id in taxonomy[sid].related)))
            if r in skills and not taxonomy[r].umbrella and _credits_in_part(wanted, taxonomy[r])
        ],
    )


def _credits_in_part(wanted: Skill, other: Skill) -> bool:
    """Whether a related skill on the resume is evidence a recruiter credits in part: a sibling technology (same
    parent: PostgreSQL for MySQL), or a skill the wanted one names as related within its own family (Docker for
    Kubernetes). A link from another family is not (HTTP for REST APIs, Groovy for Jenkins): recruiters' labels
    call those missing."""
    if wanted.parent is not None and other.parent == wanted.parent:
        return True
    return other.id in wanted.related and other.category == wanted.category


def _most_years(candidates: list[CandidateSkill]) -> CandidateSkill:
    return max(candidates, key=lambda s: s.years or 0)


def _scaled_for_years(credit: float, years: float | None, min_years: float) -> float:
    """Credit for a skill shown for fewer years than asked: in proportion to the years shown, never below half."""
    return round(credit * max(0.5, (years or 0) / min_years), 2)


def _short_of_years(req: JobRequirement, credit: float, reason: str, best: CandidateSkill) -> tuple[float, str]:
    """A linked skill's credit and reason, scaled down when it is shown for fewer years than asked."""
    if req.min_years and (best.years or 0) < req.min_years:
        credit = _scaled_for_years(credit, best.years, req.min_years)
        reason += f" {req.min_years:g}+ years asked; the resume shows {_years_note(best)} of {best.name}."
    return credit, reason


def listed_only(held: CandidateSkill) -> bool:
    """Named only in a skills list: no role, project or summary line shows it in use."""
    return held.years is None and not held.implied and all(m.section == "skills" for m in held.mentions)


def _held_credit(req: JobRequirement, name: str, held: CandidateSkill, source: str = "") -> tuple[float, str]:
    """Credit for the skill itself on the resume, less when the years asked are not shown."""
    reason = f"The resume shows {name} ({_years_note(held)}{source})."
    if listed_only(held):
        return LISTED_ONLY_CREDIT, (
            f"The resume lists {name} among its skills, but no role or project shows it in use; a recruiter "
            "reads that as partly shown."
        )
    if not req.min_years:
        return 1.0, reason
    if held.years is None:
        return LISTED_ONLY_YEARS_CREDIT, (
            f"{req.min_years:g}+ years of {name} asked; the resume lists it but no dated role "
            "mentions it, so the years cannot be checked."
        )
    if held.years < req.min_years:
        reason = f"{req.min_years:g}+ years of {name} asked; the resume shows {held.years:g}."
        return _scaled_for_years(1.0, held.years, req.min_years), reason
    return 1.0, reason


def _best_match(
    req: JobRequirement,
    skill_id: str,
    skills: dict[str, CandidateSkill],
    taxonomy: Taxonomy,
    semantic: SemanticHit | None,
) -> tuple[float, str, CandidateSkill | SemanticHit | None]:
    """The closest match the resume offers, its credit and reason, and what on the resume shows it."""
    wanted = taxonomy[skill_id]
    # Links lead only from skills the resume names: an implied skill is already second-hand evidence.
    linked = _linked(skill_id, {sid: s for sid, s in skills.items() if not s.implied}, taxonomy)
    held = skills.get(skill_id)
    if held is not None and held.implied and held.implied_by:
        return (*_implied_credit(req, wanted, held, taxonomy), held)
    if held is not None and not (wanted.umbrella and linked.children):
        return (*_held_credit(req, wanted.name, held, _years_source(held, taxonomy)), held)
    if linked.children:
        best = _most_years(linked.children)
        credit = 1.0 if wanted.umbrella else CHILD_CREDIT
        return (*_short_of_years(req, credit, f"{best.name} on the resume is a kind of {wanted.name}.", best), best)
    if linked.built_on:
        best = _most_years(linked.built_on)
        # A language is fully exercised by what is built on it; a skill of another kind only partly.
        full = taxonomy.exercises(best.skill, skill_id)
        reason = (
            f"{best.name} on the resume is built on {wanted.name}, so the work shows it."
            if full
            else f"{best.name} on the resume is built on {wanted.name}, but exercises only part of it."
        )
        return (*_short_of_years(req, BUILT_ON_CREDIT if full else BUILT_ON_ELSEWHERE_CREDIT, reason, best), best)
    if linked.parents:
        best = linked.parents[0]
        return (
            PARENT_CREDIT,
            f"The resume shows {best.name}, the broader skill; {wanted.name} itself is not mentioned.",
            best,
        )
    if linked.related:
        best = _most_years(linked.related)
        return (
            RELATED_CREDIT,
            f"{wanted.name} is not on the resume; the related {best.name} is ({_years_note(best)}).",
            best,
        )
    if semantic is not None:
        reason = (
            f"{wanted.name} is not named, but a resume passage reads as related "
            f"(similarity {semantic.similarity:.2f}); check it."
        )
        return SEMANTIC_CREDIT, reason, semantic
    return 0.0, f"No mention of {wanted.name} or a related skill was found in the resume.", None
