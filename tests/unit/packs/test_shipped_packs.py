"""Every shipped pack passes the pack checker, as CI runs it: the same rules `mulakat packs check` applies."""

from __future__ import annotations

from mulakat.cli.packs import corpus_shingles
from mulakat.packs.checker import check_claims, check_copied, check_pack
from mulakat.packs.loader import pack_files
from mulakat.skills.taxonomy import load_taxonomy
from tests.support.paths import SHARED_DATA, requires_shared_data


def test_every_pack_resolves_has_its_shape_and_backs_each_rubric_point() -> None:
    taxonomy, files = load_taxonomy(), pack_files()
    problems = check_claims(files) + [p for stem, pack in files.items() for p in check_pack(pack, taxonomy, stem)]
    assert not problems, "\n".join(map(str, problems[:20]))


@requires_shared_data
def test_no_pack_copies_the_shared_corpora() -> None:
    corpus = corpus_shingles([SHARED_DATA / "knowledge"])
    assert len(corpus) > 50_000, "the corpora were read"
    problems = [p for pack in pack_files().values() for p in check_copied(pack, corpus)]
    assert not problems, "\n".join(map(str, problems[:20]))
