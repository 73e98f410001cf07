"""The checks on a drafted pack: every key point's quote verbatim in the passage it cites, rubric points backed."""

from __future__ import annotations

from mulakat.packs.drafting import DraftedKeyPoint, DraftedPack, Passage, check_draft

PASSAGES = [
    Passage("notes#a", "A", "A /26 subnet holds 64 addresses,\nof which 62 are usable by hosts."),
    Passage("notes#b", "B", "Routers forward packets between subnets using the longest matching prefix."),
]


def _pack(points: list[DraftedKeyPoint], rubric: list[str], subtopic: str = "Sizes") -> DraftedPack:
    quote = "forward packets between subnets"
    others = [
        {
            "name": f"Other {n}",
            "key_points": [{"text": f"Routing fact {n}{i}.", "passage": 2, "quote": quote} for i in "ab"],
        }
        for n in (1, 2)
    ]
    return DraftedPack.model_validate(
        {
            "title": "Subnetting for interviews",
            "summary": "Splitting address blocks.",
            "subtopics": [{"name": "Sizes", "key_points": [p.model_dump() for p in points]}, *others],
            "questions": [
                {"text": f"Q{i}?", "subtopic": subtopic, "difficulty": 1, "rubric": rubric} for i in range(6)
            ],
        }
    )


def _point(text: str, quote: str, passage: int = 1) -> DraftedKeyPoint:
    return DraftedKeyPoint(text=text, passage=passage, quote=quote)


GOOD = [
    _point("Hosts get two fewer addresses than a block holds.", "62 are usable by hosts"),
    _point("A prefix length fixes the block size.", "subnet holds 64 addresses, of which"),  # the line break is space
]


def test_quotes_that_hold_keep_their_key_points_and_cite_the_passage() -> None:
    checked = check_draft(
        "subnetting", _pack(GOOD, ["Hosts get two fewer addresses", "prefix length fixes size"]), PASSAGES
    )

    assert checked.problems == [] and checked.dropped == []
    assert checked.pack.subtopics[0].key_points == [p.text for p in GOOD]
    assert [(c.source, c.quote) for c in checked.citations[:2]] == [
        ("notes#a", "62 are usable by hosts"),
        ("notes#a", "subnet holds 64 addresses, of which"),
    ]


def test_a_quote_elsewhere_too_short_or_under_a_wrong_number_drops_its_key_point() -> None:
    bad = [
        _point("Made up.", "subnets are always 256 addresses"),
        _point("Right words, wrong passage.", "62 are usable by hosts", passage=2),
        _point("Too short.", "64 addresses"),
        _point("No such passage.", "62 are usable by hosts", passage=9),
    ]

    checked = check_draft(
        "subnetting", _pack([*GOOD, *bad], ["Hosts get two fewer addresses", "prefix fixes"]), PASSAGES
    )

    assert checked.pack.subtopics[0].key_points == [p.text for p in GOOD]
    assert [d.split(": ", 1)[1] for d in checked.dropped] == [
        "its quote 'subnets are always 256 addresses' is not in passage 1",
        "its quote '62 are usable by hosts' is not in passage 2",
        "its quote '64 addresses' is under 3 words",
        "it cites passage 9, and there are 2",
    ]


def test_unbacked_rubric_points_go_and_a_pack_with_too_little_left_is_rejected() -> None:
    copied = _point("A /26 subnet holds 64 addresses, of which 62 are usable by hosts.", "62 are usable by hosts")
    drafted = _pack([GOOD[0], copied], ["Routing fact 1a", "Multicast scoping rules"], subtopic="Other 1")

    checked = check_draft("subnetting", drafted, PASSAGES)

    assert any("copies the passage" in d for d in checked.dropped)
    assert any("rubric point 'Multicast scoping rules'" in d for d in checked.dropped)
    assert "2 subtopics, at least 3 wanted" in checked.problems and "0 questions, at least 6 wanted" in checked.problems
