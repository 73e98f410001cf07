"""A hostile-input corpus, generated on demand (nothing is downloaded or committed as a file).

Each case is a resume and a job posting as they would be uploaded, and the outcome the API must give:
a 413 or 422 with a clear message, a low-confidence analysis that says why, or a normal analysis on which
the hostile part (prompt injection, right-to-left text) has no effect. Builders run only when a case is
used, so collecting the corpus costs nothing, not even for the 50 MB upload.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from reportlab.lib.pdfencrypt import StandardEncryption

from tests.support.hostile_documents import (
    INJECT_CHATML,
    INJECT_JOB,
    INJECT_SCORE,
    INJECT_SKILLS,
    JOB,
    MB,
    RESUME,
    Doc,
    billion_laughs_docx,
    deep_markdown_list,
    docx_bytes,
    external_entity_docx,
    flate_bomb_pdf,
    hebrew_job,
    image_only_pdf,
    injected_html,
    job_md,
    junk,
    many_members_docx,
    not_docx_zip,
    ole_file,
    oversized_text,
    pages_pdf,
    pdf_bytes,
    plain,
    ratio_bomb_docx,
    resume_md,
    rtl_resume,
    sample_pdf,
    skills_stuffed,
    stored_bomb_docx,
    with_resume,
    zip_bomb_docx,
)

Outcome = Literal["413", "422", "low_confidence", "ok"]
Side = Literal["resume", "job"]


@dataclass(frozen=True)
class Case:
    id: str
    expect: Outcome
    build: Callable[[], tuple[Doc, Doc]]
    detail: str = ""
    """For 4xx: a regex the error's detail must match. For low_confidence: one a quality message must match."""
    side: Side = "resume"
    """Which document a low-confidence verdict or a message is about."""
    baseline: Callable[[], tuple[Doc, Doc]] | None = None
    """For ok cases with an injection: the same documents without it; the attack must gain nothing over these."""


def _clean_pair() -> tuple[Doc, Doc]:
    return resume_md(), job_md()


# --- the corpus ----------------------------------------------------------------------------------------------


def _cases() -> list[Case]:
    txt, md, pdf, dx = "text/plain", "text/markdown", "application/pdf", "application/octet-stream"
    cases = [
        # Size: refused before parsing, whichever document it is.
        Case("resume-50mb-text", "413", with_resume(lambda: Doc("cv.txt", oversized_text(50 * MB), txt)), "limit"),
        Case("job-50mb-text", "413", lambda: (resume_md(), Doc("job.txt", oversized_text(50 * MB), txt)), "limit"),
        Case("resume-one-byte-over", "413", with_resume(lambda: Doc("cv.txt", b"a" * (10 * MB + 1), txt)), "limit"),
        Case(
            "pdf-padded-to-12mb",
            "413",
            with_resume(lambda: Doc("cv.pdf", sample_pdf() + junk(12 * MB, 1), pdf)),
            "limit",
        ),
        Case(
            "both-11mb", "413", lambda: (Doc("cv.txt", oversized_text(11 * MB)), Doc("j.txt", oversized_text(11 * MB)))
        ),
        # Empty.
        Case("empty-resume-0-bytes", "422", with_resume(lambda: Doc("cv.txt", b"", txt)), "empty"),
        Case("empty-job-0-bytes", "422", lambda: (resume_md(), Doc("job.md", b"", md)), "empty"),
        Case("whitespace-only", "422", with_resume(lambda: Doc("cv.txt", b" \n\t\r\n  " * 100, txt)), "empty"),
        Case("empty-pdf", "422", with_resume(lambda: Doc("cv.pdf", b"", pdf)), "empty"),
        Case("empty-docx", "422", with_resume(lambda: Doc("cv.docx", b"", dx)), "empty"),
        # Wrong extension or type.
        Case("exe", "422", with_resume(lambda: Doc("cv.exe", b"MZ" + junk(2048, 2), dx)), "unsupported file type"),
        Case("no-extension", "422", with_resume(lambda: Doc("resume", RESUME.encode(), txt)), "unsupported file type"),
        Case("legacy-doc", "422", with_resume(lambda: Doc("cv.doc", ole_file(), "application/msword")), "unsupported"),
        Case(
            "png",
            "422",
            with_resume(lambda: Doc("cv.png", b"\x89PNG\r\n\x1a\n" + junk(4096, 3), "image/png")),
            "unsupported",
        ),
        Case(
            "jpeg-named-pdf",
            "422",
            with_resume(lambda: Doc("cv.pdf", b"\xff\xd8\xff\xe0" + junk(4096, 4), pdf)),
            "not a PDF",
        ),
        Case("pdf-named-docx", "422", with_resume(lambda: Doc("cv.docx", sample_pdf(), dx)), "not a readable DOCX"),
        Case("docx-named-pdf", "422", with_resume(lambda: Doc("cv.pdf", docx_bytes(RESUME), pdf)), "not a PDF"),
        Case("pdf-named-txt", "422", with_resume(lambda: Doc("cv.txt", sample_pdf(), txt)), "not UTF-8"),
        Case("zip-named-docx", "422", with_resume(lambda: Doc("cv.docx", not_docx_zip(), dx)), "not a Word document"),
        Case(
            "ole-named-docx",
            "422",
            with_resume(lambda: Doc("cv.docx", ole_file(), dx)),
            "password-protected or old-format",
        ),
        Case("markdown-sent-as-pdf-mime", "ok", lambda: (Doc("resume.md", RESUME.encode(), pdf), job_md())),
        Case("pdf-sent-as-text-mime", "ok", lambda: (Doc("cv.pdf", sample_pdf(), txt), job_md())),
        Case("upper-case-extension", "ok", lambda: (Doc("RESUME.MD", RESUME.encode(), md), job_md())),
        # Binary junk.
        Case("junk-txt", "422", with_resume(lambda: Doc("cv.txt", junk(64 * 1024, 5), txt)), "not UTF-8"),
        Case("junk-md-job", "422", lambda: (resume_md(), Doc("job.md", junk(4096, 6), md)), "not UTF-8"),
        Case("junk-html", "422", with_resume(lambda: Doc("cv.html", junk(4096, 8), "text/html")), "not UTF-8"),
        Case("junk-docx", "422", with_resume(lambda: Doc("cv.docx", junk(64 * 1024, 9), dx)), "not a readable DOCX"),
        Case(
            "junk-pdf-header",
            "422",
            with_resume(lambda: Doc("cv.pdf", b"%PDF-1.7\n" + junk(64 * 1024, 10), pdf)),
            "PDF",
        ),
        Case(
            "nul-bytes-in-text",
            "422",
            with_resume(lambda: Doc("cv.txt", RESUME.encode().replace(b"\n", b"\0\n"), txt)),
            "UTF-8",
        ),
        # Not UTF-8.
        Case(
            "latin-1",
            "422",
            with_resume(lambda: Doc("cv.txt", "Café résumé, Zürich".encode("latin-1"), txt)),
            "not UTF-8",
        ),
        Case(
            "cp1254-turkish",
            "422",
            with_resume(lambda: Doc("cv.txt", "Yazılım mühendisi, İzmir".encode("cp1254"), txt)),
            "UTF-8",
        ),
        Case(
            "utf16-without-bom", "422", with_resume(lambda: Doc("cv.txt", RESUME.encode("utf-16-le"), txt)), "not UTF-8"
        ),
        Case("utf16-with-bom", "ok", lambda: (Doc("cv.md", RESUME.encode("utf-16"), md), job_md())),
        Case(
            "utf8-bom-crlf",
            "ok",
            lambda: (Doc("cv.md", b"\xef\xbb\xbf" + RESUME.replace("\n", "\r\n").encode(), md), job_md()),
        ),
        # Corrupt and protected PDFs.
        Case("truncated-pdf", "422", with_resume(lambda: Doc("cv.pdf", sample_pdf()[:600], pdf)), "PDF|no text"),
        Case(
            "password-pdf",
            "422",
            with_resume(lambda: Doc("cv.pdf", pdf_bytes(["Python"], encrypt="secret"), pdf)),
            "password",
        ),
        Case("pdf-flate-bomb", "422", with_resume(lambda: Doc("cv.pdf", flate_bomb_pdf(), pdf)), "decompression bomb"),
        Case(
            "image-only-pdf", "422", with_resume(lambda: Doc("cv.pdf", image_only_pdf(), pdf)), "no text could be read"
        ),
        Case(
            "owner-password-only-pdf",
            "ok",
            lambda: (
                Doc("cv.pdf", pdf_bytes(plain(RESUME).splitlines(), encrypt=StandardEncryption("", "owner"))),
                job_md(),
            ),
        ),
        # DOCX bombs.
        Case("docx-zip-bomb", "422", with_resume(lambda: Doc("cv.docx", zip_bomb_docx(), dx)), "expands"),
        Case("docx-ratio-bomb", "422", with_resume(lambda: Doc("cv.docx", ratio_bomb_docx(), dx)), "expands over"),
        Case("docx-5000-members", "422", with_resume(lambda: Doc("cv.docx", many_members_docx(), dx)), "parts"),
        Case("docx-billion-laughs", "422", with_resume(lambda: Doc("cv.docx", billion_laughs_docx(), dx)), "entities"),
        Case(
            "docx-external-entity", "422", with_resume(lambda: Doc("cv.docx", external_entity_docx(), dx)), "entities"
        ),
        Case(
            "docx-truncated",
            "422",
            with_resume(lambda: Doc("cv.docx", docx_bytes(RESUME)[:2000], dx)),
            "not a readable DOCX",
        ),
        Case("docx-huge-document-xml", "422", with_resume(lambda: Doc("cv.docx", stored_bomb_docx(), dx)), "expands"),
        # Big but honest-looking: read in part, with a warning.
        Case(
            "pdf-200-pages",
            "low_confidence",
            with_resume(lambda: Doc("cv.pdf", pages_pdf(200), pdf)),
            "first 50 of 200 pages",
        ),
        Case(
            "text-over-char-cap",
            "low_confidence",
            with_resume(lambda: Doc("cv.txt", oversized_text(3 * MB), txt)),
            "characters",
        ),
        Case(
            "markdown-nested-2000-deep",
            "low_confidence",
            with_resume(lambda: Doc("cv.md", deep_markdown_list(2000), md)),
            "plain text",
        ),
        Case(
            "resume-10000-skills",
            "low_confidence",
            lambda: (resume_md(skills_stuffed(10_000)), job_md()),
            "keyword stuffing",
        ),
        Case(
            "job-10000-requirements",
            "low_confidence",
            lambda: (resume_md(), Doc("job.md", skills_stuffed(10_000).encode(), md)),
            "keyword stuffing",
            side="job",
        ),
        # Too little to go on.
        Case(
            "one-word-job", "low_confidence", lambda: (resume_md(), Doc("job.txt", b"Python", txt)), "words", side="job"
        ),
        Case("one-word-resume", "low_confidence", with_resume(lambda: Doc("cv.txt", b"Python", txt)), "words"),
        Case(
            "emoji-only-resume",
            "low_confidence",
            with_resume(lambda: Doc("cv.txt", "🚀 💻 🐍 ✨".encode(), txt)),
            "words",
        ),
        Case(
            "swapped-documents",
            "low_confidence",
            lambda: (Doc("cv.md", JOB.encode(), md), Doc("job.md", RESUME.encode(), md)),
            "swapped",
        ),
        Case(
            "html-nested-20000-deep",
            "422",
            with_resume(lambda: Doc("cv.html", b"<div>" * 20000 + b"Python" + b"</div>" * 20000)),
            "no text",
        ),
        # Right-to-left and mixed scripts.
        Case("rtl-arabic-resume", "ok", lambda: (Doc("cv.md", rtl_resume().encode(), md), job_md())),
        Case("rtl-hebrew-job", "ok", lambda: (resume_md(), Doc("job.md", hebrew_job().encode(), md))),
        Case(
            "bidi-override-characters",
            "ok",
            lambda: (resume_md("\n\u202eevitcelfer\u202c \u200fPython\u200e\n"), job_md()),
        ),
        Case("turkish-utf8", "ok", lambda: (resume_md("\nÇalıştığım yerler: İzmir, Ağrı, Şişli\n"), job_md())),
        Case("hostile-filename", "ok", lambda: (Doc("../../etc/passwd\u202e.md", RESUME.encode(), md), job_md())),
        # Prompt injection: analysed normally, and it gains nothing over the same documents without it.
        Case(
            "inject-score-100",
            "ok",
            lambda: (resume_md(INJECT_SCORE), job_md()),
            "automated reader",
            baseline=_clean_pair,
        ),
        Case(
            "inject-skills",
            "ok",
            lambda: (resume_md(INJECT_SKILLS), job_md()),
            "automated reader",
            baseline=_clean_pair,
        ),
        Case(
            "inject-chatml",
            "ok",
            lambda: (resume_md(INJECT_CHATML), job_md()),
            "automated reader",
            baseline=_clean_pair,
        ),
        Case(
            "inject-job",
            "ok",
            lambda: (resume_md(), job_md(INJECT_JOB)),
            "automated reader",
            side="job",
            baseline=_clean_pair,
        ),
        Case(
            "inject-hidden-html",
            "ok",
            lambda: (Doc("cv.html", injected_html(), "text/html"), job_md()),
            "automated reader",
            baseline=lambda: (Doc("cv.html", f"<html><body><pre>{RESUME}</pre></body></html>".encode()), job_md()),
        ),
        Case(
            "inject-docx",
            "ok",
            lambda: (Doc("cv.docx", docx_bytes(plain(RESUME) + INJECT_SKILLS)), job_md()),
            "automated reader",
            baseline=lambda: (Doc("cv.docx", docx_bytes(plain(RESUME))), job_md()),
        ),
        Case(
            "inject-pdf",
            "ok",
            lambda: (Doc("cv.pdf", pdf_bytes((plain(RESUME) + INJECT_SKILLS).splitlines())), job_md()),
            "automated reader",
            baseline=lambda: (Doc("cv.pdf", sample_pdf()), job_md()),
        ),
    ]
    return cases


CASES = _cases()
