"""Polarity: what a clause affirms and denies, so that a flip against a rubric point is found without a model."""

from __future__ import annotations

import pytest

from mulakat.practice.contradiction import find_flips, point_clauses
from mulakat.practice.polarity import assertion, flips


@pytest.mark.parametrize(
    ("point", "said", "flipped"),
    [
        ("Security groups support only allow rules", "I just add a deny rule to the security group", ["allow"]),
        (
            "Liveness failure causes the kubelet to restart the container",
            "it never restarts the container",
            ["restart"],
        ),
        ("Stateful components can be function components", "function components are always stateless", ["state"]),
        ("The storage limit is at least 5MB", "the storage limit is only 4KB", ["bytes"]),
        ("Synchronous logs run first", "the asynchronous logs run first", ["synchronous"]),
    ],
)
def test_a_negation_antonym_or_other_number_flips_the_point(point: str, said: str, flipped: list[str]) -> None:
    assert flips(assertion(point), assertion(said)) == flipped


@pytest.mark.parametrize(
    ("point", "said"),
    [
        ("NACLs are stateless", "NACLs don't keep state"),  # both deny state
        ("Readers and writers do not block each other", "readers don't block writers"),
        ("A service account is an identity for applications, not humans", "an identity for a workload, not a person"),
        ("By default only unchecked exceptions trigger rollback", "checked exceptions don't trigger a rollback"),
        ("The storage limit is at least 5MB", "you get about 5 MB of storage"),
    ],
)
def test_a_paraphrase_is_no_flip(point: str, said: str) -> None:
    assert flips(assertion(point), assertion(said)) == []


def test_a_flip_is_read_against_the_clause_of_the_point_it_is_about() -> None:
    point = "Security groups support only allow rules; NACLs support allow and deny"
    assert len(point_clauses(point)) == 2
    right = "NACLs can have both allow and deny entries."
    wrong = "I just add a deny rule to the security group."
    assert find_flips(right, [point], [(0, len(right))]) == []
    (flip,) = find_flips(wrong, [point], [(0, len(wrong))])
    assert (flip.point, flip.roots, wrong[flip.start : flip.end]) == (0, ("allow",), wrong)
    assert flip.anchors >= 2  # security, group, rule: it is about security groups' rules
