"""The documents behind the recruiter-labelled requirement set, read exactly as the product reads them.

Postings are rebuilt from SkillSpan dev (one sentence a line, tokens joined by spaces); CVs are Dotin's
anonymised resumes (CC0) or Vanetik's DOCX CVs 31-65 (GPL: read from ../shared, never copied). Labels quote
these texts character for character, so both come from `read_document`, the product's own reader, and the
labels carry ids, never a copy of the documents.

`python -m evals.quality.recruiter_docs OUT_DIR ID...` writes the texts for labellers to read.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Annotated

import typer

from mulakat.documents.reader import read_document
from mulakat.models import ParsedDocument

SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
SKILLSPAN_DEV = SHARED_DATA / "skills" / "skillspan" / "dev.json"
DOTIN = SHARED_DATA / "skills" / "dotin_train" / "train.jsonl"
VANETIK = SHARED_DATA / "documents" / "vanetik_cvs_31_65"


@cache
def _skillspan_sentences(path: Path) -> dict[str, list[str]]:
    postings: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row.get("idx") is None:
            continue
        postings.setdefault(f"skillspan-dev-{row['source']}-{row['idx']}", []).append(" ".join(row["tokens"]))
    return postings


@cache
def _dotin_texts(path: Path) -> dict[str, str]:
    rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines())
    return {f"dotin-{row['id']}": row["text"] for row in rows}


def posting_ids(path: Path = SKILLSPAN_DEV) -> list[str]:
    return sorted(_skillspan_sentences(path))


def cv_ids(path: Path = DOTIN) -> list[str]:
    return sorted(_dotin_texts(path), key=lambda cv: int(cv.rpartition("-")[2]))


@cache
def posting_doc(posting: str, path: Path = SKILLSPAN_DEV) -> ParsedDocument:
    """The posting as `mulakat analyze` reads it from a .txt upload."""
    raw = "\n".join(_skillspan_sentences(path)[posting])
    return read_document("job", f"{posting}.txt", raw.encode())


@cache
def cv_doc(cv: str, path: Path = DOTIN) -> ParsedDocument:
    """The CV as `mulakat analyze` reads it from a .txt upload (long lines wrapped, offsets kept)."""
    return read_document("resume", f"{cv}.txt", _dotin_texts(path)[cv].encode())


@cache
def vanetik_doc(cv: str, folder: Path = VANETIK) -> ParsedDocument:
    """A Vanetik CV (vanetik-31 ... vanetik-65) as `mulakat analyze` reads its .docx; GPL, so never copied here."""
    number = cv.removeprefix("vanetik-")
    return read_document("resume", f"{number}.docx", (folder / f"{number}.docx").read_bytes())


def vanetik_ids(folder: Path = VANETIK) -> list[str]:
    return sorted((f"vanetik-{p.stem}" for p in folder.glob("*.docx")), key=lambda cv: int(cv.rpartition("-")[2]))


def upload_of(doc_id: str) -> tuple[str, bytes]:
    """(file name, bytes) as a user would upload the document: what `doc_of` reads, for a run of the whole graph."""
    if doc_id.startswith("skillspan-"):
        return f"{doc_id}.txt", "\n".join(_skillspan_sentences(SKILLSPAN_DEV)[doc_id]).encode()
    if doc_id.startswith("vanetik-"):
        number = doc_id.removeprefix("vanetik-")
        return f"{number}.docx", (VANETIK / f"{number}.docx").read_bytes()
    return f"{doc_id}.txt", _dotin_texts(DOTIN)[doc_id].encode()


def posting_text(posting: str, path: Path = SKILLSPAN_DEV) -> str:
    return posting_doc(posting, path).text


def cv_text(cv: str, path: Path = DOTIN) -> str:
    return cv_doc(cv, path).text


def doc_of(doc_id: str) -> ParsedDocument:
    if doc_id.startswith("skillspan-"):
        return posting_doc(doc_id)
    return vanetik_doc(doc_id) if doc_id.startswith("vanetik-") else cv_doc(doc_id)


def text_of(doc_id: str) -> str:
    return doc_of(doc_id).text


def main(
    out: Annotated[Path, typer.Argument(help="Folder to write ID.txt files into.")],
    ids: Annotated[list[str], typer.Argument(help="Posting ids (skillspan-dev-...) or CV ids (dotin-N, vanetik-N).")],
) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for doc_id in ids:
        (out / f"{doc_id}.txt").write_text(text_of(doc_id), encoding="utf-8")


if __name__ == "__main__":
    typer.run(main)
