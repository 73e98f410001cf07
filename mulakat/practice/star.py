"""STAR for behavioral answers: which of situation, task, action and result an answer tells; is the result counted."""

from __future__ import annotations

import re

from pydantic import BaseModel

from mulakat.practice.answer_text import sentences


class StarAnalysis(BaseModel):
    situation: str | None
    task: str | None
    action: str | None
    result: str | None
    result_quantified: bool
    missing: list[str]
    """Names of the absent parts, in STAR order."""


STAR_CUES: dict[str, re.Pattern[str]] = {
    "situation": re.compile(
        r"\b(when i was|while i was|while working|at my (last|previous|former|current|old|first) (job|company|role|"
        r"employer|team|internship)|in my (last|previous|former|current) (job|role|position)|our team (had|was)|"
        r"we had|there was|the situation|context|back (when|in)|a few (years|months) ago|last (year|quarter)|"
        r"during (my|a|the|our)|i worked (at|on|as)|i was working|our (company|product|service|system) (had|was))\b",
        re.IGNORECASE,
    ),
    "task": re.compile(
        r"\b(i was responsible|responsible for|my (goal|task|job|role|responsibility|objective) was|the goal was|"
        r"needed to|had to|i was (asked|tasked|assigned|expected)|my goal|my task|the (task|objective|challenge) was|"
        r"i wanted to|we wanted to|was supposed to|in charge of|aim was)\b",
        re.IGNORECASE,
    ),
    "action": re.compile(
        r"\b(i|we)\s+(then\s+|first\s+|also\s+|quickly\s+|finally\s+|personally\s+)?(?!needed\b|wanted\b|used to\b)"
        r"([a-z]+ed|built|led|wrote|made|ran|took|set|drove|began|chose|spoke|met|found|brought|taught|gave|kept|"
        r"held|put|sat|went|did|rewrote|broke|split|cut|sent|got|dug|won|rebuilt|paired)\b",
        re.IGNORECASE,
    ),
    "result": re.compile(
        r"\b(as a result|the result|resulted|in the end|eventually|ultimately|outcome|which led to|led to|"
        r"ended up|reduc\w*|increas\w*|improv\w*|sav(ed|ing)|cut|dropp\w*|grew|decreas\w*|shipped|launched|"
        r"achiev\w*|resolv\w*|succeed\w*|success\w*|on time|fewer|faster|lower|higher|halved|doubled|tripled)\b",
        re.IGNORECASE,
    ),
}
QUANTIFIED = re.compile(
    r"\d|\bpercent\b|\b(twice|double[ds]?|doubled|triple[ds]?|tripled|half|halved|tenfold|"
    r"(one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand)\s+(times|hours|days|weeks|minutes|percent))\b"
    r"|\b\w+\s+times\s+(faster|slower|more|less|fewer)\b",
    re.IGNORECASE,
)


def analyze_star(answer: str) -> StarAnalysis:
    """Find the situation, task, action and result sentences by cue words; check the result for numbers."""
    found: dict[str, str | None] = dict.fromkeys(STAR_CUES)
    for s, e in sentences(answer):
        sentence = answer[s:e]
        for part, cue in STAR_CUES.items():
            if found[part] is None and cue.search(sentence):
                found[part] = sentence
    result = found["result"]
    return StarAnalysis(
        situation=found["situation"],
        task=found["task"],
        action=found["action"],
        result=result,
        result_quantified=result is not None and QUANTIFIED.search(result) is not None,
        missing=[part for part, quote in found.items() if quote is None],
    )
