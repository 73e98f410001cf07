"""Lines that state no need of the candidate give no requirements, whatever their heading."""

from __future__ import annotations

import pytest

from mulakat.documents.reader import read_document
from mulakat.skills.boilerplate import no_need_around, states_no_need
from mulakat.skills.requirements import extract_requirements
from mulakat.skills.taxonomy import load_taxonomy

TAX = load_taxonomy()


@pytest.mark.parametrize(
    "line",
    [
        "World renown leadership and room to grow",  # a benefit
        "Competitive salary, stock options and 30 days of paid leave",  # pay
        "Washington D.C.",  # a location
        "Location: Berlin, hybrid",
        "Our team is based in Lisbon and works with Python every day",
        "We are an equal opportunity employer and value diversity",
        "All qualified applicants will receive consideration without regard to race, religion or disability",
        "To apply, send your CV and a cover letter",
        "We will not consider sponsoring a visa for this position",
        "We are a leading provider of cloud software for clinics",  # the company
        "We embrace a culture of experimentation and collaboration",
        "Learning budget, health insurance and flexible working hours",
        "Our more than 1,500 team members balance creativity and style with innovative technology",  # the company
        "You will not feel missing out if you are working remotely",  # the offer
    ],
)
def test_lines_about_the_offer_company_or_process_state_no_need(line: str) -> None:
    assert states_no_need(line)


@pytest.mark.parametrize(
    "line",
    [
        "3+ years of Python",
        "Experience with Docker and Kubernetes is a bonus",  # "bonus" marks a nice-to-have, not pay
        "Experience with AWS would be a benefit",
        "Build mission-critical services in Go",
        "Maintain our platform's CI/CD pipelines",
        "We are looking for someone with strong SQL skills",  # the company's voice, but a need
        "Experience in the insurance industry",
        "You will mentor our team members in Python",  # names the team, asks of the candidate
    ],
)
def test_lines_that_state_a_need_are_kept(line: str) -> None:
    assert not states_no_need(line)


def test_a_run_on_line_is_judged_near_the_mention() -> None:
    tasks = "Your tasks: build data pipelines with Apache Kafka and Python for the analytics team, "
    offer = "We offer a learning budget and room to grow in a friendly team of engineers across Europe."
    text = tasks * 2 + offer
    start = text.index("Kafka")
    assert not no_need_around(text, 0, len(text), start, start + len("Kafka"))
    start = text.index("room to grow")
    assert no_need_around(text, 0, len(text), start, start + 4)


def test_requirements_ignore_benefit_and_location_lines_in_any_section() -> None:
    text = (
        "Senior Engineer\nWashington D.C.\n\nRequirements\n- 5+ years of Java\n"
        "- World renown leadership and room to grow\n- Technical leadership of a small team\n"
    )
    reqs = extract_requirements(read_document("job", "j.txt", text.encode()), TAX)
    assert {r.skill: r.text for r in reqs} == {
        "java": "5+ years of Java",
        "leadership": "Technical leadership of a small team",
    }
