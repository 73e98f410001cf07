"""Where the tests find the repository, its samples and the shared data sets."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]  # tests/support/paths.py -> the repository
SAMPLES = ROOT / "samples"
SHARED_DATA = ROOT.parent / "shared" / "data"
# Real, externally written data sits beside the repository in development and CI; a bare clone lacks it.
requires_shared_data = pytest.mark.skipif(
    not SHARED_DATA.exists(),
    reason="needs the shared data folder beside the repository (present in development and CI)",
)
