"""Markdown is read into the blocks a reader sees on the rendered page."""

from __future__ import annotations

import pytest

from mulakat.documents.markdown import markdown_blocks
from mulakat.documents.parsing import DocumentError, read_text


def test_headings_paragraphs_and_items_are_blocks_without_their_markup() -> None:
    text = (
        "# Deniz *Aksoy*\n\n"
        "Backend engineer who cares\nabout **tests**.\n\n"
        "## Skills\n\n"
        "- Python and [FastAPI](https://fastapi.example)\n"
        "- `PostgreSQL` tuning\n"
        "  - indexes\n"
    )
    assert markdown_blocks(text) == [
        "Deniz Aksoy",
        "Backend engineer who cares about tests.",
        "Skills",
        "Python and FastAPI",
        "PostgreSQL tuning",
        "indexes",
    ]


def test_a_list_right_under_a_line_of_text_is_still_a_list() -> None:
    # CommonMark starts a list without a blank line; resumes are often written that way.
    assert markdown_blocks("Requirements:\n- Go\n- Kubernetes\n") == ["Requirements:", "Go", "Kubernetes"]


def test_a_table_is_one_block_with_a_line_per_row() -> None:
    text = "| Skill | Years |\n|---|---|\n| Java | 5 |\n| SQL | 3 |\n"
    assert markdown_blocks(text) == ["Skill Years\nJava 5\nSQL 3"]


def test_code_keeps_its_lines_and_html_keeps_only_its_text() -> None:
    text = "```python\ndef f():\n    return 1\n```\n\n<div>Uses <b>Kafka</b> &amp; Flink</div>\n"
    assert markdown_blocks(text) == ["def f():\n    return 1", "Uses Kafka & Flink"]


def test_images_leave_their_alt_text() -> None:
    assert markdown_blocks("Built ![a Grafana dashboard](d.png) for ops.") == ["Built a Grafana dashboard for ops."]


@pytest.mark.parametrize(
    ("name", "data"), [("empty.md", b"<!-- nothing here -->\n\n---\n"), ("job.md", b"x"), ("job.txt", b" - \n. ")]
)
def test_a_document_without_a_word_is_a_clear_error(name: str, data: bytes) -> None:
    with pytest.raises(DocumentError, match="no text could be read"):
        read_text(name, data)
