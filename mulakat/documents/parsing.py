"""Turn an uploaded file into plain text (unstructured for DOCX and HTML, pdfminer for PDF, markdown-it-py for
Markdown), offline, within bounded time and memory."""

from __future__ import annotations

import importlib
import io
import os
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import PurePath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from unstructured.documents.elements import Element

# unstructured pings a telemetry host at import; there is no network here and no reason to.
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("SCARF_NO_ANALYTICS", "1")
os.environ.setdefault("UNSTRUCTURED_DISABLE_NOTICE", "1")

SUPPORTED = (".pdf", ".docx", ".txt", ".md", ".html", ".htm")

# Limits that keep one hostile upload from holding a worker for minutes or gigabytes. Each is far above what
# a real resume or posting needs, so an honest document never meets them.
MAX_PDF_PAGES = 50
"""pdfminer takes ~75 ms a page; a resume is 1-5 pages, so only the first 50 are read (with a warning)."""
MAX_TEXT_CHARS = 100_000
"""About 30 dense pages. Extraction grows faster than the text (33 s at 200k); the rest is cut with a warning."""
MAX_DOCX_UNZIPPED = 64 * 1024 * 1024
"""Real DOCX files unzip to a few MB (images included); more is a zip bomb."""
MAX_DOCX_RATIO = 100
"""Word's XML compresses 5-20x; a large member that shrank over 100x is padding meant to blow up."""
_RATIO_FLOOR = 1024 * 1024  # tiny members compress absurdly well without meaning anything
MAX_DOCX_MEMBERS = 2000
"""A resume has a few dozen parts; thousands of entries make the central directory itself the bomb."""
MAX_MARKDOWN_PREFIX = 128
"""Indentation and list/quote markers opening a line. The Markdown parser recurses per level and took a
minute (then a RecursionError) at 2,000 levels, 0.1 s at 64; deeper files are read as plain text."""

MAX_PDF_INFLATED = 128 * 1024 * 1024
"""pdfminer inflates every stream whole and without a limit; a resume's streams, photo included, inflate to a
few MB, so a PDF whose compressed streams add up to more is a decompression bomb."""

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc and password-protected Office files
_DTD = re.compile(rb"<!DOCTYPE|<!ENTITY")
_PDF_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_MD_PREFIX = re.compile(r"^[ \t>*+\-]*", re.MULTILINE)


class DocumentError(ValueError):
    """A document that cannot be read; the message says why and what to do."""


@dataclass
class Extracted:
    """A document's text and what was left out or doubtful while reading it."""

    text: str
    notes: list[str] = field(default_factory=list)


@cache
def _offline_unstructured() -> None:
    # unstructured downloads a spaCy model on first use (fails offline), and importing spaCy pulls in torch,
    # all to guess element categories we never read. Rules stand in for it (see plain_tokenize).
    from mulakat.documents import plain_tokenize

    plain_tokenize.install()


def preload_readers() -> None:
    """Import the DOCX, HTML and PDF readers now (about 1 s), so that a server's first upload does not wait for it."""
    _offline_unstructured()
    for module in ("unstructured.partition.docx", "unstructured.partition.html", "pdfminer.high_level"):
        importlib.import_module(module)


def check_file(filename: str, data: bytes) -> None:
    """Refuse, cheaply and before any parsing, what cannot be a document or would blow up when parsed."""
    suffix = PurePath(filename).suffix.lower()
    if suffix not in SUPPORTED:
        raise DocumentError(
            f"{filename}: unsupported file type {suffix or '(none)'}; use one of {', '.join(SUPPORTED)}"
        )
    if not data.strip():
        raise DocumentError(f"{filename}: the file is empty")
    if suffix == ".docx":
        _check_docx(filename, data)
    elif suffix == ".pdf":
        if b"%PDF-" not in data[:1024]:
            raise DocumentError(f"{filename}: not a PDF (it does not start like one); export the file as PDF again")
        _check_pdf_streams(filename, data)


def _check_docx(filename: str, data: bytes) -> None:
    if data.startswith(_OLE_MAGIC):
        raise DocumentError(
            f"{filename}: a password-protected or old-format Word file; save it as an unprotected .docx"
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise DocumentError(f"{filename}: not a readable DOCX file (not a ZIP archive)") from exc
    with archive:
        members = archive.infolist()
        if len(members) > MAX_DOCX_MEMBERS:
            raise DocumentError(f"{filename}: {len(members)} parts in the DOCX; over {MAX_DOCX_MEMBERS} is refused")
        if "[Content_Types].xml" not in archive.namelist():
            raise DocumentError(f"{filename}: a ZIP archive but not a Word document; save it as .docx")
        # zipfile stops each member at its declared size (a lie fails the CRC), so declared sizes bound the work.
        unzipped = sum(m.file_size for m in members)
        if unzipped > MAX_DOCX_UNZIPPED:
            raise DocumentError(
                f"{filename}: the DOCX expands to {unzipped} bytes, over the {MAX_DOCX_UNZIPPED}-byte limit"
            )
        for member in members:
            if member.file_size > _RATIO_FLOOR and member.file_size > MAX_DOCX_RATIO * max(member.compress_size, 1):
                raise DocumentError(
                    f"{filename}: part {member.filename} expands over {MAX_DOCX_RATIO}x (a zip bomb?); refused"
                )
        for member in members:
            if member.filename.endswith((".xml", ".rels")) and _declares_dtd(filename, archive, member):
                # Word never writes a DTD; one that does is an entity bomb or an external-entity read.
                raise DocumentError(f"{filename}: part {member.filename} declares XML entities; refused")


def _check_pdf_streams(filename: str, data: bytes) -> None:
    view, budget = memoryview(data), MAX_PDF_INFLATED
    for start in _PDF_STREAM.finditer(data):
        budget -= _inflated_size(view[start.end() :], budget)
        if budget < 0:
            raise DocumentError(
                f"{filename}: the PDF's compressed streams expand past {MAX_PDF_INFLATED} bytes (a decompression bomb?)"
            )


def _inflated_size(stream: memoryview, limit: int) -> int:
    """How many bytes a Flate stream inflates to, counting no further than just past `limit`; 0 if not Flate."""
    inflater, size, pos = zlib.decompressobj(), 0, 0
    try:
        while not inflater.eof and size <= limit and (inflater.unconsumed_tail or pos < len(stream)):
            if inflater.unconsumed_tail:
                chunk = inflater.unconsumed_tail
            else:
                chunk, pos = bytes(stream[pos : pos + 65536]), pos + 65536
            size += len(inflater.decompress(chunk, 1024 * 1024))  # output in bounded pieces, never whole
    except zlib.error:
        return size  # not Flate (a JPEG, plain text) or damaged: pdfminer decides what to make of it
    return size


def _declares_dtd(filename: str, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    tail = b""
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(64 * 1024):
                if _DTD.search(tail + chunk):
                    return True
                tail = chunk[-16:]  # a marker may straddle two chunks
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        # damaged data, an unsupported compression method or an encrypted member
        raise DocumentError(f"{filename}: not a readable DOCX file ({exc})") from exc
    return False


def extract_text(filename: str, data: bytes) -> str:
    """Return the document's text, with blank lines between blocks. Raises DocumentError."""
    return read_text(filename, data).text


def read_text(filename: str, data: bytes) -> Extracted:
    """The document's text, cut to the limits above, with a note for each cut. Raises DocumentError."""
    check_file(filename, data)
    suffix = PurePath(filename).suffix.lower()
    notes: list[str] = []
    blocks = _pdf_blocks(filename, data, notes) if suffix == ".pdf" else _blocks(filename, suffix, data, notes)
    text = "\n\n".join(b.strip("\n") for b in blocks if b.strip())
    if not _has_content(text):
        raise DocumentError(f"{filename}: no text could be read (scanned image or empty document?)")
    if len(text) > MAX_TEXT_CHARS:
        cut = text.rfind("\n", 0, MAX_TEXT_CHARS)
        cut = cut if cut > MAX_TEXT_CHARS // 2 else MAX_TEXT_CHARS  # one endless line: cut mid-line
        notes.append(f"only the first {cut} of {len(text)} characters were read; the rest was left out")
        text = text[:cut]
    return Extracted(text, notes)


def _has_content(text: str) -> bool:
    """Two characters besides spacing and punctuation: "x" or "- ." alone is no more a document than an empty
    file, while a line of emoji is read (and judged too short to rest an analysis on)."""
    seen = 0
    for char in text:
        if not char.isspace() and not unicodedata.category(char).startswith("P"):
            seen += 1
            if seen == 2:
                return True
    return False


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


def _blocks(filename: str, suffix: str, data: bytes, notes: list[str]) -> list[str]:
    if suffix == ".md":
        # markdown-it-py, not unstructured: see mulakat.documents.markdown for why.
        from mulakat.documents.markdown import markdown_blocks

        text = _decode(filename, data)
        deepest = max((len(m.group()) for m in _MD_PREFIX.finditer(text)), default=0)
        if deepest > MAX_MARKDOWN_PREFIX:
            notes.append(f"the Markdown nests {deepest} characters deep; it was read as plain text")
            return [text]
        return markdown_blocks(text)
    _offline_unstructured()
    if suffix == ".docx":
        from unstructured.partition.docx import partition_docx

        try:
            elements = partition_docx(file=io.BytesIO(data))
        except Exception as exc:  # python-docx raises many types for a damaged file
            raise DocumentError(f"{filename}: not a readable DOCX file ({type(exc).__name__})") from exc
    elif suffix in (".html", ".htm"):
        from unstructured.partition.html import partition_html

        elements = _partitioned(filename, partition_html, _decode(filename, data))
    else:
        # Plain text keeps its own line structure: unstructured would re-flow it into paragraphs.
        return [_decode(filename, data)]
    return [el.text for el in elements if el.category != "PageBreak"]


def _partitioned(filename: str, partition: Callable[..., list[Element]], text: str) -> list[Element]:
    try:
        return partition(text=text, languages=["eng"])
    except Exception as exc:  # unstructured fails on markup with no content at all, e.g. only a comment
        raise DocumentError(f"{filename}: no text could be read ({type(exc).__name__})") from exc


def _pdf_blocks(filename: str, data: bytes, notes: list[str]) -> list[str]:
    from pdfminer.high_level import extract_text as pdf_text
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        pages = sum(1 for _ in PDFPage.create_pages(PDFDocument(PDFParser(io.BytesIO(data)))))
        text = pdf_text(io.BytesIO(data), maxpages=MAX_PDF_PAGES)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise DocumentError(
            f"{filename}: the PDF is password-protected; remove the password and upload it again"
        ) from exc
    except Exception as exc:  # pdfminer raises many types (syntax, broken streams, ...)
        raise DocumentError(f"{filename}: not a readable PDF ({type(exc).__name__}: {exc})") from exc
    if pages > MAX_PDF_PAGES:
        notes.append(f"only the first {MAX_PDF_PAGES} of {pages} pages were read")
    return [text]
