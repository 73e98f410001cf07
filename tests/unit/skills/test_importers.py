"""Importers read ESCO, O*NET and Linguist from the user's copy and widen our taxonomy without overriding it."""

from __future__ import annotations

import pytest

from mulakat.skills.importers import esco_skills, extend, import_all, linguist_languages, onet_technologies
from mulakat.skills.taxonomy import load_taxonomy
from tests.support.paths import SHARED_DATA, requires_shared_data

TAXONOMIES = SHARED_DATA / "taxonomy"
pytestmark = requires_shared_data


def test_esco_skills_with_labels_and_parents() -> None:
    skills = esco_skills(TAXONOMIES / "esco_v1_1_1")
    assert len(skills) == 13896
    python = next(s for s in skills if s.name == "Python (computer programming)")
    assert "Python3" in python.aliases and python.parent is not None
    assert all(s.id.startswith("esco:") for s in skills)


def test_onet_and_linguist_counts() -> None:
    onet = onet_technologies(TAXONOMIES / "onet_29_2")
    assert 8000 < len(onet) <= 8768
    assert any(s.name == "Microsoft Excel" and "Excel" in s.aliases for s in onet)
    languages = linguist_languages(TAXONOMIES / "github_linguist_languages" / "languages.yml")
    assert len(languages) == 829
    assert any(s.name == "Elm" for s in languages)


def test_extend_keeps_our_meanings_and_adds_new_skills() -> None:
    base = load_taxonomy()
    wider = extend(base, linguist_languages(TAXONOMIES / "github_linguist_languages" / "languages.yml"))
    found = {m.surface: m.skill for m in wider.find("Go, Elm, Haskell and golang; we go home")}
    assert found == {"Go": "go", "Elm": "linguist:elm", "Haskell": "haskell", "golang": "go"}
    assert len(wider.skills) > len(base.skills) + 700


def test_import_specs_are_checked() -> None:
    with pytest.raises(ValueError, match="esco"):
        import_all(["nonsense:/tmp"])


def test_settings_widen_extract(monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from typer.testing import CliRunner

    from mulakat.cli.app import app
    from mulakat.storage.settings import get_settings

    linguist = TAXONOMIES / "github_linguist_languages" / "languages.yml"
    text = b"Skills\nElm, Haskell\n"
    plain = json.loads(CliRunner().invoke(app, ["extract", "-", "--json"], input=text).stdout)
    monkeypatch.setenv("MULAKAT_TAXONOMY_IMPORTS", json.dumps([f"linguist:{linguist}"]))
    get_settings.cache_clear()
    try:
        wider = json.loads(CliRunner().invoke(app, ["extract", "-", "--json"], input=text).stdout)
    finally:
        monkeypatch.delenv("MULAKAT_TAXONOMY_IMPORTS")
        get_settings.cache_clear()
    assert not any(s["skill_id"] == "linguist:elm" for s in plain["skills"])
    assert any(s["skill_id"] == "linguist:elm" for s in wider["skills"])
