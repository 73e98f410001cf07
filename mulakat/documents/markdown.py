"""Markdown to text blocks with markdown-it-py: a heading, paragraph, list item, table or code block each.

unstructured reads Markdown by rendering it to HTML and partitioning that, which costs 0.7 s of imports (its HTML
partitioner, lxml, a language-code table) in every fresh process, for blocks we then read as plain text.
markdown-it-py parses CommonMark (plus tables) directly, imports in a few milliseconds, and is already installed
with rich. Inline markup goes (emphasis, links keep their text, images their alt text); a soft line break inside
a paragraph is a space, as in the rendered page; a table is one block with a line per row.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_WHITESPACE = re.compile(r"\s+")


@cache
def _parser() -> MarkdownIt:
    # "commonmark" keeps raw HTML as tokens, which are read for their text below instead of being rendered.
    return MarkdownIt("commonmark").enable("table").enable("strikethrough")


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "image":
            parts.append(child.content)  # the alt text
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return _SPACES.sub(" ", "".join(parts)).strip()


def _html_text(raw: str) -> str:
    return _WHITESPACE.sub(" ", html.unescape(_TAG.sub(" ", raw))).strip()


def _blocks(tokens: list[Token]) -> Iterator[str]:
    row: list[str] = []
    table: list[str] | None = None
    for token in tokens:
        if token.type == "table_open":
            table = []
        elif token.type == "table_close" and table is not None:
            yield "\n".join(line for line in table if line)
            table = None
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and table is not None:
            table.append(" ".join(cell for cell in row if cell))
        elif token.type == "inline":
            text = _inline_text(token)
            if table is not None:
                row.append(text)
            elif text:
                yield text
        elif token.type in ("fence", "code_block"):
            if code := token.content.strip("\n"):
                yield code
        elif token.type == "html_block" and (text := _html_text(token.content)):
            yield text


def markdown_blocks(text: str) -> list[str]:
    """The document's blocks of text, in reading order."""
    return list(_blocks(_parser().parse(text)))
