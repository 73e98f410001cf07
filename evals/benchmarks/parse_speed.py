"""Warm parse and extraction time of a two-page PDF resume (generated here with reportlab, a dev extra)."""

from __future__ import annotations

import io
import statistics
import time
from pathlib import Path

from mulakat.documents.reader import read_document
from mulakat.skills.extract_report import extract
from mulakat.skills.tagger import load_tagger
from mulakat.skills.taxonomy import load_taxonomy


def two_page_pdf(markdown: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    y = 800
    lines = [line.lstrip("#- ").strip() for line in markdown.splitlines()] * 2  # two pages of text
    for line in lines:
        if y < 60:
            pdf.showPage()
            y = 800
        pdf.drawString(50, y, line[:110])
        y -= 14
    pdf.save()
    return buf.getvalue()


def _median_ms(fn: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def speed_table(resume_md: Path, runs: int = 20) -> list[list[str]]:
    data = two_page_pdf(resume_md.read_text(encoding="utf-8"))
    taxonomy, tagger = load_taxonomy(), load_tagger()
    doc = read_document("resume", "resume.pdf", data)  # first call pays the imports
    pages = data.count(b"/Type /Page") - data.count(b"/Type /Pages")
    rows = [
        [
            "parse (PDF -> text, sections, quality)",
            f"{_median_ms(lambda: read_document('resume', 'r.pdf', data), runs):.1f}",
        ],
        ["taxonomy matching", f"{_median_ms(lambda: list(taxonomy.find(doc.text)), runs):.1f}"],
        ["extraction (tagger + taxonomy + roles)", f"{_median_ms(lambda: extract(doc, taxonomy, tagger), runs):.1f}"],
    ]
    return [[f"{name} ({pages} pages, {len(doc.text.split())} words)", ms] for name, ms in rows]
