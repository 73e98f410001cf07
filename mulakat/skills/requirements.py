"""Requirements of a job posting: every phrase that states a need of the candidate, each with where it is said.

Mentions come from two readers: the taxonomy (a known skill named anywhere) and the posting taggers (CRFs
trained on SkillSpan, both the skill and the knowledge layer), which also find needs our taxonomy has no
name for ("JAXB", "manage multiple tasks"). A line decides, not only its heading: lines about the company,
the offer, pay, location, the process or equal opportunity give none (see boilerplate). The analyzer node
and `mulakat extract` both call `extract_requirements`, so their requirement ids are the same.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from mulakat.models import JobRequirement, Mention, ParsedDocument, Priority, RequirementKind
from mulakat.skills.alternatives import alternative_groups
from mulakat.skills.boilerplate import NEED, in_listing_field, no_need_around
from mulakat.skills.degrees import is_degree_field
from mulakat.skills.signals import MIN_YEARS, NICE_CUES, clause_span, job_title, level_cue
from mulakat.skills.tagger import SkillTagger, TaggedSpan
from mulakat.skills.taxonomy import Match, Taxonomy

IGNORED_JOB_SECTIONS = ("benefits",)
LISTED_NEEDS = ("requirements", "nice_to_have")
SHORT_ITEM_WORDS = 6
# A tagged phrase states a requirement when its tokens' mean inside-probability reaches this. The taggers'
# own threshold (0.3, for their span F1) lets in more than a requirement list should; the value was chosen on
# the even-numbered half of SkillSpan dev postings (sorted ids) and is reported on the other half too.
MIN_CONFIDENCE = 0.4
_SECTION_RANK = {"requirements": 0, "nice_to_have": 1, "responsibilities": 2}
# A phrase made only of these words names no need ("Technical skills", "relevant experience").
_EMPTY_WORDS = frozenset(
    (
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "in",
        "with",
        "for",
        "to",
        "on",
        "at",
        "as",
        "good",
        "great",
        "strong",
        "solid",
        "excellent",
        "relevant",
        "related",
        "technical",
        "skill",
        "skills",
        "experience",
        "experiences",
        "knowledge",
        "ability",
        "abilities",
        "understanding",
        "proven",
        "professional",
        "demonstrated",
        "hands-on",
        "working",
        "work",
        "some",
        "basic",
        "general",
        "other",
        "various",
        "etc",
        "required",
        "requirements",
        "plus",
        "bonus",
        "ideally",
        "preferably",
        "level",
        "advanced",
    )
)
# Leading words of a tagged phrase that qualify the need rather than name it ("strong knowledge of Kafka").
_LEAD = re.compile(
    r"(?i)^(?:(?:very|good|great|strong|solid|excellent|deep|proven|demonstrated|extensive|advanced|basic|"
    r"some|working|hands-on|practical|professional|relevant|previous|prior|in-depth|thorough)\s+)*"
    r"(?:(?:knowledge|experience|understanding|expertise|familiarity|proficiency|background|skills?)\s+"
    r"(?:of|in|with|using|on|for)\s+)?"
)
_SOFT = re.compile(
    r"(?i)\b(communicat\w*|team\s?(?:work|player|spirit|oriented)|collaborat\w*|interpersonal|motivat\w*|"
    r"self[- ]\w+|proactive|pro-active|independen\w*|autonom\w*|analytical|problem[- ]solv\w*|flexib\w*|"
    r"adaptab\w*|enthusias\w*|passion\w*|eager\w*|curio\w*|determined|driven|organi[sz]ation(?:al)?|organi[sz]ed|"
    r"structured|attention to detail|detail[- ]oriented|responsib\w*|ownership|initiative|creativ\w*|"
    r"leadership|mentor\w*|empath\w*|customer[- ](?:focus\w*|orient\w*)|service[- ]minded|positive|open[- ]mind\w*|"
    r"mindset|attitude|resilien\w*|stress|prioriti[sz]\w*|multi-?task\w*|manage multiple|time management|"
    r"present\w*|share ideas|interact\w*|stakeholder\w*|negotiat\w*|persua\w*|conflict|reliab\w*|"
    r"solution[- ]oriented|result[s]?[- ]oriented|quality[- ]conscious|dedicat\w*|commit\w*|hard[- ]working|"
    r"cooperat\w*|helpful|friendly|humble|pragmati\w*|thinking)\b"
)
_QUALIFICATION = re.compile(
    r"(?i)\b(degree|diploma|bachelor\w*|master\w*|ph\.?\s?d|doctora\w*|msc|bsc|m\.sc|b\.sc|certif\w*|licen[cs]e\w*|"
    r"clearance|graduate|education|english|german|french|danish|spanish|dutch|swedish|norwegian|italian|"
    r"polish|russian|hebrew|language skills|native speaker|fluent|mother tongue|driving)\b"
)
# Words that make a phrase technical when no taxonomy skill is in it.
_TECHNICAL = re.compile(
    r"(?i)\b(software|code|coding|program\w*|develop\w*|debug\w*|deploy\w*|test\w*|automat\w*|api\w*|"
    r"database\w*|server\w*|cloud|network\w*|system\w*|architect\w*|infrastructure|platform\w*|framework\w*|"
    r"algorithm\w*|data|scripting|linux|web|backend|frontend|devops|security|protocol\w*|embedded|firmware|"
    r"hardware|integration|microservice\w*|pipeline\w*|technolog\w*|it|ict|tools?)\b"
)


@dataclass(frozen=True)
class _Found:
    """One place the posting names a need: a taxonomy skill, or a tagged phrase no taxonomy skill is in."""

    start: int
    end: int
    key: str  # the skill id, or the phrase's slug
    skill: str | None
    name: str
    kind: RequirementKind
    hit: Match  # for alternative groups; a free phrase stands as a match of its own slug
    passed_over: bool
    """A known skill the taggers did not mark: they see the taxonomy's marks and learnt when a known name is a
    need in context, so one they passed over counts only where a list or a sentence asks for it (_listed_need)."""


@dataclass(frozen=True)
class _Hit:
    found: _Found
    priority: Priority
    years: float | None
    section: str
    clause: tuple[int, int]
    group: str | None


def cleaned_phrase(text: str) -> str:
    """A tagged phrase as a requirement's name: one line, qualifying words and edge punctuation dropped."""
    phrase = " ".join(text.split()).strip(" .,;:!?-–—()[]'\"•*")
    rest = _LEAD.sub("", phrase)
    return rest if rest else phrase


def _slug(phrase: str) -> str:
    return re.sub(r"[^a-z0-9+#]+", "-", phrase.lower()).strip("-")[:60].strip("-")


def names_a_need(phrase: str) -> bool:
    words = re.findall(r"[\w+#.-]+", phrase.lower())
    return any(w not in _EMPTY_WORDS for w in words) and any(c.isalpha() for c in phrase)


def free_kind(phrase: str, layer: str) -> RequirementKind:
    """The kind of a phrase no taxonomy skill is in, read from its words and its tagger layer."""
    if _QUALIFICATION.search(phrase):
        return "qualification"
    if _SOFT.search(phrase):
        return "soft"
    if _TECHNICAL.search(phrase) or any(c.isdigit() for c in phrase):
        return "technical"
    # "JAXB", "Oracle": a short capitalised name in the knowledge layer names a tool or product.
    named = phrase[:1].isupper() and len(phrase.split()) <= 3
    return "technical" if layer == "knowledge" and named else "domain"


def skill_kind(taxonomy: Taxonomy, skill_id: str) -> RequirementKind:
    category = taxonomy[skill_id].category
    return "soft" if category == "soft" else "domain" if category == "domain" else "technical"


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def find_mentions(text: str, taxonomy: Taxonomy, tagged: Sequence[TaggedSpan]) -> list[_Found]:
    """Every need named in the text: taxonomy skills (quoted by the tagged phrase that holds only them), and the
    tagged phrases no taxonomy skill is in."""
    hits = list(taxonomy.find(text))
    found: list[_Found] = []
    for m in hits:
        start, end = m.start, m.end
        holders = [s for s in tagged if s.start <= m.start and m.end <= s.end]
        passed_over = bool(tagged) and not any(overlaps(s.start, s.end, m.start, m.end) for s in tagged)
        # "Java SE v.8+" holds only Java: the whole phrase is the mention, as a reader would mark it.
        alone = [
            s for s in holders if all(o.skill == m.skill for o in hits if overlaps(s.start, s.end, o.start, o.end))
        ]
        if alone:
            widest = max(alone, key=lambda s: s.end - s.start)
            start, end = widest.start, widest.end
        kind = skill_kind(taxonomy, m.skill)
        found.append(_Found(start, end, m.skill, m.skill, taxonomy[m.skill].name, kind, m, passed_over))
    for span in tagged:
        if any(overlaps(span.start, span.end, m.start, m.end) for m in hits):
            continue
        phrase = cleaned_phrase(text[span.start : span.end])
        slug = _slug(phrase)
        if not slug or not names_a_need(phrase):
            continue
        kind = "qualification" if is_degree_field(text, span.start) else free_kind(phrase, span.layer)
        found.append(
            _Found(span.start, span.end, slug, None, phrase, kind, Match(slug, phrase, span.start, span.end), False)
        )
    # One mention per place: the two tagger layers may mark the same phrase.
    unique = {(f.start, f.end, f.key): f for f in found}
    return sorted(unique.values(), key=lambda f: (f.start, f.end, f.key))


# "Knowledge of at least one scripting language is a must": the words after an asking cue name a need even when
# the taggers mark nothing there.
_ASKED_FOR = re.compile(
    r"(?i)\b(?:knowledge of|experience (?:with|in)|proficiency (?:in|with)|proficient (?:in|with)|understanding of|"
    r"familiarity with|expertise in|background in|skilled in)\s+(?:(?:at least one|at least|one|a|an|the)\s+)?"
    r"(?P<need>[a-z][\w+#]*(?:[./-][\w+#]+)*(?:[ \t]+[\w+#]+(?:[./-][\w+#]+)*){0,4}?)"
    r"(?=[ \t]+(?:is|are|would|will|as well|and|or|to|for|in|on|at|with|from|preferred|required|a plus)\b|"
    r"[ \t]*[,.;:()\n]|[ \t]*$)"
)


def asked_phrases(text: str, found: list[_Found]) -> list[_Found]:
    """The needs named after an asking cue where no other mention is: free phrases, as the taggers' are."""
    extra = []
    for m in _ASKED_FOR.finditer(text):
        start, end = m.span("need")
        phrase = cleaned_phrase(m.group("need"))
        if any(overlaps(start, end, f.start, f.end) for f in found) or not names_a_need(phrase) or not _slug(phrase):
            continue
        slug = _slug(phrase)
        extra.append(
            _Found(
                start, end, slug, None, phrase, free_kind(phrase, "knowledge"), Match(slug, phrase, start, end), False
            )
        )
    return sorted([*found, *extra], key=lambda f: (f.start, f.end, f.key))


def extract_requirements(
    doc: ParsedDocument, taxonomy: Taxonomy, tagger: SkillTagger | None = None
) -> list[JobRequirement]:
    """The posting's requirements, one per skill or phrase; repeated mentions merge under the strongest."""
    tagged = [s for s in tagger.tag(doc.text, "job") if s.confidence >= MIN_CONFIDENCE] if tagger is not None else []
    mentions = asked_phrases(doc.text, find_mentions(doc.text, taxonomy, tagged))
    mentions, example_of = example_lines(doc.text, mentions, taxonomy)
    clauses = [clause_span(doc.text, f.start, f.end) for f in mentions]
    groups = _groups(doc.text, mentions, clauses)
    by_key: dict[str, list[_Hit]] = defaultdict(list)
    examples: dict[str, list[tuple[int, int, str | None]]] = defaultdict(list)
    title_end = _title_end(doc)
    for k, (f, (left, right)) in enumerate(zip(mentions, clauses, strict=True)):
        section = doc.section_at(f.start)
        if f.start < title_end or section in IGNORED_JOB_SECTIONS:
            continue  # the title names the role; what it needs is said below it
        if no_need_around(doc.text, left, right, f.start, f.end) or in_listing_field(doc.text, f.start):
            continue
        if f.passed_over and not _listed_need(doc, section, f, (left, right)):
            continue
        head = example_of.get((f.start, f.end, f.key))
        if head is None and f.skill is not None:
            umbrella = _umbrella_of(doc.text, k, mentions, clauses, groups, taxonomy)
            head = mentions[umbrella].key if umbrella is not None else None
        if head is not None:  # an example of a broader need stated just before it: named as part of it
            examples[head].append((f.start, f.end, f.skill))
            continue
        clause = doc.text[left:right]
        priority: Priority = "nice" if section == "nice_to_have" or NICE_CUES.search(clause) else "must"
        years = MIN_YEARS.search(clause)
        by_key[f.key].append(
            _Hit(f, priority, float(years.group(1)) if years else None, section, (left, right), groups.get(k))
        )
    requirements = [_requirement(doc, key, hits, taxonomy, examples[key]) for key, hits in by_key.items()]
    return sorted(
        requirements, key=lambda r: (r.priority != "must", r.evidence.start, r.mention.start if r.mention else 0, r.id)
    )


# Words by which a sentence asks for a skill or names the tools of the job ("we are working with C#, Python and
# AWS"), not merely names it ("our product helps teams ship on Kafka").
_ASKS = re.compile(
    r"(?i)\b(experience[d]? (?:with|in)|knowledge of|proficien\w*|familiar\w* with|required|must|mandatory|"
    r"\d+\+? years?|(?:work|working) (?:with|on)|using)\b"
)


def _listed_need(doc: ParsedDocument, section: str, f: _Found, clause: tuple[int, int]) -> bool:
    """Whether a known skill the taggers passed over still reads as a need: under a Requirements or
    Nice-to-have heading, in a short list item, or in a sentence that asks for it ("Terraform is a plus")."""
    if section in LISTED_NEEDS or _short_item(doc.text, f.start):
        return True
    left, right = _sentence(doc.text, f.start, f.end, clause)
    sentence = doc.text[left:right]
    return bool(_ASKS.search(sentence) or NICE_CUES.search(sentence))


def _sentence(text: str, start: int, end: int, clause: tuple[int, int]) -> tuple[int, int]:
    """The sentence of the clause that holds [start, end)."""
    stops = [text.rfind(stop, clause[0], start) for stop in (". ", "; ", " - ", "? ", "! ")]
    left = max([i + 2 for i in stops if i != -1], default=clause[0])
    after = [i for i in (text.find(stop, end, clause[1]) for stop in (". ", "; ", " - ", "? ", "! ")) if i != -1]
    return left, min(after, default=clause[1])


def _short_item(text: str, at: int) -> bool:
    """Whether the line holding `at` is a short list item ("- Terraform is a plus."): a need, in a list of needs."""
    left = text.rfind("\n", 0, at) + 1
    right = text.find("\n", at)
    line = text[left : len(text) if right == -1 else right].strip()
    return line[:1] in "-*•·●▪" and len(line.split()) <= SHORT_ITEM_WORDS


def _title_end(doc: ParsedDocument) -> int:
    """Where the posting's title line ends, or 0 when its first line does not read as a title."""
    if job_title(doc) is None:
        return 0
    first = len(doc.text) - len(doc.text.lstrip())
    end = doc.text.find("\n", first)
    return len(doc.text) if end == -1 else end


# What may stand between a broader need and its first example: "AWS (S3, RDS)", "a cloud such as AWS or GCP",
# "relational databases: Oracle, MySQL". A skill merely near a broader one ("front-end built with React") is its own.
_ILLUSTRATES = re.compile(
    r"(?i)[^.;]{0,40}?(?:\(|:|\bsuch as\b|\be\.?\s?g\b|\blike\b|\bincluding\b|\bincl\b|\bespecially\b|"
    r"\bparticularly\b|\bfor example\b|\bnamely\b|\bi\.e\b)"
)


# "Log analysis: e.g. ELK, Splunk": a need named at the head of a line, then tools that illustrate it.
_EXAMPLES_LINE = re.compile(
    r"(?im)^[ \t•*·-]*(?P<head>[^\n:]{3,60}?)[ \t]*:[ \t]*"
    r"(?:e\.?\s?g\b\.?|such as\b|for example\b|for instance\b|like\b|including\b|i\.e\b\.?)"
)


def example_lines(
    text: str, mentions: list[_Found], taxonomy: Taxonomy
) -> tuple[list[_Found], dict[tuple[int, int, str], str]]:
    """Mentions with the head of each example line as a need of its own (a known skill when one spans it, else
    the phrase), and which head each mention after "e.g." illustrates, by (start, end, key)."""
    found = list(mentions)
    example_of: dict[tuple[int, int, str], str] = {}
    for line in _EXAMPLES_LINE.finditer(text):
        start, end = line.span("head")
        phrase = cleaned_phrase(line.group("head"))
        if not names_a_need(phrase) or not _slug(phrase):
            continue
        # The mention quotes the posting as written; the cleaned phrase ("End-to-end  tracing") names the need.
        at = text.find(phrase, start, end)
        at, until = (at, at + len(phrase)) if at != -1 else (start, end)
        inside = [f for f in found if start <= f.start and f.end <= end]
        skill = taxonomy.resolve(phrase)
        whole = [f for f in inside if f.skill is not None and skill is not None and f.skill == skill.id]
        # A line that opens with a need and lists examples of it is a list of needs, whatever the taggers say.
        if whole:
            head = replace(whole[0], passed_over=False)
            found[found.index(whole[0])] = head
        else:
            slug = _slug(phrase)
            hit = Match(skill.id if skill else slug, text[at:until], at, until)
            if skill is not None:
                head = _Found(at, hit.end, skill.id, skill.id, skill.name, skill_kind(taxonomy, skill.id), hit, False)
            else:
                head = _Found(at, hit.end, slug, None, phrase, free_kind(phrase, "knowledge"), hit, False)
            # "End-to-end tracing": the phrase is the need, not the known skill inside it.
            found = [f for f in found if f not in inside]
            found.append(head)
        line_end = text.find("\n", line.end())
        line_end = len(text) if line_end == -1 else line_end
        for f in found:
            if line.end() <= f.start and f.end <= line_end and f.key != head.key:
                example_of[(f.start, f.end, f.key)] = head.key
    return sorted(found, key=lambda f: (f.start, f.end, f.key)), example_of


def _umbrella_of(
    text: str,
    k: int,
    mentions: list[_Found],
    clauses: list[tuple[int, int]],
    groups: dict[int, str],
    taxonomy: Taxonomy,
) -> int | None:
    """The mention of a broader skill that mention k illustrates, if any: the broader skill is the requirement.

    Alternatives of one another ("Terraform or another IaC tool") stay, as one group.
    """
    f = mentions[k]
    assert f.skill is not None
    broader = set(taxonomy.ancestors(f.skill))
    for i, (o, c) in enumerate(zip(mentions, clauses, strict=True)):
        # A broader known skill, or a need in the posting's own words ("big data tools ( ETL processes )").
        if c != clauses[k] or (o.skill is not None and o.skill not in broader) or o.end > f.start:
            continue
        if groups.get(i) is not None and groups.get(i) == groups.get(k):
            continue
        if _ILLUSTRATES.match(text, o.hit.end, f.start):
            return i
    return None


def _requirement(
    doc: ParsedDocument, key: str, hits: list[_Hit], taxonomy: Taxonomy, examples: list[tuple[int, int, str | None]]
) -> JobRequirement:
    # The quote shown is the strongest statement: a must-have, from Requirements, with years, on its own.
    best = min(
        hits,
        key=lambda h: (
            h.priority != "must",
            _SECTION_RANK.get(h.section, 9),
            not NEED.search(doc.text[h.clause[0] : h.clause[1]]),
            h.years is None,
            h.group is not None,
            h.found.start,
        ),
    )
    left, right = best.clause
    found = best.found
    places = sorted({(h.found.start, h.found.end) for h in hits} | {(s, e) for s, e, _ in examples})
    return JobRequirement(
        id=f"req-{key}" if found.skill is not None or key not in taxonomy.skills else f"req-{key}-phrase",
        text=doc.text[left:right],
        skill=found.skill,
        name=found.name,
        kind=found.kind,
        priority=best.priority,
        min_years=max((h.years for h in hits if h.years is not None), default=None),
        level=level_cue(doc.text[left:right]),
        evidence=doc.evidence(left, right),
        group=best.group,
        mention=Mention(start=found.start, end=found.end, quote=doc.text[found.start : found.end]),
        mentions=[Mention(start=s, end=e, quote=doc.text[s:e]) for s, e in places],
        examples=list(dict.fromkeys(skill for _, _, skill in examples if skill is not None and skill != found.skill)),
    )


def _groups(text: str, found: list[_Found], clauses: list[tuple[int, int]]) -> dict[int, str]:
    """Alternative groups over all mentions, found clause by clause."""
    by_clause: dict[tuple[int, int], list[tuple[int, Match]]] = defaultdict(list)
    for k, (f, clause) in enumerate(zip(found, clauses, strict=True)):
        by_clause[clause].append((k, f.hit))
    groups: dict[int, str] = {}
    for clause, members in by_clause.items():
        groups.update(alternative_groups(text, clause, members))
    return groups
