"""What trace redaction replaces in text and documents, and what it leaves alone."""

from __future__ import annotations

from mulakat.storage import tracing


def test_redaction_rules() -> None:
    tracing.NAMES.remember_from_resume("# Ayşe Yılmaz-Demir\n\nEngineer")
    text = (
        "Ayşe Yılmaz-Demir, ayse@mail.example.org, +1 (415) 555-0100, 221 Baker Street, "
        "github.com/ayse and https://ayse.dev/cv; Python 3.12 since 2019; 40 hours."
    )
    out = tracing.redact_text(text)
    assert out.startswith("[name], [email], [phone], [address], [link] and [link];")
    assert "Python 3.12 since 2019; 40 hours." in out, "versions, years and figures are not phone numbers"
    doc = tracing.redact({"resume": {"text": "x" * 400, "sections": [{"name": "skills"}]}, "text": "short answer"})
    assert doc == {
        "resume": {"text": "[document text: 400 chars]", "sections": [{"name": "skills"}]},
        "text": "short answer",
    }
