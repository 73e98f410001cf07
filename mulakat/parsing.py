"""Turn an uploaded file into plain text with unstructured, offline."""

from __future__ import annotations

import io
import os
from functools import cache
from pathlib import PurePath

# unstructured pings a telemetry host at import; there is no network here and no reason to.
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("SCARF_NO_ANALYTICS", "1")
os.environ.setdefault("UNSTRUCTURED_DISABLE_NOTICE", "1")

SUPPORTED = (".pdf", ".docx", ".txt", ".md", ".html", ".htm")


class DocumentError(ValueError):
    """A document that cannot be read; the message says why and what to do."""


@cache
def _offline_unstructured() -> None:
    # unstructured downloads a spaCy model on first use (fails offline). It only needs sentence
    # boundaries from it, which a blank pipeline with a sentencizer provides.
    import spacy
    import unstructured.nlp.tokenize as tokenize

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    tokenize._get_nlp = lambda: nlp  # type: ignore[assignment]


def extract_text(filename: str, data: bytes) -> str:
    """Return the document's text, with blank lines between blocks. Raises DocumentError."""
    suffix = PurePath(filename).suffix.lower()
    if suffix not in SUPPORTED:
        raise DocumentError(
            f"{filename}: unsupported file type {suffix or '(none)'}; use one of {', '.join(SUPPORTED)}"
        )
    if not data.strip():
        raise DocumentError(f"{filename}: the file is empty")
    blocks = _pdf_blocks(filename, data) if suffix == ".pdf" else _unstructured_blocks(filename, suffix, data)
    text = "\n\n".join(b.strip("\n") for b in blocks if b.strip())
    if not text.strip():
        raise DocumentError(f"{filename}: no text could be read (scanned image or empty document?)")
    return text


def _decode(filename: str, data: bytes) -> str:
    # UTF-16 only with its byte-order mark: without one, any even-length junk would "decode".
    encoding = "utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        text = "\x00"
    if "\x00" in text:
        raise DocumentError(f"{filename}: not UTF-8 text; save it as UTF-8 and try again")
    return text


def _unstructured_blocks(filename: str, suffix: str, data: bytes) -> list[str]:
    _offline_unstructured()
    if suffix == ".docx":
        from unstructured.partition.docx import partition_docx

        try:
            elements = partition_docx(file=io.BytesIO(data))
        except Exception as exc:  # python-docx raises many types for a damaged file
            raise DocumentError(f"{filename}: not a readable DOCX file ({type(exc).__name__})") from exc
    elif suffix == ".md":
        from unstructured.partition.md import partition_md

        elements = partition_md(text=_decode(filename, data), languages=["eng"])
    elif suffix in (".html", ".htm"):
        from unstructured.partition.html import partition_html

        elements = partition_html(text=_decode(filename, data), languages=["eng"])
    else:
        # Plain text keeps its own line structure: unstructured would re-flow it into paragraphs.
        return [_decode(filename, data)]
    return [el.text for el in elements if el.category != "PageBreak"]


def _pdf_blocks(filename: str, data: bytes) -> list[str]:
    from pdfminer.high_level import extract_text as pdf_text

    try:
        return [pdf_text(io.BytesIO(data))]
    except Exception as exc:  # pdfminer raises many types (syntax, encryption, ...)
        raise DocumentError(f"{filename}: not a readable PDF ({exc})") from exc
