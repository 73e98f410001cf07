import io

import pytest

from mulakat.documents.parsing import DocumentError
from mulakat.documents.reader import read_document
from tests.support.paths import SAMPLES, SHARED_DATA, requires_shared_data


def test_markdown_resume_sections_in_order() -> None:
    doc = read_document("resume", "resume.md", (SAMPLES / "resume.md").read_bytes())
    names = [s.name for s in doc.sections]
    assert names == ["header", "summary", "experience", "skills", "projects", "education"]
    # Sections tile the text with no gap or overlap.
    assert doc.sections[0].start == 0 and doc.sections[-1].end == len(doc.text)
    assert all(a.end == b.start for a, b in zip(doc.sections, doc.sections[1:], strict=False))
    assert doc.quality.confidence == 1.0


def test_job_sections_and_inline_heading() -> None:
    text = "Backend Engineer\n\nRequirements: 3+ years of Go\n\nNice to have\n- Rust\n\nBenefits\n- Gym\n"
    doc = read_document("job", "job.txt", text.encode())
    assert [s.name for s in doc.sections] == ["about", "requirements", "nice_to_have", "benefits"]


def test_pdf_text_is_extracted() -> None:
    canvas_mod = pytest.importorskip("reportlab.pdfgen.canvas", reason="reportlab is a dev extra")
    buf = io.BytesIO()
    pdf = canvas_mod.Canvas(buf)
    for i, line in enumerate(["Experience", "Backend Engineer (2020 - 2024): Python, Docker", "Skills", "SQL"]):
        pdf.drawString(72, 760 - 20 * i, line)
    pdf.save()
    doc = read_document("resume", "cv.pdf", buf.getvalue())
    assert "Python, Docker" in doc.text
    assert doc.section_at(doc.text.index("Python")) == "experience"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("cv.exe", b"MZ...", "unsupported file type"),
        ("cv.txt", b"   \n", "empty"),
        ("cv.docx", b"not a zip", "not a readable DOCX"),
        ("cv.pdf", b"%PDF-1.4 garbage", "no text could be read|not a readable PDF"),
        ("cv.txt", "Café résumé".encode("latin-1"), "not UTF-8"),
    ],
)
def test_bad_documents_get_a_clear_error(name: str, data: bytes, message: str) -> None:
    with pytest.raises(DocumentError, match=message):
        read_document("resume", name, data)


def test_short_document_lowers_confidence() -> None:
    doc = read_document("job", "job.txt", b"Python developer wanted")
    assert doc.quality.confidence < 0.5
    assert any("words" in m for m in doc.quality.messages)


@requires_shared_data
def test_real_docx_resume_parses() -> None:
    path = SHARED_DATA / "documents" / "vanetik_cvs_31_65" / "31.docx"
    doc = read_document("resume", path.name, path.read_bytes())
    assert "experience" in {s.name for s in doc.sections}
    assert "Spring" in doc.text


def test_swapped_documents_are_flagged() -> None:
    resume_as_job = read_document("job", "resume.md", (SAMPLES / "resume.md").read_bytes())
    assert resume_as_job.quality.confidence <= 0.6
    assert any("not a job posting" in m for m in resume_as_job.quality.messages)
    assert read_document("resume", "resume.md", (SAMPLES / "resume.md").read_bytes()).quality.messages == []


def test_damaged_text_is_flagged() -> None:
    spaced = "Experience\n" + " ".join("J ava and T ypeScript dev eloper at A cme" for _ in range(10))
    assert any("split apart" in m for m in read_document("resume", "cv.txt", spaced.encode()).quality.messages)
    garbled = "Experience\n" + "Senior engineer at CafÃ© â€œAcmeâ€\x9d building APIs. " * 10
    assert any("garbled" in m for m in read_document("resume", "cv.txt", garbled.encode()).quality.messages)
    columns = "Jane Doe\nEXPERIENCE Wordpress\nAcme 2019 - 2021\nSKILLS\nPython\n" + "Built APIs in Python. " * 10
    assert any("two columns" in m for m in read_document("resume", "cv.txt", columns.encode()).quality.messages)
